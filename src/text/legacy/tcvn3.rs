//! TCVN3 (TCVN 5712:1993 VN3, the "ABC" code of the .VnTime fonts): one byte per letter, the
//! toned lower-case letters at 0xB5..=0xFE, the toneless ă â ê ô ơ ư đ at 0xA8..=0xAE and
//! their capitals at 0xA1..=0xA7. Capitals with a tone do not exist in VN3: they were typed
//! with the .VnTimeH font using the lower-case bytes, so they decode as lower case.

use super::super::sink::Sink;
use crate::viet::letter::{self, Letter, Mark};
use crate::viet::tone::Tone;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The toned letters: for each vowel, the bytes for huyền, hỏi, ngã, sắc, nặng (VN3's order).
const TONED: [(u8, Mark, [u8; 5]); 12] = [
    (b'a', Mark::None, [0xB5, 0xB6, 0xB7, 0xB8, 0xB9]),
    (b'a', Mark::Breve, [0xBB, 0xBC, 0xBD, 0xBE, 0xC6]),
    (b'a', Mark::Circumflex, [0xC7, 0xC8, 0xC9, 0xCA, 0xCB]),
    (b'e', Mark::None, [0xCC, 0xCE, 0xCF, 0xD0, 0xD1]),
    (b'e', Mark::Circumflex, [0xD2, 0xD3, 0xD4, 0xD5, 0xD6]),
    (b'i', Mark::None, [0xD7, 0xD8, 0xDC, 0xDD, 0xDE]),
    (b'o', Mark::None, [0xDF, 0xE1, 0xE2, 0xE3, 0xE4]),
    (b'o', Mark::Circumflex, [0xE5, 0xE6, 0xE7, 0xE8, 0xE9]),
    (b'o', Mark::Horn, [0xEA, 0xEB, 0xEC, 0xED, 0xEE]),
    (b'u', Mark::None, [0xEF, 0xF1, 0xF2, 0xF3, 0xF4]),
    (b'u', Mark::Horn, [0xF5, 0xF6, 0xF7, 0xF8, 0xF9]),
    (b'y', Mark::None, [0xFA, 0xFB, 0xFC, 0xFD, 0xFE]),
];

/// VN3's order of the tones in [`TONED`].
const TONE_ORDER: [Tone; 5] = [Tone::Grave, Tone::Hook, Tone::Tilde, Tone::Acute, Tone::Dot];

/// The toneless letters with a mark: (lower-case byte, capital byte, base, mark).
const PLAIN: [(u8, u8, u8, Mark); 7] = [
    (0xA8, 0xA1, b'a', Mark::Breve),
    (0xA9, 0xA2, b'a', Mark::Circumflex),
    (0xAA, 0xA3, b'e', Mark::Circumflex),
    (0xAB, 0xA4, b'o', Mark::Circumflex),
    (0xAC, 0xA5, b'o', Mark::Horn),
    (0xAD, 0xA6, b'u', Mark::Horn),
    (0xAE, 0xA7, b'd', Mark::Stroke),
];

struct Tables {
    decode: [char; 256],
    encode: HashMap<char, u8>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut decode = super::cp1252_table();
        let mut letter_bytes = Vec::new();
        for (base, mark, bytes) in TONED {
            for (tone, b) in TONE_ORDER.into_iter().zip(bytes) {
                letter_bytes.push((b, Letter { base, mark, tone, upper: false }));
            }
        }
        for (lower, upper, base, mark) in PLAIN {
            letter_bytes.push((lower, Letter { base, mark, tone: Tone::Level, upper: false }));
            letter_bytes.push((upper, Letter { base, mark, tone: Tone::Level, upper: true }));
        }
        let mut encode = HashMap::new();
        for (b, l) in letter_bytes {
            let c = l.to_char().unwrap_or('\u{FFFD}');
            decode[usize::from(b)] = c;
            encode.insert(c, b);
        }
        // Unassigned bytes decode as Windows-1252, but encoding never uses them for letters,
        // which have their own bytes.
        for (b, &c) in decode.iter().enumerate() {
            if letter::parse(c).is_none() || c.is_ascii() {
                encode.entry(c).or_insert(b as u8);
            }
        }
        Tables { decode, encode }
    })
}

/// Decode TCVN3 bytes.
pub(crate) fn decode(bytes: &[u8], sink: &mut Sink) {
    super::decode_table(bytes, &tables().decode, sink);
}

/// Encode `text` (NFC) as TCVN3, appending to `out`; false if some character could not be
/// encoded faithfully (a toned capital, written as lower case, or a character VN3 lacks,
/// written as '?').
pub(crate) fn encode(text: &str, out: &mut Vec<u8>) -> bool {
    let enc = &tables().encode;
    let mut faithful = true;
    for c in text.chars() {
        if let Some(&b) = enc.get(&c) {
            out.push(b);
            continue;
        }
        faithful = false;
        let lower = letter::parse(c).and_then(|l| Letter { upper: false, ..l }.to_char());
        out.push(lower.and_then(|l| enc.get(&l).copied()).unwrap_or(b'?'));
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
    fn issue_example() {
        assert_eq!(dec(b"Ninh B\xD7nh"), "Ninh Bình");
    }

    #[test]
    fn all_74_letters_round_trip() {
        let t = tables();
        let letters: Vec<char> = (0xA1..=0xFEu8)
            .map(|b| (b, t.decode[usize::from(b)]))
            .filter(|(b, c)| letter::parse(*c).is_some() && t.encode.get(c) == Some(b))
            .map(|(_, c)| c)
            .collect();
        assert_eq!(letters.len(), 74);
        let text: String = letters.iter().collect();
        let mut out = Vec::new();
        assert!(encode(&text, &mut out));
        assert_eq!(dec(&out), text);
        // 60 toned lower-case vowels and 7 + 7 toneless marked letters, one byte each; the
        // Latin-1 letters at unassigned bytes (À Á Â Ã Í Ù Ú à) are never produced.
        assert_eq!(out.len(), 74);
    }

    #[test]
    fn toned_capitals_become_lower_case() {
        let mut out = Vec::new();
        assert!(!encode("Ủy BAN", &mut out));
        assert_eq!(out, b"\xF1y BAN");
        assert_eq!(dec(&out), "ủy BAN");
        let mut out = Vec::new();
        assert!(encode("Đà Nẵng “Ơ”", &mut out));
        assert_eq!(dec(&out), "Đà Nẵng “Ơ”");
    }
}
