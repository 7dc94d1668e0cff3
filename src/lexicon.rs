//! The syllable lexicon: every valid syllable (corpus-attested or allowed by the rules) grouped
//! by base key, with a symmetric-delete index over the base keys so the syllables near an OCR
//! token are found by a few hash look-ups instead of a scan of the dictionary.

use crate::lm::{IdMap, WordId};
use std::collections::{HashMap, HashSet};

/// Maximum number of deletions in the symmetric-delete index.
pub const MAX_DELETES: usize = 2;

/// Syllables by base key, and the delete index over base keys.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    keys: Vec<String>,
    /// base key id → syllable ids (LM vocabulary ids).
    members: Vec<Vec<WordId>>,
    key_ids: HashMap<String, u32>,
    /// delete variant → base key ids it comes from.
    deletes: HashMap<String, Vec<u32>>,
}

/// Every string made from `s` by removing up to `max` chars (including `s` itself).
pub fn delete_variants(s: &str, max: usize) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut frontier = vec![s.to_string()];
    out.insert(s.to_string());
    for _ in 0..max {
        let mut next = Vec::new();
        for w in &frontier {
            let chars: Vec<char> = w.chars().collect();
            for i in 0..chars.len() {
                let v: String = chars.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, c)| c).collect();
                if out.insert(v.clone()) {
                    next.push(v);
                }
            }
        }
        frontier = next;
    }
    out
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
                    lex.keys.push(key.clone());
                    lex.members.push(Vec::new());
                    lex.key_ids.insert(key, k);
                    k
                }
            };
            lex.members[k as usize].push(id);
        }
        for (k, key) in lex.keys.iter().enumerate() {
            for v in delete_variants(key, MAX_DELETES) {
                lex.deletes.entry(v).or_default().push(k as u32);
            }
        }
        lex
    }

    /// Number of base keys.
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// Syllables sharing base key `key`.
    pub fn members(&self, key: &str) -> &[WordId] {
        self.key_ids.get(key).map_or(&[], |&k| &self.members[k as usize])
    }

    /// Base keys within `max_deletes` symmetric deletions of `folded` (an OCR token folded to
    /// base letters), each given once, with the syllables under it; `folded`'s own key first.
    pub fn near(&self, folded: &str, max_deletes: usize) -> Vec<(&str, &[WordId])> {
        self.near_any(&[folded], max_deletes)
    }

    /// [`Lexicon::near`] for several look-up keys at once: the union, each key given once, in
    /// order of the queries (the first query's own key first).
    pub fn near_any(&self, queries: &[&str], max_deletes: usize) -> Vec<(&str, &[WordId])> {
        let mut seen: IdMap<u32, ()> = IdMap::default();
        let mut out = Vec::new();
        for folded in queries {
            if let Some(&k) = self.key_ids.get(*folded) {
                if seen.insert(k, ()).is_none() {
                    out.push((self.keys[k as usize].as_str(), self.members[k as usize].as_slice()));
                }
            }
            let len = folded.chars().count();
            for v in delete_variants(folded, max_deletes) {
                let removed = len - v.chars().count();
                if let Some(ks) = self.deletes.get(&v) {
                    for &k in ks {
                        let key = &self.keys[k as usize];
                        // keys reached by deleting from both sides: bound the total edit
                        let key_removed = key.chars().count().saturating_sub(v.chars().count());
                        if removed.max(key_removed) > max_deletes {
                            continue;
                        }
                        if seen.insert(k, ()).is_none() {
                            out.push((key.as_str(), self.members[k as usize].as_slice()));
                        }
                    }
                }
            }
        }
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
        assert_eq!(delete_variants("ab", 2).len(), 4);
    }
}
