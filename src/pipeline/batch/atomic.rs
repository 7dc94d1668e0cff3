//! Atomic output files: written to a temporary file beside the target (a `tempfile`
//! `NamedTempFile`) and renamed over it once complete, so a crash never leaves a
//! half-written output.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// A file being written; it appears under its name only on [`AtomicFile::commit`], and
/// the temporary file (`.NAME.PID.RANDOM.tmp`, so that a later run can tell whether its
/// writer is still alive) is removed if it is dropped before that.
pub struct AtomicFile {
    target: PathBuf,
    out: BufWriter<NamedTempFile>,
}

impl AtomicFile {
    /// Start writing `target`, creating its folder if needed.
    pub fn create(target: &Path) -> io::Result<AtomicFile> {
        let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let prefix = format!(".{name}.{}.", std::process::id());
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        #[cfg(unix)]
        {
            // the permissions of any new file (the umask applies), not the 0600 of temporary files
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let temp = builder.tempfile_in(dir)?;
        Ok(AtomicFile { target: target.to_path_buf(), out: BufWriter::with_capacity(1 << 16, temp) })
    }

    /// Flush, sync to disk and rename over the target.
    pub fn commit(self) -> io::Result<()> {
        let temp = self.out.into_inner().map_err(|e| e.into_error())?;
        temp.as_file().sync_all()?;
        temp.persist(&self.target).map(drop).map_err(|e| e.error)
    }
}

/// Remove the temporary files that writers of processes no longer running left under `dir`
/// (a run killed mid-write); returns how many were removed. A temporary file of a live
/// process (another run writing into the same folder) is left alone.
pub fn remove_leftovers(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            removed += remove_leftovers(&path);
        } else if kind.is_file()
            && leftover_pid(&entry.file_name().to_string_lossy()).is_some_and(|pid| !alive(pid))
        {
            removed += usize::from(fs::remove_file(&path).is_ok());
        }
    }
    removed
}

/// The process id in a temporary file name `.NAME.PID.RANDOM.tmp` (RANDOM: letters and
/// digits).
fn leftover_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let mut parts = rest.rsplitn(3, '.');
    let (random, pid, stem) = (parts.next()?, parts.next()?, parts.next()?);
    (!stem.is_empty() && random.bytes().all(|b| b.is_ascii_alphanumeric()) && !random.is_empty())
        .then_some(())?;
    pid.parse().ok()
}

/// True when process `pid` is running (always true where that cannot be told).
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc_root = Path::new("/proc");
    !proc_root.is_dir() || proc_root.join(pid.to_string()).exists()
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.out.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Write `bytes` to `target` atomically.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = AtomicFile::create(target)?;
    f.write_all(bytes)?;
    f.commit()
}

#[cfg(test)]
mod leftover_tests {
    use super::*;

    #[test]
    fn leftovers_of_dead_writers_are_removed() {
        assert_eq!(leftover_pid(".a.json.123.4.tmp"), Some(123));
        assert_eq!(leftover_pid(".b.v2.restored.txt.77.0.tmp"), Some(77));
        assert_eq!(leftover_pid("a.json.123.4.tmp"), None);
        assert_eq!(leftover_pid(".a.json.x.4.tmp"), None);
        assert_eq!(leftover_pid(".a.json.123.Ab3x9Z.tmp"), Some(123));
        assert_eq!(leftover_pid(".a.json.123.A-b.tmp"), None);
        let dir = tempfile_dir();
        let sub = dir.join("sub");
        fs::create_dir_all(&sub).unwrap();
        // a pid far above any live process, and this process's own
        let dead = sub.join(".doc.json.4000000000.0.tmp");
        let live = dir.join(format!(".doc.json.{}.0.tmp", std::process::id()));
        let kept = dir.join("doc.json");
        for f in [&dead, &live, &kept] {
            fs::write(f, b"x").unwrap();
        }
        assert_eq!(remove_leftovers(&dir), 1);
        assert!(!dead.exists() && live.exists() && kept.exists());
        fs::remove_dir_all(&dir).unwrap();
    }

    fn tempfile_dir() -> PathBuf {
        let d = std::env::temp_dir().join(format!("vnreport-leftovers-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_appears_until_commit_and_drop_cleans_up() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("sub/out.json");
        let mut f = AtomicFile::create(&target).unwrap();
        f.write_all(b"{}").unwrap();
        assert!(!target.exists());
        f.commit().unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"{}");

        let mut g = AtomicFile::create(&target).unwrap();
        g.write_all(b"half").unwrap();
        drop(g);
        assert_eq!(fs::read(&target).unwrap(), b"{}");
        assert_eq!(fs::read_dir(dir.path().join("sub")).unwrap().count(), 1);
    }

    #[test]
    fn temporary_names_carry_the_writer_and_outputs_get_ordinary_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("doc.json");
        let f = AtomicFile::create(&target).unwrap();
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 1);
        assert!(names[0].starts_with(".doc.json."), "{names:?}");
        assert_eq!(leftover_pid(&names[0]), Some(std::process::id()));
        f.commit().unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let plain = dir.path().join("plain");
            fs::write(&plain, b"").unwrap();
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&target), mode(&plain));
        }
    }
}
