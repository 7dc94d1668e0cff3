//! Typed indicators: the role of a figure (actual, target, baseline, range bound, change), the
//! direction and signed size of a change, the period a figure refers to, a measure key that
//! groups the same indicator across documents, and cross-checks of figures against each other
//! (how OCR-damaged digits are caught).
//!
//! The rules read the words of the figure's clause: the folded text before the number (from
//! the clause start or the figure before it) and a few words after it; words whose meaning
//! depends on their accents or capitals are checked on the restored text.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::{Indicator, Kind};
use crate::token::last_word;
use crate::viet::fold::fold;

/// What a figure is in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A value reached ("đạt 96,17%").
    #[default]
    Actual,
    /// A value aimed at ("phấn đấu đạt 95%", "chỉ tiêu", "mục tiêu", "kế hoạch").
    Target,
    /// A value compared with ("so với cùng kỳ là 80%", "từ 15% lên 20%": the 15%).
    Baseline,
    /// The first bound of a range ("92-95%": the 92).
    RangeLow,
    /// The second bound of a range.
    RangeHigh,
    /// A difference ("tăng 4,3%", "giảm 1,5 điểm phần trăm").
    Change,
}

impl Role {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Actual => "actual",
            Role::Target => "target",
            Role::Baseline => "baseline",
            Role::RangeLow => "range_low",
            Role::RangeHigh => "range_high",
            Role::Change => "change",
        }
    }
}

/// Which way a figure moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// A rise ("tăng").
    Increase,
    /// A fall ("giảm", a minus sign).
    Decrease,
    /// No change said.
    #[default]
    None,
}

impl Direction {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
            Direction::None => "none",
        }
    }
}

/// Words that make the figure after them a target, when they come before it in its clause.
const TARGET_CUES: &[&str] = &[
    "phan dau",
    "chi tieu",
    "muc tieu",
    "ke hoach",
    "du kien",
    "dinh huong",
    "de ra",
    "phai dat",
    "can dat",
    "yeu cau dat",
    "nham dat",
    "dam bao dat",
];
/// Words between a target cue and the figure that make it a result after all ("kế hoạch giao
/// ..., đã hoàn thành 80").
const ACTUAL_CUES: &[&str] = &["da dat", "dat duoc", "da hoan thanh", "da thuc hien", "thuc hien duoc", "da"];
/// Words before a figure that make it the value compared with.
const BASELINE_CUES: &[&str] = &["so voi", "cung ky"];
/// Verbs of rise and fall, longest first; "cắt giảm" and "giảm thiểu" are falls too.
const RISE: &[&str] = &["tang them", "tang gap", "cao hon", "nhieu hon", "vuot", "tang", "gap", "len"];
const FALL: &[&str] = &["giam them", "thap hon", "it hon", "cat giam", "giam thieu", "giam", "xuong"];
/// Quantifiers allowed between a verb of change and its number.
const QUANT: &[&str] =
    &["khoang", "gan", "hon", "tren", "duoi", "it nhat", "toi thieu", "toi da", "tu", "den", "chi"];

/// The words of a folded text.
fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| c.is_whitespace() || ",;:()".contains(c)).filter(|w| !w.is_empty()).collect()
}

fn has_phrase(ws: &[&str], p: &str) -> Option<usize> {
    let parts: Vec<&str> = p.split(' ').collect();
    (0..ws.len()).rev().find(|&i| ws.len() >= i + parts.len() && ws[i..i + parts.len()] == parts[..])
}

/// The verb of change right before a number (after quantifiers), if any.
pub fn direction_before(before_folded: &str) -> Direction {
    let mut ws = words(before_folded);
    loop {
        // a verb of change ends the words ("cao hơn" before "hơn" is taken as a quantifier)
        let ends = |p: &str| {
            let parts: Vec<&str> = p.split(' ').collect();
            ws.len() >= parts.len() && ws[ws.len() - parts.len()..] == parts[..]
        };
        if FALL.iter().any(|p| ends(p)) {
            return Direction::Decrease;
        }
        if RISE.iter().any(|p| ends(p)) {
            return Direction::Increase;
        }
        let Some(q) = QUANT.iter().find(|q| {
            let n = q.split(' ').count();
            ws.len() >= n && ws[ws.len() - n..].join(" ") == **q
        }) else {
            break;
        };
        let n = q.split(' ').count();
        ws.truncate(ws.len() - n);
    }
    let ends = |p: &str| {
        let parts: Vec<&str> = p.split(' ').collect();
        ws.len() >= parts.len() && ws[ws.len() - parts.len()..] == parts[..]
    };
    if FALL.iter().any(|p| ends(p)) {
        Direction::Decrease
    } else if RISE.iter().any(|p| ends(p)) {
        Direction::Increase
    } else {
        Direction::None
    }
}

/// Where a figure stands in a range, if it is a bound of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Low,
    High,
}

/// The role of a figure from the words of its clause: `before` (folded) and `before_written`
/// (restored, same span) run from the clause start or the previous figure to the number;
/// `after` (folded) holds the words after it.
pub fn role(
    before: &str,
    before_written: &str,
    after: &str,
    direction: Direction,
    bound: Option<Bound>,
    unit_folded: &str,
    after_figure: bool,
) -> Role {
    if let Some(b) = bound {
        return if b == Bound::Low { Role::RangeLow } else { Role::RangeHigh };
    }
    let ws = words(before);
    let written: Vec<&str> = before_written
        .split(|c: char| c.is_whitespace() || ",;:()".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    // a target cue, unless it is the capitalised name of a plan ("Kế hoạch cải cách ...")
    // or a result verb comes between it and the number
    let cue = TARGET_CUES.iter().filter_map(|c| has_phrase(&ws, c).map(|i| (i, *c))).max_by_key(|x| x.0);
    let target = cue.is_some_and(|(i, c)| {
        let name = c == "ke hoach"
            && i > 0
            && written.len() == ws.len()
            && written[i].chars().next().is_some_and(char::is_uppercase);
        let result_after = ACTUAL_CUES.iter().any(|a| has_phrase(&ws[i..], a).is_some());
        !name && !result_after
    });
    let after_ws = words(after);
    let toward_plan =
        after_ws.iter().take(3).any(|w| *w == "ke") && has_phrase(&after_ws, "ke hoach").is_some();
    if target && !toward_plan {
        return Role::Target;
    }
    // "từ 15% lên 20%": the first figure is where it started
    let tu_before = ws.last() == Some(&"tu");
    let then_moves = after_ws.first().is_some_and(|w| matches!(*w, "len" | "xuong"));
    if tu_before && then_moves {
        return Role::Baseline;
    }
    if direction != Direction::None || unit_folded.starts_with("diem phan tram") {
        return Role::Change;
    }
    // the cue in the figure's own clause piece (after the last comma) when a figure comes
    // before it: the "so với" of that figure is not this one's
    let piece = if after_figure { before.rsplit(',').next().unwrap_or("") } else { before };
    if BASELINE_CUES.iter().any(|c| has_phrase(&words(piece), c).is_some()) {
        return Role::Baseline;
    }
    Role::Actual
}

/// Whether `intro` (folded; `intro_written` the same span restored), the sentence before a
/// figure's sentence or list, announces targets: read as the words before a figure it is a
/// target ("Kế hoạch năm 2025 đề ra các chỉ tiêu sau:", "... phấn đấu đến năm 2030."), and it
/// does not report results ("Kết quả thực hiện các chỉ tiêu:").
pub fn announces_target(intro: &str, intro_written: &str) -> bool {
    let ws = words(intro);
    has_phrase(&ws, "ket qua").is_none()
        && role(intro, intro_written, "", Direction::None, None, "", false) == Role::Target
}

/// Whether the words before a figure (folded) say it is a result ("đã đạt", "đạt được").
pub fn states_result(before: &str) -> bool {
    let ws = words(before);
    ACTUAL_CUES.iter().any(|a| has_phrase(&ws, a).is_some())
}

/// Periods written in a sentence: "6 tháng đầu năm 2025", "quý I/2025", "tháng 5/2025",
/// "năm 2024", "giai đoạn 2021 - 2025", "đến năm 2030".
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:0?[369]|sáu|chín) tháng (?:đầu|cuối) năm(?: (?:19|20)[0-9]{2})?|quý (?:IV|I{1,3}|[1-4])(?:/| năm )(?:19|20)[0-9]{2}|tháng [0-9]{1,2}(?:/| năm )(?:19|20)[0-9]{2}|giai đoạn (?:19|20)[0-9]{2} ?[-–] ?(?:19|20)[0-9]{2}|(?:đến |tới )?năm (?:19|20)[0-9]{2})",
    )
    .unwrap_or_else(|e| panic!("{e}"))
});

/// The period a figure refers to, read from its sentence (`sentence` restored text, `at` the
/// byte offset of the number in it): the nearest period before the number, else the first
/// after it; never a date ("ngày 20 tháng 6 năm 2025") nor what a "so với" compares with.
pub fn period(sentence: &str, at: usize) -> Option<String> {
    let mut before: Option<(usize, String)> = None;
    let mut after: Option<String> = None;
    // the figure's clause: between the semicolons around it
    let from = sentence.get(..at).and_then(|h| h.rfind(';')).map_or(0, |k| k + 1);
    let to = sentence.get(at..).and_then(|t| t.find(';')).map_or(sentence.len(), |k| at + k);
    for m in PERIOD.find_iter(sentence) {
        if m.start() < from || m.end() > to {
            continue;
        }
        // after the figure, not inside a parenthesis opened after it
        if m.start() >= at && sentence.get(at..m.start()).is_some_and(|t| t.contains('(')) {
            continue;
        }
        let head = sentence.get(..m.start()).unwrap_or("");
        // a bare "năm 2025" that qualifies a noun ("nhiệm vụ năm 2025", "Kế hoạch ... năm
        // 2025") is not the figure's period: it must open the clause or follow a word of time
        let m_f = fold(m.as_str());
        let bare_year = m_f.starts_with("nam ");
        let head_trim = head.trim_end();
        let prev_word = fold(last_word(head_trim));
        let opens = head_trim.is_empty() || head_trim.ends_with([',', ';', '(', ':']);
        let timed =
            matches!(prev_word.as_str(), "trong" | "den" | "toi" | "tu" | "vao" | "cuoi" | "dau" | "nay");
        if bare_year && !opens && !timed {
            continue;
        }
        let head_f = fold(head);
        let prev: Vec<&str> = head_f.split_whitespace().rev().take(3).collect();
        let date = prev.first().is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
            && prev.get(1) == Some(&"ngay");
        let date = date || prev.first() == Some(&"ngay");
        let compared = head_f.trim_end().ends_with("so voi") || head_f.trim_end().ends_with("so voi cung ky");
        if date || compared {
            continue;
        }
        let text = m.as_str().to_string();
        if m.end() <= at {
            before = Some((m.start(), text));
        } else if after.is_none() && m.start() >= at {
            after = Some(text);
        }
    }
    before.map(|b| b.1).or(after)
}

/// Stop words left out of a measure key.
const STOP: &[&str] = &[
    "cac", "nhung", "cua", "va", "duoc", "da", "dang", "se", "trong", "tai", "ve", "cho", "voi", "la", "co",
    "do", "thi", "nay", "theo", "tren", "o", "den", "tu", "mot", "so voi",
];

/// A key for what a subject measures: accent-folded, lower case, without stop words, numbers,
/// punctuation or a leading "số"/"tổng số", words joined by '_' ("tỷ lệ hồ sơ được giải quyết
/// đúng hạn" → "ty_le_ho_so_giai_quyet_dung_han").
pub fn measure_key(subject: &str) -> String {
    let f = fold(subject);
    let mut ws: Vec<&str> = f
        .split(|c: char| !(c.is_alphanumeric()))
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    if ws.first() == Some(&"tong") && ws.get(1) == Some(&"so") {
        ws.drain(..2);
    } else if ws.first() == Some(&"so") {
        ws.remove(0);
    }
    let kept: Vec<&str> = ws.into_iter().filter(|w| !STOP.contains(w)).collect();
    kept.join("_")
}

/// A number as a reader writes it: no trailing ".0".
fn show(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Decimal places written in a number ("78,25%" has 2).
fn decimals(raw: &str) -> i32 {
    let digits: String =
        raw.chars().take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.' || *c == '-').collect();
    digits.split_once(',').map_or(0, |(_, f)| f.len() as i32)
}

/// Cross-check the figures of a document and record disagreements on the figure that
/// disagrees:
/// - `percent_mismatch`: a percentage next to an "x/y" in its sentence (just before or after
///   it) that is not x/y × 100 to the precision written;
/// - `ratio_over_total`: an "x/y" whose x is more than y;
/// - `percent_over_100`: a share ("tỷ lệ ...") above 100% that is not a change.
pub fn cross_check(inds: &mut [Indicator]) {
    for i in 0..inds.len() {
        let mut checks = Vec::new();
        let me = &inds[i];
        if let Some(t) = me.total {
            if t > 0.0 && me.value > t && me.kind != Kind::Rank {
                checks.push(format!("ratio_over_total: {} > {}", show(me.value), show(t)));
            }
        }
        if me.kind == Kind::Percent && me.unit.as_deref() == Some("%") {
            let near = [i.checked_sub(1), Some(i + 1)];
            let ratio = near.iter().flatten().filter_map(|&j| inds.get(j)).find(|o| {
                o.context == me.context && o.total.is_some_and(|t| t > 0.0) && o.kind != Kind::Rank
            });
            if let Some(o) = ratio {
                let (x, y) = (o.value, o.total.unwrap_or(1.0));
                let pct = 100.0 * x / y;
                let tol = 10f64.powi(-decimals(&me.raw)).max(0.01);
                if (pct - me.value).abs() > tol && me.role == Role::Actual {
                    checks.push(format!(
                        "percent_mismatch: {}/{} = {:.1}% but text says {}%",
                        show(x),
                        show(y),
                        pct,
                        show(me.value)
                    ));
                }
            }
            if me.value > 100.0 && me.role == Role::Actual && fold(&me.subject).starts_with("ty le") {
                checks.push(format!("percent_over_100: {}%", show(me.value)));
            }
        }
        inds[i].checks.extend(checks);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_periods() {
        assert_eq!(measure_key("Tỷ lệ hồ sơ được giải quyết đúng hạn"), "ty_le_ho_so_giai_quyet_dung_han");
        assert_eq!(measure_key("số thủ tục hành chính được cắt giảm"), "thu_tuc_hanh_chinh_cat_giam");
        let s = "Trong 6 tháng đầu năm 2025, đã giải quyết 120 hồ sơ, so với năm 2024 tăng 5%.";
        assert_eq!(period(s, s.find("120").unwrap_or(0)).as_deref(), Some("6 tháng đầu năm 2025"));
        let d = "Quyết định ngày 20 tháng 6 năm 2025 giao 12 nhiệm vụ";
        assert_eq!(period(d, d.find("12 ").unwrap_or(0)), None);
    }

    #[test]
    fn roles() {
        assert_eq!(direction_before("giam khoang"), Direction::Decrease);
        assert_eq!(direction_before("tang"), Direction::Increase);
        assert_eq!(role("phan dau dat", "phấn đấu đạt", "", Direction::None, None, "%", false), Role::Target);
        assert_eq!(role("dat", "đạt", "", Direction::None, None, "%", false), Role::Actual);
        assert_eq!(role("tu", "từ", "len 20%", Direction::None, None, "%", false), Role::Baseline);
    }
}
