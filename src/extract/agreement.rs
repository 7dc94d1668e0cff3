//! How far two extractions of one document agree, the first taken as the reference: what
//! `vnreport eval --extraction` counts to measure how extraction holds up when the text went
//! through OCR and restoration (the reference is the extraction of the clean text). It
//! measures robustness to OCR damage, not accuracy: both sides may be wrong the same way.
//!
//! Figures match one to one on the same line with the same value; cited documents on the
//! same line with the same number (Đ and D taken as one letter), as `scripts/score_extract.py`
//! matches them against gold.

use super::{DocumentMeta, Extraction};
use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

/// Counts of agreement, summed over documents with [`Agreement::add`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Agreement {
    /// Figures in the reference extraction.
    pub ind_ref: usize,
    /// Figures in the other extraction.
    pub ind_other: usize,
    /// Figures matched between them.
    pub ind_matched: usize,
    /// Matched figures with the same unit.
    pub unit: usize,
    /// Matched figures with the same kind.
    pub kind: usize,
    /// Matched figures with the same role.
    pub role: usize,
    /// Matched figures with exactly the same subject.
    pub subject_exact: usize,
    /// Matched figures whose subjects have a syllable overlap F1 of at least 0.5.
    pub subject_overlap: usize,
    /// Cited documents in the reference.
    pub ref_ref: usize,
    /// Cited documents in the other.
    pub ref_other: usize,
    /// Cited documents matched between them.
    pub ref_matched: usize,
    /// Matched citations of the same type.
    pub ref_type: usize,
    /// Matched citations with the same date.
    pub ref_date: usize,
    /// Metadata fields the reference gives.
    pub meta_ref: usize,
    /// Of those, the ones the other gives the same.
    pub meta_same: usize,
}

/// Lower case, NFC, spaces trimmed.
fn norm(s: &str) -> String {
    s.trim().nfc().collect::<String>().to_lowercase()
}

/// Syllable overlap F1 of two subjects (as the extraction scorer computes it).
pub fn subject_f1(a: &str, b: &str) -> f64 {
    let (a, b) = (norm(a), norm(b));
    let sa: HashSet<&str> = a.split_whitespace().collect();
    let sb: HashSet<&str> = b.split_whitespace().collect();
    if sa.is_empty() || sb.is_empty() {
        return 0.0;
    }
    2.0 * sa.intersection(&sb).count() as f64 / (sa.len() + sb.len()) as f64
}

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * 1f64.max(a.abs()).max(b.abs())
}

/// Greedy one-to-one matching: for each reference item, the first unused other item `same`
/// accepts.
fn pairs<A, B>(reference: &[A], other: &[B], same: impl Fn(&A, &B) -> bool) -> Vec<(usize, usize)> {
    let mut used = vec![false; other.len()];
    let mut out = Vec::new();
    for (i, a) in reference.iter().enumerate() {
        if let Some(j) = (0..other.len()).find(|&j| !used[j] && same(a, &other[j])) {
            used[j] = true;
            out.push((i, j));
        }
    }
    out
}

fn meta_fields(m: &DocumentMeta) -> [&Option<String>; 8] {
    [&m.number, &m.date, &m.issuer, &m.title, &m.recipient, &m.signer, &m.signer_title, &m.period]
}

impl Agreement {
    /// Compare `other` with `reference`.
    pub fn compare(reference: &Extraction, other: &Extraction) -> Agreement {
        let (ri, oi) = (&reference.indicators, &other.indicators);
        let ind = pairs(ri, oi, |a, b| a.span.line == b.span.line && same_value(a.value, b.value));
        let (rr, or) = (&reference.references, &other.references);
        let key = |s: &str| norm(s).replace(' ', "").replace('đ', "d");
        let refs = pairs(rr, or, |a, b| a.span.line == b.span.line && key(&a.number) == key(&b.number));
        let count = |f: &dyn Fn(usize, usize) -> bool, p: &[(usize, usize)]| {
            p.iter().filter(|&&(i, j)| f(i, j)).count()
        };
        let (rm, om) = (meta_fields(&reference.document), meta_fields(&other.document));
        let given: Vec<usize> = (0..8).filter(|&k| rm[k].is_some()).collect();
        Agreement {
            ind_ref: ri.len(),
            ind_other: oi.len(),
            ind_matched: ind.len(),
            unit: count(&|i, j| ri[i].unit.as_deref().map(norm) == oi[j].unit.as_deref().map(norm), &ind),
            kind: count(&|i, j| ri[i].kind == oi[j].kind, &ind),
            role: count(&|i, j| ri[i].role == oi[j].role, &ind),
            subject_exact: count(&|i, j| norm(&ri[i].subject) == norm(&oi[j].subject), &ind),
            subject_overlap: count(&|i, j| subject_f1(&ri[i].subject, &oi[j].subject) >= 0.5, &ind),
            ref_ref: rr.len(),
            ref_other: or.len(),
            ref_matched: refs.len(),
            ref_type: count(&|i, j| norm(&rr[i].doc_type) == norm(&or[j].doc_type), &refs),
            ref_date: count(&|i, j| rr[i].date == or[j].date, &refs),
            meta_ref: given.len(),
            meta_same: given
                .iter()
                .filter(|&&k| rm[k].as_deref().map(norm) == om[k].as_deref().map(norm))
                .count(),
        }
    }

    /// Add the counts of another document.
    pub fn add(&mut self, o: &Agreement) {
        self.ind_ref += o.ind_ref;
        self.ind_other += o.ind_other;
        self.ind_matched += o.ind_matched;
        self.unit += o.unit;
        self.kind += o.kind;
        self.role += o.role;
        self.subject_exact += o.subject_exact;
        self.subject_overlap += o.subject_overlap;
        self.ref_ref += o.ref_ref;
        self.ref_other += o.ref_other;
        self.ref_matched += o.ref_matched;
        self.ref_type += o.ref_type;
        self.ref_date += o.ref_date;
        self.meta_ref += o.meta_ref;
        self.meta_same += o.meta_same;
    }

    /// F1 of the figures found (matched against the reference's).
    pub fn ind_f1(&self) -> f64 {
        f1(self.ind_matched, self.ind_other, self.ind_ref)
    }

    /// F1 of the cited documents found.
    pub fn ref_f1(&self) -> f64 {
        f1(self.ref_matched, self.ref_other, self.ref_ref)
    }

    /// `n` as a share of the matched figures.
    pub fn of_matched(&self, n: usize) -> f64 {
        share(n, self.ind_matched)
    }

    /// `n` as a share of the matched citations.
    pub fn of_refs(&self, n: usize) -> f64 {
        share(n, self.ref_matched)
    }

    /// Share of the reference's metadata fields given the same.
    pub fn meta(&self) -> f64 {
        share(self.meta_same, self.meta_ref)
    }
}

fn share(n: usize, of: usize) -> f64 {
    if of == 0 {
        1.0
    } else {
        n as f64 / of as f64
    }
}

fn f1(matched: usize, found: usize, reference: usize) -> f64 {
    if found + reference == 0 {
        return 1.0;
    }
    2.0 * matched as f64 / (found + reference) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{extract, identity_restoration};

    fn ex(text: &str) -> Extraction {
        extract(&identity_restoration(text))
    }

    #[test]
    fn the_same_text_agrees_fully_and_damage_shows() {
        let text = "Số: 12/BC-UBND\nTỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%.\nThực hiện Quyết định số 5085/QĐ-UBND ngày 20/12/2023, các sở đã tiếp nhận 12.450 hồ sơ.\n";
        let a = Agreement::compare(&ex(text), &ex(text));
        assert_eq!((a.ind_ref, a.ind_matched, a.unit, a.subject_exact), (2, 2, 2, 2));
        assert_eq!((a.ind_f1(), a.ref_f1(), a.meta()), (1.0, 1.0, 1.0));
        // a damaged digit and a lost unit word
        let damaged = text.replace("98,5%", "98,6%").replace("12.450 hồ sơ", "12.450 hb so");
        let b = Agreement::compare(&ex(text), &ex(&damaged));
        // the changed percentage no longer matches; the count does, without its unit
        assert_eq!((b.ind_matched, b.unit), (1, 0), "{b:?}");
        assert_eq!(b.ind_f1(), 0.5);
        assert_eq!(b.ref_matched, 1);
        assert!(subject_f1("tỷ lệ hồ sơ", "Tỷ lệ hồ sơ đúng hạn") > 0.7);
    }
}
