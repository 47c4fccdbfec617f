//! Ready mappings for the exports small businesses most often arrive with, kept as JSON in the
//! same shape a user's own mapping file has, so they double as examples. Column names are the
//! vendors' documented ones: HubSpot's and Salesforce's default export labels; Oracle
//! Eloqua's Bulk API activity fields (ActivityType, ActivityDate, EmailAddress, ContactId,
//! VisitorId, AssetName, CampaignId, Url); the fields of Mailchimp's email-activity report
//! (email_address, action, timestamp, url, campaign_id); and the Timestamp and Email Address
//! columns a Google Forms responses sheet starts with.

use super::plan::key;
use super::Mapping;
use std::collections::HashSet;

/// Preset names, as `preset` and `suggest` spell them.
pub const PRESETS: [&str; 5] = [
    "hubspot",
    "salesforce",
    "eloqua",
    "mailchimp",
    "googleForms",
];

/// A preset's mapping by its name.
pub fn preset(name: &str) -> Option<Mapping> {
    let json = match name {
        "hubspot" => include_str!("presets/hubspot.json"),
        "salesforce" => include_str!("presets/salesforce.json"),
        "eloqua" => include_str!("presets/eloqua.json"),
        "mailchimp" => include_str!("presets/mailchimp.json"),
        "googleForms" => include_str!("presets/googleForms.json"),
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
            // Columns a preset only names to ignore say little about the file.
            let named = |(_, target): &(&String, &String)| target.as_str() != "ignore";
            let found = mapping
                .columns
                .iter()
                .filter(named)
                .filter(|(h, _)| has(h))
                .count();
            // Exports trimmed to a team's view keep their id column ("Record ID", "Lead ID"),
            // which generic files do not have.
            let id = mapping
                .columns
                .iter()
                .any(|(h, target)| target == "source.externalId" && has(h));
            let total = mapping.columns.iter().filter(named).count();
            (found * 2 >= total || (id && found >= 4)).then_some((found * 100 / total, name))
        })
        .max_by_key(|(share, _)| *share)
        .map(|(_, name)| name)
}
