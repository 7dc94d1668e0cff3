//! A 1 MB single line (generated, not committed): restored as one line, corrections replay,
//! and every figure and citation of it extracted with its offsets, by `extract` and `run`
//! alike, within a time that rules out anything worse than linear.

use super::{assert_replays, restore_cli};
use crate::common::{bin, read, MODEL};
use crate::fuzz::check;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use vnreport::Restorer;

/// About `bytes` of degraded OCR text on one line (sentences kept, newlines made spaces).
fn one_line(bytes: usize) -> String {
    let source =
        read("corpus/degraded/003_4df792cc80223c47.txt").split_whitespace().collect::<Vec<_>>().join(" ");
    let mut line = String::with_capacity(bytes + source.len());
    while line.len() < bytes {
        line.push_str(&source);
        line.push(' ');
    }
    line
}

#[test]
fn a_one_megabyte_line_is_restored_as_one_line() {
    let line = one_line(1 << 20);
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("long-line.txt");
    std::fs::write(&file, format!("{line}\n")).expect("write");
    let started = Instant::now();
    let run = restore_cli(&file, &[]);
    let took = started.elapsed();
    assert_replays(&file, &run, false);
    assert_eq!(run.stdout.matches('\n').count(), 1);
    assert!(run.stdout.starts_with("ỦY BAN NHÂN DÂN"), "{}", &run.stdout[..80]);
    assert!(run.corrections.as_ref().is_some_and(|c| c.len() > 10_000 && c.iter().all(|c| c.line == 1)));
    assert!(took < Duration::from_secs(120), "1 MB line took {took:?}");
    let r = Restorer::new(MODEL.clone()).restore_text(&line);
    check::restoration(&line, &r).expect("invariants");
    assert_eq!(r.text(), run.stdout.trim_end_matches('\n'));
}

/// Two figures with units, a citation and a stripped figure; each sentence ends with a period.
const UNIT: &str = "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%. Thực hiện Quyết định số 5085/QĐ-UBND \
    ngày 20/12/2023, các sở đã tiếp nhận 12.450 hồ sơ. Ty le ho so dung han dat 97,2%. ";

/// `vnreport ARGS` with its stdout in file `stdout`, killed and failed when it runs longer
/// than `limit`: a guard against a hang, far above what a linear pass takes.
fn within(args: &[&std::ffi::OsStr], stdout: &Path, limit: Duration) -> Vec<u8> {
    let sink = std::fs::File::create(stdout).expect("stdout file");
    let mut child =
        Command::new(bin()).args(args).stdout(sink).stderr(Stdio::piped()).spawn().expect("start");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("{args:?} ran past {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("output");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    std::fs::read(stdout).expect("stdout")
}

/// What `vnreport extract FILE` prints, kept in file `stdout`.
fn extract_json(file: &Path, stdout: &Path) -> Value {
    let out = within(&["extract".as_ref(), file.as_os_str()], stdout, Duration::from_secs(120));
    serde_json::from_slice(&out).expect("JSON")
}

/// An item of the `copy`-th repeat of the unit, with its offsets moved back to the first
/// repeat (char offsets by the unit's chars, file byte offsets by its bytes), and without them.
fn shifted(item: &Value, copy: i64) -> (Vec<i64>, Value) {
    let (chars, bytes) = (UNIT.chars().count() as i64, UNIT.len() as i64);
    let mut rest = item.clone();
    let keys = [
        ("start", chars),
        ("end", chars),
        ("restored_start", chars),
        ("restored_end", chars),
        ("file_start", chars),
        ("file_end", chars),
        ("byte_start", bytes),
        ("byte_end", bytes),
    ];
    let offsets = keys
        .iter()
        .map(|(k, unit)| {
            rest.as_object_mut().and_then(|o| o.remove(*k)).and_then(|v| v.as_i64()).expect(k) - copy * unit
        })
        .collect();
    (offsets, rest)
}

#[test]
fn every_figure_of_a_one_megabyte_line_is_extracted_in_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    // the pattern as three sentences on a line: the middle copy is the one to expect everywhere
    let short = dir.path().join("short.txt");
    std::fs::write(&short, format!("{}\n", UNIT.repeat(3))).expect("write");
    let short = extract_json(&short, &dir.path().join("short.json"));
    let per_copy = |v: &Value, key: &str| {
        let items = v[key].as_array().expect(key);
        assert_eq!(items.len() % 3, 0, "{key}: {items:?}");
        let n = items.len() / 3;
        items[n..2 * n].iter().map(|i| shifted(i, 1)).collect::<Vec<_>>()
    };
    let (figures, citations) = (per_copy(&short, "indicators"), per_copy(&short, "references"));
    assert_eq!((figures.len(), citations.len()), (3, 1), "{short}");
    assert_eq!(figures[2].1["value"], 97.2);

    let copies = (1 << 20) / UNIT.len() + 1;
    let input = dir.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    let file = dir.path().join("in").join("long.txt");
    std::fs::write(&file, format!("{}\n", UNIT.repeat(copies))).expect("write");
    let long = extract_json(&file, &dir.path().join("long.json"));
    for (key, expected) in [("indicators", &figures), ("references", &citations)] {
        let items = long[key].as_array().expect(key);
        assert_eq!(items.len(), copies * expected.len(), "{key}");
        for (k, item) in items.iter().enumerate() {
            let copy = (k / expected.len()) as i64;
            assert_eq!(shifted(item, copy), expected[k % expected.len()], "{key} {k} of copy {copy}");
        }
    }
    // `run` writes the same report
    let out = dir.path().join("out");
    within(
        &["run".as_ref(), input.as_os_str(), "--out".as_ref(), out.as_os_str(), "-q".as_ref()],
        &dir.path().join("run.out"),
        Duration::from_secs(120),
    );
    let ran: Value =
        serde_json::from_slice(&std::fs::read(out.join("long.json")).expect("json")).expect("JSON");
    for key in ["indicators", "references", "document", "restoration"] {
        assert_eq!(ran[key], long[key], "{key}");
    }
}

/// Every output of `vnreport restore` on `file` read in blocks of `block` bytes: the text,
/// the token records, the corrections and the decoding record.
fn restore_outputs(file: &Path, block: usize) -> [Vec<u8>; 4] {
    let dir = tempfile::tempdir().expect("tempdir");
    let [tokens, corrections, decoding] = ["t", "c", "d"].map(|n| dir.path().join(n));
    let out = Command::new(bin())
        .arg("restore")
        .arg(file)
        .args(["--block-bytes", &block.to_string(), "--tokens"])
        .arg(&tokens)
        .arg("--corrections")
        .arg(&corrections)
        .arg("--decoding")
        .arg(&decoding)
        .output()
        .expect("run vnreport");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    [
        out.stdout,
        std::fs::read(tokens).unwrap(),
        std::fs::read(corrections).unwrap(),
        std::fs::read(decoding).unwrap(),
    ]
}

#[test]
fn a_line_longer_than_a_block_gives_what_it_gives_whole() {
    use unicode_normalization::UnicodeNormalization;
    // OCR text decomposed (NFD, so decoding changes it too), in sentences on one line of about
    // 1 MB between two short lines: read in blocks of 128 and 48 KiB, the line is cut inside,
    // at sentence ends
    let line: String = one_line(1 << 20).nfd().collect();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("long-line.txt");
    std::fs::write(&file, format!("Báo cáo\n{line}\nHết.\n")).expect("write");
    let whole = restore_outputs(&file, 1 << 30);
    let (text, decoding) = (String::from_utf8_lossy(&whole[0]), String::from_utf8_lossy(&whole[3]));
    assert_eq!(text.lines().count(), 3);
    assert!(decoding.lines().count() > 1000 && decoding.lines().all(|l| l.contains("\"line\":2")));
    let names = ["text", "tokens", "corrections", "decoding"];
    let whole_json = extract_json_in_blocks(&file, 1 << 30);
    assert!(whole_json["indicators"].as_array().is_some_and(|a| a.len() > 1000), "{whole_json}");
    for block in [128 << 10, 48 << 10] {
        let pieces = restore_outputs(&file, block);
        for (k, name) in names.iter().enumerate() {
            assert!(pieces[k] == whole[k], "{name} in blocks of {block} bytes differ from the whole line's");
        }
        assert_eq!(extract_json_in_blocks(&file, block), whole_json, "extract in blocks of {block} bytes");
    }
}

/// What `vnreport extract FILE --block-bytes BLOCK` prints.
fn extract_json_in_blocks(file: &Path, block: usize) -> Value {
    let out = Command::new(bin())
        .arg("extract")
        .arg(file)
        .args(["--block-bytes", &block.to_string()])
        .output()
        .expect("run vnreport");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}
