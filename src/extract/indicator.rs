//! Indicators: the numbers of a report that measure something, each with its unit, kind,
//! subject (what is measured), sentence, section, comparison and confidence. The rules follow
//! the grammar of report prose: a unit after the number, "X đạt N", "tăng N so với ...",
//! "Tổng số X: N", ranges "02 - 03 lượt/tuần" and figures in parentheses.

use super::doc::Doc;
use super::number::{scan, NumTok};
use super::typed::{
    announces_target, direction_before, measure_key, period, role, states_result, Bound, Direction, Role,
};
use super::unit::{skip_space, unit_after, UnitMatch};
use super::{Indicator, Kind};
use crate::token::{last_word, sentence_tokens};

/// Predicates of change: the figure is a difference.
const CHANGE: &[&str] = &[
    "tang them",
    "giam them",
    "cao hon",
    "thap hon",
    "nhieu hon",
    "it hon",
    "tang gap",
    "tang",
    "giam",
    "vuot",
    "gap",
];
/// Verbs ending in a change word that do not make the figure a difference ("cắt giảm 30%
/// TTHC" is a target, not a fall of 30%).
const NOT_CHANGE: &[&str] = &["cat giam", "giam thieu", "tang cuong"];
/// Predicates of attainment: the figure is the value of the noun phrase before them.
const ATTAIN: &[&str] =
    &["dat ty le", "chiem ty le", "dat muc", "o muc", "dat duoc", "dat", "chiem", "la", "bang"];
/// Quantifiers between a predicate and its number.
const QUANT: &[&str] = &[
    "voi tong so",
    "tong so",
    "tong cong",
    "it nhat",
    "toi thieu",
    "toi da",
    "khoang",
    "gan",
    "hon",
    "tren",
    "duoi",
    "tu",
    "den",
    "toi",
    "chi",
    "ca",
    "-",
];
/// Words that end a noun phrase without belonging to it.
const TRAIL: &[&str] =
    &["doi voi", "voi", "cho", "cua", "tai", "trong", "va", "gom", "co", "la", "duoc", "-"];
/// Words that start a clause without belonging to its noun phrase.
const LEAD: &[&str] = &[
    "trong do co",
    "trong do",
    "dong thoi",
    "tuy nhien",
    "ngoai ra",
    "cu the",
    "theo do",
    "va",
    "con",
    "nhung",
    "-",
    "+",
    "•",
    "*",
];
/// Nouns that already name a measure: no "số" is put before them.
const MEASURES: &[&str] =
    &["tan suat", "ty le", "muc", "tong", "so", "chi so", "gia tri", "thoi gian", "diem", "toc do"];
/// Words after a figure that start an adjunct (place, purpose, attachment, breakdown): the
/// words qualifying the figure stop there, after one word at least (without accents "de" may
/// be "đề ra" as well as "để").
const TAIL_STOP: &[&str] =
    &["tren dia ban", "ban hanh kem theo", "kem theo", "trong do", "nham", "de", "thong qua", "so voi"];
/// Adjuncts of place that stop the words after a figure even right after it: "03 lần tại các
/// đơn vị" ("tai cac" is "tại các": "tài" never comes before "các").
const PLACE_STOP: &[&str] = &["tren dia ban", "tai cac"];
/// Markers of aspect and voice: what comes before them in "X đã ban hành N văn bản" is the
/// actor, not what is measured.
const ASPECT: &[&str] = &["đã", "đang", "sẽ", "vừa", "được", "tiếp tục"];
/// Administrative units: "của thành phố Hải Phòng" names the actor, not the measure.
const PLACES: &[&str] =
    &["thanh pho", "tinh", "huyen", "quan", "thi xa", "xa", "phuong", "dia phuong", "ca nuoc", "don vi"];
/// Words of report framing before a measure noun ("Kết quả Chỉ số ...").
const FRAMING: &[&str] = &["ket qua thuc hien", "ket qua", "nhin chung", "nhin lai"];

/// Words that start a time phrase at the head of a sentence.
const TIME_WORDS: &[&str] = &["trong", "tinh", "tu", "den", "nam", "thang", "quy", "sau", "ke", "giai"];

/// Measure nouns of two words, found inside a phrase as well as at its start.
const INNER_MEASURES: &[&str] =
    &["ty le", "chi so", "muc tieu", "chi tieu", "tan suat", "gia tri", "thoi gian", "toc do"];

/// Verbs that end the subject part of a clause taken as a subject.
const VERBS: &[&str] = &["co", "duoc", "da", "dang", "se", "tiep tuc"];

/// A word or punctuation token of a sentence (folded offsets).
#[derive(Debug, Clone)]
struct Tok {
    s: usize,
    e: usize,
    w: String,
    punct: Option<char>,
}

/// A number kept as a candidate indicator.
#[derive(Debug, Clone)]
struct Cand {
    num: NumTok,
    unit: Option<UnitMatch>,
    /// A unit not written after the number ("điểm" for "Chỉ số PCI đạt 74,84").
    implied_unit: Option<(String, Kind)>,
    rank: bool,
    /// Index of the first number of the range this number closes.
    range_of: Option<usize>,
    /// "03 lần": a count of times, not a multiplier.
    times: bool,
}

impl Cand {
    fn end(&self) -> usize {
        self.unit.as_ref().map_or(self.num.end, |u| u.end)
    }
}

/// What the words before a number say about it.
#[derive(Debug, Clone, PartialEq)]
enum Pred {
    Change(String),
    Attain,
    Colon,
    None,
}

/// Sentence starts: paragraph and bullet starts, headings, and '.', '!', '?' before a space.
pub(super) fn sentence_breaks(doc: &Doc, headings: &[(String, bool)]) -> Vec<usize> {
    let mut b = vec![0, doc.folded.len()];
    let is_blank = |li: usize| {
        let (s, e) = doc.line_range(li);
        doc.folded.get(s..e).is_none_or(|t| t.trim().is_empty())
    };
    for li in 0..doc.line_count() {
        let (ls, le) = doc.line_range(li);
        let line = doc.folded.get(ls..le).unwrap_or("");
        let t = line.trim_start();
        let heading = |i: usize| headings.get(i).is_some_and(|h| h.1);
        if t.is_empty()
            || li == 0
            || is_blank(li - 1)
            || heading(li)
            || heading(li - 1)
            || t.starts_with(['-', '+', '•', '*', '#'])
        {
            b.push(ls);
        }
        if heading(li) {
            b.push(le);
        }
        for (i, ch) in line.char_indices() {
            if matches!(ch, '.' | '!' | '?' | '…') {
                let next = line[i + ch.len_utf8()..].chars().next();
                if next.is_none_or(char::is_whitespace) {
                    b.push(ls + i + ch.len_utf8());
                }
            }
        }
    }
    b.sort_unstable();
    b.dedup();
    b
}

/// Whether a sentence before `sent` announces the targets it states: the line before a list
/// (ending with ':') when `sent` is an item of it or follows it, or the sentence before a
/// "Cụ thể" that opens `sent` (see [`announces_target`]).
fn announced_target(doc: &Doc, breaks: &[usize], sent: (usize, usize)) -> bool {
    let text = |s: (usize, usize)| doc.folded.get(s.0..s.1).unwrap_or("").trim();
    let is_item = |t: &str| t.starts_with(['-', '+', '•', '*']);
    let own = text(sent);
    let specific = own.trim_start_matches(['-', '+', '•', '*', ' ']).starts_with("cu the");
    let mut s = sent;
    // list items: back over the items before to the line that introduces them (a few dozen)
    for _ in 0..40 {
        if s.0 == 0 {
            return false;
        }
        let prev = sentence_of(breaks, s.0 - 1);
        if prev.0 >= s.0 {
            return false;
        }
        let t = text(prev);
        if t.is_empty() {
            return false;
        }
        if is_item(own) && is_item(t) && !t.ends_with(':') {
            s = prev;
            continue;
        }
        return (t.ends_with(':') || specific) && announces_target(t, doc.slice(prev.0, prev.1));
    }
    false
}

pub(super) fn sentence_of(breaks: &[usize], pos: usize) -> (usize, usize) {
    let i = breaks.partition_point(|&b| b <= pos);
    let s = breaks.get(i.saturating_sub(1)).copied().unwrap_or(0);
    let e = breaks.get(i).copied().unwrap_or(s);
    (s, e.max(s))
}

/// The tokens of sentence `s..e` of the folded text ([`sentence_tokens`]), at folded offsets.
fn tokens(doc: &Doc, (s, e): (usize, usize)) -> Vec<Tok> {
    let text = doc.folded.get(s..e).unwrap_or("");
    sentence_tokens(text)
        .map(|t| Tok { s: s + t.start, e: s + t.end, w: text[t.start..t.end].to_string(), punct: t.punct })
        .collect()
}

/// Does the word list end with the phrase `p` (folded, space separated)?
fn ends_with(words: &[&Tok], p: &str) -> bool {
    let parts: Vec<&str> = p.split(' ').collect();
    words.len() >= parts.len()
        && words[words.len() - parts.len()..].iter().zip(&parts).all(|(t, w)| t.w == *w)
}

fn starts_with(words: &[&Tok], p: &str) -> bool {
    let parts: Vec<&str> = p.split(' ').collect();
    words.len() >= parts.len() && words.iter().zip(&parts).all(|(t, w)| t.w == *w)
}

fn strip_end<'t>(mut words: Vec<&'t Tok>, list: &[&str]) -> Vec<&'t Tok> {
    while let Some(p) = list.iter().find(|p| ends_with(&words, p)) {
        let n = p.split(' ').count();
        words.truncate(words.len() - n);
    }
    words
}

fn strip_start<'t>(mut words: Vec<&'t Tok>, list: &[&str]) -> Vec<&'t Tok> {
    while let Some(p) = list.iter().find(|p| starts_with(&words, p)) {
        let n = p.split(' ').count();
        words.drain(..n);
    }
    words
}

/// The text of a run of tokens, as written.
fn text_of(doc: &Doc, words: &[&Tok]) -> String {
    match (words.first(), words.last()) {
        (Some(a), Some(b)) => doc.flat(a.s, b.e),
        _ => String::new(),
    }
}

fn range_of(words: &[&Tok]) -> Option<(usize, usize)> {
    Some((words.first()?.s, words.last()?.e))
}

/// Cut a clause used as a subject at its first verb ("Kết quả Chỉ số X có sự cải thiện" →
/// "Kết quả Chỉ số X"), when at least two words come before it.
fn cut_at_verb(words: Vec<&Tok>) -> Vec<&Tok> {
    for i in 2..words.len() {
        if VERBS.iter().any(|v| starts_with(&words[i..], v)) {
            return words[..i].to_vec();
        }
    }
    words
}

/// A noun phrase cut at a comma inside it ("tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt
/// 93,97%"): take back up to three short comma-separated pieces when the first of them starts
/// with a measure noun.
fn extend_to_measure<'t>(toks: &'t [Tok], np: &[&'t Tok]) -> Vec<&'t Tok> {
    let is_measure = |w: &[&Tok]| MEASURES.iter().any(|m| starts_with(w, m));
    let Some(first) = np.first() else { return np.to_vec() };
    if is_measure(np) {
        return np.to_vec();
    }
    let mut k = toks.partition_point(|t| t.s < first.s);
    let mut pieces = 0;
    while k > 0 && toks[k - 1].punct == Some(',') && pieces < 3 {
        let mut j = k - 1;
        while j > 0 && toks[j - 1].punct.is_none() && k - 1 - j < 7 {
            j -= 1;
        }
        let seg: Vec<&Tok> = toks[j..k - 1].iter().collect();
        if seg.is_empty() || seg.iter().any(|t| t.w.starts_with(|c: char| c.is_ascii_digit())) {
            break;
        }
        // a measure noun of two words may come after a verb ("đảm bảo mục tiêu cắt giảm")
        let inner = (1..seg.len()).find(|&x| INNER_MEASURES.iter().any(|m| starts_with(&seg[x..], m)));
        if is_measure(&seg) || inner.is_some() {
            let j = j + inner.unwrap_or(0);
            let mut out: Vec<&Tok> = toks[j..k - 1].iter().collect();
            out.push(&toks[k - 1]);
            let from = toks.partition_point(|t| t.s < first.s);
            out.extend(toks[k..from].iter());
            out.extend(np.iter().copied());
            return out;
        }
        k = j;
        pieces += 1;
    }
    np.to_vec()
}

/// The verb of "X đã ban hành N văn bản" without its actor: the words after the last marker of
/// aspect or voice; without one, a phrase of more than four words keeps its last two (a verb
/// of report prose is one or two syllables: "ban hành", "kiểm tra", "tiếp nhận").
fn verb_part<'t>(doc: &Doc, np: &[&'t Tok]) -> Vec<&'t Tok> {
    let mut cut = None;
    for i in 0..np.len() {
        // the markers need their accents: "đang" is aspect, "đăng" (to post) a verb
        let written = |k: usize| np.get(k).map(|t| doc.slice(t.s, t.e).to_lowercase()).unwrap_or_default();
        if let Some(a) = ASPECT.iter().find(|a| a.split(' ').enumerate().all(|(j, p)| written(i + j) == p)) {
            cut = Some(i + a.split(' ').count());
        }
    }
    match cut {
        Some(c) if c < np.len() => np[c..].to_vec(),
        Some(_) => Vec::new(),
        None if np.len() > 5 => np[np.len() - 2..].to_vec(),
        None => np.to_vec(),
    }
}

/// Does a subject start with a noun that names a measure ("Tỷ lệ", "Chỉ số", "số")?
fn measure_headed(subject: &str) -> bool {
    let f = crate::viet::fold::fold(subject);
    MEASURES.iter().chain(["muc tieu", "chi tieu"].iter()).any(|m| f == *m || f.starts_with(&format!("{m} ")))
}

/// Tidy a subject: no report framing before a measure noun ("Kết quả Chỉ số X" → "Chỉ số X"),
/// no named actor ("của thành phố Hải Phòng"), and a name in parentheses without them.
fn trim_subject(subject: &str) -> String {
    let mut words: Vec<String> = subject.split_whitespace().map(str::to_string).collect();
    let folded = |w: &[String]| w.iter().map(|x| crate::viet::fold::fold(x)).collect::<Vec<_>>().join(" ");
    for f in FRAMING {
        let n = f.split(' ').count();
        if words.len() > n && folded(&words[..n]) == *f && measure_headed(&words[n..].join(" ")) {
            words.drain(..n);
            break;
        }
    }
    let mut i = 0;
    while i < words.len() {
        if crate::viet::fold::fold(&words[i]) == "cua" {
            let rest = folded(&words[i + 1..]);
            if let Some(p) = PLACES.iter().find(|p| rest == **p || rest.starts_with(&format!("{p} "))) {
                let mut j = i + 1 + p.split(' ').count();
                let name_start = j;
                while j < words.len() && words[j].chars().next().is_some_and(char::is_uppercase) {
                    j += 1;
                }
                if j > name_start {
                    words.drain(i..j);
                    continue;
                }
            }
        }
        i += 1;
    }
    // footnote marks and stray symbols ("²³", "*") are not words of a subject
    words.retain(|w| w.chars().any(|c| c.is_alphabetic() || c.is_ascii_digit()) || w == ",");
    words
        .iter()
        .map(|w| {
            let inner = w.strip_prefix('(').and_then(|x| x.strip_suffix(')'));
            inner.filter(|x| !x.is_empty()).unwrap_or(w).to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Verbs of aim before a figure: they make a target, not a subject.
const TARGET_VERBS: &[&str] = &["phan dau", "du kien", "dinh huong", "phai", "can"];

/// A subject without its leading "mức tăng"/"mức giảm" ...: the measure itself.
fn without_change_head(subject: &str) -> String {
    let words: Vec<&str> = subject.split_whitespace().collect();
    let f = crate::viet::fold::fold(subject);
    let n = CHANGE
        .iter()
        .filter(|c| f.starts_with(&format!("muc {c} ")))
        .map(|c| 1 + c.split(' ').count())
        .max()
        .unwrap_or(0);
    words[n..].join(" ")
}

/// A subject without its leading "số"/"tổng số" (for "tỷ lệ" of an amount).
fn without_count_head(subject: &str) -> String {
    let words: Vec<&str> = subject.split_whitespace().collect();
    let f: Vec<String> = words.iter().map(|w| crate::viet::fold::fold(w)).collect();
    let n = match f.as_slice() {
        [a, b, ..] if a == "tong" && b == "so" => 2,
        [a, ..] if a == "so" => 1,
        _ => 0,
    };
    words[n..].join(" ")
}

/// The second clause of a parallel structure ("Tỷ lệ hộ dùng nước sạch khu vực thành thị đạt
/// 85%, khu vực nông thôn đạt 78,2%"): the first clause's subject up to the word that the
/// second clause's phrase starts with, then that phrase.
fn parallel_subject(prev: &str, np: &str) -> String {
    let pw: Vec<&str> = prev.split_whitespace().collect();
    let first = np.split_whitespace().next().map(crate::viet::fold::fold).unwrap_or_default();
    match pw.iter().skip(1).position(|w| crate::viet::fold::fold(w) == first) {
        Some(p) => format!("{} {np}", pw[..p + 1].join(" ")),
        None => format!("{prev} {np}"),
    }
}

struct Analysis<'t> {
    pred: Pred,
    np: Vec<&'t Tok>,
    boundary: Option<char>,
    /// Index in the sentence tokens of the boundary before the number.
    boundary_at: Option<usize>,
}

/// Read the words before a number back to the clause boundary or the previous figure.
fn analyse<'t>(toks: &'t [Tok], at: usize, prev_end: Option<usize>) -> Analysis<'t> {
    let first = toks.partition_point(|t| t.s < at);
    let mut k = first;
    let mut boundary = None;
    let mut boundary_at = None;
    let mut after_figure = false;
    while k > 0 {
        let t = &toks[k - 1];
        if prev_end.is_some_and(|p| t.e <= p) {
            after_figure = true;
            break;
        }
        // "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) đạt": a name in parentheses of one or
        // two words without digits belongs to the phrase
        if t.punct == Some(')') && k >= 3 {
            let inner = (1..=2).find(|&n| k >= n + 2 && toks[k - 2 - n].punct == Some('('));
            if let Some(n) = inner {
                let words_ok = toks[k - 1 - n..k - 1]
                    .iter()
                    .all(|w| w.punct.is_none() && !w.w.chars().any(|c| c.is_ascii_digit()));
                if words_ok {
                    k -= n + 2;
                    continue;
                }
            }
        }
        if let Some(c) = t.punct {
            boundary = Some(c);
            boundary_at = Some(k - 1);
            break;
        }
        k -= 1;
    }
    let mut words: Vec<&Tok> = toks[k..first].iter().collect();
    let mut pred = Pred::None;
    if words.is_empty() && boundary == Some(':') {
        pred = Pred::Colon;
    }
    loop {
        if NOT_CHANGE.iter().any(|p| ends_with(&words, p)) {
            break;
        }
        if let Some(c) = CHANGE.iter().find(|p| ends_with(&words, p)) {
            let n = c.split(' ').count();
            let trig = &words[words.len() - n..];
            if let (Some(a), Some(b)) = (trig.first(), trig.last()) {
                pred = Pred::Change(format!("{}:{}", a.s, b.e));
            }
            words.truncate(words.len() - n);
            break;
        }
        if let Some(a) = ATTAIN.iter().find(|p| ends_with(&words, p)) {
            pred = Pred::Attain;
            words.truncate(words.len() - a.split(' ').count());
            break;
        }
        match QUANT.iter().find(|p| ends_with(&words, p)) {
            Some(q) => {
                let n = q.split(' ').count();
                words.truncate(words.len() - n);
            }
            None => break,
        }
    }
    if after_figure {
        // what follows a figure up to the last "và" belongs to that figure
        match words.iter().rposition(|t| t.w == "va") {
            Some(i) => {
                words.drain(..=i);
            }
            None => words.clear(),
        }
        if matches!(pred, Pred::Change(_)) {
            words.clear();
        }
    }
    let words = strip_start(strip_end(words, TRAIL), LEAD);
    let words = strip_end(words, QUANT);
    Analysis { pred, np: words, boundary, boundary_at }
}

/// The clause before the boundary at token index `b`, cut at its first figure and verb.
fn previous_clause<'t>(toks: &'t [Tok], b: usize, figures: &[(usize, usize)]) -> Vec<&'t Tok> {
    let mut k = b;
    while k > 0 && toks[k - 1].punct.is_none() {
        k -= 1;
    }
    let mut words: Vec<&Tok> = toks[k..b].iter().collect();
    if let Some(i) = words.iter().position(|t| figures.iter().any(|&(s, e)| t.s >= s && t.s < e)) {
        words.truncate(i);
    }
    let words = strip_start(words, LEAD);
    let words = strip_end(cut_at_verb(words), ATTAIN);
    strip_end(strip_end(words, TRAIL), QUANT)
}

/// The words after a figure that qualify it: up to a clause boundary, the next figure, a
/// comparison or a document number; short list items joined by commas are kept together.
fn tail(toks: &[Tok], from: usize, next_fig: Option<usize>, max: usize) -> Vec<&Tok> {
    let mut out: Vec<&Tok> = Vec::new();
    let mut seg = 0;
    let start = toks.partition_point(|t| t.s < from);
    let mut i = start;
    while i < toks.len() && out.len() < max {
        let t = &toks[i];
        if next_fig.is_some_and(|n| t.s >= n) {
            break;
        }
        if t.w == "so" && toks.get(i + 1).is_some_and(|n| n.w == "voi") {
            break;
        }
        if t.w.contains('/') && t.w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            break;
        }
        // adjuncts of place, purpose and attachment are not part of what is measured
        let rest: Vec<&Tok> = toks[i..].iter().collect();
        let stops = |list: &[&str]| list.iter().any(|p| starts_with(&rest, p));
        if (!out.is_empty() && stops(TAIL_STOP)) || stops(PLACE_STOP) {
            break;
        }
        // "đạt 85% A và 78% B": "và" a few words before another figure of the clause starts a
        // new item
        if t.w == "va" && next_fig.is_some_and(|n| toks.get(i + 5).is_none_or(|x| x.s >= n)) {
            break;
        }
        match t.punct {
            Some(',') if !out.is_empty() && seg <= 2 => {
                out.push(t);
                seg = 0;
            }
            Some(_) => break,
            None => {
                out.push(t);
                seg += 1;
            }
        }
        i += 1;
    }
    while out.last().is_some_and(|t| t.punct.is_some()) {
        out.pop();
    }
    let out = strip_start(out, &["cac", "nhung"]);
    strip_end(strip_end(out, TRAIL), QUANT)
}

/// "so với năm 2023", "so với cùng kỳ": the comparison after a figure, in its clause.
fn comparison(
    doc: &Doc,
    toks: &[Tok],
    from: usize,
    next_fig: Option<usize>,
) -> Option<(String, (usize, usize))> {
    let start = toks.partition_point(|t| t.s < from);
    let mut i = start;
    while i + 1 < toks.len() {
        let t = &toks[i];
        if t.punct.is_some() || next_fig.is_some_and(|n| t.s >= n) {
            return None;
        }
        if t.w == "so" && toks[i + 1].w == "voi" {
            let mut j = i + 2;
            while j < toks.len()
                && j < i + 14
                && toks[j].punct.is_none()
                && next_fig.is_none_or(|n| toks[j].s < n)
                && !(toks[j].w == "va"
                    && toks.get(j + 1).is_some_and(|n| CHANGE.iter().any(|c| c.starts_with(&n.w))))
            {
                j += 1;
            }
            let words: Vec<&Tok> = toks[i..j].iter().collect();
            let words = strip_end(words, TRAIL);
            let r = range_of(&words)?;
            return Some((text_of(doc, &words), r));
        }
        i += 1;
    }
    None
}

fn kind_of(c: &Cand, unit_folded: &str) -> Kind {
    if c.num.percent {
        return Kind::Percent;
    }
    if let Some((_, k)) = &c.implied_unit {
        return *k;
    }
    if c.unit.as_ref().is_some_and(|u| u.money) {
        return Kind::Money;
    }
    if c.rank || unit_folded == "bac" {
        return Kind::Rank;
    }
    if unit_folded.starts_with("diem phan tram") {
        // a change in percentage points
        return Kind::Percent;
    }
    if unit_folded == "lan" && !c.times {
        return Kind::Multiplier;
    }
    if unit_folded.starts_with("diem") && !unit_folded.starts_with("diem cau") {
        return Kind::Score;
    }
    if c.num.total.is_some() {
        return Kind::Ratio;
    }
    Kind::Count
}

/// The sentence as shown in `context`: on one line, without its bullet.
fn doc_context(doc: &Doc, sent: (usize, usize)) -> String {
    doc.flat(sent.0, sent.1).trim_start_matches(['-', '+', '•', '*', ' ']).to_string()
}

/// "lần" (with its accent) after a number: `Some(true)`, a multiplier, when a word of
/// comparison precedes the number ("gấp 2,5 lần", "tăng 1,5 lần"); `Some(false)`, a count of
/// times, otherwise ("kiểm tra 03 lần"); `None` without "lần" or before "lần thứ".
fn times_at(doc: &Doc, start: usize, end: usize) -> Option<bool> {
    let next = doc.slice(end, (end + 8).min(doc.folded.len())).trim_start().to_lowercase();
    if !next.starts_with("lần") || next.starts_with("lần thứ") {
        return None;
    }
    let from = start.saturating_sub(12);
    let from = (from..start).find(|&i| doc.folded.is_char_boundary(i)).unwrap_or(start);
    let before = doc.folded.get(from..start).unwrap_or("");
    let prev = last_word(before).trim_start_matches(['(', '[', ',']);
    Some(matches!(prev, "gap" | "tang" | "giam" | "hon" | "bang"))
}

/// Find the indicators of a document.
pub fn indicators(doc: &Doc, sections: &[(String, bool)]) -> Vec<Indicator> {
    let breaks = sentence_breaks(doc, sections);
    let nums = scan(doc);
    // 1. numbers with what follows them
    let mut cands: Vec<Cand> = nums
        .into_iter()
        .map(|n| {
            let mut unit =
                if n.percent || n.implied.is_some() { None } else { unit_after(doc, n.end, n.formatted) };
            let implied_unit = n.implied.map(|u| (u.to_string(), Kind::Multiplier));
            let times = if unit.is_none() && !n.percent && n.implied.is_none() {
                times_at(doc, n.start, n.end)
            } else {
                None
            };
            if times.is_some() {
                let start = skip_space(doc, n.end);
                let end = start + "lan".len();
                unit = Some(UnitMatch {
                    start,
                    end,
                    scale: 1.0,
                    base: String::new(),
                    money: false,
                    text: doc.flat(start, end),
                });
            }
            Cand { num: n, unit, implied_unit, rank: false, range_of: None, times: times == Some(false) }
        })
        .collect();
    // 2. ranges: "02 - 03 lượt/tuần", "từ 15% đến 20%"
    for i in 0..cands.len().saturating_sub(1) {
        let p = skip_space(doc, cands[i].end());
        let rest = doc.folded.get(p..).unwrap_or("");
        let link = ["-", "–", "—", "den ", "toi ", "~"].iter().find(|l| rest.starts_with(*l));
        if let Some(l) = link {
            let q = skip_space(doc, p + l.trim_end().len());
            if cands[i + 1].num.start == q && (cands[i + 1].unit.is_some() || cands[i + 1].num.percent) {
                if cands[i].unit.is_none() && !cands[i].num.percent {
                    cands[i].unit = None;
                    cands[i].num.percent = cands[i + 1].num.percent;
                }
                cands[i + 1].range_of = Some(i);
            }
        }
    }
    // 3. decide, sentence by sentence
    let mut out: Vec<Indicator> = Vec::new();
    let mut kept: Vec<(usize, usize)> = Vec::new(); // figure spans kept so far
    let mut main_subject: Option<((usize, usize), String)> = None; // (sentence, subject)
    let mut subjects: Vec<String> = Vec::new();
    let mut breakdown_of: Option<((usize, usize), String)> = None; // (sentence, subject of the whole)
    let mut kept_index: Vec<Option<usize>> = vec![None; cands.len()];
    for i in 0..cands.len() {
        let sent = sentence_of(&breaks, cands[i].num.start);
        let toks = tokens(doc, sent);
        let prev_end = kept.last().map(|k| k.1).filter(|&e| e > sent.0);
        let a = analyse(&toks, cands[i].num.start, prev_end);
        let before_words: Vec<&str> = {
            let first = toks.partition_point(|t| t.s < cands[i].num.start);
            toks[first.saturating_sub(3)..first].iter().map(|t| t.w.as_str()).collect()
        };
        let range_head = cands[i].range_of.and_then(|j| kept_index[j]);
        let mut c = cands[i].clone();
        let written = c.unit.is_some() || c.num.percent;
        if c.range_of.is_none() && i + 1 < cands.len() && cands[i + 1].range_of == Some(i) && !written {
            // the first number of a range takes the unit of the second
            c.unit = cands[i + 1].unit.clone().map(|mut u| {
                u.start = c.num.end;
                u.end = c.num.end;
                u
            });
            c.implied_unit = cands[i + 1].unit.as_ref().map(|u| {
                let t = u.text.clone();
                (t, if u.money { Kind::Money } else { Kind::Count })
            });
            c.num.percent = cands[i + 1].num.percent;
        }
        // a bare 1900..2100 is a year, but "2024 giấy phép" counts permits: a unit of the
        // lexicon after it makes it a count
        let is_year = !c.num.formatted
            && c.num.total.is_none()
            && (1900.0..=2100.0).contains(&c.num.value)
            && c.unit.is_none();
        if before_words.ends_with(&["thu"]) && before_words.len() >= 2 {
            let w = before_words[before_words.len() - 2];
            if matches!(w, "xep" | "dung" | "hang") {
                c.rank = true;
            }
        }
        let mut colon_unit: Option<(usize, usize)> = None;
        let np_words: Vec<&Tok> = a.np.clone();
        let mut accept = c.unit.is_some() || c.num.percent || c.rank || c.implied_unit.is_some();
        if is_year && !c.num.percent {
            accept = false;
        }
        // "Tổng số X: N" — the number of what the "số" phrase names
        let mut colon_np: Vec<&Tok> = Vec::new();
        if a.pred == Pred::Colon {
            if let Some(b) = a.boundary_at {
                let lo = b.saturating_sub(16);
                let mut commas = 0;
                let mut k = b;
                let mut found = None;
                while k > lo {
                    let t = &toks[k - 1];
                    if t.punct == Some(',') {
                        commas += 1;
                        if commas > 2 {
                            break;
                        }
                    } else if t.punct.is_some() {
                        break;
                    }
                    if t.w == "so" && toks.get(k).is_none_or(|n| n.w != "voi") {
                        found = Some(k - 1);
                        break;
                    }
                    k -= 1;
                }
                // "Số: 205" is a document's number label: a "số" phrase names a count only
                // when a noun follows "số"
                let found = found.filter(|&f| f + 1 < b);
                if let Some(f) = found {
                    let from = if f > 0 && toks[f - 1].w == "tong" { f - 1 } else { f };
                    colon_np = toks[from..b].iter().collect();
                    colon_unit = Some((toks[f].e, toks[b].s));
                } else {
                    colon_np = previous_clause(&toks, b, &kept);
                }
            }
            if !written && colon_unit.is_some() && !is_year {
                accept = true;
                if let Some((ue, _)) = colon_unit {
                    if let Some(u) = unit_after(doc, ue, false) {
                        c.implied_unit = Some((u.text.clone(), Kind::Count));
                    }
                }
            }
        }
        // "Chỉ số X đạt 74,84": a score without its unit
        if !accept && a.pred == Pred::Attain && !is_year {
            let mut subj = text_of(doc, &np_words);
            if subj.is_empty() {
                if let Some(b) = a.boundary_at {
                    subj = text_of(doc, &previous_clause(&toks, b, &kept));
                }
            }
            let f = crate::viet::fold::fold(&subj);
            if f.contains("chi so") || f.contains("diem") {
                accept = true;
                c.implied_unit = Some(("điểm".to_string(), Kind::Score));
            }
        }
        // "kỳ trước chuyển qua 24.385, tiếp nhận trong kỳ là 117.801 hồ sơ": a bare quantity
        // in a sentence of counts takes the unit of the count before it
        if !accept && !is_year && (c.num.formatted || c.num.value >= 100.0) && c.num.total.is_none() {
            let last = kept_index.iter().take(i).rev().flatten().next().and_then(|&k| out.get(k));
            if let Some(p) = last.filter(|p| p.kind == Kind::Count && p.context == doc_context(doc, sent)) {
                if let Some(u) = &p.unit {
                    accept = true;
                    c.implied_unit = Some((u.clone(), Kind::Count));
                }
            }
        }
        if !accept {
            continue;
        }
        let next_fig = cands.get(i + 1).map(|n| n.num.start).filter(|&s| s < sent.1);
        let unit_text = if c.num.percent {
            "%".to_string()
        } else if let Some((u, _)) = &c.implied_unit {
            u.clone()
        } else if let Some(u) = &c.unit {
            u.text.clone()
        } else if c.rank {
            "hạng".to_string()
        } else {
            String::new()
        };
        let unit_folded = crate::viet::fold::fold(&unit_text);
        let kind = kind_of(&c, &unit_folded);
        let tail_words = tail(&toks, c.end(), next_fig, 16);
        let cmp = comparison(doc, &toks, c.end(), next_fig);
        // the subject
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        let np_text = |w: &[&Tok], ranges: &mut Vec<(usize, usize)>| {
            if let Some(r) = range_of(w) {
                ranges.push(r);
            }
            text_of(doc, w)
        };
        let main = main_subject.as_ref().filter(|(s, _)| *s == sent).map(|(_, m)| m.clone());
        let prev = a.boundary_at.map(|b| previous_clause(&toks, b, &kept)).unwrap_or_default();
        let tail_text = np_text(&tail_words, &mut ranges);
        let cmp_text = cmp.as_ref().map(|(t, _)| t.clone());
        let mut from_main = false;
        // the figure before this one in the sentence, if any
        let ctx = doc_context(doc, sent);
        let prev_ind = kept_index
            .iter()
            .take(i)
            .rev()
            .flatten()
            .next()
            .and_then(|&k| out.get(k))
            .filter(|p| p.context == ctx);
        let np_text_f = crate::viet::fold::fold(&text_of(doc, &np_words));
        // words from the clause boundary to the number: "trong đó có 23 văn bản ..."
        let lead_f = {
            let after_prev = prev_end.map_or(0, |p| toks.partition_point(|t| t.s < p));
            let from = a.boundary_at.map_or(0, |b| b + 1).max(after_prev);
            let upto = toks.partition_point(|t| t.s < c.num.start);
            toks.get(from..upto)
                .map(|w| w.iter().map(|t| t.w.as_str()).collect::<Vec<_>>().join(" "))
                .unwrap_or_default()
        };
        // "từ 4,5% xuống 3,2%": the first figure is the level before, the second the level after
        let next_word =
            doc.folded.get(c.end()..).unwrap_or("").split_whitespace().next().unwrap_or("").to_string();
        let from_to =
            lead_f.split(' ').next_back() == Some("tu") && matches!(next_word.as_str(), "len" | "xuong");
        let moved = prev_ind.is_some() && matches!(lead_f.split(' ').next_back(), Some("len" | "xuong"));
        // "120/150 hồ sơ, đạt 80%": a percentage right after an amount is the share of it
        let amount_share = prev_ind
            .filter(|p| {
                kind == Kind::Percent
                    && np_words.is_empty()
                    && matches!(a.pred, Pred::Attain | Pred::None)
                    && matches!(p.kind, Kind::Count | Kind::Ratio)
                    && p.total.is_some()
            })
            .map(|p| format!("tỷ lệ {}", without_count_head(&p.subject)));
        // "(trong đó có 23 văn bản thuộc ...)": a part of the figure before, same unit
        let same_unit =
            |p: &&Indicator| p.unit.as_deref().map(crate::viet::fold::fold) == Some(unit_folded.clone());
        let breakdown = match prev_ind.filter(same_unit) {
            Some(p) if lead_f.starts_with("trong do") => {
                breakdown_of = Some((sent, p.subject.clone()));
                Some(format!("{} {} {}", text_of(doc, &np_words), p.subject, tail_text))
            }
            // "... và 16 văn bản thuộc ...": the next part of the same whole
            Some(_) if lead_f.split(' ').next_back() == Some("va") => breakdown_of
                .as_ref()
                .filter(|(s, _)| *s == sent)
                .map(|(_, whole)| format!("{whole} {tail_text}")),
            _ => None,
        };
        // "khu vực thành thị đạt 85%, khu vực nông thôn đạt 78,2%"
        let parallel = prev_ind
            .filter(|p| {
                (a.pred == Pred::Attain || (a.pred == Pred::None && lead_f.split(' ').any(|w| w == "va")))
                    && !np_words.is_empty()
                    && np_words.len() <= 4
                    && !measure_headed(&np_text_f)
                    && p.kind == kind
                    && measure_headed(&p.subject)
            })
            .map(|p| {
                let np = text_of(doc, &np_words);
                let np = if tail_text.is_empty() { np } else { format!("{np} {tail_text}") };
                parallel_subject(&p.subject, &np)
            });
        // "so với cùng kỳ năm 2024 là 1.020 hồ sơ", "tương ứng 623 tỷ đồng": the same measure
        // as the figure before, compared with or in other units
        let same_measure = prev_ind
            .filter(|_| {
                ["so voi", "tuong ung", "tuong duong", "bang"].iter().any(|p| np_text_f.starts_with(p))
                    || (np_words.is_empty() && moved)
            })
            .map(|p| without_change_head(&p.subject));
        let special = amount_share.or(breakdown).or(parallel).or(same_measure);
        let mut subject = match (&a.pred, range_head) {
            _ if range_head.is_none() && special.is_some() => special.clone().unwrap_or_default(),
            (_, Some(h)) => subjects.get(h).cloned().unwrap_or_default(),
            (Pred::Change(trig), _) => {
                // "phấn đấu giảm 10% chi phí": the cue of a target is not what changes
                let np_words = strip_start(np_words.clone(), TARGET_VERBS);
                let base = if !np_words.is_empty() {
                    np_text(&np_words, &mut ranges)
                } else if let Some(m) = main.clone() {
                    m
                } else if prev.is_empty() && !tail_text.is_empty() {
                    tail_text.clone()
                } else {
                    np_text(&prev, &mut ranges)
                };
                // "tăng từ 40,1% lên 42,5%": the 40,1% is the level before, not a change
                if from_to {
                    base
                } else {
                    let head = if kind == Kind::Rank {
                        "thứ hạng".to_string()
                    } else {
                        let (a, b) = trig.split_once(':').unwrap_or(("0", "0"));
                        let (a, b) = (a.parse().unwrap_or(0), b.parse().unwrap_or(0));
                        format!("mức {}", doc.flat(a, b).to_lowercase())
                    };
                    let mut s = format!("{head} {base}");
                    if let Some(ct) = &cmp_text {
                        s = format!("{s} {ct}");
                    }
                    s
                }
            }
            (Pred::Colon, _) => {
                let s = np_text(&colon_np, &mut ranges);
                if s.is_empty() {
                    main.clone().unwrap_or_default()
                } else if colon_unit.is_none()
                    && kind == Kind::Count
                    && !unit_text.is_empty()
                    && !measure_headed(&s)
                {
                    // "Đang thực hiện: 36 nhiệm vụ": the count of the unit, qualified by the
                    // words after it and the label before the colon
                    [format!("số {unit_text}"), tail_text.clone(), s]
                        .into_iter()
                        .filter(|p| !p.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ")
                } else {
                    s
                }
            }
            (Pred::Attain, _) => {
                let base = if !np_words.is_empty() {
                    let ext = extend_to_measure(&toks, &np_words);
                    np_text(&ext, &mut ranges)
                } else if let Some(m) = main.clone() {
                    from_main = true;
                    m
                } else {
                    np_text(&prev, &mut ranges)
                };
                let base_f = crate::viet::fold::fold(&base);
                let measured = MEASURES.iter().any(|m| base_f.starts_with(&format!("{m} ")));
                if matches!(kind, Kind::Count | Kind::Ratio)
                    && !measured
                    && !from_main
                    && !unit_text.is_empty()
                {
                    format!("số {unit_text} {base}")
                } else if kind == Kind::Percent && !tail_text.is_empty() {
                    format!("{base} so với {tail_text}")
                } else if !tail_text.is_empty() && base.is_empty() {
                    tail_text.clone()
                } else {
                    base
                }
            }
            (Pred::None, _) => {
                // a measure noun cut by a comma ("mục tiêu cắt giảm, đơn giản hóa ít nhất 30%")
                let ext = extend_to_measure(&toks, &np_words);
                let ext_measure = measure_headed(&text_of(doc, &ext));
                let np_words = if ext_measure {
                    ext
                } else {
                    // "các cơ quan báo chí đã đăng tải 1.500 tin": the verb, not the actor
                    verb_part(doc, &np_words)
                };
                let np = np_text(&np_words, &mut ranges);
                let np_f = crate::viet::fold::fold(&np);
                let measure = MEASURES.iter().any(|m| np_f.starts_with(&format!("{m} ")) || np_f == *m);
                let measure = measure || ext_measure;
                let parts: Vec<String> = match kind {
                    Kind::Percent if measure => vec![np, tail_text.clone()],
                    Kind::Percent => vec!["tỷ lệ".into(), tail_text.clone(), np],
                    // "xếp thứ 3/63": the rank of what the sentence measures
                    Kind::Rank if main.is_some() => vec!["thứ hạng".into(), main.clone().unwrap_or_default()],
                    Kind::Rank => vec!["thứ hạng".into(), np, tail_text.clone()],
                    Kind::Money | Kind::Score => vec![np, tail_text.clone()],
                    _ if measure => vec![np, tail_text.clone()],
                    _ => vec![format!("số {unit_text}"), tail_text.clone(), np],
                };
                parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
            }
        };
        // figures in parentheses qualify what the sentence is about
        if a.boundary == Some('(') && range_head.is_none() && !from_main && !matches!(a.pred, Pred::Change(_))
        {
            let head: Vec<&Tok> =
                strip_start(toks.iter().take_while(|t| t.punct.is_none()).take(8).collect(), LEAD);
            // a leading time phrase ("Trong 6 tháng đầu năm 2025") is not what is qualified
            let time_head = head.first().is_some_and(|h| TIME_WORDS.contains(&h.w.as_str()));
            if head.last().is_some_and(|h| h.e <= c.num.start) && !time_head && special.is_none() {
                subject = format!("{subject} của {}", np_text(&head, &mut ranges));
            }
        }
        if subject.trim().is_empty() {
            let head: Vec<&Tok> =
                strip_start(toks.iter().take_while(|t| t.punct.is_none()).take(8).collect(), LEAD);
            subject = np_text(&head, &mut ranges);
        }
        let mut subject = trim_subject(&subject.split_whitespace().collect::<Vec<_>>().join(" "));
        if subject.is_empty() {
            // never empty: the unit names what is counted, else the kind of figure
            subject = match kind {
                Kind::Percent => "tỷ lệ".to_string(),
                _ if !unit_text.is_empty() && unit_text != "%" => format!("số {unit_text}"),
                _ => kind.as_str().to_string(),
            };
        }
        // remember the sentence's main subject: what an "X đạt N" or "X: N" names
        if matches!(a.pred, Pred::Attain | Pred::Colon) && range_head.is_none() {
            let m = if !np_words.is_empty() { text_of(doc, &np_words) } else { subject.clone() };
            main_subject = Some((sent, m));
        } else if !np_words.is_empty() && !from_main {
            main_subject = Some((sent, text_of(doc, &np_words)));
        }
        // the span: number and written unit, on the number's line
        let span_end = match &c.unit {
            Some(u)
                if c.implied_unit.is_none()
                    && doc.line_of(u.end.saturating_sub(1)) == doc.line_of(c.num.start) =>
            {
                u.end
            }
            _ => c.num.end,
        };
        let span = doc.span(c.num.start, span_end);
        let raw = doc.span_text(c.num.start, span_end).to_string();
        let scale = c.unit.as_ref().filter(|_| c.implied_unit.is_none()).map_or(1.0, |u| u.scale);
        let base_unit = match c.unit.as_ref() {
            Some(u) if scale != 1.0 && c.implied_unit.is_none() => u.base.clone(),
            _ => unit_text.clone(),
        };
        let mut conf = doc.confidence(c.num.start, c.num.end);
        if let Some(u) = &c.unit {
            conf *= 0.5 + 0.5 * doc.confidence(u.start, u.end);
        }
        let subj_conf = ranges.iter().map(|&(s, e)| doc.confidence(s, e)).fold(1.0f32, f32::min);
        conf *= 0.8 + 0.2 * subj_conf;
        if c.implied_unit.is_some() && c.range_of.is_none() {
            conf *= 0.9;
        }
        let context = doc_context(doc, sent);
        let section = sections.get(span.line - 1).map(|s| s.0.clone()).unwrap_or_default();
        // the type of the figure: role, direction, change, period, measure key
        let (before_f, before_w, after_f) = {
            let from = prev_end.unwrap_or(sent.0).max(sent.0);
            let from = doc
                .folded
                .get(from..c.num.start)
                .and_then(|t| t.rfind([';', ':']))
                .map_or(from, |k| from + k + 1);
            let to = (c.end() + 60).min(sent.1);
            let to = (to..=sent.1).find(|&k| doc.folded.is_char_boundary(k)).unwrap_or(sent.1);
            (
                doc.folded.get(from..c.num.start).unwrap_or("").to_string(),
                doc.slice(from, c.num.start).to_string(),
                doc.folded.get(c.end()..to).unwrap_or("").to_string(),
            )
        };
        let bound = if c.range_of.is_some() {
            Some(Bound::High)
        } else if cands.get(i + 1).is_some_and(|n| n.range_of == Some(i)) {
            Some(Bound::Low)
        } else {
            None
        };
        let verb_dir = direction_before(&before_f);
        let mut role =
            role(&before_f, &before_w, &after_f, verb_dir, bound, &unit_folded, prev_end.is_some());
        // a target announced before: "... đề ra các chỉ tiêu sau:" then list items, or
        // "... phấn đấu ... . Cụ thể: ..."
        if role == Role::Actual && !states_result(&before_f) && announced_target(doc, &breaks, sent) {
            role = Role::Target;
        }
        // "mục tiêu cắt giảm 30% TTHC và cắt giảm 30% chi phí": a figure joined by "và" to a
        // target is a target too
        let joined = before_f.split_whitespace().any(|w| w == "va") && !before_f.contains(" da ");
        if bound.is_none() && joined && prev_ind.is_some_and(|p| p.role == Role::Target) {
            role = Role::Target;
        }
        let mut direction =
            if verb_dir == Direction::None && c.num.value < 0.0 { Direction::Decrease } else { verb_dir };
        let mut change = match direction {
            Direction::Increase => Some(c.num.value.abs()),
            Direction::Decrease => Some(-c.num.value.abs()),
            Direction::None => None,
        };
        if role == Role::Baseline {
            // a level compared with does not move
            direction = Direction::None;
            change = None;
        }
        // "từ 4,5% xuống 3,2%": the level after, and the change from the level before
        if let Some(p) = prev_ind.filter(|p| moved && p.role == Role::Baseline && p.kind == kind) {
            role = Role::Actual;
            let delta = ((c.num.value - p.value) * 1e6).round() / 1e6;
            direction = if delta < 0.0 {
                Direction::Decrease
            } else if delta > 0.0 {
                Direction::Increase
            } else {
                Direction::None
            };
            change = (delta != 0.0).then_some(delta);
        }
        let sent_text = doc.slice(sent.0, sent.1);
        let at = doc.t(c.num.start).saturating_sub(doc.t(sent.0));
        let period = period(sent_text, at);
        let measure = measure_key(&subject);
        kept.push((c.num.start, c.end()));
        kept_index[i] = Some(out.len());
        subjects.push(subject.clone());
        out.push(Indicator {
            span,
            raw,
            value: c.num.value,
            total: c.num.total,
            unit: (!unit_text.is_empty()).then_some(unit_text),
            base_value: c.num.value * scale,
            base_unit: (!base_unit.is_empty()).then_some(base_unit),
            kind,
            subject,
            context,
            section,
            comparison: cmp_text,
            confidence: conf,
            role,
            direction,
            change,
            period,
            measure,
            checks: Vec::new(),
        });
    }
    out
}
