//! The rejected rows as a CSV to fix and import again: the file's own columns, then where and
//! why each row was refused (columns an import ignores, since no mapping names them).

use crate::export::Sheet;
use crate::EngineError;
use chrono::{DateTime, Utc};
use laju_core::import::Rejection;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn write_rejects<W: Write>(
    out: W,
    headers: &[String],
    rejections: &[Rejection],
) -> Result<u64, EngineError> {
    let mut header = headers.to_vec();
    header.extend(["line", "column", "reason"].map(String::from));
    let mut sheet = Sheet::new(out, &header)?;
    for r in rejections {
        let mut cells = r.fields.clone();
        cells.resize(headers.len(), String::new());
        cells.extend([r.line.to_string(), r.column.clone(), r.reason.clone()]);
        sheet.row(&cells)?;
    }
    sheet.finish()
}

/// Saves `<stem>-rejects-<time>.csv` in `dir`, flushed, and answers its path.
pub fn save_rejects(
    dir: &Path,
    stem: &str,
    headers: &[String],
    rejections: &[Rejection],
    now: DateTime<Utc>,
) -> Result<PathBuf, EngineError> {
    let stem: String = stem
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let path = dir.join(format!(
        "{}-rejects-{}.csv",
        if stem.is_empty() { "import" } else { &stem },
        now.format("%Y%m%d-%H%M%S")
    ));
    let failed = |e: std::io::Error| {
        EngineError::Invalid(format!("{} could not be written: {e}", path.display()))
    };
    std::fs::create_dir_all(dir).map_err(failed)?;
    let mut file = std::fs::File::create(&path).map_err(failed)?;
    write_rejects(&mut file, headers, rejections)?;
    file.sync_all().map_err(failed)?;
    Ok(path)
}

/// Reads a file the user named, with a message that says which and why when it cannot.
pub fn read_file(path: &Path) -> Result<Vec<u8>, EngineError> {
    std::fs::read(path)
        .map_err(|e| EngineError::Invalid(format!("{} could not be read: {e}", path.display())))
}
