//! Units written after a number: scale words (tỷ, triệu, nghìn), currencies, measures and the
//! count nouns of report prose ("nhiệm vụ", "hồ sơ", "tin, bài, phóng sự", "lượt/tuần").

use super::doc::Doc;
use super::number::scale_of;
use crate::viet::fold::fold;
use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// Count nouns and measures seen after numbers in Vietnamese reports. Entries of several
/// syllables match without accents; one-syllable entries marked '=' need their accents,
/// because without them they are other common words ("sở"/"số", "bài"/"bãi", "xã"/"xa").
const LEXICON: &[&str] = &[
    // money and measures ("đồng" needs its accents: "dòng", "động" are other words)
    "=đồng",
    "usd",
    "vnd",
    "vnđ",
    "điểm",
    "điểm phần trăm",
    "bậc",
    "km²",
    "km2",
    "km",
    "ha",
    "m²",
    "m2",
    "tấn",
    "kg",
    "mw",
    // people
    "người",
    "lượt",
    // times taken (a number before them is a duration unless `number::time_taken` says so)
    "=ngày",
    "ngày làm việc",
    "=giờ",
    "=phút",
    "lượt người",
    "cán bộ",
    "công chức",
    "viên chức",
    "biên chế",
    "đảng viên",
    "lao động",
    "học viên",
    "học sinh",
    "sinh viên",
    "hộ gia đình",
    "=hộ",
    "doanh nghiệp",
    "hợp tác xã",
    "nhà đầu tư",
    "trường hợp",
    "đại biểu",
    "thành viên",
    "cá nhân",
    "tập thể",
    "công dân",
    "người dân",
    "đối tượng",
    // documents
    "văn bản",
    "quyết định",
    "kế hoạch",
    "báo cáo",
    "công văn",
    "nghị quyết",
    "nghị định",
    "thông tư",
    "chỉ thị",
    "thông báo",
    "tờ trình",
    "đề án",
    "dự án",
    "chương trình",
    "quy chế",
    "quy định",
    "hướng dẫn",
    "kết luận",
    "công điện",
    "hồ sơ",
    "thủ tục",
    "thủ tục hành chính",
    "tthc",
    "dịch vụ công",
    "dịch vụ công trực tuyến",
    "dịch vụ",
    "giao dịch",
    "tài khoản",
    "chứng thư số",
    "chữ ký số",
    "giấy phép",
    "giấy chứng nhận",
    "hợp đồng",
    "tài liệu",
    "bộ thủ tục",
    // work items
    "nhiệm vụ",
    "chỉ tiêu",
    "giải pháp",
    "sáng kiến",
    "mô hình",
    "công trình",
    "hạng mục",
    "sản phẩm",
    "cuộc",
    "cuộc họp",
    "cuộc kiểm tra",
    "cuộc thanh tra",
    "hội nghị",
    "lớp",
    "lớp tập huấn",
    "buổi",
    "đợt",
    "đoàn",
    "=vụ",
    "vụ việc",
    "=đơn",
    "đơn thư",
    "phản ánh",
    "kiến nghị",
    "ý kiến",
    "câu hỏi",
    "tin",
    "=bài",
    "tin bài",
    "phóng sự",
    "bản tin",
    "chuyên mục",
    "chuyên đề",
    "video",
    "phần mềm",
    "hệ thống",
    "cơ sở dữ liệu",
    "quy trình",
    "lĩnh vực",
    "vi phạm",
    "sai phạm",
    "nội dung",
    "tiêu chí",
    "chỉ số",
    "thiết bị",
    "máy",
    "xe",
    "chiếc",
    "căn hộ",
    "ngôi nhà",
    "trang",
    "tin nhắn",
    "cuộc gọi",
    // organisations and places
    "đơn vị",
    "cơ quan",
    "tổ chức",
    "tổ chức cơ sở đảng",
    "đảng bộ",
    "chi bộ",
    "=sở",
    "=ban",
    "ngành",
    "=ban ngành",
    "trung tâm",
    "chi cục",
    "=cục",
    "=phòng",
    "=tổ",
    "nhóm",
    "bộ phận",
    "điểm cầu",
    "=xã",
    "phường",
    "thị trấn",
    "đặc khu",
    "=huyện",
    "=quận",
    "=tỉnh",
    "thành phố",
    "địa phương",
    "=thôn",
    "tổ dân phố",
    "khu dân cư",
    "=trường",
    "bệnh viện",
    "trạm y tế",
    "cơ sở",
    "hợp tác xã",
];

/// Words that never start a unit although they follow numbers.
const NOT_UNITS: &[&str] =
    &["cap", "ro", "lan", "thu", "va", "cua", "voi", "so", "den", "toi", "trong", "tai", "la", "co"];

/// A unit found after a number.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitMatch {
    /// Folded byte range of the unit in the document.
    pub start: usize,
    pub end: usize,
    /// Multiplier of its scale word (1 when none).
    pub scale: f64,
    /// The unit without its scale word ("đồng" for "tỷ đồng"), as written.
    pub base: String,
    /// A currency.
    pub money: bool,
    /// The unit as shown: as written, with the lexicon's accents on the lexicon's words.
    pub text: String,
}

struct Entry {
    words: Vec<String>,
    exact: Option<String>,
    /// The entry as spelled in the lexicon.
    text: String,
}

fn entries() -> &'static [Entry] {
    static E: LazyLock<Vec<Entry>> = LazyLock::new(|| {
        LEXICON
            .iter()
            .map(|e| {
                let (exact, text) = match e.strip_prefix('=') {
                    Some(t) => (Some(t.to_lowercase()), t),
                    None => (None, *e),
                };
                Entry {
                    words: fold(text).split(' ').map(str::to_string).collect(),
                    exact,
                    text: text.to_string(),
                }
            })
            .collect()
    });
    &E
}

/// The word at folded offset `p`: (start, end) of its run of letters and digits, with a '²'
/// after "m" (km², m²); other superscript digits are footnote marks, not part of the word
/// ("trường hợp¹⁸", "học viên²³").
fn word_at(doc: &Doc, p: usize) -> Option<(usize, usize)> {
    let rest = doc.folded.get(p..)?;
    let mut prev = ' ';
    let len: usize = rest
        .chars()
        .take_while(|&c| {
            let ok = c.is_alphabetic() || c.is_ascii_digit() || (c == '²' && prev == 'm');
            prev = c;
            ok
        })
        .map(char::len_utf8)
        .sum();
    (len > 0).then_some((p, p + len))
}

/// Skip spaces and at most one line break (never a blank line) from `p`.
pub fn skip_space(doc: &Doc, p: usize) -> usize {
    let rest = doc.folded.get(p..).unwrap_or("");
    let mut newlines = 0;
    let mut n = 0;
    for c in rest.chars() {
        if c == '\n' {
            newlines += 1;
            if newlines > 1 {
                break;
            }
        } else if !(c == ' ' || c == '\t' || c == '\u{a0}') {
            break;
        }
        n += c.len_utf8();
    }
    if rest[n..].starts_with('\n') {
        // a blank line follows: stop before it
        return p;
    }
    p + n
}

/// The lexicon's entries as one automaton over their folded words joined by single spaces
/// (pattern i is `entries()[i]`).
static ENTRY_PHRASES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(entries().iter().map(|e| e.words.join(" "))).expect("the lexicon is a small automaton")
});

/// Words in the longest lexicon entry.
static ENTRY_WORDS: LazyLock<usize> =
    LazyLock::new(|| entries().iter().map(|e| e.words.len()).max().unwrap_or(1));

/// The words from folded offset `p` as the lexicon could match them (each after spaces and at
/// most one line break), joined by single spaces, with the folded end of each word and its
/// end in the joined text.
fn phrase_at(doc: &Doc, p: usize) -> (String, Vec<(usize, usize)>) {
    let mut phrase = String::new();
    let mut ends = Vec::new();
    let mut q = p;
    while ends.len() < *ENTRY_WORDS {
        if !ends.is_empty() {
            let n = skip_space(doc, q);
            if n == q {
                break;
            }
            q = n;
        }
        let Some((s, e)) = word_at(doc, q) else { break };
        if !ends.is_empty() {
            phrase.push(' ');
        }
        phrase.push_str(&doc.folded[s..e]);
        ends.push((phrase.len(), e));
        q = e;
    }
    (phrase, ends)
}

/// The longest lexicon entry starting at folded offset `p`, returning its end and entry.
fn lexicon_at(doc: &Doc, p: usize) -> Option<usize> {
    lexicon_entry(doc, p).map(|(e, _)| e)
}

/// Words that turn a unit word into another word: "đồng thời" (at the same time) is not money.
const NOT_AFTER: &[(&str, &str)] = &[("dong", "thoi"), ("dong", "bo"), ("dong", "chi"), ("dong", "y")];

/// The entry whose words start at `p` and end furthest, the earliest in the lexicon among
/// those ending at the same place; entries needing their accents must have them, and a word
/// after the entry can rule it out ([`NOT_AFTER`]).
fn lexicon_entry(doc: &Doc, p: usize) -> Option<(usize, &'static Entry)> {
    let (phrase, ends) = phrase_at(doc, p);
    let mut best: Option<(usize, usize)> = None;
    for m in ENTRY_PHRASES.find_overlapping_iter(&phrase) {
        // whole words from `p`: the match starts the phrase and ends where a word does
        let Some(&(_, q)) = ends.iter().find(|(end, _)| *end == m.end()).filter(|_| m.start() == 0) else {
            continue;
        };
        let index = m.pattern().as_usize();
        let e = &entries()[index];
        if let Some(exact) = &e.exact {
            if doc.slice(p, q).to_lowercase() != *exact {
                continue;
            }
        }
        if let (Some(last), Some((ns, ne))) = (e.words.last(), word_at(doc, skip_space(doc, q))) {
            let next = doc.folded.get(ns..ne).unwrap_or("");
            if ns > q && NOT_AFTER.iter().any(|(a, b)| a == last && *b == next) {
                continue;
            }
        }
        if best.is_none_or(|(b, i)| q > b || (q == b && index < i)) {
            best = Some((q, index));
        }
    }
    best.map(|(q, index)| (q, &entries()[index]))
}

/// The unit's words with the lexicon's accents: a unit is a closed-class word, so a residual
/// accent error of restoration ("bạc" for "bậc") is not carried into the unit (the raw text
/// keeps what was written). Case as written is kept when only the case differs.
fn spelled(doc: &Doc, s: usize, e: usize, entry: Option<&Entry>) -> String {
    let written = doc.flat(s, e);
    match entry {
        Some(en) if written.to_lowercase() != en.text.to_lowercase() && !written.contains('\n') => {
            en.text.clone()
        }
        _ => written,
    }
}

/// The unit after a number ending at folded offset `p`.
pub fn unit_after(doc: &Doc, p: usize, allow_guess: bool) -> Option<UnitMatch> {
    let start = skip_space(doc, p);
    if start == p && doc.char_at(p).is_some_and(|c| !c.is_alphabetic()) {
        return None;
    }
    let mut q = start;
    let mut scale = 1.0;
    if let Some((ws, we)) = word_at(doc, q) {
        if let Some(s) = doc.folded.get(ws..we).and_then(scale_of) {
            scale = s;
            q = we;
        }
    }
    let base_start = if scale != 1.0 { skip_space(doc, q) } else { q };
    let mut entry = None;
    let mut end = match lexicon_entry(doc, base_start) {
        Some((e, en)) => {
            entry = Some(en);
            e
        }
        None if scale != 1.0 => q,
        None if allow_guess => {
            let (ws, we) = word_at(doc, base_start)?;
            let w = doc.folded.get(ws..we)?;
            let lower = doc.orig_char(ws).is_some_and(char::is_lowercase);
            if !lower || NOT_UNITS.contains(&w) || w.chars().any(|c| c.is_ascii_digit()) {
                return None;
            }
            we
        }
        None => return None,
    };
    let lex_end = end;
    // "lượt/tuần", "người/km²", "đồng/người/tháng": a unit per unit, per unit
    while doc.char_at(end) == Some('/') {
        match word_at(doc, end + 1) {
            Some((_, we)) => end = we,
            None => break,
        }
    }
    // lists of units: "tin, bài, phóng sự", "xã, phường, thị trấn"
    loop {
        if doc.char_at(end) != Some(',') {
            break;
        }
        let n = skip_space(doc, end + 1);
        if n == end + 1 {
            break;
        }
        match lexicon_at(doc, n) {
            Some(e)
                if !doc
                    .folded
                    .get(e..)
                    .unwrap_or("")
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit()) =>
            {
                end = e
            }
            _ => break,
        }
    }
    let folded = doc.folded.get(base_start..end).unwrap_or("");
    // money when the unit's head is a currency ("hợp đồng" is a count of contracts)
    let head: String = folded.chars().take_while(|c| c.is_alphanumeric()).collect();
    let money = matches!(head.as_str(), "dong" | "usd" | "vnd");
    let base_text = format!("{}{}", spelled(doc, base_start, lex_end, entry), doc.flat(lex_end, end));
    let base = if scale != 1.0 && base_start < end { base_text.clone() } else { String::new() };
    let text = if scale != 1.0 {
        let sc = doc.flat(start, q);
        if base_start < end {
            format!("{sc} {base_text}")
        } else {
            sc
        }
    } else {
        base_text
    };
    Some(UnitMatch { start, end, scale, base, money, text })
}
