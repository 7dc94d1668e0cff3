//! Candidates for one word token: the syllables near it in the lexicon's delete index, scored
//! by the OCR channel; the token itself; and two-syllable splits of merged tokens ("Caicach").

use super::lattice::Cand;
use super::preload::Table;
use super::{ChannelMix, RestoreConfig};
use crate::lm::{IdHasher, IdMap, WordId};
use crate::model::Model;
use crate::viet::base_key;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::{Arc, Mutex};

/// The readings of one word token.
#[derive(Debug, Clone, Default)]
pub struct WordCands {
    /// The readings, best emission first.
    pub cands: Vec<Cand>,
    /// Index of the reading that leaves the token as it is, when that is not a syllable.
    pub keep: Option<usize>,
}

impl WordCands {
    /// The single-syllable readings, best first: those before the kept token and the splits.
    pub fn singles(&self) -> &[Cand] {
        let end =
            self.keep.unwrap_or_else(|| self.cands.iter().position(|c| c.n != 1).unwrap_or(self.cands.len()));
        &self.cands[..end]
    }
}

/// Readings already computed, shared by all threads and documents of a [`super::Restorer`]:
/// OCR'd archives repeat the same misreadings, so most tokens are found here. Sharded to keep
/// lock contention low, and cleared shard by shard when full, so memory stays bounded.
#[derive(Debug)]
pub struct CandidateCache {
    shards: Vec<Mutex<Shard>>,
    /// Readings computed ahead, consulted first (read-only, shared between restorers).
    preloaded: Option<Arc<Table>>,
}

/// Readings by channel-mix key, then by token as written (looked up by `&str`, so a hit
/// allocates nothing): a cache shard, and the readings computed ahead.
pub type ReadingsByMix = IdMap<u32, HashMap<Box<str>, Arc<WordCands>, BuildHasherDefault<IdHasher>>>;

/// One shard of the cache.
type Shard = ReadingsByMix;

const CACHE_SHARDS: usize = 32;
const CACHE_SHARD_CAPACITY: usize = 20_000;

impl Default for CandidateCache {
    fn default() -> Self {
        CandidateCache::with_preloaded(None)
    }
}

impl CandidateCache {
    /// An empty cache in front of `preloaded`, readings computed ahead.
    pub fn with_preloaded(preloaded: Option<Arc<Table>>) -> Self {
        CandidateCache {
            shards: (0..CACHE_SHARDS).map(|_| Mutex::new(Shard::default())).collect(),
            preloaded,
        }
    }

    /// The readings computed ahead that the cache stands in front of.
    pub fn ahead(&self) -> Option<&Table> {
        self.preloaded.as_deref()
    }

    /// The cached readings of the token written `word` under the mix identified by `mix_key`,
    /// computing them with `make` when absent (`make` may itself look another form up).
    pub fn get_or_insert(
        &self,
        mix_key: u32,
        word: &str,
        make: impl FnOnce() -> Arc<WordCands>,
    ) -> Arc<WordCands> {
        if let Some(v) = self.preloaded.as_ref().and_then(|t| t.get(mix_key, word)) {
            return v.clone();
        }
        let mut h = IdHasher::default();
        word.hash(&mut h);
        let shard = &self.shards[(h.finish() as usize) % CACHE_SHARDS];
        if let Some(v) =
            shard.lock().unwrap_or_else(|e| e.into_inner()).get(&mix_key).and_then(|m| m.get(word))
        {
            return v.clone();
        }
        let v = make();
        let mut guard = shard.lock().unwrap_or_else(|e| e.into_inner());
        let map = guard.entry(mix_key).or_default();
        if map.len() >= CACHE_SHARD_CAPACITY {
            map.clear();
        }
        map.insert(word.into(), v.clone());
        v
    }
}

/// Byte strings by index, stored end to end: one allocation for all, so that reading them
/// misses the cache less than one allocation each would. An entry may be absent.
#[derive(Debug, Clone, Default)]
struct PackedBytes {
    bytes: Vec<u8>,
    /// Entry `i` is `bytes[spans[i].0..spans[i].1]`; `ABSENT` when there is none.
    spans: Vec<(u32, u32)>,
}

impl PackedBytes {
    const ABSENT: (u32, u32) = (u32::MAX, u32::MAX);

    fn push(&mut self, entry: Option<Vec<u8>>) {
        let span = match entry {
            Some(e) => {
                let start = self.bytes.len() as u32;
                self.bytes.extend_from_slice(&e);
                (start, self.bytes.len() as u32)
            }
            None => Self::ABSENT,
        };
        self.spans.push(span);
    }

    fn get(&self, i: usize) -> Option<&[u8]> {
        let &(start, end) = self.spans.get(i)?;
        (start != u32::MAX).then(|| &self.bytes[start as usize..end as usize])
    }
}

impl FromIterator<Option<Vec<u8>>> for PackedBytes {
    fn from_iter<I: IntoIterator<Item = Option<Vec<u8>>>>(iter: I) -> Self {
        let mut packed = PackedBytes::default();
        for entry in iter {
            packed.push(entry);
        }
        packed
    }
}

/// Precomputed per-vocabulary data the generator needs.
#[derive(Debug, Clone)]
pub struct CandidateTables {
    /// Channel encoding of each vocabulary word that is a syllable.
    src: PackedBytes,
    /// Channel encoding of each base key of the lexicon (for the key lower bound).
    keys: PackedBytes,
    /// The lowest frequency cost among each key's syllables.
    key_min_freq: Vec<f32>,
}

impl CandidateTables {
    /// Compile the tables for `model`.
    pub fn new(model: &Model) -> CandidateTables {
        let vocab = model.lm.vocab();
        let src = (0..vocab.len() as u32)
            .map(|id| {
                let w = vocab.word(id);
                if model.lexicon.members(&base_key(w)).contains(&id) {
                    model.channel.encode_source(w)
                } else {
                    None
                }
            })
            .collect();
        let lex = &model.lexicon;
        let keys = (0..lex.key_count() as u32).map(|k| model.channel.encode_key(lex.key(k))).collect();
        let key_min_freq = (0..lex.key_count() as u32)
            .map(|k| {
                lex.members_of(k).iter().map(|&id| model.lm.frequency_cost(id)).fold(f32::INFINITY, f32::min)
            })
            .collect();
        CandidateTables { src, keys, key_min_freq }
    }

    /// Whether vocabulary word `id` is a syllable the channel can read.
    pub fn is_syllable(&self, id: WordId) -> bool {
        self.src.get(id as usize).is_some()
    }
}

/// Single-syllable readings of `norm` (lower case, normalised): (id, emission), best first.
fn syllable_readings(
    model: &Model,
    tables: &CandidateTables,
    cfg: &RestoreConfig,
    mix: &ChannelMix,
    norm: &str,
) -> Vec<(WordId, f32)> {
    let folded = base_key(norm);
    let len = folded.chars().count();
    if len == 0 || len > 12 {
        return Vec::new();
    }
    let encoded = model.channel.encode_target(norm);
    let mut target = model.channel.prepare(&encoded);
    let max_del = 2;
    let vocab = model.lm.vocab();
    let mut scored: Vec<(WordId, f32)> = Vec::new();
    let mut bound = f32::INFINITY;
    // the best rank keys (emission + weighted frequency cost) so far, ascending
    let mut top_ranks: Vec<f32> = Vec::with_capacity(cfg.max_candidates + 1);
    let probes = model.channel.probe_keys(&folded);
    let queries: Vec<&str> =
        std::iter::once(folded.as_str()).chain(probes.iter().map(String::as_str)).collect();
    let own = model.lexicon.key_id(&folded);
    // the best rank is what a reading must beat to be kept; `rank_floor` is its own share
    let rank_bound = |top_ranks: &[f32], rank_floor: f32| {
        top_ranks
            .last()
            .filter(|_| top_ranks.len() == cfg.max_candidates)
            .map_or(f32::INFINITY, |&r| r - rank_floor)
    };
    let mut score_key = |k: u32, bound: &mut f32, top_ranks: &mut Vec<f32>| {
        let own_key = Some(k) == own;
        for &id in model.lexicon.members_of(k) {
            // syllables only the rules know are tried under the token's own key, not as
            // neighbours: that is where they can win, and it spares most of the edit distances
            if !own_key && model.lm.frequency_cost(id) > cfg.neighbour_max_frequency_cost {
                continue;
            }
            let Some(src) = tables.src.get(id as usize) else { continue };
            // a reading ranked below the `max_candidates` best so far cannot be kept
            let rank_floor = cfg.unigram_rank_weight * model.lm.frequency_cost(id);
            let chan =
                model.channel.cost(src, &mut target, bound.min(rank_bound(top_ranks, rank_floor)).min(60.0));
            let identical = own_key && vocab.word(id) == norm;
            if chan == f32::INFINITY && !identical {
                continue;
            }
            let e = mix.emission(identical, own_key, chan);
            if e + cfg.beam < *bound {
                *bound = e + cfg.beam;
            }
            let rank = e + rank_floor;
            let at = top_ranks.partition_point(|&r| r <= rank);
            if at < cfg.max_candidates {
                top_ranks.insert(at, rank);
                top_ranks.truncate(cfg.max_candidates);
            }
            scored.push((id, e));
        }
    };
    let near = model.lexicon.near_any(&queries, max_del);
    if let Some(k) = own {
        score_key(k, &mut bound, &mut top_ranks);
    }
    // other keys, cheapest lower bound first: a key's edit distance with each letter's
    // cheapest sibling bounds every syllable under it, so most keys are dismissed whole
    if mix.ocr > 0.0 {
        let ocr_cost = -mix.ocr.ln();
        let mut key_target = model.channel.prepare_for_keys(&encoded);
        let key_bound = |k: u32, bound: f32, top_ranks: &[f32]| {
            let floor = cfg.unigram_rank_weight * tables.key_min_freq[k as usize];
            bound.min(rank_bound(top_ranks, floor)).min(60.0) - ocr_cost
        };
        // nearer keys first: they tighten the bounds the farther ones are tested against
        for distance in 0..=max_del as u8 {
            let mut others: Vec<(f32, u32)> = near
                .iter()
                .filter(|&&(k, d)| {
                    d == distance
                        && Some(k) != own
                        && tables.key_min_freq[k as usize] <= cfg.neighbour_max_frequency_cost
                })
                .filter_map(|&(k, _)| {
                    let key = tables.keys.get(k as usize)?;
                    let lb = model.channel.key_cost(key, &mut key_target, key_bound(k, bound, &top_ranks));
                    (lb < f32::INFINITY).then_some((lb, k))
                })
                .collect();
            others.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            for (lb, k) in others {
                if lb <= key_bound(k, bound, &top_ranks) {
                    score_key(k, &mut bound, &mut top_ranks);
                }
            }
        }
    }
    let best = scored.iter().map(|s| s.1).fold(f32::INFINITY, f32::min);
    scored.retain(|s| s.1 <= best + cfg.beam);
    let lm = &model.lm;
    scored.sort_by(|a, b| {
        let ka = a.1 + cfg.unigram_rank_weight * lm.frequency_cost(a.0);
        let kb = b.1 + cfg.unigram_rank_weight * lm.frequency_cost(b.0);
        ka.total_cmp(&kb)
    });
    scored.truncate(cfg.max_candidates);
    if let Some(first) = scored.first().map(|a| a.1 + cfg.unigram_rank_weight * lm.frequency_cost(a.0)) {
        scored.retain(|a| a.1 + cfg.unigram_rank_weight * lm.frequency_cost(a.0) <= first + cfg.rank_beam);
    }
    scored
}

/// Longest token tried as two syllables run together.
const MAX_SPLIT_CHARS: usize = 18;

/// All readings of a word token given in lower case and normalised. The two halves of a
/// split are looked up in `ahead`, readings computed ahead, before they are computed.
pub fn word_candidates(
    model: &Model,
    tables: &CandidateTables,
    cfg: &RestoreConfig,
    mix: &ChannelMix,
    norm: &str,
    ahead: Option<&Table>,
) -> WordCands {
    let singles = syllable_readings(model, tables, cfg, mix, norm);
    let vocab = model.lm.vocab();
    let mut out = WordCands { cands: singles.iter().map(|&(id, e)| Cand::one(id, e)).collect(), keep: None };
    if !singles.iter().any(|&(id, _)| vocab.word(id) == norm) {
        let id = model.lm.id(norm);
        out.keep = Some(out.cands.len());
        out.cands.push(Cand::one(id, mix.emission(true, false, cfg.keep_cost)));
    }
    let best = singles.first().map_or(f32::INFINITY, |s| s.1);
    let chars: Vec<char> = norm.chars().collect();
    // two syllables are at most 14 letters; OCR may add a couple (and a longer run is not
    // split at every point: that would be quadratic in its length)
    if (4..=MAX_SPLIT_CHARS).contains(&chars.len())
        && best > cfg.split_threshold
        && chars.iter().all(|c| c.is_alphabetic())
    {
        let mut pairs: Vec<Cand> = Vec::new();
        for i in 2..chars.len() - 1 {
            let left: String = chars[..i].iter().collect();
            let right: String = chars[i..].iter().collect();
            let single = |piece: &str| match ahead.and_then(|t| t.get(mix.key(), piece)) {
                Some(known) => known.singles().iter().map(|c| (c.ids[0], c.emission)).collect(),
                None => syllable_readings(model, tables, cfg, mix, piece),
            };
            let (l, r) = (single(&left), single(&right));
            for &(li, le) in l.iter().take(3) {
                for &(ri, re) in r.iter().take(3) {
                    pairs.push(Cand { ids: [li, ri], n: 2, emission: le + re + cfg.split_penalty });
                }
            }
        }
        pairs.sort_by(|a, b| a.emission.total_cmp(&b.emission));
        out.cands.extend(pairs.into_iter().take(4));
    }
    out
}
