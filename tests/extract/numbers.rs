//! A table of sentences and the figures a reader finds in them, including every kind of
//! number that is never an indicator (number formats alone: `src/extract/number.rs`).

use super::run;
use vnreport::Kind;

/// (sentence, expected figures as (value, total, unit, kind)).
type Case = (&'static str, &'static [(f64, Option<f64>, &'static str, Kind)]);

const CASES: &[Case] = &[
    // figures
    ("khoảng 1.500 tin, bài, phóng sự tuyên truyền", &[(1500.0, None, "tin, bài, phóng sự", Kind::Count)]),
    ("Tổng thu ngân sách là 70.696,51 tỷ đồng.", &[(70696.51, None, "tỷ đồng", Kind::Money)]),
    ("với tổng số tiền 6.700.342.590 đồng", &[(6_700_342_590.0, None, "đồng", Kind::Money)]),
    ("Hoàn thành 07 nhiệm vụ đúng hạn;", &[(7.0, None, "nhiệm vụ", Kind::Count)]),
    ("Chỉ số đạt 96,17%, tăng 01 bậc.", &[(96.17, None, "%", Kind::Percent), (1.0, None, "bậc", Kind::Rank)]),
    ("Chỉ số PAPI đạt 42,7037/80 điểm.", &[(42.7037, Some(80.0), "điểm", Kind::Score)]),
    ("đã hoàn thành 15/48 nhiệm vụ đề ra", &[(15.0, Some(48.0), "nhiệm vụ", Kind::Ratio)]),
    (
        "tần suất 02 - 03 lượt/tuần",
        &[(2.0, None, "lượt/tuần", Kind::Count), (3.0, None, "lượt/tuần", Kind::Count)],
    ),
    ("giảm từ 15% đến 20% chi phí", &[(15.0, None, "%", Kind::Percent), (20.0, None, "%", Kind::Percent)]),
    ("dân số 4,6 triệu người", &[(4.6, None, "triệu người", Kind::Count)]),
    ("tăng 10,6 % số hồ sơ", &[(10.6, None, "%", Kind::Percent)]),
    ("Chỉ số PCI đạt 74,84 (đứng thứ nhất).", &[(74.84, None, "điểm", Kind::Score)]),
    (
        "Tổng số phản ánh, kiến nghị tiếp nhận mới: 404, số phản ánh đã xử lý: 357.",
        &[(404.0, None, "phản ánh, kiến nghị", Kind::Count), (357.0, None, "phản ánh", Kind::Count)],
    ),
    // never indicators: dates, years, periods
    ("ngày 31/12/2024 và đến 12/05/2025", &[]),
    ("Hải Phòng, ngày 20 tháng 6 năm 2025", &[]),
    ("so với năm 2023 và giai đoạn 2021 - 2030, giai đoạn 2026-2030", &[]),
    ("Trong 6 tháng đầu năm 2025, kế hoạch 05 năm, 06 tháng cuối năm", &[]),
    ("Tháng 9/2025, Đại hội được tổ chức", &[]),
    // document numbers
    ("Quyết định số 5085/QĐ-UBND, Nghị định 178/2024/NĐ-CP, Nghị quyết số 57-NQ/TW", &[]),
    ("Số: 205 /BC-UBND", &[]),
    // list, section and footnote numbers
    ("1. Cải cách thể chế", &[]),
    ("a) Công tác xây dựng văn bản", &[]),
    ("(3) Giải pháp nâng cao chất lượng; (4) Xây dựng ứng dụng", &[]),
    ("II.\n\n3 Các cơ quan, đơn vị: Kiện toàn mô hình", &[]),
    ("đơn vị sự nghiệp công lập3; tiếp nhận SOS Việt Nam2", &[]),
    // standards, addresses, ordinals, names
    ("theo Tiêu chuẩn quốc gia TCVN ISO 9001:2015 và ISO 18091:2020", &[]),
    ("trụ sở tại số 18 đường Hoàng Diệu, phường 3, tầng 5", &[]),
    ("Kỳ họp bất thường lần thứ 9 Quốc hội; Đề án 06.", &[]),
    ("chính quyền địa phương 02 cấp", &[]),
    ("tại địa chỉ https://pakn.dichvucong.gov.vn/2025 hoặc lúc 14h30", &[]),
];

#[test]
fn figures_and_non_figures() {
    for (text, want) in CASES {
        let got = run(text).indicators;
        let got: Vec<(f64, Option<f64>, String, Kind)> =
            got.iter().map(|i| (i.value, i.total, i.unit.clone().unwrap_or_default(), i.kind)).collect();
        let want: Vec<(f64, Option<f64>, String, Kind)> =
            want.iter().map(|(v, t, u, k)| (*v, *t, u.to_string(), *k)).collect();
        assert_eq!(got, want, "in {text:?}");
    }
}

#[test]
fn scale_words_give_base_values() {
    let i = &run("giải ngân 5.135,382 tỷ đồng").indicators[0];
    assert_eq!(i.unit.as_deref(), Some("tỷ đồng"));
    assert_eq!(i.base_unit.as_deref(), Some("đồng"));
    assert!((i.base_value - 5_135_382_000_000.0).abs() < 1.0);
    let i = &run("thu 12 nghìn đồng").indicators[0];
    assert_eq!(i.base_value, 12_000.0);
}

#[test]
fn comparisons_and_subjects() {
    let x = run("Chỉ số PAPI đạt 42,7037/80 điểm, tăng 0,5894 điểm so với năm 2023.");
    assert_eq!(x.indicators.len(), 2);
    assert_eq!(x.indicators[0].subject, "Chỉ số PAPI");
    assert_eq!(x.indicators[0].comparison, None);
    assert_eq!(x.indicators[1].subject, "mức tăng Chỉ số PAPI so với năm 2023");
    assert_eq!(x.indicators[1].comparison.as_deref(), Some("so với năm 2023"));
}
