//! The import use cases: preview a file, import a file, import generated leads.

use super::batch::{rate, Batch, Progress};
use super::{ImportOptions, ImportPhase, ImportPreview, ImportReport, Preset};
use crate::{EngineError, Workspace};
use laju_core::import::{
    self, CsvFile, DateWarning, Incoming, Mapping, Plan, Record, Rejection, TextEncoding,
};
use rayon::prelude::*;
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
        detected: file.detected().to_string(),
        encodings: super::encoding_options(),
        replaced: file.replaced(),
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
    /// leads are written in one flushed batch at the end, or not at all.
    pub fn import_csv(
        &self,
        bytes: &[u8],
        options: &ImportOptions,
        actor: &str,
        progress: Progress<'_>,
    ) -> Result<ImportReport, EngineError> {
        let started = Instant::now();
        let file = read_csv(bytes, options.encoding.as_deref())?;
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
            replaced: file.replaced(),
            delimiter: (file.delimiter() as char).to_string(),
            ..ImportReport::default()
        };
        progress(&rate(ImportPhase::Checking, 0, total, started));
        // Mapping a row is pure work on that row alone: on every core, in file order.
        let converted: Vec<_> = file
            .into_records()
            .into_par_iter()
            .map(|record| record.and_then(|r| convert_with_warnings(&plan, r)))
            .collect();
        let _guard = self.write_lock();
        let mut batch = Batch::new(self, options.on_match, actor)?;
        for (n, converted) in converted.into_iter().enumerate() {
            if n % PROGRESS_EVERY == 0 && !progress(&rate(ImportPhase::Checking, n, total, started))
            {
                return Err(EngineError::Cancelled);
            }
            report.rows += 1;
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
        batch.commit(dry_run, started, progress)?;
        report.committed = !dry_run;
        report.millis = started.elapsed().as_millis() as u64;
        report.balanced = report.imported + report.merged + report.rejected == report.rows;
        let rows = report.rows as usize;
        progress(&rate(ImportPhase::Done, rows, rows, started));
        Ok(report)
    }
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
