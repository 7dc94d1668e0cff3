//! Embeds the shipped training corpus and dictionaries, so the binary restores text with no
//! files beside it. Lists corpus/clean/*.txt at build time: adding a report there retrains the
//! shipped model on the next build.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let clean = Path::new(&root).join("corpus/clean");
    println!("cargo:rerun-if-changed={}", clean.display());
    let mut files: Vec<_> = std::fs::read_dir(&clean)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut code = String::from(
        "/// The shipped clean corpus: (file name, text).\npub static CORPUS: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        writeln!(code, "    ({name:?}, include_str!({:?})),", f.display().to_string()).unwrap();
    }
    code.push_str("];\n");
    embed(&mut code, &root, "CONFUSIONS", "dictionaries/confusions.tsv", Embed::Text);
    embed(&mut code, &root, "CALIBRATION", "dictionaries/calibration.tsv", Embed::Text);
    embed(&mut code, &root, "MODEL", "dictionaries/model.bin", Embed::Bytes);
    embed(&mut code, &root, "READINGS", "dictionaries/readings.bin", Embed::Bytes);
    std::fs::write(Path::new(&out_dir).join("embedded.rs"), code).expect("write OUT_DIR/embedded.rs");
}

/// How a data file is embedded.
enum Embed {
    Text,
    Bytes,
}

/// Declare `static NAME` holding the file `rel` (empty when the file is missing at build time).
fn embed(code: &mut String, root: &str, name: &str, rel: &str, kind: Embed) {
    let p = Path::new(root).join(rel);
    println!("cargo:rerun-if-changed={}", p.display());
    let (ty, macro_name, empty) = match kind {
        Embed::Text => ("&str", "include_str", "\"\""),
        Embed::Bytes => ("&[u8]", "include_bytes", "&[]"),
    };
    if p.exists() {
        let path = p.display().to_string();
        writeln!(code, "/// Embedded `{rel}`.\npub static {name}: {ty} = {macro_name}!({path:?});").unwrap();
    } else {
        writeln!(code, "/// `{rel}` was missing at build time.\npub static {name}: {ty} = {empty};").unwrap();
    }
}
