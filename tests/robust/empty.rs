//! Empty inputs and empty lattice slots: every public entry point gives an empty result or an
//! error, never a panic.

use crate::common::MODEL;
use vnreport::restore::{decode, ChannelMix, Detail, Weights};
use vnreport::text::decode::{decode as decode_bytes, DecodeOptions};
use vnreport::{Correction, Restorer};

#[test]
fn a_sentence_with_an_empty_slot_decodes_to_no_path() {
    let lm = MODEL.lm();
    let w = Weights { lm: 1.0, emission: 1.0, posterior: 1.0 };
    let known = vnreport::restore::Cand::one(lm.id("năm"), 0.0);
    let empty: Vec<Vec<vnreport::restore::Cand>> = Vec::new();
    assert!(decode(&empty, lm, w, 10.0).best.is_empty());
    for slots in [vec![vec![], vec![known]], vec![vec![known], vec![]]] {
        let d = decode(&slots, lm, w, 10.0);
        assert!(d.best.is_empty() && d.confidence.is_empty(), "{d:?}");
    }
    assert_eq!(decode(&[vec![known]], lm, w, 10.0).best, vec![0]);
}

#[test]
fn empty_texts_restore_extract_and_decode_to_nothing() {
    let restorer = Restorer::new(MODEL.clone());
    for text in ["", "\n", "\r\n\r\n", "   "] {
        let (restored, tokens) = restorer.restore_tokens(text);
        assert_eq!(restored.text(), text);
        assert!(restored.lines.iter().all(|l| l.corrections.is_empty()));
        assert!(tokens.iter().all(|t| t.kind == "space"), "{tokens:?}");
        let plan = restorer.plan(text, Detail::Lines);
        assert_eq!(plan.blocks(), 0, "{text:?}");
        let ex = vnreport::extract::extract(&restored);
        assert!(ex.indicators.is_empty() && ex.references.is_empty());
    }
    assert!(restorer.candidates("", &ChannelMix::OCR).len() <= 1);
    assert!(decode_bytes(b"", &DecodeOptions::default()).unwrap().text.is_empty());
    assert_eq!(restorer.check_readings(&[]).unwrap(), 0);
    let none: Vec<Correction> = Vec::new();
    assert!(vnreport::edits::corrected_lines(&restorer.restore_text(""), &none).unwrap().is_empty());
}

#[test]
fn a_plan_restores_nothing_for_blocks_it_does_not_have() {
    let restorer = Restorer::new(MODEL.clone());
    let empty = restorer.plan("", Detail::Tokens);
    let stray = restorer.restore_block(&empty, 0);
    let (restored, tokens) = restorer.finish(empty, vec![stray]);
    assert!(restored.lines.is_empty() && tokens.is_empty());
    // decisions of a longer text handed to a shorter one's plan are passed over
    let long = restorer.plan("Két qua\n\nthyc hign cdng tac\n", Detail::Lines);
    let choices: Vec<_> = (0..long.blocks()).map(|b| restorer.restore_block(&long, b)).collect();
    let (short, _) = restorer.finish(restorer.plan("Két qua\n", Detail::Lines), choices);
    assert_eq!(short.lines.len(), 1);
}
