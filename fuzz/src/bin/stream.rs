//! Fuzz target `stream`: the input as the standard input of `vnreport stream` (JSON Lines in,
//! JSON Lines out), and a check of what the stream promises for it:
//!
//! - it exits 0 (a bad line is an error record, never the end of the stream), by no signal,
//!   within `VNREPORT_FUZZ_CLI_TIMEOUT` seconds (60 by default); a panic is exit 101;
//! - its output is one JSON object a line, each with an `"id"`, one for each input line that
//!   is not blank (lines end at LF; trailing CR/LF dropped; a line of ASCII white space alone
//!   is skipped), in input order;
//! - an error record (`"error"`) names its input line (`"line"`, counted from 1, blank lines
//!   included); a line that is a JSON object with an `"id"` gets that id back;
//! - a `{"id", "text"}` line (no `"path"`) gets `"restored"` and `"report"` exactly when its
//!   text decodes as a file would (detection, not lossy), and an error record otherwise.
//!
//! The binary is the one named by `VNREPORT_BIN` (`target/release/vnreport` by default; it runs
//! without AFL instrumentation, so its own coverage does not guide the fuzzer). For guidance
//! the target also runs in process the library path each line takes: the JSON parse, then for
//! a text record decode, restore, extract and the report JSON.

use serde_json::Value;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;
use vnreport::{decode, DecodeOptions};

/// The input lines as `vnreport stream` reads them: split after each LF (a last line without
/// one counts), trailing CR and LF dropped; each with its number, counted from 1.
fn input_lines(data: &[u8]) -> Vec<(usize, &[u8])> {
    let mut lines = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        let (mut line, next) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, &rest[rest.len()..]),
        };
        while let [head @ .., b'\r' | b'\n'] = line {
            line = head;
        }
        lines.push((lines.len() + 1, line));
        rest = next;
    }
    lines
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(u8::is_ascii_whitespace)
}

/// What the record of one non-blank input line must show.
struct Expected {
    number: usize,
    /// The id, when the line is a JSON object with one.
    id: Option<Value>,
    /// For a text record: whether it must succeed (its text decodes).
    text_ok: Option<bool>,
}

/// Parse `line` as the stream does, run a text record through the library in process, and
/// say what its record must show.
fn expect(number: usize, line: &[u8]) -> Expected {
    let mut expected = Expected { number, id: None, text_ok: None };
    let Ok(Value::Object(obj)) = serde_json::from_slice::<Value>(line) else { return expected };
    expected.id = obj.get("id").cloned();
    if let (Some(_), Some(Value::String(text)), None) = (&expected.id, obj.get("text"), obj.get("path")) {
        let bytes = text.as_bytes();
        expected.text_ok = Some(decode(bytes, &DecodeOptions::default()).is_ok());
        if let Some(decoded) = vnreport_fuzz::decode_all(bytes) {
            let r = vnreport_fuzz::restore_checked(&decoded);
            vnreport_fuzz::extract_checked(bytes, &r);
        }
    }
    expected
}

/// Run `vnreport stream` on `data`: its exit status checked, its stdout returned.
fn run(bin: &PathBuf, data: &[u8], timeout: Duration) -> Vec<u8> {
    let mut child = Command::new(bin)
        .arg("stream")
        .env_remove("__AFL_SHM_ID")
        .env_remove("__AFL_SHM_FUZZ_ID")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("vnreport binary starts (build it with `cargo build --release`, or set VNREPORT_BIN)");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = data.to_vec();
    // a stream that stops reading early shows in its output; the broken pipe is not the check
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        out
    });
    let status = vnreport_fuzz::wait_checked(&mut child, "stream", timeout);
    assert!(status.success(), "vnreport stream: exit {status}");
    writer.join().expect("stdin writer");
    reader.join().expect("stdout reader")
}

/// Check the records of `out` against the non-blank input lines, in order.
fn check_output(out: &[u8], expected: &[Expected]) {
    let text = std::str::from_utf8(out).expect("output is UTF-8");
    assert!(text.is_empty() || text.ends_with('\n'), "output does not end with a line end");
    let records: Vec<&str> = text.lines().collect();
    assert_eq!(
        records.len(),
        expected.len(),
        "{} records for {} non-blank lines",
        records.len(),
        expected.len()
    );
    for (record, want) in records.iter().zip(expected) {
        let value: Value = serde_json::from_str(record)
            .unwrap_or_else(|e| panic!("record of line {} is not JSON ({e}): {record}", want.number));
        let obj =
            value.as_object().unwrap_or_else(|| panic!("record of line {} is not an object", want.number));
        let id = obj.get("id").unwrap_or_else(|| panic!("record of line {} has no id", want.number));
        if let Some(want_id) = &want.id {
            assert_eq!(id, want_id, "record of line {} has another id", want.number);
        }
        let failed = obj.contains_key("error");
        if failed {
            assert!(obj["error"].is_string(), "error of line {} is not a string", want.number);
            assert_eq!(
                obj.get("line").and_then(Value::as_u64),
                Some(want.number as u64),
                "error record names another line"
            );
        } else {
            assert!(
                obj.get("restored").is_some_and(Value::is_string),
                "record of line {}: no restored text",
                want.number
            );
            assert!(
                obj.get("report").is_some_and(Value::is_object),
                "record of line {}: no report",
                want.number
            );
        }
        if let Some(ok) = want.text_ok {
            assert_eq!(
                !failed, ok,
                "text record of line {}: success {} where its text decodes: {ok}",
                want.number, !failed
            );
        }
    }
}

fn main() {
    vnreport_fuzz::restorer();
    let bin = vnreport_fuzz::binary();
    let timeout = Duration::from_secs(
        std::env::var("VNREPORT_FUZZ_CLI_TIMEOUT").ok().and_then(|s| s.parse().ok()).unwrap_or(60),
    );
    afl::fuzz!(|data: &[u8]| {
        let expected: Vec<Expected> =
            input_lines(data).into_iter().filter(|(_, l)| !is_blank(l)).map(|(n, l)| expect(n, l)).collect();
        let out = run(&bin, data, timeout);
        check_output(&out, &expected);
    });
}
