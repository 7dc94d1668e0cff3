//! The JSON document vnreport prints: serde types kept apart from the internal ones, so the
//! output format changes only on purpose (and with [`SCHEMA_VERSION`]).
//! See docs/json.md and schemas/vnreport.schema.json.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::extract::{self, Extraction};
use crate::restore::Restoration;

/// Version of the JSON layout; bumped on any incompatible change.
pub const SCHEMA_VERSION: &str = "1.3";

/// The whole output for one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema_version: String,
    /// What made the report; empty in reports written before it was recorded.
    #[serde(default)]
    pub producer: Producer,
    pub source: SourceInfo,
    pub document: Document,
    pub indicators: Vec<Indicator>,
    pub references: Vec<Reference>,
    pub restoration: RestorationSummary,
}

/// What made a report: the vnreport version and the model's fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Producer {
    /// The version of vnreport that wrote the report.
    pub tool_version: String,
    /// [`crate::Model::fingerprint`] of the model that restored the text; null when the report
    /// was assembled without naming one (see [`Report::made_with`]).
    pub model: Option<String>,
}

impl Producer {
    /// This version of vnreport with `model`.
    pub fn new(model: &crate::Model) -> Producer {
        Producer { tool_version: TOOL_VERSION.to_string(), model: Some(model.fingerprint().to_string()) }
    }
}

/// The version of vnreport, as reports record it.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

impl Report {
    /// The report, recording `model` as the one that restored the text.
    pub fn made_with(mut self, model: &crate::Model) -> Report {
        self.producer = Producer::new(model);
        self
    }
}

/// The input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// As given on the command line ("-" for standard input).
    pub path: String,
    pub bytes: u64,
    /// SHA-256 of the input bytes, lower-case hex.
    pub sha256: String,
    pub lines: usize,
    /// The encoding the input was decoded from, e.g. "utf-8".
    pub encoding: String,
    /// What the offsets of indicators and references count ([`OFFSETS`]); added in 1.3.
    #[serde(default)]
    pub offsets: String,
}

/// What `source.offsets` says: the text each pair of offsets indexes.
pub const OFFSETS: &str = "start/end: chars of the decoded line (Unicode NFC, classic tone placement); \
     restored_start/restored_end: chars of the restored line; file_start/file_end: chars of the \
     line as the file reads before normalisation; byte_start/byte_end: bytes from the start of the file";

impl SourceInfo {
    /// Describe input `bytes` read from `path`, decoded from `encoding` into `lines` lines.
    pub fn new(
        path: impl Into<String>,
        bytes: &[u8],
        lines: usize,
        encoding: impl Into<String>,
    ) -> SourceInfo {
        let digest = Sha256::digest(bytes);
        let sha256 = digest.iter().map(|b| format!("{b:02x}")).collect();
        SourceInfo {
            path: path.into(),
            bytes: bytes.len() as u64,
            sha256,
            lines,
            encoding: encoding.into(),
            offsets: OFFSETS.to_string(),
        }
    }
}

/// The document's own record; a field is null when the text does not give it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Document {
    pub number: Option<String>,
    pub date: Option<String>,
    pub issuer: Option<String>,
    pub title: Option<String>,
    pub recipient: Option<String>,
    pub signer: Option<String>,
    pub signer_title: Option<String>,
    pub period: Option<String>,
}

/// One figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub restored_start: usize,
    pub restored_end: usize,
    /// Where the span lies in the file (added in 1.3).
    #[serde(flatten)]
    pub file: FileOffsets,
    pub raw: String,
    pub value: f64,
    pub total: Option<f64>,
    pub unit: Option<String>,
    pub base_value: f64,
    pub base_unit: Option<String>,
    pub kind: Kind,
    pub subject: String,
    pub context: String,
    pub section: String,
    pub comparison: Option<String>,
    pub confidence: f32,
    /// Added in 1.2 (reports of 1.1 read as actual, none, null, null, "", []).
    #[serde(default)]
    pub role: Role,
    #[serde(default)]
    pub direction: Direction,
    #[serde(default)]
    pub change: Option<f64>,
    #[serde(default)]
    pub period: Option<String>,
    #[serde(default)]
    pub measure: String,
    #[serde(default)]
    pub checks: Vec<String>,
}

/// Where a span lies in the file: char offsets in the line as the file reads it (before
/// normalisation) and byte offsets from the start of the file; null when the report was made
/// from text rather than a file, and in reports before 1.3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FileOffsets {
    #[serde(default)]
    pub file_start: Option<usize>,
    #[serde(default)]
    pub file_end: Option<usize>,
    #[serde(default)]
    pub byte_start: Option<u64>,
    #[serde(default)]
    pub byte_end: Option<u64>,
}

impl From<&extract::Span> for FileOffsets {
    fn from(s: &extract::Span) -> FileOffsets {
        FileOffsets {
            file_start: s.file_start,
            file_end: s.file_end,
            byte_start: s.byte_start,
            byte_end: s.byte_end,
        }
    }
}

/// What a figure is in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    #[default]
    Actual,
    Target,
    Baseline,
    RangeLow,
    RangeHigh,
    Change,
}

/// Which way a figure moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Increase,
    Decrease,
    #[default]
    None,
}

impl From<extract::Role> for Role {
    fn from(r: extract::Role) -> Role {
        match r {
            extract::Role::Actual => Role::Actual,
            extract::Role::Target => Role::Target,
            extract::Role::Baseline => Role::Baseline,
            extract::Role::RangeLow => Role::RangeLow,
            extract::Role::RangeHigh => Role::RangeHigh,
            extract::Role::Change => Role::Change,
        }
    }
}

impl From<extract::Direction> for Direction {
    fn from(d: extract::Direction) -> Direction {
        match d {
            extract::Direction::Increase => Direction::Increase,
            extract::Direction::Decrease => Direction::Decrease,
            extract::Direction::None => Direction::None,
        }
    }
}

pub use crate::extract::Kind;

/// One citation of a legal document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub restored_start: usize,
    pub restored_end: usize,
    /// Where the span lies in the file (added in 1.3).
    #[serde(flatten)]
    pub file: FileOffsets,
    pub raw: String,
    #[serde(rename = "type")]
    pub doc_type: String,
    pub number: String,
    pub date: Option<String>,
    pub issuer: Option<String>,
}

/// How much restoration changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RestorationSummary {
    /// Word tokens in the input.
    pub tokens: usize,
    /// Corrections made.
    pub changed: usize,
    /// Mean confidence over word tokens, 0..1.
    pub mean_confidence: f64,
}

/// JSON has no NaN or infinity: such values (never produced by the parser) become 0.
fn finite(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

/// Assemble the output for one document (the model is named by [`Report::made_with`]).
pub fn build_report(source: SourceInfo, restoration: &Restoration, extraction: &Extraction) -> Report {
    let (tokens, changed, mean) = restoration.stats();
    let d = &extraction.document;
    Report {
        schema_version: SCHEMA_VERSION.to_string(),
        producer: Producer { tool_version: TOOL_VERSION.to_string(), model: None },
        source,
        document: Document {
            number: d.number.clone(),
            date: d.date.clone(),
            issuer: d.issuer.clone(),
            title: d.title.clone(),
            recipient: d.recipient.clone(),
            signer: d.signer.clone(),
            signer_title: d.signer_title.clone(),
            period: d.period.clone(),
        },
        indicators: extraction
            .indicators
            .iter()
            .map(|i| Indicator {
                line: i.span.line,
                start: i.span.start,
                end: i.span.end,
                restored_start: i.span.restored_start,
                restored_end: i.span.restored_end,
                file: FileOffsets::from(&i.span),
                raw: i.raw.clone(),
                value: finite(i.value),
                total: i.total.map(finite),
                unit: i.unit.clone(),
                base_value: finite(i.base_value),
                base_unit: i.base_unit.clone(),
                kind: i.kind,
                subject: i.subject.clone(),
                context: i.context.clone(),
                section: i.section.clone(),
                comparison: i.comparison.clone(),
                confidence: if i.confidence.is_finite() { i.confidence.clamp(0.0, 1.0) } else { 0.0 },
                role: i.role.into(),
                direction: i.direction.into(),
                change: i.change.map(finite),
                period: i.period.clone(),
                measure: i.measure.clone(),
                checks: i.checks.clone(),
            })
            .collect(),
        references: extraction
            .references
            .iter()
            .map(|r| Reference {
                line: r.span.line,
                start: r.span.start,
                end: r.span.end,
                restored_start: r.span.restored_start,
                restored_end: r.span.restored_end,
                file: FileOffsets::from(&r.span),
                raw: r.raw.clone(),
                doc_type: r.doc_type.clone(),
                number: r.number.clone(),
                date: r.date.clone(),
                issuer: r.issuer.clone(),
            })
            .collect(),
        restoration: RestorationSummary { tokens, changed, mean_confidence: finite(mean) },
    }
}

/// The report as JSON text, pretty-printed or on one line.
pub fn to_json(report: &Report, pretty: bool) -> String {
    let r = if pretty { serde_json::to_string_pretty(report) } else { serde_json::to_string(report) };
    // Serialising these plain types cannot fail (string keys, finite numbers).
    r.unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}
