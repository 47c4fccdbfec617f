//! Importing leads: a file is read and mapped by laju-core, each lead is matched against the
//! workspace (external id, then email, then name + company), and everything that survives is
//! written with one sled batch, flushed — or nothing is, on a dry run, a cancel or an error.

use laju_core::import::{DateWarning, Mapping, Rejection, Replaced};
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
    /// The encoding to read the file in, by name or label ("GB18030", "Big5", "Shift_JIS",
    /// "windows-1252", "UTF-8"); `None` reads it in the one detected.
    #[ts(optional = nullable)]
    pub encoding: Option<String>,
}

/// What the first look at a file shows the wizard: how it was read and a few rows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportPreview {
    /// The encoding the file was read in: the chosen one, else the detected one; a name from
    /// `encodings` ("UTF-8", "GB18030", "Big5", "Shift_JIS", "windows-1252", …).
    pub encoding: String,
    /// The encoding the file looks to be in, whichever was chosen.
    pub detected: String,
    /// Every encoding the user can pick, in the order a select lists them.
    pub encodings: Vec<EncodingOption>,
    /// Characters `encoding` could not read (now U+FFFD), counted over the whole file.
    #[ts(optional = nullable)]
    pub replaced: Option<Replaced>,
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
    /// Characters `encoding` could not read: they were (or, on a dry run, would be) stored as
    /// U+FFFD.
    #[ts(optional = nullable)]
    pub replaced: Option<Replaced>,
    pub delimiter: String,
    pub millis: u64,
    /// imported + merged + rejected = rows: the engine checks the sum, the window only says it.
    pub balanced: bool,
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
pub use run::{preview, preview_as};
pub use targets::{
    encoding_options, import_targets, read_values, EncodingOption, EnumTarget, ImportTargets,
    ReadImportValues, TargetGroup, ValueReading,
};

/// A file the user chose, by path, and the encoding to read it in when the user picked one.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportFile {
    pub path: String,
    /// As in [`ImportOptions::encoding`]; `None` reads the file in the one detected.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub encoding: Option<String>,
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
