//! Empty inputs: every public entry point gives an empty result or an error, never a panic
//! (empty lattice slots: `src/restore/lattice.rs`).

use crate::common::MODEL;
use vnreport::{decode as decode_bytes, DecodeOptions};
use vnreport::{ChannelMix, Detail};
use vnreport::{Correction, Restorer};

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
        let ex = vnreport::extract(&restored);
        assert!(ex.indicators.is_empty() && ex.references.is_empty());
    }
    assert!(restorer.candidates("", &ChannelMix::OCR).len() <= 1);
    assert!(decode_bytes(b"", &DecodeOptions::default()).unwrap().text.is_empty());
    assert_eq!(restorer.check_readings(&[]).unwrap(), 0);
    let none: Vec<Correction> = Vec::new();
    assert!(vnreport::train::corrected_lines(&restorer.restore_text(""), &none).unwrap().is_empty());
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
