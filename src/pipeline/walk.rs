//! Finding the documents of a batch: files given by name, and files under folders (walked
//! recursively in name order) whose names match the globs.

use super::glob::Glob;
use sha2::{Digest, Sha256};
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

/// Longest file-name component of an output stem, in bytes: with ".restored.txt" and the
/// temporary ".NAME.PID.N.tmp" around it, names stay under the usual 255-byte limit.
const MAX_STEM_BYTES: usize = 200;

/// 16 hex digits of the SHA-256 of `bytes`.
fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// A file name as text. A name that is not UTF-8 gets its invalid bytes replaced and a hash
/// of the real bytes before its extension ("r\u{FFFD}~0123456789abcdef.txt"), so two names
/// that differ only in such bytes stay two documents with two sets of outputs.
pub fn name_text(name: &OsStr) -> String {
    if let Some(s) = name.to_str() {
        return s.to_string();
    }
    let lossy = name.to_string_lossy();
    let hash = short_hash(name.as_encoded_bytes());
    match lossy.rfind('.') {
        Some(i) if i > 0 => format!("{}~{hash}{}", &lossy[..i], &lossy[i..]),
        _ => format!("{lossy}~{hash}"),
    }
}

/// `name` cut to at most [`MAX_STEM_BYTES`] bytes (at a character boundary) with a hash of
/// the whole name appended, when it is longer.
fn shorten(name: &str) -> String {
    if name.len() <= MAX_STEM_BYTES {
        return name.to_string();
    }
    let mut cut = MAX_STEM_BYTES - 17;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}~{}", &name[..cut], short_hash(name.as_bytes()))
}

/// One document to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file as found: the input argument, joined with the path under it for folders.
    pub path: PathBuf,
    /// The path relative to its input folder (`/`-separated), or the file name for a file
    /// given by name; outputs are named after it.
    pub relative: String,
    /// Size in bytes when known, else 0 (used for progress only).
    pub bytes: u64,
}

impl Input {
    /// `relative` without the file's extension: outputs are `<stem>.restored.txt` and
    /// `<stem>.json`. A folder or file name longer than 200 bytes is cut with a hash of the
    /// whole name appended, so that the output names stay valid and distinct.
    pub fn output_stem(&self) -> String {
        let (dir, name) = match self.relative.rfind('/') {
            Some(i) => (&self.relative[..i], &self.relative[i + 1..]),
            None => ("", self.relative.as_str()),
        };
        let name = match name.rfind('.') {
            Some(i) if i > 0 => &name[..i],
            _ => name,
        };
        let mut out: String = dir.split('/').filter(|d| !d.is_empty()).map(|d| shorten(d) + "/").collect();
        out.push_str(&shorten(name));
        out
    }
}

/// The documents named by `inputs`, in order: a file (or anything that is not a folder,
/// so that a missing file is reported rather than dropped) as itself, a folder as the files
/// under it matching any of `globs`. Symbolic links to files are followed, links to folders
/// are not (no cycles); only regular files are taken from a folder, and a dangling link that
/// matches is kept so it is reported. The folder
/// `exclude` (the output folder) is never entered.
pub fn discover(inputs: &[PathBuf], globs: &[Glob], exclude: Option<&Path>) -> Vec<Input> {
    let exclude = exclude.and_then(|p| fs::canonicalize(p).ok());
    let mut out = Vec::new();
    for arg in inputs {
        if arg.is_dir() {
            walk_dir(arg, "", globs, exclude.as_deref(), &mut out);
        } else {
            let relative =
                arg.file_name().map(name_text).unwrap_or_else(|| arg.to_string_lossy().into_owned());
            let bytes = fs::metadata(arg).map(|m| m.len()).unwrap_or(0);
            out.push(Input { path: arg.clone(), relative, bytes });
        }
    }
    out
}

fn walk_dir(dir: &Path, prefix: &str, globs: &[Glob], exclude: Option<&Path>, out: &mut Vec<Input>) {
    if let Some(ex) = exclude {
        if fs::canonicalize(dir).is_ok_and(|c| c == ex) {
            return;
        }
    }
    let entries = match fs::read_dir(dir) {
        Ok(rd) => {
            let mut v: Vec<fs::DirEntry> = rd.filter_map(|e| e.ok()).collect();
            v.sort_by_key(|e| e.file_name());
            v
        }
        Err(_) => {
            // an unreadable folder is reported as a document that cannot be read
            let relative =
                if prefix.is_empty() { dir.to_string_lossy().into_owned() } else { prefix.to_string() };
            out.push(Input { path: dir.to_path_buf(), relative, bytes: 0 });
            return;
        }
    };
    for entry in entries {
        let name = name_text(&entry.file_name());
        let relative = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
        let path = entry.path();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            walk_dir(&path, &relative, globs, exclude, out);
            continue;
        }
        let target = if kind.is_symlink() { fs::metadata(&path).ok() } else { entry.metadata().ok() };
        // folders were walked above; FIFOs, sockets and devices inside a folder are skipped
        // (reading a FIFO would wait forever); a dangling link is kept so it is reported
        if target.as_ref().is_some_and(|m| !m.is_file()) {
            continue;
        }
        if globs.iter().any(|g| g.matches(&relative)) {
            let bytes = target.map(|m| m.len()).unwrap_or(0);
            out.push(Input { path, relative, bytes });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_stem_drops_the_extension_only() {
        let i = |r: &str| Input { path: PathBuf::from(r), relative: r.to_string(), bytes: 0 };
        assert_eq!(i("a/b.txt").output_stem(), "a/b");
        assert_eq!(i("b.v2.txt").output_stem(), "b.v2");
        assert_eq!(i("dir.x/README").output_stem(), "dir.x/README");
        assert_eq!(i(".hidden").output_stem(), ".hidden");
    }

    #[test]
    fn long_names_are_cut_with_a_hash() {
        let i = |r: &str| Input { path: PathBuf::from(r), relative: r.to_string(), bytes: 0 };
        let long = "x".repeat(246) + ".txt";
        let stem = i(&long).output_stem();
        assert!(stem.len() <= MAX_STEM_BYTES && stem.starts_with("xxxx"), "{stem}");
        let other = "x".repeat(245) + "y.txt";
        assert_ne!(i(&other).output_stem(), stem);
        let viet = format!("d/{}.txt", "Ủy ban ".repeat(30));
        let stem = i(&viet).output_stem();
        assert!(stem.starts_with("d/Ủy ban") && stem.len() <= MAX_STEM_BYTES + 2, "{stem}");
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_names_stay_distinct() {
        use std::os::unix::ffi::OsStrExt;
        let a = name_text(OsStr::from_bytes(b"r\xFF.txt"));
        let b = name_text(OsStr::from_bytes(b"r\xFE.txt"));
        assert_ne!(a, b);
        assert!(a.starts_with("r\u{FFFD}~") && a.ends_with(".txt"), "{a}");
        assert_eq!(name_text(OsStr::new("báo cáo.txt")), "báo cáo.txt");
    }
}
