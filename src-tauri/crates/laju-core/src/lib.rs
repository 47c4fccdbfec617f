//! Laju's pure domain. Nothing here reads a clock, touches storage or knows about Tauri:
//! every function is a decision over values, so it can be tested exhaustively.

pub mod activity;
pub mod assess;
pub mod classification;
pub mod followup;
pub mod funnel;
pub mod gates;
pub mod handoff;
pub mod lead;
pub mod lifecycle;
pub mod playbook;
pub mod preferences;
pub mod routing;
pub mod scoring;
pub mod sla;
pub mod stage;
pub mod triggers;

pub use playbook::Playbook;
pub use preferences::{Locale, Preferences};
pub use stage::Stage;
