//! The document's own record: number, date, issuer, title, recipient, signer and the
//! signer's title, and the reporting period, read from the layout every Vietnamese
//! administrative document shares (header, "Số:", place and date, type and title, "Kính gửi",
//! signature block).

use std::sync::LazyLock;

use regex::Regex;

use super::reference::iso_date;
use super::DocumentMeta;
use crate::viet::fold::fold;

fn re(p: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|e| panic!("bad regex {p}: {e}"))
}

/// Longest line a title takes (in bytes, about 150 Vietnamese words): titles run to a few
/// lines of a hundred chars or so.
const MAX_TITLE_LINE_BYTES: usize = 1000;

/// The document's own number after "Số:" (folded): its number, then its code's letter parts.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"(?:^|\s)s\S{{0,2}}\s*:\s*([0-9]*)\s*/\s*({})", crate::codes::FOLDED_PARTS))
});
static DATE: LazyLock<Regex> =
    LazyLock::new(|| re(r"ngay\s+([0-9]{1,2})\s+thang\s+([0-9]{1,2})\s+n[a-z]?m\s+([0-9]{4})"));
static TYPE_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(&format!("^(?:{})$", super::doc_type::alternation(|t| t.heads_a_document))));
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:[0-9]+|sau|chin|ba) thang (?:dau|cuoi) nam(?: ([0-9]{4}))?|quy [ivx1-4]+(?: nam ([0-9]{4}))?|giai doan [0-9]{4} ?- ?[0-9]{4}|nam ([0-9]{4})",
    )
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:19|20)[0-9]{2}\b"));
static TITLE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:^|\s)((?:pho\s+)?(?:chu tich|giam doc|bi thu|truong ban|chanh van phong|bo truong|thu truong|tong giam doc|cuc truong|vien truong|hieu truong|truong phong|chanh an|vien truong))\s*$",
    )
});
static PROXY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:^|\s)(kt|tm|t/m|tl|tuq|q)\s*\.?\s+(chu tich|giam doc|bi thu|truong ban|chanh van phong|bo truong|tong giam doc|cuc truong|vien truong|hieu truong|truong phong|chanh an|[a-z ]+)\s*$",
    )
});

/// A line without markdown marks and surrounding spaces.
fn clean(line: &str) -> String {
    let t = line.trim().trim_start_matches('#').trim();
    t.replace("**", "").replace("__", "").trim().trim_matches('*').trim().to_string()
}

/// Sentence case, keeping capitals for the place name after an administrative word
/// ("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" → "Ủy ban nhân dân thành phố Hải Phòng").
fn sentence_case(s: &str) -> String {
    let words: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
    let mut out: Vec<String> = Vec::new();
    let mut proper = false;
    for (i, w) in words.iter().enumerate() {
        let f = fold(w);
        let cap = i == 0 || proper;
        out.push(if cap { capitalise(w) } else { w.clone() });
        let prev = if i > 0 { fold(&words[i - 1]) } else { String::new() };
        if matches!(f.as_str(), "tinh" | "huyen" | "quan" | "xa" | "phuong" | "bo")
            || (f == "pho" && prev == "thanh")
            || (f == "uy" && prev == "thanh")
        {
            proper = true;
        }
    }
    out.join(" ")
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The original-text slice of a folded range (folding keeps the char count).
fn orig(orig: &str, folded: &str, fs: usize, fe: usize) -> String {
    let cs = folded.get(..fs).map_or(0, |t| t.chars().count());
    let cn = folded.get(fs..fe).map_or(0, |t| t.chars().count());
    orig.chars().skip(cs).take(cn).collect()
}

fn is_upper_text(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// The leading run of all-capital words of a line.
fn leading_caps(s: &str) -> String {
    let mut out = Vec::new();
    for w in s.split_whitespace() {
        if w.chars().any(char::is_lowercase) {
            break;
        }
        out.push(w);
    }
    out.join(" ")
}

/// Read the metadata of a document given its restored lines.
pub fn metadata(lines: &[&str]) -> DocumentMeta {
    let cleaned: Vec<String> = lines.iter().map(|l| clean(l)).collect();
    let folded: Vec<String> = cleaned.iter().map(|l| fold(l)).collect();
    let mut meta = DocumentMeta::default();
    // the header ends at "Kính gửi" or the first section heading
    let header_end = folded
        .iter()
        .position(|l| l.starts_with("kinh gui") || l.starts_with("i. ") || l.starts_with("can cu"))
        .unwrap_or(lines.len().min(30))
        .min(40);
    let header = 0..header_end;

    for i in header.clone() {
        if meta.number.is_none() {
            if let Some(c) = NUMBER.captures(&folded[i]) {
                if let (Some(n), Some(code)) = (c.get(1), c.get(2)) {
                    if !n.as_str().is_empty() {
                        let code = orig(&cleaned[i], &folded[i], code.start(), code.end());
                        meta.number =
                            Some(crate::codes::normalise(&format!("{}/{}", n.as_str(), code.to_uppercase())));
                    }
                }
            }
        }
        if meta.date.is_none() {
            if let Some(c) = DATE.captures(&folded[i]) {
                meta.date = iso_date(&c[1], &c[2], &c[3]);
            }
        }
    }

    // issuer: the capital lines of the left header column
    let mut parts = Vec::new();
    let type_line = header.clone().find(|&i| TYPE_LINE.is_match(folded[i].trim()));
    for line in cleaned.iter().take(type_line.unwrap_or(header_end).min(8)) {
        let mut l = line.clone();
        let f = fold(&l);
        if NUMBER.is_match(&f) || DATE.is_match(&f) {
            continue;
        }
        if let Some(p) = f.find("cong hoa xa hoi") {
            l = orig(&l, &f, 0, p);
        }
        let caps = leading_caps(&l);
        if caps.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !fold(&caps).contains("doc lap") {
            parts.push(caps);
        }
    }
    if !parts.is_empty() {
        meta.issuer = Some(sentence_case(&parts.join(" ")));
    } else {
        meta.issuer = issuer_from_preamble(&cleaned, &folded, type_line.unwrap_or(0));
    }

    // title: the lines after the type line ("BÁO CÁO"), or after "V/v"; a line of text
    // (a paragraph, or a whole document on one line) is no part of it
    if let Some(t) = type_line {
        let mut title = Vec::new();
        let mut i = t + 1;
        while i < lines.len() && cleaned[i].is_empty() {
            i += 1;
        }
        while i < lines.len() && !cleaned[i].is_empty() && title.len() < 6 {
            let f = &folded[i];
            if f.starts_with("kinh gui")
                || f.starts_with("can cu")
                || (is_upper_text(&cleaned[i]) && !title.is_empty())
                || cleaned[i].len() > MAX_TITLE_LINE_BYTES
            {
                break;
            }
            title.push(cleaned[i].clone());
            i += 1;
        }
        if !title.is_empty() {
            meta.title = Some(title.join(" "));
        }
    } else if let Some(i) = header.clone().find(|&i| folded[i].starts_with("v/v")) {
        meta.title = Some(cleaned[i][3..].trim().to_string());
    }

    // recipient: "Kính gửi: X" or the list under it
    if let Some(i) = folded.iter().position(|l| l.starts_with("kinh gui")) {
        let after = cleaned[i].split_once(':').map(|x| x.1.trim().to_string()).unwrap_or_default();
        let mut names = Vec::new();
        if !after.is_empty() {
            names.push(after);
        }
        let mut j = i + 1;
        while names.is_empty() || cleaned.get(j).is_some_and(|l| l.starts_with(['-', '+', '•'])) {
            match cleaned.get(j) {
                Some(l) if l.starts_with(['-', '+', '•']) => {
                    names.push(l.trim_start_matches(['-', '+', '•', ' ']).to_string())
                }
                Some(l) if l.is_empty() && names.is_empty() && j < i + 3 => {}
                _ => break,
            }
            j += 1;
        }
        let names: Vec<String> = names
            .iter()
            .map(|n| n.trim_end_matches([';', '.', ',']).trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        if !names.is_empty() {
            meta.recipient = Some(names.join("; "));
        }
    }

    // signature block: the last name-like line, and the title above it
    let tail_from = lines.len().saturating_sub(40);
    let name_line = (tail_from..lines.len()).rev().find(|&i| looks_like_name(&cleaned[i]));
    if let Some(n) = name_line {
        meta.signer = Some(cleaned[n].clone());
        let mut proxy: Option<String> = None;
        let mut title: Option<String> = None;
        for i in (n.saturating_sub(25)..n).rev() {
            let f = folded[i].trim_end_matches(['*', ' ']);
            if let Some(c) = PROXY.captures(f) {
                if let (None, Some(k), Some(t)) = (&proxy, c.get(1), c.get(2)) {
                    proxy =
                        Some(format!("{}|{}", k.as_str(), orig(&cleaned[i], &folded[i], t.start(), t.end())));
                }
            } else if let Some(c) = TITLE_WORDS.captures(f) {
                if let (None, Some(g)) = (&title, c.get(1)) {
                    title = Some(orig(&cleaned[i], &folded[i], g.start(), g.end()));
                }
            }
        }
        let signer_title = match (&title, &proxy) {
            (Some(t), _) if fold(t).starts_with("pho ") => Some(t.clone()),
            (_, Some(p)) if p.starts_with("kt|") => Some(format!("Phó {}", &p[3..])),
            (Some(t), _) => Some(t.clone()),
            _ => None,
        };
        meta.signer_title = signer_title.map(|t| title_case(&t));
    }

    // period: from the title ("6 tháng đầu năm" + its year), else none
    if let Some(title) = &meta.title {
        let ft = fold(title);
        if let Some(c) = PERIOD.captures(&ft) {
            let m = c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
            let mut p = orig(title, &ft, m.0, m.1);
            let has_year = YEAR.is_match(&ft[m.0..m.1]);
            if !has_year {
                let year = YEAR
                    .find(&ft[m.1..])
                    .map(|y| y.as_str().to_string())
                    .or_else(|| meta.date.as_ref().map(|d| d[..4].to_string()));
                if let Some(y) = year {
                    p = format!("{p} {y}");
                }
            }
            meta.period = Some(p);
        }
    }
    meta
}

/// Without a header, the body's opening names the issuer: "..., Ủy ban nhân dân thành phố
/// Hải Phòng báo cáo kết quả ..." (a person's title before it is dropped).
fn issuer_from_preamble(cleaned: &[String], folded: &[String], from: usize) -> Option<String> {
    for i in from..cleaned.len().min(from + 40) {
        let f = &folded[i];
        for (p, _) in f.match_indices(" bao cao ") {
            let start = f[..p].rfind([',', ';', ':']).map_or(0, |k| k + 1);
            let mut seg = f[start..p].trim_start();
            let mut fs = p - seg.len();
            for t in ["pho chu tich ", "chu tich ", "giam doc ", "truong ban "] {
                if let Some(r) = seg.strip_prefix(t) {
                    fs += t.len();
                    seg = r;
                }
            }
            let o = orig(&cleaned[i], f, fs, p);
            let o = o.trim();
            if o.chars().next().is_some_and(char::is_uppercase)
                && o.split_whitespace().count() <= 12
                && !o.contains(|c: char| c.is_ascii_digit())
            {
                return Some(o.to_string());
            }
        }
    }
    None
}

/// "PHÓ CHỦ TỊCH" → "Phó Chủ tịch", "GIÁM ĐỐC" → "Giám đốc".
fn title_case(t: &str) -> String {
    let s = t.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
    let mut out = Vec::new();
    for (i, w) in s.iter().enumerate() {
        let cap = i == 0 || (i == 1 && fold(&s[0]) == "pho");
        out.push(if cap { capitalise(w) } else { w.clone() });
    }
    out.join(" ")
}

/// Two to five words, each a capital followed by small letters, no digits or punctuation.
fn looks_like_name(l: &str) -> bool {
    let words: Vec<&str> = l.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            let mut c = w.chars();
            c.next().is_some_and(char::is_uppercase)
                && c.clone().all(char::is_alphabetic)
                && c.any(char::is_lowercase)
        })
        && !matches!(fold(words[0]).as_str(), "noi" | "kinh" | "ubnd" | "tm" | "kt")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_signature() {
        let doc = "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTHÀNH PHỐ HẢI PHÒNG Độc lập - Tự do - Hạnh phúc\nSố: 205 /BC-UBND Hải Phòng, ngày 20 tháng 6 năm 2025\nBÁO CÁO\n\nKết quả công tác 6 tháng đầu năm\nvà nhiệm vụ 6 tháng cuối năm 2025\n\nKính gửi: Bộ Nội vụ\n\nNội dung.\n\nNơi nhận: TM. ỦY BAN NHÂN DÂN\n- Như trên; KT. CHỦ TỊCH\n- Lưu: VT. PHÓ CHỦ TỊCH\n\nHoàng Minh Cường\n";
        let lines: Vec<&str> = doc.lines().collect();
        let m = metadata(&lines);
        assert_eq!(m.number.as_deref(), Some("205/BC-UBND"));
        assert_eq!(m.date.as_deref(), Some("2025-06-20"));
        assert_eq!(m.issuer.as_deref(), Some("Ủy ban nhân dân thành phố Hải Phòng"));
        assert_eq!(
            m.title.as_deref(),
            Some("Kết quả công tác 6 tháng đầu năm và nhiệm vụ 6 tháng cuối năm 2025")
        );
        assert_eq!(m.recipient.as_deref(), Some("Bộ Nội vụ"));
        assert_eq!(m.signer.as_deref(), Some("Hoàng Minh Cường"));
        assert_eq!(m.signer_title.as_deref(), Some("Phó Chủ tịch"));
        assert_eq!(m.period.as_deref(), Some("6 tháng đầu năm 2025"));
    }

    #[test]
    fn deputy_title_without_its_line() {
        let doc = "BÁO CÁO\nTiêu đề\n\nKT. CHỦ TỊCH\n\nNguyễn Văn An";
        let lines: Vec<&str> = doc.lines().collect();
        assert_eq!(metadata(&lines).signer_title.as_deref(), Some("Phó Chủ tịch"));
    }
}
