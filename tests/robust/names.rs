//! Batch names and outputs: non-UTF-8 file names stay distinct documents, a 250-character
//! name gets a shortened output name, an output that would overwrite an input is refused, and
//! a standard output that fails (a full disk) or was closed (`>&-`) is an error.

use crate::common::bin;
use std::process::{Command, Stdio};

const TEXT: &str = "Ủy ban nhan dan thanh pho bao cao ket qua.\n";

fn run_batch(inputs: &[&std::path::Path], out: &std::path::Path) -> std::process::Output {
    Command::new(bin()).arg("run").args(inputs).arg("--out").arg(out).arg("-q").output().unwrap()
}

fn restored_files(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".restored.txt"))
        .collect();
    v.sort();
    v
}

#[cfg(unix)]
#[test]
fn non_utf8_names_stay_two_documents() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let (src, out) = (dir.path().join("in"), dir.path().join("out"));
    std::fs::create_dir(&src).unwrap();
    for name in [&b"r\xFF.txt"[..], &b"r\xFE.txt"[..]] {
        std::fs::write(src.join(std::ffi::OsStr::from_bytes(name)), TEXT).unwrap();
    }
    let o = run_batch(&[&src], &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let files = restored_files(&out);
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files.iter().all(|f| f.starts_with("r\u{FFFD}~")), "{files:?}");
}

#[test]
fn a_250_character_name_gets_a_short_output_name() {
    let dir = tempfile::tempdir().unwrap();
    let (src, out) = (dir.path().join("in"), dir.path().join("out"));
    std::fs::create_dir(&src).unwrap();
    let names = ["b".repeat(246) + ".txt", "b".repeat(245) + "c.txt"];
    for n in &names {
        std::fs::write(src.join(n), TEXT).unwrap();
    }
    let o = run_batch(&[&src], &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let files = restored_files(&out);
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files.iter().all(|f| f.len() < 255 && f.starts_with("bbbb")), "{files:?}");
    let restored = std::fs::read_to_string(out.join(&files[0])).unwrap();
    assert!(restored.starts_with("Ủy ban nhân dân"), "{restored}");
}

#[test]
fn an_output_that_would_overwrite_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("a.json"));
    std::fs::write(&a, TEXT).unwrap();
    std::fs::write(&b, "{\"keep\": true}").unwrap();
    let o = run_batch(&[&a, &b], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("would overwrite this input"));
    assert_eq!(std::fs::read_to_string(&b).unwrap(), "{\"keep\": true}");
    // restore: --decoding naming the input is refused like --corrections
    let o = Command::new(bin()).arg("restore").arg(&a).arg("--decoding").arg(&a).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&a).unwrap(), TEXT);
}

#[test]
fn a_full_stdout_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(&a, TEXT).unwrap();
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else { return };
    let o = Command::new(bin()).arg("restore").arg(&a).stdout(full).stderr(Stdio::piped()).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("No space left"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_closed_stdout_is_an_error_and_dev_null_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(&a, TEXT).unwrap();
    for cmd in ["restore", "extract"] {
        let sh = |redirect: &str| {
            Command::new("sh")
                .arg("-c")
                .arg(format!("exec \"$0\" {cmd} \"$1\" {redirect}"))
                .arg(bin())
                .arg(&a)
                .stderr(Stdio::piped())
                .output()
                .unwrap()
        };
        let o = sh(">&-");
        assert_eq!(o.status.code(), Some(2), "{cmd}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("standard output is closed"), "{cmd}");
        assert_eq!(sh(">/dev/null").status.code(), Some(0), "{cmd}");
    }
}
