//! Importing leads, and what leads did: a file is read and mapped by laju-core; each lead is
//! matched against the workspace (external id, then email, then name + company), or each
//! activity finds its lead (external id, then email, then visitor id); everything that survives
//! goes through the one write path and is written with one sled batch, flushed — or nothing
//! is, on a dry run, a cancel or an error.

use laju_core::import::{DateWarning, ImportKind, Mapping, Rejection, Replaced};
use laju_core::lead::LeadId;
use laju_core::Stage;
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

/// What an activities file does with a row that finds no lead.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Unmatched {
    /// Make the lead: known when the row names a person (a form's name and email), an
    /// anonymous visitor when it carries only a visitor id.
    #[default]
    Create,
    /// Reject the row, naming why.
    Reject,
}

/// A named mapping shipped with Laju.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Preset {
    /// A HubSpot contacts export.
    Hubspot,
    /// A Salesforce Leads export.
    Salesforce,
    /// Oracle Eloqua's Bulk API activity export (email opens and clicks, form submits, page
    /// views, bounces).
    Eloqua,
    /// Mailchimp's campaign email activity (opens, clicks, bounces per recipient).
    Mailchimp,
    /// A Google Forms responses sheet saved as CSV.
    GoogleForms,
}

impl Preset {
    pub const ALL: [Preset; 5] = [
        Preset::Hubspot,
        Preset::Salesforce,
        Preset::Eloqua,
        Preset::Mailchimp,
        Preset::GoogleForms,
    ];

    /// What the export's rows are.
    pub fn kind(self) -> ImportKind {
        match self {
            Preset::Hubspot | Preset::Salesforce => ImportKind::Leads,
            Preset::Eloqua | Preset::Mailchimp | Preset::GoogleForms => ImportKind::Activities,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct ImportOptions {
    /// Leads (a row each), or activities of leads.
    pub kind: ImportKind,
    pub mapping: Mapping,
    pub on_match: MatchPolicy,
    /// Activities: what a row that finds no lead does.
    pub unmatched: Unmatched,
    /// Activities: the system the file comes from ("eloqua", "website"); an activity with the
    /// same lead, kind, time and source is not added twice. Empty reads as "import".
    pub source: String,
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
    /// What the rows look like: the suggested preset's kind, else leads.
    pub kind: ImportKind,
    /// That preset's mapping, or a guess from the headers, as the wizard's starting point.
    pub mapping: Mapping,
    /// The source an activities import from this file takes when no preset names one: the
    /// file's name without the marks a copy or a second download adds ("" for bytes alone).
    pub source: String,
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

/// Every input row is counted once: imported + merged + alreadyThere + rejected = rows. For an
/// activities file, imported rows created their lead and merged rows were attached to one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportReport {
    pub kind: ImportKind,
    pub rows: u64,
    pub imported: u64,
    pub merged: u64,
    /// Activities the lead already had (same kind, time and source): nothing was added.
    pub already_there: u64,
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
    /// imported + merged + alreadyThere + rejected = rows: the engine checks the sum, the
    /// window only says it.
    pub balanced: bool,
    /// What the Playbook's rules did with the leads the import touched (empty on a dry run).
    pub moved: Moved,
}

/// How the import moved leads: the counts the result leads with ("38 leads became MQLs, 12
/// handoffs opened") and the leads themselves.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Moved {
    /// Leads that entered Known (their contact captured).
    pub known: u64,
    /// Leads that entered MQL.
    pub mql: u64,
    /// Handoffs to sales opened: each routed, its SLA clock started at the import, since no one
    /// could answer before Laju knew.
    pub handoffs: u64,
    /// Leads the file gave an email or a phone but no name: they stay anonymous visitors,
    /// because the Playbook's way into Known asks for a name too (a gate the team can drop).
    pub unnamed: u64,
    /// Leads whose stage changed, at most [`Moved::LISTED`], in id order.
    pub leads: Vec<MovedLead>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MovedLead {
    pub id: LeadId,
    pub name: String,
    /// None for a lead the import created.
    #[ts(optional = nullable)]
    pub from: Option<Stage>,
    pub to: Stage,
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

mod activities;
mod batch;
mod moved;
mod rejects;
mod run;
mod seen;
mod targets;

pub use batch::Progress;
pub use rejects::{read_file, save_rejects, write_rejects};
pub use run::{preview, preview_as, preview_file};
pub use targets::{
    encoding_options, import_targets, read_values, EncodingOption, EnumTarget, ImportTargets,
    PresetInfo, ReadImportValues, TargetGroup, ValueReading,
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
