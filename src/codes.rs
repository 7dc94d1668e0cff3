//! Document codes ("5085/QĐ-UBND", "57-NQ/TW"): the one place that knows what a code looks
//! like (a token that is one, for the tokenizer; a code in folded running text, for
//! extraction), how it splits into parts, and how the "Đ" that OCR and plain-ASCII typing lose
//! is read back, for restoration (against the parts the model has seen) and for extraction (a
//! fixed table).

use std::collections::HashSet;

use crate::token::is_word_char;

/// Code parts commonly written without their "Đ", and as they should be.
const WITHOUT_D_STROKE: &[(&str, &str)] =
    &[("QD", "QĐ"), ("QB", "QĐ"), ("ND", "NĐ"), ("HDND", "HĐND"), ("BCD", "BCĐ"), ("CD", "CĐ"), ("DU", "ĐU")];

/// What the parts of a code are read back to.
#[derive(Debug, Clone, Copy)]
pub enum Known<'a> {
    /// The common parts without their "Đ" of a fixed table: for text read without a model
    /// (extraction, which sees the restored text).
    Common,
    /// The parts the model has seen in clean text, reached by reading one D, B or P (or
    /// "DB") as "Đ" (restoration); a part already seen, or not all capitals, stays.
    Seen(&'a HashSet<String>),
}

/// Whether `c` separates the parts of a code.
pub fn is_separator(c: char) -> bool {
    c == '/' || c == '-'
}

/// The parts of a code between its separators.
pub fn parts(code: &str) -> impl Iterator<Item = &str> {
    code.split(is_separator)
}

/// The parts of a code that are abbreviations: letters and digits, a capital among them
/// ("QĐ", "UBND", "CTr" of "89-CTr/TU"; not "5085").
pub fn abbreviation_parts(code: &str) -> impl Iterator<Item = &str> {
    parts(code).filter(|p| p.chars().any(char::is_uppercase) && p.chars().all(char::is_alphanumeric))
}

/// Whether a token `s` (no spaces, no punctuation around it) is a document code or an
/// abbreviation with separators: made of word characters, separators and dots, with a
/// separator, and either mostly capitals ("5085/QĐ-UBND", "NĐ-CP") or a number joined by a
/// separator to letters with a capital ("89-CTr/TU").
pub fn is_code(s: &str) -> bool {
    let upper = s.chars().filter(|c| c.is_uppercase()).count();
    let has_sep = s.contains(is_separator);
    let lower = s.chars().filter(|c| c.is_lowercase()).count();
    let chars_ok = s.chars().all(|c| is_word_char(c) || is_separator(c) || c == '.');
    let numbered = s.starts_with(|c: char| c.is_ascii_digit())
        && s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '/').starts_with(is_separator)
        && upper >= 1;
    has_sep && chars_ok && ((upper >= 2 && lower <= upper / 2) || numbered)
}

/// The number that opens a code in folded text (lower case, no diacritics), with the numbers
/// after it ("5085", "178/2024").
pub const FOLDED_NUMBER: &str = r"[0-9]+(?:/[0-9]+)*";

/// The letter parts of a code in folded text, separated by "-" or "/" ("qd-ubnd", "nq/tw");
/// a hyphen may end a line ("qd-\nubnd").
pub const FOLDED_PARTS: &str = r"[a-z][a-z0-9&]*(?:(?:-\n?|/)[a-z0-9&]+)*";

/// A document code in folded running text, as a regex: its number, a "-" or a "/" (spaces
/// around a slash allowed: "205 /bc-ubnd"), its letter parts: "5085/qd-ubnd", "178/2024/nd-cp",
/// "57-nq/tw".
pub fn folded_pattern() -> String {
    format!(r"{FOLDED_NUMBER}(?: ?/ ?|-){FOLDED_PARTS}")
}

/// A document number as extraction reports it: without spaces or a trailing separator or
/// dot, the common parts without their "Đ" read back ("205 /BC-UBND" → "205/BC-UBND",
/// "178/2024/ND-CP" → "178/2024/NĐ-CP").
pub fn normalise(raw: &str) -> String {
    let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let s = s.trim_end_matches(['-', '/', '.']);
    repair(s, Known::Common)
}

/// `code` with each part read back as `known` says.
pub fn repair(code: &str, known: Known) -> String {
    let mut out = String::with_capacity(code.len() + 2);
    let mut rest = code;
    loop {
        let end = rest.find(is_separator).unwrap_or(rest.len());
        let part = &rest[..end];
        match repair_part(part, known) {
            Some(fixed) => out.push_str(&fixed),
            None => out.push_str(part),
        }
        let Some(sep) = rest[end..].chars().next() else { break };
        out.push(sep);
        rest = &rest[end + sep.len_utf8()..];
    }
    out
}

/// One part as `known` reads it back; `None` when it stays as written.
pub fn repair_part(part: &str, known: Known) -> Option<String> {
    match known {
        Known::Common => {
            WITHOUT_D_STROKE.iter().find(|(from, _)| *from == part).map(|(_, to)| to.to_string())
        }
        Known::Seen(seen) => {
            if part.is_empty() || seen.contains(part) || !part.chars().all(char::is_uppercase) {
                return None;
            }
            with_d_stroke(part, seen)
        }
    }
}

/// `part` with one D, B or P (or "DB") read back as "Đ", when that makes a part of `seen`.
pub fn with_d_stroke(part: &str, seen: &HashSet<String>) -> Option<String> {
    let chars: Vec<char> = part.chars().collect();
    for i in 0..chars.len() {
        for (len, ok) in [
            (2, i + 1 < chars.len() && chars[i] == 'D' && chars[i + 1] == 'B'),
            (1, matches!(chars[i], 'D' | 'B' | 'P')),
        ] {
            if ok {
                let cand: String =
                    chars[..i].iter().chain(std::iter::once(&'Đ')).chain(chars[i + len..].iter()).collect();
                if seen.contains(&cand) {
                    return Some(cand);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_table_repairs_parts_between_separators() {
        assert_eq!(repair("5085/QD-UBND", Known::Common), "5085/QĐ-UBND");
        assert_eq!(repair("12/NQ-HDND", Known::Common), "12/NQ-HĐND");
        assert_eq!(repair("QD-", Known::Common), "QĐ-");
        assert_eq!(repair("", Known::Common), "");
        assert_eq!(repair("/-", Known::Common), "/-");
    }

    #[test]
    fn codes_are_told_from_other_tokens() {
        for code in
            ["5085/QĐ-UBND", "5085/QB-UBND", "NĐ-CP", "ND-CP", "89-CTr/TU", "57-NQ/TW", "178/2024/NĐ-CP"]
        {
            assert!(is_code(code), "{code}");
        }
        for other in ["31/12/2024", "2021-2030", "Hà-Nội", "UBND", "km/h", "a-b", "QĐ,UBND"] {
            assert!(!is_code(other), "{other}");
        }
        assert_eq!(abbreviation_parts("89-CTr/TU").collect::<Vec<_>>(), ["CTr", "TU"]);
        assert_eq!(abbreviation_parts("5085/QĐ-UBND").collect::<Vec<_>>(), ["QĐ", "UBND"]);
    }

    #[test]
    fn the_folded_pattern_finds_codes_in_running_text() {
        let re = regex::Regex::new(&folded_pattern()).unwrap();
        let text = "theo quyet dinh so 5085/qd-ubnd ngay 31/12/2024, nghi dinh 178/2024/nd-cp, \
                    57-nq/tw va bao cao so 205 /bc-ubnd, ke hoach 12/kh-\nubnd; ty le 15/48";
        let found: Vec<&str> = re.find_iter(text).map(|m| m.as_str()).collect();
        assert_eq!(found, ["5085/qd-ubnd", "178/2024/nd-cp", "57-nq/tw", "205 /bc-ubnd", "12/kh-\nubnd"]);
    }

    #[test]
    fn numbers_are_normalised() {
        assert_eq!(normalise("5085/QB-UBND"), "5085/QĐ-UBND");
        assert_eq!(normalise("205 /BC-UBND"), "205/BC-UBND");
        assert_eq!(normalise("178/2024/ND-CP"), "178/2024/NĐ-CP");
        assert_eq!(normalise("01/2025/NQ-HDND"), "01/2025/NQ-HĐND");
        assert_eq!(normalise("57-NQ/TW"), "57-NQ/TW");
        assert_eq!(normalise("12/KH-UBND."), "12/KH-UBND");
    }

    #[test]
    fn seen_parts_are_reached_through_one_d_stroke() {
        let seen: HashSet<String> = ["QĐ", "UBND", "HĐND", "BCĐ"].iter().map(|s| s.to_string()).collect();
        assert_eq!(repair("5085/QB-UBND", Known::Seen(&seen)), "5085/QĐ-UBND");
        assert_eq!(repair("01/KH-HDND", Known::Seen(&seen)), "01/KH-HĐND");
        assert_eq!(repair("7/BCD-xy", Known::Seen(&seen)), "7/BCĐ-xy");
        assert_eq!(repair("QP/ND", Known::Seen(&seen)), "QĐ/ND");
        assert_eq!(with_d_stroke("BC", &seen), None);
        assert_eq!(parts("57-NQ/TW").collect::<Vec<_>>(), ["57", "NQ", "TW"]);
    }
}
