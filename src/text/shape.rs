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

/// The length of the onset `keys` starts with (0 before a vowel); `None` if it starts with
/// consonants no Vietnamese syllable starts with.
fn onset_len(keys: &[char], is_vowel: impl Fn(usize) -> bool) -> Option<usize> {
    if is_vowel(0) {
        return Some(0);
    }
    Some(match keys {
        ['n', 'g', 'h', ..] => 3,
        // "gi" and "qu" are onsets only when another vowel follows ("gìn" is g + ìn).
        ['g', 'i', ..] | ['q', 'u', ..] if is_vowel(2) => 2,
        ['n', 'g', ..]
        | ['n', 'h', ..]
        | ['c', 'h', ..]
        | ['g', 'h', ..]
        | ['k', 'h', ..]
        | ['p', 'h', ..] => 2,
        ['t', 'h', ..] | ['t', 'r', ..] => 2,
        ['b' | 'c' | 'd' | 'đ' | 'g' | 'h' | 'k' | 'l' | 'm' | 'n' | 'p' | 'r' | 's' | 't' | 'v' | 'x', ..] => {
            1
        }
        _ => return None,
    })
}

fn is_coda(keys: &[char]) -> bool {
    matches!(keys, ['c', 'h'] | ['n', 'g'] | ['n', 'h'] | ['c' | 'm' | 'n' | 'p' | 't'])
}

/// Vowel nuclei that end an open syllable (no final consonant).
fn is_open_nucleus(keys: &[char]) -> bool {
    matches!(
        keys,
        ['a' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y']
            | ['a', 'i' | 'o' | 'u' | 'y']
            | ['â', 'u' | 'y']
            | ['e', 'o']
            | ['ê', 'u']
            | ['i', 'a' | 'u']
            | ['o', 'a' | 'e' | 'i']
            | ['ô' | 'ơ', 'i']
            | ['u', 'a' | 'ê' | 'i' | 'ơ' | 'y']
            | ['ư', 'a' | 'i' | 'u']
            | ['i' | 'y', 'ê', 'u']
            | ['o', 'a', 'i' | 'y']
            | ['o', 'e', 'o']
            | ['u', 'â', 'y']
            | ['u', 'ô', 'i']
            | ['u', 'y', 'a' | 'u']
            | ['ư', 'ơ', 'i' | 'u']
    )
}

/// Vowel nuclei followed by a final consonant.
fn is_closed_nucleus(keys: &[char]) -> bool {
    matches!(
        keys,
        ['a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y']
            | ['i' | 'y', 'ê']
            | ['o', 'a' | 'ă' | 'e' | 'o']
            | ['u', 'â' | 'ê' | 'ô' | 'y']
            | ['ư', 'ơ' | 'u']
            | ['u', 'y', 'ê']
    )
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
    let onset = onset_len(keys, is_vowel)?;
    let mut coda = onset;
    while is_vowel(coda) {
        coda += 1;
    }
    let (nucleus, last) = (&keys[onset..coda], &keys[coda..]);
    let ok =
        if last.is_empty() { is_open_nucleus(nucleus) } else { is_coda(last) && is_closed_nucleus(nucleus) };
    ok.then_some(Shape { onset, coda, len })
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
        } else if n == 3 || (n == 2 && style == ToneStyle::Modern && is_glide_pair(nucleus)) {
            // The middle of three ("ngoài"); the second of oa, oe, uy in the modern style.
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
