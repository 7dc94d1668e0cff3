//! Windows-1258, Microsoft's Vietnamese code page: Windows-1252 with the letters ă â ê ô ơ
//! ư đ (and capitals) in place of some Western ones, a few Latin-1 toned vowels kept
//! precomposed, and the five tones as combining marks that follow the vowel. Bytes become
//! characters through `encoding_rs`; composing a vowel with the mark after it is done here.

use super::super::sink::Sink;
use crate::viet::letter;
use crate::viet::tone::{Tone, MARKED_TONES};
use encoding_rs::WINDOWS_1258;
use std::collections::HashMap;
use std::sync::OnceLock;

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

/// The byte of each character the code page has (its tone marks aside).
fn encode_table() -> &'static HashMap<char, u8> {
    static TABLE: OnceLock<HashMap<char, u8>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let bytes: Vec<u8> = (0..=255).collect();
        let (text, _) = WINDOWS_1258.decode_without_bom_handling(&bytes);
        text.chars()
            .zip(0..=255u8)
            .filter(|(c, _)| !unicode_normalization::char::is_combining_mark(*c))
            .collect()
    })
}

/// Decode Windows-1258 bytes. A vowel and the tone mark after it are composed here (the
/// common case, and much faster than leaving it to the sink's NFC pass, which handles the rest).
pub(crate) fn decode(bytes: &[u8], sink: &mut Sink) {
    // a single-byte code page defining all 256 bytes: one char per byte, nothing replaced
    let (text, _) = WINDOWS_1258.decode_without_bom_handling(bytes);
    // the char waiting for a tone mark, and the bytes it took
    let mut pending: Option<(char, usize)> = None;
    for (&b, c) in bytes.iter().zip(text.chars()) {
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
    let enc = encode_table();
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
    fn every_byte_is_one_character_and_encodes_back() {
        let bytes: Vec<u8> = (0..=255).collect();
        let (text, _) = WINDOWS_1258.decode_without_bom_handling(&bytes);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars.len(), 256);
        for (b, c) in bytes.into_iter().zip(chars) {
            if !unicode_normalization::char::is_combining_mark(c) {
                let mut out = Vec::new();
                assert!(encode(&c.to_string(), &mut out), "{b:02X}");
                assert_eq!(out, [b], "{c:?}");
            }
        }
        // the bytes Windows-1252 defines and Windows-1258 does not stand for C1 controls
        assert_eq!(dec(b"\x8A\x8E\x9A\x9E"), "\u{8A}\u{8E}\u{9A}\u{9E}");
        assert_eq!(dec(b"\xC3\xD0\xD5\xDD\xFE"), "ĂĐƠƯ₫");
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
