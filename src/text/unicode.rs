//! UTF-8 and UTF-16 decoding that reports the byte offset of the first bad sequence, or
//! replaces bad sequences with U+FFFD and counts them.

use super::sink::Sink;
use crate::error::{Error, ErrorKind};
use std::borrow::Cow;

/// Decode UTF-8 into `sink`; returns the number of replacements (always 0 unless `lossy`).
/// `base` is the offset of `bytes` in the file, for error messages.
pub(crate) fn utf8(bytes: &[u8], lossy: bool, base: usize, sink: &mut Sink) -> crate::Result<usize> {
    let (text, replaced) = utf8_text(bytes, lossy, base)?;
    if replaced == 0 {
        sink.push_str(&text);
        return Ok(0);
    }
    // as `String::from_utf8_lossy` reads them: one U+FFFD per bad sequence, its bytes noted
    for chunk in bytes.utf8_chunks() {
        sink.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            sink.push_width('\u{FFFD}', chunk.invalid().len());
        }
    }
    Ok(replaced)
}

/// `bytes` as text, borrowed when valid; with `lossy`, each bad sequence becomes U+FFFD and
/// is counted.
pub(crate) fn utf8_text(bytes: &[u8], lossy: bool, base: usize) -> crate::Result<(Cow<'_, str>, usize)> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((Cow::Borrowed(s), 0)),
        Err(e) if !lossy => Err(utf8_error(bytes, &e, base)),
        Err(_) => {
            let replaced = bytes.utf8_chunks().filter(|c| !c.invalid().is_empty()).count();
            Ok((String::from_utf8_lossy(bytes), replaced))
        }
    }
}

/// The error for invalid UTF-8, naming the offset and the byte.
pub(crate) fn utf8_error(bytes: &[u8], e: &std::str::Utf8Error, base: usize) -> Error {
    let at = e.valid_up_to();
    let offset = base + at;
    let byte = bytes.get(at).copied().unwrap_or(0);
    let message = match e.error_len() {
        None => format!("truncated UTF-8 sequence at byte offset {offset} (byte 0x{byte:02X}, end of file)"),
        Some(_) => format!("invalid UTF-8 at byte offset {offset} (byte 0x{byte:02X})"),
    };
    Error::new(ErrorKind::Decode, message)
}

/// Decode UTF-16 into `sink`; NUL characters make it a binary file. Returns the number of
/// replacements (always 0 unless `lossy`).
pub(crate) fn utf16(
    bytes: &[u8],
    big_endian: bool,
    lossy: bool,
    base: usize,
    sink: &mut Sink,
) -> crate::Result<usize> {
    let unit = |i: usize| {
        let pair = [bytes[i], bytes[i + 1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    };
    let even = bytes.len() & !1;
    let mut replaced = 0;
    let mut i = 0;
    while i < even {
        let u = unit(i);
        let (c, len) = match u {
            0xD800..=0xDBFF if i + 2 < even && (0xDC00..=0xDFFF).contains(&unit(i + 2)) => {
                let cp = 0x10000 + ((u32::from(u) - 0xD800) << 10) + (u32::from(unit(i + 2)) - 0xDC00);
                (char::from_u32(cp), 4)
            }
            _ => (char::from_u32(u32::from(u)), 2),
        };
        match c {
            Some('\0') => {
                return Err(Error::new(
                    ErrorKind::Binary,
                    format!("binary file, skipped (NUL character at byte offset {})", base + i),
                ))
            }
            Some(c) => sink.push(c),
            None if lossy => {
                sink.push('\u{FFFD}');
                replaced += 1;
            }
            None => {
                return Err(Error::new(
                    ErrorKind::Decode,
                    format!("invalid UTF-16 at byte offset {}: unpaired surrogate 0x{u:04X}", base + i),
                ))
            }
        }
        i += len;
    }
    if even < bytes.len() {
        if !lossy {
            return Err(Error::new(
                ErrorKind::Decode,
                format!("truncated UTF-16 at byte offset {}: odd number of bytes", base + even),
            ));
        }
        sink.push_width('\u{FFFD}', 1);
        replaced += 1;
    }
    Ok(replaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run16(bytes: &[u8], be: bool, lossy: bool) -> crate::Result<(String, usize)> {
        let mut s = Sink::with_capacity(0);
        let n = utf16(bytes, be, lossy, 2, &mut s)?;
        Ok((s.finish(), n))
    }

    #[test]
    fn utf16_both_orders_and_surrogates() {
        let text = "Việt 😀\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(run16(&le, false, false).unwrap(), (text.to_string(), 0));
        assert_eq!(run16(&be, true, false).unwrap(), (text.to_string(), 0));
    }

    #[test]
    fn utf16_errors() {
        let e = run16(&[0x41, 0, 0x00, 0xD8, 0x41, 0], false, false).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Decode);
        assert!(e.to_string().contains("byte offset 4"), "{e}");
        assert_eq!(run16(&[0x41, 0, 0x00, 0xD8, 0x41, 0], false, true).unwrap(), ("A\u{FFFD}A".into(), 1));
        let e = run16(&[0x41, 0, 0x41], false, false).unwrap_err();
        assert!(e.to_string().contains("byte offset 4"), "{e}");
        assert_eq!(run16(&[0x41, 0, 0x41], false, true).unwrap(), ("A\u{FFFD}".into(), 1));
        assert_eq!(run16(&[0x41, 0, 0, 0], false, true).unwrap_err().kind(), &ErrorKind::Binary);
    }

    #[test]
    fn utf8_errors_name_the_offset() {
        let mut s = Sink::with_capacity(0);
        let e = utf8(b"ab\xFFc", false, 3, &mut s).unwrap_err();
        assert_eq!(e.to_string(), "invalid UTF-8 at byte offset 5 (byte 0xFF)");
        let e = utf8("aệ".as_bytes().split_last().unwrap().1, false, 0, &mut s).unwrap_err();
        assert!(e.to_string().starts_with("truncated UTF-8 sequence at byte offset 1"), "{e}");
        let mut s = Sink::with_capacity(0);
        assert_eq!(utf8(b"a\xFF\xFEb\xC3", true, 0, &mut s).unwrap(), 3);
        assert_eq!(s.finish(), "a\u{FFFD}\u{FFFD}b\u{FFFD}");
    }
}
