//! What a lead did (visits, downloads, requests) and what the team did to reach it (touches).
//! Scoring and triggers read these; the log itself is append-only.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Activity {
    #[serde(with = "crate::timestamp")]
    #[ts(as = "DateTime<Utc>")]
    pub at: DateTime<Utc>,
    pub kind: ActivityKind,
    /// Who logged it; empty for tracked behaviour.
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub note: String,
    /// The system an imported activity came from (an export's name, such as "eloqua"); empty
    /// for what was logged in Laju. With the lead, the kind and the time it is what makes an
    /// activity the same one when a file is imported twice.
    #[serde(default)]
    pub source: String,
    /// The campaign the activity belongs to, when its source says.
    #[serde(default)]
    pub campaign: String,
}

impl Activity {
    /// An activity logged in Laju itself (no import source, no campaign).
    pub fn logged(at: DateTime<Utc>, kind: ActivityKind, actor: &str, note: &str) -> Activity {
        Activity {
            at,
            kind,
            actor: actor.to_string(),
            note: note.to_string(),
            source: String::new(),
            campaign: String::new(),
        }
    }

    /// Two imports of the same row describe the same activity: same kind (with its page,
    /// asset or outcome), same moment, same source.
    pub fn same_as(&self, other: &Activity) -> bool {
        self.at == other.at && self.kind == other.kind && self.source == other.source
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum ActivityKind {
    PageVisit {
        url: String,
        pricing: bool,
    },
    ContentDownload {
        asset: String,
    },
    Webinar {
        name: String,
    },
    EmailOpen,
    EmailClick,
    DemoRequest,
    FormSubmit {
        contact_us: bool,
    },
    Touch {
        channel: Channel,
        outcome: TouchOutcome,
    },
    Meeting,
    Note,
}

/// The kinds without their payload: what Playbook rules and filters name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ActivityType {
    PageVisit,
    PricingVisit,
    ContentDownload,
    Webinar,
    EmailOpen,
    EmailClick,
    DemoRequest,
    FormSubmit,
    ContactUsForm,
    Touch,
    Meeting,
    Note,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Channel {
    Call,
    Email,
    Social,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::Call, Channel::Email, Channel::Social];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum TouchOutcome {
    Connected,
    Replied,
    NoAnswer,
    LeftMessage,
    Bounced,
}

impl TouchOutcome {
    pub const ALL: [TouchOutcome; 5] = [
        TouchOutcome::Connected,
        TouchOutcome::Replied,
        TouchOutcome::NoAnswer,
        TouchOutcome::LeftMessage,
        TouchOutcome::Bounced,
    ];
}

impl ActivityKind {
    pub fn activity_type(&self) -> ActivityType {
        match self {
            ActivityKind::PageVisit { pricing: true, .. } => ActivityType::PricingVisit,
            ActivityKind::PageVisit { pricing: false, .. } => ActivityType::PageVisit,
            ActivityKind::ContentDownload { .. } => ActivityType::ContentDownload,
            ActivityKind::Webinar { .. } => ActivityType::Webinar,
            ActivityKind::EmailOpen => ActivityType::EmailOpen,
            ActivityKind::EmailClick => ActivityType::EmailClick,
            ActivityKind::DemoRequest => ActivityType::DemoRequest,
            ActivityKind::FormSubmit { contact_us: true } => ActivityType::ContactUsForm,
            ActivityKind::FormSubmit { contact_us: false } => ActivityType::FormSubmit,
            ActivityKind::Touch { .. } => ActivityType::Touch,
            ActivityKind::Meeting => ActivityType::Meeting,
            ActivityKind::Note => ActivityType::Note,
        }
    }

    /// Whether this counts as the lead being active (a note written by the team does not).
    pub fn shows_engagement(&self) -> bool {
        match self {
            ActivityKind::Touch { outcome, .. } => {
                matches!(outcome, TouchOutcome::Connected | TouchOutcome::Replied)
            }
            ActivityKind::Note => false,
            ActivityKind::PageVisit { .. }
            | ActivityKind::ContentDownload { .. }
            | ActivityKind::Webinar { .. }
            | ActivityKind::EmailOpen
            | ActivityKind::EmailClick
            | ActivityKind::DemoRequest
            | ActivityKind::FormSubmit { .. }
            | ActivityKind::Meeting => true,
        }
    }
}

impl ActivityType {
    pub const ALL: [ActivityType; 12] = [
        ActivityType::PageVisit,
        ActivityType::PricingVisit,
        ActivityType::ContentDownload,
        ActivityType::Webinar,
        ActivityType::EmailOpen,
        ActivityType::EmailClick,
        ActivityType::DemoRequest,
        ActivityType::FormSubmit,
        ActivityType::ContactUsForm,
        ActivityType::Touch,
        ActivityType::Meeting,
        ActivityType::Note,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ActivityType::PageVisit => "page visit",
            ActivityType::PricingVisit => "pricing-page visit",
            ActivityType::ContentDownload => "content download",
            ActivityType::Webinar => "webinar",
            ActivityType::EmailOpen => "email open",
            ActivityType::EmailClick => "email click",
            ActivityType::DemoRequest => "demo request",
            ActivityType::FormSubmit => "form submit",
            ActivityType::ContactUsForm => "contact-us form",
            ActivityType::Touch => "touch",
            ActivityType::Meeting => "meeting",
            ActivityType::Note => "note",
        }
    }
}
