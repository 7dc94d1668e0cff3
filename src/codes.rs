//! Document codes ("5085/QĐ-UBND", "57-NQ/TW"): the one place that knows how a code splits
//! into parts and how the "Đ" that OCR and plain-ASCII typing lose is read back, for
//! restoration (against the parts the model has seen) and for extraction (a fixed table).

use std::collections::HashSet;

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
