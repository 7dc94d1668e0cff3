//! Any input: extraction never panics and every offset lies inside its line.

use proptest::prelude::*;
use vnreport::{build_report, to_json, Report, SourceInfo};
use vnreport::{extract, identity_restoration};

fn check(text: &str) {
    let r = identity_restoration(text);
    let x = extract(&r);
    let spans = x.indicators.iter().map(|i| i.span).chain(x.references.iter().map(|r| r.span));
    for s in spans {
        assert!(s.line >= 1 && s.line <= r.lines.len());
        let l = &r.lines[s.line - 1];
        assert!(s.start <= s.end && s.end <= l.input.chars().count());
        assert!(s.restored_start <= s.restored_end && s.restored_end <= l.text.chars().count());
    }
    let rep = build_report(SourceInfo::new("-", text.as_bytes(), r.lines.len(), "utf-8"), &r, &x);
    let back: Report = serde_json::from_str(&to_json(&rep, false)).expect("round trip");
    assert_eq!(back.indicators.len(), rep.indicators.len());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn report_like_text(s in "[0-9a-zđĐươăâêôơưỦủếẾ%.,:;/()\\- \n]{0,300}") {
        check(&s);
    }

    #[test]
    fn any_text(s in "\\PC{0,200}") {
        check(&s);
    }

    #[test]
    fn report_words(words in prop::collection::vec(prop::sample::select(vec![
        "Số:", "ngày", "tháng", "năm", "2025", "1.500", "70.696,51", "tỷ", "đồng", "%", "đạt", "tăng", "so", "với",
        "15/48", "nhiệm", "vụ", "Quyết", "định", "số", "5085/QĐ-UBND", "-", "(", ")", ":", ",", ".", "\n", "\n\n",
        "KT.", "CHỦ", "TỊCH", "Kính", "gửi:", "BÁO", "CÁO", "I.", "a)", "Tổng", "02", "03", "lượt/tuần", "điểm",
    ]), 0..80)) {
        check(&words.join(" "));
    }
}
