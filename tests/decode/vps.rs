//! VPS, against GNU recode's VPS table: the letters at their documented bytes (the table as
//! `recode -lf VPS` lists it, written out below), a report in VPS detected and decoded
//! exactly, text encoded to the same bytes; and against recode itself when it is installed.
//! VPS files used to be detected as VISCII, with a third of their words wrong and exit 0, and
//! OCR output in VPS as TCVN3: every shipped document in every 8-bit table is now read right
//! or refused with an error naming its table.

use crate::common::{bin, read};
use std::io::Write;
use std::process::{Command, Stdio};
use unicode_normalization::UnicodeNormalization;
use vnreport::{decode, encode, DecodeOptions, Encoding, ErrorKind};

/// Each Vietnamese letter VPS puts away from its Latin-1 position, followed by its byte in
/// hex (`recode -lf VPS`); every other char below U+0100 is its own byte.
const VPS_LETTERS: &str = "Ạ02Ậ03Ặ04Ẹ05Ệ06Ị10Ọ11Ộ12Ợ13Ụ14Ự15Ỵ19Ẫ1CỮ1DÀ80Ả81Ã82Ấ83Ầ84Ẩ85ọ86ỗ87Ă88ế89ề8Aể8Bệ8C\
    Ắ8DẰ8EẲ8FẾ90Ề93Ể94Ễ95Ố96Ồ97Ổ98ý9Aỷ9Bỵ9CỚ9DỜ9EỞ9FắA1ằA2ẳA3ẵA4ặA5ỠA6ớA7ÙA8ờA9ởAAỡABŨACỨADợAE\
    ỪAFổB0ỬB1ỲB2ỸB3ÍB4ÌB5ộB6ỈB7ĨB8ÓB9ửBAữBBÒBCỎBDÕBEựBFầC0ấC3ẩC4ẫC5ậC6đC7ẻC8ẹCBỉCCễCDịCEỹCF\
    ƯD0ỦD1ồD2ốD3ỏD5ơD6ÈD7ừD8ứD9ũDBưDCẺDEảE4ạE5ăE6ẽEBĩEFẴF0ĐF1ƠF7ụF8ủFBỶFDẼFEỳFF";

/// `text` in VPS by the table above.
fn to_vps(text: &str) -> Vec<u8> {
    let chars: Vec<char> = VPS_LETTERS.chars().filter(|c| !c.is_whitespace()).collect();
    let table: Vec<(char, u8)> = chars
        .chunks(3)
        .map(|t| (t[0], u8::from_str_radix(&t[1..].iter().collect::<String>(), 16).expect("hex")))
        .collect();
    assert_eq!(table.len(), 111);
    text.chars()
        .map(|c| match table.iter().find(|t| t.0 == c) {
            Some(&(_, b)) => b,
            None => u8::try_from(u32::from(c)).unwrap_or_else(|_| panic!("{c:?} is not in VPS")),
        })
        .collect()
}

/// A report with the letters VPS has (it lacks the capital Ỗ) and straight quotes.
fn report() -> String {
    read("corpus/clean/000_4ccff56f1272ca17.txt")
        .nfc()
        .map(|c| if "“”".contains(c) { '"' } else { c })
        .collect()
}

#[test]
fn a_vps_report_is_detected_and_decoded_exactly() {
    let text = report();
    let bytes = to_vps(&text);
    let d = decode(&bytes, &DecodeOptions::default()).expect("decodes");
    assert_eq!(d.encoding, Encoding::Vps, "not VISCII or another table");
    assert_eq!(d.text, text);
    assert_eq!(encode(&text, Encoding::Vps), bytes);
    // the CLI says so in the report
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("vps.txt");
    std::fs::write(&file, &bytes).unwrap();
    let out = Command::new(bin()).arg("extract").arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["source"]["encoding"], "vps");
    // and the other tables are still told apart from it
    for e in [Encoding::Tcvn3, Encoding::Vni, Encoding::Cp1258, Encoding::Viscii, Encoding::Vn1] {
        assert_eq!(decode(&encode(&text, e), &DecodeOptions::default()).unwrap().encoding, e);
    }
}

#[test]
fn vps_agrees_with_recode_when_installed() {
    let text = report();
    let Ok(mut child) = Command::new("recode")
        .arg("UTF-8..VPS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    else {
        eprintln!("GNU recode not found: skipped");
        return;
    };
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(out.stdout, to_vps(&text));
    // one letter a word, so that no tone moves
    let every_byte: Vec<u8> = (0x80..=0xFFu8).flat_map(|b| [b, b' ']).collect();
    let forced = decode(&every_byte, &DecodeOptions { encoding: Some(Encoding::Vps), lossy: false }).unwrap();
    let recoded = Command::new("sh")
        .arg("-c")
        .arg("recode -f VPS..UTF-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().unwrap().write_all(&every_byte)?;
            c.wait_with_output()
        })
        .unwrap();
    // bytes VPS leaves undefined (recode: U+FFFD) keep their own code point here
    let theirs: String = String::from_utf8(recoded.stdout).unwrap().nfc().collect();
    let (ours, theirs): (Vec<&str>, Vec<&str>) =
        (forced.text.split(' ').collect(), theirs.split(' ').collect());
    assert_eq!(ours.len(), theirs.len());
    let defined = ours.iter().zip(&theirs).filter(|(_, t)| **t != "\u{FFFD}");
    for (k, (o, t)) in defined.enumerate() {
        assert_eq!(o, t, "letter {k}");
    }
    assert!(theirs.iter().filter(|t| **t != "\u{FFFD}").count() > 100);
}

/// The 8-bit tables detection chooses among.
const TABLES: [Encoding; 6] =
    [Encoding::Tcvn3, Encoding::Vni, Encoding::Cp1258, Encoding::Viscii, Encoding::Vn1, Encoding::Vps];

/// The shipped documents (relative path, whether it is OCR output) in a fixed order.
fn shipped_documents() -> Vec<(String, bool)> {
    let mut docs = Vec::new();
    for (dir, ocr) in [("corpus/clean", false), ("corpus/degraded", true), ("corpus/synthetic", true)] {
        let mut names: Vec<String> = std::fs::read_dir(crate::common::repo(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        names.sort();
        docs.extend(names.into_iter().map(|n| (format!("{dir}/{n}"), ocr)));
    }
    docs.push(("corpus/gold/003.dev.gold.txt".into(), false));
    docs.push(("corpus/gold/003.dev.ocr.txt".into(), true));
    assert_eq!((docs.len(), docs.iter().filter(|d| d.1).count()), (23, 18));
    docs
}

/// `bytes` decoded as `encoding` by force.
fn forced(bytes: &[u8], encoding: Encoding) -> String {
    decode(bytes, &DecodeOptions { encoding: Some(encoding), lossy: false }).unwrap().text
}

#[test]
fn ocr_output_in_vps_is_detected_as_vps_or_refused_naming_it() {
    for (path, ocr) in shipped_documents() {
        if !ocr {
            continue;
        }
        let bytes = encode(&read(&path), Encoding::Vps);
        match decode(&bytes, &DecodeOptions::default()) {
            Ok(d) => assert_eq!(d.encoding, Encoding::Vps, "{path}: read as another table"),
            Err(e) => {
                assert_eq!(e.kind(), &ErrorKind::Decode, "{path}");
                let msg = e.to_string();
                assert!(msg.contains("VPS") && msg.contains("--encoding vps"), "{path}: {msg}");
            }
        }
    }
    // through the CLI: exit 2, nothing on stdout, the tables to choose from on stderr
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("003.ocr.vps.txt");
    std::fs::write(&file, encode(&read("corpus/gold/003.dev.ocr.txt"), Encoding::Vps)).unwrap();
    let out = Command::new(bin()).arg("restore").arg(&file).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(
        stderr.contains("about equally well")
            && stderr.contains("--encoding tcvn3")
            && stderr.contains("--encoding vps"),
        "{stderr}"
    );
    // and forced, it reads
    let out = Command::new(bin()).args(["restore", "--encoding", "vps"]).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn every_shipped_document_in_every_8bit_table_is_read_right_or_refused() {
    let (mut right, mut refused) = (0, 0);
    for (path, ocr) in shipped_documents() {
        let text = read(&path);
        for table in TABLES {
            let bytes = encode(&text, table);
            let what = format!("{path} in {table}");
            match decode(&bytes, &DecodeOptions::default()) {
                Ok(d) => {
                    // VN1 and TCVN3 read the same lower-case bytes: either is right when the
                    // text is
                    assert!(
                        d.text == forced(&bytes, table),
                        "{what}: read as {} into other text",
                        d.encoding
                    );
                    right += 1;
                }
                Err(e) => {
                    let msg = e.to_string();
                    assert!(msg.contains(&format!("--encoding {}", table.name())), "{what}: {msg}");
                    refused += 1;
                }
            }
            // typed text, and OCR output in TCVN3, VN1 and VNI, are read, in their own table
            // for typed text
            let must_read = !ocr || matches!(table, Encoding::Tcvn3 | Encoding::Vn1 | Encoding::Vni);
            if must_read {
                let d = decode(&bytes, &DecodeOptions::default()).unwrap_or_else(|e| panic!("{what}: {e}"));
                if !ocr {
                    assert_eq!(d.encoding, table, "{what}");
                }
            }
        }
    }
    assert_eq!(right + refused, 23 * 6);
    assert!(refused <= 18 * 3, "{refused} refused");
}

/// OCR by an engine that writes only é among the marked letters: every mark dropped, đ made d,
/// and an e with any mark made é (É).
fn e_acute_only(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            _ => {
                let mut parts = std::iter::once(c).nfd();
                let base = parts.next().unwrap_or(c);
                match (base, parts.next().is_some()) {
                    ('e', true) => 'é',
                    ('E', true) => 'É',
                    (b, true) if b.is_ascii_alphabetic() => b,
                    _ => c,
                }
            }
        })
        .collect()
}

#[test]
fn ocr_in_vn1_with_headings_in_capitals_is_not_taken_for_viscii() {
    // VISCII reads VN1's É as capitals that make more valid syllables, but inside lower-case
    // words: the readings that mix the cases rank lower
    let text: String = read("corpus/clean/001_4b7321f46e9814a7.txt")
        .lines()
        .take(60)
        .enumerate()
        .map(|(i, l)| if i % 4 == 0 { l.to_uppercase() } else { l.to_string() } + "\n")
        .collect();
    let bytes = encode(&e_acute_only(&text), Encoding::Vn1);
    match decode(&bytes, &DecodeOptions::default()) {
        Ok(d) => assert_eq!(d.text, forced(&bytes, Encoding::Vn1), "read as {}", d.encoding),
        Err(e) => assert!(e.to_string().contains("--encoding vn1"), "{e}"),
    }
    assert_ne!(forced(&bytes, Encoding::Viscii), forced(&bytes, Encoding::Vn1));
}
