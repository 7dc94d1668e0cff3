//! The candidate lattice of one sentence: Viterbi for the best reading under a trigram model,
//! and forward-backward for the posterior probability of each candidate (its confidence).

use crate::lm::{Context, NgramModel, WordId};

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
}

/// What the lattice needs of a language model.
pub trait Scorer {
    /// Cost of `w` after `u v`.
    fn cost(&self, u: WordId, v: WordId, w: WordId) -> f32;
    /// What all queries in context `u v` share (e.g. a back-off weight); by default nothing.
    fn context(&self, _u: WordId, _v: WordId) -> Context {
        Context::ANY
    }
    /// Cost of `w` after `u v` given that context from [`Scorer::context`].
    fn cost_in(&self, u: WordId, v: WordId, _context: Context, w: WordId) -> f32 {
        self.cost(u, v, w)
    }
    /// Sentence start.
    fn bos(&self) -> WordId;
    /// Sentence end.
    fn eos(&self) -> WordId;
}

impl Scorer for NgramModel {
    fn cost(&self, u: WordId, v: WordId, w: WordId) -> f32 {
        NgramModel::cost(self, u, v, w)
    }
    fn context(&self, u: WordId, v: WordId) -> Context {
        NgramModel::context(self, u, v)
    }
    fn cost_in(&self, u: WordId, v: WordId, context: Context, w: WordId) -> f32 {
        NgramModel::cost_in(self, u, v, context, w)
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
    /// The most probable candidates of each slot with their posteriors, best first (empty
    /// unless asked for).
    pub alternatives: Vec<Alternatives>,
}

/// How many alternatives a slot reports.
pub const ALTERNATIVES: usize = 3;
/// Candidates per slot whose posteriors are computed (more than any slot has).
const MAX_SCORED_CANDS: usize = 16;

/// (candidate index, posterior) of a slot's best candidates, best first; an unused entry has
/// index `u16::MAX`.
pub type Alternatives = [(u16, f32); ALTERNATIVES];

/// Weights of the two cost sources.
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    /// Multiplier of language-model costs.
    pub lm: f32,
    /// Multiplier of emission costs.
    pub emission: f32,
    /// Multiplier of costs in the forward-backward pass (1 / temperature): below 1 spreads
    /// the posteriors, whose ranking then better separates sure from doubtful words.
    pub posterior: f32,
}

/// Context (last two ids) after candidate `cur` that follows a candidate whose last id is `prev_last`.
fn context(prev_last: WordId, cur: &Cand) -> (WordId, WordId) {
    if cur.n == 2 {
        (cur.ids[0], cur.ids[1])
    } else {
        (prev_last, cur.ids[0])
    }
}

fn step_cost<S: Scorer>(lm: &S, w: Weights, ctx: (WordId, WordId), ctx_value: Context, c: &Cand) -> f32 {
    let mut lmc = lm.cost_in(ctx.0, ctx.1, ctx_value, c.ids[0]);
    if c.n == 2 {
        lmc += lm.cost(ctx.1, c.ids[0], c.ids[1]);
    }
    w.lm * lmc + w.emission * c.emission
}

const SOFTPLUS_RANGE: f32 = 20.0;
const SOFTPLUS_STEPS: usize = 2048;

/// The table of ln(1 + e^−d) for 0 ≤ d ≤ 20 that [`log_add`] interpolates in (error < 1e-5):
/// the forward-backward pass combines costs on every edge, and libm's log1p/exp dominated the
/// profile. Fetched once per sentence, so the hot loop does not check its initialisation.
fn softplus_table() -> &'static [f32] {
    static TABLE: std::sync::LazyLock<Vec<f32>> = std::sync::LazyLock::new(|| {
        (0..=SOFTPLUS_STEPS + 1)
            .map(|i| (-(i as f32) * SOFTPLUS_RANGE / SOFTPLUS_STEPS as f32).exp().ln_1p())
            .collect()
    });
    &TABLE
}

/// ln(1 + e^−d) for 0 ≤ d < 20, interpolated in `table` ([`softplus_table`]).
#[inline(always)]
fn softplus_neg(table: &[f32], d: f32) -> f32 {
    let x = d * (SOFTPLUS_STEPS as f32 / SOFTPLUS_RANGE);
    let i = x as usize;
    let f = x - i as f32;
    let (lo, hi) = (table[i], table[i + 1]);
    lo + (hi - lo) * f
}

/// −ln(e^−a + e^−b): two costs (negative log probabilities) of alternatives combined.
#[inline(always)]
fn log_add(table: &[f32], a: f32, b: f32) -> f32 {
    if a == f32::INFINITY {
        return b;
    }
    if b == f32::INFINITY {
        return a;
    }
    let d = (a - b).abs();
    if d >= SOFTPLUS_RANGE {
        return a.min(b);
    }
    a.min(b) - softplus_neg(table, d)
}

/// A live state at one slot: the candidate chosen at the slot before (`a`) and at this slot
/// (`b`), with the LM context they leave and the Viterbi and forward costs of reaching it.
#[derive(Debug, Clone, Copy)]
struct State {
    b: u32,
    ctx: (WordId, WordId),
    delta: f32,
    alpha: f32,
    back: u32,
}

/// An edge between a state at slot t-1 and one at slot t, with its cost.
#[derive(Debug, Clone, Copy)]
struct Edge {
    from: u32,
    to: u32,
    cost: f32,
}

/// Decode a sentence of slots (an empty result when a slot has no candidate). States whose Viterbi cost is
/// worse than the best at their slot by more than `beam` are pruned; the posteriors are
/// computed by forward-backward over the states that remain.
#[cfg(test)]
pub fn decode<S: Scorer, C: AsRef<[Cand]>>(slots: &[C], lm: &S, w: Weights, beam: f32) -> Decoded {
    decode_with(slots, lm, w, beam, false)
}

/// [`decode`], and with `alternatives` the best few candidates of every slot too.
pub fn decode_with<S: Scorer, C: AsRef<[Cand]>>(
    slots: &[C],
    lm: &S,
    w: Weights,
    beam: f32,
    alternatives: bool,
) -> Decoded {
    let n = slots.len();
    // nothing to decode, or a slot nothing can fill: no path at all
    if n == 0 || slots.iter().any(|s| s.as_ref().is_empty()) {
        return Decoded { best: Vec::new(), confidence: Vec::new(), alternatives: Vec::new() };
    }
    SCRATCH.with(|scratch| {
        let mut scratch = scratch.borrow_mut();
        decode_in(&mut scratch, slots, lm, w, beam, alternatives)
    })
}

/// The buffers of one decode, kept per thread so a sentence allocates nothing once warm.
#[derive(Default)]
struct Scratch {
    states: Vec<State>,
    state_at: Vec<usize>,
    edges: Vec<Edge>,
    edge_at: Vec<usize>,
    dense: Vec<u32>,
    cur: Vec<State>,
    renum: Vec<u32>,
    beta: Vec<f32>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

fn decode_in<S: Scorer, C: AsRef<[Cand]>>(
    scratch: &mut Scratch,
    slots: &[C],
    lm: &S,
    w: Weights,
    beam: f32,
    with_alternatives: bool,
) -> Decoded {
    let n = slots.len();
    let bos = lm.bos();
    let sp = softplus_table();
    // all states and edges in flat vectors; slot t owns states[state_at[t]..state_at[t + 1]]
    let Scratch { states, state_at, edges, edge_at, dense, cur, renum, beta } = scratch;
    for v in [&mut *state_at, &mut *edge_at] {
        v.clear();
    }
    states.clear();
    edges.clear();
    let start = State { b: 0, ctx: (bos, bos), delta: 0.0, alpha: 0.0, back: 0 };
    for t in 0..n {
        let (prev_lo, prev_hi) = if t == 0 { (0, 0) } else { (state_at[t - 1], states.len()) };
        let cands = slots[t].as_ref();
        let kc = cands.len();
        let kp = if t == 0 { 1 } else { slots[t - 1].as_ref().len() };
        dense.clear();
        dense.resize(kp * kc, u32::MAX);
        cur.clear();
        let first_edge = edges.len();
        let prev_count = if t == 0 { 1 } else { prev_hi - prev_lo };
        edges.reserve(prev_count * kc);
        for pi in 0..prev_count {
            let p = if t == 0 { start } else { states[prev_lo + pi] };
            let ctx_value = lm.context(p.ctx.0, p.ctx.1);
            // the states after this one's candidate `p.b`, one per candidate of this slot
            let row = p.b as usize * kc;
            for ((c, cand), slot) in cands.iter().enumerate().zip(&mut dense[row..row + kc]) {
                let cost = step_cost(lm, w, p.ctx, ctx_value, cand);
                if *slot == u32::MAX {
                    let prev_last = if cand.n == 2 { cand.ids[0] } else { p.ctx.1 };
                    *slot = cur.len() as u32;
                    cur.push(State {
                        b: c as u32,
                        ctx: context(prev_last, cand),
                        delta: f32::INFINITY,
                        alpha: f32::INFINITY,
                        back: 0,
                    });
                }
                let idx = *slot;
                let s = &mut cur[idx as usize];
                if p.delta + cost < s.delta {
                    s.delta = p.delta + cost;
                    s.back = pi as u32;
                }
                s.alpha = log_add(sp, s.alpha, p.alpha + cost * w.posterior);
                edges.push(Edge { from: pi as u32, to: idx, cost: cost * w.posterior });
            }
        }
        // prune, renumbering the states kept
        let best = cur.iter().map(|s| s.delta).fold(f32::INFINITY, f32::min);
        renum.clear();
        renum.resize(cur.len(), u32::MAX);
        state_at.push(states.len());
        let mut kept = 0u32;
        for (i, s) in cur.iter().enumerate() {
            if s.delta <= best + beam {
                renum[i] = kept;
                kept += 1;
                states.push(*s);
            }
        }
        let mut write = first_edge;
        for r in first_edge..edges.len() {
            let mut e = edges[r];
            e.to = renum[e.to as usize];
            if e.to != u32::MAX {
                edges[write] = e;
                write += 1;
            }
        }
        edges.truncate(write);
        edge_at.push(first_edge);
    }
    state_at.push(states.len());
    edge_at.push(edges.len());
    // end of sentence
    let eos = lm.eos();
    let (last_lo, last_hi) = (state_at[n - 1], state_at[n]);
    beta.clear();
    beta.resize(states.len(), f32::INFINITY);
    let (mut best_i, mut best_v) = (last_lo, f32::INFINITY);
    let mut z = f32::INFINITY;
    for i in last_lo..last_hi {
        let s = &states[i];
        let end = w.lm * lm.cost(s.ctx.0, s.ctx.1, eos);
        beta[i] = end * w.posterior;
        if s.delta + end < best_v {
            best_v = s.delta + end;
            best_i = i;
        }
        z = log_add(sp, z, s.alpha + beta[i]);
    }
    // backtrace
    let mut best = vec![0usize; n];
    let mut si = best_i;
    for t in (0..n).rev() {
        let s = states[si];
        best[t] = s.b as usize;
        if t > 0 {
            si = state_at[t - 1] + s.back as usize;
        }
    }
    // backward pass over the kept states and edges
    for t in (1..n).rev() {
        let (lo_prev, lo) = (state_at[t - 1], state_at[t]);
        for e in &edges[edge_at[t]..edge_at[t + 1]] {
            let v = e.cost + beta[lo + e.to as usize];
            let slot = &mut beta[lo_prev + e.from as usize];
            *slot = log_add(sp, *slot, v);
        }
    }
    // posterior of every candidate of a slot: the chosen one's is its confidence, the best few
    // are its alternatives
    let mut confidence = Vec::with_capacity(n);
    let mut alternatives = Vec::with_capacity(n);
    for t in 0..n {
        let posterior = |a: f32| (-(a - z)).exp().clamp(0.0, 1.0);
        if !with_alternatives {
            // the chosen candidate's posterior alone
            let mut acc = f32::INFINITY;
            for i in state_at[t]..state_at[t + 1] {
                if states[i].b as usize == best[t] {
                    acc = log_add(sp, acc, states[i].alpha + beta[i]);
                }
            }
            confidence.push(posterior(acc));
            continue;
        }
        let mut acc = [f32::INFINITY; MAX_SCORED_CANDS];
        for i in state_at[t]..state_at[t + 1] {
            if let Some(a) = acc.get_mut(states[i].b as usize) {
                *a = log_add(sp, *a, states[i].alpha + beta[i]);
            }
        }
        let p = |b: usize| acc.get(b).map_or(0.0, |&a| posterior(a));
        confidence.push(p(best[t]));
        let mut top: Alternatives = [(u16::MAX, 0.0); ALTERNATIVES];
        for b in 0..slots[t].as_ref().len().min(MAX_SCORED_CANDS) {
            let pb = p(b);
            if let Some(at) = top.iter().position(|&(i, q)| i == u16::MAX || pb > q) {
                top[at..].rotate_right(1);
                top[at] = (b as u16, pb);
            }
        }
        alternatives.push(top);
    }
    Decoded { best, confidence, alternatives }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_with_an_empty_slot_decodes_to_no_path() {
        let model = crate::Model::shipped().unwrap();
        let lm = model.lm();
        let w = Weights { lm: 1.0, emission: 1.0, posterior: 1.0 };
        let known = Cand::one(lm.id("năm"), 0.0);
        let empty: Vec<Vec<Cand>> = Vec::new();
        assert!(decode(&empty, lm, w, 10.0).best.is_empty());
        for slots in [vec![vec![], vec![known]], vec![vec![known], vec![]]] {
            let d = decode(&slots, lm, w, 10.0);
            assert!(d.best.is_empty() && d.confidence.is_empty(), "{d:?}");
        }
        assert_eq!(decode(&[vec![known]], lm, w, 10.0).best, vec![0]);
    }
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
        let w = Weights { lm: 1.0, emission: 1.0, posterior: 1.0 };
        let d = decode(&slots, &lm, w, f32::INFINITY);
        // path nam nay: 3 + 0 + 4 + 0 + 0.5 = 7.5 ; path năm nay: 1 + 1 + 1 + 0 + 0.5 = 3.5
        assert_eq!(d.best, vec![1, 0]);
        let p = 1.0 / (1.0 + (-(7.5f32 - 3.5)).exp());
        assert!((d.confidence[0] - p).abs() < 1e-4, "{} vs {p}", d.confidence[0]);
        assert!((d.confidence[1] - 1.0).abs() < 1e-4);
        let d = decode(&slots, &lm, Weights { lm: 1.0, emission: 5.0, posterior: 1.0 }, f32::INFINITY);
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
        let d = decode(&slots, &lm, Weights { lm: 1.0, emission: 1.0, posterior: 1.0 }, f32::INFINITY);
        assert_eq!(d.best, vec![1]);
    }

    #[test]
    fn a_slot_without_candidates_gives_no_path_instead_of_a_panic() {
        let lm = Toy(HashMap::new());
        let w = Weights { lm: 1.0, emission: 1.0, posterior: 1.0 };
        let slots: Vec<Vec<Cand>> = vec![vec![Cand::one(2, 0.0)], vec![]];
        assert!(decode(&slots, &lm, w, 10.0).best.is_empty());
    }

    #[test]
    fn log_add_is_right() {
        let sp = softplus_table();
        let v = log_add(sp, 1.0, 2.0);
        let expect = -((-1.0f32).exp() + (-2.0f32).exp()).ln();
        assert!((v - expect).abs() < 1e-5);
        for d in [0.0f32, 0.3, 1.7, 5.0, 12.5, 19.99] {
            assert!((softplus_neg(sp, d) - (-d).exp().ln_1p()).abs() < 1e-5, "{d}");
        }
        assert_eq!(log_add(sp, f32::INFINITY, 3.0), 3.0);
    }
}
