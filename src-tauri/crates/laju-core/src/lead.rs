//! The lead record. `LeadProfile` is everything a person edits in the form; `Lead` adds what
//! only the engine writes (id, stage, timestamps).

use crate::Stage;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub type LeadId = u64;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Lead {
    pub id: LeadId,
    pub stage: Stage,
    pub profile: LeadProfile,
    #[serde(with = "crate::timestamp")]
    #[ts(as = "DateTime<Utc>")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "crate::timestamp")]
    #[ts(as = "DateTime<Utc>")]
    pub updated_at: DateTime<Utc>,
    #[serde(with = "crate::timestamp")]
    #[ts(as = "DateTime<Utc>")]
    pub stage_entered_at: DateTime<Utc>,
    /// Latest activity, or creation when there is none; temperature reads it.
    #[serde(with = "crate::timestamp")]
    #[ts(as = "DateTime<Utc>")]
    pub last_activity_at: DateTime<Utc>,
    /// How it ended, once it has: set by win, lose and disqualify; cleared by reopen.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub outcome: Option<Outcome>,
    /// The latest handoff to sales (pending while the lead is an MQL).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub handoff: Option<crate::handoff::Handoff>,
    /// The follow-up sequence while the lead is a SAL.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub follow_up: Option<crate::followup::FollowUp>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum Outcome {
    Won {
        #[serde(with = "crate::timestamp")]
        #[ts(as = "DateTime<Utc>")]
        on: DateTime<Utc>,
    },
    Lost {
        #[serde(with = "crate::timestamp")]
        #[ts(as = "DateTime<Utc>")]
        on: DateTime<Utc>,
        reason: String,
    },
    Disqualified {
        #[serde(with = "crate::timestamp")]
        #[ts(as = "DateTime<Utc>")]
        on: DateTime<Utc>,
        reason: String,
    },
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct LeadProfile {
    pub contact: Contact,
    pub company: Company,
    pub source: SourceInfo,
    #[ts(optional = nullable)]
    pub owner: Option<String>,
    pub tags: Vec<String>,
    pub notes: String,
    pub bant: Bant,
    pub opportunity: Opportunity,
    pub closing: Closing,
    pub consent: Consent,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct Contact {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub title: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct Company {
    pub name: String,
    #[ts(optional = nullable)]
    pub employees: Option<u32>,
    pub industry: String,
    pub country: String,
    pub tech_stack: Vec<String>,
    pub use_case: String,
    /// A named target account (competitive displacement, market entry): value beyond the deal.
    pub target_account: bool,
}

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS,
)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum SourceKind {
    #[default]
    Inbound,
    Outbound,
    PaidAds,
    Event,
    Referral,
    Partner,
    Database,
}

impl SourceKind {
    pub const ALL: [SourceKind; 7] = [
        SourceKind::Inbound,
        SourceKind::Outbound,
        SourceKind::PaidAds,
        SourceKind::Event,
        SourceKind::Referral,
        SourceKind::Partner,
        SourceKind::Database,
    ];

    pub fn key(self) -> &'static str {
        match self {
            SourceKind::Inbound => "inbound",
            SourceKind::Outbound => "outbound",
            SourceKind::PaidAds => "paidAds",
            SourceKind::Event => "event",
            SourceKind::Referral => "referral",
            SourceKind::Partner => "partner",
            SourceKind::Database => "database",
        }
    }

    pub fn parse(text: &str) -> Option<SourceKind> {
        SourceKind::ALL
            .into_iter()
            .find(|s| s.key().eq_ignore_ascii_case(text.trim()))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct SourceInfo {
    pub kind: SourceKind,
    /// Free text: the page, list or channel.
    pub detail: String,
    pub campaign: String,
    pub utm: String,
    pub event_name: String,
    pub referrer: String,
    pub partner: String,
    /// The id the lead had in the system it was imported from; later files match on it.
    pub external_id: String,
    /// The website's id for the browser an anonymous visitor used (a cookie's value): visits
    /// arrive under it before anyone knows who it is, and a form that carries it joins them
    /// to the person.
    pub visitor_id: String,
}

/// BANT answers; `None`/empty means not answered yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct Bant {
    /// An amount or "indicated".
    pub budget: String,
    /// Who decides.
    pub authority: String,
    pub need: String,
    /// A date or a period such as "this quarter".
    pub timeline: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Money {
    /// Whole units of `currency`; small-business deals do not need cents.
    pub amount: u64,
    /// ISO 4217 code, e.g. "MYR".
    pub currency: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ForecastCategory {
    Pipeline,
    BestCase,
    Commit,
    Omitted,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct Opportunity {
    #[ts(optional = nullable)]
    pub value: Option<Money>,
    #[ts(optional = nullable)]
    pub close_date: Option<NaiveDate>,
    pub stakeholders: Vec<String>,
    /// The team's own sales-stage name (discovery, proposal, ...).
    pub sales_stage: String,
    #[ts(optional = nullable)]
    pub forecast: Option<ForecastCategory>,
}

/// What turns an opportunity into a customer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct Closing {
    #[ts(optional = nullable)]
    pub contract_signed: Option<NaiveDate>,
    pub payment_terms: String,
    #[ts(optional = nullable)]
    pub onboarding: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct Consent {
    pub do_not_email: bool,
    pub do_not_call: bool,
}

/// One problem with one field, for the form to show beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FieldProblem {
    /// Dotted path of the field, e.g. `contact.email`.
    pub field: String,
    /// Stable key the UI translates.
    pub problem: ProblemKind,
    /// English text for the CLI.
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ProblemKind {
    InvalidEmail,
    InvalidPhone,
    TooLong,
    InvalidCurrency,
    NeedsIdentity,
}

const MAX_TEXT: usize = 2_000;

impl LeadProfile {
    /// Every problem at once, so the form can mark all fields in one pass.
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut out = Vec::new();
        let c = &self.contact;
        if c.name.trim().is_empty()
            && c.email.trim().is_empty()
            && c.phone.trim().is_empty()
            && self.company.name.trim().is_empty()
            && self.source.external_id.trim().is_empty()
            && self.source.visitor_id.trim().is_empty()
        {
            out.push(problem(
                "contact.name",
                ProblemKind::NeedsIdentity,
                "Give at least a name, an email, a phone, a company, an external id or a visitor id.",
            ));
        }
        if !c.email.trim().is_empty() && !is_valid_email(&c.email) {
            out.push(problem(
                "contact.email",
                ProblemKind::InvalidEmail,
                "This is not an email address (expected name@example.com).",
            ));
        }
        if !c.phone.trim().is_empty() && !is_valid_phone(&c.phone) {
            out.push(problem(
                "contact.phone",
                ProblemKind::InvalidPhone,
                "A phone number has 6 to 15 digits, optionally with +, spaces, dashes or brackets.",
            ));
        }
        if let Some(value) = &self.opportunity.value {
            let code = &value.currency;
            if !crate::playbook::is_currency_code(code) {
                out.push(problem(
                    "opportunity.value.currency",
                    ProblemKind::InvalidCurrency,
                    "A currency is a three-letter ISO code such as MYR, IDR or USD.",
                ));
            }
        }
        for (field, text) in [
            ("contact.name", &c.name),
            ("contact.title", &c.title),
            ("company.name", &self.company.name),
            ("notes", &self.notes),
            ("bant.need", &self.bant.need),
            ("source.detail", &self.source.detail),
        ] {
            if text.chars().count() > MAX_TEXT {
                out.push(problem(
                    field,
                    ProblemKind::TooLong,
                    "This text is longer than 2,000 characters.",
                ));
            }
        }
        out
    }
}

fn problem(field: &str, kind: ProblemKind, message: &str) -> FieldProblem {
    FieldProblem {
        field: field.into(),
        problem: kind,
        message: message.into(),
    }
}

/// Deliberately modest: one `@`, a non-empty local part, a dotted domain, no spaces. Deliverability
/// is not knowable offline.
pub fn is_valid_email(email: &str) -> bool {
    let email = email.trim();
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !email.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
}

pub fn is_valid_phone(phone: &str) -> bool {
    let phone = phone.trim();
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    (6..=15).contains(&digits)
        && phone
            .chars()
            .all(|ch| ch.is_ascii_digit() || " +-().".contains(ch))
}

/// The part after `@`, lower-cased, for free-mail and competitor checks.
pub fn email_domain(email: &str) -> Option<String> {
    email
        .trim()
        .rsplit_once('@')
        .map(|(_, domain)| domain.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_profile_asks_for_some_identity() {
        let problems = LeadProfile::default().problems();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].problem, ProblemKind::NeedsIdentity);
    }

    #[test]
    fn an_external_id_alone_identifies_an_imported_lead() {
        let mut p = LeadProfile::default();
        p.source.external_id = "7927b2df".into();
        assert!(p.problems().is_empty());
    }

    #[test]
    fn bad_email_phone_and_currency_are_all_reported() {
        let mut p = LeadProfile::default();
        p.contact.name = "Aisyah".into();
        p.contact.email = "aisyah at kedai".into();
        p.contact.phone = "call me".into();
        p.opportunity.value = Some(Money {
            amount: 10,
            currency: "ringgit".into(),
        });
        let fields: Vec<_> = p.problems().into_iter().map(|x| x.field).collect();
        assert_eq!(
            fields,
            [
                "contact.email",
                "contact.phone",
                "opportunity.value.currency"
            ]
        );
    }

    #[test]
    fn ordinary_contacts_are_valid() {
        assert!(is_valid_email("siti@kedai.com.my"));
        assert!(!is_valid_email("siti@kedai"));
        assert!(!is_valid_email("a@b@c.com"));
        assert!(is_valid_phone("+60 12-345 6789"));
        assert!(!is_valid_phone("12"));
        assert_eq!(email_domain("A@Gmail.COM").as_deref(), Some("gmail.com"));
    }
}
