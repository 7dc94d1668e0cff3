//! VPS, against GNU recode's VPS table: the letters at their documented bytes (the table as
//! `recode -lf VPS` lists it, written out below), a report in VPS detected and decoded
//! exactly, text encoded to the same bytes; and against recode itself when it is installed.
//! VPS files used to be detected as VISCII, with a third of their words wrong and exit 0.

use crate::common::{bin, read};
use std::io::Write;
use std::process::{Command, Stdio};
use unicode_normalization::UnicodeNormalization;
use vnreport::{decode, encode, DecodeOptions, Encoding};

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
