//! The dev half of report 003: the gold text (the ideal restoration) scored against the gold
//! extraction the way tools/score_extract.py scores it, as a guard against regressions.

use super::{corpus, run};
use serde_json::Value;

fn jsonl(name: &str) -> Vec<Value> {
    let p = corpus(&format!("gold/{name}"));
    let t = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    t.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("gold json")).collect()
}

fn f1(matched: usize, pred: usize, gold: usize) -> f64 {
    let p = matched as f64 / pred.max(1) as f64;
    let r = matched as f64 / gold.max(1) as f64;
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn low(s: &str) -> String {
    s.trim().to_lowercase()
}

#[test]
fn gold_text_scores() {
    let text = std::fs::read_to_string(corpus("gold/003.dev.gold.txt")).expect("gold text");
    let x = run(&text);
    // indicators: one-to-one on (line, value)
    let gold = jsonl("003.dev.indicators.jsonl");
    let mut used = vec![false; x.indicators.len()];
    let (mut m, mut unit, mut kind, mut subj) = (0, 0, 0, 0);
    for g in &gold {
        let (gl, gv) = (g["line"].as_u64().unwrap_or(0) as usize, g["value"].as_f64().unwrap_or(f64::NAN));
        let hit = x.indicators.iter().enumerate().find(|(i, p)| {
            !used[*i] && p.span.line == gl && (p.value - gv).abs() <= 1e-9 * gv.abs().max(1.0)
        });
        if let Some((i, p)) = hit {
            used[i] = true;
            m += 1;
            unit +=
                usize::from(low(p.unit.as_deref().unwrap_or("")) == low(g["unit"].as_str().unwrap_or("")));
            kind += usize::from(p.kind.as_str() == g["kind"].as_str().unwrap_or(""));
            let gs: std::collections::HashSet<String> =
                low(g["subject"].as_str().unwrap_or("")).split_whitespace().map(str::to_string).collect();
            let ps: std::collections::HashSet<String> =
                low(&p.subject).split_whitespace().map(str::to_string).collect();
            subj += usize::from(2 * gs.intersection(&ps).count() >= gs.len());
        }
    }
    let n = m.max(1) as f64;
    assert!(f1(m, x.indicators.len(), gold.len()) >= 0.95, "indicator F1");
    assert!(unit as f64 / n >= 0.9, "unit");
    assert!(kind as f64 / n >= 0.9, "kind");
    assert!(subj as f64 / n >= 0.8, "subject");
    // references: one-to-one on (line, number)
    let gold = jsonl("003.dev.references.jsonl");
    let mut used = vec![false; x.references.len()];
    let (mut m, mut date) = (0, 0);
    for g in &gold {
        let gl = g["line"].as_u64().unwrap_or(0) as usize;
        let gn = low(g["number"].as_str().unwrap_or("")).replace(' ', "");
        let hit = x
            .references
            .iter()
            .enumerate()
            .find(|(i, p)| !used[*i] && p.span.line == gl && low(&p.number).replace(' ', "") == gn);
        if let Some((i, p)) = hit {
            used[i] = true;
            m += 1;
            date += usize::from(p.date.as_deref() == g["date"].as_str());
        }
    }
    assert!(f1(m, x.references.len(), gold.len()) >= 0.95, "reference F1");
    assert!(date as f64 / m.max(1) as f64 >= 0.9, "reference dates");
    // metadata present in the dev half
    let meta: Value =
        serde_json::from_str(&std::fs::read_to_string(corpus("gold/003.dev.meta.json")).expect("meta"))
            .expect("json");
    let d = &x.document;
    for (field, got) in [
        ("number", &d.number),
        ("date", &d.date),
        ("issuer", &d.issuer),
        ("title", &d.title),
        ("recipient", &d.recipient),
        ("period", &d.period),
    ] {
        assert_eq!(got.as_deref().map(low), meta[field].as_str().map(low), "{field}");
    }
}

#[test]
fn whole_degraded_report_signature() {
    // the signature block of the full OCR: "KT. CHU TICH" above the name
    let x = run(&super::corpus_file("degraded", "003_"));
    assert_eq!(x.document.signer_title.as_deref().map(low), Some("phó chu tich".to_string()));
    assert_eq!(x.document.signer.as_deref(), Some("Hoang Minh Cwong"));
    assert_eq!(x.document.number.as_deref(), Some("205/BC-UBND"));
    assert_eq!(x.document.date.as_deref(), Some("2025-06-20"));
}
