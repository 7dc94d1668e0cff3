//! Fuzz target `cli`: the input as a file given to the `vnreport` binary, `restore FILE` and
//! `extract FILE`. Any exit code but 101 (a panic) is fine; 101, a signal, or no exit within
//! `VNREPORT_FUZZ_CLI_TIMEOUT` seconds (60 by default) aborts, which AFL records as a crash.
//!
//! The binary is the one named by `VNREPORT_BIN` (`target/release/vnreport` by default; it runs
//! without AFL instrumentation, so its own coverage does not guide the fuzzer). For guidance
//! the target also runs the library path the binary takes in process: decode with detection
//! (lossy when strict decoding fails), restore, extract, JSON.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

fn run(bin: &PathBuf, command: &str, file: &std::path::Path, timeout: Duration) {
    let mut child = Command::new(bin)
        .arg(command)
        .arg(file)
        .env_remove("__AFL_SHM_ID")
        .env_remove("__AFL_SHM_FUZZ_ID")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("vnreport binary starts (build it with `cargo build --release`, or set VNREPORT_BIN)");
    vnreport_fuzz::wait_checked(&mut child, command, timeout);
}

fn main() {
    vnreport_fuzz::restorer();
    let bin = vnreport_fuzz::binary();
    let timeout = Duration::from_secs(
        std::env::var("VNREPORT_FUZZ_CLI_TIMEOUT").ok().and_then(|s| s.parse().ok()).unwrap_or(60),
    );
    let dir = std::env::temp_dir().join(format!("vnreport-fuzz-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    afl::fuzz!(|data: &[u8]| {
        let file = dir.join(format!("input-{}.txt", std::process::id()));
        std::fs::File::create(&file).and_then(|mut f| f.write_all(data)).expect("write input file");
        if let Some(text) = vnreport_fuzz::decode_all(data) {
            let r = vnreport_fuzz::restore_checked(&text);
            vnreport_fuzz::extract_checked(data, &r);
        }
        run(&bin, "restore", &file, timeout);
        run(&bin, "extract", &file, timeout);
        let _ = std::fs::remove_file(&file);
    });
}
