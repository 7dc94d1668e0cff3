//! File-name patterns for `--glob`: `*` and `?` within a name, `**` across folders; the
//! default pattern ignores case.

/// A compiled pattern. Without a `/` it is matched against the file name; with one, against
/// the path relative to the input folder (with `/` separators).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob {
    pattern: Vec<char>,
    whole_path: bool,
    ignore_case: bool,
}

/// The pattern `run` uses when given none: `*.txt`, in any case (`.TXT`, `.Txt`).
pub const DEFAULT_GLOB: &str = "*.txt";

impl Glob {
    /// Compile `pattern`. Every pattern is valid: characters other than `*` and `?` match
    /// themselves.
    pub fn new(pattern: &str) -> Glob {
        Glob { pattern: pattern.chars().collect(), whole_path: pattern.contains('/'), ignore_case: false }
    }

    /// The same pattern, matching letters in any case.
    pub fn ignoring_case(self) -> Glob {
        Glob {
            pattern: self.pattern.iter().flat_map(|c| c.to_lowercase()).collect(),
            ignore_case: true,
            ..self
        }
    }

    /// The patterns of a batch given none: [`DEFAULT_GLOB`] in any case.
    pub fn default_set() -> Vec<Glob> {
        vec![Glob::new(DEFAULT_GLOB).ignoring_case()]
    }

    /// True when the file at `relative` (a path relative to its input folder, `/`-separated)
    /// matches.
    pub fn matches(&self, relative: &str) -> bool {
        let subject =
            if self.whole_path { relative } else { relative.rsplit('/').next().unwrap_or(relative) };
        let text: Vec<char> = match self.ignore_case {
            true => subject.chars().flat_map(|c| c.to_lowercase()).collect(),
            false => subject.chars().collect(),
        };
        matches_at(&self.pattern, &text)
    }
}

/// Backtracking match; `*` does not cross `/`, `**` does.
fn matches_at(p: &[char], t: &[char]) -> bool {
    match p.first() {
        None => t.is_empty(),
        Some('*') if p.get(1) == Some(&'*') => {
            let mut rest = &p[2..];
            if rest.first() == Some(&'/') {
                // "**/" also matches no folder at all
                rest = &rest[1..];
            }
            (0..=t.len()).any(|i| matches_at(rest, &t[i..]))
        }
        Some('*') => {
            let rest = &p[1..];
            for i in 0..=t.len() {
                if matches_at(rest, &t[i..]) {
                    return true;
                }
                if i < t.len() && t[i] == '/' {
                    break;
                }
            }
            false
        }
        Some('?') => t.first().is_some_and(|&c| c != '/') && matches_at(&p[1..], &t[1..]),
        Some(&c) => t.first() == Some(&c) && matches_at(&p[1..], &t[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::Glob;

    #[test]
    fn name_patterns_match_the_file_name_anywhere() {
        let g = Glob::new("*.txt");
        assert!(g.matches("a.txt"));
        assert!(g.matches("sub/dir/b.txt"));
        assert!(!g.matches("a.txt.bak"));
        assert!(!g.matches("a.md"));
        assert!(Glob::new("00?.txt").matches("x/003.txt"));
        assert!(!Glob::new("00?.txt").matches("0033.txt"));
    }

    #[test]
    fn the_default_pattern_ignores_case_and_others_do_not() {
        let d = &Glob::default_set()[0];
        for name in ["a.txt", "A.TXT", "sub/b.Txt"] {
            assert!(d.matches(name), "{name}");
        }
        assert!(!d.matches("a.TXT.bak") && !d.matches("a.md"));
        assert!(!Glob::new("*.txt").matches("A.TXT"));
    }

    #[test]
    fn path_patterns_match_the_relative_path() {
        assert!(Glob::new("2024/*.txt").matches("2024/a.txt"));
        assert!(!Glob::new("2024/*.txt").matches("2024/q1/a.txt"));
        assert!(Glob::new("2024/**/*.txt").matches("2024/q1/a.txt"));
        assert!(Glob::new("**/*.txt").matches("a.txt"));
        assert!(!Glob::new("*/a.txt").matches("x/y/a.txt"));
    }
}
