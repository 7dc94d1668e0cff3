//! Fitting the calibration tables on labelled tokens (`vnreport eval --calibration --fit`),
//! and measuring how well confidences match the truth.

use super::{table, Calibration, Class, Knots, Traits};
#[cfg(feature = "cli")]
use serde::Serialize;

impl Calibration {
    /// Fit a monotone map per class on `samples` of (class, raw score, right or wrong), by
    /// isotonic regression over quantile bins of the raw score.
    pub(crate) fn fit(samples: &[Sample]) -> Calibration {
        let mut c = Calibration::default();
        for (t, knots) in c.knots.iter_mut().enumerate() {
            let mut xs: Vec<(f32, bool)> =
                samples.iter().filter(|s| table(s.class, s.traits) == t).map(|s| (s.raw, s.right)).collect();
            xs.sort_by(|a, b| a.0.total_cmp(&b.0));
            *knots = isotonic_knots(&xs);
        }
        c
    }
}

/// One labelled token: its class, raw score and whether its output was right.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Sample {
    /// The token's class.
    pub class: Class,
    /// Its traits.
    pub traits: Traits,
    /// Its raw posterior.
    pub raw: f32,
    /// Whether the output equals the correct text.
    pub right: bool,
}

/// Bins of at most this many samples before pooling, so a table stays small.
const MAX_BINS: usize = 24;
/// Fewest samples in a bin, so that no knot rests on a handful of tokens.
const MIN_BIN: usize = 50;
/// A class with fewer samples gets one knot, its overall accuracy (with a weak prior).
const MIN_SAMPLES: usize = 2 * MIN_BIN;

/// Pool-adjacent-violators over quantile bins of sorted `(raw, right)`: knots at each pooled
/// block's mean raw score with its accuracy.
fn isotonic_knots(xs: &[(f32, bool)]) -> Knots {
    if xs.is_empty() {
        return Vec::new();
    }
    // smoothed accuracy: one right and one wrong pseudo-observation per block
    let acc = |right: f64, n: f64| ((right + 1.0) / (n + 2.0)) as f32;
    if xs.len() < MIN_SAMPLES {
        let right = xs.iter().filter(|x| x.1).count() as f64;
        let p = acc(right, xs.len() as f64);
        return vec![(0.0, p), (1.0, p)];
    }
    // quantile bins, never splitting equal raw scores
    let per_bin = xs.len().div_ceil(MAX_BINS).max(MIN_BIN);
    let mut blocks: Vec<(f64, f64, f64)> = Vec::new(); // (sum raw, right, n)
    let mut i = 0;
    while i < xs.len() {
        let mut j = (i + per_bin).min(xs.len());
        while j < xs.len() && xs[j].0 == xs[j - 1].0 {
            j += 1;
        }
        let part = &xs[i..j];
        let sum: f64 = part.iter().map(|x| f64::from(x.0)).sum();
        let right = part.iter().filter(|x| x.1).count() as f64;
        blocks.push((sum, right, part.len() as f64));
        i = j;
    }
    // pool adjacent blocks whose accuracy decreases
    let mut pooled: Vec<(f64, f64, f64)> = Vec::new();
    for b in blocks {
        pooled.push(b);
        while pooled.len() >= 2 {
            let (a, b) = (pooled[pooled.len() - 2], pooled[pooled.len() - 1]);
            if acc(a.1, a.2) <= acc(b.1, b.2) {
                break;
            }
            pooled.pop();
            *pooled.last_mut().expect("two blocks") = (a.0 + b.0, a.1 + b.1, a.2 + b.2);
        }
    }
    let mut knots: Knots = pooled.iter().map(|&(s, r, n)| ((s / n) as f32, acc(r, n))).collect();
    // smoothing can make neighbours tie out of order by a hair: keep both columns ascending
    for k in 1..knots.len() {
        knots[k].1 = knots[k].1.max(knots[k - 1].1);
        knots[k].0 = knots[k].0.max(knots[k - 1].0);
    }
    knots
}

/// How well confidences match the truth, over labelled `(confidence, right)` tokens.
#[cfg(feature = "cli")]
#[derive(Debug, Clone, Serialize)]
pub struct Reliability {
    /// Tokens scored.
    pub tokens: usize,
    /// Wrong tokens among them.
    pub wrong: usize,
    /// Per confidence decile: (lower bound, tokens, mean confidence, accuracy).
    pub bins: Vec<(f32, usize, f64, f64)>,
    /// Expected calibration error: the token-weighted mean |confidence − accuracy| over bins.
    pub ece: f64,
    /// (share flagged, share of the wrong tokens among the least confident that share).
    pub caught: Vec<(f64, f64)>,
}

#[cfg(feature = "cli")]
impl Reliability {
    /// Measure `(confidence, right)` pairs; `flag` lists the shares of least confident tokens
    /// whose catch of wrong tokens is reported.
    pub fn measure(points: &[(f32, bool)], flag: &[f64]) -> Reliability {
        let n = points.len();
        let wrong = points.iter().filter(|p| !p.1).count();
        let mut bins = Vec::new();
        let mut ece = 0.0;
        for d in 0..10 {
            let lo = d as f32 / 10.0;
            let inside: Vec<&(f32, bool)> =
                points.iter().filter(|p| p.0 >= lo && (p.0 < lo + 0.1 || (d == 9 && p.0 <= 1.0))).collect();
            if inside.is_empty() {
                continue;
            }
            let m = inside.len() as f64;
            let conf = inside.iter().map(|p| f64::from(p.0)).sum::<f64>() / m;
            let acc = inside.iter().filter(|p| p.1).count() as f64 / m;
            ece += m / n.max(1) as f64 * (conf - acc).abs();
            bins.push((lo, inside.len(), conf, acc));
        }
        let every = vec![true; n];
        let caught = flag.iter().map(|&share| (share, caught(points, &every, share))).collect();
        Reliability { tokens: n, wrong, bins, ece, caught }
    }
}

/// The share of the wrong tokens among those `counted` that are flagged when the least
/// confident `share` of all `(confidence, right)` tokens are (among equal confidences, the
/// first in text order); 1 when none is wrong.
#[cfg(feature = "cli")]
pub fn caught(points: &[(f32, bool)], counted: &[bool], share: f64) -> f64 {
    let wrong = |&i: &usize| !points[i].1 && counted[i];
    let all = (0..points.len()).filter(wrong).count();
    if all == 0 {
        return 1.0;
    }
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| points[a].0.total_cmp(&points[b].0));
    let k = ((points.len() as f64) * share).round() as usize;
    let found = order[..k.min(points.len())].iter().filter(|i| wrong(i)).count();
    found as f64 / all as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_is_monotone_and_round_trips() {
        // raw scores that overstate: right 60% of the time at 0.9, 95% at 1.0
        let mut samples = Vec::new();
        for i in 0..1000 {
            samples.push(Sample {
                class: Class::Changed,
                traits: Traits::default(),
                raw: 0.9,
                right: i % 10 < 6,
            });
            samples.push(Sample {
                class: Class::Changed,
                traits: Traits::default(),
                raw: 1.0,
                right: i % 20 != 0,
            });
        }
        let c = Calibration::fit(&samples);
        assert!((c.confidence(Class::Changed, Traits::default(), 0.9) - 0.6).abs() < 0.01);
        assert!((c.confidence(Class::Changed, Traits::default(), 1.0) - 0.95).abs() < 0.01);
        let mid = c.confidence(Class::Changed, Traits::default(), 0.95);
        assert!(mid > 0.6 && mid < 0.95);
        // classes without samples stay raw
        assert_eq!(c.confidence(Class::Kept, Traits::default(), 0.5), 0.5);
        let back = Calibration::from_tsv(&c.to_tsv()).unwrap();
        assert!((back.confidence(Class::Changed, Traits::default(), 0.95) - mid).abs() < 1e-3);
    }

    #[test]
    fn reliability_counts_what_the_least_confident_catch() {
        let pts = vec![(0.1, false), (0.2, false), (0.9, true), (0.95, true), (0.99, false)];
        let r = Reliability::measure(&pts, &[0.4]);
        assert_eq!((r.tokens, r.wrong), (5, 3));
        assert!((r.caught[0].1 - 2.0 / 3.0).abs() < 1e-9);
        assert!(r.ece > 0.0);
        // counting only the last three: their one wrong token (0.99) is not among the two
        // least confident of all five
        let counted = [false, false, true, true, true];
        assert_eq!(caught(&pts, &counted, 0.4), 0.0);
        assert_eq!(caught(&pts, &counted, 1.0), 1.0);
    }
}
