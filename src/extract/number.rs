//! Vietnamese number formats ("1.500" is 1500, "70.696,51" is 70696.51, "07" is 7), scale
//! words, and the scan that finds the numbers of a document that may be quantities, leaving
//! out dates, years, periods, document numbers, list and footnote numbers, standards,
//! addresses and other numbers that name rather than measure.

use std::sync::LazyLock;

use regex::Regex;

use super::doc::Doc;

/// Parse a number written the Vietnamese way: '.' groups thousands, ',' marks decimals.
/// A lone '.' not followed by exactly three digits is read as a decimal point (English style).
/// Returns `None` for anything that is not a well-formed number.
pub fn parse_number(s: &str) -> Option<f64> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    let (int_part, frac) = match s.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if let Some(f) = frac {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    let groups: Vec<&str> = int_part.split('.').collect();
    if groups.iter().any(|g| g.is_empty()) {
        return None;
    }
    let digits: String = if groups.len() == 1 {
        groups[0].to_string()
    } else if groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3) {
        groups.concat()
    } else if groups.len() == 2 && frac.is_none() {
        // "1.5": English decimal point.
        return format!("{}.{}", groups[0], groups[1]).parse().ok();
    } else {
        return None;
    };
    let text = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    text.parse().ok()
}

/// The multiplier of a scale word (folded: "ty", "trieu", "nghin", "ngan"), if it is one.
pub fn scale_of(folded_word: &str) -> Option<f64> {
    match folded_word {
        "ty" => Some(1e9),
        "trieu" => Some(1e6),
        "nghin" | "ngan" => Some(1e3),
        _ => None,
    }
}

/// A number found in the folded text that may be a quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct NumTok {
    /// Folded byte offset where the number starts.
    pub start: usize,
    /// Folded byte offset after the number (and its "/total" and '%', if any).
    pub end: usize,
    /// The number's value.
    pub value: f64,
    /// The denominator of "15/48" or "42,7037/80".
    pub total: Option<f64>,
    /// Followed by '%'.
    pub percent: bool,
    /// Written with a thousands separator or a decimal part.
    pub formatted: bool,
}

fn re(p: &str) -> Regex {
    // The patterns are literals of this module; a typo is caught by the unit tests.
    Regex::new(p).unwrap_or_else(|e| panic!("bad regex {p}: {e}"))
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"[0-9]+(?:[.,][0-9]+)*"));
static TOTAL: LazyLock<Regex> = LazyLock::new(|| re(r"^/([0-9]+(?:[.,][0-9]+)*)"));
static PERCENT: LazyLock<Regex> = LazyLock::new(|| re(r"^ ?%"));

/// Spans of the folded text whose numbers are never quantities.
static MASKS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // web and mail addresses
        r"(?:https?:/+|www\.)\S+",
        r"[^\s@]+@[^\s@]+\.[a-z]+",
        // dates: 31/12/2024, 12-05-2025, 2025-06-20, 9/2025
        r"\b[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}\b",
        r"\b[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}\b",
        r"\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b",
        r"\b[0-9]{1,2}/(?:19|20)[0-9]{2}\b",
        // calendar words before a number: ngày 20, tháng 6, năm 2025, quý 1, giai đoạn 2021
        r"\b(?:ngay|thang|nam|quy|nien do|nhiem ky|giai doan|tu nam|den nam)\s+[0-9]+(?:[/.][0-9]+)*",
        // year ranges
        r"\b(?:19|20)[0-9]{2}\s*[-–—]\s*(?:19|20)[0-9]{2}\b",
        // durations and reporting periods: 6 tháng, 05 năm, 02 tuần
        r"\b[0-9]+\s+(?:thang|nam|quy|tuan|ngay|gio|phut|giay)\b",
        // names of plans and documents: Đề án 06, Nghị quyết 18, Kế hoạch 05
        r"\b(?:de an|du an|nghi quyet|nghi dinh|quyet dinh|chi thi|thong tu|ke hoach|chuong trinh|cong van|luat|ket luan|thong bao|van ban)\s+(?:so\s+)?[0-9]+(?:[/.][0-9]+)*",
        // standards: ISO 9001:2015, TCVN 5573
        r"\b(?:iso|tcvn|qcvn|iec)\s*[0-9][0-9.:\-]*",
        r"\b[0-9]+:[0-9]{4}\b",
        // clock times
        r"\b[0-9]{1,2}(?:h|:)[0-9]{2}\b",
        // list and section numbers at a line start: 1. 2.1. a) (3) 4)
        r"(?m)^[ \t]*(?:[-+•*#>]+[ \t]*)*\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)](?:[ \t]|$)",
        r"\([0-9]{1,3}\)",
        r"(?:^|[\s;,:])[0-9]{1,2}\)",
        // addresses: số 12 đường ..., phường 3, Km 5, tổ 7
        r"\bso\s+[0-9]+[a-z]?\s+(?:duong|pho|ngo|ngach|hem|to|thon|ap|khu|lo|tang)\b",
        r"\b(?:duong|ngo|ngach|hem|quoc lo|ql|tinh lo|km|thua|to ban do|to dan pho|khu pho|thon|xom)\s+[0-9]+",
        // telephone and fax numbers
        r"\b(?:dien thoai|sdt|hotline|fax)\s*:?\s*[0-9][0-9 .]{5,}",
    ]
    .iter()
    .map(|p| re(p))
    .collect()
});

/// Ordinals and labels that need their accents to be told apart from ordinary words
/// ("thứ 9" is an ordinal, "thu 9 tỷ" is revenue): matched on the restored text.
static ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:thứ|lần|khóa|khoá|đợt|kỳ|điều|khoản|mục|chương|phần|phụ lục|biểu|mẫu|tập|số hiệu|hạng|tầng|phòng số)\s+[0-9]+",
    )
});

/// A document number: 5085/QĐ-UBND, 178/2024/NĐ-CP, 57-NQ/TW, "205 /BC-UBND".
pub static CODE: LazyLock<Regex> =
    LazyLock::new(|| re(r"[0-9]+(?:/[0-9]+)*(?: ?/ ?|-)[a-z][a-z0-9&]*(?:(?:-\n?|/)[a-z0-9&]+)*"));

fn mark(mask: &mut [bool], s: usize, e: usize) {
    let e = e.min(mask.len());
    for m in mask.iter_mut().take(e).skip(s) {
        *m = true;
    }
}

/// True if the char at folded offset `f` of the doc is upper case in the restored text.
fn upper_at(doc: &Doc, f: usize) -> bool {
    doc.orig_char(f).is_some_and(char::is_uppercase)
}

/// Folded byte ranges of document numbers whose letters are written in capitals.
pub fn codes(doc: &Doc) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for m in CODE.find_iter(&doc.folded) {
        let letter = m.as_str().find(|c: char| c.is_ascii_lowercase()).map(|i| m.start() + i);
        if letter.is_some_and(|f| upper_at(doc, f)) {
            out.push((m.start(), m.end()));
        }
    }
    out
}

/// True if line `li` starts with a footnote number: a small number, a space and a capital,
/// at the start of a paragraph (the line before is blank or ends a sentence).
fn footnote_start(doc: &Doc, li: usize) -> Option<(usize, usize)> {
    let (ls, le) = doc.line_range(li);
    let line = doc.folded.get(ls..le)?;
    let lead = line.len() - line.trim_start().len();
    let digits = line[lead..].chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let after = ls + lead + digits;
    if doc.char_at(after) != Some(' ') || !upper_at(doc, after + 1) {
        return None;
    }
    let prev_ends = if li == 0 {
        true
    } else {
        let (ps, pe) = doc.line_range(li - 1);
        let prev = doc.folded.get(ps..pe).unwrap_or("").trim_end();
        prev.is_empty() || prev.ends_with(['.', ';', ':', '!', '?', '…'])
    };
    prev_ends.then_some((ls + lead, after))
}

/// Units that may be written glued to their number ("15km", "5ha").
const GLUED_UNITS: &[&str] = &["km", "ha", "m", "m2", "km2", "kg", "tan", "mw", "kw", "kwh", "usd", "vnd"];

/// Every number of the document that is not masked as a date, code, list number, etc.
pub fn scan(doc: &Doc) -> Vec<NumTok> {
    let folded = doc.folded.as_str();
    let mut mask = vec![false; folded.len() + 1];
    for r in MASKS.iter() {
        for m in r.find_iter(folded) {
            mark(&mut mask, m.start(), m.end());
        }
    }
    for m in ORDINAL.find_iter(&doc.text) {
        // Keep "xếp thứ 5", "đứng thứ 3": ranks, handled by the indicator rules.
        // only the few words before the match matter: look at a short window, not the whole
        // document before it (which made this quadratic in the document's length)
        let head = doc.text.get(..m.start()).unwrap_or("");
        let from = head.char_indices().rev().nth(24).map_or(0, |(i, _)| i);
        let before = head[from..].to_lowercase();
        let before = before.trim_end();
        if before.ends_with("xếp") || before.ends_with("đứng") || before.ends_with("xếp hạng") {
            continue;
        }
        mark(&mut mask, doc.f_of_t(m.start()), doc.f_of_t(m.end()));
    }
    for (s, e) in codes(doc) {
        mark(&mut mask, s, e);
    }
    for li in 0..doc.line_count() {
        if let Some((s, e)) = footnote_start(doc, li) {
            mark(&mut mask, s, e);
        }
    }
    let mut out = Vec::new();
    for m in NUMBER.find_iter(folded) {
        let (s, mut e) = (m.start(), m.end());
        if mask[s..e].iter().any(|&b| b) {
            continue;
        }
        // Glued to a word or to a bigger token: "K5", "UBTVQH15", "4.0" inside a code.
        match doc.char_before(s) {
            Some(c) if c.is_alphanumeric() => continue,
            // glued to a stray symbol ("¢6", "®2"): OCR debris or a footnote mark
            Some(c) if !c.is_whitespace() && !"([{\"'“‘:;,~≈+-–—/.…".contains(c) => continue,
            Some('/' | '-' | '.' | ',') => {
                let before = doc.folded.get(..s.saturating_sub(1)).and_then(|t| t.chars().next_back());
                if before.is_some_and(char::is_alphanumeric) {
                    continue;
                }
            }
            _ => {}
        }
        let Some(value) = parse_number(m.as_str()) else { continue };
        let formatted = m.as_str().contains(['.', ',']);
        let mut total = None;
        if let Some(t) = TOTAL.captures(&folded[e..]) {
            let whole = t.get(0).map_or(0, |x| x.end());
            let after = doc.char_at(e + whole);
            let tv = t.get(1).and_then(|x| parse_number(x.as_str()));
            if let (Some(tv), false) = (tv, after.is_some_and(|c| c == '/' || c.is_alphanumeric())) {
                total = Some(tv);
                e += whole;
            } else {
                continue;
            }
        }
        let mut percent = false;
        if let Some(p) = PERCENT.find(&folded[e..]) {
            percent = true;
            e += p.end();
        }
        if !percent {
            if let Some(c) = doc.char_at(e) {
                if c.is_alphabetic() {
                    let word: String = folded[e..].chars().take_while(|c| c.is_alphanumeric()).collect();
                    if !GLUED_UNITS.contains(&word.as_str()) {
                        continue;
                    }
                }
            }
        }
        out.push(NumTok { start: s, end: e, value, total, percent, formatted });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_formats() {
        let cases: &[(&str, Option<f64>)] = &[
            ("1.500", Some(1500.0)),
            ("70.696,51", Some(70696.51)),
            ("6.700.342.590", Some(6_700_342_590.0)),
            ("07", Some(7.0)),
            ("96,17", Some(96.17)),
            ("42,7037", Some(42.7037)),
            ("0,5894", Some(0.5894)),
            ("1.5", Some(1.5)),
            ("1.50.2", None),
            ("1,2,3", None),
            ("12.34.567", None),
            ("", None),
            ("1a", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_number(s), *want, "{s}");
        }
    }

    #[test]
    fn scale_words() {
        assert_eq!(scale_of("ty"), Some(1e9));
        assert_eq!(scale_of("trieu"), Some(1e6));
        assert_eq!(scale_of("ngan"), Some(1e3));
        assert_eq!(scale_of("nghin"), Some(1e3));
        assert_eq!(scale_of("dong"), None);
    }

    #[test]
    fn regexes_compile() {
        assert!(!MASKS.is_empty());
        assert!(CODE.is_match("5085/qd-ubnd"));
        assert!(ORDINAL.is_match("lần thứ 9"));
    }
}
