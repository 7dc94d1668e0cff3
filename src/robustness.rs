//! How extraction holds up under OCR on reports the model never saw: each clean report of the
//! shipped corpus is left out of the model, its simulated OCR (`corpus/synthetic/`) restored
//! and extracted, and the result compared with the extraction of its clean text
//! ([`Agreement`]). This measures robustness to OCR damage, not absolute accuracy: the clean
//! text's extraction is the reference, errors included. `vnreport eval --extraction` prints it.

use crate::extract::agreement::Agreement;
use crate::extract::{extract, identity_restoration};
use crate::pipeline::restore_in_parallel;
use crate::restore::{Detail, RestoreConfig, Restorer};
use crate::Model;
use std::path::{Path, PathBuf};

/// One simulated OCR file compared with its report's clean text.
#[derive(Debug, Clone)]
pub struct FileAgreement {
    /// The OCR file's name ("000_4ccff56f1272ca17.s2.txt").
    pub file: String,
    /// Extraction of the restored OCR against that of the clean text.
    pub restored: Agreement,
    /// Extraction of the OCR as it is (no restoration), against the same reference.
    pub unrestored: Agreement,
}

/// The clean text of a report as its simulated OCR files line up with it (markdown removed).
pub fn plain_gold(text: &str) -> String {
    text.split('\n').map(crate::corpus::strip_markdown).collect::<Vec<_>>().join("\n")
}

/// The simulated OCR files of report `name` in `dir` (`<stem>.s<N>.txt`), sorted.
pub fn synthetic_files(dir: &Path, name: &str) -> Vec<PathBuf> {
    let stem = crate::model::source_name(name).trim_end_matches(".txt");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(&format!("{stem}.s")) && n.ends_with(".txt"))
    });
    files.sort();
    files
}

/// Every report of the shipped corpus against its simulated OCR in `synthetic`, each
/// restored by the shipped model retrained without that report.
pub fn measure(synthetic: &Path, config: RestoreConfig) -> crate::Result<Vec<FileAgreement>> {
    let counts = Model::shipped_confusions()?;
    let (base, base_names) = Model::shipped_base()?;
    let corpus = Model::shipped_corpus();
    let mut out = Vec::new();
    for (i, (name, text)) in corpus.iter().enumerate() {
        let files = synthetic_files(synthetic, name);
        if files.is_empty() {
            continue;
        }
        let rest: Vec<(&str, &str)> =
            corpus.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, &p)| p).collect();
        let model = Model::build_on(&base, &base_names, &rest, counts.clone());
        let restorer = Restorer::with_config(model, config);
        let reference = extract(&identity_restoration(&plain_gold(text)));
        for f in files {
            let ocr = std::fs::read_to_string(&f).map_err(|e| crate::Error::io(&f, e))?;
            let restored = extract(&restore_in_parallel(&restorer, &ocr, Detail::Lines).0);
            let unrestored = extract(&identity_restoration(&ocr));
            out.push(FileAgreement {
                file: f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                restored: Agreement::compare(&reference, &restored),
                unrestored: Agreement::compare(&reference, &unrestored),
            });
        }
    }
    Ok(out)
}
