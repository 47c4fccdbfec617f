//! One row of an activities file (an email tool's activity export, a form tool's responses, a
//! webinar's attendees, a site's visit log, a call log) as one activity and the keys that find
//! its lead, or a rejection naming the column and the reason.

use super::convert::{rejection, ActivityDraft};
use super::plan::Plan;
use super::read::Record;
use super::Rejection;
use crate::activity::{Activity, ActivityKind, ActivityType};
use crate::lead::LeadProfile;
use chrono::{DateTime, Utc};

/// An activity as a file describes it, before it finds its lead.
#[derive(Debug, Clone, PartialEq)]
pub struct IncomingActivity {
    /// The file line the record starts on (1 is the header).
    pub line: u64,
    /// Who did it: the email, external id or visitor id that finds the lead, and any contact
    /// data the row carries (a form's name, company, phone), which can create the lead.
    pub profile: LeadProfile,
    pub activity: Activity,
}

impl IncomingActivity {
    /// Whether the row tells more about the person than the keys that find them (a form's
    /// name, phone, title or company), worth filling into the lead.
    pub fn describes_person(&self) -> bool {
        let p = &self.profile;
        [
            &p.contact.name,
            &p.contact.phone,
            &p.contact.title,
            &p.company.name,
        ]
        .iter()
        .any(|t| !t.trim().is_empty())
    }

    /// Whether the row says who someone is (a name or a way to reach them), not just which
    /// browser or record it came from: only such a row may create a known lead.
    pub fn has_contact(&self) -> bool {
        let c = &self.profile.contact;
        [&c.name, &c.email, &c.phone]
            .iter()
            .any(|t| !t.trim().is_empty())
    }
}

impl Plan {
    /// The mapped columns that say whose activity a row is (email, external id, visitor id):
    /// what a rejection for not finding or not making its lead points at.
    pub fn identity_columns(&self) -> String {
        ["contact.email", "source.externalId", "activity.visitorId"]
            .into_iter()
            .map(|target| self.header_for(target))
            .filter(|header| !header.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The mapped visitor-id column, or "".
    pub fn visitor_column(&self) -> &str {
        self.header_for("activity.visitorId")
    }

    /// The record as an activity from `source` (an export's name: part of what makes an
    /// activity the same one when a file comes twice), or why not. `now` bounds the time: an
    /// activity cannot have happened yet.
    pub fn convert_activity(
        &self,
        record: &Record,
        source: &str,
        now: DateTime<Utc>,
    ) -> Result<IncomingActivity, Rejection> {
        let (incoming, draft) = self.fill(record)?;
        let header = |target: &str| self.header_for(target).to_string();
        let Some(activity_type) = draft.kind else {
            return Err(rejection(
                record,
                &header("activity.kind"),
                "The row has no activity kind: map a column to activity.kind, or give it a default"
                    .into(),
            ));
        };
        let Some(at) = draft.at else {
            return Err(rejection(
                record,
                &header("activity.at"),
                "The row has no time: map a column to activity.at".into(),
            ));
        };
        if at > now {
            return Err(rejection(
                record,
                &header("activity.at"),
                format!(
                    "{} lies in the future; an activity is imported once it has happened",
                    at.format("%Y-%m-%d %H:%M UTC")
                ),
            ));
        }
        let kind = kind_of(activity_type, &draft)
            .map_err(|(target, reason)| rejection(record, &header(target), reason))?;
        let source_info = &incoming.profile.source;
        if [
            &incoming.profile.contact.email,
            &source_info.external_id,
            &source_info.visitor_id,
        ]
        .iter()
        .all(|t| t.trim().is_empty())
        {
            return Err(rejection(
                record,
                &self.identity_columns(),
                "The row names no one: an activity needs an email, an external id or a visitor id \
                 to find its lead"
                    .into(),
            ));
        }
        let incoming = self.checked(record, incoming)?;
        Ok(IncomingActivity {
            line: record.line,
            profile: incoming.profile,
            activity: Activity {
                at,
                kind,
                actor: String::new(),
                note: draft.note,
                source: source.to_string(),
                campaign: draft.campaign,
            },
        })
    }
}

/// The activity's kind with its payload; a touch needs its channel and outcome. A page visit
/// counts as a pricing-page visit when its address mentions pricing, as the Playbook's
/// pricing criterion means it.
fn kind_of(
    activity_type: ActivityType,
    draft: &ActivityDraft,
) -> Result<ActivityKind, (&'static str, String)> {
    let url = draft.url.clone();
    Ok(match activity_type {
        ActivityType::PageVisit => ActivityKind::PageVisit {
            pricing: url.to_lowercase().contains("pricing"),
            url,
        },
        ActivityType::PricingVisit => ActivityKind::PageVisit { url, pricing: true },
        ActivityType::ContentDownload => ActivityKind::ContentDownload {
            asset: draft.asset.clone(),
        },
        ActivityType::Webinar => ActivityKind::Webinar {
            name: if draft.asset.is_empty() {
                draft.campaign.clone()
            } else {
                draft.asset.clone()
            },
        },
        ActivityType::EmailOpen => ActivityKind::EmailOpen,
        ActivityType::EmailClick => ActivityKind::EmailClick,
        ActivityType::DemoRequest => ActivityKind::DemoRequest,
        ActivityType::FormSubmit => ActivityKind::FormSubmit { contact_us: false },
        ActivityType::ContactUsForm => ActivityKind::FormSubmit { contact_us: true },
        ActivityType::Touch => ActivityKind::Touch {
            channel: draft.channel.ok_or((
                "activity.channel",
                "A touch needs its channel (call, email or social): map a column to \
                 activity.channel, or give it a default"
                    .to_string(),
            ))?,
            outcome: draft.outcome.ok_or((
                "activity.outcome",
                "A touch needs its outcome (connected, replied, noAnswer, leftMessage or \
                 bounced): map a column to activity.outcome, or give it a default"
                    .to_string(),
            ))?,
        },
        ActivityType::Meeting => ActivityKind::Meeting,
        ActivityType::Note => ActivityKind::Note,
    })
}

/// The source an activities file is from when no preset names one: its name without folder,
/// extension or the marks a second download or a copy adds ("visits (1).csv", "visits - Copy
/// (2).csv", "visits copy.csv" are all "visits"), so the same export saved twice is one source
/// and its activities are not added twice.
pub fn source_named_by(path: &str) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let mut stem = match name.rfind('.') {
        Some(dot) if dot > 0 => &name[..dot],
        _ => name,
    }
    .trim_end();
    loop {
        let before = stem;
        // " (2)", "(2)": a browser's second download, a copy's number.
        if let Some(open) = stem.strip_suffix(')').and_then(|s| s.rfind('(')) {
            let number = &stem[open + 1..stem.len() - 1];
            if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
                stem = stem[..open].trim_end();
            }
        }
        // " - Copy" (Windows), " copy" and " copy 2" (macOS).
        let lower = stem.to_ascii_lowercase();
        let words = lower
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .trim_end();
        if let Some(mark) = [" - copy", " copy"]
            .into_iter()
            .find(|m| words.ends_with(m))
        {
            stem = stem[..words.len() - mark.len()].trim_end();
        }
        if stem == before {
            return stem.to_string();
        }
    }
}
