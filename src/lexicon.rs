//! The syllable lexicon: every valid syllable (corpus-attested or allowed by the rules) grouped
//! by base key, with a symmetric-delete index over the base keys so the syllables near an OCR
//! token are found by a few hash look-ups instead of a scan of the dictionary.

use crate::lm::{IdMap, WordId};
use std::collections::HashMap;

/// Maximum number of deletions in the symmetric-delete index.
pub const MAX_DELETES: usize = 2;

/// Syllables by base key, and the delete index over base keys.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    keys: Vec<String>,
    /// Length of each key in chars.
    key_lens: Vec<u8>,
    /// base key id → syllable ids (LM vocabulary ids).
    members: Vec<Vec<WordId>>,
    key_ids: HashMap<String, u32>,
    /// hash of a delete variant → base key ids it comes from (a hash collision only adds a
    /// key to look at, never loses one).
    deletes: IdMap<u64, Vec<u32>>,
}

/// A 64-bit hash of a char sequence (FNV-1a over the code points, then mixed).
fn hash_chars(chars: impl Iterator<Item = char>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in chars {
        h = (h ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (h >> 32)
}

/// Call `f(hash, deleted)` for `chars` itself and for every string made from it by deleting
/// up to `max` (at most 2) chars; a string reached in several ways may be given more than once.
fn for_each_delete(chars: &[char], max: usize, mut f: impl FnMut(u64, usize)) {
    let n = chars.len();
    let skip = |a: usize, b: usize| {
        chars.iter().enumerate().filter(move |&(k, _)| k != a && k != b).map(|(_, &c)| c)
    };
    f(hash_chars(chars.iter().copied()), 0);
    if max >= 1 {
        for i in 0..n {
            f(hash_chars(skip(i, i)), 1);
        }
    }
    if max >= 2 {
        for i in 0..n {
            for j in i + 1..n {
                f(hash_chars(skip(i, j)), 2);
            }
        }
    }
}

/// Which keys a look-up has met, and where: a per-thread table stamped with the look-up's
/// number, so it is never cleared.
#[derive(Default)]
struct Seen {
    stamp: Vec<u32>,
    pos: Vec<u32>,
    epoch: u32,
}

impl Seen {
    /// Begin a look-up over `n` keys.
    fn start(&mut self, n: usize) -> &mut Seen {
        if self.stamp.len() < n {
            self.stamp.resize(n, 0);
            self.pos.resize(n, 0);
        }
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.epoch = 1;
        }
        self
    }

    fn get(&self, k: u32) -> Option<usize> {
        (self.stamp[k as usize] == self.epoch).then(|| self.pos[k as usize] as usize)
    }

    fn set(&mut self, k: u32, pos: usize) {
        self.stamp[k as usize] = self.epoch;
        self.pos[k as usize] = pos as u32;
    }
}

thread_local! {
    static SEEN: std::cell::RefCell<Seen> = std::cell::RefCell::new(Seen::default());
}

impl Lexicon {
    /// Build from (syllable id, base key) pairs.
    pub fn new(entries: impl IntoIterator<Item = (WordId, String)>) -> Lexicon {
        let mut lex = Lexicon::default();
        for (id, key) in entries {
            let k = match lex.key_ids.get(&key) {
                Some(&k) => k,
                None => {
                    let k = lex.keys.len() as u32;
                    lex.key_lens.push(key.chars().count().min(255) as u8);
                    lex.keys.push(key.clone());
                    lex.members.push(Vec::new());
                    lex.key_ids.insert(key, k);
                    k
                }
            };
            lex.members[k as usize].push(id);
        }
        let mut chars = Vec::new();
        for (k, key) in lex.keys.iter().enumerate() {
            chars.clear();
            chars.extend(key.chars());
            let deletes = &mut lex.deletes;
            for_each_delete(&chars, MAX_DELETES, |h, _| {
                let v = deletes.entry(h).or_default();
                if v.last() != Some(&(k as u32)) {
                    v.push(k as u32);
                }
            });
        }
        lex
    }

    /// Number of base keys.
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// The base key of id `k`.
    pub fn key(&self, k: u32) -> &str {
        &self.keys[k as usize]
    }

    /// The id of base key `key`, if it is one.
    pub fn key_id(&self, key: &str) -> Option<u32> {
        self.key_ids.get(key).copied()
    }

    /// Syllables sharing base key `key`.
    pub fn members(&self, key: &str) -> &[WordId] {
        self.key_ids.get(key).map_or(&[], |&k| &self.members[k as usize])
    }

    /// Syllables under base key id `k`.
    pub fn members_of(&self, k: u32) -> &[WordId] {
        &self.members[k as usize]
    }

    /// Base keys within `max_deletes` symmetric deletions of `folded` (an OCR token folded to
    /// base letters), each given once, with the syllables under it.
    #[cfg(test)]
    pub fn near(&self, folded: &str, max_deletes: usize) -> Vec<(&str, &[WordId])> {
        self.near_any(&[folded], max_deletes)
            .into_iter()
            .map(|(k, _)| (self.key(k), self.members_of(k)))
            .collect()
    }

    /// The ids of the base keys near any of `queries` (see [`Lexicon::near`]), each once, with
    /// the fewest deletions that reached them (the larger side's), in the order first found.
    pub fn near_any(&self, queries: &[&str], max_deletes: usize) -> Vec<(u32, u8)> {
        let max_deletes = max_deletes.min(MAX_DELETES);
        let mut out: Vec<(u32, u8)> = Vec::with_capacity(512);
        SEEN.with(|seen| {
            let mut seen = seen.borrow_mut();
            let seen = seen.start(self.keys.len());
            let mut add = |k: u32, d: u8, out: &mut Vec<(u32, u8)>| match seen.get(k) {
                Some(i) => out[i].1 = out[i].1.min(d),
                None => {
                    seen.set(k, out.len());
                    out.push((k, d));
                }
            };
            let mut chars = Vec::new();
            for folded in queries {
                if let Some(&k) = self.key_ids.get(*folded) {
                    add(k, 0, &mut out);
                }
                chars.clear();
                chars.extend(folded.chars());
                let len = chars.len();
                for_each_delete(&chars, max_deletes, |h, removed| {
                    let Some(ks) = self.deletes.get(&h) else { return };
                    let v_len = len - removed;
                    for &k in ks {
                        // keys reached by deleting from both sides: bound the total edit
                        let key_removed = usize::from(self.key_lens[k as usize]).saturating_sub(v_len);
                        let distance = removed.max(key_removed);
                        if distance <= max_deletes {
                            add(k, distance as u8, &mut out);
                        }
                    }
                });
            }
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_by_symmetric_deletes() {
        let words = ["thuc", "so", "lap", "duoc", "cua", "nam"];
        let lex = Lexicon::new(words.iter().enumerate().map(|(i, w)| (i as u32, w.to_string())));
        let keys = |q: &str| {
            let mut v: Vec<&str> = lex.near(q, 2).into_iter().map(|(k, _)| k).collect();
            v.sort();
            v
        };
        assert!(keys("thyc").contains(&"thuc"));
        assert!(keys("s6").contains(&"so"));
        assert!(keys("1ap").contains(&"lap"));
        assert!(keys("dwgc").contains(&"duoc"));
        assert!(keys("ctia").contains(&"cua"));
        assert!(!keys("thyc").contains(&"duoc"));
        let mut n = 0;
        for_each_delete(&['a', 'b'], 2, |_, _| n += 1);
        assert_eq!(n, 4, "ab, b, a, and the empty string");
    }
}
