//! Word accuracy exactly as the project's scoring tool (`scripts/score.py`) computes it: NFC, whitespace
//! folded, Levenshtein over whitespace tokens per line, summed over the chosen lines.

use crate::viet::fold::strip_diacritics;
use serde::Serialize;
use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

/// Scores of a restored text against a line-aligned gold text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Score {
    /// Lines scored.
    pub lines: usize,
    /// Gold words in those lines.
    pub gold_words: usize,
    /// 1 − word error rate.
    pub word_acc: f64,
    /// 1 − character error rate.
    pub char_acc: f64,
    /// Word accuracy ignoring case.
    pub word_acc_ci: f64,
    /// Share of gold words whose letters match but whose diacritics differ.
    pub diac_err: f64,
}

fn norm(s: &str) -> String {
    let n: String = s.nfc().collect();
    n.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Levenshtein distance between two sequences.
pub fn levenshtein<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let (a, b) = if a.len() < b.len() { (b, a) } else { (a, b) };
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j + 1] + 1).min(cur[j] + 1).min(prev[j] + usize::from(x != y));
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Pairs of aligned tokens (hyp, gold), as score.py's `align_ops` backtraces them.
fn align<'a>(h: &[&'a str], g: &[&'a str]) -> Vec<(Option<&'a str>, Option<&'a str>)> {
    let (n, m) = (h.len(), g.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for j in 0..=m {
        d[0][j] = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + usize::from(h[i - 1] != g[j - 1]));
        }
    }
    let (mut i, mut j) = (n, m);
    let mut ops = Vec::new();
    while i > 0 || j > 0 {
        if i > 0 && j > 0 && d[i][j] == d[i - 1][j - 1] + usize::from(h[i - 1] != g[j - 1]) {
            ops.push((Some(h[i - 1]), Some(g[j - 1])));
            i -= 1;
            j -= 1;
        } else if i > 0 && d[i][j] == d[i - 1][j] + 1 {
            ops.push((Some(h[i - 1]), None));
            i -= 1;
        } else {
            ops.push((None, Some(g[j - 1])));
            j -= 1;
        }
    }
    ops
}

/// Line numbers (1-based) listed in the first column of a skip TSV.
pub fn parse_skip(tsv: &str) -> HashSet<usize> {
    tsv.split('\n').filter_map(|row| row.split('\t').next()?.trim().parse().ok()).collect()
}

/// Score `hyp` against `gold` over gold lines 1..=N, leaving out `skip`.
pub fn score(hyp: &str, gold: &str, skip: &HashSet<usize>) -> Score {
    let mut gold_lines: Vec<&str> = gold.split('\n').collect();
    if gold_lines.last() == Some(&"") {
        gold_lines.pop();
    }
    let hyp_lines: Vec<&str> = hyp.split('\n').collect();
    let mut sum = ScoreSum::default();
    for (k, g) in gold_lines.iter().enumerate() {
        if !skip.contains(&(k + 1)) {
            sum.add(hyp_lines.get(k).copied().unwrap_or(""), g);
        }
    }
    sum.score()
}

/// What [`score`] adds up line by line, so that texts read a block at a time are scored as
/// they come: [`ScoreSum::add`] each pair of lines, then [`ScoreSum::score`].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ScoreSum {
    lines: usize,
    gold_words: usize,
    word_errors: usize,
    gold_chars: usize,
    char_errors: usize,
    word_errors_ci: usize,
    diacritic_errors: usize,
}

impl ScoreSum {
    /// Add restored line `hyp` scored against gold line `gold`.
    pub fn add(&mut self, hyp: &str, gold: &str) {
        self.lines += 1;
        let g = norm(gold);
        let h = norm(hyp);
        let gt: Vec<&str> = g.split_whitespace().collect();
        let ht: Vec<&str> = h.split_whitespace().collect();
        self.gold_words += gt.len();
        self.gold_chars += g.chars().count();
        self.word_errors += levenshtein(&ht, &gt);
        let gc: Vec<char> = g.chars().collect();
        let hc: Vec<char> = h.chars().collect();
        self.char_errors += levenshtein(&hc, &gc);
        let gl: Vec<String> = gt.iter().map(|t| t.to_lowercase()).collect();
        let hl: Vec<String> = ht.iter().map(|t| t.to_lowercase()).collect();
        self.word_errors_ci += levenshtein(&hl, &gl);
        for (a, b) in align(&ht, &gt) {
            if let (Some(a), Some(b)) = (a, b) {
                if a != b && strip_diacritics(a) == strip_diacritics(b) {
                    self.diacritic_errors += 1;
                }
            }
        }
    }

    /// The scores of the lines added so far.
    pub fn score(&self) -> Score {
        let words = self.gold_words.max(1) as f64;
        Score {
            lines: self.lines,
            gold_words: self.gold_words,
            word_acc: 1.0 - self.word_errors as f64 / words,
            char_acc: 1.0 - self.char_errors as f64 / self.gold_chars.max(1) as f64,
            word_acc_ci: 1.0 - self.word_errors_ci as f64 / words,
            diac_err: self.diacritic_errors as f64 / words,
        }
    }
}

/// For each char of restored line `hyp`, whether it is right against gold line `gold`: the
/// line's whitespace words are aligned to the gold words as [`score`] aligns them; a char is
/// right when its word equals its gold word, or has the same char at the same place in it.
#[cfg(feature = "cli")]
fn right_chars(hyp: &str, gold: &str) -> Vec<bool> {
    let hc: Vec<char> = hyp.chars().collect();
    let mut right = vec![false; hc.len()];
    // whitespace words of the hypothesis with their char starts
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for piece in hyp.split(char::is_whitespace) {
        let n = piece.chars().count();
        if n > 0 {
            words.push((at, piece));
        }
        at += n + 1;
    }
    let g = norm(gold);
    let gt: Vec<&str> = g.split_whitespace().collect();
    let ht: Vec<&str> = words.iter().map(|w| w.1).collect();
    let mut hi = 0;
    // `align` lists pairs from the end of the line
    for (h, gw) in align(&ht, &gt).into_iter().rev() {
        let Some(h) = h else { continue };
        let start = words[hi].0;
        hi += 1;
        let Some(gw) = gw else { continue };
        let gc: Vec<char> = gw.chars().collect();
        for (k, c) in h.chars().enumerate() {
            right[start + k] = h == gw || gc.get(k) == Some(&c);
        }
    }
    // whitespace is always right
    for (k, c) in hc.iter().enumerate() {
        if c.is_whitespace() {
            right[k] = true;
        }
    }
    right
}

/// Label the token records of a restored text against its line-aligned gold text: a token is
/// right when every char of its output is (see `right_chars`); its confidence is then a
/// claim that can be checked. Gives (class and raw posterior, calibrated confidence, is a
/// word, right) for every token but spaces.
#[cfg(feature = "cli")]
pub fn label_tokens(
    records: &[crate::TokenRecord],
    restoration: &crate::Restoration,
    gold: &str,
) -> Vec<(crate::calibration::Sample, f32, bool)> {
    let gold_lines: Vec<&str> = gold.split('\n').collect();
    let mut out = Vec::with_capacity(records.len());
    let mut line_right: (usize, Vec<bool>) = (0, Vec::new());
    for r in records {
        let Some((class, traits)) = r.class else { continue };
        let (Some(line), Some(g)) = (restoration.lines.get(r.line - 1), gold_lines.get(r.line - 1)) else {
            continue;
        };
        if line_right.0 != r.line {
            line_right = (r.line, right_chars(&line.text, g));
        }
        let right = (r.out_start..r.out_end).all(|k| line_right.1.get(k).copied().unwrap_or(false));
        let sample = crate::calibration::Sample { class, traits, raw: r.raw, right };
        out.push((sample, r.confidence, r.kind == "word"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_like_the_scoring_tool() {
        let gold = "Kết quả thực hiện\nnăm 2025\n";
        let s = score("Kết qua thực hiện\n năm  2025", gold, &HashSet::new());
        assert_eq!(s.gold_words, 6);
        assert!((s.word_acc - 5.0 / 6.0).abs() < 1e-12);
        assert!((s.diac_err - 1.0 / 6.0).abs() < 1e-12);
        let s = score("x\nnăm 2025", gold, &parse_skip("1\tuncertain\n"));
        assert_eq!((s.lines, s.gold_words), (1, 2));
        assert_eq!(s.word_acc, 1.0);
        assert_eq!(levenshtein(&[1, 2, 3], &[1, 3]), 1);
    }

    #[test]
    fn chars_are_right_where_they_match_their_gold_word() {
        let r = right_chars("Kết qua, năm", "Kết quả. năm");
        let s: String = r.iter().map(|&b| if b { '1' } else { '0' }).collect();
        // "qua," against "quả.": q and u right, a and the comma wrong
        assert_eq!(s, "111111001111");
        // an inserted word is wrong
        let r = right_chars("a x b", "a b");
        assert_eq!(r, vec![true, true, false, true, true]);
    }
}
