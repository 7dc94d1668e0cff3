//! Regenerates the decoding test samples in tests/data/encodings/ from the clean seed reports,
//! using vnreport's own encoding tables (see tests/data/encodings/README.md).
//!
//! Run from the crate root: `cargo run --features tools --example make_encoding_samples [SEED_DIR] [OUT_DIR]`
//! (defaults: corpus/clean and tests/data/encodings).

use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;
use vnreport::train::{apply_tone_style, normalize_tone_style, ToneStyle};
use vnreport::{can_encode, encode, Encoding};

/// The seeds sampled, by file-name prefix (the sample files are named after it).
const SEEDS: [&str; 3] = ["000_", "001_", "004_"];
/// Lines taken from each seed.
const LINES: usize = 30;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let seeds = PathBuf::from(args.next().unwrap_or_else(|| "corpus/clean".into()));
    let out = PathBuf::from(args.next().unwrap_or_else(|| "tests/data/encodings".into()));
    std::fs::create_dir_all(&out)?;
    for prefix in SEEDS {
        let seed = find_seed(&seeds, prefix)?;
        let text = std::fs::read_to_string(&seed)?;
        let name = prefix.trim_end_matches('_');
        write_samples(&out, name, &pick_lines(&text))?;
        println!("{name}: from {}", seed.display());
    }
    write_malformed(&out)?;
    Ok(())
}

fn find_seed(dir: &Path, prefix: &str) -> Result<PathBuf, Box<dyn std::error::Error>> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".txt"))
        {
            return Ok(path);
        }
    }
    Err(format!("no seed {prefix}*.txt in {}", dir.display()).into())
}

/// The first [`LINES`] lines that every legacy encoding can hold (TCVN3 up to the case of
/// toned capitals); lines with characters such as superscript digits are skipped.
fn pick_lines(text: &str) -> String {
    let fits = |line: &str| {
        can_encode(line, Encoding::Cp1258)
            && can_encode(line, Encoding::Vni)
            && can_encode(&tcvn3_fold(line), Encoding::Tcvn3)
    };
    let fitting: Vec<&str> = text.lines().filter(|l| fits(l)).collect();
    // The first lines, then (where the seed has them) lines in the modern tone style, so the
    // samples also exercise the conversion to the classic style.
    let head = LINES * 2 / 3;
    let mut picked: Vec<usize> = (0..head.min(fitting.len())).collect();
    let modern = (head..fitting.len()).filter(|&i| normalize_tone_style(fitting[i]) != fitting[i]);
    picked.extend(modern.take(LINES - picked.len()));
    picked.extend(
        (head..fitting.len()).filter(|i| !picked.contains(i)).take(LINES - picked.len()).collect::<Vec<_>>(),
    );
    picked.sort_unstable();
    let lines: Vec<&str> = picked.iter().map(|&i| fitting[i]).collect();
    lines.join("\n") + "\n"
}

/// What TCVN3 can give back: toned capitals become lower case (VN3 has no bytes for them).
fn tcvn3_fold(text: &str) -> String {
    text.chars()
        .map(|c| {
            let s = c.to_string();
            if can_encode(&s, Encoding::Tcvn3) {
                c
            } else {
                c.to_lowercase().next().unwrap_or(c)
            }
        })
        .collect()
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

fn write_samples(out: &Path, name: &str, original: &str) -> std::io::Result<()> {
    let expected = normalize_tone_style(original);
    let write = |suffix: &str, bytes: &[u8]| std::fs::write(out.join(format!("{name}.{suffix}")), bytes);
    write("utf8.txt", original.as_bytes())?;
    write("expected.txt", expected.as_bytes())?;
    write("tcvn3.expected.txt", tcvn3_fold(&expected).as_bytes())?;
    // Legacy files come from Windows: CRLF line endings.
    write("tcvn3.txt", &encode(&crlf(original), Encoding::Tcvn3))?;
    write("vni.txt", &encode(&crlf(original), Encoding::Vni))?;
    write("cp1258.txt", &encode(&crlf(original), Encoding::Cp1258))?;
    write("viqr.txt", &encode(original, Encoding::Viqr))?;
    write("utf8bom.txt", &encode(original, Encoding::Utf8Bom))?;
    write("utf16le.txt", &encode(original, Encoding::Utf16Le))?;
    write("utf16be.txt", &encode(original, Encoding::Utf16Be))?;
    write("crlf.txt", crlf(original).as_bytes())?;
    let nfd: String = original.nfd().collect();
    write("nfd.txt", nfd.as_bytes())?;
    let mixed: String = original
        .split_inclusive('\n')
        .enumerate()
        .map(|(i, line)| if i % 2 == 1 { line.nfd().collect() } else { line.to_string() })
        .collect();
    write("mixed.txt", mixed.as_bytes())?;
    write("modern.txt", apply_tone_style(original, ToneStyle::Modern).as_bytes())?;
    Ok(())
}

/// Files that must not decode as they are.
fn write_malformed(out: &Path) -> std::io::Result<()> {
    let line = "Ủy ban nhân dân thành phố Hải Phòng báo cáo kết quả cải cách hành chính.\n";
    std::fs::write(out.join("empty.txt"), b"")?;
    let mut binary = line.as_bytes().to_vec();
    binary.extend([0x00, 0x01, 0x02, 0x00, 0xFF, 0x89, b'P', b'N', b'G']);
    std::fs::write(out.join("binary.bin"), binary)?;
    // A stray 0xFF after "Ủy ban " (byte offset 9), and an "ả" cut short at the end.
    let mut invalid = line.repeat(3).into_bytes();
    invalid.insert(9, 0xFF);
    invalid.extend("Kết quả".as_bytes().split_last().map_or(&[][..], |(_, rest)| rest));
    std::fs::write(out.join("invalid-utf8.txt"), invalid)?;
    // Cut inside the last "í" (after its first byte), as a transfer cut short would.
    let truncated = line.repeat(2);
    let cut = truncated.rfind('í').map_or(truncated.len(), |i| i + 1);
    std::fs::write(out.join("truncated-utf8.txt"), &truncated.as_bytes()[..cut])?;
    Ok(())
}
