//! Vietnamese letters split into base letter, vowel mark and tone, so the encoders, the
//! syllable grammar, tone placement and folding all reason about the same parts.

use super::tone::Tone;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// The mark that makes a letter of the Vietnamese alphabet out of a Latin one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mark {
    /// a, e, i, o, u, y and the consonants.
    None,
    /// â, ê, ô.
    Circumflex,
    /// ă.
    Breve,
    /// ơ, ư.
    Horn,
    /// đ.
    Stroke,
}

/// One letter of the Vietnamese alphabet (or a plain ASCII letter), taken apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Letter {
    /// The ASCII base letter, lower case.
    pub base: u8,
    pub mark: Mark,
    pub tone: Tone,
    pub upper: bool,
}

/// The twelve vowels as (base, mark); a letter's position here indexes the composition table.
const VOWELS: [(u8, Mark); 12] = [
    (b'a', Mark::None),
    (b'a', Mark::Breve),
    (b'a', Mark::Circumflex),
    (b'e', Mark::None),
    (b'e', Mark::Circumflex),
    (b'i', Mark::None),
    (b'o', Mark::None),
    (b'o', Mark::Circumflex),
    (b'o', Mark::Horn),
    (b'u', Mark::None),
    (b'u', Mark::Horn),
    (b'y', Mark::None),
];

fn vowel_index(base: u8, mark: Mark) -> Option<usize> {
    VOWELS.iter().position(|&(b, m)| b == base && m == mark)
}

impl Letter {
    /// A vowel (a ă â e ê i o ô ơ u ư y), whatever its tone.
    pub fn is_vowel(self) -> bool {
        matches!(self.base, b'a' | b'e' | b'i' | b'o' | b'u' | b'y') && self.mark != Mark::Stroke
    }

    /// The same letter with another tone.
    pub fn with_tone(self, tone: Tone) -> Letter {
        Letter { tone, ..self }
    }

    /// The letter as one precomposed character, if Unicode has one (it has for every letter of
    /// the Vietnamese alphabet in every tone and case).
    pub fn to_char(self) -> Option<char> {
        if self.mark == Mark::Stroke {
            return (self.base == b'd' && self.tone == Tone::Level).then_some(if self.upper {
                'Đ'
            } else {
                'đ'
            });
        }
        if self.mark == Mark::None && self.tone == Tone::Level {
            let c = self.base as char;
            return Some(if self.upper { c.to_ascii_uppercase() } else { c });
        }
        let v = vowel_index(self.base, self.mark)?;
        Some(tables().compose[v][self.tone.index()][usize::from(self.upper)])
    }

    /// The letter without tone and case, vowel marks kept: the base letter, or the precomposed
    /// lower-case toneless letter (ă, â, ê, ô, ơ, ư, đ). The syllable grammar spells in these.
    pub fn key(self) -> char {
        Letter { tone: Tone::Level, upper: false, ..self }.to_char().unwrap_or('?')
    }

    /// The ASCII letter under every mark, in the letter's case ('Ậ' → 'A', 'đ' → 'd').
    #[cfg(feature = "train")]
    pub fn base_char(self) -> char {
        let c = self.base as char;
        if self.upper {
            c.to_ascii_uppercase()
        } else {
            c
        }
    }
}

/// The 29 letters of the Vietnamese alphabet, lower case, without tones.
const ALPHABET: &str = "aăâbcdđeêghiklmnoôơpqrstuưvxy";

/// True for a letter of the Vietnamese alphabet (any case, any tone) or any ASCII letter.
#[cfg(test)]
pub fn is_vietnamese_letter(c: char) -> bool {
    parse(c).is_some()
}

/// True when `c` carries a mark that only Vietnamese uses (ă, ơ, ư, đ, ạ, ả, ẽ, …), i.e. a
/// letter that Latin-1 does not have: a sign that the text was typed, not OCR'd.
pub fn is_vietnamese_only(c: char) -> bool {
    c as u32 > 0xFF && parse(c).is_some()
}

/// Every lower-case letter of the alphabet in every tone a vowel takes, sorted: the source
/// alphabet of the OCR channel.
pub fn alphabet() -> Vec<char> {
    let mut letters: Vec<char> = ALPHABET
        .chars()
        .filter_map(parse)
        .flat_map(|l| {
            let tones: &[Tone] = if l.is_vowel() { &Tone::ALL } else { &[Tone::Level] };
            tones.iter().filter_map(move |&t| l.with_tone(t).to_char())
        })
        .collect();
    letters.sort_unstable();
    letters
}

/// Take a character apart; `None` for anything that is not an ASCII letter or a letter of the
/// Vietnamese alphabet (so "ö", "ç", digits and punctuation are `None`).
pub fn parse(c: char) -> Option<Letter> {
    if c.is_ascii_alphabetic() {
        return Some(Letter {
            base: c.to_ascii_lowercase() as u8,
            mark: Mark::None,
            tone: Tone::Level,
            upper: c.is_ascii_uppercase(),
        });
    }
    let cp = c as u32;
    let t = tables();
    match cp {
        0xC0..=0x1B0 => t.latin[(cp - 0xC0) as usize],
        0x1EA0..=0x1EF9 => t.extended[(cp - 0x1EA0) as usize],
        _ => None,
    }
}

struct Tables {
    /// [vowel][tone][upper] → precomposed character.
    compose: [[[char; 2]; 6]; 12],
    /// U+00C0..=U+01B0 → letter.
    latin: Vec<Option<Letter>>,
    /// U+1EA0..=U+1EF9 → letter.
    extended: Vec<Option<Letter>>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(build_tables)
}

fn build_tables() -> Tables {
    let mut t = Tables {
        compose: [[['?'; 2]; 6]; 12],
        latin: vec![None; 0x1B0 - 0xC0 + 1],
        extended: vec![None; 0x1EF9 - 0x1EA0 + 1],
    };
    for (v, &(base, mark)) in VOWELS.iter().enumerate() {
        for tone in Tone::ALL {
            for upper in [false, true] {
                let b = if upper { base.to_ascii_uppercase() } else { base } as char;
                let mut s = String::from(b);
                s.extend(mark_combining(mark));
                s.extend(tone.combining());
                let composed: String = s.nfc().collect();
                let mut chars = composed.chars();
                let (Some(c), None) = (chars.next(), chars.next()) else { continue };
                t.compose[v][tone.index()][usize::from(upper)] = c;
                let letter = Letter { base, mark, tone, upper };
                insert(&mut t, c, letter);
            }
        }
    }
    insert(&mut t, 'đ', Letter { base: b'd', mark: Mark::Stroke, tone: Tone::Level, upper: false });
    insert(&mut t, 'Đ', Letter { base: b'd', mark: Mark::Stroke, tone: Tone::Level, upper: true });
    t
}

fn insert(t: &mut Tables, c: char, letter: Letter) {
    let cp = c as u32;
    match cp {
        0xC0..=0x1B0 => t.latin[(cp - 0xC0) as usize] = Some(letter),
        0x1EA0..=0x1EF9 => t.extended[(cp - 0x1EA0) as usize] = Some(letter),
        _ => {}
    }
}

fn mark_combining(mark: Mark) -> Option<char> {
    match mark {
        Mark::Circumflex => Some('\u{302}'),
        Mark::Breve => Some('\u{306}'),
        Mark::Horn => Some('\u{31B}'),
        Mark::None | Mark::Stroke => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vietnamese_letter_round_trips() {
        let alphabet = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
        let mut n = 0;
        for c in alphabet.chars().chain(alphabet.to_uppercase().chars()) {
            let l = parse(c).unwrap_or_else(|| panic!("{c} not parsed"));
            assert_eq!(l.to_char(), Some(c));
            n += 1;
        }
        assert_eq!(n, 2 * 73);
    }

    #[test]
    fn parts_are_right() {
        let l = parse('Ệ').unwrap();
        assert_eq!((l.base, l.mark, l.tone, l.upper), (b'e', Mark::Circumflex, Tone::Dot, true));
        assert_eq!(parse('ữ').unwrap().key(), 'ư');
        assert_eq!(parse('đ').unwrap().key(), 'đ');
        assert!(!parse('đ').unwrap().is_vowel());
        assert!(parse('y').unwrap().is_vowel());
        assert_eq!(parse('ö'), None);
        assert_eq!(parse('ç'), None);
        assert_eq!(parse('1'), None);
        assert_eq!(parse('a').unwrap().with_tone(Tone::Hook).to_char(), Some('ả'));
        assert_eq!(parse('Ậ').unwrap().base_char(), 'A');
        assert!(is_vietnamese_letter('ự') && is_vietnamese_letter('f') && !is_vietnamese_letter('ö'));
        assert!(is_vietnamese_only('ơ') && !is_vietnamese_only('é') && !is_vietnamese_only('a'));
    }
}
