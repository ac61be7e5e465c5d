//! Atomic file writing: a reader sees the old file or the new one, never part of one.
//!
//! Content goes into a temporary file in the target's own folder (so the final rename
//! never crosses file systems), is flushed to disk, and is renamed over the target only
//! when complete. On any failure the temporary file is removed and the target is left
//! exactly as it was; no other file is touched. A replaced file keeps its permissions; a
//! new one gets the usual `rw-r--r--`.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Writes what `fill` produces to `path`, atomically.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is not a file name", path.display()),
        )
    })?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    let tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(dir)?;
    {
        let mut w = BufWriter::new(tmp.as_file());
        fill(&mut w)?;
        w.flush()?;
    }
    tmp.as_file().sync_all()?;
    match fs::metadata(path) {
        Ok(m) if m.is_file() => tmp.as_file().set_permissions(m.permissions())?,
        _ => new_file_permissions(tmp.as_file())?,
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes `bytes` to `path`, atomically.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, |w| w.write_all(bytes))
}

/// Temporary files are private (0600); a new export is readable like any other file.
#[cfg(unix)]
fn new_file_permissions(f: &fs::File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    f.set_permissions(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions(_: &fs::File) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_a_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.dot");
        fs::write(&p, "old").unwrap();
        write(&p, b"new").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(names(dir.path()), ["out.dot"]);
    }

    #[test]
    fn a_failure_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.csv");
        fs::write(&p, "old content").unwrap();
        let r = write_with(&p, |w| {
            w.write_all(b"half a fi")?;
            Err(io::Error::other("disk full"))
        });
        assert!(r.is_err());
        assert_eq!(fs::read_to_string(&p).unwrap(), "old content");
        assert_eq!(names(dir.path()), ["out.csv"]);
    }

    #[test]
    fn a_missing_folder_is_an_error_and_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("no-such-folder").join("out.json");
        assert!(write(&p, b"{}").is_err());
        assert!(names(dir.path()).is_empty());
    }

    #[test]
    fn a_folder_in_the_way_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("taken");
        fs::create_dir(&p).unwrap();
        fs::write(p.join("keep"), "x").unwrap();
        assert!(write(&p, b"data").is_err());
        assert_eq!(names(dir.path()), ["taken"]);
        assert_eq!(names(&p), ["keep"]);
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_readable_by_others() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("new.gexf");
        write(&p, b"x").unwrap();
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o644
        );
    }
}
