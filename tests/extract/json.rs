//! The JSON output: parsed back into the typed structs, and valid against the schema.

use super::{corpus, corpus_file};
use crate::schema::Schema;
use serde_json::Value;
use vnreport::{build_report, to_json, Report, SourceInfo, SCHEMA_VERSION};
use vnreport::{extract, identity_restoration};

fn report(text: &str, path: &str) -> Report {
    let r = identity_restoration(text);
    let x = extract(&r);
    build_report(SourceInfo::new(path, text.as_bytes(), r.lines.len(), "utf-8"), &r, &x)
}

fn schema() -> Schema {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/vnreport.schema.json");
    Schema::parse(&std::fs::read_to_string(p).expect("schema file"))
}

#[test]
fn round_trip_and_schema() {
    let s = schema();
    let gold = std::fs::read_to_string(corpus("gold/003.dev.gold.txt")).expect("gold");
    for (text, path) in
        [(gold, "003.dev.gold.txt"), (corpus_file("clean", "004_"), "004.txt"), (String::new(), "-")]
    {
        let rep = report(&text, path);
        for pretty in [false, true] {
            let json = to_json(&rep, pretty);
            let back: Report = serde_json::from_str(&json).expect("parses back");
            assert_eq!(back, rep);
            let v: Value = serde_json::from_str(&json).expect("json");
            let errors = s.errors(&v);
            assert!(errors.is_empty(), "{errors:?}");
            for key in [
                "schema_version",
                "producer",
                "source",
                "document",
                "indicators",
                "references",
                "restoration",
            ] {
                assert!(v.get(key).is_some(), "{key}");
            }
        }
        assert_eq!(rep.schema_version, SCHEMA_VERSION);
        assert_eq!(rep.source.bytes, text.len() as u64);
        assert_eq!(rep.source.sha256.len(), 64);
    }
}

#[test]
fn schema_rejects_bad_output() {
    let s = schema();
    let rep = report("Chỉ số đạt 96,17%.", "x");
    let mut v: Value = serde_json::from_str(&to_json(&rep, false)).expect("json");
    assert!(s.is_valid(&v));
    assert_eq!(v["indicators"][0]["kind"], "percent");
    v["indicators"][0]["kind"] = Value::from("fraction");
    assert!(!s.is_valid(&v));
}

#[test]
fn sha256_of_known_bytes() {
    // sha256("abc")
    let s = SourceInfo::new("x", b"abc", 1, "utf-8");
    assert_eq!(s.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

#[test]
fn producer_names_the_tool_version_and_the_model() {
    let s = schema();
    let rep = report("Chỉ số đạt 96,17%.", "x");
    assert_eq!(rep.producer.tool_version, env!("CARGO_PKG_VERSION"));
    assert_eq!(rep.producer.model, None, "a report assembled without a model names none");
    let rep = rep.made_with(&crate::common::MODEL);
    let mut v: Value = serde_json::from_str(&to_json(&rep, false)).expect("json");
    assert!(s.is_valid(&v));
    assert_eq!(v["producer"]["model"], crate::common::MODEL.fingerprint());
    v["producer"]["model"] = Value::from("not hex");
    assert!(!s.is_valid(&v));
    // a report written before the producer was recorded still reads back, naming none
    let mut old: Value = serde_json::from_str(&to_json(&rep, false)).expect("json");
    old.as_object_mut().unwrap().remove("producer");
    let back: Report = serde_json::from_value(old).expect("reads back");
    assert_eq!(back.producer, Default::default());
}
