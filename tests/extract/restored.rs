//! `vnreport extract` on the degraded OCR of report 003, through the real restorer, scored the
//! way the project's extraction metric scores it: indicators matched one to one on (line,
//! value), references on (line, number), metadata field by field.

use crate::common::{bin, read, repo};
use serde_json::Value;
use std::process::Command;
use vnreport::Report;

fn extract_json(rel: &str) -> Report {
    let out = Command::new(bin()).arg("extract").arg(repo(rel)).output().expect("run vnreport extract");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON parses back into a Report")
}

fn gold(rel: &str) -> Vec<Value> {
    read(rel)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("gold line"))
        .collect()
}

/// Greedy one-to-one matches of gold items and predictions.
fn matches<P>(gold: &[Value], pred: &[P], same: impl Fn(&Value, &P) -> bool) -> Vec<(usize, usize)> {
    let mut used = vec![false; pred.len()];
    let mut out = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        if let Some(pi) = (0..pred.len()).find(|&pi| !used[pi] && same(g, &pred[pi])) {
            used[pi] = true;
            out.push((gi, pi));
        }
    }
    out
}

fn f1(m: usize, pred: usize, gold: usize) -> f64 {
    let (p, r) = (m as f64 / pred.max(1) as f64, m as f64 / gold.max(1) as f64);
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

#[test]
fn dev_half_indicators_and_references_meet_their_targets() {
    let report = extract_json("corpus/gold/003.dev.ocr.txt");
    let gi = gold("corpus/gold/003.dev.indicators.jsonl");
    let m = matches(&gi, &report.indicators, |g, p| {
        g["line"].as_u64() == Some(p.span.line as u64)
            && (g["value"].as_f64().unwrap_or(f64::NAN) - p.value).abs() < 1e-9
    });
    let f = f1(m.len(), report.indicators.len(), gi.len());
    assert!(f >= 0.95, "indicator F1 {f:.3}");
    let unit_ok =
        m.iter().filter(|&&(g, p)| gi[g]["unit"].as_str() == report.indicators[p].unit.as_deref()).count();
    assert!(unit_ok as f64 / m.len() as f64 >= 0.9, "unit right for {unit_ok} of {}", m.len());
    let kind_ok = m
        .iter()
        .filter(|&&(g, p)| {
            serde_json::to_value(report.indicators[p].kind).ok().as_ref() == Some(&gi[g]["kind"])
        })
        .count();
    assert!(kind_ok as f64 / m.len() as f64 >= 0.9, "kind right for {kind_ok} of {}", m.len());

    let gr = gold("corpus/gold/003.dev.references.jsonl");
    let key = |s: &str| s.to_lowercase().replace(' ', "");
    let m = matches(&gr, &report.references, |g, p| {
        g["line"].as_u64() == Some(p.span.line as u64)
            && key(g["number"].as_str().unwrap_or("")) == key(&p.number)
    });
    let f = f1(m.len(), report.references.len(), gr.len());
    assert!(f >= 0.95, "reference F1 {f:.3}");
    let date_ok =
        m.iter().filter(|&&(g, p)| gr[g]["date"].as_str() == report.references[p].date.as_deref()).count();
    assert!(date_ok as f64 / m.len() as f64 >= 0.9, "date right for {date_ok} of {}", m.len());
}

#[test]
fn whole_report_metadata_has_at_least_seven_of_eight_fields() {
    let report = extract_json("corpus/degraded/003_4df792cc80223c47.txt");
    let gm: Value = serde_json::from_str(&read("corpus/gold/003.dev.meta.json")).expect("gold meta");
    let doc = serde_json::to_value(&report.document).expect("document");
    let fields = gm.as_object().expect("object");
    let ok = fields
        .iter()
        .filter(|(k, v)| doc[k.as_str()].as_str().map(str::to_lowercase) == v.as_str().map(str::to_lowercase))
        .count();
    assert!(ok >= 7, "{ok} of {} metadata fields: {doc}", fields.len());
    assert_eq!(report.source.encoding, "utf-8");
    let text = read("corpus/degraded/003_4df792cc80223c47.txt");
    assert_eq!(report.source.lines, vnreport::split_lines(&text).len());
}
