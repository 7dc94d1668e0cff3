//! Offsets that point at the file: `file_start`/`file_end` slice the line as the file reads
//! and `byte_start`/`byte_end` the file's bytes, whatever the encoding, normal form or line
//! endings; and a reference's span agrees with its `raw` over the whole corpus.

use super::{extract, identity_restoration, locate_in_file, Extraction, Span};
use crate::restore::Restoration;
use crate::text::decode::{decode, decode_mapped, encode, DecodeOptions, Encoding};
use unicode_normalization::UnicodeNormalization;

/// Path of a committed corpus file.
fn corpus(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(rel)
}

/// The first file in a corpus folder whose name starts with `prefix`.
fn corpus_file(dir: &str, prefix: &str) -> String {
    let d = corpus(dir);
    let mut names: Vec<_> = std::fs::read_dir(&d)
        .unwrap_or_else(|e| panic!("{}: {e}", d.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix)))
        .collect();
    names.sort();
    let p = names.first().unwrap_or_else(|| panic!("no {prefix}* in {}", d.display()));
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn chars(s: &str, a: usize, b: usize) -> String {
    s.chars().skip(a).take(b.saturating_sub(a)).collect()
}

/// Extraction from `bytes` in `enc`, pointed at the file; the text is taken as restored.
fn mapped(bytes: &[u8], enc: Encoding) -> (Restoration, Extraction) {
    let opts = DecodeOptions { encoding: Some(enc), lossy: false };
    let (decoded, map) = decode_mapped(bytes, &opts).expect("decodes");
    let r = identity_restoration(&decoded.text);
    let mut x = extract(&r);
    locate_in_file(&mut x, &map, &r.lines);
    (r, x)
}

fn spans(x: &Extraction) -> Vec<Span> {
    x.indicators.iter().map(|i| i.span).chain(x.references.iter().map(|r| r.span)).collect()
}

/// Every span's bytes decode to the span's decoded text; returns how many spans there were.
fn bytes_slice_to_the_span(bytes: &[u8], enc: Encoding) -> usize {
    let (r, x) = mapped(bytes, enc);
    let opts = DecodeOptions { encoding: Some(enc), lossy: false };
    let all = spans(&x);
    for s in &all {
        let (a, b) = (s.byte_start.expect("byte_start") as usize, s.byte_end.expect("byte_end") as usize);
        let piece = decode(&bytes[a..b], &opts).expect("slice decodes").text;
        let want = chars(&r.lines[s.line - 1].input, s.start, s.end);
        assert_eq!(piece, want, "{enc} line {} bytes {a}..{b}", s.line);
    }
    all.len()
}

/// The text of report 004 with some words in the new tone style ("hoá"), so decoding moves
/// tones as well as composing them.
fn report() -> String {
    corpus_file("clean", "004_").replace("hóa", "hoá").replace("thủy", "thuỷ").replace("Hòa", "Hoà")
}

#[test]
fn nfd_and_crlf_files_line_up_by_chars_and_bytes() {
    let text = report();
    let nfd: String = text.nfd().collect();
    let crlf = nfd.replace('\n', "\r\n");
    for file in [nfd, crlf, text.replace('\n', "\r\n")] {
        let n = bytes_slice_to_the_span(file.as_bytes(), Encoding::Utf8);
        assert!(n > 100, "{n} spans");
        let (r, x) = mapped(file.as_bytes(), Encoding::Utf8);
        let lines: Vec<&str> = file.lines().collect();
        let mut moved = 0;
        for s in spans(&x) {
            let (fs, fe) = (s.file_start.expect("file_start"), s.file_end.expect("file_end"));
            let in_file = chars(lines[s.line - 1], fs, fe);
            // the file's own characters, NFD and new-style tones included
            let nfc: String = in_file.nfc().collect();
            let want = chars(&r.lines[s.line - 1].input, s.start, s.end);
            assert_eq!(crate::viet::normalize_tone_style(&nfc), want, "line {}", s.line);
            moved += usize::from((fs, fe) != (s.start, s.end));
        }
        if file.contains('\u{301}') {
            assert!(moved > 50, "NFD moves the offsets of most spans ({moved})");
        }
    }
}

#[test]
fn legacy_and_utf16_files_line_up_by_bytes() {
    let text = report();
    for enc in [
        Encoding::Tcvn3,
        Encoding::Vni,
        Encoding::Cp1258,
        Encoding::Viqr,
        Encoding::Viscii,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Utf8Bom,
    ] {
        let bytes = encode(&text.replace('\n', "\r\n"), enc);
        let n = bytes_slice_to_the_span(&bytes, enc);
        assert!(n > 100, "{enc}: {n} spans");
    }
}

#[test]
fn a_tcvn3_file_has_one_char_per_byte() {
    let bytes = encode(&report(), Encoding::Tcvn3);
    let (_, x) = mapped(&bytes, Encoding::Tcvn3);
    let mut line_start = vec![0usize];
    line_start.extend(bytes.iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| i + 1));
    for s in spans(&x) {
        let base = line_start[s.line - 1];
        let (a, b) = (s.byte_start.unwrap() as usize, s.byte_end.unwrap() as usize);
        assert_eq!((s.file_start.unwrap(), s.file_end.unwrap()), (a - base, b - base), "line {}", s.line);
    }
}

#[test]
fn vni_letters_take_several_bytes() {
    // "Quyết định" in VNI: u, y, e + two mark bytes, d-stroke, i + tone byte, n, h
    let line = "Thực hiện Quyết định số 1205/QĐ-UBND ngày 16/4/2025, đạt 96,5% kế hoạch.";
    let bytes = encode(line, Encoding::Vni);
    let (_, x) = mapped(&bytes, Encoding::Vni);
    let r = &x.references[0];
    assert_eq!(r.raw, "Quyết định số 1205/QĐ-UBND ngày 16/4/2025");
    let (a, b) = (r.span.byte_start.unwrap() as usize, r.span.byte_end.unwrap() as usize);
    assert!(b - a > r.raw.chars().count(), "composed letters take more bytes than chars");
    assert_eq!(
        decode(&bytes[a..b], &DecodeOptions { encoding: Some(Encoding::Vni), lossy: false }).unwrap().text,
        r.raw
    );
    let i = &x.indicators[0];
    let (a, b) = (i.span.byte_start.unwrap() as usize, i.span.byte_end.unwrap() as usize);
    assert_eq!(&bytes[a..b], b"96,5%");
}

#[test]
fn reference_spans_agree_with_raw_over_the_corpus() {
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["clean", "synthetic", "degraded", "gold"] {
        let d = corpus(dir);
        for e in std::fs::read_dir(&d).expect("corpus folder").flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "txt") && !p.ends_with("README.md") {
                files.push(p);
            }
        }
    }
    let (mut whole, mut total) = (0, 0);
    for p in files {
        let text = std::fs::read_to_string(&p).expect("corpus text");
        let r = identity_restoration(&text);
        let x = extract(&r);
        for rf in &x.references {
            let line = &r.lines[rf.span.line - 1].text;
            let span = chars(line, rf.span.restored_start, rf.span.restored_end);
            let flat = span.split_whitespace().collect::<Vec<_>>().join(" ");
            total += 1;
            if flat == rf.raw {
                whole += 1;
                continue;
            }
            // a citation across lines: the span is its part on the number's line
            let at_edge = rf.span.restored_start == 0 || rf.span.restored_end == line.chars().count();
            assert!(
                at_edge && rf.raw.contains(&flat),
                "{}: line {}: {span:?} vs {:?}",
                p.display(),
                rf.span.line,
                rf.raw
            );
        }
    }
    assert!(total > 300, "{total} references");
    assert!(whole * 10 > total * 9, "{whole} of {total} spans hold their whole citation");
}
