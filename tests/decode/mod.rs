//! Decoding the sample files in tests/data/encodings (made from the seed reports by
//! examples/make_encoding_samples.rs): detection, exact text, and the malformed cases.

mod iconv;
mod mixed;
mod viqr;
mod vps;
mod wide;

use proptest::prelude::*;
use std::path::PathBuf;
use vnreport::train::{apply_tone_style, normalize_tone_style, ToneStyle};
use vnreport::ErrorKind;
use vnreport::{can_encode, decode, encode, DecodeOptions, Decoded, Encoding};

const SEEDS: [&str; 3] = ["000", "001", "004"];

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/encodings").join(name)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(data(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn text(name: &str) -> String {
    String::from_utf8(read(name)).unwrap()
}

fn detect(name: &str) -> Decoded {
    decode(&read(name), &DecodeOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn crlf(s: &str) -> String {
    s.replace('\n', "\r\n")
}

/// (sample suffix, encoding it must be detected as, whether it has CRLF endings, whether it
/// is TCVN3 and so loses the case of toned capitals).
const SAMPLES: [(&str, Encoding, bool, bool); 12] = [
    ("utf8.txt", Encoding::Utf8, false, false),
    ("utf8bom.txt", Encoding::Utf8Bom, false, false),
    ("utf16le.txt", Encoding::Utf16Le, false, false),
    ("utf16be.txt", Encoding::Utf16Be, false, false),
    ("crlf.txt", Encoding::Utf8, true, false),
    ("nfd.txt", Encoding::Utf8, false, false),
    ("mixed.txt", Encoding::Utf8, false, false),
    ("modern.txt", Encoding::Utf8, false, false),
    ("tcvn3.txt", Encoding::Tcvn3, true, true),
    ("vni.txt", Encoding::Vni, true, false),
    ("cp1258.txt", Encoding::Cp1258, true, false),
    ("viqr.txt", Encoding::Viqr, false, false),
];

#[test]
fn every_sample_is_detected_and_decodes_exactly() {
    for seed in SEEDS {
        let expected = text(&format!("{seed}.expected.txt"));
        let expected_tcvn3 = text(&format!("{seed}.tcvn3.expected.txt"));
        for (suffix, encoding, has_crlf, is_tcvn3) in SAMPLES {
            let name = format!("{seed}.{suffix}");
            let d = detect(&name);
            let want = if is_tcvn3 { &expected_tcvn3 } else { &expected };
            let want = if has_crlf { crlf(want) } else { want.clone() };
            assert_eq!(d.encoding, encoding, "{name}");
            assert_eq!(d.replaced, 0, "{name}");
            assert!(d.text == want, "{name}: decoded text differs from the expected text");
            assert_eq!(d.text.lines().count(), 30, "{name}");
        }
    }
}

#[test]
fn expected_texts_are_the_originals_in_classic_style() {
    for seed in SEEDS {
        let original = text(&format!("{seed}.utf8.txt"));
        let expected = text(&format!("{seed}.expected.txt"));
        assert_eq!(normalize_tone_style(&original), expected);
        assert_eq!(original.lines().count(), expected.lines().count());
    }
    // Seed 004 mixes styles: "uỷ", "hoá" in the original become "ủy", "hóa".
    let original = text("004.utf8.txt");
    let expected = text("004.expected.txt");
    assert_ne!(original, expected);
    assert!(original.contains("uỷ") || original.contains("hoá"));
    assert!(!expected.contains("uỷ") && !expected.contains("hoá"));
    // TCVN3 keeps everything but the case of toned capitals: "Ủy" reads back as "ủy".
    let tcvn3 = text("000.tcvn3.expected.txt");
    assert!(text("000.expected.txt").contains("Ủy") && tcvn3.contains("ủy ban") && !tcvn3.contains("Ủy"));
}

#[test]
fn samples_are_what_the_tables_produce() {
    // The legacy samples were made with these tables: encoding the original again gives the
    // same bytes, and decoding the encoding gives the expected text back.
    for seed in SEEDS {
        let original = text(&format!("{seed}.utf8.txt"));
        let expected = text(&format!("{seed}.expected.txt"));
        for (enc, suffix, windows) in [
            (Encoding::Tcvn3, "tcvn3.txt", true),
            (Encoding::Vni, "vni.txt", true),
            (Encoding::Cp1258, "cp1258.txt", true),
            (Encoding::Viqr, "viqr.txt", false),
        ] {
            let source = if windows { crlf(&original) } else { original.clone() };
            assert!(encode(&source, enc) == read(&format!("{seed}.{suffix}")), "{seed}.{suffix}");
            if enc != Encoding::Tcvn3 {
                assert!(can_encode(&expected, enc), "{seed} {enc}");
                let opts = DecodeOptions { encoding: Some(enc), lossy: false };
                assert!(decode(&encode(&expected, enc), &opts).unwrap().text == expected, "{seed} {enc}");
            }
        }
    }
}

#[test]
fn issue_examples() {
    let d = decode(b"Ninh B\xD7nh", &DecodeOptions::default()).unwrap();
    assert_eq!((d.text.as_str(), d.encoding), ("Ninh Bình", Encoding::Tcvn3));
    let d = decode(b"cha\xF8o", &DecodeOptions::default()).unwrap();
    assert_eq!((d.text.as_str(), d.encoding), ("chào", Encoding::Vni));
    let d = decode(b"Vie^.t Nam", &DecodeOptions::default()).unwrap();
    assert_eq!((d.text.as_str(), d.encoding), ("Việt Nam", Encoding::Viqr));
    assert_eq!(encode("Ninh Bình", Encoding::Tcvn3), b"Ninh B\xD7nh");
    assert_eq!(encode("chào", Encoding::Vni), b"cha\xF8o");
    assert_eq!(encode("Việt Nam", Encoding::Viqr), b"Vie^.t Nam");
    assert_eq!(serde_json::to_string(&d.encoding).unwrap(), "\"viqr\"");
}

#[test]
fn forced_encoding_overrides_detection() {
    let bytes = read("000.vni.txt");
    for enc in [Encoding::Tcvn3, Encoding::Cp1258] {
        let d = decode(&bytes, &DecodeOptions { encoding: Some(enc), lossy: false }).unwrap();
        assert_eq!(d.encoding, enc);
        assert_ne!(d.text, crlf(&text("000.expected.txt")));
    }
    let e = decode(&bytes, &DecodeOptions { encoding: Some(Encoding::Utf8), lossy: false }).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::Decode);
    assert!(e.to_string().contains("byte offset"), "{e}");
}

#[test]
fn nul_bytes_mean_binary() {
    let e = decode(&read("binary.bin"), &DecodeOptions::default()).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::Binary);
    let e = e.with_path("binary.bin");
    assert!(e.to_string().starts_with("binary.bin: binary file, skipped"), "{e}");
    // Even with --lossy or a forced legacy encoding.
    let opts = DecodeOptions { encoding: Some(Encoding::Tcvn3), lossy: true };
    assert_eq!(decode(&read("binary.bin"), &opts).unwrap_err().kind(), &ErrorKind::Binary);
}

#[test]
fn invalid_utf8_names_the_offset_or_is_replaced() {
    let bytes = read("invalid-utf8.txt");
    let e = decode(&bytes, &DecodeOptions::default()).unwrap_err().with_path("invalid-utf8.txt");
    assert_eq!(e.kind(), &ErrorKind::Decode);
    assert!(e.to_string().starts_with("invalid-utf8.txt: invalid UTF-8 at byte offset 9 (byte 0xFF)"), "{e}");
    let d = decode(&bytes, &DecodeOptions { encoding: None, lossy: true }).unwrap();
    assert_eq!((d.encoding, d.replaced), (Encoding::Utf8, 2));
    assert!(d.text.starts_with("Ủy ban \u{FFFD}nhân dân"));
    assert!(d.text.ends_with("Kết qu\u{FFFD}"));
    assert_eq!(d.text.lines().count(), 4);
}

#[test]
fn truncated_utf8_is_reported_at_its_end() {
    let bytes = read("truncated-utf8.txt");
    let e = decode(&bytes, &DecodeOptions::default()).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::Decode);
    let offset = bytes.len() - 1;
    assert!(e.to_string().starts_with(&format!("truncated UTF-8 sequence at byte offset {offset}")), "{e}");
    let d = decode(&bytes, &DecodeOptions { encoding: None, lossy: true }).unwrap();
    assert_eq!(d.replaced, 1);
    assert!(d.text.ends_with("hành ch\u{FFFD}"));
}

#[test]
fn empty_file_gives_empty_text() {
    let d = decode(&read("empty.txt"), &DecodeOptions::default()).unwrap();
    assert_eq!((d.text.as_str(), d.replaced), ("", 0));
}

#[test]
fn unaccented_text_stays_utf8() {
    // OCR output that lost its diacritics is plain ASCII with "." and "?" after vowels; it
    // must not be taken for VIQR.
    use unicode_normalization::UnicodeNormalization;
    for seed in SEEDS {
        let ascii: String = text(&format!("{seed}.expected.txt"))
            .nfd()
            .filter(|c| c.is_ascii() || *c == 'đ' || *c == 'Đ')
            .map(|c| match c {
                'đ' => 'd',
                'Đ' => 'D',
                c => c,
            })
            .collect();
        let d = decode(ascii.as_bytes(), &DecodeOptions::default()).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8, "{seed}");
        assert!(d.text == ascii, "{seed}");
    }
}

#[test]
fn tone_styles_convert_both_ways() {
    let classic = "Ủy ban, hóa học, thủy lợi, khỏe mạnh, hoàn thành, thuyết phục, quý, giữ gìn";
    let modern = "Uỷ ban, hoá học, thuỷ lợi, khoẻ mạnh, hoàn thành, thuyết phục, quý, giữ gìn";
    assert_eq!(apply_tone_style(classic, ToneStyle::Modern), modern);
    assert_eq!(normalize_tone_style(modern), classic);
    assert_eq!(normalize_tone_style("HOÀ BÌNH, THUỶ"), "HÒA BÌNH, THỦY");
}

/// Bytes that exercise every decoder's special cases: BOM starts, VNI and TCVN3 letters and
/// marks, Windows-1258 tone bytes, VIQR marks, UTF-8 lead and continuation bytes, line breaks.
const TRICKY: [u8; 40] = [
    b'a', b'o', b'u', b'd', b'D', b'A', b'y', b'i', b' ', b'\n', b'\r', b'\\', b'^', b'(', b'+', b'\'', b'`',
    b'?', b'~', b'.', 0xEF, 0xBB, 0xBF, 0xFE, 0xFF, 0xE2, 0xEA, 0xF9, 0xF8, 0xF4, 0xF6, 0xD1, 0xCC, 0xEC,
    0xF2, 0xC3, 0xA1, 0xE1, 0xBA, 0x80,
];

/// Text over the Vietnamese alphabet, ASCII punctuation (VIQR's marks included) and spaces.
fn vietnamese_text() -> impl Strategy<Value = String> {
    let chars: Vec<char> = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
        .chars()
        .flat_map(|c| [c, c.to_uppercase().next().unwrap_or(c)])
        .chain("bcdghklmnpqrstvx  \n.,;:?!'`~^(+\\-\"“”0123456789".chars())
        .collect();
    prop::collection::vec(prop::sample::select(chars), 0..60).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #[test]
    fn decode_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300), lossy: bool, pick in 0usize..9) {
        let encoding = Encoding::ALL.get(pick).copied();
        if let Ok(d) = decode(&bytes, &DecodeOptions { encoding, lossy }) {
            prop_assert!(lossy || d.replaced == 0);
        }
    }

    #[test]
    fn decode_never_panics_on_tricky_bytes(
        bytes in prop::collection::vec(prop::sample::select(TRICKY.to_vec()), 0..200),
        lossy: bool,
        pick in 0usize..9,
    ) {
        let encoding = Encoding::ALL.get(pick).copied();
        if let Ok(d) = decode(&bytes, &DecodeOptions { encoding, lossy }) {
            // Line breaks survive every decoding.
            let breaks = |b: &[u8]| b.iter().filter(|&&b| b == b'\n').count();
            if !matches!(d.encoding, Encoding::Utf16Le | Encoding::Utf16Be) {
                prop_assert_eq!(d.text.matches('\n').count(), breaks(&bytes));
            }
        }
    }

    #[test]
    fn tone_style_is_idempotent(s in any::<String>()) {
        let once = normalize_tone_style(&s);
        prop_assert_eq!(normalize_tone_style(&once), once.clone());
        let modern = apply_tone_style(&s, ToneStyle::Modern);
        prop_assert_eq!(apply_tone_style(&modern, ToneStyle::Modern), modern);
    }

    #[test]
    fn vietnamese_tone_style_is_idempotent(s in vietnamese_text()) {
        let once = normalize_tone_style(&s);
        prop_assert_eq!(normalize_tone_style(&once), once.clone());
        prop_assert_eq!(normalize_tone_style(&apply_tone_style(&once, ToneStyle::Modern)), once);
    }

    #[test]
    fn legacy_encodings_round_trip(s in vietnamese_text()) {
        let expected = normalize_tone_style(&s);
        for enc in [Encoding::Vni, Encoding::Cp1258, Encoding::Viqr, Encoding::Utf16Le, Encoding::Utf8Bom] {
            // VIQR cannot write a word-final tone that makes no syllable ("àà") in a text with
            // nothing to escape: a file without escapes reads such a tone as punctuation
            if enc == Encoding::Viqr && !can_encode(&s, enc) {
                continue;
            }
            prop_assert!(can_encode(&s, enc));
            let d = decode(&encode(&s, enc), &DecodeOptions { encoding: Some(enc), lossy: false }).unwrap();
            prop_assert_eq!(&d.text, &expected, "{}", enc);
        }
        let lower = s.to_lowercase();
        let d = decode(&encode(&lower, Encoding::Tcvn3), &DecodeOptions { encoding: Some(Encoding::Tcvn3), lossy: false })
            .unwrap();
        prop_assert_eq!(d.text, normalize_tone_style(&lower));
    }
}
