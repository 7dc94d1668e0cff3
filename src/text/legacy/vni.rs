//! VNI (the VNI-Times fonts on Windows): an ASCII base letter followed by one byte for its
//! vowel mark and tone, both drawn as Latin-1 characters. ơ, ư, đ, the toned i and ỵ have
//! single bytes. Capitals take the capital form of each mark byte (0x20 lower).

use super::super::sink::Sink;
use crate::viet::letter::{self, Letter, Mark};
use crate::viet::tone::{Tone, MARKED_TONES};
use std::sync::OnceLock;

// Lower-case mark bytes, indexed like `MARKED_TONES` (sắc, huyền, hỏi, ngã, nặng).
/// The tone alone, after a vowel: ù ø û õ ï.
const TONE: [u8; 5] = [0xF9, 0xF8, 0xFB, 0xF5, 0xEF];
/// Circumflex with a tone, after a, e, o: á à å ã ä.
const CIRCUMFLEX_TONE: [u8; 5] = [0xE1, 0xE0, 0xE5, 0xE3, 0xE4];
/// Breve with a tone, after a: é è ú ü ë.
const BREVE_TONE: [u8; 5] = [0xE9, 0xE8, 0xFA, 0xFC, 0xEB];
/// The toned i as single bytes: í ì æ ó ò.
const I_TONE: [u8; 5] = [0xED, 0xEC, 0xE6, 0xF3, 0xF2];
/// Circumflex alone: â.
const CIRCUMFLEX: u8 = 0xE2;
/// Breve alone: ê.
const BREVE: u8 = 0xEA;
/// ơ: ô.
const O_HORN: u8 = 0xF4;
/// ư: ö.
const U_HORN: u8 = 0xF6;
/// đ: ñ.
const D_STROKE: u8 = 0xF1;
/// ỵ: î.
const Y_DOT: u8 = 0xEE;

/// The capital form of a lower-case mark byte.
fn upper(b: u8) -> u8 {
    b - 0x20
}

/// The lower-case form of a byte in 0xC0..=0xFF.
fn fold(b: u8) -> u8 {
    if (0xC0..0xE0).contains(&b) {
        b + 0x20
    } else {
        b
    }
}

fn tone_in(table: &[u8; 5], b: u8) -> Option<Tone> {
    let b = fold(b);
    table.iter().position(|&t| t == b).map(|i| MARKED_TONES[i])
}

/// Bytes VNI gives a meaning of its own (either case): they cannot stand for their Latin-1
/// characters.
fn is_special(b: u8) -> bool {
    let b = fold(b);
    b >= 0xE0
        && (TONE.contains(&b)
            || CIRCUMFLEX_TONE.contains(&b)
            || BREVE_TONE.contains(&b)
            || I_TONE.contains(&b)
            || [CIRCUMFLEX, BREVE, O_HORN, U_HORN, D_STROKE, Y_DOT].contains(&b))
}

fn table() -> &'static [char; 256] {
    static TABLE: OnceLock<[char; 256]> = OnceLock::new();
    TABLE.get_or_init(super::cp1252_table)
}

/// Decode VNI bytes. A mark byte that follows no letter it could belong to stays the Latin-1
/// character it looks like.
pub(crate) fn decode(bytes: &[u8], sink: &mut Sink) {
    let table = table();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let is_upper = (0xC0..0xE0).contains(&b);
        let single = |base: u8, mark: Mark, tone: Tone| Letter { base, mark, tone, upper: is_upper };
        let start = match fold(b) {
            _ if b.is_ascii() => {
                let lower = b.to_ascii_lowercase();
                if matches!(lower, b'a' | b'e' | b'i' | b'o' | b'u' | b'y') {
                    Some(Letter {
                        base: lower,
                        mark: Mark::None,
                        tone: Tone::Level,
                        upper: b.is_ascii_uppercase(),
                    })
                } else {
                    None
                }
            }
            O_HORN => Some(single(b'o', Mark::Horn, Tone::Level)),
            U_HORN => Some(single(b'u', Mark::Horn, Tone::Level)),
            D_STROKE => Some(single(b'd', Mark::Stroke, Tone::Level)),
            Y_DOT => Some(single(b'y', Mark::None, Tone::Dot)),
            f if I_TONE.contains(&f) => tone_in(&I_TONE, b).map(|t| single(b'i', Mark::None, t)),
            _ => None,
        };
        let Some(mut letter) = start else {
            sink.push(table[usize::from(b)]);
            i += 1;
            continue;
        };
        let mut j = i + 1;
        if letter.mark == Mark::None && letter.tone == Tone::Level && letter.base != b'd' {
            if let Some(&m) = bytes.get(j) {
                let (mark, tone) = vowel_mark(letter.base, m);
                if mark != Mark::None || tone != Tone::Level {
                    letter.mark = mark;
                    letter.tone = tone;
                    j += 1;
                }
            }
        }
        if letter.tone == Tone::Level && letter.is_vowel() {
            if let Some(t) = bytes.get(j).and_then(|&t| tone_in(&TONE, t)) {
                letter.tone = t;
                j += 1;
            }
        }
        match letter.to_char() {
            Some(c) => sink.push_width(c, j - i),
            None => bytes[i..j].iter().for_each(|&b| sink.push(table[usize::from(b)])),
        }
        i = j;
    }
}

/// The mark (and tone) byte `m` gives the vowel `base`, or (None, Level) if it gives none.
fn vowel_mark(base: u8, m: u8) -> (Mark, Tone) {
    let f = fold(m);
    let hat = matches!(base, b'a' | b'e' | b'o');
    if hat && f == CIRCUMFLEX {
        return (Mark::Circumflex, Tone::Level);
    }
    if hat {
        if let Some(t) = tone_in(&CIRCUMFLEX_TONE, m) {
            return (Mark::Circumflex, t);
        }
    }
    if base == b'a' && f == BREVE {
        return (Mark::Breve, Tone::Level);
    }
    if base == b'a' {
        if let Some(t) = tone_in(&BREVE_TONE, m) {
            return (Mark::Breve, t);
        }
    }
    (Mark::None, Tone::Level)
}

/// Encode `text` (NFC) as VNI, appending to `out`; false if some character had to be written
/// as '?' (characters outside Windows-1252, and the Latin-1 characters whose bytes VNI uses
/// for marks).
pub(crate) fn encode(text: &str, out: &mut Vec<u8>) -> bool {
    let mut faithful = true;
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        if let Some(l) = letter::parse(c) {
            encode_letter(l, out);
            continue;
        }
        match super::super::legacy::cp1252_byte(c).filter(|&b| !is_special(b)) {
            Some(b) => out.push(b),
            None => {
                faithful = false;
                out.push(b'?');
            }
        }
    }
    faithful
}

fn encode_letter(l: Letter, out: &mut Vec<u8>) {
    let case = |b: u8| if l.upper { upper(b) } else { b };
    let base = if l.upper { l.base.to_ascii_uppercase() } else { l.base };
    let tone = MARKED_TONES.iter().position(|&t| t == l.tone);
    match (l.base, l.mark, tone) {
        (_, Mark::Stroke, _) => out.push(case(D_STROKE)),
        (b'i', _, Some(t)) => out.push(case(I_TONE[t])),
        (b'y', _, Some(4)) => out.push(case(Y_DOT)),
        (_, Mark::Horn, t) => {
            out.push(case(if l.base == b'o' { O_HORN } else { U_HORN }));
            out.extend(t.map(|t| case(TONE[t])));
        }
        (_, Mark::Circumflex, t) => out.extend([base, case(t.map_or(CIRCUMFLEX, |t| CIRCUMFLEX_TONE[t]))]),
        (_, Mark::Breve, t) => out.extend([base, case(t.map_or(BREVE, |t| BREVE_TONE[t]))]),
        (_, Mark::None, t) => {
            out.push(base);
            out.extend(t.map(|t| case(TONE[t])));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> String {
        let mut s = Sink::with_capacity(0);
        decode(bytes, &mut s);
        s.finish()
    }

    fn enc(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        assert!(encode(text, &mut out), "{text}");
        out
    }

    #[test]
    fn issue_example_and_classics() {
        assert_eq!(dec(b"cha\xF8o"), "chào");
        assert_eq!(dec(b"Vie\xE4t Nam"), "Việt Nam");
        assert_eq!(dec(b"\xF1\xF6\xF4\xEFc ng\xF6\xF4\xF8i"), "được người");
        assert_eq!(dec(b"\xD1a\xF8 Na\xFCng"), "Đà Nẵng");
        assert_eq!(dec(b"co\xE2ng"), "công");
        assert_eq!(dec(b"NG\xD6\xD4\xD8I"), "NGƯỜI");
    }

    #[test]
    fn every_letter_round_trips() {
        let alphabet = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
        let text = format!("{alphabet} {}", alphabet.to_uppercase());
        assert_eq!(dec(&enc(&text)), text);
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            let s = format!("x{c}x");
            assert_eq!(dec(&enc(&s)), s);
        }
    }

    #[test]
    fn orphan_marks_and_special_latin1() {
        assert_eq!(dec(b"x\xF9 \xE2"), "xù â");
        let mut out = Vec::new();
        assert!(!encode("ø", &mut out));
        assert_eq!(enc("× “q”"), b"\xD7 \x93q\x94");
    }
}
