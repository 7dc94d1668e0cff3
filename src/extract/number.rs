//! Vietnamese number formats ("1.500" is 1500, "70.696,51" is 70696.51, "07" is 7), scale
//! words, and the scan that finds the numbers of a document that may be quantities, leaving
//! out dates, years, periods, document numbers, list and footnote numbers, standards,
//! addresses and other numbers that name rather than measure.

use std::sync::LazyLock;

use regex::Regex;

use super::doc::Doc;
use crate::token::last_word;

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
    /// A unit the words of the number carry ("gấp đôi" is 2 "lần").
    pub implied: Option<&'static str>,
}

fn re(p: &str) -> Regex {
    // The patterns are literals of this module; a typo is caught by the unit tests.
    Regex::new(p).unwrap_or_else(|e| panic!("bad regex {p}: {e}"))
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"[0-9]+(?:[.,][0-9]+)*"));
static TOTAL: LazyLock<Regex> = LazyLock::new(|| re(r"^/([0-9]+(?:[.,][0-9]+)*)"));
static PERCENT: LazyLock<Regex> = LazyLock::new(|| re(r"^ ?%"));
static SPACE_GROUP: LazyLock<Regex> = LazyLock::new(|| re(r"^ [0-9]{3}(?:$|[^0-9.,]|[.,](?:$|[^0-9]))"));

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
        // calendar words before a number that need no accents to be told apart
        r"\b(?:nien do|nhiem ky|giai doan)\s+[0-9]+(?:[/.][0-9]+)*",
        // year ranges
        r"\b(?:19|20)[0-9]{2}\s*[-–—]\s*(?:19|20)[0-9]{2}\b",
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
        r"\b(?:quoc lo|ql|tinh lo|km|to ban do|to dan pho|khu pho)\s+[0-9]+",
        // telephone and fax numbers
        r"\b(?:dien thoai|sdt|hotline|fax)\s*:?\s*[0-9][0-9 .]{5,}",
    ]
    .iter()
    .map(|p| re(p))
    // names of plans and documents: Đề án 06, Nghị quyết 18, Kế hoạch 05, and projects (Dự án 3)
    .chain(std::iter::once(re(&format!(
        r"\b(?:du an|{})\s+(?:so\s+)?[0-9]+(?:[/.][0-9]+)*",
        super::doc_type::alternation(|t| t.named_by_number)
    ))))
    .collect()
});

/// Masks that need their accents, matched on the restored text: without them "1.500 giấy
/// phép" would be seconds ("giây"), "125 quy trình" a quarter ("quý"), "tương đương 4.500 tỷ"
/// a street ("đường") and "Việt Nam 2024" a year.
static ACCENTED_MASKS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // calendar words before a number: ngày 20, tháng 6, năm 2025, quý 1, từ năm 2021
        r"(?i)\b(?:ngày|tháng|năm|quý|từ năm|đến năm)\s+[0-9]+(?:[/.][0-9]+)*",
        // addresses: số 12 đường ..., đường 3, ngõ 5, thôn 7
        r"(?i)\bsố\s+[0-9]+[a-z]?\s+(?:đường|phố|ngõ|ngách|hẻm|thôn|ấp|lô|tầng)\b",
        r"(?i)\b(?:đường|ngõ|ngách|hẻm|thửa|thôn|xóm)\s+[0-9]+",
    ]
    .iter()
    .map(|p| re(p))
    .collect()
});

/// Durations and reporting periods (6 tháng, 05 năm, 02 tuần), matched on the restored text;
/// not a time taken ([`time_taken`]).
static DURATION: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b[0-9]+\s+(?:tháng|năm|quý|tuần|ngày|giờ|phút|giây)(?:\s|$|[.,;:)])"));

/// Words before a number of days that make it a period or a deadline, not a time taken
/// ("trong 15 ngày", "sau 03 ngày", "mỗi 7 ngày").
const PERIOD_WORDS: &[&str] = &["trong", "sau", "truoc", "moi", "hon", "cac", "nhung", "ca"];

/// Whether the duration whose number starts at text byte `tb` is a time taken, a measure: a
/// number with a decimal part ("3,5 ngày": a period is never fractional), or one that the
/// sentence introduces with "thời gian" ("thời gian giải quyết còn 12 ngày") and no word of
/// period stands before.
fn time_taken(doc: &Doc, tb: usize) -> bool {
    let head = doc.text.get(..tb).unwrap_or("");
    let mut back = head.chars().rev();
    if matches!(back.next(), Some(',' | '.')) && back.next().is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    let f = doc.f_of_t(tb);
    let from = f.saturating_sub(80);
    let from = (from..f).find(|&i| doc.folded.is_char_boundary(i)).unwrap_or(f);
    let before = doc.folded.get(from..f).unwrap_or("");
    let clause = before.rsplit(['.', ';', ':', '!', '?', '\n']).next().unwrap_or("");
    let prev = last_word(clause);
    clause.contains("thoi gian") && !PERIOD_WORDS.contains(&prev)
}

/// Ordinals and labels that need their accents to be told apart from ordinary words
/// ("thứ 9" is an ordinal, "thu 9 tỷ" is revenue): matched on the restored text.
static ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:thứ|lần|khóa|khoá|đợt|kỳ|điều|khoản|mục|chương|phần|phụ lục|biểu|mẫu|tập|số hiệu|hạng|tầng|phòng số)\s+[0-9]+",
    )
});

/// A document number: 5085/QĐ-UBND, 178/2024/NĐ-CP, 57-NQ/TW, "205 /BC-UBND".
pub static CODE: LazyLock<Regex> = LazyLock::new(|| re(&crate::codes::folded_pattern()));

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
    // "50 Quyết định công bố ...": a count of a noun of the unit lexicon, not a footnote mark,
    // unless a document number follows it ("1 Quyết định số 12/QĐ-UBND" is a footnote)
    if let Some(u) = super::unit::unit_after(doc, after, false) {
        let rest = doc.folded.get(u.end..).unwrap_or("").trim_start();
        if !rest.starts_with("so ") && !rest.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
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
const GLUED_UNITS: &[&str] =
    &["km", "ha", "m", "m2", "km2", "m²", "km²", "kg", "tan", "mw", "kw", "kwh", "usd", "vnd"];

/// Every number of the document that is not masked as a date, code, list number, etc.
pub fn scan(doc: &Doc) -> Vec<NumTok> {
    let folded = doc.folded.as_str();
    let mut mask = vec![false; folded.len() + 1];
    for r in MASKS.iter() {
        for m in r.find_iter(folded) {
            mark(&mut mask, m.start(), m.end());
        }
    }
    for r in ACCENTED_MASKS.iter() {
        for m in r.find_iter(&doc.text) {
            mark(&mut mask, doc.f_of_t(m.start()), doc.f_of_t(m.end()));
        }
    }
    for m in DURATION.find_iter(&doc.text).filter(|m| !time_taken(doc, m.start())) {
        mark(&mut mask, doc.f_of_t(m.start()), doc.f_of_t(m.end()));
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
        // "danh mục 612 thủ tục": a list of 612, not section 612
        if before.ends_with("danh") && m.as_str().to_lowercase().starts_with("mục") {
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
    let mut skip_to = 0;
    for m in NUMBER.find_iter(folded) {
        let (mut s, mut e) = (m.start(), m.end());
        if s < skip_to {
            continue;
        }
        let mut text = m.as_str().to_string();
        // "12 345": thousands grouped by spaces (a first group of 1-3 digits, then groups of
        // exactly 3 digits)
        if !text.contains(['.', ',']) && text.len() <= 3 && !text.starts_with('0') {
            let (start_e, start_len) = (e, text.len());
            while SPACE_GROUP.is_match(&folded[e..]) {
                text.push_str(&folded[e + 1..e + 4]);
                e += 4;
            }
            // not before '%': "tỷ lệ 100%" read by OCR as "tỷ 16 100%" is no 16100%
            if PERCENT.is_match(&folded[e..]) {
                e = start_e;
                text.truncate(start_len);
            }
            skip_to = e;
        }
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
                // "92-95%": the second bound of a range glued by a dash (dates and year
                // ranges are masked before)
                let range = doc.char_before(s) == Some('-') && before.is_some_and(|c| c.is_ascii_digit());
                if before.is_some_and(char::is_alphanumeric) && !range {
                    continue;
                }
            }
            _ => {}
        }
        let Some(mut value) = parse_number(&text) else { continue };
        let formatted = text.contains(['.', ',']) || text.len() > m.as_str().len();
        // "-1,2%": a minus sign glued to the number, after a space, '(' or ':' (not a bullet at
        // a line start, not the dash of a range "02 - 03", not a hyphen inside a word)
        if matches!(doc.char_before(s), Some('-' | '−')) {
            let sign_at = s - doc.char_before(s).map_or(1, char::len_utf8);
            let before = doc.char_before(sign_at);
            let line_start = doc.folded.get(..sign_at).map_or("", |t| t.rsplit('\n').next().unwrap_or(""));
            let prev_word = last_word(line_start);
            let prev_is_number =
                prev_word.trim_end_matches('%').chars().last().is_some_and(|c| c.is_ascii_digit());
            if before.is_some_and(|c| c == ' ' || c == '(' || c == ':')
                && !line_start.trim().is_empty()
                && !prev_is_number
            {
                value = -value;
                s = sign_at;
            }
        }
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
        out.push(NumTok { start: s, end: e, value, total, percent, formatted, implied: None });
    }
    out.extend(number_words(doc, &mask));
    out.sort_by_key(|n| n.start);
    out
}

/// The value of Vietnamese number words ("hai mươi lăm" 25, "một trăm linh năm" 105,
/// "ba nghìn" 3000), or `None` when the words do not make a number.
pub fn words_value(words: &[&str]) -> Option<f64> {
    let (mut total, mut group, mut digit) = (0.0, 0.0, 0.0);
    for w in words {
        let d = match *w {
            "một" | "mốt" => Some(1.0),
            "hai" => Some(2.0),
            "ba" => Some(3.0),
            "bốn" | "tư" => Some(4.0),
            "năm" | "lăm" => Some(5.0),
            "sáu" => Some(6.0),
            "bảy" | "bẩy" => Some(7.0),
            "tám" => Some(8.0),
            "chín" => Some(9.0),
            _ => None,
        };
        match (d, *w) {
            (Some(v), _) => digit = v,
            (None, "mười") => group += 10.0,
            (None, "mươi") => {
                group += digit * 10.0;
                digit = 0.0;
            }
            (None, "trăm") => {
                group += digit * 100.0;
                digit = 0.0;
            }
            (None, "linh" | "lẻ") => {}
            (None, "nghìn" | "ngàn") => {
                total += (group + digit) * 1000.0;
                group = 0.0;
                digit = 0.0;
            }
            _ => return None,
        }
    }
    let v = total + group + digit;
    (v > 0.0).then_some(v)
}

/// Words after which a number word is an ordinal or a label.
const ORDINAL_WORDS: &[&str] = &[
    "thứ", "lần", "khóa", "khoá", "đợt", "kỳ", "điều", "khoản", "mục", "chương", "phần", "tầng", "số", "hạng",
];

static NUMBER_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    let w = "một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|bẩy|tám|chín|mười|mươi|trăm|linh|lẻ|nghìn|ngàn";
    re(&format!(r"(?i)\b(?:gấp (?:đôi|rưỡi|ba|bốn|năm)|một nửa|(?:{w})(?:\s+(?:{w}))*)\b"))
});

/// Numbers written in words: "hai mươi lăm hồ sơ" (a count when a unit of the lexicon follows),
/// "một nửa" (50%), "gấp đôi" (2 times). A lone "một", "năm" or "tư" is an article, a year or
/// a word of its own, never read as a number.
fn number_words(doc: &Doc, mask: &[bool]) -> Vec<NumTok> {
    let mut out = Vec::new();
    for m in NUMBER_WORDS.find_iter(&doc.text) {
        let (s, e) = (doc.f_of_t(m.start()), doc.f_of_t(m.end()));
        if mask.get(s..e).is_some_and(|x| x.iter().any(|&b| b)) {
            continue;
        }
        let lower = m.as_str().to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let tok = |value, percent, implied| NumTok {
            start: s,
            end: e,
            value,
            total: None,
            percent,
            formatted: false,
            implied,
        };
        match words.as_slice() {
            ["một", "nửa"] => out.push(tok(50.0, true, None)),
            ["gấp", w] => {
                let v = match *w {
                    "đôi" => 2.0,
                    "rưỡi" => 1.5,
                    other => words_value(&[other]).unwrap_or(0.0),
                };
                // the number starts after "gấp", which stays the predicate
                let ns = doc.f_of_t(m.start() + "gấp ".len());
                out.push(NumTok { start: ns, ..tok(v, false, Some("lần")) });
            }
            _ => {
                let lone = words.len() == 1
                    && matches!(
                        words[0],
                        "một"
                            | "năm"
                            | "tư"
                            | "lăm"
                            | "mốt"
                            | "linh"
                            | "lẻ"
                            | "mươi"
                            | "trăm"
                            | "nghìn"
                            | "ngàn"
                    );
                let starts_ok =
                    !matches!(words[0], "mươi" | "linh" | "lẻ" | "lăm" | "mốt" | "trăm" | "nghìn" | "ngàn");
                let next_digit =
                    doc.folded.get(e..).unwrap_or("").trim_start().starts_with(|c: char| c.is_ascii_digit());
                // "lần thứ hai thành phố": an ordinal, not two cities
                let head = doc.text.get(..m.start()).unwrap_or("");
                let prev = last_word(head).to_lowercase();
                let ordinal = ORDINAL_WORDS.contains(&prev.as_str());
                let Some(v) = words_value(&words) else { continue };
                if lone || !starts_ok || next_digit || ordinal {
                    continue;
                }
                if super::unit::unit_after(doc, e, false).is_some() {
                    out.push(tok(v, false, None));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        let cases = [
            ("1.500", 1500.0),
            ("70.696,51", 70696.51),
            ("6.700.342.590", 6_700_342_590.0),
            ("07", 7.0),
            ("96,17", 96.17),
            ("42,7037", 42.7037),
            ("0,5894", 0.5894),
            ("2.784", 2784.0),
        ];
        for (s, v) in cases {
            assert_eq!(parse_number(s), Some(v), "{s}");
        }
        assert_eq!(parse_number("1.2.3,4"), None);
    }

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
