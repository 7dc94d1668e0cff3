//! Text in UTF-16 without a byte-order mark, or in UTF-32 (which vnreport does not read), has
//! NUL bytes at telling positions: this names what a file with NUL bytes most likely is, so
//! the "binary file" message can say what to do instead of leaving the user to guess.

/// Bytes looked at.
const SAMPLE: usize = 4096;

/// What the NUL bytes at the start of `bytes` suggest, as advice to append to the error.
pub(crate) fn advice(bytes: &[u8]) -> Option<String> {
    let sample = &bytes[..bytes.len().min(SAMPLE) / 4 * 4];
    if sample.starts_with(&[0xFF, 0xFE, 0, 0]) || sample.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Some(utf32("UTF-32", "with a byte-order mark"));
    }
    let units = sample.len() / 4;
    if units < 2 {
        return None;
    }
    // zeros[k]: NUL bytes at positions ≡ k (mod 4)
    let mut zeros = [0usize; 4];
    for (i, &b) in sample.iter().enumerate() {
        zeros[i % 4] += usize::from(b == 0);
    }
    let all = |k: usize| zeros[k] == units;
    let few = |k: usize| zeros[k] * 20 <= units;
    if all(2) && all(3) && few(0) {
        return Some(utf32("UTF-32LE", "without a byte-order mark"));
    }
    if all(0) && all(1) && few(3) {
        return Some(utf32("UTF-32BE", "without a byte-order mark"));
    }
    // UTF-16: the high byte of ASCII and of most Vietnamese letters below U+0100 is 0, the low
    // byte almost never is
    let (even, odd) = (zeros[0] + zeros[2], zeros[1] + zeros[3]);
    let pairs = 2 * units;
    let utf16 = |name: &str, flag: &str| {
        format!("; the bytes look like {name} text without a byte-order mark: read it with --encoding {flag}")
    };
    if odd * 10 >= pairs * 3 && even * 50 <= pairs {
        return Some(utf16("UTF-16LE", "utf-16le"));
    }
    if even * 10 >= pairs * 3 && odd * 50 <= pairs {
        return Some(utf16("UTF-16BE", "utf-16be"));
    }
    None
}

fn utf32(name: &str, mark: &str) -> String {
    format!(
        "; the bytes look like {name} text {mark}, which vnreport does not read: convert it to UTF-8 \
         first (iconv -f {name} -t UTF-8)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Số: 125/BC-UBND\nTỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%.\n";

    fn utf16(big_endian: bool) -> Vec<u8> {
        TEXT.encode_utf16().flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() }).collect()
    }

    fn utf32(big_endian: bool) -> Vec<u8> {
        TEXT.chars()
            .flat_map(|c| if big_endian { (c as u32).to_be_bytes() } else { (c as u32).to_le_bytes() })
            .collect()
    }

    #[test]
    fn names_utf16_and_utf32_and_nothing_else() {
        assert!(advice(&utf16(false)).unwrap().contains("--encoding utf-16le"));
        assert!(advice(&utf16(true)).unwrap().contains("--encoding utf-16be"));
        assert!(advice(&utf32(false)).unwrap().contains("UTF-32LE text without"));
        assert!(advice(&utf32(true)).unwrap().contains("UTF-32BE text without"));
        let mut marked = vec![0xFF, 0xFE, 0, 0];
        marked.extend(utf32(false));
        assert!(advice(&marked).unwrap().contains("UTF-32 text with a byte-order mark"));
        // a binary file: NUL bytes here and there, no pattern
        let binary: Vec<u8> =
            (0..4096u32).map(|i| if i % 7 == 0 { 0 } else { (i * 31 % 251) as u8 }).collect();
        assert_eq!(advice(&binary), None);
        assert_eq!(advice(&[0u8; 4096]), None);
        assert_eq!(advice(b"\0"), None);
    }
}
