//! Extraction under OCR on text the model never saw: the restored simulated OCR of each
//! clean report (left out of the model) against the extraction of the clean text. Floors are
//! the figures measured with `vnreport eval --extraction` (docs/extraction.md) minus a margin.

use super::corpus;
use vnreport::train::Agreement;
use vnreport::RestoreConfig;

#[test]
fn restored_simulated_ocr_agrees_with_the_clean_text() {
    let files = vnreport::train::measure(&corpus("synthetic"), RestoreConfig::default()).expect("measures");
    assert_eq!(files.len(), 16, "four reports, four seeds each");
    let (mut r, mut u) = (Agreement::default(), Agreement::default());
    for f in &files {
        r.add(&f.restored);
        u.add(&f.unrestored);
    }
    assert!(r.ind_ref > 2000, "{} figures in the clean texts", r.ind_ref);
    let figures = [
        ("indicator F1", r.ind_f1(), 0.96),
        ("unit", r.of_matched(r.unit), 0.93),
        ("kind", r.of_matched(r.kind), 0.95),
        ("role", r.of_matched(r.role), 0.98),
        ("subject overlap", r.of_matched(r.subject_overlap), 0.94),
        ("reference F1", r.ref_f1(), 0.95),
        ("reference type", r.of_refs(r.ref_type), 0.97),
        ("metadata", r.meta(), 0.85),
    ];
    for (what, got, floor) in figures {
        assert!(got >= floor, "{what}: {got:.3} < {floor}");
    }
    // restoration is what makes extraction hold: without it subjects and units fall apart
    assert!(r.ind_f1() > u.ind_f1() + 0.05, "{:.3} vs {:.3}", r.ind_f1(), u.ind_f1());
    assert!(r.of_matched(r.subject_overlap) > u.of_matched(u.subject_overlap) + 0.5);
    assert!(r.meta() > u.meta() + 0.5);
}
