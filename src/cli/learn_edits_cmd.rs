//! `vnreport learn`: fold an archivist's edits (exported from the review page) into a user
//! model folder, so the next batch of the same archive makes fewer of the same errors. The
//! checked lines are added as clean text (the words of the archive) and their word pairs as
//! OCR confusion counts (how its scans misread them); earlier files of the folder are kept.

use super::input::{read_text, InputArgs};
use super::out::note;
use crate::confusion::{counts_from_tsv, counts_to_tsv};
use crate::edits::{corrected_lines, learn_confusions, parse_edits};
use crate::model::Combine;
use crate::pipeline::{restore_in_parallel, write_atomic};
use crate::restore::Detail;
use crate::{Model, Restorer};
use anyhow::Context;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The OCR file the edits were made on (as given to `vnreport review`).
    file: PathBuf,
    /// The edits, JSON Lines in the corrections format {line, start, end, from, to}.
    #[arg(long, value_name = "EDITS.jsonl")]
    edits: PathBuf,
    /// The user model folder to update (created when missing); use it later with --model.
    #[arg(long, value_name = "DIR")]
    model: PathBuf,
    /// How many times a checked word pair counts against the shipped confusion counts.
    #[arg(long, default_value_t = 10.0)]
    weight: f32,
    #[command(flatten)]
    input: InputArgs,
}

/// Whether `dir` holds training texts already.
fn has_texts(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok()).any(|e| e.path().extension().is_some_and(|x| x == "txt")))
        .unwrap_or(false)
}

/// The first `learned-<stem>-<n>.txt` of `dir` that does not exist yet.
fn fresh_name(dir: &Path, file: &Path) -> PathBuf {
    let stem = file.file_stem().map_or("stdin".into(), |s| s.to_string_lossy().into_owned());
    let stem: String =
        stem.chars().map(|c| if c.is_alphanumeric() || c == '_' { c } else { '-' }).take(80).collect();
    (1..).map(|n| dir.join(format!("learned-{stem}-{n}.txt"))).find(|p| !p.exists()).expect("a free name")
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !(args.weight.is_finite() && args.weight > 0.0 && args.weight <= 1e6) {
        anyhow::bail!("--weight must be a number above 0 and at most 1000000, not {}", args.weight);
    }
    let edits = parse_edits(&read_text(&args.edits)?, &args.edits.display().to_string())?;
    if edits.is_empty() {
        anyhow::bail!("{}: no edits to learn from", args.edits.display());
    }
    let (decoded, bytes) = args.input.read_with_bytes(&args.file)?;
    let dir = &args.model;
    // restore as the page did: with the user model as it stands
    let model = if has_texts(dir) { Model::from_path(dir, Combine::Add)? } else { Model::shipped()? };
    let restorer = Restorer::new(model);
    let restoration = restore_in_parallel(&restorer, &decoded.text, Detail::Lines).0;
    let model = restorer.model();
    let lines = corrected_lines(&restoration, &edits).map_err(|e| e.with_path(&args.edits))?;
    // the folder is made only once the edits are known to fit the input
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create the folder", dir.display()))?;
    // the checked lines, as clean text, with a note of where they come from
    let text_path = fresh_name(dir, &args.file);
    let text: String = lines.iter().map(|l| format!("{}\n", l.2)).collect();
    write_atomic(&text_path, text.as_bytes())
        .with_context(|| format!("{}: cannot write", text_path.display()))?;
    let origin = serde_json::json!({
        "source": args.file.display().to_string(),
        "source_sha256": format!("{:x}", Sha256::digest(&bytes)),
        "edits": args.edits.display().to_string(),
        "edit_count": edits.len(),
        "lines": lines.iter().map(|l| l.0).collect::<Vec<_>>(),
    });
    let origin_path = text_path.with_extension("json");
    write_atomic(&origin_path, format!("{origin:#}\n").as_bytes())
        .with_context(|| format!("{}: cannot write", origin_path.display()))?;
    // the confusion counts: the folder's own (else the shipped ones) plus the checked pairs
    let conf_path = dir.join("confusions.tsv");
    let base = if conf_path.exists() {
        counts_from_tsv(&read_text(&conf_path)?)
            .map_err(|e| anyhow::anyhow!("{}:{}: {}", conf_path.display(), e.line, e.message))?
    } else {
        Model::shipped_confusions()?
    };
    let (counts, pairs) = learn_confusions(model, &base, &lines, args.weight);
    write_atomic(&conf_path, counts_to_tsv(&counts).as_bytes())
        .with_context(|| format!("{}: cannot write", conf_path.display()))?;
    note!(
        "vnreport: learned {} checked lines ({} edits, {pairs} word pairs) into {}",
        lines.len(),
        edits.len(),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
