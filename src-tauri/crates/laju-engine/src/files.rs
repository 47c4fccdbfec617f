//! Writing a whole file so that a reader finds the old one or the new one, never part of one:
//! backups and saved agreement documents.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes what `write` produces to `path` through a temporary sibling of its own, synced,
/// renamed over `path`, and the rename made durable. On failure the temporary file is removed
/// and `path` is as it was.
pub(crate) fn write_whole(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    // Unique per call, so two saves of one name in one process never share a temporary file.
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}.{n}.part", std::process::id()));
    let written = File::create(&temp).and_then(|file| {
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        out.flush()?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(&temp, path)?;
        sync_dir(dir)
    });
    if written.is_err() {
        // Best effort: the write's error is the one to report.
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Makes a rename inside `dir` durable (the directory entry itself is data on POSIX systems;
/// Windows has no such call and commits renames with the file system's journal).
pub(crate) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
