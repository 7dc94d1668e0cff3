//! The binary model file: the shipped one is what the build command makes from its sources,
//! it loads to the same costs as training gives, damaged files are refused with a clear
//! error, and a user's folder adds to the shipped model.

use crate::common::{bin, read, repo, MODEL};
use std::sync::Arc;
use vnreport::train::score;
use vnreport::train::strip_diacritics;
use vnreport::train::ModelFile;
use vnreport::Combine;
use vnreport::{ErrorKind, Model, Restorer};

fn shipped_bytes() -> Vec<u8> {
    std::fs::read(repo("dictionaries/model.bin")).expect("dictionaries/model.bin")
}

#[test]
fn shipped_model_file_is_rebuilt_byte_for_byte_from_its_counts_and_the_corpus() {
    let bytes = shipped_bytes();
    assert!(
        ModelFile::is_built_from(&bytes, Model::shipped_corpus()).unwrap(),
        "corpus/clean changed since dictionaries/model.bin was built: run OFFLINE=1 scripts/build_model.sh"
    );
    let (base, names) = ModelFile::decode_base(&bytes).unwrap();
    let rebuilt = ModelFile::build(&base, &names, Model::shipped_corpus());
    assert!(rebuilt == bytes, "build → write does not reproduce dictionaries/model.bin");
    // load → same costs as training on the same counts
    let mut counts = base.clone();
    counts.merge(&vnreport::train::count_texts(Model::shipped_corpus()));
    let trained = counts.train(&vnreport::train::all_syllables());
    assert!(ModelFile::decode(&bytes).unwrap().lm.same_costs(&trained));
    assert!(MODEL.lm().same_costs(&trained));
}

#[test]
fn damaged_model_files_are_refused_with_the_reason() {
    let bytes = shipped_bytes();
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (bytes[..bytes.len() / 2].to_vec(), "truncated"),
        (b"NOTAMODEL".to_vec(), "no VNRMODEL header"),
        ([&b"VNRMODEL"[..], &[9]].concat(), "newer vnreport"),
        ([&bytes[..], &[0]].concat(), "trailing bytes"),
    ];
    for (data, why) in cases {
        let err = ModelFile::decode(&data).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Parse);
        assert!(err.to_string().contains(why), "{err} does not say {why:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.bin");
    std::fs::write(&path, b"VNRMODEL").unwrap();
    let out = std::process::Command::new(bin())
        .args(["restore", "--model", path.to_str().unwrap(), "-"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("broken.bin") && err.contains("model file"), "{err}");
}

/// Word accuracy of restoring the stripped first lines of report 004 with `model`.
fn stripped_accuracy(model: &Arc<Model>) -> f64 {
    let text: String =
        read("corpus/clean/004_a3c9a3b6801f2d92.txt").lines().take(60).collect::<Vec<_>>().join("\n");
    let out = Restorer::new(model.clone()).restore_text(&strip_diacritics(&text)).text();
    score(&out, &text, &Default::default()).word_acc
}

#[test]
fn a_users_folder_adds_to_the_shipped_model_unless_told_to_replace_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("names.txt"), "Ông Phùng Đức Khiêm ký văn bản.\n").unwrap();
    let added = Arc::new(Model::from_path(dir.path(), Combine::Add).unwrap());
    let replaced = Arc::new(Model::from_path(dir.path(), Combine::Replace).unwrap());
    let name = |m: &Arc<Model>| Restorer::new(m.clone()).restore_text("ong Phung Duc Khiem ky").text();
    assert_eq!(name(&added), "ông Phùng Đức Khiêm ký");
    assert!(added.sources().len() > MODEL.sources().len());
    let (a, r, s) = (stripped_accuracy(&added), stripped_accuracy(&replaced), stripped_accuracy(&MODEL));
    assert!(a >= s - 0.005, "adding one sentence lost accuracy: {a:.4} vs shipped {s:.4}");
    assert!(r < a - 0.2, "a one-sentence model should do far worse alone: {r:.4} vs {a:.4}");
}
