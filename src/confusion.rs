//! The OCR channel model: how likely an OCR engine that does not know Vietnamese prints a string
//! for a syllable. A weighted edit distance whose operations (a letter read as one or two other
//! characters, dropped, or a character inserted) have costs learned by hard EM from aligned
//! (OCR, correct) word pairs, smoothed toward a prior that knows letters lose their marks.

use crate::error::LineError;
use crate::lm::IdMap;
use crate::viet::{base_key, split_tone};
use std::collections::HashMap;

/// Cost of a character the tables have never seen.
const UNSEEN: f32 = 9.0;
/// Share of a letter's reading probabilities that comes from its tone family as a whole.
const FAMILY_SHARE: f32 = 0.05;
/// Pseudo-count weight of the prior in the smoothed estimates.
const PRIOR_WEIGHT: f32 = 3.0;

/// Expected counts of edit operations, learned from aligned pairs; the source of truth that
/// `dictionaries/confusions.tsv` stores.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConfusionCounts {
    /// (source letter, OCR string; empty = deleted) → count.
    pub sub: HashMap<(char, String), f32>,
    /// inserted OCR char → count.
    pub ins: HashMap<char, f32>,
}

impl ConfusionCounts {
    /// Add `other`'s counts to these.
    pub fn add(&mut self, other: &ConfusionCounts) {
        for (k, n) in &other.sub {
            *self.sub.entry(k.clone()).or_insert(0.0) += n;
        }
        for (k, n) in &other.ins {
            *self.ins.entry(*k).or_insert(0.0) += n;
        }
    }
}

/// Prior cost of reading source letter `s` as `t` (empty: dropped), before any data.
fn prior_cost(s: char, t: &str) -> f32 {
    let mut it = t.chars();
    let (a, b) = (it.next(), it.next());
    match (a, b) {
        (None, _) => 5.0,
        (Some(a), None) => {
            if a == s {
                0.0
            } else if base_key(&a.to_string()) == base_key(&s.to_string()) && a.is_alphabetic() {
                let (ta, _) = split_tone(&a.to_string());
                let (ts, _) = split_tone(&s.to_string());
                if ta == ts || a.is_ascii() {
                    1.0
                } else {
                    2.0
                }
            } else {
                6.0
            }
        }
        (Some(a), Some(b)) => {
            let bs = base_key(&s.to_string());
            if base_key(&a.to_string()) == bs || base_key(&b.to_string()) == bs {
                5.0
            } else {
                8.0
            }
        }
    }
}

/// The compiled channel: dense tables over small alphabets for fast edit distance.
#[derive(Debug, Clone)]
pub struct Channel {
    src: HashMap<char, u8>,
    tgt: HashMap<char, u16>,
    n_tgt: usize,
    /// sub[s * n_tgt + t]; t = 0 is "unknown char".
    sub: Vec<f32>,
    del: Vec<f32>,
    ins: Vec<f32>,
    /// (s, t1, t2) → cost of one letter read as two characters.
    sub2: IdMap<u64, f32>,
    /// sub2_starts[s * n_tgt + t1]: whether letter s has a two-character reading starting
    /// with t1 (skips most look-ups of `sub2`).
    sub2_starts: Vec<bool>,
    /// The same costs per base letter (the cheapest of the letters sharing it): edit distances
    /// over base keys with them bound the cost of every syllable under the key from below.
    base: BaseCosts,
    /// Two-character OCR readings of one letter, as (OCR string, the letter's base): used to
    /// look a token up under the key it would have with that letter restored.
    probes: Vec<(Vec<char>, char)>,
    #[cfg_attr(not(feature = "cli"), allow(dead_code))]
    counts: ConfusionCounts,
}

/// Letter costs indexed by base letter ("a" for a, ă, â, á, ầ…), each the minimum over the
/// source letters with that base.
#[derive(Debug, Clone, Default)]
struct BaseCosts {
    index: HashMap<char, u8>,
    sub: Vec<f32>,
    del: Vec<f32>,
    sub2: IdMap<u64, f32>,
    sub2_starts: Vec<bool>,
}

/// The per-source-letter tables an edit distance reads.
#[derive(Clone, Copy)]
struct Costs<'a> {
    sub: &'a [f32],
    del: &'a [f32],
    ins: &'a [f32],
    sub2: &'a IdMap<u64, f32>,
    sub2_starts: &'a [bool],
    n_tgt: usize,
}

/// The smaller of two costs, which are never NaN (one compare, where `f32::min` also
/// handles NaN: the edit distance's inner loop is the hottest code of a first pass).
#[inline(always)]
fn fmin(a: f32, b: f32) -> f32 {
    if b < a {
        b
    } else {
        a
    }
}

/// Longest OCR string an edit distance is computed for (in characters, exclusive).
const MAX_TARGET: usize = 24;
/// Longest source string an edit distance is computed for (in letters, exclusive).
const MAX_SOURCE: usize = 16;

/// An OCR string prepared for many edit distances against it (a query profile): for every
/// source letter, the cost of reading it as each character of the string and as each
/// two-character pair ending there. A token is compared with hundreds of keys and syllables,
/// so the inner loop then reads one row instead of indexing by character and looking pairs up.
/// A letter's row is filled the first time a source with that letter is compared.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Prepared per base letter (for [`Channel::key_cost`]) rather than per source letter.
    by_base: bool,
    /// The encoded string.
    t: Vec<u16>,
    /// Insertion cost of each character.
    ins: Vec<f32>,
    /// `sub[letter * m + j]`: cost of the letter read as character j.
    sub: Vec<f32>,
    /// `sub2[letter * m + j]`: cost of the letter read as characters j-1 and j (∞ when never).
    sub2: Vec<f32>,
    /// Per letter: 0 = row not filled yet, 1 = filled, 2 = filled and has a two-character
    /// reading.
    state: Vec<u8>,
    /// The edit distance's first row: the string's characters inserted.
    start: [f32; MAX_TARGET],
    /// Rows after a one- or two-letter prefix, kept because most keys are dismissed after
    /// their first two letters and share them with many other keys.
    prefixes: PrefixRows,
}

/// Edit-distance rows after short source prefixes, with each row's minimum.
#[derive(Debug, Clone, Default)]
struct PrefixRows {
    rows: Vec<([f32; MAX_TARGET], f32)>,
    /// Index in `rows` of the row after each letter (`u32::MAX`: not computed yet).
    after_one: Vec<u32>,
    /// Index in `rows` of the row after each pair of letters (`letters * a + b`).
    after_two: Vec<u32>,
}

impl Prepared {
    fn new(c: Costs, t: &[u16], by_base: bool) -> Prepared {
        let letters = c.del.len();
        let ins: Vec<f32> = t.iter().map(|&tj| c.ins[tj as usize]).collect();
        let mut start = [f32::INFINITY; MAX_TARGET];
        start[0] = 0.0;
        for j in 1..=t.len().min(MAX_TARGET - 1) {
            start[j] = start[j - 1] + ins[j - 1];
        }
        Prepared {
            by_base,
            t: t.to_vec(),
            ins,
            sub: vec![f32::INFINITY; letters * t.len()],
            sub2: vec![f32::INFINITY; letters * t.len()],
            state: vec![0; letters],
            start,
            prefixes: if by_base {
                PrefixRows {
                    rows: Vec::new(),
                    after_one: vec![u32::MAX; letters],
                    after_two: vec![u32::MAX; letters * letters],
                }
            } else {
                PrefixRows::default()
            },
        }
    }

    /// Fill the rows of the letters of `s` not filled yet.
    fn fill(&mut self, c: Costs, s: &[u8]) {
        let m = self.t.len();
        for &si in s {
            let si = si as usize;
            if self.state[si] != 0 {
                continue;
            }
            let row = si * c.n_tgt;
            let mut state = 1;
            for (j, &tj) in self.t.iter().enumerate() {
                self.sub[si * m + j] = c.sub[row + tj as usize];
                if j >= 1 && c.sub2_starts[row + self.t[j - 1] as usize] {
                    if let Some(&c2) = c.sub2.get(&key_sub2(si as u8, self.t[j - 1], tj)) {
                        self.sub2[si * m + j] = c2;
                        state = 2;
                    }
                }
            }
            self.state[si] = state;
        }
    }

    /// Index in the prefix rows of the row after letter `a` (rows filled), computed once.
    fn after_one(&mut self, del: &[f32], a: u8) -> usize {
        let at = self.prefixes.after_one[a as usize];
        if at != u32::MAX {
            return at as usize;
        }
        let mut cur = [f32::INFINITY; MAX_TARGET];
        let best = next_row(del, a as usize, self, &self.start, &mut cur);
        let i = self.push_prefix(cur, best);
        self.prefixes.after_one[a as usize] = i as u32;
        i
    }

    /// Index of the row after letters `a b`, given `after_a`, the index of the row after `a`.
    fn after_two(&mut self, del: &[f32], a: u8, b: u8, after_a: usize) -> usize {
        let pair = a as usize * self.state.len() + b as usize;
        let at = self.prefixes.after_two[pair];
        if at != u32::MAX {
            return at as usize;
        }
        let mut cur = [f32::INFINITY; MAX_TARGET];
        let best = next_row(del, b as usize, self, &self.prefixes.rows[after_a].0, &mut cur);
        let i = self.push_prefix(cur, best);
        self.prefixes.after_two[pair] = i as u32;
        i
    }

    /// Keep a prefix row and its minimum; its index.
    fn push_prefix(&mut self, row: [f32; MAX_TARGET], best: f32) -> usize {
        self.prefixes.rows.push((row, best));
        self.prefixes.rows.len() - 1
    }
}

/// One row of the edit distance: `cur` after source letter `si` from `prev` (the rows of the
/// letters before it); returns the row's minimum.
#[inline(always)]
fn next_row(
    del: &[f32],
    si: usize,
    t: &Prepared,
    prev: &[f32; MAX_TARGET],
    cur: &mut [f32; MAX_TARGET],
) -> f32 {
    let m = t.t.len();
    let ins = &t.ins[..m];
    let sub = &t.sub[si * m..(si + 1) * m];
    let d = del[si];
    cur[0] = prev[0] + d;
    let mut best = cur[0];
    if t.state[si] == 2 {
        let sub2 = &t.sub2[si * m..(si + 1) * m];
        for j in 1..=m {
            let mut v = prev[j] + d;
            v = fmin(v, prev[j - 1] + sub[j - 1]);
            v = fmin(v, cur[j - 1] + ins[j - 1]);
            if j >= 2 {
                v = fmin(v, prev[j - 2] + sub2[j - 1]);
            }
            cur[j] = v;
            best = fmin(best, v);
        }
    } else {
        for j in 1..=m {
            let mut v = prev[j] + d;
            v = fmin(v, prev[j - 1] + sub[j - 1]);
            v = fmin(v, cur[j - 1] + ins[j - 1]);
            cur[j] = v;
            best = fmin(best, v);
        }
    }
    best
}

/// Cost (−ln P) of the prepared OCR string `t` given source `s` (with deletion costs `del`;
/// the rows of `s`'s letters filled), continuing from `start`, the row before `s`'s first
/// letter; stops early and returns `f32::INFINITY` once every path costs more than `bound`.
fn edit_cost_from(del: &[f32], s: &[u8], t: &Prepared, start: &[f32; MAX_TARGET], bound: f32) -> f32 {
    let mut rows = [*start, [f32::INFINITY; MAX_TARGET]];
    let [prev, cur] = &mut rows;
    let (mut prev, mut cur) = (prev, cur);
    for &si in s {
        if next_row(del, si as usize, t, prev, cur) > bound {
            return f32::INFINITY;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[t.t.len()]
}

/// [`edit_cost_from`] from the start: the row of insertions alone.
fn edit_cost(del: &[f32], s: &[u8], t: &Prepared, bound: f32) -> f32 {
    if t.t.len() >= MAX_TARGET || s.len() >= MAX_SOURCE {
        return f32::INFINITY;
    }
    edit_cost_from(del, s, t, &t.start, bound)
}

/// Least count of a two-character reading for it to become a look-up probe.
const PROBE_MIN_COUNT: f32 = 2.0;

/// A word mapped to channel alphabet indices.
pub type Encoded = Vec<u16>;

fn key_sub2(s: u8, t1: u16, t2: u16) -> u64 {
    (u64::from(s) << 32) | (u64::from(t1) << 16) | u64::from(t2)
}

impl BaseCosts {
    /// Fold per-letter tables to per-base-letter minima.
    fn new(
        src: &HashMap<char, u8>,
        n_tgt: usize,
        sub: &[f32],
        del: &[f32],
        sub2: &IdMap<u64, f32>,
    ) -> BaseCosts {
        let mut letters: Vec<(char, u8)> = src.iter().map(|(&c, &i)| (c, i)).collect();
        letters.sort_unstable();
        let mut b = BaseCosts::default();
        let mut of_src = vec![0u8; src.len()];
        for &(c, si) in &letters {
            let base = base_key(&c.to_string()).chars().next().unwrap_or(c);
            let n = b.index.len() as u8;
            let bi = *b.index.entry(base).or_insert(n);
            of_src[si as usize] = bi;
        }
        let n_base = b.index.len();
        b.sub = vec![f32::INFINITY; n_base * n_tgt];
        b.del = vec![f32::INFINITY; n_base];
        for (si, &bi) in of_src.iter().enumerate() {
            let (bi, si) = (bi as usize, si);
            b.del[bi] = b.del[bi].min(del[si]);
            for t in 0..n_tgt {
                let v = &mut b.sub[bi * n_tgt + t];
                *v = v.min(sub[si * n_tgt + t]);
            }
        }
        b.sub2_starts = vec![false; n_base * n_tgt];
        for (&k, &c) in sub2 {
            let bi = of_src[(k >> 32) as usize];
            let bk = (u64::from(bi) << 32) | (k & 0xffff_ffff);
            let e = b.sub2.entry(bk).or_insert(f32::INFINITY);
            *e = e.min(c);
            b.sub2_starts[bi as usize * n_tgt + ((k >> 16) & 0xffff) as usize] = true;
        }
        b
    }
}

impl Channel {
    /// Compile counts into cost tables. `source_letters` is the source alphabet (lower case).
    pub fn new(counts: ConfusionCounts, source_letters: &[char]) -> Channel {
        let mut src = HashMap::new();
        for &c in source_letters {
            let n = src.len() as u8;
            src.entry(c).or_insert(n);
        }
        let mut tgt: HashMap<char, u16> = HashMap::new();
        let add_t = |c: char, tgt: &mut HashMap<char, u16>| {
            let n = tgt.len() as u16 + 1;
            tgt.entry(c).or_insert(n);
        };
        for &c in source_letters {
            add_t(c, &mut tgt);
        }
        for (_, t) in counts.sub.keys() {
            for c in t.chars() {
                add_t(c, &mut tgt);
            }
        }
        for &c in counts.ins.keys() {
            add_t(c, &mut tgt);
        }
        for c in
            "0123456789&@¢¥€£§©®'’‘`´^~".chars().chain('a'..='z').chain("àáâãèéêìíòóôõùúýäëïöüÿçñåæø".chars())
        {
            add_t(c, &mut tgt);
        }
        let n_tgt = tgt.len() + 1;
        let n_src = src.len();
        let mut totals = vec![0f32; n_src];
        for ((s, _), &n) in &counts.sub {
            if let Some(&si) = src.get(s) {
                totals[si as usize] += n;
            }
        }
        // the family of a letter is its toneless form: counts pooled over tones back off rare letters
        let family = |c: char| split_tone(&c.to_string()).0.chars().next().unwrap_or(c);
        let mut fam_counts: HashMap<(char, &str), f32> = HashMap::new();
        let mut fam_totals: HashMap<char, f32> = HashMap::new();
        for ((s, t), &n) in &counts.sub {
            *fam_counts.entry((family(*s), t.as_str())).or_insert(0.0) += n;
            *fam_totals.entry(family(*s)).or_insert(0.0) += n;
        }
        let mut sub = vec![UNSEEN; n_src * n_tgt];
        let mut del = vec![UNSEEN; n_src];
        let mut tgt_chars: Vec<char> = vec!['\0'; n_tgt];
        for (&c, &i) in &tgt {
            tgt_chars[i as usize] = c;
        }
        let smooth = |s: char, t: &str, si: usize| -> f32 {
            let c = counts.sub.get(&(s, t.to_string())).copied().unwrap_or(0.0);
            let f = family(s);
            let cf = fam_counts.get(&(f, t)).copied().unwrap_or(0.0);
            let tf = fam_totals.get(&f).copied().unwrap_or(0.0);
            let p_fam = (cf + PRIOR_WEIGHT * (-prior_cost(s, t)).exp()) / (tf + PRIOR_WEIGHT);
            // the family keeps a fixed share, so a reading seen for a letter's siblings ("ế"
            // and "ề" read as "&") stays possible for the letter itself ("ệ")
            let p = (1.0 - FAMILY_SHARE) * (c + PRIOR_WEIGHT * p_fam) / (totals[si] + PRIOR_WEIGHT)
                + FAMILY_SHARE * p_fam;
            -p.ln()
        };
        for (&s, &si) in &src {
            let si = si as usize;
            for ti in 1..n_tgt {
                sub[si * n_tgt + ti] = smooth(s, &tgt_chars[ti].to_string(), si);
            }
            sub[si * n_tgt] = UNSEEN + (totals[si] + PRIOR_WEIGHT).ln();
            del[si] = smooth(s, "", si);
        }
        // two-character readings, for the letter they were seen for and its tone siblings: OCR
        // that reads "ữ" as "t?" reads "ử" so too, at the family's share
        let mut sub2 = IdMap::default();
        let mut family_readings: HashMap<char, Vec<&str>> = HashMap::new();
        for ((s, t), &n) in &counts.sub {
            if n >= 0.5 && t.chars().count() == 2 {
                family_readings.entry(family(*s)).or_default().push(t.as_str());
            }
        }
        for (&s, &si) in &src {
            for &t in family_readings.get(&family(s)).map_or(&[][..], Vec::as_slice) {
                let mut it = t.chars();
                if let (Some(a), Some(b)) = (it.next(), it.next()) {
                    if let (Some(&ai), Some(&bi)) = (tgt.get(&a), tgt.get(&b)) {
                        sub2.insert(key_sub2(si, ai, bi), smooth(s, t, si as usize));
                    }
                }
            }
        }
        let total_src: f32 = totals.iter().sum::<f32>().max(1.0);
        let mut ins = vec![0f32; n_tgt];
        for (ti, slot) in ins.iter_mut().enumerate() {
            let c = counts.ins.get(&tgt_chars[ti]).copied().unwrap_or(0.0);
            *slot = -((c + PRIOR_WEIGHT * (-5.0f32).exp()) / (total_src + PRIOR_WEIGHT)).ln();
        }
        let mut sub2_starts = vec![false; n_src * n_tgt];
        for &k in sub2.keys() {
            sub2_starts[(k >> 32) as usize * n_tgt + ((k >> 16) & 0xffff) as usize] = true;
        }
        let mut probes: Vec<(Vec<char>, char)> = counts
            .sub
            .iter()
            .filter(|((_, t), &n)| n >= PROBE_MIN_COUNT && t.chars().count() == 2)
            .filter_map(|((s, t), _)| {
                let base = base_key(&s.to_string()).chars().next()?;
                let folded = base_key(t);
                (!folded.contains(base) && !folded.is_empty()).then_some((folded.chars().collect(), base))
            })
            .collect();
        probes.sort_unstable();
        probes.dedup();
        let base = BaseCosts::new(&src, n_tgt, &sub, &del, &sub2);
        Channel { src, tgt, n_tgt, sub, del, ins, sub2, sub2_starts, base, probes, counts }
    }

    /// Keys to look a folded OCR token up under besides its own: the token with one
    /// two-character misreading of a letter ("ir" for "ư") put back as the letter's base ("thire"
    /// → "thue", near "thuc"). Not at the token's start, where such pairs are onsets ("tr").
    pub fn probe_keys(&self, folded: &str) -> Vec<String> {
        let mut out = Vec::new();
        let chars: Vec<(usize, char)> = folded.char_indices().collect();
        for (pat, base) in &self.probes {
            // leftmost non-overlapping matches, as `str::match_indices` finds them
            let mut k = 0;
            while k + pat.len() <= chars.len() {
                if chars[k..k + pat.len()].iter().map(|c| c.1).ne(pat.iter().copied()) {
                    k += 1;
                    continue;
                }
                let (start, end) = (chars[k].0, chars.get(k + pat.len()).map_or(folded.len(), |c| c.0));
                k += pat.len();
                if start == 0 {
                    continue;
                }
                let mut key = String::with_capacity(folded.len());
                key.push_str(&folded[..start]);
                key.push(*base);
                key.push_str(&folded[end..]);
                if key != folded && !out.contains(&key) {
                    out.push(key);
                }
            }
        }
        out
    }

    /// The counts this channel was compiled from.
    #[cfg(feature = "cli")]
    pub fn counts(&self) -> &ConfusionCounts {
        &self.counts
    }

    /// Encode an OCR string (lower case) as target indices.
    pub fn encode_target(&self, ocr: &str) -> Encoded {
        ocr.chars().map(|c| self.tgt.get(&c).copied().unwrap_or(0)).collect()
    }

    /// Encode a source syllable (lower case) as source indices; `None` if it has a letter the
    /// channel does not know.
    pub fn encode_source(&self, word: &str) -> Option<Vec<u8>> {
        word.chars().map(|c| self.src.get(&c).copied()).collect()
    }

    /// Prepare an encoded OCR string for [`Channel::cost`].
    pub fn prepare(&self, t: &[u16]) -> Prepared {
        Prepared::new(self.costs(false), t, false)
    }

    /// Prepare an encoded OCR string for [`Channel::key_cost`]; base letters are few, and
    /// a token meets hundreds of keys, so every row is filled at once.
    pub fn prepare_for_keys(&self, t: &[u16]) -> Prepared {
        let mut p = Prepared::new(self.costs(true), t, true);
        let all: Vec<u8> = (0..self.base.del.len() as u8).collect();
        p.fill(self.costs(true), &all);
        p
    }

    /// Cost (−ln P) of the OCR string `t` (from [`Channel::prepare`]) given source `s`; stops
    /// early and returns `f32::INFINITY` once every path costs more than `bound`.
    pub fn cost(&self, s: &[u8], t: &mut Prepared, bound: f32) -> f32 {
        debug_assert!(!t.by_base, "a string prepared for keys");
        t.fill(self.costs(false), s);
        edit_cost(&self.del, s, t, bound)
    }

    /// The tables an edit distance reads: per source letter, or per base letter.
    fn costs(&self, by_base: bool) -> Costs<'_> {
        let (sub, del, sub2, sub2_starts) = if by_base {
            let b = &self.base;
            (&b.sub[..], &b.del[..], &b.sub2, &b.sub2_starts[..])
        } else {
            (&self.sub[..], &self.del[..], &self.sub2, &self.sub2_starts[..])
        };
        Costs { sub, del, ins: &self.ins, sub2, sub2_starts, n_tgt: self.n_tgt }
    }

    /// Encode a base key (letters without marks) for [`Channel::key_cost`]; `None` if it has
    /// a letter no source letter folds to.
    pub fn encode_key(&self, key: &str) -> Option<Vec<u8>> {
        key.chars().map(|c| self.base.index.get(&c).copied()).collect()
    }

    /// A lower bound of [`Channel::cost`] for every syllable whose base key is `key` (encoded
    /// by [`Channel::encode_key`]; `t` from [`Channel::prepare_for_keys`]): the same edit
    /// distance with each letter's cheapest sibling.
    /// The rows after the key's first two letters are computed once per string and shared by
    /// the keys that begin alike.
    pub fn key_cost(&self, key: &[u8], t: &mut Prepared, bound: f32) -> f32 {
        debug_assert!(t.by_base, "a string not prepared for keys");
        let del = &self.base.del;
        if t.t.len() >= MAX_TARGET || key.len() >= MAX_SOURCE {
            return f32::INFINITY;
        }
        let m = t.t.len();
        let Some((&a, rest)) = key.split_first() else { return t.start[m] };
        let i = t.after_one(del, a);
        let (row, best) = &t.prefixes.rows[i];
        if *best > bound {
            return f32::INFINITY;
        }
        let Some((&b, rest)) = rest.split_first() else { return row[m] };
        let i = t.after_two(del, a, b, i);
        let t = &*t;
        let (row, best) = &t.prefixes.rows[i];
        if *best > bound {
            f32::INFINITY
        } else if rest.is_empty() {
            row[m]
        } else {
            edit_cost_from(del, rest, t, row, bound)
        }
    }

    /// The cheapest alignment of `s` to `t` as a list of (source letter or None for an
    /// insertion, OCR string).
    #[cfg(feature = "train")]
    fn align(&self, s: &[char], t: &[char]) -> Vec<(Option<char>, String)> {
        let (Some(se), te) = (
            self.encode_source(&s.iter().collect::<String>()),
            self.encode_target(&t.iter().collect::<String>()),
        ) else {
            return Vec::new();
        };
        let (n, m) = (s.len(), t.len());
        let mut d = vec![vec![f32::INFINITY; m + 1]; n + 1];
        let mut back = vec![vec![0u8; m + 1]; n + 1];
        d[0][0] = 0.0;
        for i in 0..=n {
            for j in 0..=m {
                if i == 0 && j == 0 {
                    continue;
                }
                let mut best = (f32::INFINITY, 0u8);
                if i > 0 {
                    let si = se[i - 1] as usize;
                    best = min_op(best, d[i - 1][j] + self.del[si], 1);
                    if j > 0 {
                        best =
                            min_op(best, d[i - 1][j - 1] + self.sub[si * self.n_tgt + te[j - 1] as usize], 2);
                    }
                    if j > 1 {
                        if let Some(&c2) = self.sub2.get(&key_sub2(se[i - 1], te[j - 2], te[j - 1])) {
                            best = min_op(best, d[i - 1][j - 2] + c2, 3);
                        } else {
                            best = min_op(
                                best,
                                d[i - 1][j - 2] + self.sub2_fallback(s[i - 1], t[j - 2], t[j - 1]),
                                3,
                            );
                        }
                    }
                }
                if j > 0 {
                    best = min_op(best, d[i][j - 1] + self.ins[te[j - 1] as usize], 4);
                }
                d[i][j] = best.0;
                back[i][j] = best.1;
            }
        }
        let (mut i, mut j) = (n, m);
        let mut ops = Vec::new();
        while i > 0 || j > 0 {
            match back[i][j] {
                1 => {
                    ops.push((Some(s[i - 1]), String::new()));
                    i -= 1;
                }
                2 => {
                    ops.push((Some(s[i - 1]), t[j - 1].to_string()));
                    i -= 1;
                    j -= 1;
                }
                3 => {
                    ops.push((Some(s[i - 1]), [t[j - 2], t[j - 1]].iter().collect()));
                    i -= 1;
                    j -= 2;
                }
                _ => {
                    ops.push((None, t[j - 1].to_string()));
                    j -= 1;
                }
            }
        }
        ops.reverse();
        ops
    }

    /// During learning, a 1:2 reading not yet seen gets its prior cost, so EM can discover it.
    #[cfg(feature = "train")]
    fn sub2_fallback(&self, s: char, a: char, b: char) -> f32 {
        prior_cost(s, &[a, b].iter().collect::<String>()) + 1.0
    }

    /// Learn counts by hard EM over (ocr, correct) lower-case word pairs with weights.
    #[cfg(feature = "cli")]
    pub fn learn(pairs: &[(String, String, f32)], source_letters: &[char], iterations: usize) -> Channel {
        let mut channel = Channel::new(ConfusionCounts::default(), source_letters);
        for _ in 0..iterations {
            channel = Channel::new(channel.count(pairs), source_letters);
        }
        channel
    }

    /// The edit operations of (ocr, correct) lower-case word pairs with weights, each pair
    /// aligned by this channel's cheapest path (one step of hard EM).
    #[cfg(feature = "train")]
    pub fn count(&self, pairs: &[(String, String, f32)]) -> ConfusionCounts {
        let mut counts = ConfusionCounts::default();
        for (ocr, gold, w) in pairs {
            let s: Vec<char> = gold.chars().collect();
            let t: Vec<char> = ocr.chars().collect();
            for (sc, tc) in self.align(&s, &t) {
                match sc {
                    Some(sc) => *counts.sub.entry((sc, tc)).or_insert(0.0) += w,
                    None => {
                        if let Some(c) = tc.chars().next() {
                            *counts.ins.entry(c).or_insert(0.0) += w;
                        }
                    }
                }
            }
        }
        counts
    }
}

#[cfg(feature = "train")]
fn min_op(best: (f32, u8), v: f32, op: u8) -> (f32, u8) {
    if v < best.0 {
        (v, op)
    } else {
        best
    }
}

/// Write counts as TSV: `sub<TAB>letter<TAB>ocr<TAB>count` and `ins<TAB><TAB>ocr<TAB>count`.
pub fn counts_to_tsv(counts: &ConfusionCounts) -> String {
    let mut rows: Vec<String> = counts
        .sub
        .iter()
        .filter(|(_, &n)| n >= 0.05)
        .map(|((s, t), n)| format!("sub\t{s}\t{}\t{n:.2}", escape(t)))
        .chain(
            counts
                .ins
                .iter()
                .filter(|(_, &n)| n >= 0.05)
                .map(|(t, n)| format!("ins\t\t{}\t{n:.2}", escape(&t.to_string()))),
        )
        .collect();
    rows.sort();
    let mut out = String::from(
        "# OCR confusion counts learned by `vnreport learn-confusions` (see dictionaries/README.md).\n\
         # op\tletter\tocr (\\t \\s escaped, empty = dropped)\texpected count\n",
    );
    for r in rows {
        out.push_str(&r);
        out.push('\n');
    }
    out
}

fn escape(t: &str) -> String {
    t.replace('\\', "\\\\").replace('\t', "\\t").replace(' ', "\\s")
}

fn unescape(t: &str) -> String {
    t.replace("\\s", " ").replace("\\t", "\t").replace("\\\\", "\\")
}

/// Parse the TSV written by [`counts_to_tsv`]; errors give the 1-based line.
pub fn counts_from_tsv(text: &str) -> Result<ConfusionCounts, LineError> {
    let mut counts = ConfusionCounts::default();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 4 {
            return Err(LineError::new(i + 1, format!("expected 4 tab-separated fields, found {}", f.len())));
        }
        let n: f32 = f[3].parse().map_err(|_| LineError::new(i + 1, format!("bad count {:?}", f[3])))?;
        let t = unescape(f[2]);
        match f[0] {
            "sub" => {
                let mut sc = f[1].chars();
                let (Some(s), None) = (sc.next(), sc.next()) else {
                    return Err(LineError::new(i + 1, format!("expected one letter, found {:?}", f[1])));
                };
                counts.sub.insert((s, t), n);
            }
            "ins" => {
                let Some(c) = t.chars().next() else { return Err(LineError::new(i + 1, "empty insertion")) };
                counts.ins.insert(c, n);
            }
            other => return Err(LineError::new(i + 1, format!("unknown operation {other:?}"))),
        }
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_key_cost_bounds_every_syllable_under_the_key_from_below() {
        let counts = crate::model::Model::shipped_confusions().unwrap();
        let ch = Channel::new(counts, &crate::viet::alphabet());
        let ocr = ["thire", "s6", "nim", "cdng", "két", "dwgc", "1ap", "ctia", "hign", "phé", "co’", "tri?u"];
        let mut checked = 0;
        for w in crate::viet::all_syllables().iter().step_by(23) {
            let (Some(s), Some(k)) = (ch.encode_source(w), ch.encode_key(&base_key(w))) else { continue };
            for o in ocr {
                let t = ch.encode_target(o);
                let (exact, lower) = (
                    ch.cost(&s, &mut ch.prepare(&t), f32::INFINITY),
                    ch.key_cost(&k, &mut ch.prepare_for_keys(&t), f32::INFINITY),
                );
                assert!(lower <= exact + 1e-4, "{w} read as {o}: bound {lower} > cost {exact}");
                checked += 1;
            }
        }
        assert!(checked > 5_000, "{checked}");
    }

    use super::*;

    fn letters() -> Vec<char> {
        crate::viet::alphabet()
    }

    #[test]
    fn prior_channel_prefers_stripping_marks() {
        let ch = Channel::new(ConfusionCounts::default(), &letters());
        let t = &mut ch.prepare(&ch.encode_target("nam"));
        let c_nam = ch.cost(&ch.encode_source("nam").unwrap(), t, 100.0);
        let c_nam_breve = ch.cost(&ch.encode_source("năm").unwrap(), t, 100.0);
        let c_nom = ch.cost(&ch.encode_source("nôm").unwrap(), t, 100.0);
        assert!(c_nam < c_nam_breve && c_nam_breve < c_nom, "{c_nam} {c_nam_breve} {c_nom}");
        assert_eq!(ch.cost(&ch.encode_source("nôm").unwrap(), t, 0.5), f32::INFINITY);
    }

    #[test]
    fn learning_finds_ocr_readings() {
        let pairs: Vec<(String, String, f32)> = [
            ("s6", "số"),
            ("c6", "có"),
            ("t6", "tổ"),
            ("1ap", "lập"),
            ("1a", "là"),
            ("thurc", "thực"),
            ("chirc", "chức"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string(), 1.0))
        .collect();
        let before = Channel::new(ConfusionCounts::default(), &letters());
        let after = Channel::learn(&pairs, &letters(), 3);
        let cost = |ch: &Channel, o: &str, s: &str| {
            ch.cost(&ch.encode_source(s).unwrap(), &mut ch.prepare(&ch.encode_target(o)), 100.0)
        };
        assert!(cost(&after, "b6", "bộ") < cost(&before, "b6", "bộ") - 1.0);
        assert!(cost(&after, "1y", "lý") < cost(&before, "1y", "lý") - 1.0);
        assert!(cost(&after, "turc", "tực") < cost(&before, "turc", "tực"));
        let tsv = counts_to_tsv(after.counts());
        let back = counts_from_tsv(&tsv).unwrap();
        assert_eq!(back.sub.len(), after.counts().sub.iter().filter(|(_, &n)| n >= 0.05).count());
        assert!(counts_from_tsv("sub\tab\tx\t1").is_err());
    }
}
