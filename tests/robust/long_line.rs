//! A 1 MB single line (generated, not committed): restored as one line, corrections replay,
//! within a time that rules out anything worse than linear.

use super::{assert_replays, restore_cli};
use crate::common::{read, MODEL};
use crate::fuzz::check;
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
    let r = Restorer::new(&MODEL).restore_text(&line);
    check::restoration(&line, &r).expect("invariants");
    assert_eq!(r.text(), run.stdout.trim_end_matches('\n'));
}
