//! Extraction: the figures (indicators), cited documents (references) and metadata of a
//! report, read from the restored text and pointed back at the input.
//!
//! Matching is done on a folded copy of the text (lower case, no diacritics), so residual
//! accent errors left by restoration do not hide a unit or a keyword; everything reported is
//! taken from the restored text itself.
//!
//! The types here are also the report's JSON (serde); see docs/json.md.

#[cfg(feature = "train")]
pub mod agreement;
mod doc;
pub mod doc_type;
mod indicator;
mod metadata;
pub mod number;
mod reference;
mod section;
pub mod typed;
mod unit;

pub use typed::{Direction, Role};

use crate::restore::{Restoration, RestoredLine};
use crate::text::filemap::{FileMap, LineLocator};
use serde::{Deserialize, Serialize};

/// Where something was found: 1-based line, char offsets in the input line (the decoded
/// text) and in the restored line (end exclusive); once the document path has placed it in the file ([`restore_and_report`](crate::restore_and_report) does), also in
/// the line as the file reads it and in the file's bytes (null when the report was made from
/// text rather than a file, and in reports before 1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Span {
    /// 1-based line number.
    pub line: usize,
    /// First char in the input line (the decoded text).
    pub start: usize,
    /// Char after the last one in the input line.
    pub end: usize,
    /// First char in the restored line.
    pub restored_start: usize,
    /// Char after the last one in the restored line.
    pub restored_end: usize,
    /// Char offsets in the line as the file reads it, before normalisation (added in 1.3).
    #[serde(default)]
    pub file_start: Option<usize>,
    /// Char after the last one in the line as the file reads it.
    #[serde(default)]
    pub file_end: Option<usize>,
    /// Byte offsets from the start of the file (added in 1.3).
    #[serde(default)]
    pub byte_start: Option<u64>,
    /// Byte after the last one, from the start of the file.
    #[serde(default)]
    pub byte_end: Option<u64>,
}

/// What an indicator measures; its name in the JSON and the tables is [`Kind::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A percentage ("98,5%").
    Percent,
    /// A number of things ("12.450 hồ sơ").
    Count,
    /// An amount of money ("1,5 tỷ đồng").
    Money,
    /// A part of a whole ("15/48").
    Ratio,
    /// A score in points ("85,2 điểm").
    Score,
    /// A place in a ranking ("xếp thứ 12").
    Rank,
    /// "gấp 2,5 lần", "gấp đôi": times a base.
    Multiplier,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 7] =
        [Kind::Percent, Kind::Count, Kind::Money, Kind::Ratio, Kind::Score, Kind::Rank, Kind::Multiplier];

    /// The kind named `name` in the JSON and the tables.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The name used in the JSON and the tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Percent => "percent",
            Kind::Count => "count",
            Kind::Money => "money",
            Kind::Ratio => "ratio",
            Kind::Score => "score",
            Kind::Rank => "rank",
            Kind::Multiplier => "multiplier",
        }
    }
}

/// One figure of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// Where the figure is.
    #[serde(flatten)]
    pub span: Span,
    /// The number and its unit as written (restored text, on the number's line).
    pub raw: String,
    /// The number as written, parsed ("98,5" → 98.5).
    pub value: f64,
    /// Denominator of "15/48".
    pub total: Option<f64>,
    /// Unit as written, scale word included ("tỷ đồng", "%", "lượt/tuần").
    pub unit: Option<String>,
    /// `value` times the scale word's multiplier.
    pub base_value: f64,
    /// The unit without its scale word ("đồng").
    pub base_unit: Option<String>,
    /// What the figure measures.
    pub kind: Kind,
    /// What is measured.
    pub subject: String,
    /// The sentence holding the figure.
    pub context: String,
    /// Heading path, e.g. "II.1.a".
    pub section: String,
    /// "so với năm 2023", when given.
    pub comparison: Option<String>,
    /// 0..1, lower when restoration changed the number, its unit or its subject.
    pub confidence: f32,
    /// Actual, target, baseline, range bound or change. This field and the ones after it were
    /// added in 1.2 (reports of 1.1 read as actual, none, null, null, "", []).
    #[serde(default)]
    pub role: Role,
    /// Rise or fall said by the text ("tăng", "giảm", a minus sign).
    #[serde(default)]
    pub direction: Direction,
    /// The signed size of the change when `direction` is not none ("giảm 2,5%" → -2.5).
    #[serde(default)]
    pub change: Option<f64>,
    /// The period the figure refers to: from its sentence, else the document's period.
    #[serde(default)]
    pub period: Option<String>,
    /// `subject` as a key for grouping across documents (accent-folded, lower case, without stop words, numbers or punctuation, words joined by
    /// `_`: "ty_le_ho_so_giai_quyet_dung_han").
    #[serde(default)]
    pub measure: String,
    /// Disagreements found by cross-checking figures ("percent_mismatch: ...").
    #[serde(default)]
    pub checks: Vec<String>,
}

/// One citation of a legal document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    /// Where the citation is.
    #[serde(flatten)]
    pub span: Span,
    /// The citation as written (type, number, date).
    pub raw: String,
    /// "Quyết định", "Công văn", ...
    #[serde(rename = "type")]
    pub doc_type: String,
    /// Normalised number, e.g. "5085/QĐ-UBND".
    pub number: String,
    /// ISO 8601 date.
    pub date: Option<String>,
    /// The issuing body, when the citation names it.
    pub issuer: Option<String>,
}

/// The document's own record; a field is null when the text does not give it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DocumentMeta {
    /// The document's own number, normalised ("125/BC-UBND").
    pub number: Option<String>,
    /// Its date, ISO 8601.
    pub date: Option<String>,
    /// The body that issued it.
    pub issuer: Option<String>,
    /// Its title (document type and subject).
    pub title: Option<String>,
    /// To whom it is addressed ("Kính gửi").
    pub recipient: Option<String>,
    /// Who signed it.
    pub signer: Option<String>,
    /// The signer's title.
    pub signer_title: Option<String>,
    /// The period it reports on.
    pub period: Option<String>,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extraction {
    /// The document's own record.
    pub document: DocumentMeta,
    /// Its figures, in text order.
    pub indicators: Vec<Indicator>,
    /// The documents it cites, in text order.
    pub references: Vec<Reference>,
}

/// Extract indicators, references and metadata from a restored document. Never panics.
pub fn extract(restoration: &Restoration) -> Extraction {
    let mut carry = Carry::default();
    let mut ex = extract_block(restoration, &mut carry);
    ex.document = carry.document;
    ex
}

/// What extraction carries from one block of a document to the next, so that a document read
/// in blocks gives what it gives whole: the section in force, and the document's record as
/// found so far (each field keeps the first value found: the heading is in the first block,
/// the signature in the last).
#[derive(Debug, Clone, Default)]
pub(crate) struct Carry {
    sections: section::Path,
    /// The document's record, merged over the blocks so far.
    pub document: DocumentMeta,
    /// Whether the next block's first line goes on with a line the block before began (a
    /// line longer than a block): it opens no section.
    pub continues_a_line: bool,
}

/// Extract the next block of a document (its lines numbered from 1), after the blocks that
/// left `carry`; the extraction's `document` is what this block alone holds.
pub(crate) fn extract_block(restoration: &Restoration, carry: &mut Carry) -> Extraction {
    let d = doc::Doc::new(&restoration.lines);
    let lines = restoration.lines.iter().map(|l| l.text.as_str());
    let sections = section::sections_from(&mut carry.sections, lines, carry.continues_a_line);
    let texts: Vec<&str> = restoration.lines.iter().map(|l| l.text.as_str()).collect();
    let document = metadata::metadata(&texts);
    carry.document.merge(document.clone());
    let mut indicators = indicator::indicators(&d, &sections);
    for i in &mut indicators {
        if i.period.is_none() {
            i.period.clone_from(&carry.document.period);
        }
    }
    typed::cross_check(&mut indicators);
    Extraction { document, indicators, references: reference::references(&d, &sections) }
}

impl DocumentMeta {
    /// Fill the fields still empty with those of `from` (the first value found is kept).
    fn merge(&mut self, from: DocumentMeta) {
        let fields = [
            (&mut self.number, from.number),
            (&mut self.date, from.date),
            (&mut self.issuer, from.issuer),
            (&mut self.title, from.title),
            (&mut self.recipient, from.recipient),
            (&mut self.signer, from.signer),
            (&mut self.signer_title, from.signer_title),
            (&mut self.period, from.period),
        ];
        for (slot, value) in fields {
            if slot.is_none() {
                *slot = value;
            }
        }
    }
}

/// Point every span of `ex` at the file: `map` is the map of the decoded text that was
/// restored into `lines` (span lines count from its first line).
pub fn locate_in_file(ex: &mut Extraction, map: &FileMap, lines: &[RestoredLine]) {
    let spans =
        ex.indicators.iter_mut().map(|i| &mut i.span).chain(ex.references.iter_mut().map(|r| &mut r.span));
    // spans come line by line: each line is indexed once
    let mut indexed: Option<(usize, LineLocator)> = None;
    for span in spans {
        let Some(l) = span.line.checked_sub(1).and_then(|i| lines.get(i)) else { continue };
        if indexed.as_ref().is_none_or(|(line, _)| *line != span.line) {
            indexed = Some((span.line, map.line(span.line, &l.input)));
        }
        let Some((_, at)) = &indexed else { continue };
        let (a, b) = (at.locate(span.start, false), at.locate(span.end, true));
        (span.file_start, span.file_end, span.byte_start, span.byte_end) =
            (Some(a.col), Some(b.col), a.byte, b.byte);
    }
}

/// A restoration that changes nothing: what clean text gives, and a stand-in before a
/// restorer is at hand.
pub fn identity_restoration(text: &str) -> Restoration {
    let lines = crate::text::split_lines(text)
        .into_iter()
        .map(|l| {
            // word tokens as the restorer counts them, so the figure means the same on both paths
            let words = crate::token::word_count(l.content);
            RestoredLine {
                input: l.content.to_string(),
                text: l.content.to_string(),
                ending: l.ending.to_string(),
                corrections: Vec::new(),
                word_tokens: words,
                confidence_sum: words as f64,
                confidences: Vec::new(),
            }
        })
        .collect();
    Restoration { lines }
}

#[cfg(test)]
mod file_offsets_tests;

#[cfg(test)]
mod tests {
    use super::Kind;

    #[test]
    fn kinds_have_one_name_in_json_tables_and_back() {
        for k in Kind::ALL {
            assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{}\"", k.as_str()));
            assert_eq!(serde_json::from_str::<Kind>(&format!("\"{}\"", k.as_str())).unwrap(), k);
            assert_eq!(Kind::from_name(k.as_str()), Some(k));
        }
        assert_eq!(Kind::from_name("percentage"), None);
    }
}
