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
    let (name, rel) = ("CONFUSIONS", "dictionaries/confusions.tsv");
    let p = Path::new(&root).join(rel);
    println!("cargo:rerun-if-changed={}", p.display());
    if p.exists() {
        writeln!(
            code,
            "/// Embedded `{rel}`.\npub static {name}: &str = include_str!({:?});",
            p.display().to_string()
        )
        .unwrap();
    } else {
        writeln!(code, "/// `{rel}` was missing at build time.\npub static {name}: &str = \"\";").unwrap();
    }
    let model = Path::new(&root).join("dictionaries/model.bin");
    println!("cargo:rerun-if-changed={}", model.display());
    if model.exists() {
        writeln!(
            code,
            "/// Embedded `dictionaries/model.bin`.\npub static MODEL: &[u8] = include_bytes!({:?});",
            model.display().to_string()
        )
        .unwrap();
    } else {
        writeln!(
            code,
            "/// `dictionaries/model.bin` was missing at build time.\npub static MODEL: &[u8] = &[];"
        )
        .unwrap();
    }
    std::fs::write(Path::new(&out_dir).join("embedded.rs"), code).expect("write OUT_DIR/embedded.rs");
}
