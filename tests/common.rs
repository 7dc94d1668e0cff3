//! Shared fixtures: the shipped model built once, and the project's data files.

use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

/// The shipped model, built once for all tests.
pub static MODEL: LazyLock<Arc<vnreport::Model>> =
    LazyLock::new(|| Arc::new(vnreport::Model::shipped().expect("shipped model")));

/// A path inside the repository.
pub fn repo(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A UTF-8 file of the repository.
pub fn read(rel: &str) -> String {
    std::fs::read_to_string(repo(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The built binary.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_vnreport")
}

/// The binary started with `args`, its standard streams piped.
pub fn spawn_piped(args: &[&str]) -> std::process::Child {
    use std::process::{Command, Stdio};
    Command::new(bin())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start vnreport")
}
