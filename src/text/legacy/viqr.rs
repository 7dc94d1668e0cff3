//! VIQR (RFC 1456, "Vietnamese Quoted-Readable"): plain ASCII with the marks typed after the
//! vowel: ^ ( + for circumflex, breve and horn, then ' ` ? ~ . for sắc, huyền, hỏi, ngã,
//! nặng; "dd" is đ. A backslash makes the next mark character (or d, or a backslash) literal.
//!
//! Converters rarely escape: they write "Hà Nội." as `Ha` No^.i.` and "Hòa." as `Ho`a.`.
//! So in a file without any backslash escape, a tone character right after a vowel that
//! ends the word (a space, the end of the line or punctuation follows) is literal
//! punctuation when applying it would not make a valid Vietnamese syllable (a second tone, a
//! tone the syllable cannot take); `vu..` is "vụ.". A file with escapes follows the RFC.

use super::super::sink::Sink;
use crate::viet::letter::{self, Letter, Mark};
use crate::viet::tone::{Tone, MARKED_TONES};

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
    decode_with(text, sink, !has_escape(text.as_bytes()));
}

/// Whether `b` holds a backslash escape (then it was written the RFC way).
fn has_escape(b: &[u8]) -> bool {
    b.windows(2).any(|w| w[0] == b'\\' && escapable(w[1]))
}

/// Decode; `lenient` reads word-final tone characters that make no syllable as punctuation.
fn decode_with(text: &str, sink: &mut Sink, lenient: bool) {
    let b = text.as_bytes();
    let mut i = 0;
    // the letters of the word decoded so far
    let mut word = String::new();
    // `c` took `n` bytes of the file
    let push = |c: char, n: usize, sink: &mut Sink, word: &mut String| {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            word.clear();
        }
        if n == c.len_utf8() {
            sink.push(c);
        } else {
            sink.push_width(c, n);
        }
    };
    while i < b.len() {
        let c = b[i];
        if !c.is_ascii() {
            let ch = text[i..].chars().next().unwrap_or('\u{FFFD}');
            push(ch, ch.len_utf8(), sink, &mut word);
            i += ch.len_utf8();
            continue;
        }
        let next = b.get(i + 1).copied();
        if c == b'\\' && next.is_some_and(escapable) {
            push(char::from(b[i + 1]), 2, sink, &mut word);
            i += 2;
        } else if c.eq_ignore_ascii_case(&b'd') && next.is_some_and(|n| n.eq_ignore_ascii_case(&b'd')) {
            push(if c == b'D' { 'Đ' } else { 'đ' }, 2, sink, &mut word);
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
                let toned = Letter { tone: MARKED_TONES[t], ..letter };
                if !(lenient && ends_word(b.get(j + 1).copied()) && !valid_with(&word, toned)) {
                    letter = toned;
                    j += 1;
                }
            }
            push(letter.to_char().unwrap_or(char::from(c)), j - i, sink, &mut word);
            i = j;
        } else {
            push(char::from(c), 1, sink, &mut word);
            i += 1;
        }
    }
}

/// Whether a word ends before byte `next`: the end of the text, a space or line end, or
/// punctuation that follows words.
fn ends_word(next: Option<u8>) -> bool {
    next.is_none_or(|n| n.is_ascii_whitespace() || b".,;:!?)]}\"'".contains(&n))
}

/// Whether `word` followed by `last` is a valid Vietnamese syllable.
fn valid_with(word: &str, last: Letter) -> bool {
    let Some(c) = last.to_char() else { return false };
    let mut w = String::with_capacity(word.len() + 4);
    w.push_str(word);
    w.push(c);
    crate::viet::is_valid(&w)
}

/// Encode `text` (NFC) as VIQR, appending UTF-8 to `out` (characters that are neither ASCII
/// nor Vietnamese letters stay as they are). False only when the text has a word-final tone
/// that makes no valid syllable (which a file without escapes reads as punctuation) and no
/// character that could be escaped to mark the file as written the RFC way.
pub(crate) fn encode(text: &str, out: &mut Vec<u8>) -> bool {
    let start = out.len();
    encode_with(text, out, false);
    let piece = &out[start..];
    if has_escape(piece) {
        return true;
    }
    let as_written = String::from_utf8_lossy(piece).into_owned();
    let (mut strict, mut lenient) = (Sink::with_capacity(0), Sink::with_capacity(0));
    decode_with(&as_written, &mut strict, false);
    decode_with(&as_written, &mut lenient, true);
    if strict.finish() == lenient.finish() {
        return true;
    }
    out.truncate(start);
    encode_with(text, out, true)
}

/// Encode; with `force_escape`, escape the first literal character that can be escaped (so
/// that the file reads the RFC way); returns whether some escape was written.
fn encode_with(text: &str, out: &mut Vec<u8>, force_escape: bool) -> bool {
    let mut escaped = false;
    let mut prev_vowel = false;
    // Whether the last thing written was an unescaped literal d, which a following d would
    // turn into đ.
    let mut plain_d = false;
    for c in text.chars() {
        let was_plain_d = std::mem::take(&mut plain_d);
        let letter =
            letter::parse(c).filter(|l| !c.is_ascii() && (l.mark != Mark::None || l.tone != Tone::Level));
        if let Some(l) = letter {
            if was_plain_d && l.mark == Mark::Stroke {
                // "d" then "dd" would read as "đd": make the earlier d literal.
                out.insert(out.len().saturating_sub(1), b'\\');
                escaped = true;
            }
            push_letter(l, out);
        } else if c == '\\' {
            out.extend(b"\\\\");
            escaped = true;
        } else if c.is_ascii()
            && escapable(c as u8)
            && (prev_vowel && c != 'd' && c != 'D' || was_plain_d || force_escape && !escaped)
        {
            out.extend([b'\\', c as u8]);
            escaped = true;
        } else {
            plain_d = c == 'd' || c == 'D';
            let mut buf = [0; 4];
            out.extend(c.encode_utf8(&mut buf).as_bytes());
        }
        prev_vowel = letter::parse(c).is_some_and(|l| l.is_vowel());
    }
    escaped
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
        assert!(encode(text, &mut out));
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
    fn converters_unescaped_periods_stay_periods() {
        assert_eq!(dec("Ha` No^.i."), "Hà Nội.");
        assert_eq!(dec("Ho`a. Thu+o+`ng tru*.c."), "Hòa. Thường tru*.c.");
        assert_eq!(dec("nhie^.m vu.. Ke^'t qua?: to^'t."), "nhiệm vụ. Kết quả: tốt.");
        assert_eq!(dec("Vie^.t Nam.\nLa`m gi`?\r\n"), "Việt Nam.\nLàm gì?\r\n");
        assert_eq!(dec("ca'c ba.n, ho.c sinh"), "các bạn, học sinh");
        // a tone that makes a valid syllable still applies (RFC 1456)
        assert_eq!(dec("vu. ba'o ca'o"), "vụ báo cáo");
    }

    #[test]
    fn literal_marks_are_escaped() {
        assert_eq!(enc("Việt Nam."), "Vie^.t Nam.");
        assert_eq!(enc("Hòa. Ai? a^ (a+) add \\"), "Ho`a\\. Ai\\? a\\^ (a\\+) ad\\d \\\\");
        for t in ["Hòa. Ai? a^ (a+) add \\ ddd dđ", "e'te' x.y a.b", "“Đ”ĐĐđ"] {
            assert_eq!(dec(&enc(t)), crate::viet::normalize_tone_style(t), "{t}");
        }
    }
}
