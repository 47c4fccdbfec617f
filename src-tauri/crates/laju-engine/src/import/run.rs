//! The import use cases: preview a file, import a file, import generated leads.

use super::batch::{rate, Batch, Progress};
use super::{ImportOptions, ImportPhase, ImportPreview, ImportReport, Preset};
use crate::{EngineError, Workspace};
use laju_core::import::{self, DateWarning, Incoming, Mapping, Plan, Record, Rejection};
use std::time::Instant;

/// Records read between two progress reports.
const PROGRESS_EVERY: usize = 500;
const PREVIEW_ROWS: usize = 5;

impl Preset {
    pub fn mapping(self) -> Mapping {
        import::preset(&laju_core::wire(&self)).unwrap_or_default()
    }
}

/// How the file reads and a mapping to start from: the preset it looks like, else a guess.
pub fn preview(bytes: &[u8]) -> Result<ImportPreview, EngineError> {
    let file = import::read(bytes).map_err(|e| EngineError::Invalid(e.to_string()))?;
    let headers = file.headers().to_vec();
    let suggested = match import::suggest(&headers) {
        Some("hubspot") => Some(Preset::Hubspot),
        Some("salesforce") => Some(Preset::Salesforce),
        _ => None,
    };
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
        delimiter: (file.delimiter() as char).to_string(),
        records: file.len() as u64,
        mapping: suggested.map_or_else(|| import::guess(&headers), Preset::mapping),
        suggested,
        headers,
        sample,
    })
}

impl Workspace {
    /// Imports a CSV file's bytes. Every record ends as imported, merged or rejected; the
    /// leads are written in one flushed transaction at the end, or not at all.
    pub fn import_csv(
        &self,
        bytes: &[u8],
        options: &ImportOptions,
        actor: &str,
        progress: Progress<'_>,
    ) -> Result<ImportReport, EngineError> {
        let started = Instant::now();
        let file = import::read(bytes).map_err(|e| EngineError::Invalid(e.to_string()))?;
        let plan = options
            .mapping
            .compile(file.headers())
            .map_err(|e| EngineError::Invalid(e.to_string()))?;
        let total = file.len();
        let mut report = ImportReport {
            dry_run: options.dry_run,
            unmapped: plan.unmapped().to_vec(),
            headers: file.headers().to_vec(),
            encoding: file.encoding().to_string(),
            delimiter: (file.delimiter() as char).to_string(),
            ..ImportReport::default()
        };
        let _guard = self.write_lock();
        let mut batch = Batch::new(self, options.on_match, actor)?;
        for (n, record) in file.records().enumerate() {
            if n % PROGRESS_EVERY == 0 && !progress(&rate(ImportPhase::Checking, n, total, started))
            {
                return Err(EngineError::Cancelled);
            }
            report.rows += 1;
            let converted = record.and_then(|r| convert_with_warnings(&plan, r));
            match converted {
                Ok((incoming, warnings, fields)) => {
                    let rejected = report.rejected;
                    batch.add(incoming, fields, &mut report)?;
                    keep_warnings(&mut report, rejected, warnings);
                }
                Err(rejection) => {
                    report.rejected += 1;
                    report.rejections.push(rejection);
                }
            }
        }
        self.finish_import(batch, report, started, progress)
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
        let total = leads.len();
        let mut report = ImportReport {
            dry_run: options.dry_run,
            ..ImportReport::default()
        };
        let _guard = self.write_lock();
        let mut batch = Batch::new(self, options.on_match, actor)?;
        for (n, incoming) in leads.into_iter().enumerate() {
            if n % PROGRESS_EVERY == 0 && !progress(&rate(ImportPhase::Checking, n, total, started))
            {
                return Err(EngineError::Cancelled);
            }
            report.rows += 1;
            let problems = incoming.profile.problems();
            match problems.first() {
                Some(problem) => {
                    report.rejected += 1;
                    report.rejections.push(laju_core::import::Rejection {
                        line: incoming.line,
                        column: problem.field.clone(),
                        reason: problem.message.clone(),
                        fields: Vec::new(),
                    });
                }
                None => batch.add(incoming, Vec::new(), &mut report)?,
            }
        }
        self.finish_import(batch, report, started, progress)
    }

    fn finish_import(
        &self,
        batch: Batch<'_>,
        mut report: ImportReport,
        started: Instant,
        progress: Progress<'_>,
    ) -> Result<ImportReport, EngineError> {
        let dry_run = report.dry_run;
        batch.finish(dry_run, started, progress)?;
        report.committed = !dry_run;
        report.millis = started.elapsed().as_millis() as u64;
        let rows = report.rows as usize;
        progress(&rate(ImportPhase::Done, rows, rows, started));
        Ok(report)
    }
}

// Date warnings (issue 15): kept apart from the batch code above, which is changing.

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
