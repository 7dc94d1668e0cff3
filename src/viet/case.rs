//! How a word is capitalised: classifying a word's casing (tolerating OCR's odd letters) and
//! writing a lower-case word in a casing.

/// How a word is capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Casing {
    /// all lower case (or no letters).
    Lower,
    /// first letter upper case, the rest lower.
    Title,
    /// all (or nearly all) letters upper case.
    Upper,
}

/// Classify the casing of a word, tolerating OCR's odd letters ("CAl" is upper, "K&t" title).
pub fn classify_casing(word: &str) -> Casing {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else { return Casing::Lower };
    if !first.is_uppercase() {
        return Casing::Lower;
    }
    let (mut up, mut low) = (1, 0);
    for c in letters {
        if c.is_uppercase() {
            up += 1;
        } else {
            low += 1;
        }
    }
    if up >= 2 && up > low {
        Casing::Upper
    } else {
        Casing::Title
    }
}

/// Apply a casing to a lower-case word.
#[cfg(test)]
pub fn apply_casing(lower: &str, casing: Casing) -> String {
    let mut out = String::with_capacity(lower.len());
    push_cased(&mut out, lower, casing);
    out
}

/// Append `lower` to `out` in `casing` (no allocation of its own: restoration writes every
/// changed word this way).
pub fn push_cased(out: &mut String, lower: &str, casing: Casing) {
    match casing {
        Casing::Lower => out.push_str(lower),
        Casing::Upper => out.extend(lower.chars().flat_map(char::to_uppercase)),
        Casing::Title => {
            let mut it = lower.chars();
            if let Some(f) = it.next() {
                out.extend(f.to_uppercase());
                out.push_str(it.as_str());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casing_round_trip() {
        assert_eq!(classify_casing("KET"), Casing::Upper);
        assert_eq!(classify_casing("CAl"), Casing::Upper);
        assert_eq!(classify_casing("K&t"), Casing::Title);
        assert_eq!(classify_casing("S6"), Casing::Title);
        assert_eq!(classify_casing("thuc"), Casing::Lower);
        assert_eq!(apply_casing("kết quả", Casing::Upper), "KẾT QUẢ");
        assert_eq!(apply_casing("ủy", Casing::Title), "Ủy");
    }
}
