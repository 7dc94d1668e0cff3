//! `vnreport eval`: word accuracy of restoration against gold text, computed as score.py does,
//! and the leave-one-report-out test on stripped clean text.

use super::input::read_text;
use super::input::InputArgs;
use super::out::say;
use super::ModelArgs;
use crate::calibration::{caught, Calibration, Reliability, Sample};
use crate::eval::{label_tokens, parse_skip, score, Score, ScoreSum};
use crate::extract::agreement::Agreement;
use crate::pipeline::restore_in_parallel;
use crate::pipeline::{
    read_document, BlockSink, DecodedLines, DocError, DocOptions, LfLines, RestoredBlock, DEFAULT_BLOCK_BYTES,
};
use crate::restore::Detail;
use crate::robustness::{plain_gold, synthetic_files};
use crate::viet::strip_diacritics;
use crate::{Model, Restoration, Restorer};
use std::collections::HashSet;
use std::path::Path;
use std::path::PathBuf;
use std::process::ExitCode;

/// `text` restored, its blocks spread over the threads.
fn restore(restorer: &Restorer, text: &str) -> Restoration {
    restore_in_parallel(restorer, text, Detail::Lines).0
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The correct text, line-aligned with --input.
    #[arg(long, required_unless_present_any = ["leave_one_out", "calibration", "extraction"])]
    gold: Option<PathBuf>,
    /// The degraded text to restore and score.
    #[arg(long, required_unless_present_any = ["leave_one_out", "calibration", "extraction", "hyp"])]
    input: Option<PathBuf>,
    /// Score this already restored text instead of restoring --input.
    #[arg(long, conflicts_with = "input")]
    hyp: Option<PathBuf>,
    /// A TSV whose first column lists line numbers to leave out.
    #[arg(long)]
    skip: Option<PathBuf>,
    /// Leave-one-report-out on the shipped clean corpus: restore each report with a model
    /// trained without it (the third-party counts plus the other reports), fully stripped of
    /// diacritics, as simulated OCR (its files in --synthetic), and as correct text, and score.
    #[arg(long)]
    leave_one_out: bool,
    /// How well confidences hold on text the model never saw: leave-one-report-out on the
    /// simulated OCR and the stripped text of each clean report, the calibration fitted on
    /// the other reports; prints a reliability table, the expected calibration error and the
    /// share of wrong tokens among the least confident.
    #[arg(long, conflicts_with = "leave_one_out")]
    calibration: bool,
    /// How extraction holds up under OCR on text the model never saw: each clean report left
    /// out of the model, its simulated OCR (--synthetic) restored and extracted, and compared
    /// with the extraction of its clean text (robustness to OCR damage, not accuracy).
    #[arg(long, conflicts_with_all = ["leave_one_out", "calibration"])]
    extraction: bool,
    /// With --calibration: write the calibration fitted on every report to this file (the
    /// shipped one is dictionaries/calibration.tsv).
    #[arg(long, value_name = "FILE", requires = "calibration")]
    fit: Option<PathBuf>,
    /// Folder of simulated OCR of the clean reports (`<stem>.s<N>.txt`, line k = OCR of line k).
    #[arg(long, value_name = "DIR", default_value = "corpus/synthetic")]
    synthetic: PathBuf,
    /// With --input/--gold: first remove the counts of this clean text from the model, so the
    /// scored text is text the model never saw (it must be a text the model was built from).
    #[arg(long, value_name = "FILE", conflicts_with = "hyp")]
    hold_out: Option<PathBuf>,
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    tune: super::TuneArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.leave_one_out {
        return leave_one_out(&args);
    }
    if args.calibration {
        return calibration(&args);
    }
    if args.extraction {
        return extraction(&args);
    }
    let skip = match &args.skip {
        Some(p) => parse_skip(&read_text(p)?),
        None => Default::default(),
    };
    let Some(gold) = &args.gold else {
        anyhow::bail!("give --gold with --input or --hyp, or --leave-one-out")
    };
    if let Some(hyp) = &args.hyp {
        let s = score(&read_text(hyp)?, &read_text(gold)?, &skip);
        say!(
            "lines: {}\ngold_words: {}\nword_acc: {:.4}\nchar_acc: {:.4}",
            s.lines,
            s.gold_words,
            s.word_acc,
            s.char_acc
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(input) = &args.input else { anyhow::bail!("give --input or --hyp") };
    let model = match &args.hold_out {
        Some(held) => std::sync::Arc::new(model_without(&read_text(held)?)?),
        None => {
            args.model.start_threads()?;
            args.model.load()?
        }
    };
    let restorer = Restorer::with_config(model, args.tune.config());
    let (before, after) = score_restored(&restorer, input, gold, &skip)?;
    say!("lines: {}\ngold_words: {}", after.lines, after.gold_words)?;
    say!(
        "word_acc: {:.4}\nchar_acc: {:.4}\nword_acc_ci: {:.4}\ndiac_err: {:.4}",
        after.word_acc,
        after.char_acc,
        after.word_acc_ci,
        after.diac_err
    )?;
    say!("input_word_acc: {:.4}\ninput_char_acc: {:.4}", before.word_acc, before.char_acc)?;
    let (wi, wo) = (1.0 - before.word_acc, 1.0 - after.word_acc);
    say!("err_red: {:.4}", if wi > 0.0 { (wi - wo) / wi } else { 0.0 })?;
    Ok(ExitCode::SUCCESS)
}

/// Restore file `input` and score it, before and after, against the line-aligned file `gold`
/// (lines in `skip` left out), as [`score`] scores whole texts: both are read a block at a
/// time, so memory follows the block and the longest line, not the files.
fn score_restored(
    restorer: &Restorer,
    input: &Path,
    gold: &Path,
    skip: &HashSet<usize>,
) -> anyhow::Result<(Score, Score)> {
    let inputs = InputArgs::default();
    let gold_lines = DecodedLines::new(inputs.open_checked(gold)?, inputs.options()?);
    let mut sink = ScoreSink {
        gold: gold_lines,
        skip,
        line: 0,
        input: LfLines::default(),
        restored: LfLines::default(),
        before: ScoreSum::default(),
        after: ScoreSum::default(),
        gold_error: None,
    };
    let opts = DocOptions { decode: inputs.options()?, block_bytes: DEFAULT_BLOCK_BYTES, budget: None };
    let name = input.display().to_string();
    let read =
        read_document(restorer, inputs.open_checked(input)?, &name, &opts, &mut sink, None, &|_, _| {});
    if let Some(e) = sink.gold_error.take() {
        return Err(anyhow::Error::from(e.with_path(gold)));
    }
    read.map_err(|e| match e {
        DocError::Read(m) => anyhow::anyhow!("{name}: {m}"),
        DocError::Write(e) | DocError::Report(e) => anyhow::Error::from(e),
    })?;
    sink.finish()?;
    Ok((sink.before.score(), sink.after.score()))
}

/// Scores each restored line, and its input line, against the gold line of its number, as the
/// document path hands the blocks over (lines split at LF, as [`score`] splits them).
struct ScoreSink<'a, G> {
    gold: G,
    skip: &'a HashSet<usize>,
    /// Lines scored or skipped so far.
    line: usize,
    input: LfLines,
    restored: LfLines,
    before: ScoreSum,
    after: ScoreSum,
    /// Why the gold file could not be read on.
    gold_error: Option<crate::Error>,
}

impl<G: Iterator<Item = crate::Result<String>>> ScoreSink<'_, G> {
    /// Score one input line and its restored line against the next gold line (none left:
    /// nothing to score, as [`score`] scores the gold lines).
    fn add(&mut self, input: &str, restored: &str) -> std::io::Result<()> {
        self.line += 1;
        let gold = match self.gold.next() {
            None => return Ok(()),
            Some(Ok(gold)) => gold,
            Some(Err(e)) => {
                let message = e.to_string();
                self.gold_error = Some(e);
                return Err(std::io::Error::other(message));
            }
        };
        if !self.skip.contains(&self.line) {
            self.before.add(input, &gold);
            self.after.add(restored, &gold);
        }
        Ok(())
    }

    /// Score the last line (without LF), then the gold lines left, against nothing.
    fn finish(&mut self) -> anyhow::Result<()> {
        let input = std::mem::take(&mut self.input).finish();
        let restored = std::mem::take(&mut self.restored).finish();
        if input.is_some() || restored.is_some() {
            self.add(&input.unwrap_or_default(), &restored.unwrap_or_default())?;
        }
        while let Some(gold) = self.gold.next().transpose()? {
            self.line += 1;
            if !self.skip.contains(&self.line) {
                self.before.add("", &gold);
                self.after.add("", &gold);
            }
        }
        Ok(())
    }
}

impl<G: Iterator<Item = crate::Result<String>>> BlockSink for ScoreSink<'_, G> {
    fn block(&mut self, block: RestoredBlock<'_>) -> std::io::Result<()> {
        // input and restored lines end alike, so their LFs come in step
        let (mut inputs, mut restored) = (Vec::new(), Vec::new());
        for line in &block.restoration.lines {
            for (lines, text, out) in
                [(&mut self.input, &line.input, &mut inputs), (&mut self.restored, &line.text, &mut restored)]
            {
                lines.push(text, |l| out.push(l.to_string()));
                lines.push(&line.ending, |l| out.push(l.to_string()));
            }
        }
        for (input, restored) in inputs.iter().zip(&restored) {
            self.add(input, restored)?;
        }
        Ok(())
    }
}

/// The shipped model retrained without the counts of `text`.
fn model_without(text: &str) -> anyhow::Result<Model> {
    let (mut base, names) = Model::shipped_base()?;
    let held = crate::model::count_texts(&[("held-out", text)]);
    if !base.subtract(&held) {
        anyhow::bail!("the held-out text is not part of the shipped model's sources");
    }
    Ok(Model::build_on(&base, &names, Model::shipped_corpus(), Model::shipped_confusions()?))
}

/// Word accuracy of the simulated OCR files of report `name`, restored, against its text.
fn synthetic_scores(
    dir: &std::path::Path,
    name: &str,
    gold: &str,
    restorer: &Restorer,
) -> Vec<(String, f64, usize)> {
    let gold = plain_gold(gold);
    synthetic_files(dir, name)
        .iter()
        .filter_map(|f| {
            let ocr = std::fs::read_to_string(f).ok()?;
            let s = score(&restore(restorer, &ocr).text(), &gold, &Default::default());
            Some((f.file_name()?.to_string_lossy().into_owned(), s.word_acc, s.gold_words))
        })
        .collect()
}

fn leave_one_out(args: &Args) -> anyhow::Result<ExitCode> {
    let counts = Model::shipped_confusions()?;
    let (base, base_names) = Model::shipped_base()?;
    let owned: Vec<(String, String)> = match &args.model.model {
        Some(dir) => crate::model::read_corpus_dir(dir)?,
        None => Model::shipped_corpus().iter().map(|(n, t)| (n.to_string(), t.to_string())).collect(),
    };
    let (mut sum_strip, mut sum_keep, mut sum_ocr, mut n_ocr) = (0.0, 0.0, 0.0, 0usize);
    for (i, (name, text)) in owned.iter().enumerate() {
        let rest: Vec<(&str, &str)> = owned
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .map(|(_, (n, t))| (n.as_str(), t.as_str()))
            .collect();
        let model = Model::build_on(&base, &base_names, &rest, counts.clone());
        let restorer = Restorer::with_config(model, args.tune.config());
        let gold = text.clone();
        let stripped = restore(&restorer, &strip_diacritics(&gold)).text();
        let s = score(&stripped, &gold, &Default::default());
        let kept = restore(&restorer, &gold).text();
        let k = score(&kept, &gold, &Default::default());
        say!(
            "{name}: stripped word_acc {:.4}  clean kept {:.4}  ({} words)",
            s.word_acc,
            k.word_acc,
            s.gold_words
        )?;
        for (file, acc, words) in synthetic_scores(&args.synthetic, name, &gold, &restorer) {
            say!("  {file}: simulated OCR word_acc {acc:.4}  ({words} words)")?;
            sum_ocr += acc;
            n_ocr += 1;
        }
        sum_strip += s.word_acc;
        sum_keep += k.word_acc;
    }
    let n = owned.len().max(1) as f64;
    say!("mean stripped word_acc: {:.4}\nmean clean kept: {:.4}", sum_strip / n, sum_keep / n)?;
    if n_ocr > 0 {
        say!("mean simulated OCR word_acc: {:.4}  ({n_ocr} files)", sum_ocr / n_ocr as f64)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A scored token: (simulated OCR, is a word, raw posterior, calibrated confidence, right).
type Row = (bool, bool, f32, f32, bool);
/// Which rows a line of the table counts.
type RowFilter = fn(&Row) -> bool;

/// Labelled tokens of one restored input: (report index, simulated OCR or stripped, samples).
type Labelled = (usize, bool, Vec<(Sample, f32, bool)>);

fn calibration(args: &Args) -> anyhow::Result<ExitCode> {
    let counts = Model::shipped_confusions()?;
    let (base, base_names) = Model::shipped_base()?;
    let owned: Vec<(&str, &str)> = Model::shipped_corpus().to_vec();
    let mut labelled: Vec<Labelled> = Vec::new();
    for (i, (name, text)) in owned.iter().enumerate() {
        let rest: Vec<(&str, &str)> =
            owned.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, &p)| p).collect();
        let model = Model::build_on(&base, &base_names, &rest, counts.clone())
            .with_calibration(Calibration::identity());
        let restorer = Restorer::with_config(model, args.tune.config());
        let gold = plain_gold(text);
        let mut inputs: Vec<(bool, String)> = synthetic_files(&args.synthetic, name)
            .iter()
            .map(|f| read_text(f).map(|t| (true, t)))
            .collect::<anyhow::Result<_>>()?;
        inputs.push((false, strip_diacritics(&gold)));
        for (ocr, input) in inputs {
            let (restoration, records) = restore_in_parallel(&restorer, &input, Detail::Tokens);
            labelled.push((i, ocr, label_tokens(&records, &restoration, &gold)));
        }
    }
    // cross-fitting: each report's tokens are scored by a calibration fitted on the others
    let mut rows: Vec<Row> = Vec::new();
    for i in 0..owned.len() {
        let others: Vec<Sample> =
            labelled.iter().filter(|l| l.0 != i).flat_map(|l| l.2.iter().map(|s| s.0)).collect();
        let fitted = Calibration::fit(&others);
        for (_, ocr, samples) in labelled.iter().filter(|l| l.0 == i) {
            for (s, _, word) in samples {
                rows.push((*ocr, *word, s.raw, fitted.confidence(s.class, s.traits, s.raw), s.right));
            }
        }
    }
    let flag = [0.05, 0.10];
    say!("calibration on text the model never saw (leave one report out, fitted on the others)")?;
    say!(
        "{:<26} {:>7} {:>6} {:>7} {:>9} {:>10}",
        "tokens",
        "count",
        "wrong",
        "ECE",
        "caught@5%",
        "caught@10%"
    )?;
    let sets: [(&str, RowFilter, bool); 6] = [
        ("all, raw posteriors", |_| true, true),
        ("all", |_| true, false),
        ("words", |r| r.1, false),
        ("simulated OCR, all", |r| r.0, false),
        ("simulated OCR, words", |r| r.0 && r.1, false),
        ("stripped, all", |r| !r.0, false),
    ];
    for (label, keep, raw) in sets {
        let pts: Vec<(f32, bool)> =
            rows.iter().filter(|r| keep(r)).map(|r| (if raw { r.2 } else { r.3 }, r.4)).collect();
        let m = Reliability::measure(&pts, &flag);
        say!(
            "{label:<26} {:>7} {:>6} {:>7.4} {:>9.3} {:>10.3}",
            m.tokens,
            m.wrong,
            m.ece,
            m.caught[0].1,
            m.caught[1].1
        )?;
    }
    let all: Vec<(f32, bool)> = rows.iter().map(|r| (r.3, r.4)).collect();
    // the least confident share of all tokens flagged, the wrong words among them counted
    let words: Vec<bool> = rows.iter().map(|r| r.1).collect();
    let m = Reliability::measure(&all, &flag);
    say!(
        "{:<26} {:>7} {:>6} {:>7.4} {:>9.3} {:>10.3}",
        "all, wrong words caught",
        m.tokens,
        rows.iter().filter(|r| r.1 && !r.4).count(),
        m.ece,
        caught(&all, &words, flag[0]),
        caught(&all, &words, flag[1])
    )?;
    say!("\nreliability, all tokens:\n{:<8} {:>7} {:>10} {:>9}", "conf", "tokens", "mean conf", "accuracy")?;
    for (lo, n, conf, acc) in Reliability::measure(&all, &flag).bins {
        say!("{:<8} {n:>7} {conf:>10.4} {acc:>9.4}", format!("{lo:.1}-{:.1}", lo + 0.1))?;
    }
    if let Some(path) = &args.fit {
        let all: Vec<Sample> = labelled.iter().flat_map(|l| l.2.iter().map(|s| s.0)).collect();
        std::fs::write(path, Calibration::fit(&all).to_tsv())
            .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", path.display()))?;
        say!("\nwrote {} (fitted on {} tokens)", path.display(), all.len())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One row of the extraction agreement table.
fn agreement_row(label: &str, a: &Agreement) -> anyhow::Result<()> {
    say!(
        "{label:<34} {:>6} {:>6.3} {:>6.3} {:>6.3} {:>6.3} {:>6.3} {:>6.3} {:>6.3} {:>6.3} {:>6.3}",
        a.ind_ref,
        a.ind_f1(),
        a.of_matched(a.unit),
        a.of_matched(a.kind),
        a.of_matched(a.role),
        a.of_matched(a.subject_exact),
        a.of_matched(a.subject_overlap),
        a.ref_f1(),
        a.of_refs(a.ref_type),
        a.meta()
    )?;
    Ok(())
}

fn extraction(args: &Args) -> anyhow::Result<ExitCode> {
    let files = crate::robustness::measure(&args.synthetic, args.tune.config())?;
    if files.is_empty() {
        anyhow::bail!(
            "{}: no simulated OCR of the shipped reports (<stem>.s<N>.txt)",
            args.synthetic.display()
        );
    }
    say!("extraction of restored simulated OCR against extraction of the clean text (leave one report out)")?;
    say!(
        "{:<34} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "file",
        "fig",
        "ind_f1",
        "unit",
        "kind",
        "role",
        "subj=",
        "subj~",
        "ref_f1",
        "type",
        "meta"
    )?;
    let (mut restored, mut unrestored) = (Agreement::default(), Agreement::default());
    let mut by_seed: std::collections::BTreeMap<String, Agreement> = Default::default();
    for f in &files {
        agreement_row(&f.file, &f.restored)?;
        restored.add(&f.restored);
        unrestored.add(&f.unrestored);
        let seed = f.file.rsplit('.').nth(1).unwrap_or("").to_string();
        by_seed.entry(seed).or_default().add(&f.restored);
    }
    for (seed, a) in &by_seed {
        agreement_row(&format!("all {seed}, restored"), a)?;
    }
    agreement_row("all, restored", &restored)?;
    agreement_row("all, OCR not restored", &unrestored)?;
    Ok(ExitCode::SUCCESS)
}
