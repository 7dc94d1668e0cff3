//! The candidate lattice of one sentence: Viterbi for the best reading under a trigram model,
//! and forward-backward for the posterior probability of each candidate (its confidence).

use crate::lm::{NgramModel, WordId};

/// One reading of a token: one or two LM symbols and its channel (emission) cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cand {
    /// LM ids; only the first `n` are used.
    pub ids: [WordId; 2],
    /// Number of symbols (1, or 2 for a split token).
    pub n: u8,
    /// Emission cost, −ln P(observed | reading).
    pub emission: f32,
}

impl Cand {
    /// A one-symbol candidate.
    pub fn one(id: WordId, emission: f32) -> Cand {
        Cand { ids: [id, id], n: 1, emission }
    }

    fn last(&self) -> WordId {
        self.ids[self.n as usize - 1]
    }
}

/// What the lattice needs of a language model.
pub trait Scorer {
    /// Cost of `w` after `u v`.
    fn cost(&self, u: WordId, v: WordId, w: WordId) -> f32;
    /// Sentence start.
    fn bos(&self) -> WordId;
    /// Sentence end.
    fn eos(&self) -> WordId;
}

impl Scorer for NgramModel {
    fn cost(&self, u: WordId, v: WordId, w: WordId) -> f32 {
        NgramModel::cost(self, u, v, w)
    }
    fn bos(&self) -> WordId {
        NgramModel::bos(self)
    }
    fn eos(&self) -> WordId {
        NgramModel::eos(self)
    }
}

/// The best reading of a sentence and the confidence of each of its choices.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// Index of the chosen candidate at each slot.
    pub best: Vec<usize>,
    /// Posterior probability of the chosen candidate at each slot.
    pub confidence: Vec<f32>,
}

/// Weights of the two cost sources.
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    /// Multiplier of language-model costs.
    pub lm: f32,
    /// Multiplier of emission costs.
    pub emission: f32,
}

/// Context (last two ids) after candidate `cur` that follows a candidate whose last id is `prev_last`.
fn context(prev_last: WordId, cur: &Cand) -> (WordId, WordId) {
    if cur.n == 2 {
        (cur.ids[0], cur.ids[1])
    } else {
        (prev_last, cur.ids[0])
    }
}

fn step_cost<S: Scorer>(lm: &S, w: Weights, ctx: (WordId, WordId), c: &Cand) -> f32 {
    let mut lmc = lm.cost(ctx.0, ctx.1, c.ids[0]);
    if c.n == 2 {
        lmc += lm.cost(ctx.1, c.ids[0], c.ids[1]);
    }
    w.lm * lmc + w.emission * c.emission
}

fn log_add(a: f32, b: f32) -> f32 {
    // costs are negative log probabilities: combine as -ln(e^-a + e^-b)
    if a == f32::INFINITY {
        return b;
    }
    if b == f32::INFINITY {
        return a;
    }
    a.min(b) - (-(a - b).abs()).exp().ln_1p()
}

/// Decode a sentence of slots (each with at least one candidate).
pub fn decode<S: Scorer>(slots: &[Vec<Cand>], lm: &S, w: Weights) -> Decoded {
    let n = slots.len();
    if n == 0 {
        return Decoded { best: Vec::new(), confidence: Vec::new() };
    }
    let bos = lm.bos();
    let start = Cand::one(bos, 0.0);
    let prev_of = |t: usize| -> &[Cand] {
        if t == 0 {
            std::slice::from_ref(&start)
        } else {
            &slots[t - 1]
        }
    };
    // state (a, b): a indexes slot t-1 (or the start), b indexes slot t.
    let mut delta: Vec<Vec<f32>> = Vec::with_capacity(n);
    let mut alpha: Vec<Vec<f32>> = Vec::with_capacity(n);
    let mut back: Vec<Vec<u32>> = Vec::with_capacity(n);
    for t in 0..n {
        let prev = prev_of(t);
        let cur = &slots[t];
        let (kp, kc) = (prev.len(), cur.len());
        let mut d = vec![f32::INFINITY; kp * kc];
        let mut al = vec![f32::INFINITY; kp * kc];
        let mut bk = vec![0u32; kp * kc];
        for (a, pa) in prev.iter().enumerate() {
            // the context of state (z, a) at t-1 depends on z only through prev[a]'s predecessor
            let incoming: Vec<(f32, f32, u32, (WordId, WordId))> = if t == 0 {
                vec![(0.0, 0.0, 0, (bos, bos))]
            } else {
                let pp = prev_of(t - 1);
                (0..pp.len())
                    .filter(|&z| delta[t - 1][z * kp + a] < f32::INFINITY)
                    .map(|z| {
                        (
                            delta[t - 1][z * kp + a],
                            alpha[t - 1][z * kp + a],
                            z as u32,
                            context(pp[z].last(), pa),
                        )
                    })
                    .collect()
            };
            for (b, cb) in cur.iter().enumerate() {
                let mut best = (f32::INFINITY, 0u32);
                let mut acc = f32::INFINITY;
                for &(dz, az, z, ctx) in &incoming {
                    let c = step_cost(lm, w, ctx, cb);
                    if dz + c < best.0 {
                        best = (dz + c, z);
                    }
                    acc = log_add(acc, az + c);
                }
                d[a * kc + b] = best.0;
                bk[a * kc + b] = best.1;
                al[a * kc + b] = acc;
            }
        }
        delta.push(d);
        alpha.push(al);
        back.push(bk);
    }
    // end of sentence
    let eos = lm.eos();
    let last_prev = prev_of(n - 1);
    let kc = slots[n - 1].len();
    let mut best_end = (f32::INFINITY, 0usize);
    let mut end_cost = vec![f32::INFINITY; last_prev.len() * kc];
    let mut z_total = f32::INFINITY;
    for (a, pa) in last_prev.iter().enumerate() {
        for (b, cb) in slots[n - 1].iter().enumerate() {
            let ctx = context(pa.last(), cb);
            let e = w.lm * lm.cost(ctx.0, ctx.1, eos);
            end_cost[a * kc + b] = e;
            let v = delta[n - 1][a * kc + b] + e;
            if v < best_end.0 {
                best_end = (v, a * kc + b);
            }
            z_total = log_add(z_total, alpha[n - 1][a * kc + b] + e);
        }
    }
    // backtrace
    let mut best = vec![0usize; n];
    let mut state = best_end.1;
    for t in (0..n).rev() {
        let kc = slots[t].len();
        let (a, b) = (state / kc, state % kc);
        best[t] = b;
        if t > 0 {
            let z = back[t][state] as usize;
            state = z * slots[t - 1].len() + a;
        }
    }
    // backward pass: beta[t][(a,b)] = cost of the rest given state (a,b) at t
    let mut beta: Vec<Vec<f32>> = vec![Vec::new(); n];
    beta[n - 1] = end_cost;
    for t in (0..n - 1).rev() {
        let prev = prev_of(t);
        let (kp, kc, kn) = (prev.len(), slots[t].len(), slots[t + 1].len());
        let mut bt = vec![f32::INFINITY; kp * kc];
        for (a, pa) in prev.iter().enumerate() {
            for (b, cb) in slots[t].iter().enumerate() {
                let ctx = context(pa.last(), cb);
                let mut acc = f32::INFINITY;
                for (c, cc) in slots[t + 1].iter().enumerate() {
                    acc = log_add(acc, step_cost(lm, w, ctx, cc) + beta[t + 1][b * kn + c]);
                }
                bt[a * kc + b] = acc;
            }
        }
        beta[t] = bt;
    }
    let confidence = (0..n)
        .map(|t| {
            let kc = slots[t].len();
            let kp = prev_of(t).len();
            let mut acc = f32::INFINITY;
            for a in 0..kp {
                acc = log_add(acc, alpha[t][a * kc + best[t]] + beta[t][a * kc + best[t]]);
            }
            (-(acc - z_total)).exp().clamp(0.0, 1.0)
        })
        .collect();
    Decoded { best, confidence }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// A bigram table scorer: cost(u, v, w) = table[(v, w)] (the toy ignores u).
    struct Toy(HashMap<(WordId, WordId), f32>);
    impl Scorer for Toy {
        fn cost(&self, _u: WordId, v: WordId, w: WordId) -> f32 {
            self.0.get(&(v, w)).copied().unwrap_or(10.0)
        }
        fn bos(&self) -> WordId {
            0
        }
        fn eos(&self) -> WordId {
            1
        }
    }

    #[test]
    fn toy_lattice_worked_by_hand() {
        // words: 2 = "nam", 3 = "năm", 4 = "nay", 5 = "nằm"
        // slot 0: nam (emission 0), năm (emission 1); slot 1: nay (0); slot 2: eos implied.
        let lm =
            Toy(HashMap::from([((0, 2), 3.0), ((0, 3), 1.0), ((2, 4), 4.0), ((3, 4), 1.0), ((4, 1), 0.5)]));
        let slots = vec![vec![Cand::one(2, 0.0), Cand::one(3, 1.0)], vec![Cand::one(4, 0.0)]];
        let w = Weights { lm: 1.0, emission: 1.0 };
        let d = decode(&slots, &lm, w);
        // path nam nay: 3 + 0 + 4 + 0 + 0.5 = 7.5 ; path năm nay: 1 + 1 + 1 + 0 + 0.5 = 3.5
        assert_eq!(d.best, vec![1, 0]);
        let p = 1.0 / (1.0 + (-(7.5f32 - 3.5)).exp());
        assert!((d.confidence[0] - p).abs() < 1e-4, "{} vs {p}", d.confidence[0]);
        assert!((d.confidence[1] - 1.0).abs() < 1e-4);
        let d = decode(&slots, &lm, Weights { lm: 1.0, emission: 5.0 });
        // nam nay: 3 + 0 + 4 + 0.5 = 7.5 ; năm nay: 1 + 5 + 1 + 0.5 = 7.5 → tie; nam wins by order
        assert_eq!(d.best, vec![0, 0]);
        assert!((d.confidence[0] - 0.5).abs() < 1e-4);
    }

    #[test]
    fn split_candidate_uses_both_symbols() {
        // "Caicach": one symbol 6 (cost 0 emission 6) or two symbols 7 8 ("cải cách", emission 1)
        let lm =
            Toy(HashMap::from([((0, 7), 1.0), ((7, 8), 0.5), ((8, 1), 0.5), ((0, 6), 5.0), ((6, 1), 5.0)]));
        let slots = vec![vec![Cand::one(6, 6.0), Cand { ids: [7, 8], n: 2, emission: 1.0 }]];
        let d = decode(&slots, &lm, Weights { lm: 1.0, emission: 1.0 });
        assert_eq!(d.best, vec![1]);
    }

    #[test]
    fn log_add_is_right() {
        let v = log_add(1.0, 2.0);
        let expect = -((-1.0f32).exp() + (-2.0f32).exp()).ln();
        assert!((v - expect).abs() < 1e-5);
        assert_eq!(log_add(f32::INFINITY, 3.0), 3.0);
    }
}
