//! The `restore` and `eval` commands as a user runs them.

use crate::common::{bin, repo};
use std::process::Command;

#[test]
fn restore_prints_one_line_per_input_line_and_writes_corrections() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corr = dir.path().join("c.jsonl");
    let input = repo("corpus/gold/003.dev.ocr.txt");
    let out =
        Command::new(bin()).arg("restore").arg(&input).arg("--corrections").arg(&corr).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("utf-8 output");
    let src = std::fs::read_to_string(&input).expect("input");
    assert_eq!(text.lines().count(), src.lines().count());
    assert!(text.starts_with(" ỦY BAN NHÂN DÂN"), "{}", &text[..60]);
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct C {
        line: usize,
        start: usize,
        end: usize,
        from: String,
        to: String,
        confidence: f32,
    }
    let rows: Vec<C> = std::fs::read_to_string(&corr)
        .expect("corrections")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a correction object"))
        .collect();
    assert!(rows.len() > 2000, "{} corrections", rows.len());
    let first = &rows[0];
    assert_eq!(
        (first.line, first.start, first.end, first.from.as_str(), first.to.as_str()),
        (1, 1, 3, "UY", "ỦY")
    );
    assert!(rows.iter().all(|c| (0.0..=1.0).contains(&c.confidence)));
}

#[test]
fn errors_are_one_line_naming_the_file() {
    let out = Command::new(bin()).args(["restore", "/no/such/file.txt"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("/no/such/file.txt") && err.contains("cannot read"), "{err}");
    let dir = tempfile::tempdir().expect("tempdir");
    let binary = dir.path().join("b.txt");
    std::fs::write(&binary, b"abc\0def").expect("write");
    let out = Command::new(bin()).arg("restore").arg(&binary).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("binary file"));
}

#[test]
fn restore_reads_stdin_and_legacy_encodings() {
    use std::io::Write;
    let mut child = Command::new(bin())
        .args(["restore", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().expect("stdin").write_all("KET QUA THUC HIEN\n".as_bytes()).expect("write");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "KẾT QUẢ THỰC HIỆN\n");
    let out = Command::new(bin())
        .arg("restore")
        .arg(repo("tests/data/encodings/000.tcvn3.txt"))
        .output()
        .expect("run");
    assert!(out.status.success());
    let expected =
        std::fs::read_to_string(repo("tests/data/encodings/000.tcvn3.expected.txt")).expect("expected");
    let got = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(got.lines().count(), expected.lines().count());
}

#[test]
fn eval_agrees_with_the_metric_on_the_raw_ocr() {
    let out = Command::new(bin())
        .arg("eval")
        .arg("--gold")
        .arg(repo("corpus/gold/003.dev.gold.txt"))
        .arg("--hyp")
        .arg(repo("corpus/gold/003.dev.ocr.txt"))
        .arg("--skip")
        .arg(repo("corpus/gold/003.dev.uncertain.tsv"))
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    // score.py on the same files prints gold_words 3219 and word_acc 0.1569
    assert!(text.contains("gold_words: 3219") && text.contains("word_acc: 0.1569"), "{text}");
}

/// What `vnreport eval ARGS` prints, as (name, value) pairs.
fn eval_figures(args: &[&std::ffi::OsStr]) -> Vec<(String, String)> {
    let out = Command::new(bin()).arg("eval").args(args).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once(": ").map(|(k, v)| (k.to_string(), v.to_string())))
        .collect()
}

#[test]
fn eval_scores_a_text_of_many_blocks_as_the_whole_restored_text() {
    // the dev half twenty times over (330 KB, three blocks and more), its gold alike but for a
    // last line without its line end, and some lines left out
    let dir = tempfile::tempdir().expect("tempdir");
    let [input, gold, skip, restored] =
        ["in.txt", "gold.txt", "skip.tsv", "restored.txt"].map(|n| dir.path().join(n));
    let ocr = std::fs::read_to_string(repo("corpus/gold/003.dev.ocr.txt")).unwrap().repeat(20);
    let gold_text = std::fs::read_to_string(repo("corpus/gold/003.dev.gold.txt")).unwrap().repeat(20);
    assert!(ocr.len() > 2 * vnreport::DEFAULT_BLOCK_BYTES);
    std::fs::write(&input, &ocr).unwrap();
    std::fs::write(&gold, gold_text.trim_end()).unwrap();
    std::fs::write(&skip, "3\tx\n1000\ty\n2000\tz\n").unwrap();
    let out = Command::new(bin()).arg("restore").arg(&input).output().expect("run");
    assert!(out.status.success());
    std::fs::write(&restored, &out.stdout).unwrap();
    let (gold, skip) = (gold.as_os_str(), skip.as_os_str());
    let streamed = eval_figures(&[
        "--gold".as_ref(),
        gold,
        "--input".as_ref(),
        input.as_os_str(),
        "--skip".as_ref(),
        skip,
    ]);
    let whole = eval_figures(&[
        "--gold".as_ref(),
        gold,
        "--hyp".as_ref(),
        restored.as_os_str(),
        "--skip".as_ref(),
        skip,
    ]);
    let of_input = eval_figures(&[
        "--gold".as_ref(),
        gold,
        "--hyp".as_ref(),
        input.as_os_str(),
        "--skip".as_ref(),
        skip,
    ]);
    let get = |v: &[(String, String)], k: &str| v.iter().find(|p| p.0 == k).map(|p| p.1.clone()).expect(k);
    for key in ["lines", "gold_words", "word_acc", "char_acc"] {
        assert_eq!(get(&streamed, key), get(&whole, key), "{key}");
    }
    assert_eq!(get(&streamed, "input_word_acc"), get(&of_input, "word_acc"));
    assert_eq!(get(&streamed, "input_char_acc"), get(&of_input, "char_acc"));
    // every gold line but the three left out
    let gold_lines = gold_text.trim_end().split('\n').count();
    assert_eq!(get(&streamed, "lines"), (gold_lines - 3).to_string());
}
