//! The batch tables: `indicators.csv`, `references.csv` and `documents.csv` (RFC 4180
//! quoting by `csv-core`, UTF-8, one header line) and the `summary.jsonl` line of each document.

use crate::extract::{DocumentMeta, Indicator, Reference};
use crate::report::ReportHead;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// Columns of `indicators.csv`.
pub const INDICATOR_HEADER: [&str; 26] = [
    "path",
    "document_number",
    "document_date",
    "line",
    "start",
    "end",
    "raw",
    "value",
    "total",
    "unit",
    "base_value",
    "base_unit",
    "kind",
    "subject",
    "section",
    "comparison",
    "confidence",
    "context",
    "restored_start",
    "restored_end",
    "role",
    "direction",
    "change",
    "period",
    "measure",
    "checks",
];

/// Columns of `documents.csv`.
pub const DOCUMENT_HEADER: [&str; 18] = [
    "path",
    "status",
    "number",
    "type",
    "date",
    "issuer",
    "title",
    "period",
    "signer",
    "tokens",
    "changed",
    "mean_confidence",
    "indicators",
    "references",
    "error",
    "json",
    "tool_version",
    "model",
];

/// Columns of `references.csv`.
pub const REFERENCE_HEADER: [&str; 11] = [
    "path",
    "document_number",
    "document_date",
    "line",
    "start",
    "end",
    "raw",
    "type",
    "number",
    "date",
    "issuer",
];

/// One line of `summary.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryLine {
    /// The input file.
    pub path: String,
    /// "ok" or "failed".
    pub status: String,
    /// Word tokens restored (0 when failed).
    pub tokens: usize,
    /// Corrections made.
    pub changed: usize,
    /// Indicators extracted.
    pub indicators: usize,
    /// Why the document failed, or null.
    pub error: Option<String>,
    /// References extracted.
    pub references: usize,
    /// True when the document's outputs come from an earlier run: kept by `--resume`, or a
    /// document of the output folder that this run did not process.
    pub resumed: bool,
    /// The document's JSON report, relative to the output folder (`/`-separated); for a
    /// failed document, where it would have been. Empty in lines written before it was
    /// recorded.
    #[serde(default)]
    pub json: String,
}

impl SummaryLine {
    /// The line for a processed (or resumed) document.
    pub fn ok(path: &str, json: &str, report: &ReportHead, resumed: bool) -> SummaryLine {
        SummaryLine {
            path: path.to_string(),
            status: "ok".into(),
            tokens: report.restoration.tokens,
            changed: report.restoration.changed,
            indicators: report.indicators,
            error: None,
            references: report.references,
            resumed,
            json: json.to_string(),
        }
    }

    /// The line for a document that could not be processed.
    pub fn failed(path: &str, json: &str, error: &str) -> SummaryLine {
        SummaryLine {
            path: path.to_string(),
            status: "failed".into(),
            tokens: 0,
            changed: 0,
            indicators: 0,
            error: Some(error.to_string()),
            references: 0,
            resumed: false,
            json: json.to_string(),
        }
    }

    /// The JSON line, newline included.
    pub fn to_line(&self) -> String {
        let mut s = serde_json::to_string(self).unwrap_or_else(|_| String::from("{}"));
        s.push('\n');
        s
    }
}

/// A CSV record (newline included) from its fields.
pub fn csv_record<S: AsRef<str>>(fields: &[S]) -> String {
    let mut out = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        push_field(&mut out, f.as_ref());
    }
    out.push(b'\n');
    String::from_utf8(out).expect("fields are UTF-8 and quoting adds only ASCII")
}

/// The `csv-core` writer whose quoting rule the tables follow: a field is quoted when it holds
/// a comma, a quote or a line break.
static RFC4180: LazyLock<csv_core::Writer> = LazyLock::new(csv_core::Writer::new);

/// `f` as a CSV field: quoted (with its quotes doubled) when RFC 4180 needs it, and also when
/// it starts or ends with white space, which spreadsheets would otherwise trim.
fn push_field(out: &mut Vec<u8>, f: &str) {
    let needs_quotes = RFC4180.should_quote(f.as_bytes())
        || f.starts_with(char::is_whitespace)
        || f.ends_with(char::is_whitespace);
    if !needs_quotes {
        out.extend_from_slice(f.as_bytes());
        return;
    }
    let at = out.len();
    // every byte at most doubled, and the two quotes around
    out.resize(at + 2 * f.len() + 2, 0);
    out[at] = b'"';
    let (_, _, written) = csv_core::quote(f.as_bytes(), &mut out[at + 1..], b'"', b'\\', true);
    out.truncate(at + 1 + written);
    out.push(b'"');
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|x| x.to_string()).unwrap_or_default()
}

/// The `indicators.csv` row of indicator `i` of the document at `path` whose record is `doc`.
pub fn indicator_row(path: &str, doc: &DocumentMeta, i: &Indicator) -> String {
    csv_record(&[
        path.to_string(),
        opt(&doc.number),
        opt(&doc.date),
        i.span.line.to_string(),
        i.span.start.to_string(),
        i.span.end.to_string(),
        i.raw.clone(),
        i.value.to_string(),
        opt(&i.total),
        opt(&i.unit),
        i.base_value.to_string(),
        opt(&i.base_unit),
        i.kind.as_str().to_string(),
        i.subject.clone(),
        i.section.clone(),
        opt(&i.comparison),
        i.confidence.to_string(),
        i.context.clone(),
        i.span.restored_start.to_string(),
        i.span.restored_end.to_string(),
        i.role.as_str().to_string(),
        i.direction.as_str().to_string(),
        opt(&i.change),
        opt(&i.period),
        i.measure.clone(),
        i.checks.join("; "),
    ])
}

/// The `references.csv` row of reference `r` of the document at `path` whose record is `doc`.
pub fn reference_row(path: &str, doc: &DocumentMeta, r: &Reference) -> String {
    csv_record(&[
        path.to_string(),
        opt(&doc.number),
        opt(&doc.date),
        r.span.line.to_string(),
        r.span.start.to_string(),
        r.span.end.to_string(),
        r.raw.clone(),
        r.doc_type.clone(),
        r.number.clone(),
        opt(&r.date),
        opt(&r.issuer),
    ])
}

/// The `documents.csv` row of a processed document whose report is at `json`.
pub fn document_row(json: &str, report: &ReportHead) -> String {
    let d = &report.document;
    let r = &report.restoration;
    csv_record(&[
        report.source.path.clone(),
        "ok".to_string(),
        opt(&d.number),
        // the report's document record has no type yet: the column stays empty
        String::new(),
        opt(&d.date),
        opt(&d.issuer),
        opt(&d.title),
        opt(&d.period),
        opt(&d.signer),
        r.tokens.to_string(),
        r.changed.to_string(),
        r.mean_confidence.to_string(),
        report.indicators.to_string(),
        report.references.to_string(),
        String::new(),
        json.to_string(),
        report.producer.tool_version.clone(),
        opt(&report.producer.model),
    ])
}

/// The `documents.csv` row of a document that could not be processed.
pub fn failed_document_row(line: &SummaryLine) -> String {
    let mut fields = vec![String::new(); DOCUMENT_HEADER.len()];
    fields[0] = line.path.clone();
    fields[1] = line.status.clone();
    fields[14] = line.error.clone().unwrap_or_default();
    fields[15] = line.json.clone();
    csv_record(&fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(
            csv_record(&["a", "b c", "1,5", "say \"hi\"", "x\ny", " pad"]),
            "a,b c,\"1,5\",\"say \"\"hi\"\"\",\"x\ny\",\" pad\"\n"
        );
        assert_eq!(csv_record(&["Số 12/QĐ-UBND", ""]), "Số 12/QĐ-UBND,\n");
        assert_eq!(csv_record(&["a\rb", "tab\t", "\"", ""]), "\"a\rb\",\"tab\t\",\"\"\"\",\n");
    }

    #[test]
    fn summary_lines_name_the_error() {
        let l = SummaryLine::failed("a/b.txt", "b.json", "binary file, skipped");
        let v: serde_json::Value = serde_json::from_str(l.to_line().trim_end()).unwrap();
        assert_eq!(v["status"], "failed");
        assert_eq!(v["error"], "binary file, skipped");
        assert_eq!(v["tokens"], 0);
    }
}
