//! Reading a command's input file (or stdin) into text, with the file named in every error.

use anyhow::Context;
use std::io::Read;
use std::path::Path;

/// The bytes of `path`, or of stdin when it is "-".
pub fn read_bytes(path: &Path) -> anyhow::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).context("reading standard input")?;
        return Ok(buf);
    }
    std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))
}

/// The text of `path` (UTF-8, NFC).
pub fn read_text(path: &Path) -> anyhow::Result<String> {
    let bytes = read_bytes(path)?;
    if bytes.contains(&0) {
        anyhow::bail!("{}: binary file, skipped", path.display());
    }
    match String::from_utf8(bytes) {
        Ok(t) => Ok(t),
        Err(e) => {
            anyhow::bail!("{}: not valid UTF-8 at byte {}", path.display(), e.utf8_error().valid_up_to())
        }
    }
}
