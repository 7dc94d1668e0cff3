//! The review page (`vnreport review`, `run --review`): the data it embeds is the document's
//! every input and restored line and parses as JSON, no document text can end its script
//! block, and a batch writes one page per document.

use crate::common::{bin, repo};
use serde_json::Value;
use std::fs;
use std::path::Path;
use std::process::Command;
use vnreport::split_lines;
use vnreport::{decode, DecodeOptions};

const R003: &str = "corpus/degraded/003_4df792cc80223c47.txt";
const DATA_OPEN: &str = "<script type=\"application/json\" id=\"data\">";

/// The JSON of a page's data block, which ends at the first `</script>` after it.
fn page_data(page: &str) -> Value {
    let start = page.find(DATA_OPEN).expect("a data block") + DATA_OPEN.len();
    let end = start + page[start..].find("</script>").expect("the data block ends");
    serde_json::from_str(&page[start..end]).expect("the data block parses as JSON")
}

fn run(args: &[&str]) -> std::process::Output {
    let out = Command::new(bin()).args(args).output().expect("the binary runs");
    assert!(out.status.success(), "vnreport {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// The lines of a file as vnreport reads them (decoded, NFC, classic tone placement).
fn decoded_lines(path: &Path) -> Vec<String> {
    let decoded = decode(&fs::read(path).unwrap(), &DecodeOptions::default()).unwrap();
    split_lines(&decoded.text).iter().map(|l| l.content.to_string()).collect()
}

/// Check a page's data against the input file and the restored text `vnreport restore`
/// prints: same lines, in order, and tokens whose spans lie in their lines, in order.
fn check_page(page: &str, input: &Path, restored: &str) {
    let data = page_data(page);
    let lines = data["lines"].as_array().expect("lines");
    let inputs = decoded_lines(input);
    let outputs: Vec<&str> = split_lines(restored).iter().map(|l| l.content).collect();
    assert_eq!(lines.len(), inputs.len(), "one entry per input line");
    assert_eq!(data["report"]["source"]["lines"], inputs.len());
    for (k, line) in lines.iter().enumerate() {
        assert_eq!(line["ocr"], inputs[k].as_str(), "input line {}", k + 1);
        assert_eq!(line["out"], outputs[k], "restored line {}", k + 1);
        let (ocr_len, out_len) = (inputs[k].chars().count() as u64, outputs[k].chars().count() as u64);
        let mut last = (0, 0);
        for t in line["t"].as_array().unwrap() {
            let n = |i: usize| t[i].as_u64().unwrap();
            assert!(n(0) >= last.0 && n(0) < n(1) && n(1) <= ocr_len, "line {}: {t}", k + 1);
            assert!(n(2) >= last.1 && n(2) <= n(3) && n(3) <= out_len, "line {}: {t}", k + 1);
            assert_ne!(t[4], "space", "spaces are left out");
            let c = t[5].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&c), "confidence {c}");
            last = (n(1), n(3));
        }
    }
}

#[test]
fn page_of_003_holds_every_input_and_restored_line() {
    let dir = tempfile::tempdir().unwrap();
    let page_path = dir.path().join("003.html");
    let input = repo(R003);
    let input_s = input.to_str().unwrap();
    run(&["review", input_s, "-o", page_path.to_str().unwrap()]);
    let restored = String::from_utf8(run(&["restore", input_s]).stdout).unwrap();
    let page = fs::read_to_string(&page_path).unwrap();
    check_page(&page, &input, &restored);
    assert!(!page.contains("http://") && !page.contains("https://"), "nothing fetched from the network");
    assert!(!page.contains(" src="), "no external script or image");
    let data = page_data(&page);
    let lines = data["lines"].as_array().unwrap();
    assert!(lines.len() > 500);
    // the document's data is there, pointing into its lines
    let indicators = data["report"]["indicators"].as_array().unwrap();
    let references = data["report"]["references"].as_array().unwrap();
    assert!(indicators.len() > 20 && references.len() > 10, "003 cites and counts");
    for (k, item) in indicators.iter().chain(references).enumerate() {
        let line = &lines[item["line"].as_u64().unwrap() as usize - 1];
        let at = |key: &str| item[key].as_u64().unwrap() as usize;
        let (ocr, out) = (line["ocr"].as_str().unwrap(), line["out"].as_str().unwrap());
        assert!(at("start") < at("end") && at("end") <= ocr.chars().count(), "{item}");
        assert!(at("restored_start") < at("restored_end") && at("restored_end") <= out.chars().count());
        if k < indicators.len() {
            // an indicator's raw is its restored text
            let span = at("restored_end") - at("restored_start");
            let restored: String = out.chars().skip(at("restored_start")).take(span).collect();
            assert_eq!(restored, item["raw"].as_str().unwrap());
        }
    }
    // doubtful words exist to be proof-read: some tokens are less than sure and have readings
    let unsure = lines
        .iter()
        .flat_map(|l| l["t"].as_array().unwrap())
        .filter(|t| t[5].as_f64().unwrap() < 0.9 && t[6].as_array().unwrap().len() >= 2)
        .count();
    assert!(unsure > 50, "{unsure} unsure words with alternatives");
}

#[test]
fn text_that_ends_a_script_cannot_leave_the_data_block() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "Bao cao </script><script>document.title='x'</script> ket qua\n\
                   <!-- <script> </SCRIPT> \u{2028} & \"quote\" \\ \n\
                   Ty le dat 98,5%.\n";
    let input = dir.path().join("hostile.txt");
    fs::write(&input, hostile).unwrap();
    let page_path = dir.path().join("hostile.html");
    run(&["review", input.to_str().unwrap(), "-o", page_path.to_str().unwrap()]);
    let page = fs::read_to_string(&page_path).unwrap();
    let restored = String::from_utf8(run(&["restore", input.to_str().unwrap()]).stdout).unwrap();
    check_page(&page, &input, &restored);
    let data = page_data(&page);
    assert_eq!(data["lines"][0]["ocr"], "Bao cao </script><script>document.title='x'</script> ket qua");
    assert_eq!(data["lines"][1]["ocr"], "<!-- <script> </SCRIPT> \u{2028} & \"quote\" \\ ");
    // the page's own two script blocks are the only ones
    let lower = page.to_ascii_lowercase();
    assert_eq!(lower.matches("<script").count(), 2);
    assert_eq!(lower.matches("</script").count(), 2);
    assert!(!page.contains("<!--"));
}

#[test]
fn run_review_writes_one_page_per_document() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(input.join("sub")).unwrap();
    let ocr: String =
        fs::read_to_string(repo(R003)).unwrap().lines().take(40).map(|l| l.to_string() + "\n").collect();
    fs::write(input.join("a.txt"), &ocr).unwrap();
    fs::write(input.join("sub/b.v2.txt"), "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%.\n").unwrap();
    let out = dir.path().join("out");
    let (inp, o) = (input.to_str().unwrap(), out.to_str().unwrap());
    // without --review, no page; a later --resume --review redoes the documents to add them
    run(&["run", "--quiet", "--out", o, inp]);
    assert!(!out.join("a.review.html").exists());
    run(&["run", "--quiet", "--resume", "--review", "--out", o, inp]);
    let mut pages: Vec<String> = walk(&out).into_iter().filter(|p| p.ends_with(".review.html")).collect();
    pages.sort();
    assert_eq!(pages, ["a.review.html", "sub/b.v2.review.html"]);
    for (page, source) in [("a", "a.txt"), ("sub/b.v2", "sub/b.v2.txt")] {
        let html = fs::read_to_string(out.join(format!("{page}.review.html"))).unwrap();
        let restored = fs::read_to_string(out.join(format!("{page}.restored.txt"))).unwrap();
        check_page(&html, &input.join(source), &restored);
        let report: Value =
            serde_json::from_str(&fs::read_to_string(out.join(format!("{page}.json"))).unwrap()).unwrap();
        assert_eq!(page_data(&html)["report"], report, "{page}: the page carries the document's report");
    }
    assert!(walk(&out).iter().all(|p| !p.ends_with(".tmp")), "no temporary file left");
}

/// Files under `root`, as paths relative to it with '/'.
fn walk(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.push(rel);
            }
        }
    }
    out
}
