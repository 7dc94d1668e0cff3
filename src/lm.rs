//! The syllable trigram language model: interpolated Kneser-Ney trained on clean reports, with
//! every rule-valid syllable in the vocabulary so unseen words keep a small probability. Costs
//! are −ln p, and each query is at most four hash look-ups.

#[cfg(feature = "train")]
use crate::codec::Writer;
use crate::codec::{DecodeError, Reader};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast hasher for integer keys (the keys are packed ids, not attacker-controlled).
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        // one multiply (Fibonacci hashing), rotated so the well-mixed high bits of the product
        // land in the low bits the table indexes by
        self.0 = (n ^ (n >> 29)).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(28);
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
}

/// A hash map keyed by packed ids.
pub type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// Id of a vocabulary entry.
pub type WordId = u32;

/// Sentence start.
pub const BOS: &str = "<s>";
/// Sentence end.
pub const EOS: &str = "</s>";
/// Unknown token.
pub const UNK: &str = "<unk>";

/// The vocabulary: strings to dense ids.
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    ids: HashMap<String, WordId>,
    words: Vec<String>,
}

impl Vocab {
    /// The id of `w`, adding it if new.
    pub fn intern(&mut self, w: &str) -> WordId {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = self.words.len() as WordId;
        self.words.push(w.to_string());
        self.ids.insert(w.to_string(), id);
        id
    }
    /// The id of `w`, if known.
    pub fn get(&self, w: &str) -> Option<WordId> {
        self.ids.get(w).copied()
    }
    /// The string of `id`.
    pub fn word(&self, id: WordId) -> &str {
        &self.words[id as usize]
    }
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.words.len()
    }
}

fn key2(a: WordId, b: WordId) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

fn key3(a: WordId, b: WordId, c: WordId) -> u64 {
    (u64::from(a) << 42) ^ (u64::from(b) << 21) ^ u64::from(c)
}

/// A trigram context as [`NgramModel::cost_in`] uses it: its back-off cost, and whether any
/// trigram or bigram continues it (when none does, those look-ups are skipped: in a lattice
/// most contexts pair candidates that never occurred together).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Context {
    /// −ln of the trigram context's back-off weight (0 when it has no trigrams).
    pub bow: f32,
    /// Some trigram `u v ·` was seen.
    pub has_trigrams: bool,
    /// Some bigram `v ·` was seen.
    pub has_bigrams: bool,
}

impl Context {
    /// A context assumed to have every continuation (no look-up is skipped).
    pub const ANY: Context = Context { bow: 0.0, has_trigrams: true, has_bigrams: true };
}

/// Interpolated Kneser-Ney trigram model over a vocabulary, stored as costs (−ln p) so that a
/// query is at most three hash look-ups and additions: seen trigrams and bigrams carry their
/// full interpolated cost, and unseen ones fall back by adding back-off weights.
#[derive(Debug, Clone)]
pub struct NgramModel {
    vocab: Vocab,
    /// −ln p1(w): continuation unigram interpolated with uniform.
    uni: Vec<f32>,
    /// −ln p2(w | v) for bigrams seen as continuations.
    bi: IdMap<u64, f32>,
    /// −ln of the back-off weight of bigram context v (0 when v was never a context).
    bi_bow: Vec<f32>,
    /// −ln p3(w | u v) for seen trigrams.
    tri: IdMap<u64, f32>,
    /// −ln of the back-off weight of trigram context (u, v).
    tri_bow: IdMap<u64, f32>,
    /// −ln of the smoothed relative frequency of each word (for ranking candidates).
    freq: Vec<f32>,
    /// The frequency cost of a word never seen in training.
    unattested_cost: f32,
    bos: WordId,
    eos: WordId,
    unk: WordId,
}

/// Absolute discount from count-of-counts (n1, n2), as Ney et al. estimate it.
fn discount(n1: usize, n2: usize) -> f32 {
    if n1 == 0 {
        return 0.5;
    }
    (n1 as f32 / (n1 as f32 + 2.0 * n2.max(1) as f32)).clamp(0.1, 0.95)
}

/// Trigram counts over a vocabulary (sentences padded with two `<s>` and one `</s>`): what a
/// language model is trained from. Counts add up, so the counts of several corpora merge.
#[derive(Debug, Clone)]
pub struct NgramCounts {
    vocab: Vocab,
    /// Packed trigram key → count.
    counts: IdMap<u64, u32>,
    /// Trigram keys in first-seen order (training is deterministic).
    order: Vec<(WordId, WordId, WordId)>,
}

impl Default for NgramCounts {
    fn default() -> Self {
        let mut vocab = Vocab::default();
        vocab.intern(BOS);
        vocab.intern(EOS);
        vocab.intern(UNK);
        NgramCounts { vocab, counts: IdMap::default(), order: Vec::new() }
    }
}

impl NgramCounts {
    /// Count the trigrams of `sentences` (each a sequence of tokens, without <s>/</s>).
    pub fn from_sentences<'a>(sentences: impl IntoIterator<Item = Vec<&'a str>>) -> NgramCounts {
        let mut c = NgramCounts::default();
        for s in sentences {
            c.add_sentence(&s);
        }
        c
    }

    /// Add one sentence.
    pub fn add_sentence(&mut self, words: &[&str]) {
        let (bos, eos) = (0, 1);
        let mut ids = vec![bos, bos];
        ids.extend(words.iter().map(|w| self.vocab.intern(w)));
        ids.push(eos);
        for w in ids.windows(3) {
            self.add(w[0], w[1], w[2], 1);
        }
    }

    fn add(&mut self, a: WordId, b: WordId, c: WordId, n: u32) {
        let e = self.counts.entry(key3(a, b, c)).or_insert(0);
        if *e == 0 {
            self.order.push((a, b, c));
        }
        *e = e.saturating_add(n);
    }

    /// Add every count of `other`.
    pub fn merge(&mut self, other: &NgramCounts) {
        let map: Vec<WordId> = other.vocab.words.iter().map(|w| self.vocab.intern(w)).collect();
        for (a, b, c, n) in other.iter() {
            self.add(map[a as usize], map[b as usize], map[c as usize], n);
        }
    }

    /// Remove every count of `other` (counts of a text that was added before); false, with
    /// nothing changed, when `other` holds a trigram more often than these counts do.
    pub fn subtract(&mut self, other: &NgramCounts) -> bool {
        let mut keys = Vec::with_capacity(other.len());
        for (a, b, c, n) in other.iter() {
            let ids = [a, b, c].map(|x| self.vocab.get(other.vocab.word(x)));
            let [Some(a), Some(b), Some(c)] = ids else { return false };
            let k = key3(a, b, c);
            if self.counts.get(&k).copied().unwrap_or(0) < n {
                return false;
            }
            keys.push((k, n));
        }
        for (k, n) in keys {
            if let Some(e) = self.counts.get_mut(&k) {
                *e -= n;
            }
        }
        self.counts.retain(|_, n| *n > 0);
        let counts = &self.counts;
        self.order.retain(|&(a, b, c)| counts.contains_key(&key3(a, b, c)));
        true
    }

    /// Every trigram with its count, in first-seen order.
    pub fn iter(&self) -> impl Iterator<Item = (WordId, WordId, WordId, u32)> + '_ {
        self.order.iter().map(|&(a, b, c)| (a, b, c, self.counts[&key3(a, b, c)]))
    }

    /// Number of distinct trigrams.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// True when nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Number of counted tokens (words and `</s>`).
    pub fn tokens(&self) -> u64 {
        self.counts.values().map(|&n| u64::from(n)).sum()
    }

    /// Rebuild from a vocabulary (whose first three entries are `<s>`, `</s>`, `<unk>`) and
    /// trigram counts; `None` when an id is out of range or the vocabulary is malformed.
    pub fn from_parts(words: Vec<String>, trigrams: &[(WordId, WordId, WordId, u32)]) -> Option<NgramCounts> {
        if words.get(..3)? != [BOS, EOS, UNK] {
            return None;
        }
        let mut vocab = Vocab::default();
        for w in &words {
            vocab.intern(w);
        }
        if vocab.len() != words.len() || vocab.len() >= (1 << 21) {
            return None;
        }
        let mut c = NgramCounts { vocab, counts: IdMap::default(), order: Vec::new() };
        for &(a, b, d, n) in trigrams {
            if [a, b, d].iter().any(|&x| x as usize >= words.len()) {
                return None;
            }
            c.add(a, b, d, n);
        }
        Some(c)
    }

    /// Train an interpolated Kneser-Ney model on these counts; `extra_vocab` adds words (e.g.
    /// every valid syllable) that get only the uniform share of probability.
    pub fn train(&self, extra_vocab: &[String]) -> NgramModel {
        let mut vocab = self.vocab.clone();
        let (bos, eos, unk) = (0, 1, 2);
        let tri_keys = &self.order;
        let tri_counts = &self.counts;
        for w in extra_vocab {
            vocab.intern(w);
        }
        let v = vocab.len();
        let mut word_counts: Vec<u32> = vec![0; v];
        for &(a, b, c) in tri_keys {
            word_counts[c as usize] += tri_counts[&key3(a, b, c)];
        }
        // trigram level
        let (mut n1, mut n2) = (0, 0);
        let mut ctx3: IdMap<u64, (u32, u32)> = IdMap::default(); // (count, types)
        let mut cont2: IdMap<u64, u32> = IdMap::default(); // N(. v w)
        for &(a, b, c) in tri_keys.iter() {
            let n = tri_counts[&key3(a, b, c)];
            match n {
                1 => n1 += 1,
                2 => n2 += 1,
                _ => {}
            }
            let e = ctx3.entry(key2(a, b)).or_insert((0, 0));
            e.0 += n;
            e.1 += 1;
            *cont2.entry(key2(b, c)).or_insert(0) += 1;
        }
        let d3 = discount(n1, n2);
        // bigram level on continuation counts
        let (mut n1, mut n2) = (0, 0);
        let mut ctx2 = vec![(0u32, 0u32); v];
        let mut cont1 = vec![0u32; v];
        for (&k, &n) in &cont2 {
            match n {
                1 => n1 += 1,
                2 => n2 += 1,
                _ => {}
            }
            let (b, c) = ((k >> 32) as usize, (k & 0xffff_ffff) as usize);
            ctx2[b].0 += n;
            ctx2[b].1 += 1;
            cont1[c] += 1;
        }
        let d2 = discount(n1, n2);
        // unigram level on continuation counts, interpolated with uniform
        let total: u32 = cont1.iter().sum();
        let types = cont1.iter().filter(|&&n| n > 0).count();
        let (n1, n2) = (cont1.iter().filter(|&&n| n == 1).count(), cont1.iter().filter(|&&n| n == 2).count());
        let d1 = discount(n1, n2);
        let uniform = 1.0 / v as f32;
        let gamma1 = if total == 0 { 1.0 } else { d1 * types as f32 / total as f32 };
        let p1: Vec<f32> = cont1
            .iter()
            .map(|&n| {
                if total == 0 {
                    uniform
                } else {
                    (n as f32 - d1).max(0.0) / total as f32 + gamma1 * uniform
                }
            })
            .collect();
        let gamma2: Vec<f32> =
            ctx2.iter().map(|&(cn, t)| if cn == 0 { 0.0 } else { d2 * t as f32 / cn as f32 }).collect();
        let p2 = |b: WordId, c: WordId| -> f32 {
            let (cn, _) = ctx2[b as usize];
            if cn == 0 {
                return p1[c as usize];
            }
            let n = cont2.get(&key2(b, c)).copied().unwrap_or(0) as f32;
            (n - d2).max(0.0) / cn as f32 + gamma2[b as usize] * p1[c as usize]
        };
        let bi: IdMap<u64, f32> =
            cont2.keys().map(|&k| (k, -p2((k >> 32) as WordId, (k & 0xffff_ffff) as WordId).ln())).collect();
        let bi_bow = gamma2.iter().map(|&g| if g > 0.0 { -g.ln() } else { 0.0 }).collect();
        let mut tri = IdMap::default();
        for &(a, b, c) in tri_keys.iter() {
            let n = tri_counts[&key3(a, b, c)] as f32;
            let (cn, t) = ctx3[&key2(a, b)];
            let g3 = d3 * t as f32 / cn as f32;
            tri.insert(key3(a, b, c), -(((n - d3).max(0.0)) / cn as f32 + g3 * p2(b, c)).ln());
        }
        let tri_bow = ctx3.iter().map(|(&k, &(cn, t))| (k, -(d3 * t as f32 / cn as f32).ln())).collect();
        let uni = p1.iter().map(|p| -p.max(1e-30).ln()).collect();
        let n_words: u32 = word_counts.iter().sum();
        let freq_of = |c: u32| -((c as f32 + 0.1) / (n_words as f32 + 0.1 * v as f32)).ln();
        let freq = word_counts.iter().map(|&c| freq_of(c)).collect();
        let unattested_cost = (freq_of(0) + freq_of(1)) / 2.0;
        NgramModel { vocab, uni, bi, bi_bow, tri, tri_bow, freq, unattested_cost, bos, eos, unk }
    }
}

impl NgramModel {
    /// Train on `sentences` (each a sequence of tokens, without <s>/</s>); `extra_vocab` adds
    /// words (e.g. every valid syllable) that get only the uniform share of probability.
    pub fn train<'a>(
        sentences: impl IntoIterator<Item = Vec<&'a str>>,
        extra_vocab: &[String],
    ) -> NgramModel {
        NgramCounts::from_sentences(sentences).train(extra_vocab)
    }

    /// The vocabulary.
    pub(crate) fn vocab(&self) -> &Vocab {
        &self.vocab
    }

    /// Id of `w`, or of `<unk>`.
    pub fn id(&self, w: &str) -> WordId {
        self.vocab.get(w).unwrap_or(self.unk)
    }

    /// Sentence-start id.
    pub fn bos(&self) -> WordId {
        self.bos
    }

    /// Sentence-end id.
    pub fn eos(&self) -> WordId {
        self.eos
    }

    /// Probability of `w` after `u v`.
    pub fn prob(&self, u: WordId, v: WordId, w: WordId) -> f32 {
        (-self.cost(u, v, w)).exp()
    }

    /// What a query in trigram context `u v` needs, for [`NgramModel::cost_in`]: looked up
    /// once per context rather than once per word.
    #[inline]
    pub(crate) fn context(&self, u: WordId, v: WordId) -> Context {
        let tri_bow = self.tri_bow.get(&key2(u, v)).copied();
        Context {
            bow: tri_bow.unwrap_or(0.0),
            has_trigrams: tri_bow.is_some(),
            // a bigram context's back-off cost is positive exactly when it has bigrams (its
            // weight is a discount share below 1), and 0 when it has none
            has_bigrams: self.bi_bow.get(v as usize).is_some_and(|&b| b > 0.0),
        }
    }

    /// Cost of `w` after `u v`, whose [`NgramModel::context`] is `ctx`: the look-ups a context
    /// without trigrams or bigrams could not answer are skipped.
    #[inline]
    pub(crate) fn cost_in(&self, u: WordId, v: WordId, ctx: Context, w: WordId) -> f32 {
        if ctx.has_trigrams {
            if let Some(&c) = self.tri.get(&key3(u, v, w)) {
                return c;
            }
        }
        let bigram = if ctx.has_bigrams { self.bi.get(&key2(v, w)).copied() } else { None };
        let c2 = match bigram {
            Some(c) => c,
            None => {
                self.bi_bow.get(v as usize).copied().unwrap_or(0.0)
                    + self.uni.get(w as usize).copied().unwrap_or(69.0)
            }
        };
        ctx.bow + c2
    }

    /// Cost (−ln p) of `w` after `u v`.
    #[inline]
    pub fn cost(&self, u: WordId, v: WordId, w: WordId) -> f32 {
        self.cost_in(u, v, self.context(u, v), w)
    }

    /// True when `w` occurred in the training text (not only in the extra vocabulary).
    pub fn is_attested(&self, w: WordId) -> bool {
        self.frequency_cost(w) < self.unattested_cost
    }

    /// −ln of the word's smoothed relative frequency in the training text (for ranking).
    pub fn frequency_cost(&self, w: WordId) -> f32 {
        self.freq.get(w as usize).copied().unwrap_or(30.0)
    }

    /// Cost of the continuation unigram alone.
    pub fn unigram_cost(&self, w: WordId) -> f32 {
        self.uni.get(w as usize).copied().unwrap_or(69.0)
    }
}

/// Largest vocabulary a model file may declare (ids are packed in 21 bits).
const MAX_VOCAB: usize = 1 << 21;

fn unpack3(k: u64) -> (WordId, WordId, WordId) {
    let m = (1u64 << 21) - 1;
    ((k >> 42) as WordId, ((k >> 21) & m) as WordId, (k & m) as WordId)
}

impl NgramCounts {
    /// Write the counts (vocabulary, then trigrams in key order with their counts).
    #[cfg(feature = "train")]
    pub(crate) fn encode(&self, w: &mut Writer) {
        w.strings(&self.vocab.words);
        let mut keys: Vec<u64> = self.counts.keys().copied().collect();
        keys.sort_unstable();
        w.varint(keys.len() as u64);
        let mut prev = 0;
        for k in keys {
            w.varint(k - prev);
            w.varint(u64::from(self.counts[&k]));
            prev = k;
        }
    }

    /// Read counts written by [`NgramCounts::encode`].
    pub(crate) fn decode(r: &mut Reader) -> Result<NgramCounts, DecodeError> {
        let words = r.strings(MAX_VOCAB)?;
        let n = r.len(r.remaining() / 2)?;
        let mut tri = Vec::with_capacity(n);
        let mut prev = 0u64;
        for _ in 0..n {
            prev = prev.checked_add(r.varint()?).ok_or("key overflow")?;
            let (a, b, c) = unpack3(prev);
            let count = u32::try_from(r.varint()?).map_err(|_| "count out of range")?;
            tri.push((a, b, c, count));
        }
        NgramCounts::from_parts(words, &tri).ok_or("malformed counts")
    }
}

impl NgramModel {
    /// Write the trained model's costs exactly, so that loading skips training.
    #[cfg(feature = "train")]
    pub(crate) fn encode(&self, w: &mut Writer) {
        w.strings(&self.vocab.words);
        for table in [&self.uni, &self.bi_bow, &self.freq] {
            for &c in table.iter() {
                w.f32(c);
            }
        }
        w.f32(self.unattested_cost);
        w.cost_map(self.bi.iter());
        w.cost_map(self.tri.iter());
        w.cost_map(self.tri_bow.iter());
    }

    /// Read a model written by [`NgramModel::encode`].
    pub(crate) fn decode(r: &mut Reader) -> Result<NgramModel, DecodeError> {
        let words = r.strings(MAX_VOCAB)?;
        if words.get(..3) != Some(&[BOS.to_string(), EOS.to_string(), UNK.to_string()][..]) {
            return Err("vocabulary does not start with <s> </s> <unk>");
        }
        let mut vocab = Vocab::default();
        for word in &words {
            vocab.intern(word);
        }
        if vocab.len() != words.len() {
            return Err("vocabulary has duplicates");
        }
        let v = vocab.len();
        let mut table = || -> Result<Vec<f32>, DecodeError> { (0..v).map(|_| r.f32()).collect() };
        let (uni, bi_bow, freq) = (table()?, table()?, table()?);
        let unattested_cost = r.f32()?;
        let map = |r: &mut Reader| -> Result<IdMap<u64, f32>, DecodeError> {
            let entries = r.cost_map()?;
            let mut m = IdMap::with_capacity_and_hasher(entries.len(), Default::default());
            m.extend(entries);
            Ok(m)
        };
        let (bi, tri, tri_bow) = (map(r)?, map(r)?, map(r)?);
        Ok(NgramModel { vocab, uni, bi, bi_bow, tri, tri_bow, freq, unattested_cost, bos: 0, eos: 1, unk: 2 })
    }

    /// True when both models give every query the same cost.
    pub fn same_costs(&self, other: &NgramModel) -> bool {
        self.vocab.words == other.vocab.words
            && self.uni == other.uni
            && self.bi_bow == other.bi_bow
            && self.freq == other.freq
            && self.unattested_cost == other.unattested_cost
            && self.bi == other.bi
            && self.tri == other.tri
            && self.tri_bow == other.tri_bow
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> NgramModel {
        let s = ["năm nay tăng", "năm nay giảm", "trong năm nay tăng", "nam bộ"];
        NgramModel::train(s.iter().map(|l| l.split(' ').collect()), &["nằm".to_string()])
    }

    #[test]
    fn probabilities_sum_to_one() {
        let m = toy();
        for ctx in [("<s>", "<s>"), ("<s>", "năm"), ("năm", "nay"), ("nay", "tăng"), ("nằm", "nằm")] {
            let (u, v) = (m.id(ctx.0), m.id(ctx.1));
            let total: f32 = (0..m.vocab().len() as u32).map(|w| m.prob(u, v, w)).sum();
            assert!((total - 1.0).abs() < 1e-4, "{ctx:?}: {total}");
        }
    }

    #[test]
    fn counts_and_models_round_trip_through_bytes() {
        let s = ["năm nay tăng", "năm nay giảm", "trong năm nay tăng"];
        let counts = NgramCounts::from_sentences(s.iter().map(|l| l.split(' ').collect()));
        let mut w = Writer::default();
        counts.encode(&mut w);
        let back = NgramCounts::decode(&mut Reader::new(&w.bytes)).unwrap();
        let extra = ["nằm".to_string()];
        assert!(counts.train(&extra).same_costs(&back.train(&extra)));
        let m = counts.train(&extra);
        let mut w = Writer::default();
        m.encode(&mut w);
        assert!(m.same_costs(&NgramModel::decode(&mut Reader::new(&w.bytes)).unwrap()));
        assert!(NgramModel::decode(&mut Reader::new(&w.bytes[..w.bytes.len() / 2])).is_err());
    }

    #[test]
    fn merged_counts_equal_counts_of_the_joined_text() {
        let (a, b) = (["năm nay tăng", "nam bộ"], ["năm nay giảm", "nam bộ"]);
        let count = |l: &[&str]| NgramCounts::from_sentences(l.iter().map(|x| x.split(' ').collect()));
        let mut merged = count(&a);
        merged.merge(&count(&b));
        let joined = count(&[a[0], a[1], b[0], b[1]]);
        assert_eq!(merged.tokens(), joined.tokens());
        assert!(merged.train(&[]).same_costs(&joined.train(&[])));
        assert!(merged.subtract(&count(&b)));
        let named = |c: &NgramCounts| {
            let mut v: Vec<_> = c
                .iter()
                .map(|(x, y, z, n)| {
                    (c.vocab.word(x).to_string(), c.vocab.word(y).to_string(), c.vocab.word(z).to_string(), n)
                })
                .collect();
            v.sort();
            v
        };
        assert_eq!(named(&merged), named(&count(&a)));
        assert!(!merged.subtract(&count(&b)), "b was removed already");
    }

    #[test]
    fn context_prefers_seen_words() {
        let m = toy();
        let (u, v) = (m.id("năm"), m.id("nay"));
        assert!(m.cost(u, v, m.id("tăng")) < m.cost(u, v, m.id("bộ")));
        let (bos, n) = (m.bos(), m.id("<s>"));
        assert!(m.cost(bos, n, m.id("năm")) < m.cost(bos, n, m.id("nam")));
        // an extra-vocabulary word is possible but unlikely
        let p = m.prob(bos, bos, m.id("nằm"));
        assert!(p > 0.0 && p < m.prob(bos, bos, m.id("nam")));
    }
}
