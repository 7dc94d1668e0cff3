//! Line splitting that keeps each line's ending ("\n", "\r\n", "\r" or none), so the restored
//! text can be written back with the input's exact layout.

/// One line of the input: its content and the ending that followed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// The line without its ending.
    pub content: &'a str,
    /// "\n", "\r\n", "\r", or "" for a last line without a final newline.
    pub ending: &'a str,
}

/// Split `text` into lines. An empty text has no lines; a text ending in a newline has no
/// empty last line (so "a\nb\n" is two lines, as editors and `wc -l` count them).
pub fn split_lines(text: &str) -> Vec<Line<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(Line { content: &text[start..i], ending: &text[i..i + 1] });
                i += 1;
                start = i;
            }
            b'\r' => {
                let end = if bytes.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
                out.push(Line { content: &text[start..i], ending: &text[i..end] });
                i = end;
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        out.push(Line { content: &text[start..], ending: "" });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings_are_kept() {
        let t = "a\r\nb\rc\n\nd";
        let lines = split_lines(t);
        let joined: String = lines.iter().map(|l| format!("{}{}", l.content, l.ending)).collect();
        assert_eq!(joined, t);
        assert_eq!(lines.len(), 5);
        assert_eq!(lines[0], Line { content: "a", ending: "\r\n" });
        assert_eq!(lines[1].ending, "\r");
        assert_eq!(lines[3].content, "");
        assert_eq!(lines[4], Line { content: "d", ending: "" });
        assert!(split_lines("").is_empty());
        assert_eq!(split_lines("x\n").len(), 1);
    }
}
