//! VIQR as converters write it (no escapes: "Hà Nội." is `Ha` No^.i.`) keeps its periods and
//! question marks, and ordinary text with apostrophes and periods after vowels (OCR output,
//! English) is not taken for VIQR.

use vnreport::{decode, DecodeOptions, Encoding};

fn detected(text: &str) -> (Encoding, String) {
    let d = decode(text.as_bytes(), &DecodeOptions::default()).unwrap();
    (d.encoding, d.text)
}

#[test]
fn converter_viqr_keeps_sentence_periods() {
    let viqr = "Ha` No^.i, nga`y 5 tha'ng 3 na(m 2024.\nBa'o ca'o ke^'t qua? thu+.c hie^.n nhie^.m vu..\n\
                Co^ng vie^.c ddi.nh ky` ddu+o+.c giao: ho`a.\nAi dde^'n? Ta^'t ca?.\n";
    assert_eq!(
        detected(viqr),
        (
            Encoding::Viqr,
            "Hà Nội, ngày 5 tháng 3 năm 2024.\nBáo cáo kết quả thực hiện nhiệm vụ.\n\
             Công việc định kỳ được giao: hòa.\nAi đến? Tất cả.\n"
                .to_string()
        )
    );
}

#[test]
fn rfc_viqr_with_escapes_is_read_strictly() {
    let viqr = "Ha` No^.i\\. Ba.n co' kho^ng\\?\nvu.\n";
    assert_eq!(detected(viqr), (Encoding::Viqr, "Hà Nội. Bạn có không?\nvụ\n".to_string()));
}

#[test]
fn ocr_text_with_apostrophes_and_periods_stays_utf8() {
    for text in [
        "UY BAN NHAN DAN TINH\nSo: 12/BC-UBND. Ong A' da ky ngay 5. Ba B. co mat.\nSo lieu: 'a' la 5, 'o' la 6.\n",
        "Thuc hien Cong van so 12 cua Bo Noi vu. Dat 95%. Muc a. va b. Ket qua: tot. Xong chua? Roi.\n",
        "Báo cáo số 12/BC-UBND của Ủy ban nhân dân tỉnh. Ông A' nói: 'Đạt 95%'. Xem mục a. và e.\n\
         Kết quả năm 2024. Ho' tro' doanh nghiệp? Có.\n",
        "The office's report. Is it done? Yes. I'd say so. Area a. Plan b.\n",
    ] {
        let (encoding, out) = detected(text);
        assert_eq!((encoding, out.as_str()), (Encoding::Utf8, text), "{text}");
    }
}
