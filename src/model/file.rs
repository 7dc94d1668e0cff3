//! The binary model file: a versioned, fingerprinted container that holds the trained language
//! model's costs (so start-up skips training) and the third-party n-gram counts it came from
//! (so a user's texts can be added and the model retrained).
//!
//! Layout (all integers LEB128 varints): magic `VNRMODEL`, format version, fingerprint (hex
//! SHA-256 of the format version, the base counts and the trusted texts), the names of the
//! base sources, the names of all sources, the base counts section (length-prefixed), the
//! language-model section (length-prefixed), the abbreviations.

#[cfg(feature = "train")]
use super::source_name;
use crate::codec::Reader;
#[cfg(feature = "train")]
use crate::codec::Writer;
use crate::error::{Error, ErrorKind, Result};
use crate::lm::{NgramCounts, NgramModel};
#[cfg(feature = "train")]
use sha2::{Digest, Sha256};
use std::collections::HashSet;

/// Version of the layout; a file of another version is refused.
pub const FORMAT_VERSION: u64 = 1;
const MAGIC: &[u8; 8] = b"VNRMODEL";
/// Most strings a list in the file may hold.
const MAX_LIST: usize = 1 << 22;

/// A decoded model file (the base counts stay encoded until asked for).
#[derive(Debug, Clone)]
pub struct ModelFile {
    /// Hex SHA-256 identifying what the model was built from.
    #[cfg_attr(not(feature = "train"), allow(dead_code))]
    pub fingerprint: String,
    /// Names of the third-party sources counted in the base section.
    #[cfg_attr(not(feature = "train"), allow(dead_code))]
    pub base_sources: Vec<String>,
    /// Names of every source, base first.
    pub sources: Vec<String>,
    /// The trained language model.
    pub lm: NgramModel,
    /// Abbreviations and code parts learned from the trusted texts.
    pub abbreviations: HashSet<String>,
}

fn corrupt(msg: &str) -> Error {
    Error::new(ErrorKind::Parse, format!("not a usable vnreport model file: {msg}"))
}

/// The fingerprint of a model built from encoded base counts and trusted texts.
#[cfg(feature = "train")]
pub fn fingerprint(base_section: &[u8], texts: &[(&str, &str)]) -> String {
    let mut h = Sha256::new();
    h.update(FORMAT_VERSION.to_le_bytes());
    h.update((base_section.len() as u64).to_le_bytes());
    h.update(base_section);
    for (name, text) in texts {
        let file_name = source_name(name);
        h.update((file_name.len() as u64).to_le_bytes());
        h.update(file_name.as_bytes());
        h.update(Sha256::digest(text.as_bytes()));
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Header fields and the two sections, still encoded.
struct Parts<'a> {
    fingerprint: String,
    base_sources: Vec<String>,
    sources: Vec<String>,
    base: &'a [u8],
    lm: &'a [u8],
    abbreviations: Vec<String>,
}

fn split(bytes: &[u8]) -> Result<Parts<'_>> {
    let inner = || -> std::result::Result<Parts<'_>, &'static str> {
        let mut r = Reader::new(bytes);
        if r.raw(MAGIC.len()).ok() != Some(&MAGIC[..]) {
            return Err("no VNRMODEL header");
        }
        let version = r.varint()?;
        if version != FORMAT_VERSION {
            return Err(if version > FORMAT_VERSION {
                "written by a newer vnreport (format version too high)"
            } else {
                "written by an older vnreport (format version too low)"
            });
        }
        let fingerprint = r.str()?.to_string();
        let base_sources = r.strings(MAX_LIST)?;
        let sources = r.strings(MAX_LIST)?;
        let n = r.len(r.remaining())?;
        let base = r.raw(n)?;
        let n = r.len(r.remaining())?;
        let lm = r.raw(n)?;
        let abbreviations = r.strings(MAX_LIST)?;
        if r.remaining() != 0 {
            return Err("trailing bytes");
        }
        Ok(Parts { fingerprint, base_sources, sources, base, lm, abbreviations })
    };
    inner().map_err(corrupt)
}

impl ModelFile {
    /// Train a model on `base` counts (third-party sources named `base_sources`) plus the
    /// trusted clean `texts`, and encode it as a model file.
    #[cfg(feature = "train")]
    pub fn build(base: &NgramCounts, base_sources: &[String], texts: &[(&str, &str)]) -> Vec<u8> {
        let mut bw = Writer::default();
        base.encode(&mut bw);
        let (lm, abbreviations) = super::train(base, texts);
        let mut abbreviations: Vec<String> = abbreviations.into_iter().collect();
        abbreviations.sort();
        let mut lw = Writer::default();
        lm.encode(&mut lw);
        let mut w = Writer::default();
        w.raw(MAGIC);
        w.varint(FORMAT_VERSION);
        w.str(&fingerprint(&bw.bytes, texts));
        w.strings(base_sources);
        let names = texts.iter().map(|(n, _)| source_name(n).to_string());
        w.strings(&base_sources.iter().cloned().chain(names).collect::<Vec<_>>());
        w.varint(bw.bytes.len() as u64);
        w.raw(&bw.bytes);
        w.varint(lw.bytes.len() as u64);
        w.raw(&lw.bytes);
        w.strings(&abbreviations);
        w.bytes
    }

    /// Decode a model file (the base counts are left encoded).
    pub fn decode(bytes: &[u8]) -> Result<ModelFile> {
        let p = split(bytes)?;
        let lm = NgramModel::decode(&mut Reader::new(p.lm)).map_err(corrupt)?;
        Ok(ModelFile {
            fingerprint: p.fingerprint,
            base_sources: p.base_sources,
            sources: p.sources,
            lm,
            abbreviations: p.abbreviations.into_iter().collect(),
        })
    }

    /// The base counts of a model file and the names of their sources.
    pub fn decode_base(bytes: &[u8]) -> Result<(NgramCounts, Vec<String>)> {
        let p = split(bytes)?;
        let counts = NgramCounts::decode(&mut Reader::new(p.base)).map_err(corrupt)?;
        Ok((counts, p.base_sources))
    }

    /// True when the file was built from its own base counts and exactly these trusted texts.
    #[cfg(feature = "train")]
    pub fn is_built_from(bytes: &[u8], texts: &[(&str, &str)]) -> Result<bool> {
        let p = split(bytes)?;
        Ok(p.fingerprint == fingerprint(p.base, texts))
    }
}
