//! Shared parts of the fuzz targets: one shipped model and restorer per process, loaded before
//! AFL's fork server starts (so each forked child finds them ready), and the checks that run on
//! every input. A failed check panics, which AFL records as a crash.

use std::sync::OnceLock;
use vnreport::{
    build_report, decode, extract, to_json, DecodeOptions, Encoding, Model, Restoration, Restorer, SourceInfo,
};

static RESTORER: OnceLock<Restorer> = OnceLock::new();

/// The restorer over the shipped model, built on first use.
pub fn restorer() -> &'static Restorer {
    RESTORER.get_or_init(|| Restorer::new(Model::shipped().expect("shipped model")))
}

/// The text a fuzz input stands for in the restore and extract targets: the bytes as UTF-8,
/// invalid sequences replaced.
pub fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// The number of lines `text` holds as the restorer counts them (LF, CRLF and CR each end a
/// line; a final line without an ending counts; the empty text has none).
pub fn line_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut n = 0;
    let mut i = 0;
    let mut open = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                n += 1;
                open = false;
            }
            b'\r' => {
                n += 1;
                open = false;
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            _ => open = true,
        }
        i += 1;
    }
    n + usize::from(open)
}

/// Restore `text` and check the invariants that hold for every input: one output line per
/// input line, inputs and endings kept, corrections in order, inside their line, pointing at
/// their `from`, and replaying to the output line.
pub fn restore_checked(text: &str) -> Restoration {
    let r = restorer().restore_text(text);
    let want = line_count(text);
    assert!(
        r.lines.len() == want || (want == 0 && r.lines.len() <= 1),
        "{} restored lines for {} input lines",
        r.lines.len(),
        want
    );
    let kept: String = r.lines.iter().flat_map(|l| [l.input.as_str(), l.ending.as_str()]).collect();
    assert_eq!(kept, text, "input lines and endings not kept");
    for (i, line) in r.lines.iter().enumerate() {
        let chars: Vec<char> = line.input.chars().collect();
        let mut out = String::new();
        let mut pos = 0;
        for c in &line.corrections {
            assert_eq!(c.line, i + 1, "correction filed under the wrong line");
            assert!(
                pos <= c.start && c.start < c.end && c.end <= chars.len(),
                "correction span {}..{} after {pos} in a line of {} chars",
                c.start,
                c.end,
                chars.len()
            );
            let from: String = chars[c.start..c.end].iter().collect();
            assert_eq!(from, c.from, "correction does not point at its `from`");
            assert!((0.0..=1.0).contains(&c.confidence), "confidence {}", c.confidence);
            out.extend(&chars[pos..c.start]);
            out.push_str(&c.to);
            pos = c.end;
        }
        out.extend(&chars[pos..]);
        assert_eq!(out, line.text, "corrections do not replay to the output line");
    }
    r
}

/// Extract from `r`, build the report and its JSON, and check that the JSON parses and keeps
/// every item.
pub fn extract_checked(bytes: &[u8], r: &Restoration) {
    let x = extract(r);
    let source = SourceInfo::new("fuzz.txt", bytes, r.lines.len(), "utf-8");
    let report = build_report(source, r, &x);
    let json = to_json(&report, false);
    let v: serde_json::Value = serde_json::from_str(&json).expect("report JSON parses");
    assert_eq!(v["indicators"].as_array().map(Vec::len), Some(x.indicators.len()), "indicators lost");
    assert_eq!(v["references"].as_array().map(Vec::len), Some(x.references.len()), "references lost");
}

/// Decode `bytes` with detection and with every encoding forced, strict and lossy. Errors are
/// fine; a panic is not. Returns the text detection gives (lossy if strict fails).
pub fn decode_all(bytes: &[u8]) -> Option<String> {
    let mut detected = None;
    for encoding in std::iter::once(None).chain(Encoding::ALL.into_iter().map(Some)) {
        for lossy in [false, true] {
            let opts = DecodeOptions { encoding, lossy };
            let result = decode(bytes, &opts);
            if let Ok(d) = &result {
                if lossy {
                    // lossy decoding fails only on binary input (a NUL byte)
                } else {
                    assert_eq!(d.replaced, 0, "{encoding:?}: strict decoding replaced bytes");
                }
                if encoding.is_none() && detected.is_none() {
                    detected = Some(d.text.clone());
                }
            } else if lossy && !bytes.contains(&0) {
                // a forced or detected lossy decode of NUL-free bytes may still refuse a table
                // that does not read as Vietnamese; that is an error, not a crash
            }
        }
    }
    detected
}

/// The `vnreport` binary the cli and stream targets run: `VNREPORT_BIN`, or the release build
/// of the repository (uninstrumented, so its own coverage does not guide the fuzzer).
pub fn binary() -> std::path::PathBuf {
    match std::env::var_os("VNREPORT_BIN") {
        Some(p) => std::path::PathBuf::from(p),
        None => std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/release/vnreport")),
    }
}

/// Wait for `child` (`vnreport what`): it must exit by itself, not by a signal, not with 101
/// (a panic), within `timeout`; else this panics, which AFL records as a crash.
pub fn wait_checked(
    child: &mut std::process::Child,
    what: &str,
    timeout: std::time::Duration,
) -> std::process::ExitStatus {
    let start = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for vnreport") {
            assert!(status.code().is_some(), "vnreport {what}: killed by a signal ({status})");
            assert_ne!(status.code(), Some(101), "vnreport {what}: panicked (exit 101)");
            return status;
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            panic!("vnreport {what}: no exit within {timeout:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}
