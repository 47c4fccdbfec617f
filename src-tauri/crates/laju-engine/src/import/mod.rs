//! Importing leads: a file is read and mapped by laju-core, each lead is matched against the
//! workspace (external id, then email, then name + company), and everything that survives is
//! written in one sled transaction, flushed — or nothing is, on a dry run, a cancel or an error.

use laju_core::import::{DateWarning, Mapping, Rejection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What to do with an incoming lead that matches an existing one by a rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum MatchAction {
    /// Fill and overwrite the existing lead's fields with the file's non-empty ones; counted
    /// as merged.
    #[default]
    Update,
    /// Leave the existing lead alone; the row is rejected naming the lead, so nothing is
    /// silently dropped.
    Skip,
    /// Make a new lead anyway.
    Create,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct MatchPolicy {
    pub external_id: MatchAction,
    pub email: MatchAction,
    pub name_company: MatchAction,
}

/// A named mapping shipped with Laju.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Preset {
    Hubspot,
    Salesforce,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct ImportOptions {
    pub mapping: Mapping,
    pub on_match: MatchPolicy,
    /// Check and count everything, write nothing.
    pub dry_run: bool,
}

/// What the first look at a file shows the wizard: how it was read and a few rows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportPreview {
    /// "UTF-8", "UTF-16LE", "windows-1252", …
    pub encoding: String,
    /// "," ";" or "\t".
    pub delimiter: String,
    pub headers: Vec<String>,
    /// The first records (up to 5), as read.
    pub sample: Vec<Vec<String>>,
    pub records: u64,
    /// The preset whose columns the headers look like, if any.
    #[ts(optional = nullable)]
    pub suggested: Option<Preset>,
    /// That preset's mapping, or a guess from the headers, as the wizard's starting point.
    pub mapping: Mapping,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ImportPhase {
    /// Reading, mapping and matching rows.
    Checking,
    /// Triggers, classification, scores, routing and funnel facts for each lead.
    Applying,
    /// The one transaction and its flush: no progress until it ends, and the last moment a
    /// cancel is heard is when this phase is announced.
    Saving,
    Done,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportProgress {
    pub phase: ImportPhase,
    pub done: u64,
    pub total: u64,
    pub rows_per_second: f64,
}

/// Every input row is counted once: imported + merged + rejected = rows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportReport {
    pub rows: u64,
    pub imported: u64,
    pub merged: u64,
    pub rejected: u64,
    pub dry_run: bool,
    /// True when the leads were written (false on a dry run).
    pub committed: bool,
    pub rejections: Vec<Rejection>,
    /// Each date of an imported or merged row that is out of the main path's order (won
    /// before its MQL date, …), with what the import did about it; the row still counts as
    /// imported or merged.
    pub warnings: Vec<DateWarning>,
    /// The file's headers, for a rejects file.
    pub headers: Vec<String>,
    /// Headers no mapping rule reads.
    pub unmapped: Vec<String>,
    pub encoding: String,
    pub delimiter: String,
    pub millis: u64,
}

/// What the window gets back from an import: the report, and where the rejected rows were
/// saved for fixing, when there were any.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportDone {
    pub report: ImportReport,
    #[ts(optional = nullable)]
    pub rejects_file: Option<String>,
}

mod batch;
mod rejects;
mod run;
mod targets;

pub use batch::Progress;
pub use rejects::{read_file, save_rejects, write_rejects};
pub use run::preview;
pub use targets::{
    import_targets, read_values, EnumTarget, ImportTargets, ReadImportValues, TargetGroup,
    ValueReading,
};

/// A file the user chose, by path.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportFile {
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RunImport {
    pub path: String,
    pub options: ImportOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct GetPreset {
    pub preset: Preset,
}
