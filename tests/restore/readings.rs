//! The shipped readings of frequent words (dictionaries/readings.bin): made for the shipped
//! model and the default tuning, every entry equal to what the restorer computes, and passed
//! over by any other model or tuning.

use crate::common::repo;
use std::sync::Arc;
use vnreport::RestoreConfig;
use vnreport::{Model, Restorer};

fn shipped_readings() -> Vec<u8> {
    std::fs::read(repo("dictionaries/readings.bin")).expect("dictionaries/readings.bin")
}

#[test]
fn shipped_readings_are_current_and_equal_the_computed_ones() {
    let taken = Restorer::new(Model::shipped().expect("the shipped model"))
        .check_readings(&shipped_readings())
        .expect("the readings check");
    // three document kinds, each with thousands of forms
    assert!(
        taken > 3 * 3000,
        "only {taken} readings taken: dictionaries/readings.bin was made for another model or \
         tuning; run `cargo run --release -- build-readings --out dictionaries/readings.bin`"
    );
}

#[test]
fn other_tunings_and_damaged_files_are_passed_over_or_refused() {
    let model = Arc::new(Model::shipped().expect("the shipped model"));
    let bytes = shipped_readings();
    let tuned = RestoreConfig { beam: RestoreConfig::default().beam + 1.0, ..RestoreConfig::default() };
    assert_eq!(Restorer::with_config(model.clone(), tuned).check_readings(&bytes).unwrap(), 0);
    let restorer = Restorer::new(model);
    assert!(restorer.check_readings(&bytes[..bytes.len() / 2]).is_err(), "a truncated file");
    assert!(restorer.check_readings(b"not a readings file").is_err());
    assert_eq!(restorer.check_readings(&[]).unwrap(), 0);
}
