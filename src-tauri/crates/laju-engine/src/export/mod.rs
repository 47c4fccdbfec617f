//! Getting data out to a folder the user can find: a chart as PNG, the leads, their stage
//! history or any funnel report as CSV. The window cannot write files itself (no filesystem
//! capability), so it asks the backend, which names the file and flushes it.

mod csv;
mod leads;
mod png;
mod reports;
#[cfg(test)]
mod reports_tests;

pub use self::csv::neutralise;
pub(crate) use self::csv::Sheet;
pub use png::{save_png, SaveChart};

use crate::analytics::ReportQuery;
use crate::{EngineError, Workspace};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// What a CSV export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ExportKind {
    /// One row per lead: every profile field under its import column name.
    Leads,
    /// One row per stage change of every lead.
    History,
    Funnel,
    Velocity,
    Stall,
    Sla,
    BlackHoles,
}

impl ExportKind {
    pub const ALL: [ExportKind; 7] = [
        ExportKind::Leads,
        ExportKind::History,
        ExportKind::Funnel,
        ExportKind::Velocity,
        ExportKind::Stall,
        ExportKind::Sla,
        ExportKind::BlackHoles,
    ];

    /// The file's stem, and what the CLI calls the kind.
    pub fn stem(self) -> &'static str {
        match self {
            ExportKind::Leads => "leads",
            ExportKind::History => "history",
            ExportKind::Funnel => "funnel",
            ExportKind::Velocity => "velocity",
            ExportKind::Stall => "stall",
            ExportKind::Sla => "sla",
            ExportKind::BlackHoles => "black-holes",
        }
    }
}

/// The window's request: a kind, and for reports the Funnel page's filters.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportCsv {
    pub kind: ExportKind,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub query: Option<ReportQuery>,
}

/// Spreadsheets (Excel above all) read a CSV file as the local code page unless it starts with a
/// byte-order mark; with it, names in any script open correctly. Laju's import skips it.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

impl Workspace {
    /// Writes the export as CSV to `out` (the CLI's stdout or `--out` file) and answers how
    /// many data rows it wrote. `query` filters the reports; leads and history ignore it.
    pub fn export_csv(
        &self,
        kind: ExportKind,
        query: &ReportQuery,
        out: impl Write,
    ) -> Result<u64, EngineError> {
        match kind {
            ExportKind::Leads => self.export_leads(out),
            ExportKind::History => self.export_history(out),
            ExportKind::Funnel => reports::funnel(&self.funnel_report(query)?, query, out),
            ExportKind::Velocity => reports::velocity(&self.velocity_report(query)?, query, out),
            ExportKind::Stall => reports::stall(&self.stall_report(query)?, out),
            ExportKind::Sla => reports::sla(&self.sla_report(query)?, query, out),
            ExportKind::BlackHoles => reports::black_holes(&self.black_holes(query)?, out),
        }
    }

    /// Writes the export as `<kind>-<YYYYMMDD-HHMMSS>.csv` in `dir`, flushed, and returns the
    /// path.
    pub fn export_csv_file(
        &self,
        kind: ExportKind,
        query: &ReportQuery,
        dir: &Path,
    ) -> Result<PathBuf, EngineError> {
        save_in(dir, kind.stem(), "csv", self.now(), |out| {
            out.write_all(UTF8_BOM).map_err(write_error)?;
            self.export_csv(kind, query, out).map(drop)
        })
    }
}

/// Creates `<stem>-<timestamp>.<ext>` in `dir`, lets `fill` write it, and syncs it to disk; a
/// file that failed half-way is removed rather than left looking complete.
fn save_in(
    dir: &Path,
    stem: &str,
    ext: &str,
    now: DateTime<Utc>,
    fill: impl FnOnce(&mut BufWriter<File>) -> Result<(), EngineError>,
) -> Result<PathBuf, EngineError> {
    let io = |e: std::io::Error| EngineError::Invalid(format!("{}: {e}", dir.display()));
    std::fs::create_dir_all(dir).map_err(io)?;
    let path = dir.join(format!("{stem}-{}.{ext}", now.format("%Y%m%d-%H%M%S")));
    let written = File::create(&path).map_err(io).and_then(|file| {
        let mut out = BufWriter::new(file);
        fill(&mut out)?;
        let file = out.into_inner().map_err(|e| io(e.into_error()))?;
        file.sync_all().map_err(io)
    });
    match written {
        Ok(()) => Ok(path),
        Err(error) => {
            // Best effort: the error that matters is the one returned.
            let _ = std::fs::remove_file(&path);
            Err(error)
        }
    }
}

fn write_error(error: impl std::fmt::Display) -> EngineError {
    EngineError::Invalid(format!("The export could not be written: {error}"))
}
