//! Fuzz target `extract`: arbitrary and report-like text through restore → extract → report
//! JSON; spans must lie within their lines and point at `raw`.

use super::gen::{any_text, report_text};
use super::restore::restore_checked;
use super::watchdog::within;
use super::{check, config};
use proptest::prelude::*;
use vnreport::Restoration;
use vnreport::{build_report, to_json, SourceInfo};
use vnreport::{extract, identity_restoration};

/// Extract from `r`, build the report and its JSON, and check them against `r`.
fn extract_checked(text: &str, r: Restoration) -> Result<(), String> {
    let bytes = text.as_bytes().to_vec();
    let (r, x, json) = within("extract", text.len(), move || {
        let x = extract(&r);
        let source = SourceInfo::new("fuzz.txt", &bytes, r.lines.len(), "utf-8");
        let report = build_report(source, &r, &x);
        let json = to_json(&report, false);
        (r, x, json)
    });
    check::extraction(&r, &x)?;
    let v: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| format!("report JSON does not parse: {e}"))?;
    let count = |k: &str| v[k].as_array().map_or(usize::MAX, Vec::len);
    if count("indicators") != x.indicators.len() || count("references") != x.references.len() {
        return Err(format!("report JSON lost items: {json}"));
    }
    if v["source"]["lines"].as_u64() != Some(r.lines.len() as u64) {
        return Err(format!("report JSON line count {} for {} lines", v["source"]["lines"], r.lines.len()));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn report_like(text in report_text()) {
        let r = restore_checked(&text);
        prop_assert!(r.is_ok(), "{}\ninput: {:?}", r.as_ref().unwrap_err(), text);
        let x = extract_checked(&text, r.unwrap());
        prop_assert!(x.is_ok(), "{}\ninput: {:?}", x.unwrap_err(), text);
        let x = extract_checked(&text, identity_restoration(&text));
        prop_assert!(x.is_ok(), "identity: {}\ninput: {:?}", x.unwrap_err(), text);
    }

    #[test]
    fn arbitrary_text(text in any_text()) {
        let x = extract_checked(&text, identity_restoration(&text));
        prop_assert!(x.is_ok(), "identity: {}\ninput: {:?}", x.unwrap_err(), text);
        let r = restore_checked(&text);
        prop_assert!(r.is_ok(), "{}\ninput: {:?}", r.as_ref().unwrap_err(), text);
        let x = extract_checked(&text, r.unwrap());
        prop_assert!(x.is_ok(), "{}\ninput: {:?}", x.unwrap_err(), text);
    }
}
