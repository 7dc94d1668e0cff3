//! Many short lines without a sentence end or a blank line (a table with one cell a line):
//! restored in pieces of bounded line count and bounded lattices, one output line per input
//! line, and `run` writes exactly what `restore` prints.

use crate::common::bin;
use std::process::Command;

#[test]
fn forty_thousand_short_lines_restore_and_run_alike() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let mut text = String::from("Bao cao ket qua thuc hien\n");
    for k in 0..40_000 {
        text.push_str(if k % 3 == 0 { "so ho so\n" } else { "a b\n" });
    }
    let file = input.join("table.txt");
    std::fs::write(&file, &text).unwrap();
    let out = Command::new(bin()).arg("restore").arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let restored = String::from_utf8(out.stdout).unwrap();
    assert_eq!(restored.lines().count(), 40_001);
    assert!(restored.starts_with("Báo cáo kết quả thực hiện\n"), "{}", &restored[..60]);
    let dest = dir.path().join("out");
    let run = Command::new(bin()).arg("run").arg(&input).arg("--out").arg(&dest).arg("-q").output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let written = std::fs::read_to_string(dest.join("table.restored.txt")).unwrap();
    let first_difference = written.lines().zip(restored.lines()).position(|(a, b)| a != b);
    assert_eq!(first_difference, None, "run and restore differ at this 0-based line");
    assert_eq!(written, restored);
}
