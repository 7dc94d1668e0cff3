//! Restoration: candidates per word, a lattice scored by the channel and language models,
//! Viterbi and forward-backward, and the restored lines with their corrections.

mod candidates;
mod lattice;
mod output;
mod preload;

pub use lattice::{decode_with, Alternatives, Cand, Weights};
pub use output::{Alternative, Correction, OffsetMap, Restoration, RestoredLine, TokenRecord};

use crate::calibration::{Class, Traits, FAR_EMISSION};
use crate::codes::{self, with_d_stroke, Known};
use crate::corpus::{ends_sentence, punct_symbol, Lines, CODE, NUM, URL};
use crate::model::Model;
use crate::text::split_lines;
use crate::token::{tokenize, Token, TokenKind};
use crate::viet::{classify_casing, is_vietnamese_only, normalize_word, push_cased, Casing};
use candidates::{word_candidates, CandidateCache, CandidateTables, WordCands};
use std::sync::Arc;

/// Tunable weights and limits of restoration.
#[derive(Debug, Clone, Copy)]
pub struct RestoreConfig {
    /// Multiplier of language-model costs.
    pub lm_weight: f32,
    /// Multiplier of emission (channel) costs.
    pub emission_weight: f32,
    /// Readings whose emission is worse than the best by more than this are dropped.
    pub beam: f32,
    /// Most readings kept per token.
    pub max_candidates: usize,
    /// Weight of the unigram cost when ranking readings for the cut to `max_candidates`.
    pub unigram_rank_weight: f32,
    /// Channel cost of leaving a non-syllable token as it is.
    pub keep_cost: f32,
    /// Tokens whose best single reading costs more than this are also tried as two syllables.
    pub split_threshold: f32,
    /// Extra emission cost of reading one token as two syllables.
    pub split_penalty: f32,
    /// Readings whose emission plus weighted frequency cost is worse than the best reading's by
    /// more than this are dropped before decoding.
    pub rank_beam: f32,
    /// Lattice states worse than the best at their slot by more than this are pruned.
    pub state_beam: f32,
    /// Syllables under a key other than the token's own are tried only when their frequency
    /// cost (−ln of the smoothed relative frequency in the training text) is at most this:
    /// rare syllables are reached through their own key, and the look-up stays fast.
    pub neighbour_max_frequency_cost: f32,
    /// In OCR'd text, the emission cost of keeping a one- or two-digit number as a number when
    /// it may be a misread syllable ("6" for "ở").
    pub number_keep_cost: f32,
    /// Multiplier of costs when computing posteriors (1 / temperature; see
    /// the lattice's posterior weight).
    pub posterior_scale: f32,
}

impl Default for RestoreConfig {
    fn default() -> Self {
        RestoreConfig {
            lm_weight: 1.3,
            emission_weight: 1.0,
            beam: 9.0,
            max_candidates: 8,
            unigram_rank_weight: 1.0,
            keep_cost: 9.0,
            split_threshold: 7.0,
            split_penalty: 3.0,
            state_beam: 10.0,
            rank_beam: 9.0,
            neighbour_max_frequency_cost: 11.5,
            number_keep_cost: 1.0,
            posterior_scale: 1.0,
        }
    }
}

/// How a document's words were produced: typed (clean), typed without marks (stripped), or
/// OCR'd. Emission probabilities mix the three channels with these weights.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChannelMix {
    /// Weight of "the word is exactly as written".
    pub clean: f32,
    /// Weight of "the word is written without its marks".
    pub strip: f32,
    /// Weight of the learned OCR channel.
    pub ocr: f32,
}

impl ChannelMix {
    /// Typed text: the words are as written.
    pub const TYPED: ChannelMix = ChannelMix { clean: 0.9996, strip: 0.0002, ocr: 0.0002 };
    /// Text stripped of its marks.
    pub const STRIPPED: ChannelMix = ChannelMix { clean: 0.0, strip: 0.9, ocr: 0.1 };
    /// OCR'd text.
    pub const OCR: ChannelMix = ChannelMix { clean: 0.0, strip: 0.0, ocr: 1.0 };
    /// Every mix the restorer detects in a document.
    pub const KINDS: [ChannelMix; 3] = [ChannelMix::TYPED, ChannelMix::STRIPPED, ChannelMix::OCR];

    /// Guess the mix from a document's words: Vietnamese-only letters mean typed text; no
    /// letters outside ASCII and no digits in words mean stripped text; anything else is OCR.
    pub(crate) fn detect<'a>(words: impl Iterator<Item = &'a str>) -> ChannelMix {
        let (mut n, mut vn, mut noisy) = (0usize, 0usize, 0usize);
        for w in words {
            n += 1;
            if w.chars().any(is_vietnamese_only) {
                vn += 1;
            } else if w.chars().any(|c| !c.is_ascii() || c.is_ascii_digit()) {
                noisy += 1;
            }
        }
        let n = n.max(1) as f32;
        if vn as f32 / n > 0.15 {
            ChannelMix::TYPED
        } else if (noisy as f32 / n) < 0.02 {
            ChannelMix::STRIPPED
        } else {
            ChannelMix::OCR
        }
    }

    /// A key identifying this mix in caches.
    pub(crate) fn key(&self) -> u32 {
        self.clean.to_bits() ^ self.strip.to_bits().rotate_left(11) ^ self.ocr.to_bits().rotate_left(22)
    }

    /// Emission cost given whether the reading equals the token, has the token's base key, and
    /// its OCR channel cost.
    pub(crate) fn emission(&self, identical: bool, same_key: bool, channel_cost: f32) -> f32 {
        let p = if identical { self.clean } else { 0.0 }
            + if same_key { self.strip } else { 0.0 }
            + self.ocr * (-channel_cost).exp();
        -p.max(1e-30).ln()
    }
}

/// Restores documents with a built [`Model`] it shares (so a long-lived holder such as a
/// Python object or a server needs no borrow); build once, share across threads. It restores
/// on the calling thread: a caller that wants several cores on one text spreads the blocks of
/// a [`Plan`] over its own threads (see [`Restorer::plan`]).
#[derive(Debug)]
pub struct Restorer {
    model: Arc<Model>,
    tables: CandidateTables,
    config: RestoreConfig,
    cache: CandidateCache,
}

/// The readings of one lattice slot: shared from the cache, or a single fixed symbol.
#[derive(Debug, Clone)]
enum SlotCands {
    Shared(Arc<WordCands>),
    Fixed([Cand; 1]),
}

impl AsRef<[Cand]> for SlotCands {
    fn as_ref(&self) -> &[Cand] {
        match self {
            SlotCands::Shared(w) => &w.cands,
            SlotCands::Fixed(c) => c,
        }
    }
}

/// Slots after which a sentence that has not ended is cut at the next line end: far longer
/// than a real sentence, short enough that the lattice of a text without periods (a table,
/// a list of names) stays small.
const LONG_SENTENCE_SLOTS: usize = 400;
/// Slots after which a sentence is cut wherever it is (a single line without end).
const MAX_SENTENCE_SLOTS: usize = 4000;

/// What a slot of the lattice stands for.
#[derive(Debug, Clone)]
enum SlotSource {
    /// A word token: (line index, token index) and its readings.
    Word { line: usize, token: usize, cands: Arc<WordCands> },
    /// A fixed symbol (number, punctuation, code).
    Fixed,
}

/// The chosen output for one word token.
#[derive(Debug, Clone)]
struct Choice {
    line: usize,
    token: usize,
    /// `None` keeps the token as written (or writes `literal`).
    syllables: Option<Cand>,
    /// A fixed replacement (a repaired list marker or abbreviation).
    literal: Option<String>,
    /// The raw posterior of the output and the decision that made it.
    confidence: f32,
    class: Class,
    /// The emission cost of the chosen reading, for words the lattice read.
    emission: Option<f32>,
    /// Whether the chosen reading is not the one of least emission cost (the language
    /// model overruled the channel).
    overruled: bool,
    /// The readings the lattice weighed and the best of them, for word tokens when token
    /// records are asked for (boxed: a block holds a choice per word, most without them).
    readings: Option<Box<(Arc<WordCands>, Alternatives)>>,
}

impl Choice {
    /// A fixed replacement of token `token` of line `line`.
    fn literal(line: usize, token: usize, text: String) -> Choice {
        Choice {
            line,
            token,
            syllables: None,
            literal: Some(text),
            confidence: 1.0,
            class: Class::Rule,
            emission: None,
            overruled: false,
            readings: None,
        }
    }
}

/// What restoring a text gives besides the restored lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// The restored lines and their corrections.
    Lines,
    /// Also a [`TokenRecord`] for every token, with its most probable readings.
    Tokens,
}

/// A text read into lines and tokens, its kind guessed, and cut into blocks (paragraphs and
/// list items) that restore independently, so a caller may spread them over threads
/// (see [`Restorer::plan`]).
#[derive(Debug)]
pub struct Plan<'t> {
    lines: Vec<crate::text::Line<'t>>,
    views: Vec<LineTokens<'t>>,
    mix: ChannelMix,
    blocks: Vec<std::ops::Range<usize>>,
    detail: Detail,
    /// Whether the first line goes on with a line an earlier text began.
    continues_a_line: bool,
}

impl Plan<'_> {
    /// How many blocks the text has.
    pub fn blocks(&self) -> usize {
        self.blocks.len()
    }

    /// The plan of a text whose first line goes on with a line an earlier text began (a line
    /// too long for one block, cut at a sentence end): its first word does not open a line,
    /// so it is not read as a list marker.
    pub(crate) fn continuing_a_line(mut self, continues: bool) -> Self {
        self.continues_a_line = continues;
        self
    }
}

/// The decisions made for one block of a [`Plan`], for [`Restorer::finish`].
#[derive(Debug)]
pub struct BlockChoices(Vec<Choice>);

/// A per-line view used while restoring.
#[derive(Debug)]
struct LineTokens<'a> {
    content: &'a str,
    tokens: Vec<Token>,
}

/// A word that opens a list item, as it should be written: "a)", "c)" for OCR's "¢)", and
/// roman numerals before a dot with OCR's l and 1 read back as I ("Il." → "II.").
fn list_marker(text: &str, before_paren: bool, before_dot: bool) -> Option<String> {
    let n = text.chars().count();
    if before_paren && n <= 2 {
        return Some(text.replace('¢', "c"));
    }
    let roman = text.chars().all(|c| "IlVX1".contains(c)) && text.chars().any(|c| "IVX".contains(c));
    if before_dot && roman && (2..=4).contains(&n) {
        return Some(text.replace(['l', '1'], "I"));
    }
    None
}

/// Words after which OCR's capitals are a roman numeral: "quý TV" is "quý IV", "khóa XV".
const ROMAN_CONTEXT: &[&str] = &["quy", "khoa", "chuong", "phan", "muc", "ky", "dot", "lan", "nhom", "vung"];

/// A roman numeral as it should be written, when `text` reads as one: after a period or
/// section word (`prev` gives the word before, folded; asked only when needed), capitals and OCR's T, l and 1 for I ("TV" → "IV"); anywhere,
/// two or more capitals I, V and X other than "VI" (a stripped "VỊ").
fn roman_numeral(text: &str, prev: impl FnOnce() -> Option<String>) -> Option<String> {
    let n = text.chars().count();
    if !(1..=5).contains(&n) || !text.chars().any(|c| "IVX".contains(c)) {
        return None;
    }
    let after_context = prev().is_some_and(|p| ROMAN_CONTEXT.contains(&p.as_str()));
    if after_context && text.chars().all(|c| "IVXTl1".contains(c)) && !text.starts_with('l') {
        return Some(text.replace(['T', 'l', '1'], "I"));
    }
    (n >= 2 && text != "VI" && text.chars().all(|c| "IVX".contains(c))).then(|| text.to_string())
}

/// The casing a restored word takes from its context: a short all-capitals word before a
/// lower-case or capitalised word, after a lower-case one or at the start, is a capitalised
/// word OCR misread ("BO quy tắc" → "Bộ quy tắc", "5. SO hóa" → "Số hóa", "của BO Nội vụ" →
/// "của Bộ Nội vụ"); in a heading its neighbours are capitals too and it stays as written.
fn casing_in_context(orig: &str, prev: Option<&str>, next: Option<&str>) -> Casing {
    let casing = classify_casing(orig);
    let is = |w: Option<&str>, c: Casing| w.is_some_and(|w| classify_casing(w) == c);
    let lower = |w: Option<&str>| is(w, Casing::Lower);
    // a name goes on in title case ("của BO Nội vụ" → "của Bộ Nội vụ")
    let continues = lower(next) || is(next, Casing::Title);
    if casing == Casing::Upper && orig.chars().count() <= 3 && (prev.is_none() || lower(prev)) && continues {
        return Casing::Title;
    }
    casing
}

/// True for a number OCR may have made of a syllable: one or two digits and nothing else.
fn may_be_a_misread_word(text: &str) -> bool {
    (1..=2).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

/// True when the punctuation token `non_space[pos]` of a line is a "." that OCR made of a ",":
/// glued to a word of two or more letters that is not in capitals (or to a date or document
/// code), and followed on the same line by a word that starts in lower case ("các sở. ban,
/// ngành" → "các sở, ban, ngành"; "ngày 01/7/2025. các" → "01/7/2025, các").
fn period_is_a_comma(content: &str, tokens: &[Token], non_space: &[usize], pos: usize) -> bool {
    let tok = tokens[non_space[pos]];
    if tok.text(content) != "." || pos == 0 {
        return false;
    }
    let prev = tokens[non_space[pos - 1]];
    let prev_text = prev.text(content);
    let glued = prev.end == tok.start;
    let letters = prev_text.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = prev_text.chars().filter(|c| c.is_uppercase()).count();
    let word_like = match prev.kind {
        TokenKind::Word => letters >= 2 && capitals < 2,
        TokenKind::Number | TokenKind::Code => prev_text.contains('/'),
        _ => false,
    };
    let next_lower = non_space.get(pos + 1).is_some_and(|&n| {
        tokens[n].kind == TokenKind::Word
            && tokens[n].text(content).chars().next().is_some_and(char::is_lowercase)
    });
    glued && word_like && next_lower
}

fn is_list_marker_line(content: &str) -> bool {
    let t = content.trim_start();
    if t.starts_with(['-', '+', '•', '*']) {
        return true;
    }
    let head: String = t.chars().take_while(|c| c.is_alphanumeric()).collect();
    let rest = &t[head.len()..];
    !head.is_empty()
        && head.chars().count() <= 4
        && (rest.starts_with('.') || rest.starts_with(')'))
        && (head.chars().all(|c| c.is_ascii_digit())
            || head.chars().all(|c| "IVXivx".contains(c))
            || head.chars().count() == 1)
}

/// Ranges of lines restored together: paragraphs broken at blank lines and list items.
fn paragraph_blocks(views: &[LineTokens]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..views.len() {
        let blank = views[i].content.trim().is_empty();
        let next_starts =
            views.get(i + 1).is_none_or(|n| n.content.trim().is_empty() || is_list_marker_line(n.content));
        if blank {
            if start < i {
                out.push(start..i);
            }
            start = i + 1;
        } else if next_starts {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < views.len() {
        out.push(start..views.len());
    }
    out
}

impl Restorer {
    /// A restorer with the default configuration.
    pub fn new(model: impl Into<Arc<Model>>) -> Restorer {
        Restorer::with_config(model, RestoreConfig::default())
    }

    /// A restorer with `config`.
    pub fn with_config(model: impl Into<Arc<Model>>, config: RestoreConfig) -> Restorer {
        let model = model.into();
        let tables = CandidateTables::new(&model);
        // the shipped model's frequent readings, computed ahead, in front of the cache
        let cache = CandidateCache::with_preloaded(preload::shipped(&model, &config));
        Restorer { model, tables, config, cache }
    }

    /// The readings of the model's frequent words under every document kind, computed now, as
    /// the file `dictionaries/readings.bin` ships them (see `vnreport build-readings`).
    pub fn readings_file(&self) -> Vec<u8> {
        let forms = preload::frequent_forms(&self.model, &self.tables);
        preload::build(&self.model, &self.tables, &self.config, &forms)
    }

    /// How many readings of a readings file made by [`Restorer::readings_file`] this restorer
    /// would take (0 when it was made for another model or configuration), after checking
    /// that each equals what the restorer computes itself.
    pub fn check_readings(&self, bytes: &[u8]) -> crate::Result<usize> {
        let bad = |message: String| crate::Error::new(crate::ErrorKind::Parse, message);
        let entries = preload::read(bytes, &self.model, &self.config).map_err(|e| bad(e.to_string()))?;
        let entries = entries.unwrap_or_default();
        for (mix_key, form, readings) in &entries {
            let Some(mix) = ChannelMix::KINDS.iter().find(|m| m.key() == *mix_key) else {
                return Err(bad(format!("no document kind has the key {mix_key}")));
            };
            let fresh = word_candidates(&self.model, &self.tables, &self.config, mix, form, None);
            if fresh.keep != readings.keep || fresh.cands != readings.cands {
                return Err(bad(format!("the readings of {form:?} differ from the computed ones")));
            }
        }
        Ok(entries.len())
    }

    /// The configuration.
    pub fn config(&self) -> &RestoreConfig {
        &self.config
    }

    /// The model restoration runs on.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The readings considered for one word written `word` in a document of kind `mix`, with
    /// their emission costs, best first (a diagnostic view of the lattice's columns).
    pub fn candidates(&self, word: &str, mix: &ChannelMix) -> Vec<(String, f32)> {
        let norm = self.normalized(word);
        let wc = word_candidates(&self.model, &self.tables, &self.config, mix, &norm, self.cache.ahead());
        let vocab = self.model.lm.vocab();
        wc.cands
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let text = if wc.keep == Some(i) {
                    word.to_string()
                } else {
                    c.ids[..c.n as usize].iter().map(|&id| vocab.word(id)).collect::<Vec<_>>().join(" ")
                };
                (text, c.emission)
            })
            .collect()
    }

    /// Restore a whole text on this thread. Never fails: a line that cannot be restored comes
    /// back unchanged.
    pub fn restore_text(&self, text: &str) -> Restoration {
        self.restore(text, Detail::Lines).0
    }

    /// Restore a text on this thread and describe every token of it: input and output spans
    /// and texts, kind, confidence and the most probable readings (see [`TokenRecord`]).
    pub fn restore_tokens(&self, text: &str) -> (Restoration, Vec<TokenRecord>) {
        self.restore(text, Detail::Tokens)
    }

    /// Restore a text on this thread, with the token records when `detail` asks for them
    /// (else the list is empty).
    pub fn restore(&self, text: &str, detail: Detail) -> (Restoration, Vec<TokenRecord>) {
        let plan = self.plan(text, detail);
        let blocks = (0..plan.blocks()).map(|b| self.restore_block(&plan, b)).collect();
        self.finish(plan, blocks)
    }

    /// Read `text` into lines and tokens, guess its kind, and cut it into blocks that restore
    /// independently: [`Restorer::restore_block`] each (in any order, on any threads), then
    /// [`Restorer::finish`] with the results in block order.
    pub fn plan<'t>(&self, text: &'t str, detail: Detail) -> Plan<'t> {
        let lines = split_lines(text);
        let views: Vec<LineTokens> =
            lines.iter().map(|l| LineTokens { content: l.content, tokens: tokenize(l.content) }).collect();
        let mix =
            ChannelMix::detect(views.iter().flat_map(|v| {
                v.tokens.iter().filter(|t| t.kind == TokenKind::Word).map(|t| t.text(v.content))
            }));
        let blocks = paragraph_blocks(&views);
        Plan { lines, views, mix, blocks, detail, continues_a_line: false }
    }

    /// The decisions for block `block` of `plan` (none for a block it does not have).
    pub fn restore_block(&self, plan: &Plan, block: usize) -> BlockChoices {
        let Some(range) = plan.blocks.get(block).cloned() else { return BlockChoices(Vec::new()) };
        // only the first block holds the first line
        let continued = plan.continues_a_line && range.start == 0;
        BlockChoices(self.block_choices(
            &plan.views,
            range,
            &plan.mix,
            plan.detail == Detail::Tokens,
            continued,
        ))
    }

    /// The restored text of `plan` from the decisions for its blocks, in block order, and
    /// its token records when the plan asked for them.
    pub fn finish(&self, plan: Plan, blocks: Vec<BlockChoices>) -> (Restoration, Vec<TokenRecord>) {
        let Plan { lines, views, detail, .. } = plan;
        // the decisions in line and token order: each block's sorted where it lies (one
        // decision per token at most, so the unstable sort allocates nothing), the blocks in
        // line order, and walked once (a block holds a decision per word: no copy is made)
        let mut blocks: Vec<Vec<Choice>> = blocks.into_iter().map(|b| b.0).collect();
        for b in &mut blocks {
            b.sort_unstable_by_key(|c| (c.line, c.token));
        }
        blocks.sort_by_key(|b| b.first().map(|c| c.line));
        let mut choices = blocks.iter().flatten().peekable();
        let mut records = Vec::new();
        let out_lines = lines
            .iter()
            .zip(&views)
            .enumerate()
            .map(|(i, (l, v))| {
                self.assemble_line(i, l.content, l.ending, &v.tokens, &mut choices, detail, &mut records)
            })
            .collect();
        (Restoration { lines: out_lines }, records)
    }

    /// The most probable readings of token `ti` of line `index` (`tokens` of `content`) as
    /// its record gives them, best first: the reading written (`output`) with the calibrated
    /// `confidence`, the others sharing what it leaves in proportion to their posteriors (the
    /// chosen one had `raw`).
    #[allow(clippy::too_many_arguments)]
    fn alternatives(
        &self,
        index: usize,
        tokens: &[Token],
        ti: usize,
        content: &str,
        choice: Option<&Choice>,
        output: &str,
        (confidence, raw): (f32, f32),
    ) -> Vec<Alternative> {
        let input = tokens[ti].text(content);
        let mut alternatives = Vec::new();
        if let Some((cands, alts)) = choice.and_then(|c| c.readings.as_deref()) {
            for &(k, p) in alts.iter().filter(|a| a.0 != u16::MAX) {
                let k = usize::from(k);
                let text = if cands.keep == Some(k) {
                    Some(input.to_string())
                } else {
                    let as_choice = Choice {
                        syllables: cands.cands.get(k).copied(),
                        literal: None,
                        readings: None,
                        ..choice.cloned().unwrap_or_else(|| Choice::literal(index, ti, String::new()))
                    };
                    self.choice_text(&as_choice, tokens, ti, content)
                };
                if let Some(text) = text {
                    alternatives.push(Alternative { text, p });
                }
            }
        }
        // the other readings share what the calibrated confidence leaves
        let rest = if raw < 1.0 { (1.0 - confidence) / (1.0 - raw) } else { 0.0 };
        for a in &mut alternatives {
            a.p = if a.text == output { confidence } else { (a.p * rest).min(1.0 - confidence) };
        }
        alternatives.sort_by(|a, b| b.p.total_cmp(&a.p));
        alternatives
    }

    fn normalized(&self, word: &str) -> String {
        normalize_word(&word.to_lowercase())
    }

    /// Restore one block of lines: build sentences of slots, decode each. With `continued`,
    /// the block's first line goes on with a line an earlier text began.
    fn block_choices(
        &self,
        views: &[LineTokens],
        range: std::ops::Range<usize>,
        mix: &ChannelMix,
        readings: bool,
        continued: bool,
    ) -> Vec<Choice> {
        let lm = &self.model.lm;
        // a choice per non-space token at most, a slot per token but for punctuation runs (a sentence
        // holds at most MAX_SENTENCE_SLOTS): sized once, not grown
        let words: usize = range
            .clone()
            .map(|li| views[li].tokens.iter().filter(|t| t.kind != TokenKind::Space).count())
            .sum();
        let mut choices = Vec::with_capacity(words);
        let tokens: usize = range.clone().map(|li| views[li].tokens.len()).sum();
        let mut slots: Vec<SlotCands> = Vec::with_capacity(tokens.min(MAX_SENTENCE_SLOTS + 64));
        let mut sources: Vec<SlotSource> = Vec::with_capacity(tokens.min(MAX_SENTENCE_SLOTS + 64));
        let weights = Weights {
            lm: self.config.lm_weight,
            emission: self.config.emission_weight,
            posterior: self.config.posterior_scale,
        };
        let flush = |slots: &mut Vec<SlotCands>, sources: &mut Vec<SlotSource>, choices: &mut Vec<Choice>| {
            if slots.is_empty() {
                return;
            }
            let d = decode_with(slots, lm, weights, self.config.state_beam, readings);
            // a sentence with no path (a slot without readings) keeps its words as written
            let decoded = d.best.len() == slots.len();
            for (k, src) in sources.iter().enumerate().filter(|_| decoded) {
                if let SlotSource::Word { line, token, cands } = src {
                    let chosen = d.best[k];
                    let c = &cands.cands[chosen];
                    let syllables = if cands.keep == Some(chosen) { None } else { Some(*c) };
                    let class = match (cands.cands.len(), syllables) {
                        (1, _) => Class::Only,
                        (_, None) => Class::Kept,
                        (_, Some(_)) => Class::Changed,
                    };
                    choices.push(Choice {
                        line: *line,
                        token: *token,
                        syllables,
                        literal: None,
                        confidence: d.confidence[k],
                        class,
                        emission: Some(c.emission),
                        overruled: cands.cands.iter().any(|o| o.emission < c.emission),
                        readings: d.alternatives.get(k).map(|&a| Box::new((cands.clone(), a))),
                    });
                }
            }
            slots.clear();
            sources.clear();
        };
        for li in range.clone() {
            let v = &views[li];
            let non_space: Vec<usize> = v
                .tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| t.kind != TokenKind::Space)
                .map(|(i, _)| i)
                .collect();
            for (pos, &ti) in non_space.iter().enumerate() {
                // a sentence that never ends is cut, so the lattice stays bounded
                if slots.len() >= MAX_SENTENCE_SLOTS {
                    flush(&mut slots, &mut sources, &mut choices);
                }
                let tok = v.tokens[ti];
                let text = tok.text(v.content);
                match tok.kind {
                    TokenKind::Space => {}
                    TokenKind::Word => {
                        let next_is_paren = non_space.get(pos + 1).is_some_and(|&n| {
                            v.tokens[n].kind == TokenKind::Punct
                                && v.tokens[n].text(v.content).starts_with(')')
                        });
                        let next_is_dot = non_space.get(pos + 1).is_some_and(|&n| {
                            v.tokens[n].kind == TokenKind::Punct
                                && v.tokens[n].text(v.content).starts_with('.')
                        });
                        let prev_word = || {
                            non_space[..pos]
                                .last()
                                .filter(|&&p| v.tokens[p].kind == TokenKind::Word)
                                .map(|&p| crate::viet::base_key(v.tokens[p].text(v.content)))
                        };
                        // a list marker ("a)", "II."), a roman numeral ("quý IV") or an
                        // abbreviation ("UBND") is written as a fixed literal
                        let opens_line = pos == 0 && !(continued && li == range.start);
                        let literal =
                            list_marker(text, opens_line && next_is_paren, opens_line && next_is_dot)
                                .or_else(|| roman_numeral(text, prev_word))
                                .or_else(|| self.abbreviation(text));
                        if let Some(literal) = literal {
                            slots.push(SlotCands::Fixed([Cand::one(lm.id(&literal.to_lowercase()), 0.0)]));
                            sources.push(SlotSource::Fixed);
                            if literal != text {
                                choices.push(Choice::literal(li, ti, literal));
                            }
                            continue;
                        }
                        // readings depend on the normal form alone, so "Các", "CÁC" and "các"
                        // share one computation; the written form is a second key to it (a
                        // number's digits are never a word's normal form, so the keys of the
                        // number readings below cannot collide with these)
                        let cands = self.cache.get_or_insert(mix.key(), text, || {
                            let norm = self.normalized(text);
                            let make = || {
                                Arc::new(word_candidates(
                                    &self.model,
                                    &self.tables,
                                    &self.config,
                                    mix,
                                    &norm,
                                    self.cache.ahead(),
                                ))
                            };
                            if norm == text {
                                make()
                            } else {
                                self.cache.get_or_insert(mix.key(), &norm, make)
                            }
                        });
                        slots.push(SlotCands::Shared(cands.clone()));
                        sources.push(SlotSource::Word { line: li, token: ti, cands });
                    }
                    TokenKind::Number if mix.ocr >= 0.5 && may_be_a_misread_word(text) => {
                        // OCR writes some syllables as digits ("6" for "ở", "16" for "lộ"): the
                        // number stays a reading, and the language model chooses
                        let cands = self.cache.get_or_insert(mix.key(), text, || {
                            let mut w = word_candidates(
                                &self.model,
                                &self.tables,
                                &self.config,
                                mix,
                                text,
                                self.cache.ahead(),
                            );
                            if let Some(k) = w.keep {
                                w.cands[k] = Cand::one(lm.id(NUM), self.config.number_keep_cost);
                            }
                            Arc::new(w)
                        });
                        slots.push(SlotCands::Shared(cands.clone()));
                        sources.push(SlotSource::Word { line: li, token: ti, cands });
                    }
                    TokenKind::Number | TokenKind::Code | TokenKind::Url => {
                        let sym = match tok.kind {
                            TokenKind::Number => NUM,
                            TokenKind::Code => CODE,
                            _ => URL,
                        };
                        slots.push(SlotCands::Fixed([Cand::one(lm.id(sym), 0.0)]));
                        sources.push(SlotSource::Fixed);
                    }
                    TokenKind::Punct => {
                        let last_on_line = pos + 1 == non_space.len();
                        let comma =
                            mix.ocr >= 0.5 && period_is_a_comma(v.content, &v.tokens, &non_space, pos);
                        if comma {
                            choices.push(Choice::literal(li, ti, ",".into()));
                        }
                        for c in text.chars() {
                            let p = if comma { "," } else { punct_symbol(c) };
                            let len = slots.len();
                            slots.push(SlotCands::Fixed([Cand::one(lm.id(p), 0.0)]));
                            sources.push(SlotSource::Fixed);
                            if ends_sentence(p, len, last_on_line, Lines::Wrapped) {
                                flush(&mut slots, &mut sources, &mut choices);
                            }
                        }
                    }
                }
            }
            // a long run of lines without a sentence end is cut at a line end
            if slots.len() >= LONG_SENTENCE_SLOTS {
                flush(&mut slots, &mut sources, &mut choices);
            }
        }
        flush(&mut slots, &mut sources, &mut choices);
        choices
    }

    /// An upper-case token that is a known abbreviation, or becomes one when OCR's D/B/P is
    /// read back as Đ ("HDND" → "HĐND"); `None` for anything else.
    fn abbreviation(&self, text: &str) -> Option<String> {
        let upper = text.chars().filter(|c| c.is_uppercase()).count();
        if upper < 2 || text.chars().any(|c| c.is_lowercase()) {
            return None;
        }
        if self.model.abbreviations.contains(text) {
            return Some(text.to_string());
        }
        with_d_stroke(text, &self.model.abbreviations)
    }

    /// The text a choice writes for token `ti` of a line, cased from the token and its
    /// neighbours; `None` when it keeps the token as written.
    fn choice_text(&self, ch: &Choice, tokens: &[Token], ti: usize, content: &str) -> Option<String> {
        let mut out = String::new();
        self.write_choice(ch, tokens, ti, content, &mut out).then_some(out)
    }

    /// [`Restorer::choice_text`] written into `out` (cleared first), so the line assembler
    /// reuses one buffer; false when the choice keeps the token as written.
    fn write_choice(
        &self,
        ch: &Choice,
        tokens: &[Token],
        ti: usize,
        content: &str,
        out: &mut String,
    ) -> bool {
        out.clear();
        if let Some(l) = &ch.literal {
            out.push_str(l);
            return true;
        }
        let Some(cand) = ch.syllables.as_ref() else { return false };
        let ids = &cand.ids[..cand.n as usize];
        let vocab = self.model.lm.vocab();
        let orig = tokens[ti].text(content);
        let word_at = |k: usize| {
            let t = tokens[k];
            (t.kind == TokenKind::Word).then(|| t.text(content))
        };
        let prev = tokens[..ti].iter().rposition(|t| t.kind != TokenKind::Space);
        let next = tokens[ti + 1..].iter().position(|t| t.kind != TokenKind::Space).map(|k| ti + 1 + k);
        let mut casing = casing_in_context(orig, prev.and_then(word_at), next.and_then(word_at));
        // OCR reads a lower-case l as a capital I: "Iy" is "lý", not "Lý"
        if casing == Casing::Title && orig.starts_with('I') && vocab.word(ids[0]).starts_with('l') {
            casing = Casing::Lower;
        }
        for (k, &id) in ids.iter().enumerate() {
            if k > 0 {
                out.push(' ');
            }
            let c = if k > 0 && casing == Casing::Title { Casing::Lower } else { casing };
            push_cased(out, vocab.word(id), c);
        }
        true
    }

    /// The class and raw posterior of the decision that wrote a token of `kind` (its `choice`,
    /// if any); no class for spaces, which are never in doubt.
    fn decision(&self, kind: TokenKind, choice: Option<&Choice>) -> (Option<Class>, f32) {
        if let Some(c) = choice {
            return (Some(c.class), c.confidence);
        }
        let class = match kind {
            TokenKind::Space => return (None, 1.0),
            // a word with no choice is a fixed literal written as it stands ("UBND", "IV")
            TokenKind::Word => Class::Rule,
            TokenKind::Number => Class::Number,
            TokenKind::Punct => Class::Punct,
            TokenKind::Code | TokenKind::Url => Class::Code,
        };
        (Some(class), 1.0)
    }

    /// The traits of token `ti` of a line (`tokens` of `content`) as written and as read
    /// (`choice`).
    fn traits(&self, tokens: &[Token], ti: usize, content: &str, choice: Option<&Choice>) -> Traits {
        let tok = tokens[ti];
        let text = tok.text(content);
        let far = choice.and_then(|c| c.emission).is_some_and(|e| e > FAR_EMISSION);
        let overruled = choice.is_some_and(|c| c.overruled);
        let next = tokens[ti + 1..].iter().find(|t| t.kind != TokenKind::Space);
        let colon = tok.kind == TokenKind::Punct
            && text.ends_with(':')
            && next.is_some_and(|n| {
                n.kind == TokenKind::Word && n.text(content).chars().next().is_some_and(char::is_lowercase)
            });
        Traits { far, overruled, colon, ..Traits::of(text, tok.kind == TokenKind::Word) }
    }

    /// Restored line `index` (`content`, its `ending`, `tokens` and `choices`) from the record
    /// of each of its tokens: the output texts make the restored line and the records whose
    /// text changed are its corrections. With [`Detail::Tokens`] every record, its readings
    /// included, is appended to `records`; else only the corrections are made.
    #[allow(clippy::too_many_arguments)]
    fn assemble_line<'c>(
        &self,
        index: usize,
        content: &str,
        ending: &str,
        tokens: &[Token],
        next_choice: &mut std::iter::Peekable<impl Iterator<Item = &'c Choice>>,
        detail: Detail,
        records: &mut Vec<TokenRecord>,
    ) -> RestoredLine {
        // choices arrive in line and token order: walk them alongside the tokens (those of
        // earlier lines, which the plan does not have, are passed over)
        let mut text = String::with_capacity(content.len() + 16);
        let mut corrections = Vec::new();
        let (mut char_pos, mut out_pos) = (0, 0);
        let mut word_tokens = 0;
        let mut confidence_sum = 0.0;
        let mut confidences = Vec::with_capacity(tokens.len() / 2 + 1);
        let mut written = String::new();
        for (ti, tok) in tokens.iter().enumerate() {
            let input = tok.text(content);
            let n_chars = input.chars().count();
            while next_choice.next_if(|c| (c.line, c.token) < (index, ti)).is_some() {}
            let choice = next_choice.next_if(|c| (c.line, c.token) == (index, ti));
            let (class, raw) = self.decision(tok.kind, choice);
            let class = class.map(|c| (c, self.traits(tokens, ti, content, choice)));
            let confidence = class.map_or(1.0, |(c, t)| self.model.calibration.confidence(c, t, raw));
            if tok.kind != TokenKind::Space {
                confidences.push((char_pos, char_pos + n_chars, confidence));
            }
            if tok.kind == TokenKind::Word {
                word_tokens += 1;
                confidence_sum += f64::from(confidence);
            }
            let replaced = match tok.kind {
                TokenKind::Code => {
                    written = codes::repair(input, Known::Seen(&self.model.abbreviations));
                    true
                }
                // a word's reading; a number OCR made of a word ("6" for "ở"), punctuation it
                // misread ("." for ",")
                _ => choice.is_some_and(|ch| self.write_choice(ch, tokens, ti, content, &mut written)),
            };
            let output = if replaced && written != input { written.as_str() } else { input };
            text.push_str(output);
            let out_chars = if output == input { n_chars } else { output.chars().count() };
            match detail {
                Detail::Tokens => {
                    let alternatives =
                        self.alternatives(index, tokens, ti, content, choice, output, (confidence, raw));
                    let record = TokenRecord {
                        line: index + 1,
                        start: char_pos,
                        end: char_pos + n_chars,
                        out_start: out_pos,
                        out_end: out_pos + out_chars,
                        input: input.to_string(),
                        output: output.to_string(),
                        kind: tok.kind.name().to_string(),
                        confidence,
                        alternatives,
                        class,
                        raw,
                    };
                    if record.changed() {
                        corrections.push(Correction::from(&record));
                    }
                    records.push(record);
                }
                // without token records, the changed tokens' corrections alone (what the
                // records would have filtered to), made directly: a long line of changed
                // words need not hold a record per word
                Detail::Lines if output != input => corrections.push(Correction {
                    line: index + 1,
                    start: char_pos,
                    end: char_pos + n_chars,
                    from: input.to_string(),
                    to: output.to_string(),
                    confidence,
                }),
                Detail::Lines => {}
            }
            char_pos += n_chars;
            out_pos += out_chars;
        }
        RestoredLine {
            input: content.to_string(),
            text,
            ending: ending.to_string(),
            corrections,
            word_tokens,
            confidence_sum,
            confidences,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_that_may_be_misread_words() {
        for (text, want) in
            [("6", true), ("16", true), ("14", true), ("123", false), ("6,5", false), ("a6", false)]
        {
            assert_eq!(may_be_a_misread_word(text), want, "{text}");
        }
    }

    #[test]
    fn periods_that_are_commas() {
        // (line, index of the "." among the non-space tokens, expected)
        let cases: &[(&str, usize, bool)] = &[
            ("các sở. ban, ngành", 2, true),
            ("ngày 01/7/2025. các sở", 2, true),
            ("theo 105/NQ-CP. các bộ", 2, true),
            ("các sở. Ban chỉ đạo", 2, false),
            ("các sở . ban", 2, false),
            ("TP. Hải Phòng", 1, false),
            ("UBND. các xã", 1, false),
            ("tăng 5. các xã", 2, false),
            ("đạt a. các", 2, false),
            ("kết thúc.", 2, false),
        ];
        for &(line, pos, want) in cases {
            let tokens = crate::token::tokenize(line);
            let non_space: Vec<usize> =
                (0..tokens.len()).filter(|&i| tokens[i].kind != TokenKind::Space).collect();
            assert_eq!(period_is_a_comma(line, &tokens, &non_space, pos), want, "{line} at {pos}");
        }
    }

    #[test]
    fn roman_numerals_after_period_words() {
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            ("TV", Some("quy"), Some("IV")),
            ("IV", Some("quy"), Some("IV")),
            ("XV", Some("khoa"), Some("XV")),
            ("Il", Some("chuong"), Some("II")),
            ("XV", None, Some("XV")),
            ("III", Some("nam"), Some("III")),
            ("VI", None, None),
            ("TV", Some("nam"), None),
            ("la", Some("quy"), None),
            ("BO", Some("quy"), None),
        ];
        for &(text, prev, want) in cases {
            assert_eq!(
                roman_numeral(text, || prev.map(str::to_string)).as_deref(),
                want,
                "{text} after {prev:?}"
            );
        }
    }

    #[test]
    fn casing_from_context() {
        let cases: &[(&str, Option<&str>, Option<&str>, Casing)] = &[
            ("BO", Some("phố"), Some("quy"), Casing::Title),
            ("Xt", Some("tng"), Some("cua"), Casing::Title),
            ("BO", Some("THÀNH"), Some("TƯ"), Casing::Upper),
            ("SO", None, Some("hóa"), Casing::Title),
            ("BO", None, Some("NỘI"), Casing::Upper),
            ("BO", Some("của"), Some("Nội"), Casing::Title),
            ("BO", None, Some("Tư"), Casing::Title),
            ("BO", Some("Sở"), Some("Nội"), Casing::Upper),
            ("BO", Some("phố"), None, Casing::Upper),
            ("UBND", Some("của"), Some("thành"), Casing::Upper),
            ("ve", Some("A"), Some("B"), Casing::Lower),
        ];
        for &(w, p, n, want) in cases {
            assert_eq!(casing_in_context(w, p, n), want, "{w} between {p:?} and {n:?}");
        }
    }

    #[test]
    fn list_markers_are_repaired_only_where_they_open_an_item() {
        assert_eq!(list_marker("¢", true, false).as_deref(), Some("c"));
        assert_eq!(list_marker("a", true, false).as_deref(), Some("a"));
        assert_eq!(list_marker("Il", false, true).as_deref(), Some("II"));
        assert_eq!(list_marker("I1I", false, true).as_deref(), Some("III"));
        assert_eq!(list_marker("Il", false, false), None);
        assert_eq!(list_marker("lll", false, true), None);
        assert_eq!(list_marker("Ban", true, false), None);
        assert!(is_list_marker_line("- Ủy ban"));
        assert!(is_list_marker_line("II. KẾT QUẢ"));
        assert!(is_list_marker_line("b) Công tác"));
        assert!(!is_list_marker_line("Ban hành 12 văn bản."));
    }
}
