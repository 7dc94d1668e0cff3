//! Offsets point at the raw text in the input, with and without corrections.

use super::{corpus, corpus_file, run};
use vnreport::extract;
use vnreport::{Correction, Restoration, RestoredLine};

fn chars(s: &str, a: usize, b: usize) -> String {
    s.chars().skip(a).take(b.saturating_sub(a)).collect()
}

#[test]
fn identity_offsets_point_at_raw() {
    for text in [
        std::fs::read_to_string(corpus("gold/003.dev.gold.txt")).expect("gold"),
        corpus_file("clean", "001_"),
    ] {
        let lines: Vec<&str> = text.lines().collect();
        let x = run(&text);
        assert!(!x.indicators.is_empty());
        for i in &x.indicators {
            let line = lines[i.span.line - 1];
            assert_eq!(chars(line, i.span.start, i.span.end), i.raw);
            assert_eq!((i.span.start, i.span.end), (i.span.restored_start, i.span.restored_end));
        }
        for r in &x.references {
            let line = lines[r.span.line - 1];
            assert!(chars(line, r.span.start, r.span.end)
                .replace(' ', "")
                .contains(&r.number.replace(' ', "")[..1]));
        }
    }
}

/// A line restored word by word, one correction per changed word.
fn restored(input: &str, text: &str, conf: f32) -> RestoredLine {
    let mut corrections = Vec::new();
    let mut pos = 0;
    let iw: Vec<&str> = input.split(' ').collect();
    let tw: Vec<&str> = text.split(' ').collect();
    assert_eq!(iw.len(), tw.len());
    for (a, b) in iw.iter().zip(&tw) {
        let n = a.chars().count();
        if a != b {
            // a restorer changes words, not the punctuation glued to them
            let (a_core, b_core) = (a.trim_end_matches([',', '.']), b.trim_end_matches([',', '.']));
            let end = pos + a_core.chars().count();
            corrections.push(Correction {
                line: 1,
                start: pos,
                end,
                from: a_core.to_string(),
                to: b_core.to_string(),
                confidence: conf,
            });
        }
        pos += n + 1;
    }
    RestoredLine {
        input: input.into(),
        text: text.into(),
        ending: String::new(),
        corrections,
        word_tokens: iw.len(),
        confidence_sum: iw.len() as f64,
        confidences: Vec::new(),
    }
}

#[test]
fn corrected_offsets_map_back_to_the_input() {
    let line = restored(
        "Ket qua Chi s6 PAPI dat 42,7037/80 diem, tang 0,5894 diem so voi nim 2023.",
        "Kết quả Chỉ số PAPI đạt 42,7037/80 điểm, tăng 0,5894 điểm so với năm 2023.",
        0.6,
    );
    let x = extract(&Restoration { lines: vec![line.clone()] });
    assert_eq!(x.indicators.len(), 2);
    let a = &x.indicators[0];
    assert_eq!(a.raw, "42,7037/80 điểm");
    assert_eq!(chars(&line.input, a.span.start, a.span.end), "42,7037/80 diem");
    assert_eq!(chars(&line.text, a.span.restored_start, a.span.restored_end), "42,7037/80 điểm");
    // the unit and the subject were corrected: confidence drops, the number was not
    assert!(a.confidence < 1.0 && a.confidence > 0.5, "{}", a.confidence);
    let b = &x.indicators[1];
    assert_eq!(chars(&line.input, b.span.start, b.span.end), "0,5894 diem");
    assert_eq!(b.comparison.as_deref(), Some("so với năm 2023"));
    // untouched text keeps full confidence
    let clean = run("Chỉ số PAPI đạt 42,7037/80 điểm.");
    assert_eq!(clean.indicators[0].confidence, 1.0);
}

#[test]
fn merged_words_shift_offsets() {
    // "Caicach" → "Cải cách" makes the restored line one char longer
    let input = "Caicach dat 96,17% va 15/48 nhiem vu";
    let text = "Cải cách đạt 96,17% và 15/48 nhiệm vụ";
    let mut line =
        restored("Caicach dat 96,17% va 15/48 nhiem vu", "Cảicách đạt 96,17% và 15/48 nhiệm vụ", 0.9);
    line.text = text.into();
    line.corrections[0].to = "Cải cách".into();
    let x = extract(&Restoration { lines: vec![line] });
    let got: Vec<String> = x.indicators.iter().map(|i| chars(input, i.span.start, i.span.end)).collect();
    assert_eq!(got, ["96,17%", "15/48 nhiem vu"]);
    assert_eq!(x.indicators[0].span.restored_start, x.indicators[0].span.start + 1);
}
