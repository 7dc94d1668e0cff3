//! Input generators: Vietnamese-like OCR noise (syllables with marks stripped, digits and
//! symbols in words, random case, CR/CRLF/tabs/space runs, very long lines), report-like
//! text with figures and citations, lines of the shipped corpus, and byte corruption.

use proptest::prelude::*;
use std::sync::LazyLock;
use vnreport::train::strip_diacritics;

/// Every valid syllable, marked.
static SYLLABLES: LazyLock<Vec<String>> = LazyLock::new(vnreport::train::all_syllables);

/// Lines of the shipped documents (clean, degraded, OCR and synthetic).
pub static CORPUS_LINES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut out = Vec::new();
    for dir in ["clean", "degraded", "gold", "synthetic"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .expect("corpus folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).expect("utf-8 corpus file");
            out.extend(text.lines().filter(|l| !l.trim().is_empty()).map(str::to_string));
        }
    }
    out
});

/// One syllable, maybe stripped, maybe with OCR noise, in some case.
fn noisy_syllable() -> impl Strategy<Value = String> {
    let n = SYLLABLES.len();
    (0..n, 0u8..4, 0u8..10, any::<u64>()).prop_map(|(i, mark, case, seed)| {
        let s = &SYLLABLES[i];
        let mut w = if mark == 0 { s.clone() } else { strip_diacritics(s) };
        if mark == 3 {
            w = ocr_noise(&w, seed);
        }
        match case {
            0 => w.to_uppercase(),
            1 => title(&w),
            2 => w
                .chars()
                .enumerate()
                .map(|(k, c)| if (seed >> (k % 64)) & 1 == 1 { c.to_ascii_uppercase() } else { c })
                .collect(),
            _ => w,
        }
    })
}

fn title(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// Replace or insert a character or two the way OCR does: digits for letters, & @ for e/a.
fn ocr_noise(w: &str, seed: u64) -> String {
    const SUBST: [&str; 12] = ["6", "1", "0", "&", "@", "4", "3", "5", "8", "y", "g", "c"];
    let chars: Vec<char> = w.chars().collect();
    if chars.is_empty() {
        return w.to_string();
    }
    let at = (seed as usize) % chars.len();
    let sub = SUBST[(seed >> 8) as usize % SUBST.len()];
    let mut out: String = chars[..at].iter().collect();
    out.push_str(sub);
    let skip = if (seed >> 16) & 1 == 1 { 1 } else { 0 };
    out.extend(&chars[(at + skip).min(chars.len())..]);
    out
}

/// Separators between words: mostly a space, sometimes runs, tabs or punctuation.
fn separator() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        " ", " ", " ", " ", " ", "  ", "   ", "\t", " \t ", ", ", ". ", ": ", "; ", " - ", " (", ") ",
    ])
}

/// A line ending: LF mostly, CRLF and CR sometimes.
pub fn ending() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["\n", "\n", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n"])
}

/// A line of noisy syllables, `words` long.
fn noisy_line(words: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec((noisy_syllable(), separator()), words).prop_map(|ws| {
        let mut s = String::new();
        for (w, sep) in ws {
            s.push_str(&w);
            s.push_str(sep);
        }
        s
    })
}

/// Lines joined with random endings; the final ending is sometimes left off.
fn join_lines(lines: Vec<(String, &'static str)>, final_newline: bool) -> String {
    let mut s = String::new();
    let n = lines.len();
    for (k, (l, e)) in lines.into_iter().enumerate() {
        s.push_str(&l);
        if k + 1 < n || final_newline {
            s.push_str(e);
        }
    }
    s
}

/// Vietnamese-like OCR text: 1-12 lines of noisy syllables, with indentation, space runs and
/// mixed endings; one line in sixteen is very long (2,000-6,000 words).
pub fn ocr_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        15 => noisy_line(0..25),
        1 => noisy_line(2000..6000),
    ];
    let indented = (prop::sample::select(vec!["", "", "", " ", "    ", "\t", "  \t"]), line)
        .prop_map(|(ind, l)| format!("{ind}{l}"));
    (prop::collection::vec((indented, ending()), 1..12), any::<bool>()).prop_map(|(ls, f)| join_lines(ls, f))
}

/// A figure or citation as reports write them, clean, stripped or noisy.
fn report_phrase() -> impl Strategy<Value = String> {
    let figure = (0u32..100_000, 0u32..100, 0usize..12).prop_map(|(a, b, k)| {
        const UNITS: [&str; 12] = [
            "%",
            " tỷ đồng",
            " triệu đồng",
            " hồ sơ",
            " người",
            " lượt",
            " điểm",
            "/80 điểm",
            " ha",
            " km",
            " doanh nghiệp",
            " thủ tục",
        ];
        format!("đạt {a},{b}{}", UNITS[k])
    });
    let citation = (1u32..9999, 1u32..29, 1u32..13, 1990u32..2030, 0usize..5).prop_map(|(n, d, m, y, k)| {
        const TYPES: [&str; 5] = [
            "Quyết định số {}/QĐ-UBND",
            "Công văn số {}/UBND-VP",
            "Kế hoạch số {}/KH-UBND",
            "Nghị định số {}/2020/NĐ-CP",
            "Thông tư số {}/TT-BNV",
        ];
        format!("theo {} ngày {d}/{m}/{y}", TYPES[k].replace("{}", &n.to_string()))
    });
    let lead = prop::sample::select(vec![
        "Tỷ lệ hồ sơ giải quyết đúng hạn",
        "Tổng thu ngân sách nhà nước",
        "Số thủ tục hành chính được công bố",
        "Chỉ số PAPI năm 2023",
        "Kết quả thực hiện công tác cải cách hành chính",
        "so với năm 2023 tăng",
    ]);
    (lead, prop_oneof![figure, citation], 0u8..3, any::<u64>()).prop_map(|(l, p, style, seed)| {
        let s = format!("{l} {p}.");
        match style {
            0 => s,
            1 => strip_diacritics(&s),
            _ => s
                .split(' ')
                .enumerate()
                .map(|(k, w)| {
                    if (seed >> (k % 64)) & 3 == 0 {
                        ocr_noise(&strip_diacritics(w), seed >> 3)
                    } else {
                        w.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" "),
        }
    })
}

/// A line of the shipped corpus, maybe stripped of its marks.
fn corpus_line() -> impl Strategy<Value = String> {
    (0..CORPUS_LINES.len(), any::<bool>()).prop_map(|(i, strip)| {
        let l = &CORPUS_LINES[i];
        if strip {
            strip_diacritics(l)
        } else {
            l.clone()
        }
    })
}

/// Report-like text: headings, corpus lines, figures and citations, with mixed endings.
pub fn report_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        3 => corpus_line(),
        3 => report_phrase(),
        1 => prop::sample::select(vec!["I. KET QUA", "1. Cong tac chi dao", "a) Ket qua", "- Tong so:", "", "   "]).prop_map(str::to_string),
        1 => noisy_line(0..10),
    ];
    (prop::collection::vec((line, ending()), 1..30), any::<bool>()).prop_map(|(ls, f)| join_lines(ls, f))
}

/// Arbitrary text: any chars (controls, combining marks, line breaks included).
pub fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,200}",
        prop::collection::vec(("[\\p{L}\\p{M}\\p{N}\\p{P}\\p{S} \t]{0,40}", ending()), 0..8)
            .prop_map(|ls| join_lines(ls, true)),
    ]
}

/// A byte edit: flip a byte, insert one, delete one, or cut the file.
#[derive(Debug, Clone)]
pub enum Corruption {
    Set(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    Truncate(usize),
}

pub fn corruption() -> impl Strategy<Value = Corruption> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Corruption::Set(i, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Corruption::Insert(i, b)),
        any::<usize>().prop_map(Corruption::Delete),
        any::<usize>().prop_map(Corruption::Truncate),
    ]
}

/// Apply `edits` to `bytes` (positions taken modulo the length).
pub fn corrupt(bytes: &mut Vec<u8>, edits: &[Corruption]) {
    for e in edits {
        let n = bytes.len();
        match *e {
            Corruption::Set(i, b) if n > 0 => bytes[i % n] = b,
            Corruption::Insert(i, b) => bytes.insert(i % (n + 1), b),
            Corruption::Delete(i) if n > 0 => {
                bytes.remove(i % n);
            }
            Corruption::Truncate(i) => bytes.truncate(i % (n + 1)),
            _ => {}
        }
    }
}

/// Bytes that look like text more often than uniform bytes do: ASCII letters and spaces,
/// line breaks, high bytes of the legacy encodings, UTF-8 lead and continuation bytes, NUL.
pub fn texty_bytes() -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![
        8 => prop::sample::select(b"abcdeghiklmnopqrstuvxyADGHNT \t.,".to_vec()),
        2 => prop::sample::select(b"\r\n".to_vec()),
        4 => 0x80u8..=0xFF,
        2 => prop::sample::select(vec![0xC3u8, 0xE1, 0xBA, 0xBB, 0xA1, 0x80, 0xEF, 0xBB, 0xBF, 0xFE, 0xFF]),
        1 => prop::sample::select(b"^(+'`?~.\\d".to_vec()),
        1 => Just(0u8),
    ];
    prop::collection::vec(byte, 0..600)
}
