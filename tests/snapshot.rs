//! Every output of the program on the repository's own documents (restored text, tokens,
//! corrections, decoding records, extraction JSON, a batch run and its tables), written by
//! `scripts/snapshot.sh`, has the SHA-256 recorded in `tests/data/snapshot.sha256`: a change
//! meant to keep behaviour (a restructuring, a speed-up) must leave every byte as it was. When
//! behaviour is meant to change, regenerate the sums (the command is in the failure message)
//! and say why in the commit.

use crate::common::{bin, repo};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn sums_under(dir: &Path, base: &Path, out: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).expect("the snapshot folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            sums_under(&path, base, out);
        } else {
            let bytes = std::fs::read(&path).expect("a snapshot file");
            let rel = path.strip_prefix(base).expect("under the folder").to_string_lossy().into_owned();
            out.insert(rel, format!("{:x}", Sha256::digest(&bytes)));
        }
    }
}

#[test]
fn outputs_on_the_shipped_documents_are_unchanged() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("snapshot");
    let status = Command::new("bash")
        .arg(repo("scripts/snapshot.sh"))
        .arg(bin())
        .arg(&out)
        .current_dir(repo("."))
        .status()
        .expect("bash runs");
    assert!(status.success(), "scripts/snapshot.sh failed");
    let mut now = BTreeMap::new();
    sums_under(&out, &out, &mut now);
    let recorded: BTreeMap<String, String> = std::fs::read_to_string(repo("tests/data/snapshot.sha256"))
        .expect("the recorded sums")
        .lines()
        .filter_map(|l| l.split_once("  ").map(|(sum, name)| (name.to_string(), sum.to_string())))
        .collect();
    let changed: Vec<&String> = recorded
        .keys()
        .chain(now.keys())
        .filter(|k| recorded.get(*k) != now.get(*k))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(
        changed.is_empty(),
        "{} outputs differ from tests/data/snapshot.sha256: {changed:?}\nto record the new outputs: \
         scripts/snapshot.sh target/release/vnreport /tmp/snap && (cd /tmp/snap && find . -type f | \
         sort | xargs sha256sum | sed 's#  ./#  #') > tests/data/snapshot.sha256",
        changed.len()
    );
    assert!(recorded.len() > 400, "the snapshot covers every document");
}
