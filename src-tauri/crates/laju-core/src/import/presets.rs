//! Ready mappings for the exports small businesses most often arrive with, kept as JSON in the
//! same shape a user's own mapping file has, so they double as examples.

use super::plan::key;
use super::Mapping;
use std::collections::HashSet;

/// Preset names, as `preset` and `suggest` spell them.
pub const PRESETS: [&str; 2] = ["hubspot", "salesforce"];

/// A HubSpot contacts export, or a Salesforce Leads export (their default column labels).
pub fn preset(name: &str) -> Option<Mapping> {
    let json = match name {
        "hubspot" => include_str!("presets/hubspot.json"),
        "salesforce" => include_str!("presets/salesforce.json"),
        _ => return None,
    };
    serde_json::from_str(json).ok()
}

/// The preset whose columns the file mostly has, if any: the wizard offers it first.
pub fn suggest(headers: &[String]) -> Option<&'static str> {
    let present: HashSet<String> = headers.iter().map(|h| key(h)).collect();
    PRESETS
        .into_iter()
        .filter_map(|name| {
            let mapping = preset(name)?;
            let has = |header: &String| present.contains(&key(header));
            let found = mapping.columns.keys().filter(|h| has(h)).count();
            // Exports trimmed to a team's view keep their id column ("Record ID", "Lead ID"),
            // which generic files do not have.
            let id = mapping
                .columns
                .iter()
                .any(|(h, target)| target == "source.externalId" && has(h));
            let total = mapping.columns.len();
            (found * 2 >= total || (id && found >= 4)).then_some((found * 100 / total, name))
        })
        .max_by_key(|(share, _)| *share)
        .map(|(_, name)| name)
}
