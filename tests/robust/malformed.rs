//! Malformed input: an empty file gives empty outputs; NUL bytes mean "binary file, skipped";
//! invalid or truncated UTF-8 that fits no encoding is an error naming the file and the byte
//! offset (exit 2), or with `--lossy` is replaced, reported, and restored line for line.

use super::{assert_replays, decoded, restore_cli, sample};
use crate::common::MODEL;
use crate::fuzz::check;
use vnreport::{decode, DecodeOptions};
use vnreport::{ErrorKind, Restorer};

/// The CLI failed with exit code 2, one line on stderr holding all of `parts`, no output, and
/// no corrections file.
fn assert_fails(name: &str, extra: &[&str], parts: &[&str]) {
    let file = sample(name);
    let run = restore_cli(&file, extra);
    assert_eq!(run.out.status.code(), Some(2), "{name}: {}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{name}: {}", run.stderr);
    assert!(run.stderr.contains(&file.display().to_string()), "{name}: {}", run.stderr);
    for p in parts {
        assert!(run.stderr.contains(p), "{name}: {:?} lacks {p:?}", run.stderr);
    }
    assert!(run.stdout.is_empty() && run.corrections.is_none(), "{name}: wrote output");
}

#[test]
fn an_empty_file_gives_empty_outputs() {
    let run = restore_cli(&sample("empty.txt"), &[]);
    assert!(run.out.status.success(), "{}", run.stderr);
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
    assert_eq!(run.corrections.as_deref(), Some(&[][..]));
    let r = Restorer::new(MODEL.clone()).restore_text("");
    assert!(r.lines.is_empty() && r.text().is_empty());
}

#[test]
fn nul_bytes_mean_a_binary_file_even_with_lossy() {
    for extra in [&[][..], &["--lossy"][..]] {
        assert_fails("nul.txt", extra, &["binary file, skipped", "NUL byte at offset 60"]);
    }
    let e = decode(&std::fs::read(sample("nul.txt")).unwrap(), &DecodeOptions::default()).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::Binary);
}

#[test]
fn invalid_utf8_names_the_file_and_offset_or_is_replaced_with_lossy() {
    assert_fails("invalid-utf8.txt", &[], &["invalid UTF-8 at byte offset 30 (byte 0xFF)", "--lossy"]);
    let bytes = std::fs::read(sample("invalid-utf8.txt")).unwrap();
    assert_eq!(bytes[30], 0xFF);
    let e = decode(&bytes, &DecodeOptions::default()).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::Decode);
    assert!(e.to_string().starts_with("invalid UTF-8 at byte offset 30"), "{e}");
    lossy_run("invalid-utf8.txt", "Hải Phòng\u{FFFD}, ngày");
}

#[test]
fn a_truncated_utf8_file_names_its_last_offset_or_is_replaced_with_lossy() {
    assert_fails("truncated-utf8.txt", &[], &["truncated UTF-8 sequence at byte offset 304"]);
    assert_eq!(std::fs::read(sample("truncated-utf8.txt")).unwrap().len(), 305);
    lossy_run("truncated-utf8.txt", "Kính gửi: Bộ Tư ph\u{FFFD}");
}

/// With `--lossy`: exit 0, the replacement reported, the line kept with U+FFFD where the bad
/// bytes were (`expected_line` starts one of the output lines), corrections replaying to the output; and the library agrees.
fn lossy_run(name: &str, expected_line: &str) {
    let file = sample(name);
    let run = restore_cli(&file, &["--lossy"]);
    assert_replays(&file, &run, true);
    assert!(
        run.stderr.contains("1 undecodable bytes replaced") && run.stderr.contains(name),
        "{}",
        run.stderr
    );
    let input = decoded(&file, true);
    assert_eq!(run.stdout.lines().count(), input.lines().count());
    assert!(
        run.stdout.lines().any(|l| l.starts_with(expected_line)),
        "{name}: no line {expected_line:?} in\n{}",
        run.stdout
    );
    let r = Restorer::new(MODEL.clone()).restore_text(&input);
    check::restoration(&input, &r).unwrap_or_else(|e| panic!("{name}: {e}"));
    // `extract --lossy` reads the same text and says the same
    let out = std::process::Command::new(crate::common::bin())
        .args(["extract", "--lossy"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("1 undecodable bytes replaced") && stderr.contains(name), "{stderr}");
    let report: vnreport::Report = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report.source.lines, input.lines().count());
}
