//! The restored document as one searchable text: lines joined with '\n', a folded copy
//! (lower case, no diacritics, đ → d) for matching words whatever their accents, and the maps
//! that take a match back to a line, its restored chars and its input chars.

use super::Span;
use crate::restore::{OffsetMap, RestoredLine};
use crate::viet::fold::fold_char;

/// Every this many chars of the text, [`Doc`] keeps the byte offset where the char starts, so
/// a char offset is counted from a nearby mark rather than from the line start.
const CHAR_MARK: usize = 256;

/// The joined restored text with its folded twin and offset maps.
pub struct Doc<'a> {
    pub lines: &'a [RestoredLine],
    /// Restored lines joined with '\n'.
    pub text: String,
    /// `text` folded char by char.
    pub folded: String,
    /// Folded byte offset → text byte offset (defined at char boundaries and at the end).
    f2t: Vec<usize>,
    /// Byte offset in `text` where each line starts.
    line_starts: Vec<usize>,
    /// Byte offset in `text` of chars 0, CHAR_MARK, 2 × CHAR_MARK...
    char_marks: Vec<usize>,
    /// Per line: its changes placed in the restored line, and its input's length in chars.
    maps: Vec<(OffsetMap, usize)>,
}

impl<'a> Doc<'a> {
    pub fn new(lines: &'a [RestoredLine]) -> Doc<'a> {
        let mut text = String::new();
        let mut line_starts = Vec::with_capacity(lines.len());
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            line_starts.push(text.len());
            // A restored line never holds a line break; if one slipped in, make it a space so
            // line k of the document stays line k of the input.
            text.extend(l.text.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }));
        }
        let mut folded = String::with_capacity(text.len());
        let mut f2t = Vec::with_capacity(text.len() + 1);
        for (tb, c) in text.char_indices() {
            let f = fold_char(c);
            for _ in 0..f.len_utf8() {
                f2t.push(tb);
            }
            folded.push(f);
        }
        f2t.push(text.len());
        let char_marks = text.char_indices().step_by(CHAR_MARK).map(|(b, _)| b).collect();
        let maps = lines.iter().map(|l| (OffsetMap::new(l), l.input.chars().count())).collect();
        Doc { lines, text, folded, f2t, line_starts, char_marks, maps }
    }

    /// The number of chars of `text` before byte `tb` (a char boundary).
    fn chars_before(&self, tb: usize) -> usize {
        let k = self.char_marks.partition_point(|&b| b <= tb).saturating_sub(1);
        let mark = self.char_marks.get(k).copied().unwrap_or(0);
        k * CHAR_MARK + self.text.get(mark..tb).map_or(0, |s| s.chars().count())
    }

    /// Text byte offset of folded byte offset `f` (clamped).
    pub fn t(&self, f: usize) -> usize {
        self.f2t.get(f).copied().unwrap_or(self.text.len())
    }

    /// The original (restored) text of folded range `fs..fe`.
    pub fn slice(&self, fs: usize, fe: usize) -> &str {
        let (a, b) = (self.t(fs), self.t(fe.max(fs)));
        self.text.get(a..b).unwrap_or("")
    }

    /// The original text of a folded range with line breaks turned into spaces.
    pub fn flat(&self, fs: usize, fe: usize) -> String {
        let s = self.slice(fs, fe);
        let mut out = String::with_capacity(s.len());
        for w in s.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        out
    }

    /// The original char at folded offset `f`.
    pub fn orig_char(&self, f: usize) -> Option<char> {
        self.text.get(self.t(f)..).and_then(|s| s.chars().next())
    }

    /// The folded char just before folded offset `f`.
    pub fn char_before(&self, f: usize) -> Option<char> {
        self.folded.get(..f).and_then(|s| s.chars().next_back())
    }

    /// The folded char at folded offset `f`.
    pub fn char_at(&self, f: usize) -> Option<char> {
        self.folded.get(f..).and_then(|s| s.chars().next())
    }

    /// 0-based line index holding text byte `tb`.
    pub fn line_of_text(&self, tb: usize) -> usize {
        match self.line_starts.binary_search(&tb) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// 0-based line index holding folded byte `f`.
    pub fn line_of(&self, f: usize) -> usize {
        self.line_of_text(self.t(f))
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Folded byte range of line `i` (without its '\n').
    pub fn line_range(&self, i: usize) -> (usize, usize) {
        let ts = self.line_starts.get(i).copied().unwrap_or(self.text.len());
        let te = self.line_starts.get(i + 1).map(|s| s - 1).unwrap_or(self.text.len());
        (self.f_of_t(ts), self.f_of_t(te))
    }

    /// Folded byte offset of text byte offset `tb` (the first folded byte mapping to it).
    pub fn f_of_t(&self, tb: usize) -> usize {
        self.f2t.partition_point(|&t| t < tb)
    }

    /// Folded range `fs..fe` cut at the end of the line where it starts: (0-based line, text
    /// byte offset of the line start, of the range start, of the range end).
    fn clip(&self, fs: usize, fe: usize) -> (usize, usize, usize, usize) {
        let ts = self.t(fs);
        let li = self.line_of_text(ts);
        let line_start = self.line_starts.get(li).copied().unwrap_or(0);
        let line_end = self.line_starts.get(li + 1).map(|s| s - 1).unwrap_or(self.text.len());
        (li, line_start, ts, self.t(fe).clamp(ts, line_end.max(ts)))
    }

    /// The restored text of [`Self::span`]`(fs, fe)`: folded range `fs..fe` cut at the end of
    /// the line where it starts.
    pub fn span_text(&self, fs: usize, fe: usize) -> &str {
        let (_, _, ts, te) = self.clip(fs, fe);
        self.text.get(ts..te).unwrap_or("")
    }

    /// The span of folded range `fs..fe`, cut at the end of the line where it starts.
    pub fn span(&self, fs: usize, fe: usize) -> Span {
        let (li, line_start, ts, te) = self.clip(fs, fe);
        let line_chars = self.chars_before(line_start);
        let rs = self.chars_before(ts) - line_chars;
        let re = self.chars_before(te) - line_chars;
        let (start, end) = match self.maps.get(li) {
            Some((map, n)) => {
                let a = map.input_offset(rs).min(*n);
                let b = map.input_end(re).min(*n).max(a);
                (a, b)
            }
            None => (rs, re),
        };
        Span { line: li + 1, start, end, restored_start: rs, restored_end: re, ..Span::default() }
    }

    /// The smallest correction confidence over the input chars behind folded range `fs..fe`
    /// (which may cross lines), or 1.0 when no correction touched it.
    pub fn confidence(&self, fs: usize, fe: usize) -> f32 {
        if fe <= fs {
            return 1.0;
        }
        let first = self.line_of(fs);
        let last = self.line_of(fe.saturating_sub(1));
        let mut conf = 1.0f32;
        for li in first..=last {
            let (ls, le) = self.line_range(li);
            let (a, b) = (fs.max(ls), fe.min(le));
            if b <= a {
                continue;
            }
            let sp = self.span(a, b);
            if let Some(l) = self.lines.get(li) {
                conf = conf.min(l.confidence_in(sp.start, sp.end.max(sp.start + 1)));
            }
        }
        conf
    }
}
