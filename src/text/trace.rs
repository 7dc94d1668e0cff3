//! What decoding changed in the text, word by word: NFC composition and tone placement
//! ("Hoà" → "Hòa") are not restorations, so `--corrections` does not hold them; these records
//! let the restored output be replayed from the file's own (decoded, not yet normalised) text.

use serde::{Deserialize, Serialize};
use unicode_normalization::{is_nfc, UnicodeNormalization};

/// One change made while decoding: in line `line` (1-based), the chars `start..end` of the
/// decoded line before normalisation, `from`, became `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecodingChange {
    /// 1-based line number.
    pub line: usize,
    /// Char offset in the line before normalisation where the change starts.
    pub start: usize,
    /// Char offset where it ends (exclusive).
    pub end: usize,
    /// The text before normalisation.
    pub from: String,
    /// The text after normalisation.
    pub to: String,
    /// "nfc" (composed only), "tone-placement" (tone moved to the classic vowel), or
    /// "nfc+tone-placement".
    pub reason: String,
}

/// Where the next decoded character stands: 1-based line, and chars before it in that line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// Chars of the line (before normalisation) already seen.
    pub col: usize,
}

impl Default for Position {
    fn default() -> Position {
        Position { line: 1, col: 0 }
    }
}

/// Collects the changes between raw segments and their normalised forms.
#[derive(Debug, Default)]
pub(crate) struct Tracer {
    pub(crate) at: Position,
    pub(crate) changes: Vec<DecodingChange>,
}

/// `s` cut after each line ending ("\n", "\r\n", "\r").
fn line_parts(s: &str) -> Vec<&str> {
    let b = s.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let end = match b[i] {
            b'\n' => i + 1,
            b'\r' if b.get(i + 1) == Some(&b'\n') => i + 2,
            b'\r' => i + 1,
            _ => {
                i += 1;
                continue;
            }
        };
        parts.push(&s[start..end]);
        start = end;
        i = end;
    }
    if start < b.len() {
        parts.push(&s[start..]);
    }
    parts
}

impl Tracer {
    /// Record what normalising `raw` into `norm` changed, and move past `raw`.
    pub(crate) fn segment(&mut self, raw: &str, norm: &str) {
        if raw == norm {
            self.advance(raw);
            return;
        }
        let (raws, norms) = (line_parts(raw), line_parts(norm));
        if raws.len() != norms.len() {
            // normalisation never moves a line ending; keep going without records
            self.advance(raw);
            return;
        }
        for (r, n) in raws.into_iter().zip(norms) {
            if r != n {
                self.line_changes(r, n);
            }
            self.advance(r);
        }
    }

    /// Records for the words of one line part that changed; spaces and tabs never change.
    fn line_changes(&mut self, raw: &str, norm: &str) {
        let split = |s: &str| -> Vec<(usize, Vec<char>)> {
            let mut out = Vec::new();
            let mut col = 0;
            for w in s.split([' ', '\t']) {
                let chars: Vec<char> = w.chars().collect();
                let n = chars.len();
                out.push((col, chars));
                col += n + 1;
            }
            out
        };
        let (rw, nw) = (split(raw), split(norm));
        if rw.len() != nw.len() {
            return;
        }
        for ((col, r), (_, n)) in rw.into_iter().zip(nw) {
            if r == n {
                continue;
            }
            let pre = r.iter().zip(&n).take_while(|(a, b)| a == b).count();
            let max_suf = r.len().min(n.len()) - pre;
            let suf = r.iter().rev().zip(n.iter().rev()).take(max_suf).take_while(|(a, b)| a == b).count();
            // widen to the whole word (letters and combining marks), the same chars in both
            let is_word = |c: char| c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c);
            let (mut s, mut re, mut ne) = (pre, r.len() - suf, n.len() - suf);
            while s > 0 && is_word(r[s - 1]) {
                s -= 1;
            }
            while re < r.len() && is_word(r[re]) {
                re += 1;
                ne += 1;
            }
            let from: String = r[s..re].iter().collect();
            let to: String = n[s..ne].iter().collect();
            let nfc: String = from.nfc().collect();
            let reason = if nfc == to {
                "nfc"
            } else if is_nfc(&from) {
                "tone-placement"
            } else {
                "nfc+tone-placement"
            };
            self.changes.push(DecodingChange {
                line: self.at.line,
                start: self.at.col + col + s,
                end: self.at.col + col + re,
                from,
                to,
                reason: reason.to_string(),
            });
        }
    }

    fn advance(&mut self, raw: &str) {
        for part in line_parts(raw) {
            if part.ends_with(['\n', '\r']) {
                self.at.line += 1;
                self.at.col = 0;
            } else {
                self.at.col += part.chars().count();
            }
        }
    }
}

/// Apply `changes` (in order) to `text`, the decoded text before normalisation; the result is
/// the decoded text. Panics if a change does not point at its `from`.
pub fn apply_changes(text: &str, changes: &[DecodingChange]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut next = changes.iter().peekable();
    for (i, part) in line_parts(text).into_iter().enumerate() {
        let chars: Vec<char> = part.chars().collect();
        let mut pos = 0;
        while let Some(c) = next.next_if(|c| c.line == i + 1) {
            let found: String = chars[c.start..c.end].iter().collect();
            assert_eq!(found, c.from, "line {}", c.line);
            out.extend(&chars[pos..c.start]);
            out.push_str(&c.to);
            pos = c.end;
        }
        out.extend(&chars[pos..]);
    }
    assert!(next.next().is_none(), "changes beyond the last line or out of order");
    out
}
