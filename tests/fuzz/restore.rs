//! Fuzz target `restore`: arbitrary strings and Vietnamese-like OCR noise through
//! `Restorer::restore_text`, each case under the time budget.

use super::gen::{any_text, ocr_text};
use super::watchdog::within;
use super::{check, config};
use crate::common::MODEL;
use proptest::prelude::*;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;
use vnreport::{Restoration, Restorer};

/// One restorer for all cases (its candidate cache is bounded).
static RESTORER: LazyLock<Restorer> = LazyLock::new(|| Restorer::new(MODEL.clone()));

/// Restore `text` under the time budget and check every invariant.
pub fn restore_checked(text: &str) -> Result<Restoration, String> {
    LazyLock::force(&RESTORER);
    let owned = text.to_string();
    let r = within("restore", text.len(), move || RESTORER.restore_text(&owned));
    check::restoration(text, &r)?;
    Ok(r)
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn ocr_noise(text in ocr_text()) {
        let r = restore_checked(&text);
        prop_assert!(r.is_ok(), "{}\ninput: {:?}", r.unwrap_err(), text);
    }

    #[test]
    fn arbitrary_strings(text in any_text()) {
        // as given, and NFC as the decoder would hand it over
        for t in [text.clone(), text.nfc().collect::<String>()] {
            let r = restore_checked(&t);
            prop_assert!(r.is_ok(), "{}\ninput: {:?}", r.unwrap_err(), t);
        }
    }
}
