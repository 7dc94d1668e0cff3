//! `vnreport learn-confusions`: learn OCR confusion counts from aligned files and write the TSV
//! that the shipped model embeds.

use super::input::read_text;
use super::out::note;
use crate::confusion::{counts_to_tsv, Channel};
use crate::pairs::text_pairs;
use anyhow::Context;
use std::path::PathBuf;
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
    let mut pairs = Vec::new();
    for (files, weight) in [(&args.pairs, 1.0), (&args.real_pairs, args.real_weight)] {
        for chunk in files.chunks(2) {
            let (ocr, gold) = (read_text(&chunk[0])?, read_text(&chunk[1])?);
            let p = text_pairs(&ocr, &gold);
            note!("{}: {} word pairs", chunk[0].display(), p.len());
            pairs.extend(p.into_iter().map(|(o, g)| (o, g, weight)));
        }
    }
    if pairs.is_empty() {
        anyhow::bail!("no word pairs: give --pairs OCR GOLD");
    }
    let channel = Channel::learn(&pairs, &crate::viet::alphabet(), args.iterations);
    std::fs::write(&args.out, counts_to_tsv(channel.counts()))
        .with_context(|| format!("{}: cannot write", args.out.display()))?;
    note!("wrote {} from {} word pairs", args.out.display(), pairs.len());
    Ok(ExitCode::SUCCESS)
}
