//! Cutting a long decoded text into pieces of whole lines (after a blank line when one is near)
//! so a huge file is restored and written piece by piece in bounded memory.

/// The end (exclusive) of the line that starts at `at`, its ending included; `None` when the
/// text ends without one.
fn line_end(bytes: &[u8], at: usize) -> Option<usize> {
    let k = bytes[at..].iter().position(|&b| b == b'\n' || b == b'\r')?;
    let i = at + k;
    Some(if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 })
}

/// Where the piece that starts at `start` ends: after the first blank line that ends between
/// the last line start up to `start + target` and `start + 2 * target`, or else at that line
/// start (or after the first line ending, for a line longer than `target`). Whole lines
/// always; a CRLF is never cut. Paragraphs are restored on
/// their own, so a cut after a blank line changes nothing in the result.
fn cut(text: &str, start: usize, target: usize) -> usize {
    let bytes = text.as_bytes();
    if text.len() - start <= target {
        return text.len();
    }
    // the last line start at or before start + target (never between the \r and \n of a CRLF)
    let mut at = start + target;
    while at > start && !matches!(bytes[at - 1], b'\n' | b'\r') {
        at -= 1;
    }
    if at > start && bytes[at - 1] == b'\r' && bytes[at] == b'\n' {
        at += 1;
    }
    if at == start {
        at = match line_end(bytes, start + target) {
            Some(e) => e,
            None => return text.len(),
        };
    }
    let first = at;
    let limit = start + 2 * target;
    while at < text.len() && at < limit {
        let end = line_end(bytes, at).unwrap_or(text.len());
        if text[at..end].trim().is_empty() {
            return end;
        }
        at = end;
    }
    first
}

/// How much of `text` (decoded so far from an input that goes on) can be restored now: up to
/// the end of the last blank line in its second half, else of its last line (a final lone
/// "\r" may be the start of a "\r\n" and does not count); 0 when it holds no line end.
pub fn settled_prefix(text: &str) -> usize {
    let b = text.as_bytes();
    let is_end = |i: usize| b[i] == b'\n' || (b[i] == b'\r' && i + 1 < b.len());
    let Some(last) = (0..b.len()).rev().find(|&i| is_end(i)) else { return 0 };
    let settled = last + 1;
    // look back for a blank line, down to the middle of the text
    let mut end = settled;
    while end > b.len() / 2 {
        let start = b[..end - 1].iter().rposition(|&c| c == b'\n' || c == b'\r').map_or(0, |i| i + 1);
        if text[start..end].trim().is_empty() {
            return end;
        }
        if start == 0 {
            break;
        }
        end = start;
    }
    settled
}

/// Most lines in a piece: a text of many short lines costs memory per line, not per byte.
pub const MAX_PIECE_LINES: usize = 16_384;

/// Bytes of the first `lines` lines of `text` from `start`, if it has that many within
/// `limit` bytes.
fn bytes_of_lines(text: &str, start: usize, lines: usize, limit: usize) -> Option<usize> {
    let window = &text.as_bytes()[start..text.len().min(start + limit)];
    let mut seen = 0;
    for (i, &b) in window.iter().enumerate() {
        if b == b'\n' {
            seen += 1;
            if seen == lines {
                return Some(i + 1);
            }
        }
    }
    None
}

/// Pieces of `text` of about `target` bytes and at most about [`MAX_PIECE_LINES`] lines (a
/// single line longer than that stays whole); they concatenate back to `text`.
pub fn pieces(text: &str, target: usize) -> impl Iterator<Item = &str> {
    pieces_of(text, target, MAX_PIECE_LINES)
}

fn pieces_of(text: &str, target: usize, max_lines: usize) -> impl Iterator<Item = &str> {
    let target = target.max(1);
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let t = bytes_of_lines(text, start, max_lines, target).unwrap_or(target);
        let end = cut(text, start, t);
        let piece = &text[start..end];
        start = end;
        Some(piece)
    })
}

#[cfg(test)]
mod tests {
    use super::pieces;

    fn check(text: &str, target: usize) -> Vec<&str> {
        let p: Vec<&str> = pieces(text, target).collect();
        assert_eq!(p.concat(), text);
        for (k, piece) in p.iter().enumerate() {
            assert!(!piece.is_empty());
            if k + 1 < p.len() {
                assert!(piece.ends_with(['\n', '\r']), "{piece:?}");
                // a CRLF stays whole
                assert!(!(piece.ends_with('\r') && p[k + 1].starts_with('\n')), "{piece:?}");
            }
        }
        p
    }

    #[test]
    fn whole_lines_and_blank_lines_preferred() {
        assert_eq!(check("", 4), Vec::<&str>::new());
        assert_eq!(check("abc", 4), ["abc"]);
        assert_eq!(check("aaaa bbbb cccc", 4), ["aaaa bbbb cccc"]);
        assert_eq!(check("aa\nbb\ncc\n\ndd\nee\n", 6), ["aa\nbb\ncc\n\n", "dd\nee\n"]);
        // no blank line within reach: the first line end past the target
        assert_eq!(check("aa\nbb\ncc\ndd\nee\nff\n", 6), ["aa\nbb\n", "cc\ndd\n", "ee\nff\n"]);
        assert_eq!(check("aaaaaaa\nb", 4), ["aaaaaaa\n", "b"]);
    }

    #[test]
    fn many_short_lines_make_several_pieces() {
        let text = "a b\n".repeat(10);
        let p: Vec<&str> = super::pieces_of(&text, 1000, 4).collect();
        assert_eq!(p.concat(), text);
        assert!(p.len() >= 2 && p.iter().all(|x| x.matches('\n').count() <= 8), "{p:?}");
        // a blank line within reach is still where the cut goes
        let text = "a\nb\nc\n\nd\ne\nf\n";
        assert_eq!(super::pieces_of(text, 1000, 2).next(), Some("a\nb\nc\n\n"));
    }

    #[test]
    fn settled_prefixes_end_after_a_line_or_a_blank_line() {
        use super::settled_prefix;
        assert_eq!(settled_prefix(""), 0);
        assert_eq!(settled_prefix("abc"), 0);
        assert_eq!(settled_prefix("abc\r"), 0);
        assert_eq!(settled_prefix("a\nb\nc"), 4);
        assert_eq!(settled_prefix("a\r\nb\r"), 3);
        assert_eq!(settled_prefix("aaaa\nb\n\nc\nd"), 8);
        // a blank line in the first half is too far back
        assert_eq!(settled_prefix("a\n\nbbbbbbbbbbbb\ncc\nd"), 19);
    }

    #[test]
    fn endings_are_never_cut() {
        let text = "ab\r\ncd\r\n\r\nef\rgh\r\rij\r\n";
        for target in 1..text.len() + 2 {
            check(text, target);
        }
        let long = "Kết quả thực hiện\r\n".repeat(500) + "  \r\n" + &"dòng\r".repeat(300);
        for target in [1, 7, 100, 1000, 4096] {
            check(&long, target);
        }
    }
}
