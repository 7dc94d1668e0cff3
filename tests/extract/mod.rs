//! Extraction tests: number formats and what is never an indicator, the dev gold of report
//! 003, a clean seed checked by hand, offsets (those in the file: `src/extract/file_offsets_tests.rs`), JSON round trip and schema, and no panics.

mod blocks;
mod clean_seed;
mod gold_dev;
mod json;
mod numbers;
mod offsets;
mod props;
mod restored;
mod robustness;
mod typed;

use vnreport::{extract, identity_restoration, Extraction};

/// Extract from text taken as already restored.
pub fn run(text: &str) -> Extraction {
    extract(&identity_restoration(text))
}

/// Path of a committed corpus file.
pub fn corpus(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(rel)
}

/// The first file in a corpus folder whose name starts with `prefix`.
pub fn corpus_file(dir: &str, prefix: &str) -> String {
    let d = corpus(dir);
    let mut names: Vec<_> = std::fs::read_dir(&d)
        .unwrap_or_else(|e| panic!("{}: {e}", d.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix)))
        .collect();
    names.sort();
    let p = names.first().unwrap_or_else(|| panic!("no {prefix}* in {}", d.display()));
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}
