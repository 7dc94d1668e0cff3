//! What restoration hands back: restored lines, each change with its offsets in the input line,
//! so every output character can be traced to the input.

use serde::{Deserialize, Serialize};

/// One change the restorer made to a line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    /// 1-based line number in the input.
    pub line: usize,
    /// Char offset in the input line where the changed text starts.
    pub start: usize,
    /// Char offset in the input line where it ends (exclusive).
    pub end: usize,
    /// The input text that was replaced.
    pub from: String,
    /// The text that replaced it.
    pub to: String,
    /// Posterior probability of the chosen reading, 0..1.
    pub confidence: f32,
}

/// One token of a restored line: where it stands in the input line and in the restored line
/// (char offsets, end exclusive), what it was and became, and how sure the restorer is.
/// The output texts of a line's records concatenate to the restored line, their inputs to
/// the input line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenRecord {
    /// 1-based line number in the input.
    pub line: usize,
    /// Char offset in the input line where the token starts.
    pub start: usize,
    /// Char offset in the input line where it ends (exclusive).
    pub end: usize,
    /// Char offset in the restored line where its output starts.
    pub out_start: usize,
    /// Char offset in the restored line where its output ends (exclusive).
    pub out_end: usize,
    /// The token as written.
    pub input: String,
    /// What the restorer wrote for it.
    pub output: String,
    /// word, number, code, url, punct or space.
    pub kind: String,
    /// Calibrated probability that the output is right, 0..1 (1 for spaces).
    pub confidence: f32,
    /// The most probable readings, best first (empty for tokens the restorer does not read).
    pub alternatives: Vec<Alternative>,
    /// The decision that produced the output (none for spaces), for fitting calibrations.
    #[serde(skip)]
    pub(crate) class: Option<(crate::calibration::Class, crate::calibration::Traits)>,
    /// The confidence before calibration.
    #[serde(skip)]
    pub(crate) raw: f32,
}

impl TokenRecord {
    /// Whether restoration changed the token's text: such a record is a [`Correction`].
    pub fn changed(&self) -> bool {
        self.input != self.output
    }
}

impl From<&TokenRecord> for Correction {
    /// The change a token record makes: its input span, its input and output texts, its
    /// confidence.
    fn from(r: &TokenRecord) -> Correction {
        Correction {
            line: r.line,
            start: r.start,
            end: r.end,
            from: r.input.clone(),
            to: r.output.clone(),
            confidence: r.confidence,
        }
    }
}

/// One reading of a token and its posterior probability.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alternative {
    /// The token as this reading writes it.
    pub text: String,
    /// Posterior probability, 0..1.
    pub p: f32,
}

/// One restored line (without its line ending) and the changes that made it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RestoredLine {
    /// The input line, without its line ending.
    pub input: String,
    /// The restored line, without its line ending.
    pub text: String,
    /// The line ending that followed the input line ("\n", "\r\n", "\r" or "" for the last).
    pub ending: String,
    /// Changes in input order; they do not overlap. From a restorer, these are its token
    /// records whose text changed ([`TokenRecord::changed`]).
    pub corrections: Vec<Correction>,
    /// Number of word tokens in the line.
    pub word_tokens: usize,
    /// Sum of the confidences of the line's word tokens (for document means).
    pub confidence_sum: f64,
    /// The calibrated confidence of every token but spaces: `(start, end, confidence)`, with
    /// char offsets in the input line, in order.
    pub confidences: Vec<(usize, usize, f32)>,
}

/// A whole restored document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Restoration {
    /// One entry per input line, in order.
    pub lines: Vec<RestoredLine>,
}

impl RestoredLine {
    /// Map a char offset in the restored line back to a char offset in the input line.
    /// Offsets inside a changed span map to the start of its input span (or its end, for an
    /// offset at the end of the span). One call walks the line's changes once; for many calls
    /// on one line, build an [`OffsetMap`].
    pub fn input_offset(&self, restored_char: usize) -> usize {
        OffsetMap::new(self).input_offset(restored_char)
    }

    /// The smallest confidence of the tokens and corrections overlapping input chars
    /// `start..end`, or 1.0 when none does.
    pub fn confidence_in(&self, start: usize, end: usize) -> f32 {
        let from = self.confidences.partition_point(|c| c.1 <= start);
        let tokens = self.confidences[from..].iter().take_while(|c| c.0 < end).map(|c| c.2);
        // changes are in order and do not overlap, so their ends are in order too
        let first = self.corrections.partition_point(|c| c.end <= start);
        let changes = self.corrections[first..].iter().take_while(|c| c.start < end).map(|c| c.confidence);
        tokens.chain(changes).fold(1.0, f32::min)
    }
}

/// A line's changes placed in both the input and the restored line, so that restored offsets
/// map back to input offsets by binary search: linear time over a line with many spans.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// Per change, in order: (restored start, restored end, input start, input end), chars.
    changes: Vec<(usize, usize, usize, usize)>,
}

impl OffsetMap {
    /// The map of `line`'s changes.
    pub fn new(line: &RestoredLine) -> OffsetMap {
        let mut delta: isize = 0; // input offset minus restored offset before the current change
        let changes = line
            .corrections
            .iter()
            .map(|c| {
                let out_start = (c.start as isize - delta).max(0) as usize;
                let out_len = c.to.chars().count();
                delta += (c.end - c.start) as isize - out_len as isize;
                (out_start, out_start + out_len, c.start, c.end)
            })
            .collect();
        OffsetMap { changes }
    }

    /// See [`RestoredLine::input_offset`].
    pub fn input_offset(&self, restored_char: usize) -> usize {
        let r = restored_char;
        let i = self.changes.partition_point(|c| c.1 < r);
        match self.changes.get(i) {
            Some(&(out_start, _, start, _)) if r < out_start => (r + start).saturating_sub(out_start),
            Some(&(_, out_end, start, end)) => match r < out_end {
                true => start,
                false => end,
            },
            None => match self.changes.last() {
                Some(&(_, out_end, _, end)) => (r + end).saturating_sub(out_end),
                None => r,
            },
        }
    }

    /// The input offset for a span ending at restored char `restored_end`: an end inside a
    /// change takes in the whole input of that change (where [`Self::input_offset`] gives its
    /// start).
    pub fn input_end(&self, restored_end: usize) -> usize {
        let r = restored_end;
        let i = self.changes.partition_point(|c| c.1 <= r);
        match self.changes.get(i) {
            Some(&(out_start, _, _, end)) if r > out_start => end,
            _ => self.input_offset(r),
        }
    }
}

impl Restoration {
    /// The restored text with the input's line endings.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for l in &self.lines {
            s.push_str(&l.text);
            s.push_str(&l.ending);
        }
        s
    }

    /// All corrections in line order.
    pub fn corrections(&self) -> impl Iterator<Item = &Correction> {
        self.lines.iter().flat_map(|l| l.corrections.iter())
    }

    /// Word tokens, changed tokens, and the mean confidence over word tokens.
    pub fn stats(&self) -> (usize, usize, f64) {
        let tokens: usize = self.lines.iter().map(|l| l.word_tokens).sum();
        let changed: usize = self.lines.iter().map(|l| l.corrections.len()).sum();
        let conf: f64 = self.lines.iter().map(|l| l.confidence_sum).sum();
        (tokens, changed, if tokens == 0 { 1.0 } else { conf / tokens as f64 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_offset_walks_over_changes() {
        // input "s6 ab" -> "số ab"; then "1ap" -> "lập"
        let line = RestoredLine {
            input: "s6 1ap x".into(),
            text: "số lập x".into(),
            corrections: vec![
                Correction {
                    line: 1, start: 0, end: 2, from: "s6".into(), to: "số".into(), confidence: 0.9
                },
                Correction {
                    line: 1,
                    start: 3,
                    end: 6,
                    from: "1ap".into(),
                    to: "lập".into(),
                    confidence: 0.8,
                },
            ],
            ..Default::default()
        };
        assert_eq!(line.input_offset(7), 7);
        assert_eq!(line.input_offset(3), 3);
        assert_eq!(line.input_offset(6), 6);
        // a change of length: "Caicach" -> "Cải cách"
        let line = RestoredLine {
            input: "Caicach x".into(),
            text: "Cải cách x".into(),
            corrections: vec![Correction {
                line: 1,
                start: 0,
                end: 7,
                from: "Caicach".into(),
                to: "Cải cách".into(),
                confidence: 0.5,
            }],
            ..Default::default()
        };
        assert_eq!(line.input_offset(9), 8);
        assert_eq!(line.input_offset(8), 7);
        assert_eq!(line.input_offset(2), 0);
        assert_eq!(line.confidence_in(0, 3), 0.5);
        assert_eq!(line.confidence_in(8, 9), 1.0);
        // unchanged tokens count too
        let line = RestoredLine { confidences: vec![(0, 2, 0.9), (3, 5, 0.7), (6, 8, 0.99)], ..line };
        assert_eq!(line.confidence_in(3, 4), 0.5);
        assert_eq!(line.confidence_in(7, 8), 0.99);
        assert_eq!(line.confidence_in(8, 9), 1.0);
    }
}
