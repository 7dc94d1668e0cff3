//! A file whose encoding changes part way: detection sees the start only, so the rest is
//! checked as it is read. A legacy file that turns into UTF-8 (or another table) is an error
//! naming the bytes, never garbage; a file that starts in plain ASCII is detected on the
//! first block that tells.

use crate::common::{bin, read};
use std::path::Path;
use std::process::{Command, Output};
use vnreport::{decode, encode, BlockDecoder, DecodeOptions, Encoding, CONFIRM_BYTES};

/// Lines of a clean report, repeated to at least `bytes` once encoded in `encoding`.
fn report_in(encoding: Encoding, bytes: usize) -> Vec<u8> {
    let text = read("corpus/clean/000_4ccff56f1272ca17.txt");
    let one = encode(&text, encoding);
    one.repeat(bytes / one.len() + 1)
}

fn vnreport(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(bin()).args(args).output().expect("run vnreport")
}

#[test]
fn a_tcvn3_file_that_turns_into_utf8_is_refused_at_the_bytes_that_changed() {
    let mut bytes = report_in(Encoding::Tcvn3, CONFIRM_BYTES + CONFIRM_BYTES / 2);
    let switch = bytes.len();
    bytes.extend(report_in(Encoding::Utf8, CONFIRM_BYTES));
    // the whole file at once: the first window decides TCVN3, the first window whose sample
    // is past the switch refuses it
    let e = decode(&bytes, &DecodeOptions::default()).unwrap_err().to_string();
    let start: usize = e.strip_prefix("bytes ").and_then(|r| r.split("..").next()).unwrap().parse().unwrap();
    assert!(
        start % CONFIRM_BYTES == 0 && start < switch + CONFIRM_BYTES && start + CONFIRM_BYTES > switch,
        "{e}"
    );
    assert!(e.contains("do not read as TCVN3"), "{e}");
    assert!(e.contains("look like UTF-8") && e.contains("--encoding tcvn3"), "{e}");
    // forced, the file is read as asked
    assert!(decode(&bytes, &DecodeOptions { encoding: Some(Encoding::Tcvn3), lossy: false }).is_ok());
    // the TCVN3 part alone is fine
    assert_eq!(decode(&bytes[..switch], &DecodeOptions::default()).unwrap().encoding, Encoding::Tcvn3);

    // through the CLI, read in small blocks: exit 2 and the same message with the file name
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mixed.txt");
    std::fs::write(&file, &bytes).unwrap();
    let out = vnreport(&["restore".as_ref(), file.as_os_str(), "--block-bytes".as_ref(), "65536".as_ref()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("mixed.txt") && stderr.contains("do not read as TCVN3"), "{stderr}");
    // `run` records the document as failed
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::rename(&file, input.join("mixed.txt")).unwrap();
    let out_dir = dir.path().join("out");
    let out =
        vnreport(&["run".as_ref(), input.as_os_str(), "--out".as_ref(), out_dir.as_os_str(), "-q".as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    let summary = std::fs::read_to_string(out_dir.join("summary.jsonl")).unwrap();
    assert!(summary.contains("do not read as TCVN3"), "{summary}");
}

#[test]
fn a_vni_file_that_turns_into_tcvn3_is_refused() {
    let mut bytes = report_in(Encoding::Vni, CONFIRM_BYTES);
    bytes.extend(report_in(Encoding::Tcvn3, CONFIRM_BYTES));
    let mut decoder = BlockDecoder::new(DecodeOptions::default(), false);
    let (first, second) = bytes.split_at(CONFIRM_BYTES / 2);
    assert_eq!(decoder.next(first).unwrap().0.encoding, Encoding::Vni);
    let e = decoder.next(second).unwrap_err().to_string();
    assert!(e.contains("do not read as VNI") && !e.contains("UTF-8"), "{e}");
}

#[test]
fn a_file_starting_in_plain_ascii_is_detected_on_the_first_block_that_tells() {
    let head = "BAO CAO\nKet qua thuc hien nam 2024\n\n".repeat(2000);
    let mut bytes = head.clone().into_bytes();
    bytes.extend(report_in(Encoding::Tcvn3, 100_000));
    let whole = decode(&bytes, &DecodeOptions::default()).unwrap();
    assert_eq!(whole.encoding, Encoding::Tcvn3);
    let mut decoder = BlockDecoder::new(DecodeOptions::default(), false);
    let (a, b) = bytes.split_at(head.len());
    let (first, _) = decoder.next(a).unwrap();
    assert_eq!(decoder.encoding(), None, "plain ASCII decides nothing");
    let (second, _) = decoder.next(b).unwrap();
    assert_eq!((second.encoding, decoder.encoding()), (Encoding::Tcvn3, Some(Encoding::Tcvn3)));
    assert_eq!(first.text + &second.text, whole.text);
    // the CLI in small blocks prints what it prints for the whole file
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("late.txt");
    std::fs::write(&file, &bytes).unwrap();
    let restore = |extra: &[&str]| {
        let mut args: Vec<&std::ffi::OsStr> = vec!["restore".as_ref(), file.as_os_str()];
        args.extend(extra.iter().map(|a| Path::new(a).as_os_str()));
        let out = vnreport(&args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    // the CLI in small blocks reads the TCVN3 part as TCVN3 (an ASCII first block used to fix
    // UTF-8, and the first TCVN3 byte was an error)
    let small = restore(&["--block-bytes", "4096"]);
    let line = read("corpus/clean/000_4ccff56f1272ca17.txt")
        .lines()
        .find(|l| l.contains("Thành phố"))
        .unwrap()
        .to_string();
    assert!(small.lines().any(|l| l == line), "{line}");
}
