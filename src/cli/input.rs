//! Reading a command's input file (or stdin) into text: any supported encoding, NFC, the
//! project's tone style; the file is named in every error.

use super::out::note;
use crate::text::decode::{decode, sniff, DecodeOptions, Decoded, Encoding};
use anyhow::Context;
use std::io::Read;
use std::path::Path;

/// Bytes read and checked (NUL bytes, undecodable data) before the rest of an input is read.
pub const SNIFF_BYTES: u64 = 64 * 1024;

/// How to decode input files.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct InputArgs {
    /// Input encoding (utf-8, utf-16le, utf-16be, windows-1258, tcvn3, vni, viqr, viscii,
    /// vn1, vps); detected when not given.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Replace undecodable bytes instead of failing (the count is reported).
    #[arg(long)]
    pub lossy: bool,
}

impl InputArgs {
    /// The decoding options these arguments ask for.
    pub fn options(&self) -> anyhow::Result<DecodeOptions> {
        let encoding = match &self.encoding {
            Some(name) => Some(name.parse::<Encoding>()?),
            None => None,
        };
        Ok(DecodeOptions { encoding, lossy: self.lossy })
    }

    /// Decode `path` (or stdin for "-").
    pub fn read(&self, path: &Path) -> anyhow::Result<(Decoded, usize)> {
        let (decoded, bytes) = self.read_with_bytes(path)?;
        Ok((decoded, bytes.len()))
    }

    /// Decode `path` (or stdin for "-"), keeping the raw bytes too.
    pub fn read_with_bytes(&self, path: &Path) -> anyhow::Result<(Decoded, Vec<u8>)> {
        let mut bytes = Vec::new();
        self.open_checked(path)?.read_to_end(&mut bytes).with_context(|| read_error(path))?;
        let decoded = decode(&bytes, &self.options()?).map_err(|e| e.with_path(path))?;
        if decoded.replaced > 0 {
            note!("vnreport: {}: {} undecodable bytes replaced", path.display(), decoded.replaced);
        }
        Ok((decoded, bytes))
    }
}

/// "FILE: cannot read" (or "reading standard input").
fn read_error(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "reading standard input".to_string()
    } else {
        format!("{}: cannot read", path.display())
    }
}

impl InputArgs {
    /// `path` (a file, a FIFO, or stdin for "-") opened for reading, its first
    /// [`SNIFF_BYTES`] already read and checked: binary data (a NUL byte) or bytes that are
    /// neither UTF-8 nor any legacy encoding fail here, before an endless input is read on.
    pub fn open_checked(&self, path: &Path) -> anyhow::Result<Box<dyn Read>> {
        let mut reader: Box<dyn Read> = if path.as_os_str() == "-" {
            Box::new(std::io::stdin())
        } else {
            Box::new(std::fs::File::open(path).with_context(|| read_error(path))?)
        };
        let mut head = Vec::new();
        (&mut reader).take(SNIFF_BYTES).read_to_end(&mut head).with_context(|| read_error(path))?;
        sniff(&head, &self.options()?).map_err(|e| e.with_path(path))?;
        Ok(Box::new(std::io::Cursor::new(head).chain(reader)))
    }
}

/// A reader that fails once more than `max` bytes were asked of it (`--max-bytes`): an
/// endless input is refused rather than read on.
pub struct Capped<R> {
    inner: std::io::Take<R>,
    max: u64,
}

impl<R: Read> Capped<R> {
    pub fn new(inner: R, max: u64) -> Capped<R> {
        Capped { inner: inner.take(max.saturating_add(1)), max }
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if self.inner.limit() == 0 {
            return Err(std::io::Error::other(format!(
                "longer than --max-bytes {}; not read on (give a larger --max-bytes, or use \
                 `vnreport restore`, which reads any length)",
                self.max
            )));
        }
        Ok(n)
    }
}

/// The bytes of `path`, or of stdin when it is "-".
pub fn read_bytes(path: &Path) -> anyhow::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).context("reading standard input")?;
        return Ok(buf);
    }
    std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))
}

/// The text of a project data file (UTF-8 expected; other encodings detected).
pub fn read_text(path: &Path) -> anyhow::Result<String> {
    Ok(InputArgs::default().read(path)?.0.text)
}
