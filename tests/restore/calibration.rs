//! Calibrated confidences: the shipped table is valid, and on text the model never saw
//! (leave one report out) confidences match how often the output is right.

use crate::common::bin;
use std::process::Command;
use vnreport::train::Calibration;

#[test]
fn shipped_table_is_valid_and_used() {
    let text = std::fs::read_to_string("dictionaries/calibration.tsv").unwrap();
    let table = Calibration::from_tsv(&text).unwrap();
    assert!(!table.is_identity());
    let model = vnreport::Model::shipped().unwrap();
    assert_eq!(model.calibration(), &table);
}

/// The value of column `col` in the row of `eval --calibration` that starts with `label`.
fn figure(report: &str, label: &str, col: usize) -> f64 {
    let row = report.lines().find(|l| l.starts_with(label)).unwrap_or_else(|| panic!("{label}: {report}"));
    row[label.len()..].split_whitespace().nth(col).unwrap().parse().unwrap()
}

#[test]
fn confidences_hold_on_reports_the_model_never_saw() {
    let out = Command::new(bin()).args(["eval", "--calibration"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8(out.stdout).unwrap();
    // columns: count, wrong, ECE, caught@5%, caught@10%
    assert!(figure(&report, "all  ", 0) > 150_000.0, "{report}");
    assert!(figure(&report, "all  ", 2) <= 0.03, "{report}");
    assert!(figure(&report, "words  ", 2) <= 0.03, "{report}");
    // raw posteriors are worse calibrated than the fitted confidences
    assert!(figure(&report, "all, raw posteriors", 2) > figure(&report, "all  ", 2), "{report}");
    // the least confident tenth of the words holds most of the wrong ones (measured 0.882
    // and 0.683 at 5%; docs/confidence.md)
    assert!(figure(&report, "words  ", 4) >= 0.87, "{report}");
    assert!(figure(&report, "words  ", 3) >= 0.67, "{report}");
    // over all tokens, punctuation included (measured 0.638 and 0.779)
    assert!(figure(&report, "all  ", 3) >= 0.625, "{report}");
    assert!(figure(&report, "all  ", 4) >= 0.765, "{report}");
    // the least confident 5% and 10% of all tokens hold 70% and 85% of the wrong words
    // (measured 0.725 and 0.896)
    assert!(figure(&report, "all, wrong words caught", 3) >= 0.71, "{report}");
    assert!(figure(&report, "all, wrong words caught", 4) >= 0.88, "{report}");
}
