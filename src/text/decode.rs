//! Decoding input bytes (UTF-8, UTF-16, legacy Vietnamese encodings) into text: NFC, in the
//! project's tone-placement style, with every line ending kept where it was.
//!
//! Without `--encoding`, a byte-order mark decides; otherwise valid UTF-8 is UTF-8 (or VIQR if
//! that reads as much better Vietnamese), and anything else is decoded as TCVN3, VNI and
//! Windows-1258 in turn and the one with the most plausible Vietnamese syllables is kept.

use super::sink::{OddWidth, Sink};
use super::{detect, legacy, unicode};
use crate::error::{Error, ErrorKind};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use unicode_normalization::UnicodeNormalization;

use super::filemap::FileMap;
pub use super::trace::{apply_changes, DecodingChange, Position};

/// The encodings vnreport reads. Serialised (and shown) as "utf-8", "utf-8-bom",
/// "utf-16le", "utf-16be", "windows-1258", "tcvn3", "vni", "viqr".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark (and plain ASCII).
    #[serde(rename = "utf-8")]
    Utf8,
    /// UTF-8 with a byte-order mark.
    #[serde(rename = "utf-8-bom")]
    Utf8Bom,
    /// UTF-16 little-endian (read when the file starts with the FF FE mark).
    #[serde(rename = "utf-16le")]
    Utf16Le,
    /// UTF-16 big-endian (read when the file starts with the FE FF mark).
    #[serde(rename = "utf-16be")]
    Utf16Be,
    /// Windows-1258, tones as combining marks.
    #[serde(rename = "windows-1258")]
    Cp1258,
    /// TCVN3 (TCVN 5712:1993 VN3, "ABC", .VnTime fonts).
    #[serde(rename = "tcvn3")]
    Tcvn3,
    /// VNI (VNI-Times fonts on Windows).
    #[serde(rename = "vni")]
    Vni,
    /// VIQR (RFC 1456), ASCII marks after the vowel.
    #[serde(rename = "viqr")]
    Viqr,
    /// VISCII (RFC 1456's 8-bit code): every letter precomposed, some at C0 positions.
    #[serde(rename = "viscii")]
    Viscii,
    /// VN1, the full TCVN 5712:1993 code (iconv's and GNU recode's "TCVN"): VN3 plus the
    /// toned capitals at C0 and 0x80-0x9F positions.
    #[serde(rename = "vn1")]
    Vn1,
    /// VPS: Latin-1 with Vietnamese letters at 97 upper and 14 C0 positions (GNU recode's
    /// "VPS"; no capital Ỗ).
    #[serde(rename = "vps")]
    Vps,
}

impl Encoding {
    /// Every encoding, in the order above.
    pub const ALL: [Encoding; 11] = [
        Encoding::Utf8,
        Encoding::Utf8Bom,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Cp1258,
        Encoding::Tcvn3,
        Encoding::Vni,
        Encoding::Viqr,
        Encoding::Viscii,
        Encoding::Vn1,
        Encoding::Vps,
    ];

    /// The lower-case name used in JSON and accepted by `--encoding`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Cp1258 => "windows-1258",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
            Encoding::Viqr => "viqr",
            Encoding::Viscii => "viscii",
            Encoding::Vn1 => "vn1",
            Encoding::Vps => "vps",
        }
    }
}

impl Encoding {
    /// The name people know the encoding by ("TCVN3", "VISCII"), for messages.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Cp1258 => "Windows-1258",
            Encoding::Tcvn3 => "TCVN3",
            Encoding::Vni => "VNI",
            Encoding::Viqr => "VIQR",
            Encoding::Viscii => "VISCII",
            Encoding::Vn1 => "VN1 (TCVN 5712)",
            Encoding::Vps => "VPS",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Encoding {
    type Err = Error;

    /// The names above and common aliases, any case: "utf8", "utf-8-sig", "utf-16" (LE),
    /// "cp1258", "tcvn", "abc", "vn3", "vni-windows", "tcvn5712-1" (VN1). Note that "tcvn"
    /// means TCVN3 (VN3) here, while iconv's "TCVN" is VN1.
    fn from_str(s: &str) -> Result<Encoding, Error> {
        let key = s.trim().to_ascii_lowercase().replace('_', "-");
        Ok(match key.as_str() {
            "utf-8" | "utf8" => Encoding::Utf8,
            "utf-8-bom" | "utf8-bom" | "utf8bom" | "utf-8-sig" => Encoding::Utf8Bom,
            "utf-16le" | "utf16le" | "utf-16" | "utf16" => Encoding::Utf16Le,
            "utf-16be" | "utf16be" => Encoding::Utf16Be,
            "windows-1258" | "cp1258" | "win1258" | "1258" => Encoding::Cp1258,
            "tcvn3" | "tcvn" | "tcvn-3" | "abc" | "vn3" | "tcvn5712" | "tcvn-5712" => Encoding::Tcvn3,
            "vni" | "vni-windows" | "vni-win" => Encoding::Vni,
            "viqr" => Encoding::Viqr,
            "viscii" | "csviscii" => Encoding::Viscii,
            "vn1" | "tcvn-vn1" | "tcvn5712-1" | "tcvn5712-1:1993" => Encoding::Vn1,
            "vps" => Encoding::Vps,
            _ => {
                let known: Vec<&str> = Encoding::ALL.iter().map(|e| e.name()).collect();
                return Err(Error::new(
                    ErrorKind::Config,
                    format!("unknown encoding {s:?}; expected one of {}", known.join(", ")),
                ));
            }
        })
    }
}

/// How to decode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DecodeOptions {
    /// Use this encoding instead of detecting one (`--encoding`).
    pub encoding: Option<Encoding>,
    /// Replace undecodable bytes with U+FFFD instead of failing (`--lossy`).
    pub lossy: bool,
}

/// Decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// NFC text in the classic tone style, line endings as in the input, BOM removed.
    pub text: String,
    /// The encoding read (detected or forced).
    pub encoding: Encoding,
    /// How many undecodable sequences were replaced with U+FFFD (only with `lossy`).
    pub replaced: usize,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";

/// Decode a whole file. Errors: [`ErrorKind::Binary`] ("binary file, skipped") for NUL
/// bytes, [`ErrorKind::Decode`] with the byte offset for bytes that are not valid in the
/// forced encoding, or not valid UTF-8 and not any legacy encoding either (unless `lossy`).
/// Attach the file with [`Error::with_path`].
pub fn decode(bytes: &[u8], opts: &DecodeOptions) -> crate::Result<Decoded> {
    Ok(BlockDecoder::new(*opts, false).next(bytes)?.0)
}

/// As [`decode`], and the map from the decoded text's offsets to the file's characters and
/// bytes (see [`FileMap`]).
#[cfg(test)]
pub fn decode_mapped(bytes: &[u8], opts: &DecodeOptions) -> crate::Result<(Decoded, FileMap)> {
    BlockDecoder::new(*opts, false).next_mapped(bytes, false).map(|(d, map, _)| (d, map))
}

/// Reject the start of an input early, before the rest is read: NUL bytes (binary), or (when
/// no encoding is forced, no byte-order mark decides and not `lossy`) bytes that are invalid
/// UTF-8 which no legacy encoding reads as Vietnamese either. A character cut at the end of
/// `prefix` is not an error. Passing says nothing about the rest of the input.
#[cfg(feature = "cli")]
pub fn sniff(prefix: &[u8], opts: &DecodeOptions) -> crate::Result<()> {
    if opts.encoding.is_none() {
        reject_utf32_mark(prefix)?;
    }
    let forced = opts.encoding.or_else(|| bom(prefix));
    if !matches!(forced, Some(Encoding::Utf16Le | Encoding::Utf16Be)) {
        reject_nul(prefix, 0)?;
    }
    if forced.is_some() || opts.lossy {
        return Ok(());
    }
    let body = match std::str::from_utf8(prefix) {
        Ok(_) => return Ok(()),
        Err(e) if e.error_len().is_none() => &prefix[..e.valid_up_to()],
        Err(_) => prefix,
    };
    match detect::detect_or_best(body) {
        Ok(_) => Ok(()),
        Err(best) => Err(undecodable(body, best, 0)),
    }
}

/// Decodes a file block by block, in order: the first block is detected as [`decode`] does,
/// the later ones are read in the same encoding, and error offsets count from the start of
/// the file. Blocks should end after a line ending (as `pipeline::Chunker` cuts them).
///
/// Detection sees a sample of the first block only, so a detected encoding is checked on the
/// rest of the file as it comes: blocks of plain ASCII (the same in every encoding) leave the
/// encoding open, to be detected on the first block that tells; and each [`CONFIRM_BYTES`]
/// of a file read in a detected 8-bit table must still read as Vietnamese in it, else the
/// block is an error naming its offset (a file that changes encoding part way would
/// otherwise decode to garbage without a word).
#[derive(Debug, Clone)]
pub struct BlockDecoder {
    opts: DecodeOptions,
    encoding: Option<Encoding>,
    /// Whether `encoding` was detected (not forced, not announced by a byte-order mark).
    detected: bool,
    offset: usize,
    at: Option<Position>,
}

/// Span of a file checked at a time against the 8-bit table detected at its start.
pub const CONFIRM_BYTES: usize = 1 << 20;

impl BlockDecoder {
    /// A decoder; with `trace`, [`BlockDecoder::next`] also returns the normalisation changes.
    pub fn new(opts: DecodeOptions, trace: bool) -> BlockDecoder {
        BlockDecoder { opts, encoding: None, detected: false, offset: 0, at: trace.then(Position::default) }
    }

    /// The encoding, once the first block was decoded.
    pub fn encoding(&self) -> Option<Encoding> {
        self.encoding
    }

    /// Decode the next block (line numbers of the changes continue across blocks).
    pub fn next(&mut self, bytes: &[u8]) -> crate::Result<(Decoded, Vec<DecodingChange>)> {
        self.next_with(bytes, false).map(|(decoded, changes, _)| (decoded, changes))
    }

    /// Decode the next block with the map from its text back to its bytes (lines counted from
    /// the block's start; [`FileMap::at_offset`] places it in the file), and, with `changes`,
    /// what normalisation changed (lines counted from the block's start too).
    pub(crate) fn next_mapped(
        &mut self,
        bytes: &[u8],
        changes: bool,
    ) -> crate::Result<(Decoded, FileMap, Vec<DecodingChange>)> {
        let first = self.offset == 0;
        let traced = self.at.replace(Position::default());
        let result = self.next_with(bytes, true);
        self.at = traced;
        let (decoded, block_changes, odd) = result?;
        let changes_out = if changes { block_changes.clone() } else { Vec::new() };
        let mark = match decoded.encoding {
            Encoding::Utf8Bom if first && bytes.starts_with(UTF8_BOM) => UTF8_BOM.len(),
            Encoding::Utf16Le if first && bytes.starts_with(UTF16LE_BOM) => UTF16LE_BOM.len(),
            Encoding::Utf16Be if first && bytes.starts_with(UTF16BE_BOM) => UTF16BE_BOM.len(),
            _ => 0,
        };
        let map = FileMap::new(
            &decoded.text,
            block_changes,
            odd,
            decoded.encoding,
            mark as u64,
            bytes.len() as u64,
        );
        Ok((decoded, map, changes_out))
    }

    /// [`BlockDecoder::next`], with the chars of unusual width when `widths`.
    fn next_with(
        &mut self,
        bytes: &[u8],
        widths: bool,
    ) -> crate::Result<(Decoded, Vec<DecodingChange>, Vec<OddWidth>)> {
        if bytes.is_empty() {
            let encoding = self.encoding.or(self.opts.encoding).unwrap_or(Encoding::Utf8);
            return Ok((Decoded { text: String::new(), encoding, replaced: 0 }, Vec::new(), Vec::new()));
        }
        let base = self.offset;
        if base == 0 && self.opts.encoding.is_none() {
            reject_utf32_mark(bytes)?;
        }
        let (encoding, decided) = match self.encoding {
            Some(e) => (e, true),
            None => match self.opts.encoding.or_else(|| if base == 0 { bom(bytes) } else { None }) {
                Some(e) => (e, true),
                None => {
                    reject_nul(bytes, base)?;
                    self.detected = true;
                    match detect::detect_or_best(bytes) {
                        // plain ASCII reads the same in every encoding: the next block decides
                        Ok(Encoding::Utf8) if is_plain_ascii(bytes) => (Encoding::Utf8, false),
                        // an ASCII start did not look like VIQR: the rest is not read as VIQR
                        Ok(Encoding::Viqr) if base > 0 => (Encoding::Utf8, true),
                        Ok(e) => (e, true),
                        Err(_) if self.opts.lossy => (Encoding::Utf8, true),
                        Err(best) => return Err(undecodable(bytes, best, base)),
                    }
                }
            },
        };
        if self.detected && is_8bit(encoding) {
            confirm(bytes, encoding, base)?;
        }
        let (decoded, changes, at, odd) = decode_as(bytes, encoding, self.opts.lossy, base, self.at, widths)?;
        if decided {
            self.encoding.get_or_insert(decoded.encoding);
        }
        self.offset += bytes.len();
        if self.at.is_some() {
            self.at = Some(at);
        }
        Ok((decoded, changes, odd))
    }
}

/// Whether `bytes` hold printable ASCII, tabs, form feeds and line breaks only: what every
/// supported encoding reads the same (VISCII and VN1 give some control bytes letters).
fn is_plain_ascii(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .all(|&b| b.is_ascii() && (!b.is_ascii_control() || matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)))
}

/// Whether `encoding` is one of the 8-bit tables, which read any byte.
fn is_8bit(encoding: Encoding) -> bool {
    matches!(
        encoding,
        Encoding::Tcvn3 | Encoding::Vni | Encoding::Cp1258 | Encoding::Viscii | Encoding::Vn1 | Encoding::Vps
    )
}

/// Check that every [`CONFIRM_BYTES`] of `bytes` (at byte `base` of the file) still reads as
/// Vietnamese in the 8-bit table `encoding` detected at the start of the file.
fn confirm(bytes: &[u8], encoding: Encoding, base: usize) -> crate::Result<()> {
    for (k, window) in bytes.chunks(CONFIRM_BYTES).enumerate() {
        let Err(fit) = detect::confirm(window, encoding) else { continue };
        let start = base + k * CONFIRM_BYTES;
        // a window may start inside a UTF-8 sequence
        let from = window.iter().take(3).take_while(|&&b| (0x80..0xC0).contains(&b)).count();
        let utf8 = match std::str::from_utf8(&window[from..]) {
            Ok(_) => true,
            Err(e) => e.error_len().is_none() || e.valid_up_to() > window.len() / 2,
        };
        let likely = if utf8 { "; these bytes look like UTF-8" } else { "" };
        return Err(Error::new(
            ErrorKind::Decode,
            format!(
                "bytes {start}..{} do not read as {} as the start of the file does: only {:.0}% of \
                 their {} words with marks are Vietnamese syllables (at least {:.0}% needed){likely}; \
                 the file may mix encodings (if you know it is {}, force it with --encoding {})",
                start + window.len(),
                encoding.label(),
                100.0 * fit.valid_share(),
                fit.decided,
                100.0 * fit.min_valid(),
                encoding.label(),
                encoding.name()
            ),
        ));
    }
    Ok(())
}

/// The encoding a byte-order mark announces.
fn bom(bytes: &[u8]) -> Option<Encoding> {
    if bytes.starts_with(UTF8_BOM) {
        Some(Encoding::Utf8Bom)
    } else if bytes.starts_with(UTF16LE_BOM) {
        Some(Encoding::Utf16Le)
    } else if bytes.starts_with(UTF16BE_BOM) {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

fn reject_nul(bytes: &[u8], base: usize) -> crate::Result<()> {
    match bytes.iter().position(|&b| b == 0) {
        Some(at) => Err(Error::new(
            ErrorKind::Binary,
            format!(
                "binary file, skipped (NUL byte at offset {}){}",
                base + at,
                if base == 0 { super::wide::advice(bytes).unwrap_or_default() } else { String::new() }
            ),
        )),
        None => Ok(()),
    }
}

/// A file that starts with the UTF-32 byte-order mark, whose first two bytes are UTF-16's:
/// refused as UTF-32 rather than read as UTF-16 with NUL characters.
fn reject_utf32_mark(bytes: &[u8]) -> crate::Result<()> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return reject_nul(bytes, 0);
    }
    Ok(())
}

/// The error for bytes that are neither UTF-8 nor read by one legacy encoding rather than
/// another: `why` names the legacy reading that came closest, rejected because too many of
/// its words are not Vietnamese, or the tables that read them about equally well.
pub(crate) fn undecodable(bytes: &[u8], why: detect::Undetected, base: usize) -> Error {
    let detail = match std::str::from_utf8(bytes) {
        Err(e) => unicode::utf8_error(bytes, &e, base).to_string(),
        Ok(_) => "not decodable".to_string(),
    };
    let guess = match why {
        detect::Undetected::Ambiguous(tables) => {
            let labels: Vec<&str> = tables.iter().map(|e| e.label()).collect();
            let options: Vec<String> = tables.iter().map(|e| format!("--encoding {}", e.name())).collect();
            return Error::new(
                ErrorKind::Decode,
                format!(
                    "{detail}; reads as {} about equally well (few letters with marks tell the \
                     tables apart, as in OCR output): give {}",
                    or_list(&labels),
                    or_list(&options)
                ),
            );
        }
        detect::Undetected::Unfit(Some(f), close) => format!(
            "; read as {} (the closest), only {:.0}% of the {} words with marks are Vietnamese \
             syllables{} (at least {:.0}% needed): the file may be in an encoding vnreport does \
             not read; if you know it is {}, force it with --encoding {}{}",
            f.encoding.label(),
            100.0 * f.valid_share(),
            f.decided,
            if f.odd_case > 0 {
                format!(" and {} mix upper and lower case", f.odd_case)
            } else {
                String::new()
            },
            100.0 * f.min_valid(),
            f.encoding.label(),
            f.encoding.name(),
            if close.is_empty() {
                String::new()
            } else {
                let options: Vec<String> = close.iter().map(|e| format!("--encoding {}", e.name())).collect();
                format!(
                    " ({} read it about as well, into other text: {})",
                    or_list(&close.iter().map(|e| e.label()).collect::<Vec<_>>()),
                    or_list(&options)
                )
            }
        ),
        detect::Undetected::Unfit(None, _) => String::new(),
    };
    Error::new(
        ErrorKind::Decode,
        format!(
            "{detail}; not readable as TCVN3, VNI, Windows-1258, VISCII, VN1 or VPS either{guess} \
             (use --lossy to replace bad bytes)"
        ),
    )
}

/// "a, b or c".
fn or_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} or {}", rest.join(", "), last.as_ref())
        }
    }
}

/// Decode `bytes`, which start at byte `base` of the file, as `encoding`, stripping its
/// byte-order mark at the start of the file; with `at`, trace the changes from there; with
/// `widths`, also record the chars of odd width (from line 1).
fn decode_as(
    bytes: &[u8],
    encoding: Encoding,
    lossy: bool,
    base: usize,
    at: Option<Position>,
    widths: bool,
) -> crate::Result<(Decoded, Vec<DecodingChange>, Position, Vec<OddWidth>)> {
    let mut sink = Sink::with_capacity(bytes.len() + bytes.len() / 4);
    if let Some(at) = at {
        sink = sink.traced(at);
    }
    if widths {
        sink = sink.with_widths(1);
    }
    let mark = |m: &'static [u8]| if base == 0 { bytes.strip_prefix(m) } else { None };
    let (encoding, replaced) = match encoding {
        Encoding::Utf8 | Encoding::Utf8Bom => {
            let (body, enc) = match mark(UTF8_BOM) {
                Some(body) => (body, Encoding::Utf8Bom),
                None if base > 0 => (bytes, encoding),
                None => (bytes, Encoding::Utf8),
            };
            let base = base + bytes.len() - body.len();
            reject_nul(body, base)?;
            (enc, unicode::utf8(body, lossy, base, &mut sink)?)
        }
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let (be, m) =
                if encoding == Encoding::Utf16Be { (true, UTF16BE_BOM) } else { (false, UTF16LE_BOM) };
            let body = mark(m).unwrap_or(bytes);
            (encoding, unicode::utf16(body, be, lossy, base + bytes.len() - body.len(), &mut sink)?)
        }
        Encoding::Viqr => {
            reject_nul(bytes, base)?;
            let (text, replaced) = unicode::utf8_text(bytes, lossy, base)?;
            legacy::viqr::decode(&text, &mut sink);
            (encoding, replaced)
        }
        Encoding::Tcvn3
        | Encoding::Vni
        | Encoding::Cp1258
        | Encoding::Viscii
        | Encoding::Vn1
        | Encoding::Vps => {
            reject_nul(bytes, base)?;
            legacy::decode_8bit(bytes, encoding, &mut sink);
            (encoding, 0)
        }
    };
    let (text, changes, at, odd) = sink.finish_all();
    Ok((Decoded { text, encoding, replaced }, changes, at, odd))
}

/// `text` in `encoding`, as a file would hold it: UTF-8 and UTF-16 with their byte-order
/// marks where the name says so; legacy encodings from their tables. Characters a legacy
/// encoding lacks become '?' (and TCVN3 writes toned capitals as lower case); see
/// [`can_encode`].
pub fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    encode_checked(text, encoding).0
}

/// Whether `encode(text, encoding)` decodes back to `text` (up to NFC and tone placement).
pub fn can_encode(text: &str, encoding: Encoding) -> bool {
    encode_checked(text, encoding).1
}

fn encode_checked(text: &str, encoding: Encoding) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(text.len() + 4);
    let faithful = match encoding {
        Encoding::Utf8 => {
            out.extend(text.as_bytes());
            true
        }
        Encoding::Utf8Bom => {
            out.extend(UTF8_BOM.iter().chain(text.as_bytes()));
            true
        }
        Encoding::Utf16Le => {
            out.extend(UTF16LE_BOM.iter().copied().chain(text.encode_utf16().flat_map(u16::to_le_bytes)));
            true
        }
        Encoding::Utf16Be => {
            out.extend(UTF16BE_BOM.iter().copied().chain(text.encode_utf16().flat_map(u16::to_be_bytes)));
            true
        }
        _ => {
            let nfc: String = text.nfc().collect();
            match encoding {
                Encoding::Tcvn3 => legacy::tcvn3::encode(&nfc, &mut out),
                Encoding::Vni => legacy::vni::encode(&nfc, &mut out),
                Encoding::Cp1258 => legacy::cp1258::encode(&nfc, &mut out),
                Encoding::Viscii => legacy::iconv8::encode(&nfc, legacy::iconv8::Table::Viscii, &mut out),
                Encoding::Vn1 => legacy::iconv8::encode(&nfc, legacy::iconv8::Table::Vn1, &mut out),
                Encoding::Vps => legacy::iconv8::encode(&nfc, legacy::iconv8::Table::Vps, &mut out),
                _ => legacy::viqr::encode(&nfc, &mut out),
            }
        }
    };
    (out, faithful)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> crate::Result<Decoded> {
        decode(bytes, &DecodeOptions::default())
    }

    #[test]
    fn names_round_trip() {
        for e in Encoding::ALL {
            assert_eq!(e.name().parse::<Encoding>().unwrap(), e);
            assert_eq!(serde_json::to_string(&e).unwrap(), format!("\"{}\"", e.name()));
            assert_eq!(serde_json::from_str::<Encoding>(&format!("\"{e}\"")).unwrap(), e);
        }
        assert_eq!("CP1258".parse::<Encoding>().unwrap(), Encoding::Cp1258);
        assert_eq!("ABC".parse::<Encoding>().unwrap(), Encoding::Tcvn3);
        let e = "latin-1".parse::<Encoding>().unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Config);
        assert!(e.to_string().contains("tcvn3"));
    }

    #[test]
    fn boms_decide() {
        for enc in [Encoding::Utf8Bom, Encoding::Utf16Le, Encoding::Utf16Be] {
            let d = dec(&encode("Thủy\r\nhoà", enc)).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), ("Thủy\r\nhòa", enc));
        }
    }

    #[test]
    fn forced_encoding_wins() {
        let opts = DecodeOptions { encoding: Some(Encoding::Cp1258), lossy: false };
        assert_eq!(decode(b"Ninh B\xD7nh", &opts).unwrap().text, "Ninh B×nh");
        let opts = DecodeOptions { encoding: Some(Encoding::Utf8), lossy: false };
        let e = decode(b"Ninh B\xD7nh", &opts).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Decode);
        assert!(e.to_string().contains("byte offset 6"), "{e}");
        let opts = DecodeOptions { encoding: Some(Encoding::Utf8), lossy: true };
        let d = decode(b"Ninh B\xD7nh", &opts).unwrap();
        assert_eq!((d.text.as_str(), d.replaced), ("Ninh B\u{FFFD}nh", 1));
    }

    #[test]
    fn nul_and_empty() {
        assert_eq!(dec(b"ab\0c").unwrap_err().kind(), &ErrorKind::Binary);
        assert!(dec(b"ab\0c").unwrap_err().to_string().starts_with("binary file, skipped"));
        let d = dec(b"").unwrap();
        assert_eq!((d.text.as_str(), d.encoding, d.replaced), ("", Encoding::Utf8, 0));
    }

    #[test]
    fn undecodable_names_offset() {
        let mut bytes = "Ủy ban nhân dân thành phố".as_bytes().to_vec();
        bytes.insert(4, 0xFF);
        let e = dec(&bytes).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Decode);
        assert!(e.to_string().starts_with("invalid UTF-8 at byte offset 4 (byte 0xFF)"), "{e}");
        let e = e.with_path("r.txt");
        assert!(e.to_string().starts_with("r.txt: invalid UTF-8 at byte offset 4"));
    }
}
