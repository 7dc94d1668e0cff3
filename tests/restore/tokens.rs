//! `vnreport restore --tokens`: every token of every line, valid against
//! schemas/token.schema.json; the outputs concatenate to the restored text and the inputs to
//! the input, spans point at them, alternatives come best first, corrections are the changed tokens.

use crate::common::{bin, read, repo, MODEL};
use crate::schema::Schema;
use serde_json::Value;
use std::collections::BTreeMap;
use std::process::Command;
use vnreport::{Correction, Restorer, TokenRecord};

#[test]
fn tokens_reproduce_input_and_output_and_validate() {
    let schema = Schema::parse(&read("schemas/token.schema.json"));
    let dir = tempfile::tempdir().unwrap();
    let (tokens_path, corr_path) = (dir.path().join("t.jsonl"), dir.path().join("c.jsonl"));
    for file in ["corpus/gold/003.dev.ocr.txt", "corpus/synthetic/002_64001137fbb23bed.s0.txt"] {
        let out = Command::new(bin())
            .arg("restore")
            .arg(repo(file))
            .arg("--tokens")
            .arg(&tokens_path)
            .arg("--corrections")
            .arg(&corr_path)
            .output()
            .unwrap();
        assert!(out.status.success());
        let restored = String::from_utf8(out.stdout).unwrap();
        let lines_json = std::fs::read_to_string(&tokens_path).unwrap();
        let mut by_line: BTreeMap<usize, Vec<TokenRecord>> = BTreeMap::new();
        for l in lines_json.lines() {
            let v: Value = serde_json::from_str(l).unwrap();
            let errors = schema.errors(&v);
            assert!(errors.is_empty(), "{file}: {l}: {errors:?}");
            let t: TokenRecord = serde_json::from_value(v).unwrap();
            by_line.entry(t.line).or_default().push(t);
        }
        let out_lines: Vec<&str> = restored.split('\n').collect();
        let changed: usize = std::fs::read_to_string(&corr_path).unwrap().lines().count();
        let mut changed_tokens = 0;
        // words the lattice read have readings; abbreviations and list markers are fixed
        let (mut words, mut read) = (0, 0);
        for (line, toks) in &by_line {
            let text: String = toks.iter().map(|t| t.output.as_str()).collect();
            assert_eq!(text, out_lines[line - 1], "{file}:{line}");
            let mut pos = 0;
            for t in toks {
                assert_eq!((t.start, t.out_start), (pos, text[..].chars().take(t.out_start).count()));
                let got: String = text.chars().skip(t.out_start).take(t.out_end - t.out_start).collect();
                assert_eq!(got, t.output);
                assert_eq!(t.end - t.start, t.input.chars().count());
                pos = t.end;
                let ps: Vec<f32> = t.alternatives.iter().map(|a| a.p).collect();
                assert!(ps.windows(2).all(|w| w[0] >= w[1]), "{file}:{line}: {ps:?}");
                if t.kind == "word" {
                    words += 1;
                    read += usize::from(!t.alternatives.is_empty());
                }
                changed_tokens += usize::from(t.input != t.output);
            }
        }
        assert_eq!(changed_tokens, changed, "{file}: the changed tokens are the corrections");
        assert!(read * 10 > words * 9, "{file}: only {read} of {words} words have readings");
        assert!(by_line.len() > 50);
    }
}

#[test]
fn corrections_are_the_changed_token_records_with_or_without_tokens() {
    let restorer = Restorer::new(MODEL.clone());
    for file in ["corpus/gold/003.dev.ocr.txt", "corpus/clean/000_4ccff56f1272ca17.txt"] {
        let text = read(file);
        let (with_tokens, records) = restorer.restore_tokens(&text);
        let from_records: Vec<Correction> =
            records.iter().filter(|t| t.changed()).map(Correction::from).collect();
        // the restoration's corrections are those records, whether token records were asked or not
        assert_eq!(with_tokens.corrections().cloned().collect::<Vec<_>>(), from_records, "{file}");
        let plain = restorer.restore_text(&text);
        assert_eq!(plain.corrections().cloned().collect::<Vec<_>>(), from_records, "{file}");
        assert_eq!(plain.text(), with_tokens.text(), "{file}");
        if file.contains("ocr") {
            assert!(from_records.len() > 100, "{file}: {} corrections", from_records.len());
        }
    }
}
