//! Fuzz target `decode`: arbitrary bytes and legacy-encoded Vietnamese with random corruption,
//! through detection and every forced encoding, strict and lossy.

use super::gen::{corrupt, corruption, ending, texty_bytes, CORPUS_LINES};
use super::watchdog::within;
use super::{check::endings, config};
use proptest::prelude::*;
use unicode_normalization::is_nfc;
use vnreport::train::normalize_tone_style;
use vnreport::ErrorKind;
use vnreport::{can_encode, decode, encode, DecodeOptions, Decoded, Encoding};

/// The options tried on every input: detection and each encoding, strict and lossy.
fn all_options() -> Vec<DecodeOptions> {
    let mut out = Vec::new();
    for encoding in std::iter::once(None).chain(Encoding::ALL.into_iter().map(Some)) {
        for lossy in [false, true] {
            out.push(DecodeOptions { encoding, lossy });
        }
    }
    out
}

/// The byte offset an error message names.
fn offset_in(message: &str) -> Option<usize> {
    let at = message.find("byte offset ")? + "byte offset ".len();
    message[at..].split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

/// The line endings the bytes hold, read as `encoding` would read them.
fn byte_endings(bytes: &[u8], d: &Decoded) -> Vec<String> {
    let text = match d.encoding {
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let mark: &[u8] = if d.encoding == Encoding::Utf16Be { b"\xFE\xFF" } else { b"\xFF\xFE" };
            let body = bytes.strip_prefix(mark).unwrap_or(bytes);
            let units = body.chunks_exact(2).map(|p| {
                if d.encoding == Encoding::Utf16Be {
                    u16::from_be_bytes([p[0], p[1]])
                } else {
                    u16::from_le_bytes([p[0], p[1]])
                }
            });
            let mut text: String = char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')).collect();
            if body.len() % 2 == 1 {
                text.push('\u{FFFD}'); // an odd final byte
            }
            text
        }
        // every other encoding keeps CR and LF as the ASCII bytes (after a UTF-8 mark)
        _ => {
            let body = if d.encoding == Encoding::Utf8Bom {
                bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
            } else {
                bytes
            };
            body.iter().map(|&b| if b == b'\r' || b == b'\n' { b as char } else { 'x' }).collect::<String>()
        }
    };
    endings(&text).into_iter().map(str::to_string).collect()
}

/// Decode `bytes` with `opts` and check the result, whatever it is.
fn decode_checked(bytes: &[u8], opts: DecodeOptions) -> Result<Option<Decoded>, String> {
    let owned = bytes.to_vec();
    let result = within("decode", bytes.len(), move || decode(&owned, &opts));
    let what = format!("{:?} lossy={}", opts.encoding, opts.lossy);
    match result {
        Ok(d) => {
            if !is_nfc(&d.text) {
                return Err(format!("{what}: text is not NFC: {:?}", d.text));
            }
            if normalize_tone_style(&d.text) != d.text {
                return Err(format!("{what}: text is not in the classic tone style: {:?}", d.text));
            }
            let want = byte_endings(bytes, &d);
            let got: Vec<&str> = endings(&d.text);
            if got != want {
                return Err(format!("{what}: line endings {got:?}, the bytes hold {want:?}"));
            }
            if d.replaced > 0 && !opts.lossy {
                return Err(format!("{what}: {} replacements without lossy", d.replaced));
            }
            if d.replaced > d.text.matches('\u{FFFD}').count() {
                return Err(format!("{what}: {} replacements but fewer U+FFFD", d.replaced));
            }
            Ok(Some(d))
        }
        Err(e) => {
            let msg = e.to_string();
            match e.kind() {
                ErrorKind::Binary => {
                    if !bytes.contains(&0) || !msg.starts_with("binary file, skipped") {
                        return Err(format!("{what}: binary error {msg:?} for bytes without NUL"));
                    }
                }
                ErrorKind::Decode => {
                    if opts.lossy {
                        return Err(format!("{what}: lossy decoding failed: {msg}"));
                    }
                    match offset_in(&msg) {
                        Some(at) if at < bytes.len() => {}
                        _ => return Err(format!("{what}: error without a byte offset in the file: {msg}")),
                    }
                    if opts.encoding.is_none() && msg.contains("UTF-8") {
                        let valid = std::str::from_utf8(bytes).err().map(|e| e.valid_up_to());
                        if valid != offset_in(&msg) {
                            return Err(format!("{what}: offset in {msg:?}, first bad byte at {valid:?}"));
                        }
                    }
                }
                k => return Err(format!("{what}: unexpected error kind {k:?}: {msg}")),
            }
            Ok(None)
        }
    }
}

/// Text from corpus lines, in the classic tone style, with random endings.
fn vietnamese() -> impl Strategy<Value = String> {
    prop::collection::vec((0..CORPUS_LINES.len(), ending()), 1..8).prop_map(|ls| {
        let text: String = ls.into_iter().map(|(i, e)| format!("{}{e}", CORPUS_LINES[i])).collect();
        normalize_tone_style(&text)
    })
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn arbitrary_bytes(bytes in prop_oneof![prop::collection::vec(any::<u8>(), 0..400), texty_bytes()]) {
        for opts in all_options() {
            let r = decode_checked(&bytes, opts);
            prop_assert!(r.is_ok(), "{}\nbytes: {:?}", r.unwrap_err(), bytes);
        }
    }

    #[test]
    fn legacy_vietnamese_with_corruption(
        text in vietnamese(),
        encoding in prop::sample::select(Encoding::ALL.to_vec()),
        edits in prop::collection::vec(corruption(), 0..4),
    ) {
        let mut bytes = encode(&text, encoding);
        corrupt(&mut bytes, &edits);
        let mut results = Vec::new();
        for opts in all_options() {
            let r = decode_checked(&bytes, opts);
            prop_assert!(r.is_ok(), "{}\n{encoding} {edits:?}\nbytes: {:?}", r.as_ref().unwrap_err(), bytes);
            results.push((opts, r.unwrap()));
        }
        if edits.is_empty() && can_encode(&text, encoding) {
            for (opts, d) in results {
                if opts.encoding == Some(encoding) {
                    let d = d.expect("an intact file decodes in its own encoding");
                    prop_assert_eq!(d.text, text.clone(), "{} did not round-trip", encoding);
                }
            }
        }
    }
}
