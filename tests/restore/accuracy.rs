//! Accuracy guards on the project's gold data (the figures themselves are measured by
//! `vnreport eval`; these tests fail when a change loses ground).

use crate::common::{read, MODEL};
use vnreport::train::strip_diacritics;
use vnreport::train::{parse_skip, score};
use vnreport::train::{tokenize, TokenKind};
use vnreport::{Model, Restorer};

#[test]
fn dev_half_word_accuracy_holds() {
    let ocr = read("corpus/gold/003.dev.ocr.txt");
    let gold = read("corpus/gold/003.dev.gold.txt");
    let skip = parse_skip(&read("corpus/gold/003.dev.uncertain.tsv"));
    let restored = Restorer::new(MODEL.clone()).restore_text(&ocr).text();
    let before = score(&ocr, &gold, &skip);
    let after = score(&restored, &gold, &skip);
    assert!(
        (before.word_acc - 0.1569).abs() < 0.001,
        "raw OCR scores {:.4}, expected 0.1569",
        before.word_acc
    );
    assert!(after.word_acc >= 0.985, "dev word accuracy fell to {:.4} (was 0.9870)", after.word_acc);
}

/// Numbers, dates and codes of a line, with OCR's Đ misreadings accepted as the same code.
fn kept_tokens(line: &str) -> Vec<String> {
    tokenize(line)
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Number | TokenKind::Code))
        .map(|t| t.text(line).to_string())
        .collect()
}

#[test]
fn numbers_dates_and_codes_the_gold_keeps_are_kept() {
    let ocr = read("corpus/gold/003.dev.ocr.txt");
    let gold = read("corpus/gold/003.dev.gold.txt");
    let restored = Restorer::new(MODEL.clone()).restore_text(&ocr);
    let mut checked = 0;
    for ((o, g), r) in ocr.lines().zip(gold.lines()).zip(&restored.lines) {
        let in_ocr = kept_tokens(o);
        let in_out = kept_tokens(&r.text);
        for t in kept_tokens(g) {
            // a token the OCR read right (or read with Đ as D/B) must come out as the gold has it
            let ocr_form = t.replace('Đ', "D");
            if in_ocr.iter().any(|x| x == &t || x.replace('B', "D").replace("DD", "D") == ocr_form) {
                checked += 1;
                assert!(in_out.contains(&t), "{t:?} lost: OCR {o:?} -> {:?}", r.text);
            }
        }
    }
    assert!(checked > 150, "only {checked} numbers and codes checked");
}

/// Simulated OCR of `name` (its first variant in corpus/synthetic), and the clean text it
/// was made from without the markdown the OCR never saw.
fn synthetic_pair(name: &str, text: &str) -> (String, String) {
    let stem = name.trim_end_matches(".txt");
    let ocr = read(&format!("corpus/synthetic/{stem}.s0.txt"));
    let gold: Vec<String> = text.split('\n').map(vnreport::train::strip_markdown).collect();
    (ocr, gold.join("\n"))
}

/// The generalisation test: each clean report is restored by a model that never saw it (the
/// third-party counts plus the other reports; the OCR channel never saw its simulated OCR).
#[test]
fn leave_one_report_out_on_text_the_model_never_saw() {
    let corpus = Model::shipped_corpus();
    let counts = Model::shipped_confusions().expect("confusions");
    let (base, base_names) = Model::shipped_base().expect("base counts");
    assert!(base.tokens() > 800_000, "the shipped model lost its third-party counts");
    let (mut stripped_sum, mut ocr_sum) = (0.0, 0.0);
    for (i, (name, text)) in corpus.iter().enumerate() {
        let rest: Vec<(&str, &str)> =
            corpus.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, p)| *p).collect();
        let model = Model::build_on(&base, &base_names, &rest, counts.clone());
        let restorer = Restorer::new(model);
        let stripped =
            score(&restorer.restore_text(&strip_diacritics(text)).text(), text, &Default::default());
        let kept = score(&restorer.restore_text(text).text(), text, &Default::default());
        let (ocr, gold) = synthetic_pair(name, text);
        let ocr = score(&restorer.restore_text(&ocr).text(), &gold, &Default::default());
        assert!(kept.word_acc >= 0.998, "{name}: clean text kept only {:.4} of its words", kept.word_acc);
        assert!(stripped.word_acc >= 0.95, "{name}: stripped text restored to {:.4}", stripped.word_acc);
        assert!(ocr.word_acc >= 0.91, "{name}: simulated OCR restored to {:.4}", ocr.word_acc);
        stripped_sum += stripped.word_acc;
        ocr_sum += ocr.word_acc;
    }
    let n = corpus.len() as f64;
    assert!(stripped_sum / n >= 0.975, "mean stripped accuracy {:.4} < 0.975 (was 0.9799)", stripped_sum / n);
    assert!(ocr_sum / n >= 0.95, "mean simulated-OCR accuracy {:.4} < 0.95", ocr_sum / n);
}
