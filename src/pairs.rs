//! Aligned (OCR, correct) word pairs from line-aligned files, the data the channel model learns
//! its confusion costs from.

use crate::corpus::strip_markdown;
use crate::token::{tokenize, TokenKind};
use crate::viet::{base_key, is_valid, normalize_word};

fn words(line: &str) -> Vec<String> {
    tokenize(line).iter().filter(|t| t.kind == TokenKind::Word).map(|t| t.text(line).to_lowercase()).collect()
}

/// Similarity of an OCR word and a correct word, on their base keys (0..1).
fn similarity(ocr: &str, gold: &str) -> f64 {
    strsim::normalized_levenshtein(&base_key(ocr), &base_key(gold))
}

/// Word pairs of one pair of lines, aligned by edit distance over words; only pairs whose
/// correct side is a valid syllable and whose two sides look alike are kept.
pub fn line_pairs(ocr_line: &str, gold_line: &str) -> Vec<(String, String)> {
    let o = words(ocr_line);
    let g: Vec<String> = words(&strip_markdown(gold_line)).iter().map(|w| normalize_word(w)).collect();
    let (n, m) = (o.len(), g.len());
    let mut d = vec![vec![0f64; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i as f64;
    }
    for j in 0..=m {
        d[0][j] = j as f64;
    }
    for i in 1..=n {
        for j in 1..=m {
            let sub = d[i - 1][j - 1] + 1.0 - similarity(&o[i - 1], &g[j - 1]);
            d[i][j] = sub.min(d[i - 1][j] + 1.0).min(d[i][j - 1] + 1.0);
        }
    }
    let (mut i, mut j) = (n, m);
    let mut out = Vec::new();
    while i > 0 && j > 0 {
        let sim = similarity(&o[i - 1], &g[j - 1]);
        if (d[i][j] - (d[i - 1][j - 1] + 1.0 - sim)).abs() < 1e-9 {
            if sim >= 0.34 && is_valid(&g[j - 1]) {
                out.push((o[i - 1].clone(), g[j - 1].clone()));
            }
            i -= 1;
            j -= 1;
        } else if (d[i][j] - (d[i - 1][j] + 1.0)).abs() < 1e-9 {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    out.reverse();
    out
}

/// Word pairs of two line-aligned texts (line k of `ocr` is the OCR of line k of `gold`).
pub fn text_pairs(ocr: &str, gold: &str) -> Vec<(String, String)> {
    ocr.lines().zip(gold.lines()).flat_map(|(o, g)| line_pairs(o, g)).collect()
}

/// Weighted word pairs (OCR, correct) added line by line, each distinct pair held once with
/// the weight its occurrences add up to: what the confusion channel learns from, in memory
/// that follows the distinct pairs rather than the texts. Learning from it gives what
/// learning from every occurrence gives (each occurrence adds its weight to the same counts;
/// with whole or halved weights the sums are exact in `f32`).
#[derive(Debug, Default)]
pub struct PairTally {
    weights: std::collections::HashMap<(String, String), f32>,
    occurrences: usize,
}

impl PairTally {
    /// Add the word pairs of one aligned line pair, each weighing `weight`; returns how many.
    pub fn add_lines(&mut self, ocr_line: &str, gold_line: &str, weight: f32) -> usize {
        let pairs = line_pairs(ocr_line, gold_line);
        for pair in &pairs {
            *self.weights.entry(pair.clone()).or_insert(0.0) += weight;
        }
        self.occurrences += pairs.len();
        pairs.len()
    }

    /// Word pairs added so far, every occurrence counted.
    pub fn occurrences(&self) -> usize {
        self.occurrences
    }

    /// The distinct pairs with their weights, in order.
    pub fn into_pairs(self) -> Vec<(String, String, f32)> {
        let mut pairs: Vec<(String, String, f32)> =
            self.weights.into_iter().map(|((o, g), w)| (o, g, w)).collect();
        pairs.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "train")]
    #[test]
    fn the_tally_learns_what_every_occurrence_teaches() {
        // simulated OCR of a report and its text, weight 1, and the dev half of real OCR,
        // weight 3, as `learn-confusions` takes them
        let read = |p: &str| std::fs::read_to_string(format!("{}/{p}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let files = [
            ("corpus/synthetic/001_4b7321f46e9814a7.s0.txt", "corpus/clean/001_4b7321f46e9814a7.txt", 1.0),
            ("corpus/gold/003.dev.ocr.txt", "corpus/gold/003.dev.gold.txt", 3.0),
        ];
        let (mut every, mut tally) = (Vec::new(), PairTally::default());
        for (ocr, gold, weight) in files {
            let (ocr, gold) = (read(ocr), read(gold));
            every.extend(text_pairs(&ocr, &gold).into_iter().map(|(o, g)| (o, g, weight)));
            for (o, g) in ocr.lines().zip(gold.lines()) {
                tally.add_lines(o, g, weight);
            }
        }
        assert_eq!(tally.occurrences(), every.len());
        let distinct = tally.into_pairs();
        assert!(distinct.len() < every.len() / 2, "{} of {}", distinct.len(), every.len());
        let letters = crate::viet::alphabet();
        let learned = |pairs: &[(String, String, f32)]| crate::confusion::Channel::learn(pairs, &letters, 2);
        assert_eq!(learned(&distinct).counts(), learned(&every).counts());
    }

    #[test]
    fn aligns_words_of_a_real_line() {
        let p = line_pairs(
            "K&t qua thyc hign cdng tac cai cach hanh chinh 6 thang dau nim",
            "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm",
        );
        assert_eq!(p[0], ("k&t".to_string(), "kết".to_string()));
        assert!(p.contains(&("hign".to_string(), "hiện".to_string())));
        assert!(p.contains(&("nim".to_string(), "năm".to_string())));
        assert_eq!(p.len(), 13);
        // a dropped word leaves the others aligned
        let p = line_pairs("thanh phé di thuc", "thành phố đã thực hiện");
        assert_eq!(p.last(), Some(&("thuc".to_string(), "thực".to_string())));
    }
}
