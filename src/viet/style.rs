//! Tone style: text and words come out NFC and with the tone on the vowel the project's
//! (classic) style puts it on, whichever style or normal form they came in.

use super::grammar::{self, is_valid, Mode};
use super::letter;
use super::tone::{split_tone, Tone};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

pub use super::grammar::ToneStyle;

/// Rewrite one word in the project's style: NFC, and for a valid syllable the tone moved to its
/// classic place ("hoà" → "hòa", "thuỷ" → "thủy"). Other words come back NFC only.
pub fn normalize_word(word: &str) -> String {
    let nfc: String = word.nfc().collect();
    let (toneless, tone) = split_tone(&nfc);
    if tone == Tone::Level || !is_valid(&nfc) {
        return nfc;
    }
    grammar::apply_tone(&toneless, tone).unwrap_or(nfc)
}

/// `text` in NFC with every Vietnamese word's tone placed in the classic style ("hòa",
/// "thủy", "Ủy", "khỏe", but "hoàn", "thuyết"; "quý", "giữ"). Words that are not one
/// well-formed Vietnamese syllable with one tone are left as they are.
#[cfg(feature = "train")]
pub fn normalize_tone_style(text: &str) -> String {
    apply_tone_style(text, ToneStyle::Classic)
}

/// `text` in NFC with tones placed in `style`; [`normalize_tone_style`] is the classic case.
#[cfg(feature = "train")]
pub fn apply_tone_style(text: &str, style: ToneStyle) -> String {
    let mut out = String::with_capacity(text.len());
    let mut tmp = String::new();
    normalize_into(text, style, &mut out, &mut tmp);
    out
}

/// Append `text`, normalised as in [`apply_tone_style`], to `out`; `tmp` is scratch space.
pub(crate) fn normalize_into(text: &str, style: ToneStyle, out: &mut String, tmp: &mut String) {
    if text.is_ascii() {
        out.push_str(text);
        return;
    }
    let nfc = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text
    } else {
        tmp.clear();
        tmp.extend(text.nfc());
        tmp.as_str()
    };
    restyle_words(nfc, style, out);
}

/// Copy `text` (NFC) to `out`, moving misplaced tones word by word.
fn restyle_words(text: &str, style: ToneStyle, out: &mut String) {
    let mut copied = 0;
    let mut word_start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let in_word = is_word_char(c);
        match (word_start, in_word) {
            (None, true) => word_start = Some(i),
            (Some(start), false) => {
                word_start = None;
                let word = &text[start..i];
                if !word.is_ascii() {
                    if let Some(fixed) = restyle_word(word, style) {
                        out.push_str(&text[copied..start]);
                        out.extend(fixed.iter());
                        copied = i;
                    }
                }
            }
            _ => {}
        }
    }
    out.push_str(&text[copied..]);
}

/// Letters (Vietnamese ones looked up first, as the fast case) and combining marks.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        letter::parse(c).is_some() || c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c)
    }
}

/// The word with its tone moved, or `None` if it needs no change or is not Vietnamese (under
/// the lenient grammar: text in the modern style is what it fixes).
fn restyle_word(word: &str, style: ToneStyle) -> Option<Vec<char>> {
    let (mut buf, len) = grammar::letters_of(word)?;
    let ls = &mut buf[..len];
    let mut toned = ls.iter().enumerate().filter(|(_, l)| l.tone != Tone::Level);
    let (at, tone) = toned.next().map(|(i, l)| (i, l.tone))?;
    if toned.next().is_some() {
        return None;
    }
    // A tone on a vowel with no vowel beside it has nowhere to move.
    let beside = |i: Option<usize>| i.and_then(|i| ls.get(i)).is_some_and(|l| l.is_vowel());
    if !beside(at.checked_sub(1)) && !beside(Some(at + 1)) {
        return None;
    }
    grammar::place_tone(ls, tone, Mode::Lenient, style)?;
    if ls[at].tone == tone {
        return None;
    }
    ls.iter().map(|l| l.to_char()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modern_becomes_classic() {
        let cases = [
            ("hoà", "hòa"),
            ("hoá", "hóa"),
            ("thuỷ", "thủy"),
            ("Uỷ ban", "Ủy ban"),
            ("UỶ BAN", "ỦY BAN"),
            ("khoẻ", "khỏe"),
            ("HOÀ BÌNH", "HÒA BÌNH"),
            ("qúy", "quý"),
            ("hòan", "hoàn"),
            ("thúyêt", "thuyết"),
            ("ngòai", "ngoài"),
        ];
        for (modern, classic) in cases {
            assert_eq!(normalize_tone_style(modern), classic, "{modern}");
        }
    }

    #[test]
    fn classic_and_foreign_words_are_kept() {
        let keep = [
            "hoàn thành, khoảng 2026; quý và giữ: người được Ủy ban",
            "café été naïve Zürich",
            "hóa học thủy lợi",
            "x = 1,5 (v.v.)",
            "",
        ];
        for t in keep {
            assert_eq!(normalize_tone_style(t), t);
        }
    }

    #[test]
    fn nfd_becomes_nfc() {
        let nfd: String = "Việt Nam hoà".nfd().collect();
        assert_ne!(nfd, "Việt Nam hoà");
        assert_eq!(normalize_tone_style(&nfd), "Việt Nam hòa");
    }

    #[test]
    fn classic_to_modern() {
        assert_eq!(apply_tone_style("hòa thủy Ủy khỏe hoàn", ToneStyle::Modern), "hoà thuỷ Uỷ khoẻ hoàn");
    }

    #[test]
    fn words_normalize_to_classic_placement() {
        assert_eq!(normalize_word("hoà"), "hòa");
        assert_eq!(normalize_word("thuỷ"), "thủy");
        assert_eq!(normalize_word("Uỷ"), "Ủy");
        assert_eq!(normalize_word("ho\u{0061}\u{0300}n"), "hoàn");
        assert_eq!(normalize_word("UBND"), "UBND");
        assert_eq!(normalize_word("quỵu"), "quỵu");
    }

    #[test]
    fn word_and_text_normalisation_agree_on_syllables() {
        for w in ["hoà", "thuỷ", "Uỷ", "khoẻ", "HOÀ", "qúy", "hòan", "thúyêt", "ngòai", "quỵu", "người"]
        {
            assert_eq!(normalize_word(w), normalize_tone_style(w), "{w}");
        }
    }

    #[test]
    fn stray_combining_mark_leaves_word_alone() {
        let t = "thuỷ\u{300} x";
        assert_eq!(normalize_tone_style(t), t);
    }
}
