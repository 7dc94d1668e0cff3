//! `vnreport build-readings`: compute the readings of the shipped model's frequent words under
//! every document kind and write them as `dictionaries/readings.bin`, which the next build
//! embeds so a first pass over a new document finds them computed.

use super::out::note;
use crate::{Model, Restorer};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Where to write the readings file.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = Model::shipped()?;
    let restorer = Restorer::new(model);
    let bytes = restorer.readings_file();
    let tmp = args.out.with_extension("bin.tmp");
    std::fs::write(&tmp, &bytes).map_err(|e| anyhow::anyhow!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, &args.out).map_err(|e| anyhow::anyhow!("{}: {e}", args.out.display()))?;
    note!("{}: {} bytes, for the model {}", args.out.display(), bytes.len(), restorer.model().fingerprint());
    Ok(ExitCode::SUCCESS)
}
