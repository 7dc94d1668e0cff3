//! `vnreport learn-confusions`: learn OCR confusion counts from aligned files and write the TSV
//! that the shipped model embeds.

use super::input::InputArgs;
use super::out::note;
use crate::confusion::{counts_to_tsv, Channel};
use crate::pairs::PairTally;
use crate::pipeline::DecodedLines;
use anyhow::Context;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A pair of line-aligned files: the OCR text, then its correct text. Repeatable.
    #[arg(long, num_args = 2, value_names = ["OCR", "GOLD"], action = clap::ArgAction::Append)]
    pairs: Vec<PathBuf>,
    /// Weight of the pairs given with --real-pairs relative to --pairs.
    #[arg(long, default_value_t = 3.0)]
    real_weight: f32,
    /// Pairs from real (not simulated) OCR, weighted by --real-weight. Repeatable.
    #[arg(long, num_args = 2, value_names = ["OCR", "GOLD"], action = clap::ArgAction::Append)]
    real_pairs: Vec<PathBuf>,
    /// EM iterations.
    #[arg(long, default_value_t = 4)]
    iterations: usize,
    /// Where to write the counts.
    #[arg(long, default_value = "dictionaries/confusions.tsv")]
    out: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !(args.real_weight.is_finite() && args.real_weight > 0.0 && args.real_weight <= 1e6) {
        anyhow::bail!("--real-weight must be a number above 0 and at most 1000000, not {}", args.real_weight);
    }
    if !(1..=100).contains(&args.iterations) {
        anyhow::bail!("--iterations must be from 1 to 100, not {}", args.iterations);
    }
    let mut tally = PairTally::default();
    for (files, weight) in [(&args.pairs, 1.0), (&args.real_pairs, args.real_weight)] {
        for chunk in files.chunks(2) {
            let added = add_file_pairs(&mut tally, &chunk[0], &chunk[1], weight)?;
            note!("{}: {} word pairs", chunk[0].display(), added);
        }
    }
    let occurrences = tally.occurrences();
    if occurrences == 0 {
        anyhow::bail!("no word pairs: give --pairs OCR GOLD");
    }
    let channel = Channel::learn(&tally.into_pairs(), &crate::viet::alphabet(), args.iterations);
    std::fs::write(&args.out, counts_to_tsv(channel.counts()))
        .with_context(|| format!("{}: cannot write", args.out.display()))?;
    note!("wrote {} from {} word pairs", args.out.display(), occurrences);
    Ok(ExitCode::SUCCESS)
}

/// Add the word pairs of the line-aligned files `ocr` and `gold` to `tally`, each weighing
/// `weight`; both are read a block at a time, their lines paired as `str::lines` pairs them
/// (a final CR dropped) up to the end of the shorter. Returns how many pairs were added.
fn add_file_pairs(tally: &mut PairTally, ocr: &Path, gold: &Path, weight: f32) -> anyhow::Result<usize> {
    let inputs = InputArgs::default();
    let lines = |path: &Path| -> anyhow::Result<DecodedLines<Box<dyn std::io::Read>>> {
        Ok(DecodedLines::new(inputs.open_checked(path)?, inputs.options()?))
    };
    let mut added = 0;
    for (o, g) in lines(ocr)?.zip(lines(gold)?) {
        let (o, g) = (o.map_err(|e| e.with_path(ocr))?, g.map_err(|e| e.with_path(gold))?);
        added +=
            tally.add_lines(o.strip_suffix('\r').unwrap_or(&o), g.strip_suffix('\r').unwrap_or(&g), weight);
    }
    Ok(added)
}
