//! Laju's pure domain. Nothing here reads a clock, touches storage or knows about Tauri:
//! every function is a decision over values, so it can be tested exhaustively.

pub mod activity;
pub mod assess;
pub mod classification;
pub mod followup;
pub mod funnel;
pub mod gates;
pub mod handoff;
pub mod import;
pub mod lead;
pub mod lifecycle;
pub mod playbook;
pub mod preferences;
pub mod routing;
pub mod scoring;
pub mod sla;
pub mod stage;
pub mod stats;
pub mod timestamp;
pub mod triggers;
pub mod workshop;

pub use playbook::Playbook;
pub use preferences::{Locale, Preferences};
pub use stage::Stage;

/// An enum's wire name ("paidAds", "nearIcp", "badContact"): what JSON, filters, the UI and the
/// CLI all spell.
pub fn wire<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
