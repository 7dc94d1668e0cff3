//! Folding text to its letters without diacritics (tones, vowel marks, đ → d). The three
//! forms below fold a Vietnamese letter to the same ASCII letter
//! ([`super::letter::Letter::base_char`]); they differ in case and in what they do with chars
//! outside the Vietnamese alphabet, as each caller needs:
//! - [`base_key`]: the lexicon's key; lower case, other chars only lower-cased ("Zürich"
//!   keeps its ü);
//! - [`fold_char`] / [`fold`]: searching restored text; lower case, every char to exactly one
//!   char, any letter's marks dropped ("ü" → "u");
//! - [`strip_diacritics`]: making unaccented text from accented; case kept, every combining
//!   mark dropped.

use super::letter;
#[cfg(feature = "train")]
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The base key of a word: lower case, tones and vowel marks removed, đ → d ("Thực" → "thuc").
/// Characters that are not Vietnamese letters are kept as they are (lower-cased).
pub fn base_key(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match letter::parse(c) {
            Some(l) => out.push(l.base as char),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Fold one char to its lower-case base letter; every char folds to exactly one char, so a
/// folded text has the same number of chars as the original.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if let Some(l) = letter::parse(c) {
        return l.base as char;
    }
    let base = c.nfd().next().unwrap_or(c);
    base.to_lowercase().next().unwrap_or(base)
}

/// Fold a whole string (see [`fold_char`]).
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Remove every diacritic (tones, vowel marks, đ, and the marks of any other letter) from a
/// text, keeping case and everything else.
#[cfg(feature = "train")]
pub fn strip_diacritics(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match letter::parse(c) {
            Some(l) => out.push(l.base_char()),
            None => out.extend(c.nfd().filter(|m| !is_combining_mark(*m))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_keys_strip_everything() {
        assert_eq!(base_key("Thực"), "thuc");
        assert_eq!(base_key("ĐẠO"), "dao");
        assert_eq!(base_key("người"), "nguoi");
        assert_eq!(base_key("s6"), "s6");
        assert_eq!(base_key("Zürich"), "zürich");
    }

    #[test]
    fn folding_agrees_everywhere_on_vietnamese() {
        let text = "Kết quả thực hiện Đề án của Ủy ban NHÂN DÂN tỉnh Quảng Ngãi, người được giao";
        assert_eq!(fold(text), base_key(text));
        assert_eq!(fold(text), strip_diacritics(text).to_lowercase());
        assert_eq!(fold(text).chars().count(), text.chars().count());
        // NFD input: the marks are their own chars, which only stripping removes
        let nfd: String = text.nfd().collect();
        assert_eq!(strip_diacritics(&nfd), strip_diacritics(text));
        for c in text.chars().filter(|c| letter::parse(*c).is_some()) {
            assert_eq!(fold_char(c).to_string(), base_key(&c.to_string()), "{c}");
        }
    }

    #[test]
    fn folding_outside_the_alphabet() {
        assert_eq!(fold("Zürich café"), "zurich cafe");
        assert_eq!(strip_diacritics("Zürich Đạo đức"), "Zurich Dao duc");
        assert_eq!(strip_diacritics("Đạo đức"), "Dao duc");
    }
}
