//! Heading numbers ("I.", "1.", "a)") turned into a section path such as "II.1.a" for every
//! line, so each figure can say which part of the report it comes from.

use std::sync::LazyLock;

use regex::Regex;

static ROMAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(X{0,3}(?:IX|IV|V?I{1,3}|V|X))\.\s*\S").unwrap_or_else(|e| panic!("{e}")));
static ARABIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{1,2})(?:\.([0-9]{1,2}))?\.?\s+\p{Lu}").unwrap_or_else(|e| panic!("{e}"))
});
static LETTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([a-zđ])\)\s+\S").unwrap_or_else(|e| panic!("{e}")));

/// The heading number of a line, if it starts with one: (level 0..=2, label).
fn heading(line: &str) -> Option<Vec<(usize, String)>> {
    let t = line.trim_start().trim_start_matches(['#', '*', ' ', '\t']);
    if let Some(c) = ROMAN.captures(t) {
        return Some(vec![(0, c[1].to_string())]);
    }
    if let Some(c) = ARABIC.captures(t) {
        // "1.500 tin" is a number, not a heading: the label must be followed by '.' or a space
        // and the line must not read as "1.500".
        let mut v = vec![(1, c[1].to_string())];
        if let Some(sub) = c.get(2) {
            v.push((2, sub.as_str().to_string()));
        }
        return Some(v);
    }
    if let Some(c) = LETTER.captures(t) {
        return Some(vec![(2, c[1].to_string())]);
    }
    None
}

/// The heading labels in force, by level.
pub type Path = [Option<String>; 3];

/// For each line: the section path in force ("II.1.a", "" before the first heading) and
/// whether the line is itself a heading.
#[cfg(test)]
pub fn sections<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<(String, bool)> {
    sections_from(&mut Path::default(), lines, false)
}

/// [`sections`] of lines that follow others whose headings left `path` in force (the blocks
/// of a document read in blocks); `path` is left as the last line leaves it. With
/// `first_continues`, the first line is the rest of a line cut inside.
pub fn sections_from<'a>(
    path: &mut Path,
    lines: impl Iterator<Item = &'a str>,
    first_continues: bool,
) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for (i, line) in lines.enumerate() {
        // the rest of a line cut inside is no heading, whatever it starts with
        let h = if i == 0 && first_continues { None } else { heading(line) };
        if let Some(parts) = &h {
            if let Some((lvl, _)) = parts.first() {
                for p in path.iter_mut().skip(*lvl) {
                    *p = None;
                }
            }
            for (lvl, label) in parts {
                if let Some(p) = path.get_mut(*lvl) {
                    *p = Some(label.clone());
                }
            }
        }
        let s: Vec<&str> = path.iter().flatten().map(String::as_str).collect();
        out.push((s.join("."), h.is_some()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_follow_headings() {
        let lines = [
            "Kính gửi: Bộ Nội vụ",
            "I. CÔNG TÁC CHỈ ĐẠO",
            "1. Ban hành văn bản",
            "text 1.500 tin",
            "II. KẾT QUẢ",
            "1. Cải cách thể chế",
            "a) Công tác xây dựng",
            "- Chủ tịch ban hành 25 Quyết định",
            "b) Công tác rà soát",
            "2. Cải cách TTHC",
            "#### III. ĐÁNH GIÁ",
        ];
        let s = sections(lines.iter().copied());
        let paths: Vec<&str> = s.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["", "I", "I.1", "I.1", "II", "II.1", "II.1.a", "II.1.a", "II.1.b", "II.2", "III"]);
        assert!(s[1].1 && !s[3].1 && s[10].1);
        // read in two parts, the second starts in the section the first left
        let mut path = Path::default();
        let first = sections_from(&mut path, lines[..7].iter().copied(), false);
        let second = sections_from(&mut path, lines[7..].iter().copied(), false);
        assert_eq!([first, second].concat(), s);
    }
}
