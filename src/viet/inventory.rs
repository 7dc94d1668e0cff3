//! Every valid syllable: the closed vocabulary the language model and the OCR channel are
//! built over.

use super::fold::base_key;
use super::grammar::{apply_tone, is_valid, ONSETS, RHYMES};
use super::tone::Tone;

/// Every valid lower-case syllable with every tone the rules allow, sorted.
pub fn all_syllables() -> Vec<String> {
    let mut out = std::collections::BTreeSet::new();
    let mut rhymes: Vec<String> = RHYMES.iter().map(|r| r.to_string()).collect();
    // rhymes after "qu": the medial u/o is written as the u of "qu"
    for r in RHYMES {
        if let Some(rest) = r.strip_prefix('u').or_else(|| r.strip_prefix('o')) {
            if !rest.is_empty() {
                rhymes.push(rest.to_string());
            }
        }
    }
    for onset in ONSETS.iter().copied().chain(std::iter::once("")) {
        for r in &rhymes {
            let toneless = format!("{onset}{r}");
            for tone in Tone::ALL {
                if let Some(s) = apply_tone(&toneless, tone) {
                    if is_valid(&s) && base_key(&s).len() == toneless.chars().count() {
                        out.insert(s);
                    }
                }
            }
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::viet::letter::alphabet;

    #[test]
    fn the_alphabet_is_the_letters_of_the_syllable_inventory() {
        let mut from_syllables: Vec<char> =
            all_syllables().iter().flat_map(|s| s.chars().collect::<Vec<_>>()).collect();
        from_syllables.sort_unstable();
        from_syllables.dedup();
        assert_eq!(alphabet(), from_syllables);
    }

    #[test]
    fn inventory_is_the_size_the_rules_give() {
        let all = all_syllables();
        assert!(all.len() > 10_000 && all.len() < 25_000, "{}", all.len());
        for w in ["năm", "người", "được", "quyết", "giữ", "gì", "khuya", "thủy", "hóa", "quỵu"]
        {
            assert!(all.binary_search(&w.to_string()).is_ok(), "{w} missing");
        }
    }
}
