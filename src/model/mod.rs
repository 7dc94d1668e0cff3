//! The trained model: the language model, the lexicon and its indexes, the OCR channel and the
//! abbreviations, built from clean text and learned confusion counts. The shipped model is
//! loaded from the binary model file embedded at compile time (`dictionaries/model.bin`).

mod file;

pub use file::ModelFile;

use crate::calibration::Calibration;
use crate::confusion::{counts_from_tsv, counts_to_tsv, Channel, ConfusionCounts};
use crate::corpus::{strip_markdown, training_sentences};
use crate::error::{Error, ErrorKind, Result};
use crate::lexicon::Lexicon;
use crate::lm::{NgramCounts, NgramModel};
use crate::token::{tokenize, TokenKind};
use crate::viet::{all_syllables, alphabet, base_key, is_valid};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::path::Path;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// Everything restoration needs, built once and shared (it is `Send + Sync`).
#[derive(Debug, Clone)]
pub struct Model {
    pub(crate) lm: NgramModel,
    pub(crate) lexicon: Lexicon,
    pub(crate) channel: Channel,
    /// Upper-case abbreviations and code parts seen in clean text ("UBND", "HĐND", "QĐ").
    pub(crate) abbreviations: HashSet<String>,
    /// The map from raw posteriors to calibrated confidences.
    pub(crate) calibration: Calibration,
    /// Names of the training texts.
    sources: Vec<String>,
    /// A short hex id of what the model was built from (see [`Model::fingerprint`]).
    fingerprint: String,
}

/// Feeds the pieces a model is built from into one SHA-256, each piece length-prefixed so
/// that no two different lists of pieces hash alike.
struct Fingerprinter(Sha256);

impl Fingerprinter {
    fn new(kind: &str) -> Fingerprinter {
        let mut f = Fingerprinter(Sha256::new());
        f.piece(kind.as_bytes());
        f
    }

    fn piece(&mut self, bytes: &[u8]) -> &mut Fingerprinter {
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// The first 16 hex digits of the digest.
    fn finish(self) -> String {
        self.0.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect()
    }
}

/// The fingerprint of the shipped tables alone: the embedded model file (or, without one,
/// the embedded corpus), confusion counts and calibration table.
fn shipped_fingerprint() -> String {
    let mut f = Fingerprinter::new("shipped");
    if embedded::MODEL.is_empty() {
        for (name, text) in embedded::CORPUS {
            f.piece(name.as_bytes()).piece(text.as_bytes());
        }
    } else {
        f.piece(embedded::MODEL);
    }
    f.piece(embedded::CONFUSIONS.as_bytes()).piece(embedded::CALIBRATION.as_bytes());
    f.finish()
}

/// Upper-case words that are not syllables, and the parts of document codes, in `text`.
fn collect_abbreviations(text: &str, out: &mut HashSet<String>) {
    for raw in text.lines() {
        let line = strip_markdown(raw);
        for t in tokenize(&line) {
            let s = t.text(&line);
            match t.kind {
                TokenKind::Word
                    if s.chars().filter(|c| c.is_uppercase()).count() >= 2
                        && !is_valid(s)
                        && s.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) =>
                {
                    out.insert(s.to_string());
                }
                TokenKind::Code => {
                    out.extend(crate::codes::abbreviation_parts(s).map(str::to_string));
                }
                _ => {}
            }
        }
    }
}

/// How a user's training folder combines with the shipped model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combine {
    /// The folder's texts add to the shipped model's counts (the default).
    Add,
    /// The folder's texts replace the shipped model.
    Replace,
}

/// Count the training sentences of clean texts.
pub fn count_texts(texts: &[(&str, &str)]) -> NgramCounts {
    let mut counts = NgramCounts::default();
    for (_, t) in texts {
        for s in training_sentences(t) {
            counts.add_sentence(&s.iter().map(String::as_str).collect::<Vec<_>>());
        }
    }
    counts
}

/// The file name of a source path ("corpus/clean/000.txt" → "000.txt"): what models record.
pub fn source_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Train the language model on `base` counts plus the clean `texts`, and collect the
/// abbreviations of `texts` (whose spelling is trusted; the base sources' is not).
fn train(base: &NgramCounts, texts: &[(&str, &str)]) -> (NgramModel, HashSet<String>) {
    let mut ngrams = base.clone();
    ngrams.merge(&count_texts(texts));
    let lm = ngrams.train(&all_syllables());
    let mut abbreviations = HashSet::new();
    for (_, t) in texts {
        collect_abbreviations(t, &mut abbreviations);
    }
    (lm, abbreviations)
}

impl Model {
    /// Build from clean texts `(name, text)` and OCR confusion counts.
    pub(crate) fn build(texts: &[(&str, &str)], counts: ConfusionCounts) -> Model {
        Model::build_on(&NgramCounts::default(), &[], texts, counts)
    }

    /// Build from `base` n-gram counts (of sources named `base_sources`) plus clean `texts`,
    /// whose spelling is trusted: abbreviations and code parts are learned from `texts` only.
    pub fn build_on(
        base: &NgramCounts,
        base_sources: &[String],
        texts: &[(&str, &str)],
        counts: ConfusionCounts,
    ) -> Model {
        let mut f = Fingerprinter::new("built");
        for name in base_sources {
            f.piece(name.as_bytes());
        }
        for (name, text) in texts {
            f.piece(source_name(name).as_bytes()).piece(text.as_bytes());
        }
        f.piece(counts_to_tsv(&counts).as_bytes());
        let (lm, abbreviations) = train(base, texts);
        let mut sources = base_sources.to_vec();
        sources.extend(texts.iter().map(|(n, _)| n.to_string()));
        Model::assemble(lm, abbreviations, sources, counts, f.finish())
    }

    /// Index a trained language model into a model.
    fn assemble(
        lm: NgramModel,
        abbreviations: HashSet<String>,
        sources: Vec<String>,
        counts: ConfusionCounts,
        fingerprint: String,
    ) -> Model {
        let vocab = lm.vocab();
        let lexicon = Lexicon::new(
            (0..vocab.len() as u32)
                .filter(|&id| is_valid(vocab.word(id)))
                .map(|id| (id, base_key(vocab.word(id)))),
        );
        let channel = Channel::new(counts, &alphabet());
        let calibration = Model::shipped_calibration();
        Model { lm, lexicon, channel, abbreviations, calibration, sources, fingerprint }
    }

    /// The shipped model: the embedded model file when the build had one, else a model built
    /// from the embedded clean corpus alone.
    pub fn shipped() -> Result<Model> {
        let counts = Model::shipped_confusions()?;
        match Model::shipped_file()? {
            Some(f) => Ok(Model::assemble(f.lm, f.abbreviations, f.sources, counts, shipped_fingerprint())),
            None => Ok(Model::build(embedded::CORPUS, counts).with_fingerprint(shipped_fingerprint())),
        }
    }

    /// The embedded readings of the shipped model's frequent words
    /// (`dictionaries/readings.bin`; empty when the build had none).
    pub(crate) fn shipped_readings() -> &'static [u8] {
        embedded::READINGS
    }

    /// The embedded model file, if the build had one.
    pub(crate) fn shipped_file() -> Result<Option<ModelFile>> {
        if embedded::MODEL.is_empty() {
            return Ok(None);
        }
        ModelFile::decode(embedded::MODEL).map(Some).map_err(|e| e.with_path("dictionaries/model.bin"))
    }

    /// The n-gram counts of the third-party sources inside the shipped model (empty when the
    /// build had no model file), with the names of those sources.
    pub fn shipped_base() -> Result<(NgramCounts, Vec<String>)> {
        if embedded::MODEL.is_empty() {
            return Ok((NgramCounts::default(), Vec::new()));
        }
        ModelFile::decode_base(embedded::MODEL).map_err(|e| e.with_path("dictionaries/model.bin"))
    }

    /// The shipped clean corpus, `(file name, text)`.
    pub fn shipped_corpus() -> &'static [(&'static str, &'static str)] {
        embedded::CORPUS
    }

    /// The shipped confusion counts.
    pub fn shipped_confusions() -> Result<ConfusionCounts> {
        parse_counts(embedded::CONFUSIONS, "dictionaries/confusions.tsv")
    }

    /// The shipped calibration of confidences (`dictionaries/calibration.tsv`; raw posteriors
    /// when the build had none). The table is checked by the tests, so a bad one cannot ship.
    pub(crate) fn shipped_calibration() -> Calibration {
        Calibration::from_tsv(embedded::CALIBRATION).unwrap_or_default()
    }

    /// This model with another calibration (the identity gives raw posteriors); the
    /// fingerprint takes the new table in.
    pub fn with_calibration(mut self, calibration: Calibration) -> Model {
        let mut f = Fingerprinter::new("calibrated");
        f.piece(self.fingerprint.as_bytes()).piece(calibration.to_tsv().as_bytes());
        self.fingerprint = f.finish();
        self.calibration = calibration;
        self
    }

    fn with_fingerprint(mut self, fingerprint: String) -> Model {
        self.fingerprint = fingerprint;
        self
    }

    /// A short, stable hex id (16 digits of a SHA-256) of what the model was built from: for
    /// the shipped model, its embedded model file, confusion counts and calibration table;
    /// for a `--model` folder, those plus the folder's texts (file names and contents), its
    /// `confusions.tsv` and whether it adds to or replaces the shipped model; for a model
    /// file, its bytes plus the shipped tables; for [`Model::build_on`], the texts' names and
    /// contents and the confusion counts. Reports record it, and `run --resume` redoes a
    /// document whose report names another model.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The calibration of confidences.
    pub fn calibration(&self) -> &Calibration {
        &self.calibration
    }

    /// A model from `path`: a model file written by `vnreport build-model`, or a folder of
    /// clean reports (`*.txt`, one paragraph a line) that adds to or replaces the shipped
    /// model. A folder's confusion counts come from `path/confusions.tsv` when present, else
    /// the shipped ones.
    pub fn from_path(path: &Path, combine: Combine) -> Result<Model> {
        if path.is_file() {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let f = ModelFile::decode(&bytes).map_err(|e| e.with_path(path))?;
            let mut print = Fingerprinter::new("model file");
            print
                .piece(&bytes)
                .piece(embedded::CONFUSIONS.as_bytes())
                .piece(embedded::CALIBRATION.as_bytes());
            let counts = Model::shipped_confusions()?;
            return Ok(Model::assemble(f.lm, f.abbreviations, f.sources, counts, print.finish()));
        }
        let texts = read_corpus_dir(path)?;
        let conf_path = path.join("confusions.tsv");
        let mut print = Fingerprinter::new("folder");
        print.piece(shipped_fingerprint().as_bytes());
        print.piece(if combine == Combine::Add { b"add" } else { b"replace" });
        for (name, text) in &texts {
            print.piece(source_name(name).as_bytes()).piece(text.as_bytes());
        }
        let counts = if conf_path.exists() {
            let t = std::fs::read_to_string(&conf_path).map_err(|e| Error::io(&conf_path, e))?;
            print.piece(b"confusions.tsv").piece(t.as_bytes());
            parse_counts(&t, &conf_path.display().to_string())?
        } else {
            Model::shipped_confusions()?
        };
        let mut refs: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
        let (base, base_sources) = match combine {
            Combine::Add => {
                refs.splice(0..0, embedded::CORPUS.iter().copied());
                Model::shipped_base()?
            }
            Combine::Replace => (NgramCounts::default(), Vec::new()),
        };
        Ok(Model::build_on(&base, &base_sources, &refs, counts).with_fingerprint(print.finish()))
    }

    /// Names of the texts the model was trained on.
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// The language model.
    pub fn lm(&self) -> &NgramModel {
        &self.lm
    }
}

/// The clean training texts of a folder: every `*.txt`, sorted by name, as (path, text).
pub fn read_corpus_dir(dir: &Path) -> Result<Vec<(String, String)>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(
            Error::new(ErrorKind::Config, "no *.txt training files in the model folder").with_path(dir)
        );
    }
    let mut texts = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).map_err(|e| Error::io(f, e))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::new(ErrorKind::Decode, format!("not UTF-8 at byte {}", e.utf8_error().valid_up_to()))
                .with_path(f)
        })?;
        texts.push((f.display().to_string(), text));
    }
    Ok(texts)
}

fn parse_counts(text: &str, path: &str) -> Result<ConfusionCounts> {
    counts_from_tsv(text).map_err(|e| Error::parse(path, e.line, e.message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_follow_what_the_model_is_built_from() {
        let shipped = Model::shipped().unwrap();
        assert_eq!(shipped.fingerprint(), Model::shipped().unwrap().fingerprint(), "stable");
        assert_eq!(shipped.fingerprint().len(), 16);
        assert!(shipped.fingerprint().chars().all(|c| c.is_ascii_hexdigit()));
        let counts = Model::shipped_confusions().unwrap();
        let a = Model::build(&[("a.txt", "Báo cáo kết quả")], counts.clone());
        let b = Model::build(&[("a.txt", "Báo cáo kết quả.")], counts.clone());
        let c = Model::build(&[("b.txt", "Báo cáo kết quả")], counts.clone());
        let again = Model::build(&[("corpus/a.txt", "Báo cáo kết quả")], counts);
        assert_ne!(a.fingerprint(), b.fingerprint(), "contents count");
        assert_ne!(a.fingerprint(), c.fingerprint(), "names count");
        assert_eq!(a.fingerprint(), again.fingerprint(), "folders do not");
        assert_ne!(a.fingerprint(), shipped.fingerprint());
        let raw = a.clone().with_calibration(Calibration::identity());
        assert_ne!(raw.fingerprint(), a.fingerprint(), "the calibration counts");
    }
}
