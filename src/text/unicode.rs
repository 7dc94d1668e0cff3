//! UTF-8 and UTF-16 decoding that reports the byte offset of the first bad sequence, or
//! replaces bad sequences with U+FFFD and counts them. UTF-16 is decoded by `encoding_rs`.

use super::sink::Sink;
use crate::error::{Error, ErrorKind};
use encoding_rs::DecoderResult;
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

/// Decode UTF-16 into `sink` (through `encoding_rs`); NUL characters make it a binary file.
/// Returns the number of replacements (always 0 unless `lossy`): one U+FFFD for each unpaired
/// surrogate and one for an odd last byte.
pub(crate) fn utf16(
    bytes: &[u8],
    big_endian: bool,
    lossy: bool,
    base: usize,
    sink: &mut Sink,
) -> crate::Result<usize> {
    let encoding = if big_endian { encoding_rs::UTF_16BE } else { encoding_rs::UTF_16LE };
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let unit = |i: usize| {
        let pair = [bytes[i], bytes[i + 1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    };
    let mut chunk = String::with_capacity(bytes.len().clamp(16, 1 << 16));
    // bytes handed to the decoder so far; offset of the next character
    let (mut read, mut at, mut replaced) = (0, 0, 0);
    loop {
        chunk.clear();
        let (result, n) = decoder.decode_to_string_without_replacement(&bytes[read..], &mut chunk, true);
        read += n;
        for c in chunk.chars() {
            if c == '\0' {
                return Err(Error::new(
                    ErrorKind::Binary,
                    format!("binary file, skipped (NUL character at byte offset {})", base + at),
                ));
            }
            sink.push(c);
            at += if u32::from(c) >= 0x10000 { 4 } else { 2 };
        }
        let bad = match result {
            DecoderResult::InputEmpty => return Ok(replaced),
            DecoderResult::OutputFull => continue,
            // the bad bytes start at `at`: an unpaired surrogate (2), an odd last byte (1), or both
            DecoderResult::Malformed(bad, _) => usize::from(bad),
        };
        if bad >= 2 {
            if !lossy {
                let u = unit(at);
                return Err(Error::new(
                    ErrorKind::Decode,
                    format!("invalid UTF-16 at byte offset {}: unpaired surrogate 0x{u:04X}", base + at),
                ));
            }
            sink.push('\u{FFFD}');
            replaced += 1;
            at += 2;
        }
        if bad % 2 == 1 {
            if !lossy {
                return Err(Error::new(
                    ErrorKind::Decode,
                    format!("truncated UTF-16 at byte offset {}: odd number of bytes", base + at),
                ));
            }
            sink.push_width('\u{FFFD}', 1);
            replaced += 1;
            at += 1;
        }
    }
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
        // a high surrogate before another, or before an odd last byte; a lone low surrogate
        assert_eq!(
            run16(&[0, 0xD8, 0, 0xD8, 0, 0xDC], false, true).unwrap(),
            ("\u{FFFD}\u{10000}".into(), 1)
        );
        assert_eq!(run16(&[0x41, 0, 0, 0xD8, 0x41], false, true).unwrap(), ("A\u{FFFD}\u{FFFD}".into(), 2));
        let e = run16(&[0x41, 0, 0, 0xD8, 0x41], false, false).unwrap_err();
        assert!(e.to_string().contains("byte offset 4: unpaired surrogate 0xD800"), "{e}");
        let e = run16(&[0x00, 0x41, 0xDC, 0x00, 0x00, 0x41], true, false).unwrap_err();
        assert!(e.to_string().contains("byte offset 4: unpaired surrogate 0xDC00"), "{e}");
        let e = run16(&[0x41, 0, 0x3D, 0xD8, 0x00, 0xDE, 0, 0], false, false).unwrap_err();
        assert!(e.to_string().contains("NUL character at byte offset 8"), "{e}");
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
