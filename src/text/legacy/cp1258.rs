//! Windows-1258, Microsoft's Vietnamese code page: Windows-1252 with the letters ă â ê ô ơ
//! ư đ (and capitals) in place of some Western ones, a few Latin-1 toned vowels kept
//! precomposed, and the five tones as combining marks that follow the vowel.

use super::super::sink::Sink;
use crate::viet::letter;
use crate::viet::tone::{Tone, MARKED_TONES};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The bytes where Windows-1258 differs from Windows-1252.
const OVERRIDES: [(u8, char); 18] = [
    (0x8A, '\u{8A}'),
    (0x8E, '\u{8E}'),
    (0x9A, '\u{9A}'),
    (0x9E, '\u{9E}'),
    (0xC3, 'Ă'),
    (0xCC, '\u{300}'),
    (0xD0, 'Đ'),
    (0xD2, '\u{309}'),
    (0xD5, 'Ơ'),
    (0xDD, 'Ư'),
    (0xDE, '\u{303}'),
    (0xE3, 'ă'),
    (0xEC, '\u{301}'),
    (0xF0, 'đ'),
    (0xF2, '\u{323}'),
    (0xF5, 'ơ'),
    (0xFD, 'ư'),
    (0xFE, '₫'),
];

/// The byte of each tone's combining mark.
fn tone_byte(tone: Tone) -> Option<u8> {
    match tone {
        Tone::Level => None,
        Tone::Acute => Some(0xEC),
        Tone::Grave => Some(0xCC),
        Tone::Hook => Some(0xD2),
        Tone::Tilde => Some(0xDE),
        Tone::Dot => Some(0xF2),
    }
}

struct Tables {
    decode: [char; 256],
    encode: HashMap<char, u8>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut decode = super::cp1252_table();
        for (b, c) in OVERRIDES {
            decode[usize::from(b)] = c;
        }
        let encode = decode
            .iter()
            .enumerate()
            .filter(|(_, c)| !unicode_normalization::char::is_combining_mark(**c))
            .map(|(b, &c)| (c, b as u8))
            .collect();
        Tables { decode, encode }
    })
}

/// Decode Windows-1258 bytes. A vowel and the tone mark after it are composed here (the
/// common case, and much faster than leaving it to the sink's NFC pass, which handles the rest).
pub(crate) fn decode(bytes: &[u8], sink: &mut Sink) {
    let table = &tables().decode;
    // the char waiting for a tone mark, and the bytes it took
    let mut pending: Option<(char, usize)> = None;
    for &b in bytes {
        let c = table[usize::from(b)];
        if let Some(tone) = tone_of_byte(b) {
            let toned = pending
                .and_then(|(p, _)| letter::parse(p))
                .filter(|l| l.is_vowel() && l.tone == Tone::Level)
                .and_then(|l| l.with_tone(tone).to_char());
            if let Some(t) = toned {
                pending = Some((t, 2));
                continue;
            }
        }
        if let Some((p, n)) = pending.replace((c, 1)) {
            sink.push_width(p, n);
        }
    }
    if let Some((p, n)) = pending {
        sink.push_width(p, n);
    }
}

/// The tone whose combining mark byte `b` is.
fn tone_of_byte(b: u8) -> Option<Tone> {
    MARKED_TONES.into_iter().find(|&t| tone_byte(t) == Some(b))
}

/// Encode `text` (NFC) as Windows-1258, appending to `out`: a letter the code page has
/// precomposed takes one byte, any other toned vowel its toneless letter and a tone mark;
/// false if some character had to be written as '?'.
pub(crate) fn encode(text: &str, out: &mut Vec<u8>) -> bool {
    let enc = &tables().encode;
    let mut faithful = true;
    for c in text.chars() {
        if let Some(&b) = enc.get(&c) {
            out.push(b);
            continue;
        }
        let split = letter::parse(c).and_then(|l| {
            let base = enc.get(&l.with_tone(Tone::Level).to_char()?)?;
            Some((*base, tone_byte(l.tone)?))
        });
        match split {
            Some((base, tone)) => out.extend([base, tone]),
            None => {
                faithful = false;
                out.push(b'?');
            }
        }
    }
    faithful
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> String {
        let mut s = Sink::with_capacity(0);
        decode(bytes, &mut s);
        s.finish()
    }

    #[test]
    fn combining_tones_compose() {
        assert_eq!(dec(b"Vi\xEA\xF2t Nam"), "Việt Nam");
        assert_eq!(dec(b"\xD0a\xCC N\xE3\xDEng"), "Đà Nẵng");
        assert_eq!(dec(b"ng\xFD\xF5\xCCi"), "người");
        // A tone mark after a toned vowel or a consonant stays a combining mark.
        assert_eq!(dec(b"\xE1\xEC x\xCC \xEC"), "\u{E1}\u{301} x\u{300} \u{301}");
        assert_eq!(dec(b"\xCC"), "\u{300}");
    }

    #[test]
    fn encoding_uses_precomposed_letters_where_they_exist() {
        let mut out = Vec::new();
        assert!(encode("á ấ ý Ỹ đ ₫ “x”", &mut out));
        assert_eq!(out, b"\xE1 \xE2\xEC y\xEC Y\xDE \xF0 \xFE \x93x\x94");
        assert_eq!(dec(&out), "á ấ ý Ỹ đ ₫ “x”");
        let mut out = Vec::new();
        assert!(!encode("x⁴", &mut out));
        assert_eq!(out, b"x?");
    }
}
