//! Properties for any input: no panic, one output line per input line, NFC output, offsets on
//! char boundaries; correct Vietnamese comes back unchanged.

use crate::common::{read, MODEL};
use proptest::prelude::*;
use unicode_normalization::{is_nfc, UnicodeNormalization};
use vnreport::Restorer;

fn restorer() -> Restorer {
    Restorer::new(MODEL.clone())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_string_restores_without_panic(s in "\\PC{0,120}", lines in 0usize..4) {
        let text = (0..=lines).map(|_| s.as_str()).collect::<Vec<_>>().join("\n");
        let r = restorer().restore_text(&text);
        prop_assert_eq!(r.lines.len(), vnreport::split_lines(&text).len());
        for l in &r.lines {
            let n = l.input.chars().count();
            for c in &l.corrections {
                prop_assert!(c.start < c.end && c.end <= n);
            }
            // a changed word comes out NFC
            for c in &l.corrections {
                prop_assert!(is_nfc(&c.to), "{:?}", c.to);
            }
        }
    }

    #[test]
    fn vietnamese_like_strings_come_out_nfc(words in proptest::collection::vec("[a-zđ]{1,4}[àáảãạâăêôơưèéẻẽẹìíỉĩịòóỏõọùúủũụ]?[a-z]{0,2}", 1..12)) {
        let text = words.join(" ");
        let out = restorer().restore_text(&text).text();
        prop_assert!(is_nfc(&out));
        // no word is lost: each comes back as one word, or two when a merged token is split
        prop_assert!(out.split(' ').count() >= words.len(), "{:?} -> {:?}", text, out);
    }

    #[test]
    fn lines_of_clean_reports_come_back_unchanged(idx in 0usize..400) {
        let text = read("corpus/clean/001_4b7321f46e9814a7.txt");
        let lines: Vec<&str> = text.lines().filter(|l| l.split_whitespace().count() > 3).collect();
        let line = lines[idx % lines.len()];
        let expected: String = line.nfc().collect();
        let out = restorer().restore_text(line).text();
        let (a, b): (Vec<&str>, Vec<&str>) = (out.split_whitespace().collect(), expected.split_whitespace().collect());
        let same = a.iter().zip(&b).filter(|(x, y)| x == y).count();
        prop_assert!(same + 1 >= b.len(), "{:?}\n -> {:?}", expected, out);
    }
}

#[test]
fn restorer_and_model_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<vnreport::Model>();
    assert_send_sync::<Restorer>();
    assert_send_sync::<vnreport::Restoration>();
}

#[test]
fn the_identity_restoration_counts_tokens_as_the_restorer_does() {
    // the report's token figure is the same count whether the text was restored or not
    for file in ["corpus/degraded/003_4df792cc80223c47.txt", "corpus/clean/001_4b7321f46e9814a7.txt"] {
        let text = read(file);
        let restored = restorer().restore_text(&text);
        let identity = vnreport::identity_restoration(&text);
        assert_eq!(identity.lines.len(), restored.lines.len(), "{file}");
        for (i, r) in identity.lines.iter().zip(&restored.lines) {
            assert_eq!(i.word_tokens, r.word_tokens, "{file}: {:?}", i.input);
        }
        let (tokens, changed, mean) = identity.stats();
        assert_eq!((tokens, changed, mean), (restored.stats().0, 0, 1.0), "{file}");
        assert!(tokens > 1000, "{file}: {tokens}");
    }
}
