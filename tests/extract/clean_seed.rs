//! Clean seeds, where the text is its own restoration; expectations read off the text by hand.

use super::{corpus_file, run};
use vnreport::Kind;

#[test]
fn seed_001_figures() {
    let x = run(&corpus_file("clean", "001_"));
    let on = |line: usize| -> Vec<(f64, String)> {
        x.indicators
            .iter()
            .filter(|i| i.span.line == line)
            .map(|i| (i.value, i.unit.clone().unwrap_or_default()))
            .collect()
    };
    // "đã tiếp nhận 142.186 hồ sơ, trong đó kỳ trước chuyển qua 24.385, tiếp nhận trong kỳ là
    // 117.801 hồ sơ (trực tuyến là 117.138 hồ sơ, trực tiếp ... là 663); đã giải quyết 115.170
    // hồ sơ ; đang giải quyết là 27.016 hồ sơ."
    let hs = |v: f64| (v, "hồ sơ".to_string());
    assert_eq!(
        on(59),
        [hs(142186.0), hs(24385.0), hs(117801.0), hs(117138.0), hs(663.0), hs(115170.0), hs(27016.0)]
    );
    // "đánh giá tác động đối với 01 TTHC"
    assert_eq!(on(23), [(1.0, "TTHC".to_string())]);
    // "tại 2 địa điểm (trụ sở chính tại số 18 Hoàng Diệu, ... tại số 01 Tôn Đức Thắng": addresses
    assert!(on(69).iter().all(|(v, _)| *v != 18.0 && *v != 1.0), "{:?}", on(69));
    // "tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC của thành phố Hải Phòng đạt 93,97%"
    let p = x.indicators.iter().find(|i| i.span.line == 95 && i.value == 93.97).expect("93,97%");
    assert_eq!(p.kind, Kind::Percent);
    assert!(p.subject.starts_with("tỷ lệ số hóa hồ sơ"), "{}", p.subject);
    assert_eq!(p.section, "I.9.c");
}

#[test]
fn seed_001_references_and_metadata() {
    let x = run(&corpus_file("clean", "001_"));
    // "Thực hiện Công văn số 1514/BTP-KSTT ngày 16/3/2026 của Bộ Tư pháp về việc ..."
    let r = x.references.iter().find(|r| r.number == "1514/BTP-KSTT").expect("1514/BTP-KSTT");
    assert_eq!((r.span.line, r.doc_type.as_str()), (13, "Công văn"));
    assert_eq!(r.date.as_deref(), Some("2026-03-16"));
    assert_eq!(r.issuer.as_deref(), Some("Bộ Tư pháp"));
    // "Công điện số 242/CĐ-TTg ngày 21/12/2025 của Thủ tướng Chính phủ"
    let r = x.references.iter().find(|r| r.number == "242/CĐ-TTg").expect("242/CĐ-TTg");
    assert_eq!(r.doc_type, "Công điện");
    assert_eq!(r.date.as_deref(), Some("2025-12-21"));
    assert_eq!(r.issuer.as_deref(), Some("Thủ tướng Chính phủ"));
    // "Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ"
    let r = x.references.iter().find(|r| r.number == "118/2025/NĐ-CP").expect("118/2025/NĐ-CP");
    assert_eq!((r.span.line, r.date.as_deref()), (69, Some("2025-06-09")));
    // a draft: "Số: /BC-UBND", "Hải Phòng, ngày tháng năm 2026"
    let d = &x.document;
    assert_eq!((d.number.as_deref(), d.date.as_deref()), (None, None));
    assert_eq!(d.recipient.as_deref(), Some("Bộ Tư pháp"));
    assert_eq!(d.signer.as_deref(), Some("Hoàng Minh Cường"));
    assert_eq!(d.signer_title.as_deref(), Some("Phó Chủ tịch"));
    assert_eq!(d.period.as_deref(), Some("quý I năm 2026"));
    assert_eq!(d.issuer.as_deref(), Some("Ủy ban nhân dân thành phố Hải Phòng"));
}

#[test]
fn seed_004_measures() {
    // "diện tích tự nhiên 3.194,72 km², quy mô dân số 4.664.124 người ... tổng số 245.069 đảng viên"
    let x = run(&corpus_file("clean", "004_"));
    let line14: Vec<(f64, String)> = x
        .indicators
        .iter()
        .filter(|i| i.span.line == 14)
        .map(|i| (i.value, i.unit.clone().unwrap_or_default()))
        .collect();
    for want in
        [(3194.72, "km²"), (4_664_124.0, "người"), (245_069.0, "đảng viên"), (1878.0, "tổ chức cơ sở đảng")]
    {
        assert!(line14.contains(&(want.0, want.1.to_string())), "{want:?} in {line14:?}");
    }
    assert_eq!(x.document.signer.as_deref(), Some("Lê Ngọc Châu"));
    assert_eq!(x.document.signer_title.as_deref(), Some("Bí thư"));
}
