//! `vnreport run` end to end: good and broken files in one folder, output independent of
//! the thread count, `--resume`, and the CSV tables value by value.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const REPORT: &str = "ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH
Số: 125/BC-UBND
Nam Định, ngày 15 tháng 6 năm 2024

BÁO CÁO
Kết quả công tác cải cách hành chính 6 tháng đầu năm 2024

I. KẾT QUẢ THỰC HIỆN
1. Cải cách thủ tục hành chính
Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%, tăng 1,2% so với cùng kỳ năm 2023.
Thực hiện Quyết định số 5085/QĐ-UBND ngày 20/12/2023 của Ủy ban nhân dân tỉnh, các sở đã tiếp nhận 12.450 hồ sơ.
";

fn vnreport(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vnreport")).args(args).output().expect("the binary runs")
}

/// The first lines of the degraded report 003: real OCR that restoration changes.
fn ocr_excerpt() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/degraded/003_4df792cc80223c47.txt");
    let text = fs::read_to_string(path).expect("corpus/degraded/003 is in the repository");
    text.lines().take(15).map(|l| format!("{l}\n")).collect()
}

/// A folder with two good reports (one in a subfolder) and a file that is not `*.txt`.
fn good_folder(root: &Path) -> PathBuf {
    let input = root.join("in");
    fs::create_dir_all(input.join("sub")).unwrap();
    fs::write(input.join("bc.txt"), REPORT).unwrap();
    fs::write(input.join("sub/ocr.txt"), ocr_excerpt()).unwrap();
    fs::write(input.join("notes.md"), "not matched by the default glob\n").unwrap();
    input
}

/// Add a file that cannot be read. A file with mode 000 stops every user but root, and CI
/// runs the tests as root; when root can still read it, a dangling symbolic link takes its
/// place, which fails to open for every user. Returns the file's name.
fn add_unreadable(input: &Path) -> &'static str {
    let locked = input.join("locked.txt");
    fs::write(&locked, "Báo cáo\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        if fs::read(&locked).is_err() {
            return "locked.txt";
        }
        fs::remove_file(&locked).unwrap();
        std::os::unix::fs::symlink(input.join("missing-target"), input.join("dangling.txt")).unwrap();
        "dangling.txt"
    }
    #[cfg(not(unix))]
    {
        fs::remove_file(&locked).unwrap();
        fs::create_dir(input.join("folder.txt")).unwrap();
        fs::write(input.join("folder.txt/inner.bin"), "").unwrap();
        "folder.txt"
    }
}

fn summary(out: &Path) -> Vec<serde_json::Value> {
    fs::read_to_string(out.join("summary.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each summary line is JSON"))
        .collect()
}

/// All files under `dir` with their contents, sorted by path.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.strip_prefix(dir).unwrap().to_path_buf(), fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// A minimal RFC 4180 reader for the tables.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn broken_files_are_reported_and_the_others_processed() {
    let tmp = tempfile::tempdir().unwrap();
    let input = good_folder(tmp.path());
    fs::write(input.join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let unreadable = add_unreadable(&input);
    let out = tmp.path().join("out");
    let res = vnreport(&[Path::new("run"), &input, Path::new("--out"), &out]);
    assert_eq!(res.status.code(), Some(1), "some documents failed: exit 1");

    let lines = summary(&out);
    let names: Vec<String> = lines.iter().map(|l| l["path"].as_str().unwrap().to_string()).collect();
    let expected: Vec<String> = ["bc.txt", unreadable, "image.txt", "sub/ocr.txt"]
        .iter()
        .map(|n| input.join(n).display().to_string())
        .collect();
    let mut sorted_expected = expected.clone();
    sorted_expected.sort();
    assert_eq!(names, sorted_expected, "one line per matching file, in name order");

    let by_name = |n: &str| lines.iter().find(|l| l["path"] == input.join(n).display().to_string()).unwrap();
    for good in ["bc.txt", "sub/ocr.txt"] {
        let l = by_name(good);
        assert_eq!(l["status"], "ok");
        assert!(l["error"].is_null());
        assert!(l["tokens"].as_u64().unwrap() > 20);
    }
    assert!(by_name("sub/ocr.txt")["changed"].as_u64().unwrap() > 10, "the OCR excerpt is restored");
    let binary = by_name("image.txt");
    assert_eq!(binary["status"], "failed");
    assert!(binary["error"].as_str().unwrap().contains("binary"), "{binary}");
    let broken = by_name(unreadable);
    assert_eq!(broken["status"], "failed");
    assert!(broken["error"].as_str().unwrap().starts_with("cannot read"), "{broken}");

    // outputs of the good files, none for the broken ones or the unmatched notes.md
    let restored = fs::read_to_string(out.join("bc.restored.txt")).unwrap();
    assert_eq!(restored, REPORT, "correct text comes back unchanged");
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("bc.json")).unwrap()).unwrap();
    assert_eq!(json["document"]["number"], "125/BC-UBND");
    let n_indicators = json["indicators"].as_array().unwrap().len();
    assert!(n_indicators >= 2, "98,5% and 12.450 hồ sơ at least");
    assert_eq!(by_name("bc.txt")["indicators"], n_indicators, "summary counts the JSON's indicators");
    assert_eq!(json["source"]["path"], input.join("bc.txt").display().to_string());
    assert!(out.join("sub/ocr.restored.txt").is_file() && out.join("sub/ocr.json").is_file());
    let ocr_out = fs::read_to_string(out.join("sub/ocr.restored.txt")).unwrap();
    assert_eq!(ocr_out.lines().count(), 15, "line k out is line k in");
    assert!(!out.join("image.json").exists() && !out.join("notes.json").exists());
    let leftovers: Vec<_> =
        snapshot(&out).into_iter().filter(|(p, _)| p.to_string_lossy().ends_with(".tmp")).collect();
    assert!(leftovers.is_empty(), "no temporary files remain: {leftovers:?}");

    let stderr = String::from_utf8_lossy(&res.stderr);
    for bad in ["image.txt", unreadable] {
        assert!(stderr.contains(&input.join(bad).display().to_string()), "{bad} named on stderr: {stderr}");
    }
}

#[test]
fn output_is_the_same_on_one_and_two_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let input = good_folder(tmp.path());
    fs::write(input.join("bc2.txt"), REPORT.replace("98,5%", "97%")).unwrap();
    let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
    for (dir, n) in [(&one, "1"), (&two, "2")] {
        let res = vnreport(&[
            Path::new("run"),
            &input,
            Path::new("--out"),
            dir,
            Path::new("--threads"),
            Path::new(n),
        ]);
        assert_eq!(res.status.code(), Some(0), "{}", String::from_utf8_lossy(&res.stderr));
    }
    let (a, b) = (snapshot(&one), snapshot(&two));
    assert_eq!(
        a.len(),
        10,
        "3 documents × 2 outputs + 4 tables: {:?}",
        a.iter().map(|x| &x.0).collect::<Vec<_>>()
    );
    assert_eq!(a, b);
}

#[test]
fn resume_goes_by_content_and_leftovers_are_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let input = good_folder(tmp.path());
    let out = tmp.path().join("out");
    let args = [Path::new("run"), &input, Path::new("--out"), &out, Path::new("--resume")];
    assert_eq!(vnreport(&args[..4]).status.code(), Some(0));
    // a kill -9 mid-write leaves a temporary file of a process that is gone
    let leftover = out.join("sub/.ocr.json.4000000000.7.tmp");
    fs::write(&leftover, "half a report").unwrap();
    // same content, newer time: resumed; other content, older time: redone
    let bc = input.join("bc.txt");
    fs::write(&bc, fs::read(&bc).unwrap()).unwrap();
    let ocr = input.join("sub/ocr.txt");
    let changed = fs::read_to_string(&ocr).unwrap().replacen("a", "e", 1);
    fs::write(&ocr, changed).unwrap();
    assert!(Command::new("touch").args(["-d", "2001-01-01"]).arg(&ocr).status().unwrap().success());
    let res = vnreport(&args);
    assert_eq!(res.status.code(), Some(0));
    let lines = summary(&out);
    assert_eq!((lines[0]["resumed"].clone(), lines[1]["resumed"].clone()), (true.into(), false.into()));
    assert!(!leftover.exists(), "the leftover temporary file is removed");
    assert!(String::from_utf8_lossy(&res.stderr).contains("removed 1 temporary file"));
}

#[test]
fn a_run_with_nothing_to_do_or_into_its_input_is_refused_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let input = good_folder(tmp.path());
    let out = tmp.path().join("out");
    assert_eq!(vnreport(&[Path::new("run"), &input, Path::new("--out"), &out]).status.code(), Some(0));
    let tables = fs::read(out.join("indicators.csv")).unwrap();
    // a folder with no matching file: exit 2, the earlier tables stay
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let r = vnreport(&[Path::new("run"), &empty, Path::new("--out"), &out]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("no input file matches"));
    assert_eq!(fs::read(out.join("indicators.csv")).unwrap(), tables);
    // the output folder is the input folder: exit 2, nothing written there
    let r = vnreport(&[Path::new("run"), &input, Path::new("--out"), &input]);
    assert_eq!(r.status.code(), Some(2));
    assert!(!input.join("indicators.csv").exists());
}

#[test]
fn a_document_over_its_time_budget_fails_and_the_batch_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let input = good_folder(tmp.path());
    // 150,000 short lines: seconds of work (each word has many readings), where the two
    // reports take milliseconds
    fs::write(input.join("slow.txt"), "a b\n".repeat(150_000)).unwrap();
    let out = tmp.path().join("out");
    let budget = [Path::new("--time-budget"), Path::new("0.5")];
    let r = vnreport(&[&[Path::new("run"), &input, Path::new("--out"), &out], &budget[..]].concat());
    assert_eq!(r.status.code(), Some(1), "{}", String::from_utf8_lossy(&r.stderr));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(
        stderr.contains("slow.txt: stopped after") && stderr.contains("time budget of 0.5 s"),
        "{stderr}"
    );
    assert!(stderr.contains("3 documents: 2 ok (0 resumed), 1 failed"), "{stderr}");
    let lines = summary(&out);
    let status: Vec<(&str, &str)> =
        lines.iter().map(|l| (l["path"].as_str().unwrap(), l["status"].as_str().unwrap())).collect();
    assert_eq!(status.len(), 3);
    for (path, status) in status {
        assert_eq!(status, if path.ends_with("slow.txt") { "failed" } else { "ok" }, "{path}");
    }
    assert!(!out.join("slow.restored.txt").exists() && !out.join("slow.json").exists());
    assert!(out.join("bc.json").exists() && out.join("sub/ocr.json").exists());
    let documents = fs::read_to_string(out.join("documents.csv")).unwrap();
    assert!(documents.lines().any(|l| l.contains("slow.txt") && l.contains("time budget")), "{documents}");
    // a budget that is not a number of seconds is refused
    for bad in ["-1", "NaN", "inf", "ten"] {
        let r = vnreport(&[
            Path::new("run"),
            &input,
            Path::new("--out"),
            &out,
            Path::new("--time-budget"),
            Path::new(bad),
        ]);
        assert_eq!(r.status.code(), Some(2), "--time-budget {bad}");
    }
    // 0: no limit
    let r = vnreport(&[
        Path::new("run"),
        &input.join("bc.txt"),
        Path::new("--out"),
        &out,
        Path::new("--time-budget"),
        Path::new("0"),
    ]);
    assert_eq!(r.status.code(), Some(0));
}

#[test]
fn resume_skips_finished_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let input = good_folder(tmp.path());
    let out = tmp.path().join("out");
    let args = [Path::new("run"), &input, Path::new("--out"), &out, Path::new("--resume")];
    assert_eq!(vnreport(&args[..4]).status.code(), Some(0));
    let first_tables = fs::read(out.join("indicators.csv")).unwrap();
    let json_time = |n: &str| fs::metadata(out.join(n)).unwrap().modified().unwrap();
    let (bc_before, ocr_before) = (json_time("bc.json"), json_time("sub/ocr.json"));

    // a damaged output (here: a JSON that does not parse) is redone, the rest kept
    fs::write(out.join("sub/ocr.json"), "{\"half\":").unwrap();
    let res = vnreport(&args);
    assert_eq!(res.status.code(), Some(0));
    let lines = summary(&out);
    assert_eq!(lines[0]["resumed"], true);
    assert_eq!(lines[1]["resumed"], false);
    assert_eq!(json_time("bc.json"), bc_before, "finished work is not redone");
    assert_ne!(json_time("sub/ocr.json"), ocr_before);
    assert_eq!(
        fs::read(out.join("indicators.csv")).unwrap(),
        first_tables,
        "tables include resumed documents"
    );

    // an input newer than its outputs is redone
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(input.join("bc.txt"), REPORT.replace("98,5%", "99%")).unwrap();
    assert_eq!(vnreport(&args).status.code(), Some(0));
    let lines = summary(&out);
    assert_eq!((lines[0]["resumed"].clone(), lines[1]["resumed"].clone()), (false.into(), true.into()));
    assert!(fs::read_to_string(out.join("bc.restored.txt")).unwrap().contains("99%"));
}

#[test]
fn csv_tables_have_their_headers_and_values() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("bc.txt");
    fs::write(&input, REPORT).unwrap();
    let out = tmp.path().join("out");
    let res = vnreport(&[Path::new("run"), &input, Path::new("--out"), &out, Path::new("--quiet")]);
    assert_eq!(res.status.code(), Some(0));
    assert!(res.stderr.is_empty(), "--quiet prints nothing: {}", String::from_utf8_lossy(&res.stderr));
    let path = input.display().to_string();

    let rows = parse_csv(&fs::read_to_string(out.join("indicators.csv")).unwrap());
    assert_eq!(
        rows[0],
        [
            "path",
            "document_number",
            "document_date",
            "line",
            "start",
            "end",
            "raw",
            "value",
            "total",
            "unit",
            "base_value",
            "base_unit",
            "kind",
            "subject",
            "section",
            "comparison",
            "confidence",
            "context",
            "restored_start",
            "restored_end",
            "role",
            "direction",
            "change",
            "period",
            "measure",
            "checks"
        ]
    );
    let row = &rows[1];
    assert_eq!(
        row[..13],
        [
            path.as_str(),
            "125/BC-UBND",
            "2024-06-15",
            "10",
            "36",
            "41",
            "98,5%",
            "98.5",
            "",
            "%",
            "98.5",
            "%",
            "percent"
        ]
    );
    assert_eq!(row[14], "I.1");
    assert_eq!(row[17], "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%, tăng 1,2% so với cùng kỳ năm 2023.");
    // the rest as in the document's JSON
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("bc.json")).unwrap()).unwrap();
    let ind = &json["indicators"][0];
    assert_eq!(row[13], ind["subject"].as_str().unwrap());
    assert_eq!(row[15], ind["comparison"].as_str().unwrap_or(""));
    assert_eq!(row[16].parse::<f64>().unwrap(), ind["confidence"].as_f64().unwrap());
    assert_eq!(rows.len() - 1, json["indicators"].as_array().unwrap().len());
    assert_eq!(row[18], ind["restored_start"].to_string());
    assert_eq!(row[19], ind["restored_end"].to_string());

    let rows = parse_csv(&fs::read_to_string(out.join("references.csv")).unwrap());
    assert_eq!(
        rows[0],
        [
            "path",
            "document_number",
            "document_date",
            "line",
            "start",
            "end",
            "raw",
            "type",
            "number",
            "date",
            "issuer"
        ]
    );
    let cited = rows.iter().find(|r| r[8] == "5085/QĐ-UBND").expect("the cited decision is a row");
    assert_eq!(
        cited[..11],
        [
            path.as_str(),
            "125/BC-UBND",
            "2024-06-15",
            "11",
            "10",
            // the span holds the whole citation, as `raw` does: 10 + 42 chars
            "52",
            "Quyết định số 5085/QĐ-UBND ngày 20/12/2023",
            "Quyết định",
            "5085/QĐ-UBND",
            "2023-12-20",
            "Ủy ban nhân dân tỉnh"
        ]
    );
}

#[test]
fn usage_errors_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let res = vnreport(&[Path::new("run"), tmp.path()]);
    assert_eq!(res.status.code(), Some(2), "--out is required");
    let file = tmp.path().join("f");
    fs::write(&file, "x").unwrap();
    let res = vnreport(&[Path::new("run"), tmp.path(), Path::new("--out"), &file]);
    assert_eq!(res.status.code(), Some(2), "--out must be a folder");
    let res = vnreport(&[
        Path::new("run"),
        tmp.path(),
        Path::new("--out"),
        tmp.path(),
        Path::new("--threads"),
        Path::new("0"),
    ]);
    assert_eq!(res.status.code(), Some(2));
}
mod stream;
mod tables;
