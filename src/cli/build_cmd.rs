//! `vnreport build-model`: count the third-party source texts (or reuse the counts inside the
//! shipped model), add the shipped clean corpus, train, and write the binary model file.

use super::out::note;
use crate::model::{count_texts, read_corpus_dir, source_name, ModelFile};
use crate::Model;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A folder of cleaned third-party texts (*.txt, one paragraph or word-list entry a line);
    /// without it, the counts inside the shipped model are reused.
    #[arg(long, value_name = "DIR")]
    sources: Option<PathBuf>,
    /// Where to write the model file.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (base, names) = match &args.sources {
        Some(dir) => {
            let texts = read_corpus_dir(dir)?;
            let refs: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
            let names = texts.iter().map(|(n, _)| source_name(n).to_string()).collect::<Vec<_>>();
            (count_texts(&refs), names)
        }
        None => Model::shipped_base()?,
    };
    let bytes = ModelFile::build(&base, &names, Model::shipped_corpus());
    let tmp = args.out.with_extension("bin.tmp");
    std::fs::write(&tmp, &bytes).map_err(|e| anyhow::anyhow!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, &args.out).map_err(|e| anyhow::anyhow!("{}: {e}", args.out.display()))?;
    let f = ModelFile::decode(&bytes)?;
    note!(
        "{}: {} bytes; base {} sources, {} tokens, {} trigrams; vocabulary {}; fingerprint {}",
        args.out.display(),
        bytes.len(),
        names.len(),
        base.tokens(),
        base.len(),
        f.lm.vocab().len(),
        f.fingerprint
    );
    Ok(ExitCode::SUCCESS)
}
