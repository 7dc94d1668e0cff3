//! The review page: one self-contained HTML file in which an archivist proof-reads a restored
//! document word by word, beside its OCR text, and exports the fixes as corrections
//! (docs/review.md).
//!
//! The page's HTML, CSS and script are `src/review/page.html`; the document travels inside
//! it as JSON in a `<script type="application/json">` block, with every `<` written `\u003c`
//! so that no text of the document can close the block.

use crate::report::Report;
use crate::restore::TokenRecord;
use serde::Serialize;

/// The page around the data.
const TEMPLATE: &str = include_str!("review/page.html");
/// Where the data goes in [`TEMPLATE`].
const DATA_MARK: &str = "{{DATA}}";

/// What the page's script reads.
#[derive(Serialize)]
struct PageData<'a> {
    report: &'a Report,
    lines: Vec<Line<'a>>,
}

/// One line: the OCR text, the restored text, and its tokens other than spaces.
#[derive(Serialize)]
struct Line<'a> {
    ocr: &'a str,
    out: &'a str,
    t: Vec<Tok<'a>>,
}

/// A token as `[start, end, out_start, out_end, kind, confidence, [[text, p], ...]]`
/// (char offsets as in [`TokenRecord`]), compact because a report has thousands.
type Tok<'a> = (usize, usize, usize, usize, &'a str, f32, Vec<(&'a str, f32)>);

/// Round a probability to 4 decimals: the page shows two, and the JSON stays short.
fn short(p: f32) -> f32 {
    if p.is_finite() {
        ((p as f64 * 1e4).round() / 1e4) as f32
    } else {
        0.0
    }
}

/// The review page of a document: its input lines and restored lines (without line
/// endings, one each per line of the report), the token records of
/// [`Restorer::restore_tokens`](crate::Restorer::restore_tokens) (1-based `line`), and its
/// report (indicators and references are listed beside the text).
pub fn page<S: AsRef<str>, R: AsRef<str>>(
    input_lines: &[S],
    restored_lines: &[R],
    tokens: &[TokenRecord],
    report: &Report,
) -> String {
    let mut lines: Vec<Line> = input_lines
        .iter()
        .enumerate()
        .map(|(i, ocr)| Line {
            ocr: ocr.as_ref(),
            out: restored_lines.get(i).map_or("", |r| r.as_ref()),
            t: Vec::new(),
        })
        .collect();
    for t in tokens.iter().filter(|t| t.kind != "space") {
        let Some(line) = t.line.checked_sub(1).and_then(|i| lines.get_mut(i)) else { continue };
        let alternatives = t.alternatives.iter().map(|a| (a.text.as_str(), short(a.p))).collect();
        line.t.push((
            t.start,
            t.end,
            t.out_start,
            t.out_end,
            t.kind.as_str(),
            short(t.confidence),
            alternatives,
        ));
    }
    let data = PageData { report, lines };
    // Serialising these plain types cannot fail (string keys, finite numbers).
    let json = serde_json::to_string(&data).unwrap_or_else(|_| "{}".to_string());
    // '<' only occurs inside JSON strings, where \u003c means the same character
    let json = json.replace('<', "\\u003c");
    TEMPLATE.replacen(DATA_MARK, &json, 1)
}

/// The input and restored lines of a document (`lines` of them) put back together from its
/// token records, whose inputs concatenate to the input line and outputs to the restored
/// line; a line without tokens is empty.
pub fn lines_from_tokens(tokens: &[TokenRecord], lines: usize) -> (Vec<String>, Vec<String>) {
    let mut input = vec![String::new(); lines];
    let mut restored = vec![String::new(); lines];
    for t in tokens {
        if let Some(i) = t.line.checked_sub(1).filter(|&i| i < lines) {
            input[i].push_str(&t.input);
            restored[i].push_str(&t.output);
        }
    }
    (input, restored)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{build_report, SourceInfo};
    use crate::{Model, Restorer};

    /// The JSON inside the page's data block.
    fn data(page: &str) -> serde_json::Value {
        let open = "<script type=\"application/json\" id=\"data\">";
        let start = page.find(open).expect("data block") + open.len();
        let end = start + page[start..].find("</script>").expect("end of the data block");
        serde_json::from_str(&page[start..end]).expect("the data block is JSON")
    }

    #[test]
    fn text_that_closes_a_script_stays_inside_the_data() {
        let text = "Bao cao </script><script>alert(1)</script> <!-- ket qua\nDong 2 </SCRIPT >\n";
        let (restoration, tokens) = Restorer::new(Model::shipped().unwrap()).restore_tokens(text);
        let (input, restored) = lines_from_tokens(&tokens, restoration.lines.len());
        let source = SourceInfo::new("x.txt", text.as_bytes(), restoration.lines.len(), "utf-8");
        let report = build_report(source, &restoration, &Default::default());
        let page = page(&input, &restored, &tokens, &report);
        assert_eq!(page.matches("</script>").count(), TEMPLATE.matches("</script>").count());
        assert!(!page.to_ascii_lowercase().contains("<script>alert"));
        let data = data(&page);
        assert_eq!(data["lines"][0]["ocr"], "Bao cao </script><script>alert(1)</script> <!-- ket qua");
        assert_eq!(data["lines"][1]["ocr"], "Dong 2 </SCRIPT >");
        assert_eq!(data["lines"][0]["out"], restoration.lines[0].text.as_str());
    }
}
