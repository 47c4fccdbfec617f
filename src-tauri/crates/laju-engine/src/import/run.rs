//! The import use cases: preview a file, import a file, import generated leads.

use super::activities::ActivityBatch;
use super::batch::{rate, Batch, Progress};
use super::{ImportOptions, ImportPhase, ImportPreview, ImportReport, Moved, Preset};
use crate::{EngineError, Workspace};
use laju_core::import::{
    self, CsvFile, DateWarning, ImportKind, Incoming, Mapping, Plan, Record, Rejection,
    TextEncoding,
};
use rayon::prelude::*;
use std::path::Path;
use std::time::Instant;

/// Records read between two progress reports.
const PROGRESS_EVERY: usize = 500;
const PREVIEW_ROWS: usize = 5;

impl Preset {
    pub fn mapping(self) -> Mapping {
        import::preset(&laju_core::wire(&self)).unwrap_or_default()
    }
}

/// The file read in the chosen encoding (a name or label), or in the detected one.
fn read_csv(bytes: &[u8], encoding: Option<&str>) -> Result<CsvFile, EngineError> {
    let chosen = encoding
        .map(TextEncoding::from_label)
        .transpose()
        .map_err(|e| EngineError::Invalid(e.to_string()))?;
    import::read_as(bytes, chosen).map_err(|e| EngineError::Invalid(e.to_string()))
}

/// How the file reads in the detected encoding, and a mapping to start from.
pub fn preview(bytes: &[u8]) -> Result<ImportPreview, EngineError> {
    preview_as(bytes, None)
}

/// How the file reads in the chosen encoding (or the detected one), and a mapping to start
/// from: the preset it looks like, else a guess.
pub fn preview_as(bytes: &[u8], encoding: Option<&str>) -> Result<ImportPreview, EngineError> {
    let file = read_csv(bytes, encoding)?;
    let headers = file.headers().to_vec();
    let suggested = import::suggest(&headers)
        .and_then(|name| Preset::ALL.into_iter().find(|p| laju_core::wire(p) == name));
    let sample = file
        .records()
        .take(PREVIEW_ROWS)
        .map(|r| match r {
            Ok(record) => record.fields,
            Err(rejection) => rejection.fields,
        })
        .collect();
    Ok(ImportPreview {
        encoding: file.encoding().to_string(),
        detected: file.detected().to_string(),
        encodings: super::encoding_options(),
        replaced: file.replaced(),
        delimiter: (file.delimiter() as char).to_string(),
        records: file.len() as u64,
        mapping: suggested.map_or_else(|| import::guess(&headers), Preset::mapping),
        kind: suggested.map_or(ImportKind::Leads, Preset::kind),
        suggested,
        headers,
        sample,
        source: String::new(),
    })
}

/// The file at `path` previewed, with the source its name gives an activities import.
pub fn preview_file(path: &Path, encoding: Option<&str>) -> Result<ImportPreview, EngineError> {
    let bytes = super::read_file(path)?;
    Ok(ImportPreview {
        source: import::source_named_by(&path.to_string_lossy()),
        ..preview_as(&bytes, encoding)?
    })
}

impl Workspace {
    /// Imports a CSV file's bytes: leads, or activities of leads, as `options.kind` says. Every
    /// record ends as imported, merged, already there or rejected; the leads are written in one
    /// flushed batch at the end, or not at all.
    pub fn import_csv(
        &self,
        bytes: &[u8],
        options: &ImportOptions,
        actor: &str,
        progress: Progress<'_>,
    ) -> Result<ImportReport, EngineError> {
        let started = Instant::now();
        let file = read_csv(bytes, options.encoding.as_deref())?;
        let mut plan = options
            .mapping
            .compile(file.headers())
            .map_err(|e| EngineError::Invalid(e.to_string()))?;
        let total = file.len();
        let mut report = ImportReport {
            kind: options.kind,
            dry_run: options.dry_run,
            unmapped: plan.unmapped().to_vec(),
            headers: file.headers().to_vec(),
            encoding: file.encoding().to_string(),
            replaced: file.replaced(),
            delimiter: (file.delimiter() as char).to_string(),
            ..ImportReport::default()
        };
        progress(&rate(ImportPhase::Checking, 0, total, started));
        let records = file.into_records();
        plan.settle_date_formats(records.iter().filter_map(|r| r.as_ref().ok()));
        let moved = match options.kind {
            ImportKind::Leads => {
                // Mapping a row is pure work on that row alone: on every core, in file order.
                let converted: Vec<_> = records
                    .into_par_iter()
                    .map(|record| record.and_then(|r| convert_with_warnings(&plan, r)))
                    .collect();
                let _guard = self.write_lock();
                let mut batch = Batch::new(self, options.on_match, actor)?;
                each_row(converted, &mut report, started, progress, |row, report| {
                    let (incoming, warnings, fields) = row;
                    let rejected = report.rejected;
                    batch.add(incoming, fields, report)?;
                    keep_warnings(report, rejected, warnings);
                    Ok(())
                })?;
                batch.commit(options.dry_run, started, progress)?
            }
            ImportKind::Activities => {
                let source = match options.source.trim() {
                    "" => "import",
                    named => named,
                };
                let now = self.now();
                let converted: Vec<_> = records
                    .into_par_iter()
                    .map(|record| {
                        record.and_then(|r| {
                            let activity = plan.convert_activity(&r, source, now)?;
                            Ok((activity, r.fields))
                        })
                    })
                    .collect();
                let _guard = self.write_lock();
                let mut batch = ActivityBatch::new(self, options.unmatched, actor, &plan)?;
                each_row(converted, &mut report, started, progress, |row, report| {
                    let (activity, fields) = row;
                    batch.add(activity, fields, report)
                })?;
                batch.commit(options.dry_run, started, progress)?
            }
        };
        Ok(self.finish_import(report, moved, started, progress))
    }

    /// Imports leads made elsewhere (the sample generator) through the same batch.
    pub fn import_incoming(
        &self,
        leads: Vec<Incoming>,
        options: &ImportOptions,
        actor: &str,
        progress: Progress<'_>,
    ) -> Result<ImportReport, EngineError> {
        let started = Instant::now();
        let mut report = ImportReport {
            dry_run: options.dry_run,
            ..ImportReport::default()
        };
        let checked: Vec<_> = leads
            .into_iter()
            .map(
                |incoming| match incoming.profile.problems().into_iter().next() {
                    Some(problem) => Err(Rejection {
                        line: incoming.line,
                        column: problem.field,
                        reason: problem.message,
                        fields: Vec::new(),
                    }),
                    None => Ok(incoming),
                },
            )
            .collect();
        let _guard = self.write_lock();
        let mut batch = Batch::new(self, options.on_match, actor)?;
        each_row(
            checked,
            &mut report,
            started,
            progress,
            |incoming, report| batch.add(incoming, Vec::new(), report),
        )?;
        let moved = batch.commit(options.dry_run, started, progress)?;
        Ok(self.finish_import(report, moved, started, progress))
    }

    fn finish_import(
        &self,
        mut report: ImportReport,
        moved: Moved,
        started: Instant,
        progress: Progress<'_>,
    ) -> ImportReport {
        report.committed = !report.dry_run;
        report.moved = moved;
        report.millis = started.elapsed().as_millis() as u64;
        report.balanced =
            report.imported + report.merged + report.already_there + report.rejected == report.rows;
        let rows = report.rows as usize;
        progress(&rate(ImportPhase::Done, rows, rows, started));
        report
    }
}

/// Counts every row into `report`, a rejected one with its rejection, and hands each other
/// to `add` in file order; progress is reported (and a cancel heard) every few hundred rows.
fn each_row<T>(
    rows: Vec<Result<T, Rejection>>,
    report: &mut ImportReport,
    started: Instant,
    progress: Progress<'_>,
    mut add: impl FnMut(T, &mut ImportReport) -> Result<(), EngineError>,
) -> Result<(), EngineError> {
    let total = rows.len();
    for (n, row) in rows.into_iter().enumerate() {
        if n % PROGRESS_EVERY == 0 && !progress(&rate(ImportPhase::Checking, n, total, started)) {
            return Err(EngineError::Cancelled);
        }
        report.rows += 1;
        match row {
            Ok(row) => add(row, report)?,
            Err(rejection) => {
                report.rejected += 1;
                report.rejections.push(rejection);
            }
        }
    }
    Ok(())
}

/// A record as a lead, the warnings about its dates out of order, and its fields.
fn convert_with_warnings(
    plan: &Plan,
    record: Record,
) -> Result<(Incoming, Vec<DateWarning>, Vec<String>), Rejection> {
    let incoming = plan.convert(&record)?;
    let warnings = plan.date_warnings(&record, &incoming);
    Ok((incoming, warnings, record.fields))
}

/// Reports a row's date warnings unless the batch rejected the row (a match set to skip):
/// a rejected row has nothing imported to warn about.
fn keep_warnings(report: &mut ImportReport, rejected_before: u64, warnings: Vec<DateWarning>) {
    if report.rejected == rejected_before {
        report.warnings.extend(warnings);
    }
}
