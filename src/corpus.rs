//! Turning text into language-model symbols, the same way for training and for restoration:
//! words become their normalised lower-case form, numbers `<num>`, codes `<code>`, URLs
//! `<url>`; sentences end at `.`, `!`, `?` and at the end of a clean paragraph.

use crate::token::{tokenize, TokenKind};
use crate::viet::normalize_word;

/// Symbol for numbers, dates and percentages.
pub const NUM: &str = "<num>";
/// Symbol for document codes.
pub const CODE: &str = "<code>";
/// Symbol for URLs and e-mail addresses.
pub const URL: &str = "<url>";
/// Symbol for punctuation the model does not keep apart.
pub const OTHER_PUNCT: &str = "<p>";

/// The LM symbol of a punctuation character.
pub fn punct_symbol(c: char) -> &'static str {
    match c {
        ',' => ",",
        '.' => ".",
        ';' => ";",
        ':' => ":",
        '(' => "(",
        ')' => ")",
        '-' | '–' | '—' => "-",
        '"' | '“' | '”' => "\"",
        '/' => "/",
        '+' => "+",
        '!' => "!",
        '?' => "?",
        _ => OTHER_PUNCT,
    }
}

/// True when `symbol` ends a sentence that so far holds `len` symbols (before it): a lone
/// list marker ("1.", "I.", "a.") does not end one.
pub fn ends_sentence(symbol: &str, len: usize) -> bool {
    matches!(symbol, "." | "!" | "?") && len > 1
}

/// Remove the light markdown of the clean seeds (headings, emphasis, superscript footnotes).
pub fn strip_markdown(line: &str) -> String {
    let t = line.trim_start_matches('#').trim_start();
    let mut s = t.replace("**", "").replace('*', "");
    while let Some(a) = s.find("<sup>") {
        match s[a..].find("</sup>") {
            Some(b) => s.replace_range(a..a + b + 6, ""),
            None => break,
        }
    }
    if s.trim() == "---" {
        s.clear();
    }
    s
}

/// The LM sentences of a clean training text: one or more per paragraph line.
pub fn training_sentences(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for raw in text.lines() {
        let line = strip_markdown(raw);
        let mut sent: Vec<String> = Vec::new();
        for tok in tokenize(&line) {
            let t = tok.text(&line);
            match tok.kind {
                TokenKind::Space => {}
                TokenKind::Word => sent.push(normalize_word(&t.to_lowercase())),
                TokenKind::Number => sent.push(NUM.into()),
                TokenKind::Code => sent.push(CODE.into()),
                TokenKind::Url => sent.push(URL.into()),
                TokenKind::Punct => {
                    for c in t.chars() {
                        let p = punct_symbol(c);
                        let len = sent.len();
                        sent.push(p.into());
                        if ends_sentence(p, len) {
                            out.push(std::mem::take(&mut sent));
                        }
                    }
                }
            }
        }
        if !sent.is_empty() {
            out.push(sent);
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_from_markdown_paragraphs() {
        let s = training_sentences("## **1. Ban hành** văn bản\nĐạt 96,17%. Tăng 4 bậc (QĐ-UBND)");
        assert_eq!(s[0], ["<num>", ".", "ban", "hành", "văn", "bản"]);
        assert_eq!(s[1], ["đạt", "<num>", "."]);
        assert_eq!(s[2], ["tăng", "<num>", "bậc", "(", "<code>", ")"]);
        assert_eq!(strip_markdown("x<sup>1</sup> y"), "x y");
    }
}
