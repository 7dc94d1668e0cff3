//! Endless and binary input: `restore` checks the first 64 KB before reading on, so
//! /dev/zero-like or random input fails at once from a pipe or a FIFO, and endless text is
//! restored as it arrives (block by block) instead of being read to its end first. Decoding
//! changes (`--decoding`) and corrections replay to the output across blocks. `extract`, which
//! holds the whole text, stops at `--max-bytes`.

use super::replay;
use crate::common::{bin, spawn_piped};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use vnreport::Correction;
use vnreport::{apply_changes, DecodingChange};

/// Feed `chunk` to `restore -` over and over until it stops reading; its exit code and
/// stderr, and how long it took.
fn feed_forever(chunk: &[u8]) -> (Option<i32>, String, Duration) {
    let start = Instant::now();
    let mut child = spawn_piped(&["restore", "-"]);
    let mut stdin = child.stdin.take().unwrap();
    let mut written = 0usize;
    while stdin.write_all(chunk).is_ok() {
        written += chunk.len();
        assert!(written < 1 << 30, "restore read 1 GB of endless input");
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned(), start.elapsed())
}

#[test]
fn endless_zeros_and_random_bytes_fail_at_once() {
    let (code, stderr, took) = feed_forever(&[0u8; 65536]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("binary file, skipped (NUL byte at offset 0)"), "{stderr}");
    assert!(took < Duration::from_secs(20), "{took:?}");
    // no NUL, not UTF-8, no legacy table fits
    let noise: Vec<u8> = (0..65536u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8 | 0x80).collect();
    let (code, stderr, _) = feed_forever(&noise);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("invalid UTF-8 at byte offset 0"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_fifo_of_zeros_fails_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("zeros.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut f = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
            let mut n = 0usize;
            while f.write_all(&[0u8; 65536]).is_ok() && n < 1 << 30 {
                n += 65536;
            }
            n
        })
    };
    let out = Command::new(bin()).arg("restore").arg(&fifo).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("binary file, skipped"));
    assert!(writer.join().unwrap() < 1 << 30);
}

#[test]
fn endless_text_is_restored_as_it_arrives() {
    let mut child = Command::new(bin())
        .args(["restore", "-", "--block-bytes", "65536"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        // 400 KB of text, then the input stays open until the test has seen output
        let line = "Ủy ban nhan dan thanh pho bao cao ket qua.\n";
        for _ in 0..10_000 {
            if stdin.write_all(line.as_bytes()).is_err() {
                return;
            }
        }
        std::thread::sleep(Duration::from_secs(60));
    });
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(first.starts_with("Ủy ban nhân dân thành phố"), "{first:?}");
    // output came while the input was still open
    assert!(!feeder.is_finished());
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn extract_caps_endless_text_with_max_bytes() {
    let mut child = spawn_piped(&["extract", "-", "--max-bytes", "100000"]);
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let mut n = 0usize;
        while stdin.write_all(b"a b\n").is_ok() && n < 1 << 30 {
            n += 4;
        }
        n
    });
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("longer than --max-bytes 100000"));
    assert!(out.stdout.is_empty());
    assert!(feeder.join().unwrap() < 1 << 30);
}

fn read_jsonl<T: serde::de::DeserializeOwned>(path: &std::path::Path) -> Vec<T> {
    std::fs::read_to_string(path).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn decoding_changes_then_corrections_replay_from_the_file_text() {
    use unicode_normalization::UnicodeNormalization;
    let base = "Uỷ ban nhan dan tinh Hoà Bình\r\nKết qua thuỷ lợi: hoà thành 95%.\n\nthuỷ  hoá\tkhoẻ\rcuối\n";
    // NFD on some lines, modern tone placement everywhere
    let mut text = String::new();
    for (i, line) in base.repeat(300).split_inclusive('\n').enumerate() {
        if i % 3 == 0 {
            text.extend(line.nfd());
        } else {
            text.push_str(line);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("in.txt");
    std::fs::write(&file, &text).unwrap();
    for block in ["4096", "16777216"] {
        let (dec, corr) = (dir.path().join("d.jsonl"), dir.path().join("c.jsonl"));
        let out = Command::new(bin())
            .arg("restore")
            .arg(&file)
            .args(["--block-bytes", block, "--decoding"])
            .arg(&dec)
            .arg("--corrections")
            .arg(&corr)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let changes: Vec<DecodingChange> = read_jsonl(&dec);
        let corrections: Vec<Correction> = read_jsonl(&corr);
        assert!(
            changes.iter().any(|c| c.reason == "nfc") && changes.iter().any(|c| c.reason == "tone-placement")
        );
        assert!(changes.iter().any(|c| c.reason == "nfc+tone-placement"));
        assert!(changes.iter().any(|c| c.from == "Hoà" && c.to == "Hòa"));
        let decoded = apply_changes(&text, &changes);
        assert_eq!(decoded, super::decoded(&file, false), "block {block}");
        assert_eq!(replay(&decoded, &corrections), String::from_utf8(out.stdout).unwrap(), "block {block}");
    }
}
