//! The trained model: the language model, the lexicon and its indexes, the OCR channel and the
//! abbreviations, built from clean text and learned confusion counts. The shipped model is
//! built from the corpus and dictionaries embedded at compile time.

use crate::confusion::{counts_from_tsv, Channel, ConfusionCounts};
use crate::corpus::{strip_markdown, training_sentences};
use crate::error::{Error, ErrorKind, Result};
use crate::lexicon::Lexicon;
use crate::lm::NgramModel;
use crate::syllable::{all_syllables, alphabet, base_key, is_valid};
use crate::token::{tokenize, TokenKind};
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
    /// Names of the training texts.
    sources: Vec<String>,
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
                    for part in s.split(['/', '-']) {
                        if part.chars().any(|c| c.is_uppercase()) && part.chars().all(|c| c.is_alphanumeric())
                        {
                            out.insert(part.to_string());
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

impl Model {
    /// Build from clean texts `(name, text)` and OCR confusion counts.
    pub fn build(texts: &[(&str, &str)], counts: ConfusionCounts) -> Model {
        let sentences: Vec<Vec<String>> = texts.iter().flat_map(|(_, t)| training_sentences(t)).collect();
        let syllables = all_syllables();
        let lm =
            NgramModel::train(sentences.iter().map(|s| s.iter().map(String::as_str).collect()), &syllables);
        let vocab = lm.vocab();
        let lexicon = Lexicon::new(
            (0..vocab.len() as u32)
                .filter(|&id| is_valid(vocab.word(id)))
                .map(|id| (id, base_key(vocab.word(id)))),
        );
        let channel = Channel::new(counts, &alphabet());
        let mut abbreviations = HashSet::new();
        for (_, t) in texts {
            collect_abbreviations(t, &mut abbreviations);
        }
        Model {
            lm,
            lexicon,
            channel,
            abbreviations,
            sources: texts.iter().map(|(n, _)| n.to_string()).collect(),
        }
    }

    /// The model built from the corpus and confusion counts shipped inside the binary.
    pub fn shipped() -> Result<Model> {
        let counts = parse_counts(embedded::CONFUSIONS, "dictionaries/confusions.tsv")?;
        Ok(Model::build(embedded::CORPUS, counts))
    }

    /// The shipped clean corpus, `(file name, text)`.
    pub fn shipped_corpus() -> &'static [(&'static str, &'static str)] {
        embedded::CORPUS
    }

    /// The shipped confusion counts.
    pub fn shipped_confusions() -> Result<ConfusionCounts> {
        parse_counts(embedded::CONFUSIONS, "dictionaries/confusions.tsv")
    }

    /// Train on every `*.txt` in `dir` (clean reports, one paragraph a line); the confusion
    /// counts come from `dir/confusions.tsv` when present, else the shipped ones.
    pub fn from_dir(dir: &Path) -> Result<Model> {
        let texts = read_corpus_dir(dir)?;
        let conf_path = dir.join("confusions.tsv");
        let counts = if conf_path.exists() {
            let t = std::fs::read_to_string(&conf_path).map_err(|e| Error::io(&conf_path, e))?;
            parse_counts(&t, &conf_path.display().to_string())?
        } else {
            Model::shipped_confusions()?
        };
        let refs: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
        Ok(Model::build(&refs, counts))
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
    counts_from_tsv(text).map_err(|(line, msg)| Error::parse(path, line, msg))
}
