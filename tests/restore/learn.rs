//! The loop from review back to restoration: an archivist's edits on one half of a document
//! the model never saw, learned into a user model, make fewer errors on the other half; and
//! `vnreport learn` writes a folder that `--model` uses, refusing edits of another input.

use crate::common::{bin, read};
use std::process::Command;
use std::sync::Arc;
use vnreport::train::score;
use vnreport::train::{corrected_lines, learn_confusions};
use vnreport::{Correction, Model, Restorer};

/// Lines `range` of a text, each with its line ending.
fn part(text: &str, range: std::ops::Range<usize>) -> String {
    text.split('\n').skip(range.start).take(range.len()).map(|l| format!("{l}\n")).collect()
}

/// Whole-line edits that turn each restored line of `ocr` into its `gold` line.
fn edits_to(model: &Arc<Model>, ocr: &str, gold: &str) -> Vec<Correction> {
    let restored = Restorer::new(model.clone()).restore_text(ocr);
    restored
        .lines
        .iter()
        .zip(gold.split('\n'))
        .enumerate()
        .filter(|(_, (l, g))| l.text != *g)
        .map(|(i, (l, g))| Correction {
            line: i + 1,
            start: 0,
            end: l.input.chars().count(),
            from: l.input.clone(),
            to: g.to_string(),
            confidence: 1.0,
        })
        .collect()
}

#[test]
fn edits_on_one_half_reduce_errors_on_the_other() {
    // a model that never saw report 004: the third-party counts and the other reports
    let (base, names) = Model::shipped_base().unwrap();
    let held = "004_a3c9a3b6801f2d92.txt";
    let rest: Vec<(&str, &str)> =
        Model::shipped_corpus().iter().copied().filter(|(n, _)| *n != held).collect();
    let counts = Model::shipped_confusions().unwrap();
    let model = Arc::new(Model::build_on(&base, &names, &rest, counts.clone()));
    let gold: String = read("corpus/clean/004_a3c9a3b6801f2d92.txt")
        .split('\n')
        .map(vnreport::train::strip_markdown)
        .collect::<Vec<_>>()
        .join("\n");
    let ocr = read("corpus/synthetic/004_a3c9a3b6801f2d92.s0.txt");
    let n = gold.split('\n').count();
    let (a, b) = (0..n / 2, n / 2..n);
    let (a_ocr, a_gold, b_ocr, b_gold) =
        (part(&ocr, a.clone()), part(&gold, a), part(&ocr, b.clone()), part(&gold, b));
    let before =
        score(&Restorer::new(model.clone()).restore_text(&b_ocr).text(), &b_gold, &Default::default());
    // the archivist fixes the first half; the user model learns it
    let edits = edits_to(&model, &a_ocr, &a_gold);
    assert!(edits.len() > 20, "{} edits", edits.len());
    let restoration = Restorer::new(model.clone()).restore_text(&a_ocr);
    let lines = corrected_lines(&restoration, &edits).unwrap();
    for (k, _, fixed) in &lines {
        assert_eq!(fixed, a_gold.split('\n').nth(k - 1).unwrap());
    }
    let (learned, pairs) = learn_confusions(&model, &counts, &lines, 10.0);
    assert!(pairs > 100);
    let text: String = lines.iter().map(|l| format!("{}\n", l.2)).collect();
    let mut texts = rest.clone();
    texts.push(("learned.txt", &text));
    let user = Model::build_on(&base, &names, &texts, learned);
    let after = score(&Restorer::new(user).restore_text(&b_ocr).text(), &b_gold, &Default::default());
    eprintln!("other half: word_acc {:.4} before, {:.4} after learning", before.word_acc, after.word_acc);
    assert!(after.word_acc >= before.word_acc + 0.005, "{before:?} -> {after:?}");
}

#[test]
fn learn_writes_a_model_folder_that_fixes_the_edited_line() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("page.txt");
    std::fs::write(&input, "Uy ban nhan dan tinh Tuyén Quang\nBao cao so lieu\n").unwrap();
    let restore = |model: Option<&std::path::Path>| {
        let mut c = Command::new(bin());
        c.arg("restore").arg(&input);
        if let Some(m) = model {
            c.arg("--model").arg(m);
        }
        let out = c.output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let first = restore(None);
    let line1 = first.lines().next().unwrap().to_string();
    // the archivist types the right name over the restorer's reading of the last word
    let last = line1.rsplit(' ').next().unwrap();
    let fixed_to = "Tuyên Quang";
    let input_line = "Uy ban nhan dan tinh Tuyén Quang";
    let start = input_line.find("Tuyén").unwrap();
    let start = input_line[..start].chars().count();
    let edit = serde_json::json!({"line": 1, "start": start, "end": start + "Tuyén Quang".chars().count(),
        "from": "Tuyén Quang", "to": fixed_to, "confidence": 1.0});
    let edits = dir.path().join("edits.jsonl");
    std::fs::write(&edits, format!("{edit}\n")).unwrap();
    let model = dir.path().join("model");
    let learn = || {
        Command::new(bin())
            .arg("learn")
            .arg(&input)
            .arg("--edits")
            .arg(&edits)
            .arg("--model")
            .arg(&model)
            .output()
            .unwrap()
    };
    let out = learn();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for f in ["confusions.tsv", "learned-page-1.txt", "learned-page-1.json"] {
        assert!(model.join(f).exists(), "{f} missing");
    }
    let learned = std::fs::read_to_string(model.join("learned-page-1.txt")).unwrap();
    assert!(learned.ends_with("Tuyên Quang\n"), "{learned:?} (restored {last:?})");
    assert!(restore(Some(&model)).lines().next().unwrap().ends_with(fixed_to));
    // a second run keeps the first one's files
    let out = learn();
    assert!(out.status.success());
    assert!(model.join("learned-page-1.txt").exists() && model.join("learned-page-2.txt").exists());
    // edits of another text are refused, naming the file
    std::fs::write(
        &edits,
        "{\"line\":1,\"start\":0,\"end\":2,\"from\":\"Xy\",\"to\":\"Ủy\",\"confidence\":1}\n",
    )
    .unwrap();
    let out = learn();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("edits.jsonl") && err.contains("\"Xy\""), "{err}");
}
