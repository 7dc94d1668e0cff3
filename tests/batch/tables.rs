//! The batch tables across runs: rebuilt from every report under --out, documents.csv, the
//! default glob's case, --excel, and --resume going by the producer a report records.

use super::{good_folder, parse_csv, summary, vnreport, REPORT};
use std::fs;
use std::path::Path;

fn run(args: &[&Path]) {
    let mut all = vec![Path::new("run")];
    all.extend_from_slice(args);
    let res = vnreport(&all);
    assert!(res.status.code() == Some(0), "{}", String::from_utf8_lossy(&res.stderr));
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn table(path: &Path) -> Vec<Vec<String>> {
    parse_csv(&fs::read_to_string(path).unwrap())
}

#[test]
fn runs_folder_by_folder_into_one_out_keep_every_document() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    fs::create_dir(&a).unwrap();
    fs::write(a.join("bc.txt"), REPORT).unwrap();
    fs::write(a.join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let b = tmp.path().join("b");
    fs::create_dir_all(b.join("q1")).unwrap();
    fs::write(b.join("q1/kh.txt"), REPORT.replace("125/BC-UBND", "7/KH-UBND")).unwrap();
    let out = tmp.path().join("out");
    let res = vnreport(&[Path::new("run"), &a, Path::new("--out"), &out]);
    assert_eq!(res.status.code(), Some(1), "image.txt fails");
    run(&[&b, Path::new("--out"), &out]);

    let docs = table(&out.join("documents.csv"));
    assert_eq!(docs[0][..3], ["path", "status", "number"]);
    let paths: Vec<&str> = docs[1..].iter().map(|r| r[0].as_str()).collect();
    let name = |p: &Path| p.display().to_string();
    assert_eq!(paths, [name(&a.join("bc.txt")), name(&a.join("image.txt")), name(&b.join("q1/kh.txt"))]);
    assert_eq!(docs[1][1], "ok");
    assert_eq!(docs[2][1], "failed", "the failure of the first run is kept");
    assert!(docs[2][14].contains("binary"), "{:?}", docs[2]);
    assert_eq!(docs[3][2], "7/KH-UBND");

    let indicators = table(&out.join("indicators.csv"));
    let numbers: Vec<&str> = indicators[1..].iter().map(|r| r[1].as_str()).collect();
    assert!(numbers.contains(&"125/BC-UBND") && numbers.contains(&"7/KH-UBND"), "{numbers:?}");
    let refs = table(&out.join("references.csv"));
    assert!(refs[1..].iter().any(|r| r[1] == "125/BC-UBND") && refs[1..].iter().any(|r| r[1] == "7/KH-UBND"));
    let lines = summary(&out);
    assert_eq!(lines.len(), 3);
    assert_eq!((lines[0]["resumed"].clone(), lines[2]["resumed"].clone()), (true.into(), false.into()));
    assert_eq!(lines[2]["json"], "q1/kh.json");

    // a JSON file that is not a report is left out, and said so
    fs::write(out.join("notes.json"), "{\"mine\": 1}").unwrap();
    let res = vnreport(&[Path::new("run"), &b, Path::new("--out"), &out]);
    assert_eq!(res.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&res.stderr).contains("not vnreport reports"));
    assert_eq!(table(&out.join("documents.csv")).len(), 4);
}

#[test]
fn documents_csv_has_one_row_per_document_with_its_record() {
    let tmp = tempfile::tempdir().unwrap();
    let input = good_folder(tmp.path());
    let out = tmp.path().join("out");
    run(&[&input, Path::new("--out"), &out]);
    let rows = table(&out.join("documents.csv"));
    assert_eq!(
        rows[0],
        [
            "path",
            "status",
            "number",
            "type",
            "date",
            "issuer",
            "title",
            "period",
            "signer",
            "tokens",
            "changed",
            "mean_confidence",
            "indicators",
            "references",
            "error",
            "json",
            "tool_version",
            "model"
        ]
    );
    assert_eq!(rows.len(), 3, "bc.txt and sub/ocr.txt");
    let report = json(&out.join("bc.json"));
    let row = &rows[1];
    assert_eq!(row[0], input.join("bc.txt").display().to_string());
    assert_eq!(row[1], "ok");
    for (col, key) in [(2, "number"), (4, "date"), (5, "issuer"), (6, "title"), (7, "period"), (8, "signer")]
    {
        assert_eq!(row[col], report["document"][key].as_str().unwrap_or(""), "{key}");
    }
    assert_eq!(row[2], "125/BC-UBND");
    assert_eq!(row[9], report["restoration"]["tokens"].to_string());
    assert_eq!(row[10], report["restoration"]["changed"].to_string());
    assert_eq!(row[11].parse::<f64>().unwrap(), report["restoration"]["mean_confidence"].as_f64().unwrap());
    assert_eq!(row[12], report["indicators"].as_array().unwrap().len().to_string());
    assert_eq!(row[13], report["references"].as_array().unwrap().len().to_string());
    assert_eq!((row[14].as_str(), row[15].as_str()), ("", "bc.json"));
    assert_eq!(row[16], env!("CARGO_PKG_VERSION"));
    assert_eq!(row[17], crate::common::MODEL.fingerprint());
    assert_eq!(rows[2][15], "sub/ocr.json");
}

#[test]
fn resume_redoes_documents_of_another_model_only() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(input.join("bc.txt"), REPORT).unwrap();
    let model = tmp.path().join("model");
    fs::create_dir(&model).unwrap();
    fs::write(model.join("clean.txt"), REPORT).unwrap();
    let out = tmp.path().join("out");
    run(&[&input, Path::new("--out"), &out]);
    let first = json(&out.join("bc.json"));
    let shipped = crate::common::MODEL.fingerprint();
    assert_eq!(first["producer"]["model"], shipped);
    assert_eq!(first["producer"]["tool_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(shipped.len(), 16);
    assert!(shipped.chars().all(|c| c.is_ascii_hexdigit()));

    let with_model = [&input, Path::new("--out"), &out, Path::new("--resume"), Path::new("--model"), &model];
    run(&with_model);
    assert_eq!(summary(&out)[0]["resumed"], false, "another model: redone");
    let second = json(&out.join("bc.json"));
    let user = second["producer"]["model"].as_str().unwrap().to_string();
    assert_ne!(user, shipped);
    let expected = vnreport::Model::from_path(&model, vnreport::Combine::Add).unwrap();
    assert_eq!(user, expected.fingerprint());

    let modified = fs::metadata(out.join("bc.json")).unwrap().modified().unwrap();
    run(&with_model);
    assert_eq!(summary(&out)[0]["resumed"], true, "same model: skipped");
    assert_eq!(fs::metadata(out.join("bc.json")).unwrap().modified().unwrap(), modified);
    assert_eq!(json(&out.join("bc.json"))["producer"]["model"], user.as_str());

    // a report that records another vnreport version is redone too
    let edited = fs::read_to_string(out.join("bc.json")).unwrap().replace(
        &format!("\"tool_version\": \"{}\"", env!("CARGO_PKG_VERSION")),
        "\"tool_version\": \"0.0.1\"",
    );
    fs::write(out.join("bc.json"), edited).unwrap();
    run(&with_model);
    assert_eq!(summary(&out)[0]["resumed"], false, "another version: redone");
    assert_eq!(json(&out.join("bc.json"))["producer"]["tool_version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn the_default_glob_takes_upper_case_txt_and_given_globs_keep_case() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    for f in ["A.TXT", "b.txt", "c.Txt", "d.md"] {
        fs::write(input.join(f), REPORT).unwrap();
    }
    let out = tmp.path().join("out");
    run(&[&input, Path::new("--out"), &out]);
    let names: Vec<String> = summary(&out).iter().map(|l| l["json"].as_str().unwrap().to_string()).collect();
    assert_eq!(names, ["A.json", "b.json", "c.json"]);
    let only = tmp.path().join("only");
    run(&[&input, Path::new("--out"), &only, Path::new("--glob"), Path::new("*.txt")]);
    assert_eq!(summary(&only).len(), 1);
}

#[test]
fn excel_tables_start_with_a_byte_order_mark_and_others_do_not() {
    let tmp = tempfile::tempdir().unwrap();
    let input = good_folder(tmp.path());
    let (plain, excel) = (tmp.path().join("plain"), tmp.path().join("excel"));
    run(&[&input, Path::new("--out"), &plain]);
    run(&[&input, Path::new("--out"), &excel, Path::new("--excel")]);
    for t in ["indicators.csv", "references.csv", "documents.csv"] {
        let (p, e) = (fs::read(plain.join(t)).unwrap(), fs::read(excel.join(t)).unwrap());
        assert_eq!(&e[..3], b"\xEF\xBB\xBF", "{t}");
        assert_eq!(&p[..4], b"path", "{t}: no byte order mark without --excel");
        assert_eq!(&e[3..], &p[..], "{t}: the same table after the mark");
    }
    assert_eq!(
        fs::read(plain.join("summary.jsonl")).unwrap(),
        fs::read(excel.join("summary.jsonl")).unwrap()
    );
}
