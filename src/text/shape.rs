//! The shape of a Vietnamese syllable (onset, vowel nucleus, final consonant): enough to put
//! the tone on the right vowel and to judge whether a word could be Vietnamese at all.

use super::letters::{Letter, Tone};

/// Longest syllable handled ("nghiêng", "khuyếch" have 7 letters).
pub(crate) const MAX_LEN: usize = 8;

/// Where the tone goes in an open syllable with the glides oa, oe, uy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ToneStyle {
    /// On the first vowel: "hóa", "khỏe", "thủy" (the project's style).
    Classic,
    /// On the second vowel: "hoá", "khoẻ", "thuỷ".
    Modern,
}

/// A parsed syllable: letters `[0, onset)` are the onset, `[onset, coda)` the vowel nucleus and
/// `[coda, len)` the final consonant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Shape {
    pub onset: usize,
    pub coda: usize,
    pub len: usize,
}

const ONSETS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "đ", "g", "h", "k",
    "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

const CODAS: [&str; 8] = ["ch", "ng", "nh", "c", "m", "n", "p", "t"];

/// Vowel nuclei that end an open syllable (no final consonant).
const OPEN: [&str; 41] = [
    "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia",
    "iu", "oa", "oe", "oi", "ôi", "ơi", "ua", "uê", "ui", "uơ", "uy", "ưa", "ưi", "ưu", "iêu", "yêu", "oai",
    "oay", "oeo", "uây", "uôi", "uya",
];
/// Open nuclei that did not fit in the line above.
const OPEN_MORE: [&str; 3] = ["uyu", "ươi", "ươu"];

/// Vowel nuclei followed by a final consonant.
const CLOSED: [&str; 25] = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "iê", "yê", "oa", "oă", "oe", "oo", "uâ",
    "uê", "uô", "uy", "ươ", "uyê", "ưu",
];

fn keys_match(keys: &[char], pattern: &str) -> bool {
    let mut k = keys.iter();
    pattern.chars().all(|p| k.next() == Some(&p)) && k.next().is_none()
}

fn starts_with(keys: &[char], pattern: &str) -> bool {
    let n = pattern.chars().count();
    keys.len() >= n && keys_match(&keys[..n], pattern)
}

/// Parse `letters` as one Vietnamese syllable, ignoring tones; `None` if it cannot be one.
pub(crate) fn parse(letters: &[Letter]) -> Option<Shape> {
    let len = letters.len();
    if len == 0 || len > MAX_LEN {
        return None;
    }
    let mut buf = ['\0'; MAX_LEN];
    for (k, l) in buf.iter_mut().zip(letters) {
        *k = l.key();
    }
    let keys = &buf[..len];
    let is_vowel = |i: usize| letters.get(i).is_some_and(|l| l.is_vowel());
    let onset = if is_vowel(0) {
        // "gi" and "qu" are onsets only when another vowel follows ("gìn" is g + ìn).
        0
    } else {
        ONSETS
            .iter()
            .find(|o| starts_with(keys, o) && (!matches!(**o, "gi" | "qu") || is_vowel(2)))
            .map(|o| o.chars().count())?
    };
    let mut coda = onset;
    while is_vowel(coda) {
        coda += 1;
    }
    let nucleus = &keys[onset..coda];
    let last = &keys[coda..];
    let nucleus_ok = if last.is_empty() {
        OPEN.iter().chain(&OPEN_MORE).any(|n| keys_match(nucleus, n))
    } else {
        CODAS.iter().any(|c| keys_match(last, c)) && CLOSED.iter().any(|n| keys_match(nucleus, n))
    };
    nucleus_ok.then_some(Shape { onset, coda, len })
}

impl Shape {
    /// The index in the word of the vowel that carries the tone in `style`.
    pub(crate) fn tone_index(&self, letters: &[Letter], style: ToneStyle) -> usize {
        let nucleus = &letters[self.onset..self.coda];
        let n = nucleus.len();
        let closed = self.coda < self.len;
        let at = if let Some(i) = nucleus.iter().rposition(|l| l.mark != super::letters::Mark::None) {
            // A vowel with a mark (â ă ê ô ơ ư) takes the tone; in ươ the second.
            i
        } else if closed {
            n - 1
        } else if n == 3 {
            1
        } else if n == 2 && style == ToneStyle::Modern && is_glide_pair(nucleus) {
            1
        } else {
            0
        };
        self.onset + at
    }

    /// Whether the tone `tone` may go with this syllable's final consonant: after c, ch, p, t
    /// only sắc and nặng (or none, as in unaccented text) are possible.
    pub(crate) fn tone_fits_coda(&self, letters: &[Letter], tone: Tone) -> bool {
        let stop = letters[self.coda..].first().is_some_and(|l| matches!(l.base, b'c' | b'p' | b't'));
        !stop || matches!(tone, Tone::Level | Tone::Acute | Tone::Dot)
    }
}

fn is_glide_pair(nucleus: &[Letter]) -> bool {
    matches!((nucleus[0].base, nucleus[1].base), (b'o', b'a') | (b'o', b'e') | (b'u', b'y'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::letters;

    fn shape(word: &str) -> Option<(usize, usize, usize)> {
        let ls: Vec<Letter> = word.chars().map(|c| letters::parse(c).unwrap()).collect();
        parse(&ls).map(|s| (s.onset, s.coda, s.len))
    }

    fn tone_at(word: &str, style: ToneStyle) -> usize {
        let ls: Vec<Letter> = word.chars().map(|c| letters::parse(c).unwrap()).collect();
        parse(&ls).unwrap().tone_index(&ls, style)
    }

    #[test]
    fn syllables_parse() {
        assert_eq!(shape("nghiêng"), Some((3, 5, 7)));
        assert_eq!(shape("giữ"), Some((2, 3, 3)));
        assert_eq!(shape("gìn"), Some((1, 2, 3)));
        assert_eq!(shape("quý"), Some((2, 3, 3)));
        assert_eq!(shape("khuya"), Some((2, 5, 5)));
        assert_eq!(shape("người"), Some((2, 5, 5)));
        assert_eq!(shape("Ủy"), Some((0, 2, 2)));
        assert_eq!(shape("ĐƯỢC"), Some((1, 3, 4)));
        for bad in ["UBND", "CCHC", "strong", "this", "chaứo", "aa", "qu", "ăa"] {
            assert_eq!(shape(bad), None, "{bad}");
        }
    }

    #[test]
    fn tone_positions() {
        use ToneStyle::*;
        assert_eq!(tone_at("hoa", Classic), 1);
        assert_eq!(tone_at("hoa", Modern), 2);
        assert_eq!(tone_at("hoan", Classic), 2);
        assert_eq!(tone_at("thuy", Classic), 2);
        assert_eq!(tone_at("thuy", Modern), 3);
        assert_eq!(tone_at("uy", Classic), 0);
        assert_eq!(tone_at("quy", Classic), 2);
        assert_eq!(tone_at("gia", Classic), 2);
        assert_eq!(tone_at("người", Classic), 3);
        assert_eq!(tone_at("thuyết", Classic), 4);
        assert_eq!(tone_at("ngoai", Modern), 3);
        assert_eq!(tone_at("mua", Modern), 1);
    }
}
