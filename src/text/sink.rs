//! Where decoders put their characters: the text is normalised (NFC, classic tone placement)
//! one line at a time as it arrives, so decoding a file needs the output plus one line of
//! scratch space, whatever the file's size.

use super::trace::{DecodingChange, Position, Tracer};
use crate::viet::style::{normalize_into, ToneStyle};

/// A decoded character that took another number of bytes than its encoding's usual width
/// (a VNI or Windows-1258 letter composed from a base and mark bytes, a VIQR letter with its
/// mark characters, a replaced bad sequence): the char's 1-based line, its char offset in
/// the line before normalisation, and the bytes it took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OddWidth {
    /// 1-based line number.
    pub line: usize,
    /// Char offset in the line before normalisation.
    pub col: usize,
    /// Bytes of the file behind the char.
    pub bytes: usize,
}

/// Where the next raw char stands, and the odd widths seen so far.
#[derive(Debug, Default)]
struct WidthTrace {
    line: usize,
    col: usize,
    after_cr: bool,
    odd: Vec<OddWidth>,
}

impl WidthTrace {
    fn advance(&mut self, c: char) {
        match c {
            '\r' => (self.line, self.col, self.after_cr) = (self.line + 1, 0, true),
            '\n' if self.after_cr => self.after_cr = false,
            '\n' => (self.line, self.col) = (self.line + 1, 0),
            _ => (self.col, self.after_cr) = (self.col + 1, false),
        }
    }
}

/// Lines longer than this are cut at the next space or tab (never inside a word).
const LONG_LINE: usize = 1 << 16;

/// Normalising text collector.
pub(crate) struct Sink {
    out: String,
    line: String,
    tmp: String,
    trace: Option<Tracer>,
    widths: Option<WidthTrace>,
}

impl Sink {
    /// A sink expecting about `capacity` bytes of output.
    pub(crate) fn with_capacity(capacity: usize) -> Sink {
        Sink {
            out: String::with_capacity(capacity),
            line: String::new(),
            tmp: String::new(),
            trace: None,
            widths: None,
        }
    }

    /// Also record what normalisation changes, counting lines from `at`.
    pub(crate) fn traced(mut self, at: Position) -> Sink {
        self.trace = Some(Tracer { at, changes: Vec::new() });
        self
    }

    /// Also record the chars whose width in bytes is not the encoding's usual one (decoders
    /// tell through [`Sink::push_width`]), counting lines from `line`.
    pub(crate) fn with_widths(mut self, line: usize) -> Sink {
        self.widths = Some(WidthTrace { line, ..WidthTrace::default() });
        self
    }

    /// Add one decoded character that took `bytes` bytes of the file, when that is not the
    /// encoding's usual width for it.
    pub(crate) fn push_width(&mut self, c: char, bytes: usize) {
        if let Some(w) = &mut self.widths {
            w.odd.push(OddWidth { line: w.line, col: w.col, bytes });
        }
        self.push(c);
    }

    /// Normalise `raw` onto the output, recording the changes when tracing.
    fn normalize(out: &mut String, tmp: &mut String, trace: &mut Option<Tracer>, raw: &str) {
        let before = out.len();
        normalize_into(raw, ToneStyle::Classic, out, tmp);
        if let Some(t) = trace {
            t.segment(raw, &out[before..]);
        }
    }

    /// Add one decoded character.
    pub(crate) fn push(&mut self, c: char) {
        if let Some(w) = &mut self.widths {
            w.advance(c);
        }
        if self.line.len() >= LONG_LINE && (c == ' ' || c == '\t') {
            self.flush();
        }
        self.line.push(c);
        if c == '\n' {
            self.flush();
        }
    }

    /// Add decoded text.
    pub(crate) fn push_str(&mut self, s: &str) {
        if !self.line.is_empty() {
            // Finish the pending line through the character path.
            let cut = s.find('\n').map_or(s.len(), |i| i + 1);
            s[..cut].chars().for_each(|c| self.push(c));
            return self.push_str_lines(&s[cut..]);
        }
        self.push_str_lines(s);
    }

    fn push_str_lines(&mut self, s: &str) {
        for line in s.split_inclusive('\n') {
            if line.ends_with('\n') && line.len() < LONG_LINE {
                if let Some(w) = &mut self.widths {
                    line.chars().for_each(|c| w.advance(c));
                }
                Sink::normalize(&mut self.out, &mut self.tmp, &mut self.trace, line);
            } else {
                line.chars().for_each(|c| self.push(c));
            }
        }
    }

    fn flush(&mut self) {
        Sink::normalize(&mut self.out, &mut self.tmp, &mut self.trace, &self.line);
        self.line.clear();
    }

    /// The normalised text.
    pub(crate) fn finish(self) -> String {
        self.finish_traced().0
    }

    /// The normalised text, the changes normalisation made (empty unless traced) and the
    /// position after the text.
    pub(crate) fn finish_traced(self) -> (String, Vec<DecodingChange>, Position) {
        let (text, changes, at, _) = self.finish_all();
        (text, changes, at)
    }

    /// As [`Sink::finish_traced`], and the odd widths (empty unless recorded).
    pub(crate) fn finish_all(mut self) -> (String, Vec<DecodingChange>, Position, Vec<OddWidth>) {
        self.flush();
        let odd = self.widths.take().map(|w| w.odd).unwrap_or_default();
        let (changes, at) = match self.trace {
            Some(t) => (t.changes, t.at),
            None => (Vec::new(), Position::default()),
        };
        (self.out, changes, at, odd)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_normalised_and_kept() {
        let mut s = Sink::with_capacity(0);
        "ho\u{300}a\r\nthuỷ".chars().for_each(|c| s.push(c));
        s.push_str(" x\nhoá\n\nend");
        assert_eq!(s.finish(), "hòa\r\nthủy x\nhóa\n\nend");
    }

    #[test]
    fn long_lines_are_cut_at_spaces_only() {
        let word = "thuỷ ";
        let text = word.repeat(3 * LONG_LINE / word.len());
        let mut s = Sink::with_capacity(0);
        s.push_str(&text);
        assert_eq!(s.finish(), "thủy ".repeat(3 * LONG_LINE / word.len()));
    }
}
