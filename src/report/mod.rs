//! The JSON document vnreport prints: the extraction types of [`crate::extract`] (which carry
//! their serde names) with the source, producer and restoration summary around them. The
//! layout changes only on purpose, and with [`SCHEMA_VERSION`].
//! See docs/json.md and schemas/vnreport.schema.json.

mod json;
mod read;

pub use json::to_json;
pub(crate) use json::{write_report, Spill};
pub use read::{read_report, ReportItem};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::extract::{DocumentMeta, Extraction, Indicator, Reference};
use crate::restore::Restoration;

/// Version of the JSON layout; bumped on any incompatible change.
pub const SCHEMA_VERSION: &str = "1.3";

/// The whole output for one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// [`SCHEMA_VERSION`] when written.
    pub schema_version: String,
    /// What made the report; empty in reports written before it was recorded.
    #[serde(default)]
    pub producer: Producer,
    /// The input.
    pub source: SourceInfo,
    /// The document's own record.
    pub document: DocumentMeta,
    /// Its figures.
    pub indicators: Vec<Indicator>,
    /// The documents it cites.
    pub references: Vec<Reference>,
    /// How much restoration changed.
    pub restoration: RestorationSummary,
}

/// A report without its indicators and references, with their numbers: what a batch needs
/// to know of a document, and what the document path carries while its items go to the JSON
/// as they are found.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportHead {
    /// See [`Report::schema_version`].
    pub schema_version: String,
    /// See [`Report::producer`].
    pub producer: Producer,
    /// See [`Report::source`].
    pub source: SourceInfo,
    /// See [`Report::document`].
    pub document: DocumentMeta,
    /// The number of indicators.
    pub indicators: usize,
    /// The number of references.
    pub references: usize,
    /// See [`Report::restoration`].
    pub restoration: RestorationSummary,
}

impl ReportHead {
    /// The whole report: this head with its items (numbers JSON cannot hold made 0).
    pub fn with_items(self, indicators: &[Indicator], references: Vec<Reference>) -> Report {
        Report {
            schema_version: self.schema_version,
            producer: self.producer,
            source: self.source,
            document: self.document,
            indicators: indicators.iter().map(representable).collect(),
            references,
            restoration: self.restoration,
        }
    }
}

impl Report {
    /// The report without its items.
    pub fn head(&self) -> ReportHead {
        ReportHead {
            schema_version: self.schema_version.clone(),
            producer: self.producer.clone(),
            source: self.source.clone(),
            document: self.document.clone(),
            indicators: self.indicators.len(),
            references: self.references.len(),
            restoration: self.restoration.clone(),
        }
    }
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
    /// Its size in bytes.
    pub bytes: u64,
    /// SHA-256 of the input bytes, lower-case hex.
    pub sha256: String,
    /// Its number of lines.
    pub lines: usize,
    /// The encoding the input was decoded from, e.g. "utf-8".
    pub encoding: String,
    /// What the offsets of indicators and references count (a sentence saying so); added in 1.3.
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
    Report {
        schema_version: SCHEMA_VERSION.to_string(),
        producer: Producer { tool_version: TOOL_VERSION.to_string(), model: None },
        source,
        document: extraction.document.clone(),
        indicators: extraction.indicators.iter().map(representable).collect(),
        references: extraction.references.clone(),
        restoration: RestorationSummary { tokens, changed, mean_confidence: finite(mean) },
    }
}

/// `i` with numbers JSON can hold: non-finite values 0, the confidence within 0..1.
pub(crate) fn representable(i: &Indicator) -> Indicator {
    Indicator {
        value: finite(i.value),
        total: i.total.map(finite),
        base_value: finite(i.base_value),
        confidence: if i.confidence.is_finite() { i.confidence.clamp(0.0, 1.0) } else { 0.0 },
        change: i.change.map(finite),
        ..i.clone()
    }
}
