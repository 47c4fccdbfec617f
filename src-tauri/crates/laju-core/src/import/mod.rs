//! Getting leads and their activities in from files: decoding any CSV a user is likely to have,
//! in the encoding it is detected to be in or the one the user picks, mapping its columns to
//! lead and activity fields, and turning each record into an [`Incoming`] lead (or, from an
//! activities file, an [`IncomingActivity`]) or a [`Rejection`] that says which line, which
//! column and why, plus a [`DateWarning`] for each of an imported record's dates out of the
//! main path's order. Pure: bytes in, values out; the engine matches and commits.

use crate::activity::Activity;
use crate::lead::LeadProfile;
use crate::Stage;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One lead as a file (or the sample generator) describes it, before matching.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// The file line the record starts on (1 is the header); 0 for generated leads.
    pub line: u64,
    pub profile: LeadProfile,
    /// The stage the source says the lead is in now; `None` keeps an existing lead's stage, or
    /// lets the Playbook's rules place a new one.
    pub stage: Option<Stage>,
    /// When the lead first appeared in the source.
    pub created_at: Option<DateTime<Utc>>,
    /// When it entered each stage, from stage-date columns, in any order.
    pub entered: Vec<(Stage, DateTime<Utc>)>,
    /// Why it was lost or disqualified, when the source says.
    pub reason: String,
    pub activities: Vec<Activity>,
}

impl Incoming {
    pub fn new(line: u64, profile: LeadProfile) -> Incoming {
        Incoming {
            line,
            profile,
            stage: None,
            created_at: None,
            entered: Vec::new(),
            reason: String::new(),
            activities: Vec::new(),
        }
    }
}

/// What a file's rows are: leads (one per row), or activities of leads (one per row, many
/// per lead).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ImportKind {
    #[default]
    Leads,
    Activities,
}

/// A record that could not become a lead, with enough to find and fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Rejection {
    /// The file line the record starts on.
    pub line: u64,
    /// The column's header, when one column is at fault.
    pub column: String,
    pub reason: String,
    /// The record's fields as read, so a rejects file can be fixed and imported again.
    pub fields: Vec<String>,
}

mod activity;
mod cell;
mod convert;
mod dates;
mod decode;
mod encoding;
mod guess;
mod mapping;
mod order;
mod plan;
mod presets;
mod read;
mod target;
#[cfg(test)]
mod tests;
mod value;

pub use activity::{source_named_by, IncomingActivity};
pub use cell::{DEFAULT_DATE_FORMATS, DEFAULT_EMPTY};
pub use encoding::{EncodingFamily, Replaced, TextEncoding, UnknownEncoding, ENCODINGS};
pub use guess::guess;
pub use mapping::Mapping;
pub use order::{DateSettlement, DateWarning};
pub use plan::{MappingError, Plan};
pub use presets::{preset, suggest, PRESETS};
pub use read::{read, read_as, CsvFile, ReadError, Record};
pub use target::{enum_targets, target_groups, targets};
pub use value::Reading;
pub mod merge;
pub mod place;
