//! A document's text as lines split at LF, read block by block: what line-aligned tools (the
//! scorer) read, in memory bounded by a block and the longest line.

use super::chunk::Chunker;
use crate::text::decode::{BlockDecoder, DecodeOptions};
use crate::{Error, ErrorKind};
use std::collections::VecDeque;
use std::io::Read;

/// Text fed in pieces, handed back as lines split at LF (each without its LF; a CR stays, as
/// `str::split('\n')` leaves it).
#[derive(Debug, Default)]
pub(crate) struct LfLines {
    /// The start of a line whose LF has not come yet.
    partial: String,
}

impl LfLines {
    /// Feed `text`; `on_line` gets every line it completes, in order.
    pub fn push(&mut self, text: &str, mut on_line: impl FnMut(&str)) {
        let mut rest = text;
        while let Some(i) = rest.find('\n') {
            if self.partial.is_empty() {
                on_line(&rest[..i]);
            } else {
                self.partial.push_str(&rest[..i]);
                on_line(&self.partial);
                self.partial.clear();
            }
            rest = &rest[i + 1..];
        }
        self.partial.push_str(rest);
    }

    /// The last line, when the text did not end with LF.
    pub fn finish(self) -> Option<String> {
        (!self.partial.is_empty()).then_some(self.partial)
    }
}

/// The decoded lines (split at LF) of a document, read and decoded a block at a time.
pub(crate) struct DecodedLines<R> {
    chunks: Chunker<R>,
    decoder: BlockDecoder,
    lines: Option<LfLines>,
    ready: VecDeque<String>,
}

impl<R: Read> DecodedLines<R> {
    /// The lines of `source`, decoded with `decode`.
    pub fn new(source: R, decode: DecodeOptions) -> DecodedLines<R> {
        DecodedLines {
            chunks: Chunker::new(source, super::DEFAULT_BLOCK_BYTES).in_encoding(decode.encoding),
            decoder: BlockDecoder::new(decode, false),
            lines: Some(LfLines::default()),
            ready: VecDeque::new(),
        }
    }
}

impl<R: Read> Iterator for DecodedLines<R> {
    type Item = crate::Result<String>;

    fn next(&mut self) -> Option<crate::Result<String>> {
        loop {
            if let Some(line) = self.ready.pop_front() {
                return Some(Ok(line));
            }
            let lines = self.lines.as_mut()?;
            match self.chunks.next_block() {
                Err(e) => {
                    self.lines = None;
                    return Some(Err(Error::new(ErrorKind::Io, e.to_string())));
                }
                Ok(None) => return self.lines.take().and_then(LfLines::finish).map(Ok),
                Ok(Some(block)) => match self.decoder.next(&block.bytes) {
                    Ok((decoded, _)) => lines.push(&decoded.text, |l| self.ready.push_back(l.to_string())),
                    Err(e) => {
                        self.lines = None;
                        return Some(Err(e));
                    }
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_at_lf_as_str_split_does() {
        for text in ["a\nb\r\nc", "a\n\nb\n", "", "\n", "one line", "x\ry\nz\n\n"] {
            for piece in [1, 2, 3, 100] {
                let mut lines = LfLines::default();
                let mut got: Vec<String> = Vec::new();
                let chars: Vec<char> = text.chars().collect();
                for c in chars.chunks(piece) {
                    lines.push(&c.iter().collect::<String>(), |l| got.push(l.to_string()));
                }
                got.extend(lines.finish());
                let mut want: Vec<&str> = text.split('\n').collect();
                if want.last() == Some(&"") {
                    want.pop();
                }
                assert_eq!(got, want, "{text:?} in pieces of {piece}");
            }
        }
    }

    #[test]
    fn decoded_lines_are_the_lines_of_the_decoded_text() {
        let text = "Kết quả thực hiện\r\ncông tác\n\ncải cách hành chính".repeat(20_000);
        let lines: Vec<String> =
            DecodedLines::new(text.as_bytes(), DecodeOptions::default()).map(Result::unwrap).collect();
        assert!(text.len() > 2 * crate::pipeline::DEFAULT_BLOCK_BYTES);
        assert_eq!(lines, text.split('\n').collect::<Vec<_>>());
    }
}
