//! UTF-16 without a byte-order mark and UTF-32 (which vnreport does not read): the error says
//! what the file most likely is and what to do, and a forced UTF-16 reads the file exactly,
//! also across blocks.

use crate::common::{bin, repo};
use std::process::Command;

fn report() -> String {
    std::fs::read_to_string(repo("corpus/clean/004_a3c9a3b6801f2d92.txt")).unwrap()
}

fn restore(bytes: &[u8], extra: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wide.txt");
    std::fs::write(&file, bytes).unwrap();
    Command::new(bin()).arg("restore").arg(&file).args(extra).output().unwrap()
}

#[test]
fn utf32_is_refused_with_what_to_do() {
    let text = report();
    let le: Vec<u8> = text.chars().flat_map(|c| (c as u32).to_le_bytes()).collect();
    let be: Vec<u8> = text.chars().flat_map(|c| (c as u32).to_be_bytes()).collect();
    let marked: Vec<u8> = [0xFF, 0xFE, 0, 0].into_iter().chain(le.iter().copied()).collect();
    for (bytes, name) in
        [(&le, "UTF-32LE"), (&be, "UTF-32BE"), (&marked, "UTF-32 text with a byte-order mark")]
    {
        let out = restore(bytes, &[]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(name) && err.contains("iconv -f"), "{err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn utf16_without_a_mark_is_named_and_reads_when_forced() {
    let text = report().repeat(30);
    assert!(text.len() > 1 << 20, "longer than a block");
    for (big_endian, flag) in [(false, "utf-16le"), (true, "utf-16be")] {
        let bytes: Vec<u8> = text
            .encode_utf16()
            .flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() })
            .collect();
        let out = restore(&bytes, &[]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2));
        assert!(err.contains(&format!("--encoding {flag}")), "{err}");
        let forced = restore(&bytes, &["--encoding", flag]);
        assert!(forced.status.success(), "{}", String::from_utf8_lossy(&forced.stderr));
        let whole = restore(text.as_bytes(), &[]);
        assert_eq!(String::from_utf8(forced.stdout).unwrap(), String::from_utf8(whole.stdout).unwrap());
    }
}
