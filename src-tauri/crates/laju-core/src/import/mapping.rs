//! How a file's columns become lead fields. The same JSON shape is a preset, a CLI `--map`
//! file and what the import wizard builds; the README documents it.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct Mapping {
    /// Column header (matched trimmed, case-insensitive) → target field, e.g.
    /// `"Email" → "contact.email"`, `"Became a Customer Date" → "entered.customer"`.
    pub columns: BTreeMap<String, String>,
    /// Target field → (file value, matched trimmed and case-insensitive → value), e.g.
    /// `"source.kind" → {"Google" → "paidAds"}`.
    pub values: BTreeMap<String, BTreeMap<String, String>>,
    /// Cell texts that mean "no value" ("Select", "N/A"); `None` uses the built-in list.
    #[ts(optional = nullable)]
    pub empty: Option<Vec<String>>,
    /// chrono formats tried in order; empty uses the built-in list (ISO, M/D/YYYY, DD-MM-YYYY,
    /// each with or without a time).
    pub date_formats: Vec<String>,
    /// IANA zone for dates without one; empty means UTC.
    pub timezone: String,
    /// Target field → value used when the cell is empty or the column is absent.
    pub defaults: BTreeMap<String, String>,
    /// ISO code for amounts whose row gives no currency. When empty, such a row is rejected
    /// ("an amount needs a currency"), so a caller that knows the Playbook's currency sets it
    /// here before compiling.
    pub currency: String,
}
