//! Robustness with real sample files (tests/data/robust): layout kept, malformed input
//! reported or replaced, a 1 MB line, and corrections that replay to the output on every
//! shipped document and on degraded variants; through the CLI and the library.

mod arguments;
mod empty;
mod endless;
mod layout;
mod long_line;
mod malformed;
mod many_lines;
mod names;
mod pipes_and_options;
mod replay;

use crate::common::{bin, repo};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use vnreport::split_lines;
use vnreport::Correction;
use vnreport::{decode, DecodeOptions};

/// A sample file.
pub fn sample(name: &str) -> PathBuf {
    repo("tests/data/robust").join(name)
}

/// What `vnreport restore FILE --corrections OUT [extra]` did.
pub struct Run {
    pub out: Output,
    pub stdout: String,
    pub stderr: String,
    /// The corrections file, when it was written.
    pub corrections: Option<Vec<Correction>>,
}

/// Run `vnreport restore` on `file` with `--corrections` into a temporary folder.
pub fn restore_cli(file: &Path, extra: &[&str]) -> Run {
    let dir = tempfile::tempdir().expect("tempdir");
    let corr = dir.path().join("c.jsonl");
    let out = Command::new(bin())
        .arg("restore")
        .arg(file)
        .arg("--corrections")
        .arg(&corr)
        .args(extra)
        .output()
        .expect("run vnreport");
    let corrections = std::fs::read_to_string(&corr)
        .ok()
        .map(|s| s.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}"))).collect());
    Run {
        stdout: String::from_utf8(out.stdout.clone()).expect("UTF-8 output"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        out,
        corrections,
    }
}

/// Apply `corrections` (line numbers from 1, char offsets) to `text`, checking that each one
/// points at its `from`; the result must be the restored text.
pub fn replay(text: &str, corrections: &[Correction]) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut next = corrections.iter().peekable();
    for (i, line) in split_lines(text).into_iter().enumerate() {
        let chars: Vec<char> = line.content.chars().collect();
        let mut pos = 0;
        while let Some(c) = next.next_if(|c| c.line == i + 1) {
            assert!(pos <= c.start && c.start < c.end && c.end <= chars.len(), "line {}: {c:?}", i + 1);
            assert_eq!(chars[c.start..c.end].iter().collect::<String>(), c.from, "line {}", i + 1);
            out.extend(&chars[pos..c.start]);
            out.push_str(&c.to);
            pos = c.end;
        }
        out.extend(&chars[pos..]);
        out.push_str(line.ending);
    }
    assert!(next.next().is_none(), "corrections beyond the last line or out of order");
    out
}

/// The text of `file` as the CLI reads it (decoded, NFC, classic tone style).
pub fn decoded(file: &Path, lossy: bool) -> String {
    let bytes = std::fs::read(file).expect("read sample");
    decode(&bytes, &DecodeOptions { encoding: None, lossy }).expect("decodable").text
}

/// The CLI restored `file`: exit 0, and its corrections replay on the decoded input to stdout.
pub fn assert_replays(file: &Path, run: &Run, lossy: bool) {
    assert!(run.out.status.success(), "{}: {}", file.display(), run.stderr);
    let corrections = run.corrections.as_ref().expect("corrections written");
    assert_eq!(replay(&decoded(file, lossy), corrections), run.stdout, "{}", file.display());
}
