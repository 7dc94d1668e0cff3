//! Every tokenization rule of the crate. [`tokenize`] splits one line into tokens that
//! concatenate back to it: words to restore, and everything else (numbers, codes, punctuation,
//! spaces, URLs) to keep; [`word_count`] is the count of its words that restoration reports.
//! [`sentence_tokens`] reads a folded sentence the way extraction matches phrases in it:
//! numbers whole with their decimal parts and percent sign, every other punctuation mark a
//! token of its own. [`last_word`] is the word before a phrase.

use std::sync::LazyLock;

use regex::Regex;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A run of whitespace.
    Space,
    /// Letters, possibly with OCR digits or symbols in them ("thyc", "s6", "1ap", "K&t").
    Word,
    /// A number, date, percentage or ratio ("1.500", "96,17%", "31/12/2024", "15/48").
    Number,
    /// A document code or abbreviation with separators ("5085/QĐ-UBND", "NĐ-CP").
    Code,
    /// A URL or e-mail address.
    Url,
    /// Punctuation and other symbols.
    Punct,
}

impl TokenKind {
    /// The kind's name in JSON output.
    pub fn name(self) -> &'static str {
        match self {
            TokenKind::Space => "space",
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Code => "code",
            TokenKind::Url => "url",
            TokenKind::Punct => "punct",
        }
    }
}

/// One token: its kind and its byte range in the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Byte offset of its start in the line.
    pub start: usize,
    /// Byte offset of its end in the line (exclusive).
    pub end: usize,
}

impl Token {
    /// The token's text in `line`.
    pub fn text<'a>(&self, line: &'a str) -> &'a str {
        &line[self.start..self.end]
    }
}

/// Characters OCR puts inside words in place of Vietnamese letters.
fn is_ocr_symbol(c: char) -> bool {
    matches!(c, '&' | '@' | '¢' | '¥' | '€' | '£' | '§' | '©')
}

/// Characters OCR writes for a Vietnamese mark on the letter before them: "co’" for "cơ",
/// (the ASCII apostrophe is left out: typed text quotes with it)
/// "tri?u" for "triệu".
fn is_ocr_mark(c: char) -> bool {
    matches!(c, '’' | '`' | '´' | '?')
}

/// How far back a mark looks for a Vietnamese letter in its word.
const MAX_MARK_LOOKBACK: usize = 24;

/// True when the mark character at byte `i` of `line` (within `start..end`) belongs to the
/// word before it: it follows an ASCII letter, the word so far has no Vietnamese letter (typed
/// text keeps its quotes), and a `?` ends the chunk or is followed by a letter or closing
/// punctuation (OCR's hook: "xu?" for "xử"; reports rarely ask questions).
fn mark_in_word(line: &str, start: usize, i: usize, end: usize, c: char) -> bool {
    if !is_ocr_mark(c) {
        return false;
    }
    let before = &line[start..i];
    let Some(prev) = before.chars().next_back() else { return false };
    if !prev.is_ascii_alphabetic() {
        return false;
    }
    // the word so far, looked at over its last few chars only (so a long run stays linear)
    let ascii_word = before
        .chars()
        .rev()
        .take(MAX_MARK_LOOKBACK)
        .take_while(|&c| is_word_char(c) || is_ocr_mark(c))
        .all(|c| c.is_ascii() || is_ocr_symbol(c));
    if !ascii_word {
        return false;
    }
    let next = line[i + c.len_utf8()..end].chars().next();
    c != '?' || next.is_none_or(|n| n.is_alphabetic() || ",.;:)\"”".contains(n))
}

/// Letters, digits, OCR symbols, and combining marks (which belong to the letter before them:
/// splitting "l\u{31B}" would let a restored "lộ" compose with the stray mark into non-NFC
/// output).
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_ocr_symbol(c) || unicode_normalization::char::is_combining_mark(c)
}

fn is_number_text(s: &str) -> bool {
    let mut digits = 0;
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits += 1;
        } else if !matches!(c, '.' | ',' | '/' | ':' | '%') {
            return false;
        }
    }
    digits > 0 && s.starts_with(|c: char| c.is_ascii_digit())
}

fn is_url_text(s: &str) -> bool {
    let starts = |p: &str| s.len() >= p.len() && s.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    s.contains("://") || starts("http") || starts("www.") || (s.contains('@') && s.contains('.'))
}

/// Split `line` into tokens that concatenate back to it.
pub fn tokenize(line: &str) -> Vec<Token> {
    // about one token per two bytes of running text: sized once instead of grown
    let mut out = Vec::with_capacity(line.len() / 2 + 2);
    tokenize_into(line, &mut out);
    out
}

/// Like [`tokenize`], reusing `out`.
pub fn tokenize_into(line: &str, out: &mut Vec<Token>) {
    out.clear();
    let mut i = 0;
    let bytes = line.as_bytes();
    while i < line.len() {
        let c = line[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            let end = line[i..].find(|c: char| !c.is_whitespace()).map_or(line.len(), |k| i + k);
            out.push(Token { kind: TokenKind::Space, start: i, end });
            i = end;
            continue;
        }
        let end = line[i..].find(char::is_whitespace).map_or(line.len(), |k| i + k);
        chunk_tokens(line, i, end, out);
        i = end;
    }
    debug_assert!(out.last().is_none_or(|t| t.end == bytes.len()));
}

/// Tokens of one whitespace-free chunk `line[start..end]`.
fn chunk_tokens(line: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let chunk = &line[start..end];
    if is_url_text(chunk) {
        out.push(Token { kind: TokenKind::Url, start, end });
        return;
    }
    // peel leading and trailing punctuation
    let core_start = chunk.find(|c: char| is_word_char(c)).map_or(chunk.len(), |k| k);
    if core_start == chunk.len() {
        push_punct(start, end, out);
        return;
    }
    let core_end = chunk
        .char_indices()
        .rev()
        .find(|&(k, c)| is_word_char(c) || c == '%' || mark_in_word(line, start, start + k, end, c))
        .map_or(core_start, |(k, c)| k + c.len_utf8());
    if core_start > 0 {
        push_punct(start, start + core_start, out);
    }
    core_tokens(line, start + core_start, start + core_end, out);
    if core_end < chunk.len() {
        push_punct(start + core_end, end, out);
    }
}

fn push_punct(start: usize, end: usize, out: &mut Vec<Token>) {
    out.push(Token { kind: TokenKind::Punct, start, end });
}

/// Tokens of a chunk core that starts and ends with a word character.
fn core_tokens(line: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let core = &line[start..end];
    if is_number_text(core) {
        out.push(Token { kind: TokenKind::Number, start, end });
        return;
    }
    if crate::codes::is_code(core) {
        out.push(Token { kind: TokenKind::Code, start, end });
        return;
    }
    // split at inner separators: word runs, and punctuation between them
    let in_word = |k: usize, c: char| is_word_char(c) || mark_in_word(line, start, k, end, c);
    let mut i = start;
    while i < end {
        let c = line[i..].chars().next().unwrap_or(' ');
        let run_end = if in_word(i, c) {
            line[i..end].char_indices().find(|&(k, c)| !in_word(i + k, c)).map_or(end, |(k, _)| i + k)
        } else {
            line[i..end].char_indices().find(|&(k, c)| in_word(i + k, c)).map_or(end, |(k, _)| i + k)
        };
        let text = &line[i..run_end];
        let kind = if !in_word(i, c) {
            TokenKind::Punct
        } else if text.chars().all(|c| c.is_ascii_digit()) {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        out.push(Token { kind, start: i, end: run_end });
        i = run_end;
    }
}

/// The number of word tokens of `line` ([`TokenKind::Word`]): what restoration counts and
/// reports as a text's tokens.
pub fn word_count(line: &str) -> usize {
    tokenize(line).iter().filter(|t| t.kind == TokenKind::Word).count()
}

/// The last whitespace-separated word of `text`, or "" when it has none: the word before a
/// phrase that starts where `text` ends.
pub fn last_word(text: &str) -> &str {
    text.split_whitespace().next_back().unwrap_or("")
}

/// The punctuation marks that are tokens of their own in a sentence read by extraction.
const SENTENCE_PUNCT: &str = ",;:.()“”\"!?…[]";

/// A number with its decimal or ratio parts and an optional percent sign; a run of anything
/// but spaces and [`SENTENCE_PUNCT`]; or one mark of [`SENTENCE_PUNCT`].
static SENTENCE_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    let marks = regex::escape(SENTENCE_PUNCT);
    Regex::new(&format!(r"[0-9]+(?:[.,/][0-9]+)*(?: ?%)?|[^\s{marks}]+|[{marks}]"))
        .unwrap_or_else(|e| panic!("{e}"))
});

/// One token of a sentence as extraction reads it: its byte range in the sentence, and the
/// mark when it is a punctuation mark of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceToken {
    /// Byte offset of its start in the sentence.
    pub start: usize,
    /// Byte offset of its end in the sentence (exclusive).
    pub end: usize,
    /// The punctuation mark this token is, if it is one ("," ";" ":" "." "(" ")" quotes "!"
    /// "?" "…" "[" "]").
    pub punct: Option<char>,
}

/// The tokens of a (folded) sentence for extraction: numbers whole ("96,17%", "1.500",
/// "15/48", "5 %"), words with their inner symbols ("qd-ubnd", "luot/tuan"), and each
/// punctuation mark alone; spaces are left out.
pub fn sentence_tokens(sentence: &str) -> impl Iterator<Item = SentenceToken> + '_ {
    SENTENCE_TOKEN.find_iter(sentence).map(|m| {
        let mut chars = m.as_str().chars();
        let punct = match (chars.next(), chars.next()) {
            (Some(c), None) if SENTENCE_PUNCT.contains(c) => Some(c),
            _ => None,
        };
        SentenceToken { start: m.start(), end: m.end(), punct }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(line: &str) -> Vec<(TokenKind, &str)> {
        tokenize(line)
            .into_iter()
            .filter(|t| t.kind != TokenKind::Space)
            .map(|t| (t.kind, t.text(line)))
            .collect()
    }

    #[test]
    fn tokens_join_back() {
        for line in ["  S6:205  /BC-UBND Hai Phong, ngay 20", "(I4n dau tién)", "", "a\tb  c ", "96,17%; x"]
        {
            let joined: String = tokenize(line).iter().map(|t| t.text(line)).collect();
            assert_eq!(joined, line);
        }
    }

    #[test]
    fn kinds_are_right() {
        use TokenKind::*;
        assert_eq!(
            kinds("Quyét dinh s6 5085/QB-UBND ngay 31/12/2024;"),
            vec![
                (Word, "Quyét"),
                (Word, "dinh"),
                (Word, "s6"),
                (Code, "5085/QB-UBND"),
                (Word, "ngay"),
                (Number, "31/12/2024"),
                (Punct, ";")
            ]
        );
        assert_eq!(
            kinds("dat 96,17%, 1ap"),
            vec![(Word, "dat"), (Number, "96,17%"), (Punct, ","), (Word, "1ap")]
        );
        assert_eq!(kinds("S6:205"), vec![(Word, "S6"), (Punct, ":"), (Number, "205")]);
        assert_eq!(kinds("(I4n K&t"), vec![(Punct, "("), (Word, "I4n"), (Word, "K&t")]);
        assert_eq!(kinds("https:/pakn.dichvucong.gov.vn"), vec![(Url, "https:/pakn.dichvucong.gov.vn")]);
        assert_eq!(kinds("ND-CP, TTHC"), vec![(Code, "ND-CP"), (Punct, ","), (Word, "TTHC")]);
        assert_eq!(
            kinds("89-Ctr/TU, 2021-2030"),
            vec![(Code, "89-Ctr/TU"), (Punct, ","), (Number, "2021"), (Punct, "-"), (Number, "2030")]
        );
        assert_eq!(kinds("l\u{31B} (\u{301}x"), vec![(Word, "l\u{31B}"), (Punct, "("), (Word, "\u{301}x")]);
    }

    #[test]
    fn word_count_counts_the_words_restoration_reads() {
        // a code, a number and punctuation are not words; "S6" and "1ap" are
        assert_eq!(word_count("Quyét dinh s6 5085/QB-UBND ngay 31/12/2024;"), 4);
        assert_eq!(word_count("S6:205 (1ap)"), 2);
        assert_eq!(word_count("  "), 0);
    }

    #[test]
    fn last_word_is_the_word_before() {
        assert_eq!(last_word("so voi nam "), "nam");
        assert_eq!(last_word("tang"), "tang");
        assert_eq!(last_word(" \t"), "");
    }

    #[test]
    fn sentence_tokens_keep_numbers_whole_and_marks_alone() {
        let s = "dat 96,17% (tang 5 %), 15/48 ho so; 5085/qd-ubnd “x”…";
        let toks: Vec<(&str, Option<char>)> =
            sentence_tokens(s).map(|t| (&s[t.start..t.end], t.punct)).collect();
        let want: &[(&str, Option<char>)] = &[
            ("dat", None),
            ("96,17%", None),
            ("(", Some('(')),
            ("tang", None),
            ("5 %", None),
            (")", Some(')')),
            (",", Some(',')),
            ("15/48", None),
            ("ho", None),
            ("so", None),
            (";", Some(';')),
            ("5085", None),
            ("/qd-ubnd", None),
            ("“", Some('“')),
            ("x", None),
            ("”", Some('”')),
            ("…", Some('…')),
        ];
        assert_eq!(toks, want);
    }

    #[test]
    fn ocr_marks_stay_with_their_word() {
        use TokenKind::*;
        // (line, expected tokens): a mark after an ASCII letter is part of the word
        let cases: &[(&str, &[(TokenKind, &str)])] = &[
            ("co’ quan", &[(Word, "co’"), (Word, "quan")]),
            ("tri?u dong", &[(Word, "tri?u"), (Word, "dong")]),
            ("chi?c xe", &[(Word, "chi?c"), (Word, "xe")]),
            ("nhu`ng", &[(Word, "nhu`ng")]),
            ("mo’i, co’.", &[(Word, "mo’i"), (Punct, ","), (Word, "co’"), (Punct, ".")]),
            // a question mark after a word is OCR's hook
            ("xu? ly", &[(Word, "xu?"), (Word, "ly")]),
            ("giu?, ", &[(Word, "giu?"), (Punct, ",")]),
            ("a??", &[(Word, "a"), (Punct, "??")]),
            // typed Vietnamese keeps its quotes apart
            ("‘mới’ nhất", &[(Punct, "‘"), (Word, "mới"), (Punct, "’"), (Word, "nhất")]),
            // the ASCII apostrophe is a quote
            ("'Nam'", &[(Punct, "'"), (Word, "Nam"), (Punct, "'")]),
            ("12’", &[(Number, "12"), (Punct, "’")]),
            ("é(co’", &[(Word, "é"), (Punct, "("), (Word, "co’")]),
            ("(é)x?y", &[(Punct, "("), (Word, "é"), (Punct, ")"), (Word, "x?y")]),
        ];
        for (line, want) in cases {
            assert_eq!(kinds(line), want.to_vec(), "{line}");
            let joined: String = tokenize(line).iter().map(|t| t.text(line)).collect();
            assert_eq!(&joined, line);
        }
    }
}
