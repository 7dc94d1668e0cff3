//! Readings of the shipped model's most frequent words, computed when the model is built and
//! embedded beside it (`dictionaries/readings.bin`), so a restorer's first pass over a new
//! document finds them ready instead of computing them: correctly read common words
//! are a third or more of an unseen document's distinct words.
//!
//! A table is used only by a restorer whose model fingerprint and configuration are the ones
//! it was computed for; any other model or tuning computes every reading itself. The readings
//! are those [`word_candidates`] gives, so a preloaded cache restores exactly as a cold one
//! (a test recomputes every entry of the shipped table).

use super::candidates::{word_candidates, CandidateTables, ReadingsByMix, WordCands};
use super::lattice::Cand;
use super::{ChannelMix, RestoreConfig};
use crate::codec::{DecodeError, Reader, Writer};
use crate::model::Model;
use crate::viet::{base_key, normalize_word};
use std::sync::{Arc, Mutex};

/// First string of a readings file.
const MAGIC: &str = "vnreport readings";
/// Format version of a readings file.
const VERSION: u64 = 1;
/// How many of the model's most frequent syllables are read ahead (each with its base key).
pub const FREQUENT_SYLLABLES: usize = 7000;
/// Most forms a readings file may hold per document kind.
const MAX_FORMS: usize = 1 << 20;

/// The forms read ahead: the model's most frequent attested syllables and their base keys,
/// normalised, each once, most frequent first.
pub fn frequent_forms(model: &Model, tables: &CandidateTables) -> Vec<String> {
    let lm = &model.lm;
    let mut ids: Vec<u32> =
        (0..lm.vocab().len() as u32).filter(|&id| lm.is_attested(id) && tables.is_syllable(id)).collect();
    ids.sort_by(|&a, &b| lm.frequency_cost(a).total_cmp(&lm.frequency_cost(b)).then(a.cmp(&b)));
    let mut seen = std::collections::HashSet::new();
    let mut forms = Vec::new();
    for &id in ids.iter().take(FREQUENT_SYLLABLES) {
        let word = lm.vocab().word(id);
        for form in [normalize_word(word), base_key(word)] {
            if seen.insert(form.clone()) {
                forms.push(form);
            }
        }
    }
    forms
}

/// What a table was computed for: the model's fingerprint and the configuration.
fn made_for(model: &Model, config: &RestoreConfig) -> (String, String) {
    (model.fingerprint().to_string(), format!("{config:?}"))
}

/// Compute the readings of `forms` under every document kind, as a readings file.
pub fn build(model: &Model, tables: &CandidateTables, config: &RestoreConfig, forms: &[String]) -> Vec<u8> {
    let mut w = Writer::default();
    w.str(MAGIC);
    w.varint(VERSION);
    let (fingerprint, config_text) = made_for(model, config);
    w.str(&fingerprint);
    w.str(&config_text);
    w.varint(ChannelMix::KINDS.len() as u64);
    for mix in &ChannelMix::KINDS {
        w.varint(u64::from(mix.key()));
        w.varint(forms.len() as u64);
        for form in forms {
            let readings = word_candidates(model, tables, config, mix, form, None);
            w.str(form);
            w.varint(readings.keep.map_or(0, |k| k as u64 + 1));
            w.varint(readings.cands.len() as u64);
            for c in &readings.cands {
                w.varint(u64::from(c.n));
                w.varint(u64::from(c.ids[0]));
                w.varint(u64::from(c.ids[1]));
                w.f32(c.emission);
            }
        }
    }
    w.bytes
}

/// One entry of a readings file: document kind, form, readings.
pub type Entry = (u32, String, WordCands);

/// The entries of a readings file made for `model` and `config`; `None` when it was made for
/// another model or configuration (or is empty).
pub fn read(bytes: &[u8], model: &Model, config: &RestoreConfig) -> Result<Option<Vec<Entry>>, DecodeError> {
    if bytes.is_empty() {
        return Ok(None);
    }
    let mut r = Reader::new(bytes);
    if r.str()? != MAGIC || r.varint()? != VERSION {
        return Err("not a readings file of this version");
    }
    let (fingerprint, config_text) = made_for(model, config);
    if r.str()? != fingerprint || r.str()? != config_text {
        return Ok(None);
    }
    let vocab = model.lm.vocab().len() as u64;
    let id = |r: &mut Reader| -> Result<u32, DecodeError> {
        let v = r.varint()?;
        if v >= vocab {
            return Err("a reading names a word outside the vocabulary");
        }
        Ok(v as u32)
    };
    let mut out = Vec::new();
    for _ in 0..r.len(ChannelMix::KINDS.len())? {
        let mix_key = r.varint()? as u32;
        for _ in 0..r.len(MAX_FORMS)? {
            let form = r.str()?.to_string();
            let keep = r.varint()?;
            let n = r.len(1 << 10)?;
            let mut cands = Vec::with_capacity(n);
            for _ in 0..n {
                let symbols = r.varint()?;
                if !(1..=2).contains(&symbols) {
                    return Err("a reading of neither one nor two syllables");
                }
                let ids = [id(&mut r)?, id(&mut r)?];
                cands.push(Cand { ids, n: symbols as u8, emission: r.f32()? });
            }
            let keep = match keep {
                0 => None,
                k if (k as usize) <= cands.len() => Some(k as usize - 1),
                _ => return Err("a kept reading outside the list"),
            };
            out.push((mix_key, form, WordCands { cands, keep }));
        }
    }
    Ok(Some(out))
}

/// A readings file held in memory: looked up before a restorer's own cache, read once and
/// shared by every restorer of the model and configuration it was made for, so that making a
/// restorer (and dropping one) costs no more than an empty cache.
#[derive(Debug)]
pub struct Table {
    /// The model fingerprint and configuration the readings were computed for.
    made_for: (String, String),
    /// Document kind (channel-mix key) → form → readings.
    by_mix: ReadingsByMix,
}

impl Table {
    fn new(made_for: (String, String), entries: Vec<Entry>) -> Table {
        let mut by_mix = ReadingsByMix::default();
        for (mix_key, form, readings) in entries {
            by_mix.entry(mix_key).or_default().insert(form.into(), Arc::new(readings));
        }
        Table { made_for, by_mix }
    }

    /// The readings of `form` under the document kind `mix_key`, when the table holds them.
    pub fn get(&self, mix_key: u32, form: &str) -> Option<&Arc<WordCands>> {
        self.by_mix.get(&mix_key)?.get(form)
    }
}

/// The shipped readings (`dictionaries/readings.bin`) as a table, when they were made for
/// `model` and `config`: read on first use and shared from then on. A table made for another
/// model or tuning is passed over, and a damaged one only costs the speed it would give.
pub fn shipped(model: &Model, config: &RestoreConfig) -> Option<Arc<Table>> {
    static SHIPPED: Mutex<Option<Arc<Table>>> = Mutex::new(None);
    let made_for = made_for(model, config);
    let mut held = SHIPPED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(table) = held.as_ref().filter(|t| t.made_for == made_for) {
        return Some(table.clone());
    }
    let entries = read(Model::shipped_readings(), model, config).ok()??;
    let table = Arc::new(Table::new(made_for, entries));
    *held = Some(table.clone());
    Some(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_serves_the_shipped_model_and_settings_only() {
        let model = Model::shipped().expect("the shipped model loads");
        let config = RestoreConfig::default();
        let table = shipped(&model, &config).expect("the shipped readings were made for the shipped model");
        for mix in &ChannelMix::KINDS {
            let readings = table.get(mix.key(), "của").expect("a frequent word is read ahead");
            assert_eq!(
                readings.cands,
                word_candidates(&model, &CandidateTables::new(&model), &config, mix, "của", None).cands
            );
        }
        assert!(table.get(ChannelMix::OCR.key(), "xyzzy").is_none());
        let again = shipped(&model, &config).expect("still served");
        assert!(Arc::ptr_eq(&table, &again), "read once, then shared");
        let tuned = RestoreConfig { beam: config.beam + 1.0, ..config };
        assert!(shipped(&model, &tuned).is_none(), "other settings compute their own readings");
    }
}
