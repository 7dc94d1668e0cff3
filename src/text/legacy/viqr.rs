//! VIQR (RFC 1456, "Vietnamese Quoted-Readable"): plain ASCII with the marks typed after the
//! vowel: ^ ( + for circumflex, breve and horn, then ' ` ? ~ . for sắc, huyền, hỏi, ngã,
//! nặng; "dd" is đ. A backslash makes the next mark character (or d, or a backslash) literal.

use super::super::letters::{self, Letter, Mark, Tone, MARKED_TONES};
use super::super::sink::Sink;

/// Tone characters, indexed like `MARKED_TONES`.
const TONES: [u8; 5] = [b'\'', b'`', b'?', b'~', b'.'];

/// Characters a backslash makes literal.
fn escapable(b: u8) -> bool {
    TONES.contains(&b) || matches!(b, b'^' | b'(' | b'+' | b'\\' | b'd' | b'D')
}

fn is_vowel(b: u8) -> bool {
    matches!(b.to_ascii_lowercase(), b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Decode VIQR text (already decoded from UTF-8; characters outside ASCII pass through).
pub(crate) fn decode(text: &str, sink: &mut Sink) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if !c.is_ascii() {
            let ch = text[i..].chars().next().unwrap_or('\u{FFFD}');
            sink.push(ch);
            i += ch.len_utf8();
            continue;
        }
        let next = b.get(i + 1).copied();
        if c == b'\\' && next.is_some_and(escapable) {
            sink.push(char::from(b[i + 1]));
            i += 2;
        } else if c.eq_ignore_ascii_case(&b'd') && next.is_some_and(|n| n.eq_ignore_ascii_case(&b'd')) {
            sink.push(if c == b'D' { 'Đ' } else { 'đ' });
            i += 2;
        } else if is_vowel(c) {
            let base = c.to_ascii_lowercase();
            let mut letter =
                Letter { base, mark: Mark::None, tone: Tone::Level, upper: c.is_ascii_uppercase() };
            let mut j = i + 1;
            let mark = match (base, b.get(j)) {
                (b'a' | b'e' | b'o', Some(b'^')) => Mark::Circumflex,
                (b'a', Some(b'(')) => Mark::Breve,
                (b'o' | b'u', Some(b'+')) => Mark::Horn,
                _ => Mark::None,
            };
            if mark != Mark::None {
                letter.mark = mark;
                j += 1;
            }
            if let Some(t) = b.get(j).and_then(|t| TONES.iter().position(|x| x == t)) {
                letter.tone = MARKED_TONES[t];
                j += 1;
            }
            sink.push(letter.to_char().unwrap_or(char::from(c)));
            i = j;
        } else {
            sink.push(char::from(c));
            i += 1;
        }
    }
}

/// Encode `text` (NFC) as VIQR, appending UTF-8 to `out` (characters that are neither ASCII
/// nor Vietnamese letters stay as they are, so this is always faithful).
pub(crate) fn encode(text: &str, out: &mut Vec<u8>) {
    let mut prev_vowel = false;
    // Whether the last thing written was an unescaped literal d, which a following d would
    // turn into đ.
    let mut plain_d = false;
    for c in text.chars() {
        let was_plain_d = std::mem::take(&mut plain_d);
        let letter =
            letters::parse(c).filter(|l| !c.is_ascii() && (l.mark != Mark::None || l.tone != Tone::Level));
        if let Some(l) = letter {
            if was_plain_d && l.mark == Mark::Stroke {
                // "d" then "dd" would read as "đd": make the earlier d literal.
                out.insert(out.len().saturating_sub(1), b'\\');
            }
            push_letter(l, out);
        } else if c == '\\' {
            out.extend(b"\\\\");
        } else if c.is_ascii() && escapable(c as u8) && (prev_vowel && c != 'd' && c != 'D' || was_plain_d) {
            out.extend([b'\\', c as u8]);
        } else {
            plain_d = c == 'd' || c == 'D';
            let mut buf = [0; 4];
            out.extend(c.encode_utf8(&mut buf).as_bytes());
        }
        prev_vowel = letters::parse(c).is_some_and(|l| l.is_vowel());
    }
}

fn push_letter(l: Letter, out: &mut Vec<u8>) {
    let base = if l.upper { l.base.to_ascii_uppercase() } else { l.base };
    if l.mark == Mark::Stroke {
        out.extend([base, base]);
        return;
    }
    out.push(base);
    match l.mark {
        Mark::Circumflex => out.push(b'^'),
        Mark::Breve => out.push(b'('),
        Mark::Horn => out.push(b'+'),
        Mark::None | Mark::Stroke => {}
    }
    if let Some(t) = MARKED_TONES.iter().position(|&t| t == l.tone) {
        out.push(TONES[t]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> String {
        let mut s = Sink::with_capacity(0);
        decode(text, &mut s);
        s.finish()
    }

    fn enc(text: &str) -> String {
        let mut out = Vec::new();
        encode(text, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn issue_example_and_rfc_forms() {
        assert_eq!(dec("Vie^.t Nam"), "Việt Nam");
        assert_eq!(dec("DDa` Na(~ng, ddu+o+.c ngu+o+`i"), "Đà Nẵng, được người");
        assert_eq!(dec("Ba\\.n co' kho^ng\\?"), "Ba.n có không?");
        assert_eq!(dec("C:\\x"), "C:\\x");
    }

    #[test]
    fn literal_marks_are_escaped() {
        assert_eq!(enc("Việt Nam."), "Vie^.t Nam.");
        assert_eq!(enc("Hòa. Ai? a^ (a+) add \\"), "Ho`a\\. Ai\\? a\\^ (a\\+) ad\\d \\\\");
        for t in ["Hòa. Ai? a^ (a+) add \\ ddd dđ", "e'te' x.y a.b", "“Đ”ĐĐđ"] {
            assert_eq!(dec(&enc(t)), super::super::super::tone_style::normalize_tone_style(t), "{t}");
        }
    }
}
