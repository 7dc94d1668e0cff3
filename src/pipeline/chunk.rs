//! Reading a document in blocks of about `limit` bytes, so a huge file is decoded and
//! restored a block at a time instead of all at once. This is the one place a document is
//! cut: where restoring the blocks apart gives what restoring them together gives (after a
//! paragraph or a sentence) when such a place is near, and inside a line longer than a block
//! too, so that memory stays bounded whatever the line structure (see [`cut_point`]).

use std::io::{self, Read};

/// How lines end in the raw bytes: one byte `\n` (UTF-8 and the 8-bit encodings) or a
/// two-byte code unit (UTF-16, recognised by its byte-order mark).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Width {
    Byte,
    Utf16 { big_endian: bool },
}

/// Most lines in a block: a text of many short lines costs memory per line, not per byte.
pub const MAX_BLOCK_LINES: usize = 16_384;

/// Longest stretch read without a place to cut it (a line of UTF-16, or a single word longer
/// than a block): it is restored whole, so a longer one is refused rather than held.
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// A block of a document's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Whether the block ends inside a line that the next block goes on with.
    pub ends_mid_line: bool,
}

/// Splits a reader into blocks of about the block size; every block but the last ends after
/// a line ending (LF, CRLF kept whole, or a lone CR) or, in a long line, after the spaces
/// that follow a sentence end or a word (see [`cut_point`]). A stretch with no such place
/// (UTF-16 text, or one huge word) makes its block longer, up to [`MAX_LINE_BYTES`]; a longer
/// one is an error of kind `InvalidData`.
pub struct Chunker<R> {
    reader: R,
    buf: Vec<u8>,
    limit: usize,
    eof: bool,
    width: Option<Width>,
    max_lines: usize,
}

impl<R: Read> Chunker<R> {
    /// Blocks of about `limit` bytes (at least 16).
    pub fn new(reader: R, limit: usize) -> Chunker<R> {
        Chunker {
            reader,
            buf: Vec::new(),
            limit: limit.max(16),
            eof: false,
            width: None,
            max_lines: MAX_BLOCK_LINES,
        }
    }

    /// Blocks of a file read in `encoding` whatever its first bytes say (a forced encoding):
    /// UTF-16 without a byte-order mark is cut between code units.
    pub fn in_encoding(mut self, encoding: Option<crate::Encoding>) -> Chunker<R> {
        match encoding {
            Some(crate::Encoding::Utf16Le) => self.width = Some(Width::Utf16 { big_endian: false }),
            Some(crate::Encoding::Utf16Be) => self.width = Some(Width::Utf16 { big_endian: true }),
            Some(_) => self.width = Some(Width::Byte),
            None => {}
        }
        self
    }

    /// Fill the buffer up to `target` bytes, or to the end of the input.
    fn fill(&mut self, target: usize) -> io::Result<()> {
        while !self.eof && self.buf.len() < target {
            // read_to_end grows the buffer as data arrives: a small file never costs a
            // block-sized allocation
            let want = (target - self.buf.len()) as u64;
            match (&mut self.reader).take(want).read_to_end(&mut self.buf) {
                Ok(0) => self.eof = true,
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// The next block, `None` at the end of the input.
    pub fn next_block(&mut self) -> io::Result<Option<Block>> {
        self.fill(self.limit)?;
        if self.buf.is_empty() {
            return Ok(None);
        }
        let width = *self.width.get_or_insert_with(|| match self.buf.get(..2) {
            Some([0xFF, 0xFE]) => Width::Utf16 { big_endian: false },
            Some([0xFE, 0xFF]) => Width::Utf16 { big_endian: true },
            _ => Width::Byte,
        });
        // where to end the block; with no place yet (a long stretch), read on
        let mut cut = None;
        while !self.eof {
            cut = cut_point(&self.buf, width);
            if cut.is_some() {
                break;
            }
            if self.buf.len() > MAX_LINE_BYTES {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "{} MB without a line end or a space; not read (such a stretch is restored whole)",
                        MAX_LINE_BYTES >> 20
                    ),
                ));
            }
            self.fill(self.buf.len() + self.limit)?;
        }
        let (mut cut, mut mid_line) = cut.unwrap_or((self.buf.len(), false));
        // many short lines cost memory per line: a block holds at most MAX_BLOCK_LINES
        if width == Width::Byte && self.max_lines < self.limit {
            if let Some((i, _)) =
                self.buf[..cut].iter().enumerate().filter(|(_, &b)| b == b'\n').nth(self.max_lines - 1)
            {
                if i + 1 < cut {
                    cut = after_blank_line(&self.buf[..i + 1]).unwrap_or(i + 1);
                    mid_line = false;
                }
            }
        }
        let bytes = if cut == self.buf.len() {
            std::mem::take(&mut self.buf)
        } else {
            let rest = self.buf.split_off(cut);
            std::mem::replace(&mut self.buf, rest)
        };
        Ok(Some(Block { bytes, ends_mid_line: mid_line }))
    }
}

/// Where a block of `buf` (which is not the end of the input) ends, and whether that is inside
/// a line; `None` when `buf` has no place to end yet. The best place is the one where
/// restoring the blocks apart gives what restoring them together gives, latest first:
/// 1. after a blank line in the second half: paragraphs are restored on their own;
/// 2. after a sentence end in the second half ("." "!" or "?" and spaces, then a line end or,
///    inside a line, a capital or a digit): the restorer ends its sentence there anyway, and
///    no rule looks across (see [`sentence_end`]);
/// 3. after the last line end (the language model's context is cut mid-sentence);
/// 4. in a line with no line end, before its last word that follows spaces (likewise; and so
///    it is every few thousand words of a line without sentence ends anyway).
///
/// UTF-16 is cut after its last line end only. Cutting before an ASCII byte never splits a
/// character in any of the 8-bit encodings or UTF-8.
fn cut_point(buf: &[u8], width: Width) -> Option<(usize, bool)> {
    let line_end = after_last_line_end(buf, width);
    if width != Width::Byte {
        return line_end.map(|at| (at, false));
    }
    line_end
        .and_then(|end| after_blank_line(&buf[..end]))
        .map(|at| (at, false))
        .or_else(|| sentence_end(buf))
        .or_else(|| line_end.map(|at| (at, false)))
        .or_else(|| before_last_word(buf).map(|at| (at, true)))
}

fn is_space(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// The last place in the second half of `buf` after a sentence end: after a line that ends
/// with ".", "!" or "?" (and spaces), or, inside a line, before a capital or a digit that
/// follows one of them and spaces (a "." before a lower-case word may be OCR's comma, which
/// the restorer reads with the word after it); the mark must follow two plain words (see
/// [`two_words_before`]). With whether it is inside a line.
fn sentence_end(buf: &[u8]) -> Option<(usize, bool)> {
    // whether the last mark before `i`, past what `skip` skips, ends a sentence
    let ends_sentence = |i: usize, skip: &dyn Fn(u8) -> bool| {
        let p = buf[..i].iter().rposition(|&b| !skip(b));
        p.is_some_and(|p| matches!(buf[p], b'.' | b'!' | b'?') && two_words_before(buf, p))
    };
    ((buf.len() / 2).max(1)..buf.len()).rev().find_map(|i| match buf[i] {
        // just after a line end (LF, the CR of a CRLF before it)
        _ if buf[i - 1] == b'\n' => {
            ends_sentence(i - 1, &|b| is_space(b) || b == b'\r').then_some((i, false))
        }
        // inside a line: spaces alone between the mark and the capital
        b if b.is_ascii_uppercase() || b.is_ascii_digit() => {
            (is_space(buf[i - 1]) && ends_sentence(i, &is_space)).then_some((i, true))
        }
        _ => None,
    })
}

/// Whether the two words before the mark at `p` are on its line and hold no ".", "!" or "?":
/// then the restorer's sentence holds two tokens or more when it reaches the mark, and the
/// mark surely ends it (a "." after a lone "5" or after "..." does not).
fn two_words_before(buf: &[u8], p: usize) -> bool {
    let clean = |w: &[u8]| !w.iter().any(|b| matches!(b, b'.' | b'!' | b'?' | b'\n' | b'\r'));
    let mut words = buf[..p].rsplit(|&b| is_space(b)).filter(|w| !w.is_empty());
    words.next().is_some_and(clean) && words.next().is_some_and(clean)
}

/// Before the last word of `buf` that follows spaces, or after `buf` when it ends with spaces
/// after its last word; `None` without a space.
fn before_last_word(buf: &[u8]) -> Option<usize> {
    (1..buf.len())
        .rev()
        .find(|&i| is_space(buf[i - 1]) && !is_space(buf[i]))
        .or_else(|| buf.last().is_some_and(|&b| is_space(b)).then_some(buf.len()))
}

/// The end of the last blank line in the second half of `block` (8-bit or UTF-8 bytes, cut
/// after a line ending), if there is one: paragraphs are restored on their own, so a block
/// cut there restores as the whole text would (`restore` cuts its pieces the same way).
fn after_blank_line(block: &[u8]) -> Option<usize> {
    let is_blank = |line: &[u8]| line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
    let mut end = block.len();
    while end > block.len() / 2 {
        let start = block[..end - 1].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        if start < end && is_blank(&block[start..end]) {
            return Some(end);
        }
        end = start;
    }
    None
}

/// Where a block of `buf` (which is not the end of the input) can end: after its last line
/// ending (LF, or CR followed by something else than LF, so that CRLF stays whole). `None`
/// when `buf` holds no line ending yet.
fn after_last_line_end(buf: &[u8], width: Width) -> Option<usize> {
    let size = if width == Width::Byte { 1 } else { 2 };
    let unit = |k: usize| -> u16 {
        match width {
            Width::Byte => u16::from(buf[k]),
            Width::Utf16 { big_endian: true } => u16::from_be_bytes([buf[2 * k], buf[2 * k + 1]]),
            Width::Utf16 { big_endian: false } => u16::from_le_bytes([buf[2 * k], buf[2 * k + 1]]),
        }
    };
    let units = buf.len() / size;
    (0..units).rev().find_map(|k| match unit(k) {
        0x0A => Some(size * (k + 1)),
        // a CR ends a line when what follows is known and is not its LF
        0x0D if k + 1 < units && unit(k + 1) != 0x0A => Some(size * (k + 1)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(data: &[u8], limit: usize) -> Vec<Vec<u8>> {
        let mut c = Chunker::new(data, limit);
        let mut out = Vec::new();
        while let Some(b) = c.next_block().unwrap() {
            out.push(b.bytes);
        }
        out
    }

    #[test]
    fn blocks_end_after_newlines_and_join_back() {
        let data = b"one line\nsecond line here\nthird\n\nno newline";
        let out = blocks(data, 20);
        assert!(out.len() > 1);
        for b in &out[..out.len() - 1] {
            assert_eq!(b.last(), Some(&b'\n'));
        }
        assert_eq!(out.concat(), data.to_vec());
    }

    #[test]
    fn blocks_end_after_a_blank_line_when_one_is_in_their_second_half() {
        let data = b"aaaa\nbbbb\n\ncccc\ndddd\neeee\nffff\n";
        let out = blocks(data, 24);
        assert_eq!(out[0], b"aaaa\nbbbb\n\n".to_vec());
        assert_eq!(out.concat(), data.to_vec());
        // none in the second half: after the last line ending, as before
        let data = b"aaaa\n\nbbbbbbbbbbbb\ncccc\ndddd\n";
        assert_eq!(blocks(data, 24)[0], b"aaaa\n\nbbbbbbbbbbbb\ncccc\n".to_vec());
    }

    #[test]
    fn a_line_longer_than_a_block_is_cut_after_a_sentence_end() {
        let line = "Đã ban hành 12 văn bản. Các sở đã làm xong việc. 5 xã đạt chuẩn, còn lại đang làm. ";
        let text = format!("{}\n{}", line.repeat(40), "một hai ba\n".repeat(20));
        let mut c = Chunker::new(text.as_bytes(), 200);
        let mut out = Vec::new();
        while let Some(b) = c.next_block().unwrap() {
            out.push(b);
        }
        let cut_inside: Vec<&Block> = out.iter().filter(|b| b.ends_mid_line).collect();
        assert!(cut_inside.len() > 5, "{out:?}");
        for b in &cut_inside {
            assert!(
                b.bytes.len() <= 200 && b.bytes.ends_with(b". "),
                "{:?}",
                String::from_utf8_lossy(&b.bytes)
            );
        }
        assert!(out.iter().all(|b| !b.ends_mid_line || !b.bytes.contains(&b'\n')));
        let joined: Vec<u8> = out.iter().flat_map(|b| b.bytes.clone()).collect();
        assert_eq!(joined, text.as_bytes());
    }

    #[test]
    fn a_line_without_a_sentence_end_is_cut_after_a_space() {
        let text = "một hai ba bốn ".repeat(100);
        let out = blocks(text.as_bytes(), 64);
        assert!(out.len() > 10);
        for b in &out[..out.len() - 1] {
            assert!(b.ends_with(b" ") && b.len() <= 64, "{b:?}");
        }
        assert_eq!(out.concat(), text.as_bytes());
    }

    #[test]
    fn where_a_block_ends() {
        let at = |buf: &[u8]| cut_point(buf, Width::Byte);
        // inside a line: the last sentence end in the second half, before a capital or a digit
        assert_eq!(at(b"aaaa bbbb. Cccc dddd. Eeee ffff"), Some((22, true)));
        assert_eq!(at(b"aaaa bbbb cccc dddd! 2 ee"), Some((21, true)));
        // before a lower-case word a period may be OCR's comma: before the last word instead
        assert_eq!(at(b"aaaa bbbb cccc dddd. eeee"), Some((21, true)));
        assert_eq!(at(b"aaaa bbbbbbbbbbbbbbbbbbbbbbbb"), Some((5, true)));
        assert_eq!(at(b"aaaa  bbbb   "), Some((6, true)));
        assert_eq!(at(b"aaaa "), Some((5, true)));
        assert_eq!(at(b"aaaabbbbbbbbbbbbbbbbbbbbbbbb"), None);
        // a sentence end inside a line (in the second half) beats a line end mid-sentence...
        assert_eq!(at(b"aa\nbbbb bbbb bbbb. Cccc dddd ee"), Some((19, true)));
        assert_eq!(at(b"aa bb cc dd. Ee\nffff ff ff ff ff ff ff ff ff ff ff"), Some((16, false)));
        // ...a line that ends a sentence beats both, and a blank line beats everything
        assert_eq!(at(b"aa bb. Cc dd\nee ff gg.\nhhhh hh hh"), Some((23, false)));
        assert_eq!(at(b"aaaa\n\nbbbb bb. Cc dd.\nhh"), Some((22, false)));
        // a mark after a lone word ("5.") or after "..." may not end the restorer's sentence
        assert_eq!(at(b"aaaa bbbb. 5. Cccc dd"), Some((11, true)));
        assert_eq!(at(b"aaaa bbbb... Cccc dd"), Some((18, true)));
        assert_eq!(at(b"aaaa\nbbbb. Cccc dddd"), Some((5, false)));
        assert_eq!(at(b"aaaa bb. Cc dd\n\nee ff\nhh"), Some((16, false)));
        assert_eq!(cut_point(b"aaaa\nbbbb", Width::Utf16 { big_endian: false }), None);
        // a lone CR ends a line: what follows it is no sentence inside a line
        assert_eq!(at(b"aa bb cc.\r Dd ee ff"), Some((10, false)));
        assert_eq!(at(b"aa bb cc.\r\nDd ee ff"), Some((11, false)));
    }

    #[test]
    fn lone_cr_ends_a_line_and_crlf_stays_whole() {
        let data = b"aaaaaaaaaaaa\rbbbbbbbbbbbb\rcccccccccccc\r\ndddddddddddd\r\neeee";
        let out = blocks(data, 16);
        assert_eq!(out.concat(), data.to_vec());
        for b in &out[..out.len() - 1] {
            assert!(b.ends_with(b"\r") || b.ends_with(b"\n"), "{b:?}");
            assert!(!b.starts_with(b"\n"), "{out:?}");
        }
        assert!(out.len() >= 3, "{out:?}");
    }

    #[test]
    fn a_line_longer_than_the_limit_is_an_error() {
        let data = vec![b'a'; MAX_LINE_BYTES + (1 << 20)];
        let mut c = Chunker::new(&data[..], 1 << 20);
        let e = c.next_block().unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
        assert!(e.to_string().contains("64 MB without a line end or a space"), "{e}");
    }

    #[test]
    fn utf16_is_cut_after_a_whole_newline_unit() {
        let mut data = vec![0xFF, 0xFE];
        for u in "ab\ncd\nef gh\n".encode_utf16() {
            data.extend_from_slice(&u.to_le_bytes());
        }
        let out = blocks(&data, 16);
        assert!(out.len() > 1);
        for b in &out {
            assert_eq!(b.len() % 2, 0);
        }
        assert_eq!(out.concat(), data);
    }
}
