//! Nothing lost: the `--corrections` file of `vnreport restore`, applied to the input, gives the
//! restored text exactly: on every shipped document and on a degraded variant of each (other
//! line endings, tabs, marks stripped, cut mid-line, legacy encodings).

use super::{assert_replays, restore_cli};
use crate::common::repo;
use std::path::PathBuf;
use vnreport::train::strip_diacritics;
use vnreport::{encode, Encoding};

fn shipped_documents() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["corpus/clean", "corpus/degraded", "corpus/gold", "corpus/synthetic"] {
        for e in std::fs::read_dir(repo(dir)).expect("corpus folder") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The `k`-th kind of damage, applied to `text`, as file bytes.
fn variant(text: &str, k: usize) -> (&'static str, Vec<u8>) {
    match k % 8 {
        0 => ("crlf", text.replace('\n', "\r\n").into_bytes()),
        1 => ("cr", text.replace('\n', "\r").into_bytes()),
        2 => ("tabs", text.replacen(' ', "\t", 40).replace(". ", ".   ").into_bytes()),
        3 => ("stripped", strip_diacritics(text).into_bytes()),
        4 => {
            // cut mid-line at a char boundary, no final newline
            let mut cut = text.len() * 2 / 3;
            while !text.is_char_boundary(cut) || text[..cut].ends_with('\n') {
                cut -= 1;
            }
            ("cut", text.as_bytes()[..cut].to_vec())
        }
        5 => ("tcvn3", encode(&text.replace('\n', "\r\n"), Encoding::Tcvn3)),
        6 => ("vni", encode(text, Encoding::Vni)),
        _ => (
            "utf16le-nfd",
            encode(
                &unicode_normalization::UnicodeNormalization::nfd(text).collect::<String>(),
                Encoding::Utf16Le,
            ),
        ),
    }
}

#[test]
fn corrections_replay_on_every_shipped_document_and_a_degraded_variant_of_each() {
    let docs = shipped_documents();
    assert!(docs.len() >= 20, "only {} documents", docs.len());
    let dir = tempfile::tempdir().expect("tempdir");
    let mut kinds = std::collections::BTreeSet::new();
    for (k, doc) in docs.iter().enumerate() {
        let run = restore_cli(doc, &[]);
        assert_replays(doc, &run, false);
        let text = std::fs::read_to_string(doc).expect("UTF-8 corpus file");
        let (kind, bytes) = variant(&text, k);
        let file = dir.path().join(format!("{k}.{kind}.txt"));
        std::fs::write(&file, bytes).expect("write variant");
        let run = restore_cli(&file, &[]);
        assert_replays(&file, &run, false);
        kinds.insert(kind);
    }
    assert_eq!(kinds.len(), 8, "{kinds:?}");
}
