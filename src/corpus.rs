//! Turning text into language-model symbols, the same way for training and for restoration:
//! words become their normalised lower-case form, numbers `<num>`, codes `<code>`, URLs
//! `<url>`; sentences end at `.`, `!`, `?`, at the end of a clean paragraph, and in wrapped
//! text after a line-final `:` or `;` (one rule for both: [`ends_sentence`]).

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

/// How the lines of a text stand to its sentences: the one difference between the sentences
/// the language model is trained on and those it restores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// Each line is a paragraph (the clean training texts): the line end ends the sentence,
    /// wherever the caller finishes the line.
    Paragraphs,
    /// Lines are wrapped (scanned documents): a sentence runs on across line ends, but for a
    /// line that ends with ":" or ";" (a list follows).
    Wrapped,
}

/// True when punctuation `symbol` ends a sentence that so far holds `len` symbols (before it),
/// `line_final` when it is the last token of its line: ".", "!" and "?" do, but for a lone
/// list marker ("1.", "I.", "a."); in [`Lines::Wrapped`] text a line-final ":" or ";" does too.
pub fn ends_sentence(symbol: &str, len: usize, line_final: bool, lines: Lines) -> bool {
    let stop = matches!(symbol, "." | "!" | "?") && len > 1;
    let list_follows = lines == Lines::Wrapped && line_final && matches!(symbol, ":" | ";");
    stop || list_follows
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
                        // the line end finishes the sentence below
                        if ends_sentence(p, len, false, Lines::Paragraphs) {
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

    #[test]
    fn sentence_ends_in_paragraphs_and_in_wrapped_lines() {
        for lines in [Lines::Paragraphs, Lines::Wrapped] {
            assert!(ends_sentence(".", 3, false, lines));
            assert!(ends_sentence("?", 2, true, lines));
            assert!(!ends_sentence(".", 1, false, lines), "a list marker");
            assert!(!ends_sentence(":", 3, false, lines), "a colon inside a line");
            assert!(!ends_sentence(",", 3, true, lines));
        }
        assert!(ends_sentence(":", 3, true, Lines::Wrapped));
        assert!(ends_sentence(";", 3, true, Lines::Wrapped));
        assert!(!ends_sentence(":", 3, true, Lines::Paragraphs));
        // training text: "Gồm:" closes its line, so its sentence, as the rule would
        assert_eq!(training_sentences("Gồm:\n- hai")[0], ["gồm", ":"]);
    }
}
