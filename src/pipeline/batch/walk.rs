//! Finding the documents of a batch: files given by name, and files under folders (walked
//! recursively in name order, by `walkdir`) whose names match the globs.

use super::glob::Glob;
use sha2::{Digest, Sha256};
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use walkdir::{DirEntry, WalkDir};

/// Longest file-name component of an output stem, in bytes: with ".restored.txt" and the
/// temporary ".NAME.PID.RANDOM.tmp" around it, names stay under the usual 255-byte limit.
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
            walk_dir(arg, globs, exclude.as_deref(), &mut out);
        } else {
            let relative =
                arg.file_name().map(name_text).unwrap_or_else(|| arg.to_string_lossy().into_owned());
            let bytes = fs::metadata(arg).map(|m| m.len()).unwrap_or(0);
            out.push(Input { path: arg.clone(), relative, bytes });
        }
    }
    out
}

/// The files under `root` matching `globs`, depth first with each folder's entries in name
/// order (a subfolder's files where its name falls).
fn walk_dir(root: &Path, globs: &[Glob], exclude: Option<&Path>, out: &mut Vec<Input>) {
    let is_excluded = |e: &DirEntry| {
        e.file_type().is_dir() && exclude.is_some_and(|ex| fs::canonicalize(e.path()).is_ok_and(|c| c == ex))
    };
    let walker = WalkDir::new(root).sort_by_file_name().into_iter().filter_entry(|e| !is_excluded(e));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                // an unreadable folder is reported as a document that cannot be read; an
                // entry whose kind could not be told is skipped
                if let Some(dir) = err.path().filter(|p| p.is_dir()) {
                    let relative = match relative_text(root, dir) {
                        r if r.is_empty() => dir.to_string_lossy().into_owned(),
                        r => r,
                    };
                    out.push(Input { path: dir.to_path_buf(), relative, bytes: 0 });
                }
                continue;
            }
        };
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        let path = entry.path();
        let target = if kind.is_symlink() { fs::metadata(path).ok() } else { entry.metadata().ok() };
        // folders are walked into; FIFOs, sockets and devices inside a folder are skipped
        // (reading a FIFO would wait forever); a dangling link is kept so it is reported
        if target.as_ref().is_some_and(|m| !m.is_file()) {
            continue;
        }
        let relative = relative_text(root, path);
        if globs.iter().any(|g| g.matches(&relative)) {
            let bytes = target.map(|m| m.len()).unwrap_or(0);
            out.push(Input { path: entry.into_path(), relative, bytes });
        }
    }
}

/// `path` relative to `root`, its names as text joined with `/` (empty for `root` itself).
fn relative_text(root: &Path, path: &Path) -> String {
    let under = path.strip_prefix(root).unwrap_or(path);
    under.components().map(|c| name_text(c.as_os_str())).collect::<Vec<_>>().join("/")
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

    #[test]
    fn folders_are_walked_in_name_order_and_the_output_folder_is_left_out() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["b/y.txt", "b/x.TXT", "a.txt", "c.md", "c.txt", "out/o.txt", "ba.txt"] {
            let path = dir.path().join(f);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, b"x").unwrap();
        }
        let found =
            discover(&[dir.path().to_path_buf()], &Glob::default_set(), Some(&dir.path().join("out")));
        let relative: Vec<&str> = found.iter().map(|i| i.relative.as_str()).collect();
        assert_eq!(relative, ["a.txt", "b/x.TXT", "b/y.txt", "ba.txt", "c.txt"]);
        assert_eq!(found[1].path, dir.path().join("b").join("x.TXT"));
        assert_eq!(found[1].bytes, 1);
        let all = discover(&[dir.path().to_path_buf()], &Glob::default_set(), None);
        assert!(all.iter().any(|i| i.relative == "out/o.txt"));
    }
}
