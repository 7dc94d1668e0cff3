//! VISCII, VN1 (full TCVN 5712) and VPS: single-byte encodings read and written through tables
//! generated from iconv (`iconv_tables.rs`) and GNU recode (`vps_table.rs`, iconv has no VPS),
//! so that vnreport agrees with them byte for byte. Without them such files were read as
//! TCVN3 or VISCII and came out half garbage.

use super::super::sink::Sink;
use super::iconv_tables::{VISCII, VN1};
use super::vps_table::VPS;
use std::collections::HashMap;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// Which table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Table {
    Viscii,
    Vn1,
    Vps,
}

impl Table {
    fn decode_table(self) -> &'static [char; 256] {
        match self {
            Table::Viscii => &VISCII,
            Table::Vn1 => &VN1,
            Table::Vps => &VPS,
        }
    }

    fn encode_map(self) -> &'static HashMap<char, u8> {
        static MAPS: OnceLock<[HashMap<char, u8>; 3]> = OnceLock::new();
        let maps = MAPS.get_or_init(|| {
            let build = |t: &[char; 256]| {
                let mut m = HashMap::new();
                for (b, &c) in t.iter().enumerate() {
                    // the first byte for a character wins (no character has two in any)
                    m.entry(c).or_insert(b as u8);
                }
                m
            };
            [build(&VISCII), build(&VN1), build(&VPS)]
        });
        &maps[self as usize]
    }
}

/// Decode `bytes` through `table`; the sink composes VN1's combining tone marks (NFC).
pub(crate) fn decode(bytes: &[u8], table: Table, sink: &mut Sink) {
    super::decode_table(bytes, table.decode_table(), sink);
}

/// Encode `text` (NFC), appending to `out`; a character the table lacks is written
/// decomposed when its parts are there (VN1's combining tones), else as '?' (then false).
pub(crate) fn encode(text: &str, table: Table, out: &mut Vec<u8>) -> bool {
    let map = table.encode_map();
    let mut faithful = true;
    for c in text.chars() {
        if let Some(&b) = map.get(&c) {
            out.push(b);
            continue;
        }
        let parts: Option<Vec<u8>> = std::iter::once(c).nfd().map(|p| map.get(&p).copied()).collect();
        match parts {
            Some(bytes) if bytes.len() > 1 => out.extend(bytes),
            _ => {
                faithful = false;
                out.push(b'?');
            }
        }
    }
    faithful
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8], t: Table) -> String {
        let mut s = Sink::with_capacity(0);
        decode(bytes, t, &mut s);
        s.finish()
    }

    #[test]
    fn every_vietnamese_letter_round_trips() {
        let all: String = crate::viet::alphabet().into_iter().collect();
        let upper: String = all.to_uppercase();
        for t in [Table::Viscii, Table::Vn1] {
            for text in [&all, &upper] {
                let mut out = Vec::new();
                assert!(encode(text, t, &mut out), "{t:?} {text}");
                assert_eq!(&dec(&out, t), text, "{t:?}");
            }
        }
    }

    #[test]
    fn capitals_at_control_positions() {
        assert_eq!(dec(b"\x14 ban", Table::Viscii), "Ỷ ban");
        assert_eq!(dec(b"\x9Cy ban", Table::Viscii), "Ủy ban");
        assert_eq!(dec(b"\x9Ey ban", Table::Vn1), "Ủy ban");
        // a base letter and a combining tone byte compose
        assert_eq!(dec(b"a\xB3", Table::Vn1), "á");
    }
}
