//! The command line fuzzed: random commands, options, values (numbers out of range, NaN,
//! unknown names, missing and existing paths, the input itself as an output) and random bytes
//! on stdin. Whatever the arguments, the program answers with an exit code, never a panic
//! (exit 101) or a signal, and within a time limit. `PROPTEST_CASES` sets the number of cases
//! (32 by default).

use crate::common::bin;
use proptest::prelude::*;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const COMMANDS: &[&str] = &["restore", "extract", "run", "stream", "eval", "review", "bogus", ""];

/// Options of every command (some are not options of the command drawn: clap refuses them).
const OPTIONS: &[&str] = &[
    "--corrections",
    "--tokens",
    "--decoding",
    "--encoding",
    "--lossy",
    "--threads",
    "--pretty",
    "--text",
    "--max-bytes",
    "--out",
    "--glob",
    "--resume",
    "--excel",
    "--review",
    "-q",
    "--block-mib",
    "--time-budget",
    "--fields",
    "--gold",
    "--input",
    "--hyp",
    "--skip",
    "-o",
    "--model",
    "--help",
    "--",
];

/// Values: paths (the input, a folder, missing ones), numbers out of range, names.
const VALUES: &[&str] = &[
    "in.txt",
    "docs",
    "out",
    "out/x.jsonl",
    "missing.txt",
    "-",
    "",
    "0",
    "1",
    "-1",
    "0.0001",
    "NaN",
    "inf",
    "1e39",
    "99999999999999999999",
    "100000",
    "utf-8",
    "tcvn3",
    "utf-16le",
    "vps",
    "latin-9",
    "*.txt",
    "**/*.json",
    "[",
    "restored,report,tokens",
    "tokens,,x",
    "in.txt.json",
    "ü/ư",
    "/dev/null",
];

/// What stdin holds.
const STDIN: &[&[u8]] = &[
    b"",
    b"K\xc3\xa9t qua thyc hign cdng tac 98,5%\n",
    b"{\"id\": 1, \"text\": \"s6 125/BC-UBND\"}\n{\"id\": 2, \"path\": \"in.txt\"}\n",
    b"\xff\xfe\x00\x00garbage",
    b"{\"id\": [\n\n\x00",
];

fn arguments() -> impl Strategy<Value = (Vec<String>, usize)> {
    let word = prop_oneof![
        3 => proptest::sample::select(OPTIONS).prop_map(str::to_string),
        3 => proptest::sample::select(VALUES).prop_map(str::to_string),
        1 => "\\PC{0,8}",
    ];
    // most commands take an input first: give one most of the time, so that cases get past
    // argument parsing
    let input = proptest::sample::select(&["in.txt", "-", "docs", "missing.txt", ""][..]);
    (proptest::sample::select(COMMANDS), input, proptest::collection::vec(word, 0..6), 0..STDIN.len())
        .prop_map(|(command, input, words, stdin)| {
            let mut args = vec![command.to_string()];
            if !input.is_empty() {
                args.push(input.to_string());
            }
            args.extend(words);
            (args, stdin)
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(32),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_arguments_end_with_an_exit_code((args, stdin) in arguments()) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("in.txt"), "Két qua thyc hign cdng tac dat 98,5%.\n").unwrap();
        std::fs::create_dir(dir.path().join("docs")).unwrap();
        std::fs::write(dir.path().join("docs/a.txt"), "S6: 125/BC-UBND\n").unwrap();
        let mut child = Command::new(bin())
            .args(&args)
            .current_dir(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // a command that does not read stdin may exit first: a closed pipe is not an error here
        let _ = child.stdin.take().unwrap().write_all(STDIN[stdin]);
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > Duration::from_secs(120) {
                let _ = child.kill();
                let _ = child.wait();
                panic!("vnreport {args:?}: no exit within 120 s");
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        prop_assert!(status.code().is_some(), "vnreport {:?}: killed by a signal ({})", args, status);
        prop_assert_ne!(status.code(), Some(101), "vnreport {:?}: panicked", args);
    }
}
