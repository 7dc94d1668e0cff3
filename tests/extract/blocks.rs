//! A document read in blocks gives the report it gives whole: sections, periods and the
//! document's record are carried from block to block, spans count lines in the document.

use crate::common::{bin, repo};
use serde_json::Value;
use std::process::Command;

fn extract(file: &std::path::Path, block_bytes: usize) -> Value {
    let out = Command::new(bin())
        .arg("extract")
        .arg(file)
        .args(["--block-bytes", &block_bytes.to_string()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn blocks_give_the_report_of_the_whole_document() {
    // report 000 has sections I.., 1., a) and a period; three copies make a long document
    // whose blocks start inside sections
    let text = std::fs::read_to_string(repo("corpus/clean/000_4ccff56f1272ca17.txt")).unwrap().repeat(3);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.txt");
    std::fs::write(&file, &text).unwrap();
    let whole = extract(&file, 1 << 30);
    let indicators = whole["indicators"].as_array().unwrap();
    assert!(
        indicators.iter().filter(|i| i["section"].as_str().is_some_and(|s| s.contains('.'))).count() > 50
    );
    assert!(indicators.iter().all(|i| !i["period"].is_null()));
    for block in [16 << 10, 64 << 10] {
        let blocks = extract(&file, block);
        assert_eq!(blocks, whole, "blocks of {block} bytes");
    }
}
