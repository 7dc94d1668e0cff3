//! File-name patterns for `--glob`: `*` and `?` within a name, `**` across folders; the
//! default pattern ignores case. Matching is done by `globset`.

use globset::{GlobBuilder, GlobMatcher};

/// A compiled pattern. Without a `/` it is matched against the file name; with one, against
/// the path relative to the input folder (with `/` separators).
#[derive(Debug, Clone)]
pub struct Glob {
    pattern: String,
    whole_path: bool,
    ignore_case: bool,
    matcher: GlobMatcher,
}

/// The pattern `run` uses when given none: `*.txt`, in any case (`.TXT`, `.Txt`).
pub const DEFAULT_GLOB: &str = "*.txt";

impl PartialEq for Glob {
    fn eq(&self, other: &Glob) -> bool {
        (&self.pattern, self.ignore_case) == (&other.pattern, other.ignore_case)
    }
}

impl Eq for Glob {}

impl Glob {
    /// Compile `pattern`. Every pattern is valid: characters other than `*` and `?` match
    /// themselves (`[`, `{` and `\` included). `*` and `?` stop at `/`; `**` crosses folders
    /// when it is a whole path component (`**/x`, `a/**/x`, `a/**`), elsewhere it is `*`.
    pub fn new(pattern: &str) -> Glob {
        Glob::compile(pattern, false)
    }

    /// The same pattern, matching letters in any case.
    pub fn ignoring_case(self) -> Glob {
        Glob::compile(&self.pattern, true)
    }

    fn compile(pattern: &str, ignore_case: bool) -> Glob {
        let matcher = GlobBuilder::new(&literal_brackets(pattern))
            .literal_separator(true)
            .backslash_escape(false)
            .case_insensitive(ignore_case)
            .build()
            // with `[`, `]`, `{` and `}` taken literally no pattern is malformed
            .expect("a glob without classes or alternates always compiles")
            .compile_matcher();
        Glob { pattern: pattern.to_string(), whole_path: pattern.contains('/'), ignore_case, matcher }
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
        self.matcher.is_match(subject)
    }
}

/// `pattern` with the characters `globset` reads as classes and alternates (`[ ] { }`) each
/// put in a one-character class, so that they match themselves.
fn literal_brackets(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    for c in pattern.chars() {
        match c {
            '[' | ']' | '{' | '}' => {
                out.push('[');
                out.push(c);
                out.push(']');
            }
            c => out.push(c),
        }
    }
    out
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
        assert!(Glob::new("2024/**").matches("2024/q1/a.txt"));
    }

    #[test]
    fn brackets_braces_and_backslashes_match_themselves() {
        assert!(Glob::new("[draft] {v2}.txt").matches("x/[draft] {v2}.txt"));
        assert!(!Glob::new("[draft].txt").matches("d.txt"));
        assert!(Glob::new("a\\b.txt").matches("a\\b.txt"));
        assert!(Glob::new("]x[.txt").matches("]x[.txt"));
    }
}
