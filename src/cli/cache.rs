//! The answer cache: a repeated question on an unchanged facts folder is answered from disk.
//!
//! What is cached is a query command's finished output (its stdout bytes), not the facts:
//! replaying a few kilobytes costs nothing, whereas even a compact snapshot of a million
//! validated relations takes longer to read back than the 20-fold speed-up asked of a
//! repeated question allows. The price is that only the same question hits.
//!
//! Invariants:
//! - **Never stale.** Every run fingerprints the folder afresh: the sorted list of fact
//!   files (found exactly as the loader finds them) with each file's size, modification
//!   time *and* a hash of its whole content. Any change to any fact file, or a file added
//!   or removed, gives a new fingerprint, and an entry is used only when its recorded
//!   fingerprint equals the new one.
//! - **Only clean answers.** An entry is written only for a run that succeeded and printed
//!   nothing on stderr (facts with errors are never cached), and the key covers everything
//!   else the output depends on: the arguments, polity's version, the day "today" means,
//!   and whether stdout is a terminal and how wide it is.
//! - **Outside the facts.** Entries live in `$POLITY_CACHE_DIR`, else
//!   `$XDG_CACHE_HOME/polity`, else `~/.cache/polity`, one file per folder and question;
//!   deleting that folder is always safe. `--no-cache` neither reads nor writes it. A cache
//!   that cannot be read or written is ignored.

use std::fs;
use std::hash::{BuildHasher, Hasher};
use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};

use crate::load;

/// Format marker at the start of every entry.
const MAGIC: &str = "polity-answer-cache 1";

/// Seeds for the fixed (run-to-run stable) hashes.
const SEED_KEY: u64 = 0x706f_6c69_7479_0001;
const SEED_CONTENT: u64 = 0x706f_6c69_7479_0002;

/// One question about one facts folder, and where its answer would be kept.
pub struct Entry {
    file: PathBuf,
    fingerprint: u64,
}

/// The folder that holds entries, if one can be named.
fn cache_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(d) = var("POLITY_CACHE_DIR") {
        return Some(PathBuf::from(d));
    }
    if let Some(d) = var("XDG_CACHE_HOME") {
        return Some(PathBuf::from(d).join("polity"));
    }
    var("HOME").map(|h| PathBuf::from(h).join(".cache").join("polity"))
}

fn stable_hasher(seed: u64) -> impl Hasher {
    foldhash::fast::FixedState::with_seed(seed).build_hasher()
}

/// A hash of a file's whole content (64 bits; an accidental collision is out of reach).
fn content_hash(path: &Path) -> io::Result<u64> {
    let mut file = fs::File::open(path)?;
    let mut h = stable_hasher(SEED_CONTENT);
    let mut buf = vec![0u8; 1 << 20];
    loop {
        // Fill the buffer whole, so the same content always hashes in the same chunks.
        let mut n = 0;
        while n < buf.len() {
            match file.read(buf.get_mut(n..).unwrap_or_default())? {
                0 => break,
                k => n += k,
            }
        }
        let Some(chunk) = buf.get(..n).filter(|c| !c.is_empty()) else {
            break;
        };
        h.write(chunk);
    }
    Ok(h.finish())
}

/// The folder's fingerprint: file list, sizes, modification times and contents.
fn fingerprint(dir: &Path) -> Option<u64> {
    let (paths, problems) = load::discover(dir);
    if !problems.is_empty() {
        return None;
    }
    let per_file = load::parallel_map(paths.len(), |i| {
        let path = paths.get(i)?;
        let meta = fs::metadata(path).ok()?;
        let mtime = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        Some((meta.len(), mtime, content_hash(path).ok()?))
    });
    let mut h = stable_hasher(SEED_CONTENT);
    for (path, file) in paths.iter().zip(per_file) {
        let (len, mtime, content) = file?;
        h.write(path.as_os_str().as_encoded_bytes());
        h.write_u8(0);
        h.write_u64(len);
        h.write_u128(mtime);
        h.write_u64(content);
    }
    Some(h.finish())
}

impl Entry {
    /// The entry for this run's question about `facts`, or `None` when there is no usable
    /// cache folder or the facts cannot be fingerprinted (they will be reported by the
    /// normal run).
    pub fn for_question(facts: &Path) -> Option<Entry> {
        let canonical = fs::canonicalize(facts).ok()?;
        let fingerprint = fingerprint(&canonical)?;
        let mut key = stable_hasher(SEED_KEY);
        key.write(canonical.as_os_str().as_encoded_bytes());
        key.write_u8(0);
        key.write(env!("CARGO_PKG_VERSION").as_bytes());
        for arg in std::env::args_os().skip(1) {
            key.write_u8(0);
            key.write(arg.as_encoded_bytes());
        }
        key.write_u8(0);
        key.write(super::args::today().to_string().as_bytes());
        let terminal = io::stdout().is_terminal();
        key.write_u8(u8::from(terminal));
        if terminal && let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
            key.write_u16(w);
        }
        let file = cache_dir()?.join(format!("{:016x}.out", key.finish()));
        Some(Entry { file, fingerprint })
    }

    fn header(&self) -> String {
        format!("{MAGIC} {:016x}\n", self.fingerprint)
    }

    /// The cached output, when there is one for exactly these facts.
    pub fn read(&self) -> Option<Vec<u8>> {
        let bytes = fs::read(&self.file).ok()?;
        bytes
            .strip_prefix(self.header().as_bytes())
            .map(<[u8]>::to_vec)
    }

    /// Stores an output (best effort: a cache that cannot be written is skipped).
    pub fn write(&self, output: &[u8]) {
        let Some(dir) = self.file.parent() else {
            return;
        };
        if fs::create_dir_all(dir).is_err() {
            return;
        }
        let tmp = self
            .file
            .with_extension(format!("tmp{}", std::process::id()));
        let mut bytes = self.header().into_bytes();
        bytes.extend_from_slice(output);
        if fs::write(&tmp, &bytes).is_ok() && fs::rename(&tmp, &self.file).is_err() {
            let _ = fs::remove_file(&tmp);
        }
    }
}
