//! The batch tables rebuilt from every per-document JSON report under the output folder, so
//! that runs into one folder (folder by folder, resumed or not) add up to one set of tables.
//!
//! The rows are read back from the reports on disk one item at a time (memory grows neither
//! with the archive nor with a document), and ordered by the report's path under the output
//! folder. A
//! document that failed in this run takes the place of an older report at its path; a
//! document that failed in an earlier run keeps its row (read back from the earlier
//! `summary.jsonl`) until a run processes it or a report of it appears.

use super::atomic::AtomicFile;
use super::tables::{
    csv_record, document_row, failed_document_row, indicator_row, reference_row, SummaryLine,
    DOCUMENT_HEADER, INDICATOR_HEADER, REFERENCE_HEADER,
};
use super::{DOCUMENTS_CSV, INDICATORS_CSV, REFERENCES_CSV, SUMMARY_JSONL};
use crate::report::{read_report, ReportHead, ReportItem};
use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// The UTF-8 byte order mark that `--excel` puts at the start of each CSV table.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// What this run did to one document, as the tables need it.
#[derive(Debug, Clone)]
pub(crate) struct RunDocument {
    /// Its summary line (`json` names its report under the output folder).
    pub summary: SummaryLine,
    /// Its outputs would have overwritten another document's: it has no report of its own.
    pub collided: bool,
}

/// What the rebuilt tables hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rebuilt {
    /// Documents in the tables (one row each in `documents.csv` and `summary.jsonl`).
    pub documents: usize,
    /// `*.json` files under the output folder that are not vnreport reports (relative paths):
    /// left out of the tables.
    pub foreign: Vec<String>,
}

/// One row of the tables, before it is read.
enum Entry {
    /// A report under the output folder (its relative path).
    Report(String),
    /// A document without a report.
    Failed(SummaryLine),
}

fn key(rel: &str) -> Vec<&str> {
    rel.split('/').collect()
}

/// Rebuild `indicators.csv`, `references.csv`, `documents.csv` and `summary.jsonl` in
/// `out_dir` from its reports and the failures of this `run` and of earlier runs; with
/// `excel`, the CSV tables start with a UTF-8 byte order mark.
pub(crate) fn rebuild(out_dir: &Path, run: &[RunDocument], excel: bool) -> io::Result<Rebuilt> {
    let mut rels = Vec::new();
    find_reports(out_dir, "", &mut rels);
    // first pass: which reports are vnreport's, and which documents they are
    let mut foreign = Vec::new();
    let mut reported_paths = HashSet::new();
    rels.retain(|rel| match read_head(out_dir, rel, &mut |_, _, _| {}) {
        Some(r) => {
            reported_paths.insert(r.source.path);
            true
        }
        None => {
            foreign.push(rel.clone());
            false
        }
    });
    let processed: HashSet<&str> = run
        .iter()
        .filter(|d| d.summary.status == "ok" && !d.summary.resumed)
        .map(|d| d.summary.json.as_str())
        .collect();
    let failed_here: HashSet<&str> = run
        .iter()
        .filter(|d| d.summary.status != "ok" && !d.collided)
        .map(|d| d.summary.json.as_str())
        .collect();
    let run_paths: HashSet<&str> = run.iter().map(|d| d.summary.path.as_str()).collect();
    let earlier = earlier_failures(&out_dir.join(SUMMARY_JSONL))
        .into_iter()
        .filter(|l| !run_paths.contains(l.path.as_str()) && !reported_paths.contains(&l.path));

    let mut entries: Vec<(String, Entry)> = rels
        .into_iter()
        .filter(|rel| !failed_here.contains(rel.as_str()))
        .map(|rel| (rel.clone(), Entry::Report(rel)))
        .collect();
    let failures = run.iter().filter(|d| d.summary.status != "ok").map(|d| d.summary.clone());
    for line in failures.chain(earlier) {
        let k = if line.json.is_empty() { line.path.clone() } else { line.json.clone() };
        entries.push((k, Entry::Failed(line)));
    }
    entries.sort_by(|a, b| key(&a.0).cmp(&key(&b.0)));

    let create = |name: &str, header: Option<&[&str]>| -> io::Result<AtomicFile> {
        let mut f = AtomicFile::create(&out_dir.join(name))?;
        if let Some(h) = header {
            if excel {
                f.write_all(UTF8_BOM)?;
            }
            f.write_all(csv_record(h).as_bytes())?;
        }
        Ok(f)
    };
    let mut indicators = create(INDICATORS_CSV, Some(&INDICATOR_HEADER))?;
    let mut references = create(REFERENCES_CSV, Some(&REFERENCE_HEADER))?;
    let mut documents = create(DOCUMENTS_CSV, Some(&DOCUMENT_HEADER))?;
    let mut summary = create(SUMMARY_JSONL, None)?;
    let mut count = 0;
    for (_, entry) in entries {
        match entry {
            Entry::Report(rel) => {
                let mut written = Ok(());
                let report = read_head(out_dir, &rel, &mut |source, doc, item| {
                    if written.is_ok() {
                        written = match item {
                            ReportItem::Indicator(i) => {
                                indicators.write_all(indicator_row(&source.path, doc, &i).as_bytes())
                            }
                            ReportItem::Reference(r) => {
                                references.write_all(reference_row(&source.path, doc, &r).as_bytes())
                            }
                        };
                    }
                });
                written?;
                // a report that changed since the first pass into something unreadable is
                // left out like any foreign file (the rows of its items read before the
                // fault stay)
                let Some(report) = report else {
                    foreign.push(rel);
                    continue;
                };
                let path = report.source.path.as_str();
                documents.write_all(document_row(&rel, &report).as_bytes())?;
                let resumed = !processed.contains(rel.as_str());
                summary.write_all(SummaryLine::ok(path, &rel, &report, resumed).to_line().as_bytes())?;
            }
            Entry::Failed(line) => {
                documents.write_all(failed_document_row(&line).as_bytes())?;
                summary.write_all(line.to_line().as_bytes())?;
            }
        }
        count += 1;
    }
    indicators.commit()?;
    references.commit()?;
    documents.commit()?;
    summary.commit()?;
    foreign.sort();
    Ok(Rebuilt { documents: count, foreign })
}

/// The report at `rel` under `out_dir` without its items, which go to `on_item`, if it is one.
fn read_head(
    out_dir: &Path,
    rel: &str,
    on_item: &mut dyn FnMut(&crate::report::SourceInfo, &crate::extract::DocumentMeta, ReportItem),
) -> Option<ReportHead> {
    read_report(fs::File::open(out_dir.join(rel)).ok()?, on_item).ok()
}

/// The failed documents an earlier run recorded in `summary.jsonl`.
fn earlier_failures(path: &Path) -> Vec<SummaryLine> {
    let Ok(text) = fs::read_to_string(path) else { return Vec::new() };
    text.lines()
        .filter_map(|l| serde_json::from_str::<SummaryLine>(l).ok())
        .filter(|l| l.status != "ok")
        .map(|l| SummaryLine { resumed: false, ..l })
        .collect()
}

/// The `*.json` files under `dir` (relative, `/`-separated), in name order; hidden files
/// and folders (temporary files among them) and symbolic links are not taken.
fn find_reports(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    let mut entries: Vec<fs::DirEntry> = rd.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let rel = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            find_reports(&entry.path(), &rel, out);
        } else if kind.is_file() && name.ends_with(".json") {
            out.push(rel);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_are_found_in_name_order_and_hidden_files_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir_all(d.join("sub")).unwrap();
        for f in ["b.json", "sub/a.json", "sub.json", ".b.json.1.2.tmp", ".x.json", "summary.jsonl", "a.txt"]
        {
            fs::write(d.join(f), "{}").unwrap();
        }
        let mut found = Vec::new();
        find_reports(d, "", &mut found);
        assert_eq!(found, ["b.json", "sub/a.json", "sub.json"]);
    }
}
