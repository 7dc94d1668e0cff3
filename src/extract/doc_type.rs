//! Types of legal documents ("Quyết định", "Kế hoạch"): the one list of how they are written
//! (folded), their canonical names, the letters that stand for them in a document number,
//! and which of them head a report or name a document by its number.

/// One type of document.
#[derive(Debug, Clone, Copy)]
pub struct DocType {
    /// As written before a number, folded ("quyet dinh").
    pub folded: &'static str,
    /// The canonical name ("Quyết định").
    pub name: &'static str,
    /// Written alone on the line under a report's heading ("BÁO CÁO").
    pub heads_a_document: bool,
    /// Names a document by a bare number ("Nghị quyết 18", "Đề án 06"), which is then no
    /// quantity.
    pub named_by_number: bool,
}

const fn t(folded: &'static str, name: &'static str, heads: bool, named: bool) -> DocType {
    DocType { folded, name, heads_a_document: heads, named_by_number: named }
}

/// Every type, the longer phrase first where one starts another ("thông tư liên tịch").
pub const DOC_TYPES: &[DocType] = &[
    t("thong tu lien tich", "Thông tư liên tịch", false, false),
    t("nghi quyet lien tich", "Nghị quyết liên tịch", false, false),
    t("quyet dinh", "Quyết định", true, true),
    t("cong van", "Công văn", true, true),
    t("ke hoach", "Kế hoạch", true, true),
    t("bao cao", "Báo cáo", true, false),
    t("nghi quyet", "Nghị quyết", true, true),
    t("nghi dinh", "Nghị định", true, true),
    t("thong tu", "Thông tư", true, true),
    t("chi thi", "Chỉ thị", true, true),
    t("van ban", "Văn bản", false, true),
    t("thong bao", "Thông báo", true, true),
    t("cong dien", "Công điện", false, false),
    t("huong dan", "Hướng dẫn", true, false),
    t("chuong trinh", "Chương trình", true, true),
    t("de an", "Đề án", true, true),
    t("to trinh", "Tờ trình", true, false),
    t("ket luan", "Kết luận", true, true),
    t("quy dinh", "Quy định", false, false),
    t("quy che", "Quy chế", false, false),
    t("phap lenh", "Pháp lệnh", false, false),
    t("bien ban", "Biên bản", true, false),
    t("giay moi", "Giấy mời", true, false),
    t("luat", "Luật", false, true),
];

/// The type a document number's letters stand for ("QĐ" in 5085/QĐ-UBND is a Quyết định).
const CODE_TYPES: &[(&str, &str)] = &[
    ("QĐ", "Quyết định"),
    ("NQ", "Nghị quyết"),
    ("NĐ", "Nghị định"),
    ("KH", "Kế hoạch"),
    ("BC", "Báo cáo"),
    ("TT", "Thông tư"),
    ("TTLT", "Thông tư liên tịch"),
    ("CT", "Chỉ thị"),
    ("TB", "Thông báo"),
    ("HD", "Hướng dẫn"),
    ("CV", "Công văn"),
    ("CĐ", "Công điện"),
    ("TTr", "Tờ trình"),
    ("CTr", "Chương trình"),
    ("KL", "Kết luận"),
    ("ĐA", "Đề án"),
    ("QC", "Quy chế"),
    ("QH", "Luật"),
];

/// The name of the type whose letters are `letters` ("QĐ" → "Quyết định").
pub fn type_of_letters(letters: &str) -> Option<&'static str> {
    CODE_TYPES.iter().find(|(c, _)| *c == letters).map(|(_, t)| *t)
}

/// A regex alternation of the folded types that pass `keep` ("quyet dinh|cong van|…").
pub fn alternation(keep: impl Fn(&DocType) -> bool) -> String {
    DOC_TYPES.iter().filter(|t| keep(t)).map(|t| t.folded).collect::<Vec<_>>().join("|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::viet::base_key;

    #[test]
    fn names_fold_to_their_phrases_and_letters_name_listed_types() {
        for t in DOC_TYPES {
            let folded: Vec<String> = t.name.split(' ').map(base_key).collect();
            assert_eq!(folded.join(" "), t.folded);
        }
        for (letters, name) in CODE_TYPES {
            assert!(DOC_TYPES.iter().any(|t| t.name == *name), "{letters}: {name}");
        }
        assert_eq!(type_of_letters("QĐ"), Some("Quyết định"));
        assert_eq!(type_of_letters("UBND"), None);
        // a longer phrase comes before the phrase it starts with
        for (i, a) in DOC_TYPES.iter().enumerate() {
            for b in &DOC_TYPES[..i] {
                assert!(!a.folded.starts_with(&format!("{} ", b.folded)), "{} after {}", a.folded, b.folded);
            }
        }
    }
}
