//! Citations of legal documents ("Quyết định số 5085/QĐ-UBND ngày 31/12/2024 của ..."): the
//! type, the number normalised, the date in ISO 8601 and the issuer when the text gives them.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::doc::Doc;
use super::doc_type::{type_of_letters, DOC_TYPES};
use super::indicator::{sentence_breaks, sentence_of};
use super::number::codes;
use super::Reference;
use crate::codes;

static DATE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s,]*(?:\(\s*)?(?:ban hanh\s+)?ngay\s+(?:([0-9]{1,2})\s*[/.-]\s*([0-9]{1,2})\s*[/.-]\s*([0-9]{4})|([0-9]{1,2})\s+thang\s+([0-9]{1,2})\s+nam\s+([0-9]{4}))",
    )
    .unwrap_or_else(|e| panic!("{e}"))
});
static DATE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s\-+•*]*ngay\s+([0-9]{1,2})\s*/\s*([0-9]{1,2})\s*/\s*([0-9]{4})\b")
        .unwrap_or_else(|e| panic!("{e}"))
});
static OWN_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^a-z])s[^\s:]{0,2}\s*:\s*$").unwrap_or_else(|e| panic!("{e}")));
static ISSUER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\s,]*(?:cua|do)\s+").unwrap_or_else(|e| panic!("{e}")));

/// "2025-04-16" from day, month, year, if they make a date.
pub fn iso_date(d: &str, m: &str, y: &str) -> Option<String> {
    let (d, m, y): (u32, u32, u32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    ((1..=31).contains(&d) && (1..=12).contains(&m) && (1800..=2200).contains(&y))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The folded type phrases of [`DOC_TYPES`] as one automaton (pattern i is `DOC_TYPES[i]`).
static TYPE_PHRASES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(DOC_TYPES.iter().map(|t| t.folded)).expect("the type phrases are a small automaton")
});

/// Words in the longest type phrase.
static TYPE_WORDS: LazyLock<usize> =
    LazyLock::new(|| DOC_TYPES.iter().map(|t| t.folded.split(' ').count()).max().unwrap_or(1));

/// The type phrase that `words` end with, its canonical name and how many words it takes; the
/// earliest in [`DOC_TYPES`] when several do ("thong tu lien tich" before "thong tu").
fn type_ending(words: &[(usize, &str)]) -> Option<(&'static str, usize)> {
    let tail = &words[words.len().saturating_sub(*TYPE_WORDS)..];
    let phrase = tail.iter().map(|w| w.1).collect::<Vec<_>>().join(" ");
    TYPE_PHRASES
        .find_overlapping_iter(&phrase)
        .filter(|m| m.end() == phrase.len() && (m.start() == 0 || phrase.as_bytes()[m.start() - 1] == b' '))
        .map(|m| m.pattern().as_usize())
        .min()
        .map(|i| (DOC_TYPES[i].name, DOC_TYPES[i].folded.split(' ').count()))
}

/// The type named by a number's first letter group.
fn type_from_code(number: &str) -> &'static str {
    let seg = codes::parts(number).find(|s| s.chars().next().is_some_and(char::is_alphabetic)).unwrap_or("");
    type_of_letters(seg).unwrap_or("Công văn")
}

/// The words (folded, with their folded start offsets) just before `at`, nearest last.
fn words_before<'d>(doc: &'d Doc, at: usize, n: usize) -> Vec<(usize, &'d str)> {
    let text = doc.folded.get(..at).unwrap_or("");
    let mut out = Vec::new();
    let mut end = text.len();
    for (i, c) in text.char_indices().rev() {
        let boundary = !(c.is_alphanumeric());
        if boundary {
            if end > i + c.len_utf8() {
                out.push((i + c.len_utf8(), &text[i + c.len_utf8()..end]));
                if out.len() == n {
                    break;
                }
            }
            if !c.is_whitespace() {
                break; // punctuation ends the phrase
            }
            end = i;
        }
    }
    if out.len() < n && end > 0 && !text[..end].contains(|c: char| !c.is_alphanumeric()) {
        out.push((0, &text[..end]));
    }
    out.reverse();
    out
}

/// Find the citations of a document. The document's own number ("Số: 205/BC-UBND") is not one.
pub fn references(doc: &Doc, sections: &[(String, bool)]) -> Vec<Reference> {
    let breaks = sentence_breaks(doc, sections);
    let mut out: Vec<Reference> = Vec::new();
    let mut last_sentence_cited: Option<(usize, usize)> = None;
    for (s, e) in codes(doc) {
        let before = words_before(doc, s, 6);
        // the document's own number: "Số: 205/BC-UBND"
        let lead = doc.folded.get(s.saturating_sub(12)..s).unwrap_or("");
        if OWN_NUMBER.is_match(lead) {
            continue;
        }
        let number = codes::normalise(&doc.slice(s, e).replace('\n', ""));
        if !number.chars().any(char::is_alphabetic) {
            continue;
        }
        // the type: the nearest type phrase in the few words before, skipping "số"
        let mut words = before.clone();
        if words.last().is_some_and(|w| w.1 == "so") {
            words.pop();
        }
        let mut doc_type: Option<(&str, usize)> = None;
        'search: for back in 0..words.len().min(4) {
            let upto = words.len() - back;
            if let Some((canon, n)) = type_ending(&words[..upto]) {
                doc_type = Some((canon, words[upto - n].0));
                break 'search;
            }
            if back == 0 && words.last().is_some_and(|w| w.1 == "bao") {
                let (f, _) = words[upto - 1];
                if doc.slice(f, f + 3).to_lowercase() == "báo" {
                    doc_type = Some(("Báo cáo", f));
                    break;
                }
            }
        }
        let (doc_type, type_start) = match doc_type {
            Some((t, f)) => (t.to_string(), Some(f)),
            None => (type_from_code(&number).to_string(), None),
        };
        // the date after the number, else the "Ngày dd/mm/yyyy," that opens the sentence
        let rest = doc.folded.get(e..).unwrap_or("");
        let mut end = e;
        let mut date = DATE_AFTER.captures(rest).and_then(|c| {
            end = e + c.get(0).map_or(0, |m| m.end());
            match (c.get(1), c.get(4)) {
                (Some(d), _) => iso_date(d.as_str(), &c[2], &c[3]),
                (None, Some(d)) => iso_date(d.as_str(), &c[5], &c[6]),
                _ => None,
            }
        });
        let sent = sentence_of(&breaks, s);
        if date.is_none() && last_sentence_cited != Some(sent) {
            let opening = doc.folded.get(sent.0..s).unwrap_or("");
            date = DATE_LEAD.captures(opening).and_then(|c| iso_date(&c[1], &c[2], &c[3]));
        }
        last_sentence_cited = Some(sent);
        // the issuer: "của Bộ Nội vụ", "của Thủ tướng Chính phủ"
        let issuer = doc.folded.get(end..).and_then(|r| ISSUER.find(r)).and_then(|m| {
            let is = end + m.end();
            if !doc.orig_char(is).is_some_and(char::is_uppercase) {
                return None;
            }
            let text = doc.folded.get(is..)?;
            let stop = text.find([',', ';', '.', '(', ')', ':', '\n']).unwrap_or(text.len()).min(120);
            let mut ie = is + stop;
            for w in [
                " ve ",
                " ban hanh ",
                " phe duyet ",
                " huong dan ",
                " quy dinh ",
                " sua doi ",
                " trien khai ",
                " thuc hien ",
                " giao ",
                " cong nhan ",
                " tai ",
            ] {
                if let Some(p) = doc.folded.get(is..ie).and_then(|t| format!("{t} ").find(w)) {
                    ie = is + p;
                }
            }
            let t = doc.flat(is, ie);
            (!t.is_empty()).then_some(t)
        });
        // a type on an earlier line: the span starts with the line, inside the citation
        let start = match type_start {
            Some(f) if doc.line_of(f) == doc.line_of(s) => f,
            Some(_) => doc.line_range(doc.line_of(s)).0,
            None => s,
        };
        // the span covers what `raw` holds on the number's line: type, number and date
        let span = doc.span(start, end.max(e));
        let raw = doc.flat(type_start.unwrap_or(s), end.max(e));
        out.push(Reference { span, raw, doc_type, number, date, issuer });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_from_codes() {
        assert_eq!(type_from_code("5085/QĐ-UBND"), "Quyết định");
        assert_eq!(type_from_code("57-NQ/TW"), "Nghị quyết");
        assert_eq!(type_from_code("959/UBND-NCKTGS"), "Công văn");
        assert_eq!(type_from_code("178/2024/NĐ-CP"), "Nghị định");
    }

    #[test]
    fn dates() {
        assert_eq!(iso_date("10", "2", "2025").as_deref(), Some("2025-02-10"));
        assert_eq!(iso_date("32", "2", "2025"), None);
    }
}
