//! The pre-Unicode Vietnamese encodings: byte tables and mark sequences to text and back.
//! Each submodule decodes into a [`Sink`](super::sink::Sink) and encodes into bytes, telling
//! whether the encoding was faithful.

pub(crate) mod cp1258;
pub(crate) mod iconv8;
mod iconv_tables;
pub(crate) mod tcvn3;
pub(crate) mod viqr;
pub(crate) mod vni;
mod vps_table;

/// Windows-1252 at 0x80..=0x9F, which TCVN3 and VNI files (made on Windows with the
/// .VnTime and VNI-Times fonts) use for punctuation such as curly quotes; undefined bytes
/// stand for the C1 control with the same number, so no byte is ever lost.
pub(crate) const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}',
    '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// A single-byte code page as Windows-1252 (ASCII, [`CP1252_HIGH`], Latin-1 at 0xA0..=0xFF);
/// each encoding overrides the positions it defines.
pub(crate) fn cp1252_table() -> [char; 256] {
    let mut t = ['\0'; 256];
    for (b, slot) in t.iter_mut().enumerate() {
        *slot = match b {
            0x80..=0x9F => CP1252_HIGH[b - 0x80],
            // Every other byte is the code point with the same number.
            _ => char::from(b as u8),
        };
    }
    t
}

/// Decode through a 256-entry table.
pub(crate) fn decode_table(bytes: &[u8], table: &[char; 256], sink: &mut super::sink::Sink) {
    for &b in bytes {
        sink.push(table[usize::from(b)]);
    }
}

/// The Windows-1252 byte of `c`, if it has one.
pub(crate) fn cp1252_byte(c: char) -> Option<u8> {
    match c as u32 {
        0..=0x7F | 0xA0..=0xFF => Some(c as u32 as u8),
        _ => CP1252_HIGH.iter().position(|&h| h == c).map(|i| 0x80 + i as u8),
    }
}

/// Decode `bytes` in one of the 8-bit encodings (TCVN3, VNI, Windows-1258, VISCII, VN1, VPS).
pub(crate) fn decode_8bit(bytes: &[u8], encoding: super::decode::Encoding, sink: &mut super::sink::Sink) {
    use super::decode::Encoding;
    match encoding {
        Encoding::Tcvn3 => tcvn3::decode(bytes, sink),
        Encoding::Vni => vni::decode(bytes, sink),
        Encoding::Viscii => iconv8::decode(bytes, iconv8::Table::Viscii, sink),
        Encoding::Vn1 => iconv8::decode(bytes, iconv8::Table::Vn1, sink),
        Encoding::Vps => iconv8::decode(bytes, iconv8::Table::Vps, sink),
        _ => cp1258::decode(bytes, sink),
    }
}
