//! The lead and activity fields a column can fill, by the names a mapping spells them with.

use super::ImportKind;
use crate::activity::{ActivityType, Channel, TouchOutcome};
use crate::lead::SourceKind;
use crate::Stage;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Target {
    ExternalId,
    Name,
    FirstName,
    LastName,
    Email,
    Phone,
    Title,
    CompanyName,
    Employees,
    Industry,
    Country,
    UseCase,
    NamedAccount,
    TechStack,
    SourceKind,
    Detail,
    Campaign,
    Utm,
    EventName,
    Referrer,
    Partner,
    Owner,
    Tags,
    Notes,
    DoNotEmail,
    DoNotCall,
    Stage,
    CreatedAt,
    Entered(Stage),
    Reason,
    Value,
    Currency,
    CloseDate,
    Stakeholders,
    SalesStage,
    Forecast,
    ContractSigned,
    PaymentTerms,
    Onboarding,
    Budget,
    Authority,
    Need,
    Timeline,
    VisitorId,
    ActivityKind,
    ActivityAt,
    ActivityUrl,
    ActivityAsset,
    ActivityCampaign,
    ActivityChannel,
    ActivityOutcome,
    ActivityNote,
    Ignore,
}

/// Every target but `entered.<stage>`, which is expanded per stage in [`targets`].
const PLAIN: [(&str, Target); 52] = [
    ("source.externalId", Target::ExternalId),
    ("contact.name", Target::Name),
    ("contact.firstName", Target::FirstName),
    ("contact.lastName", Target::LastName),
    ("contact.email", Target::Email),
    ("contact.phone", Target::Phone),
    ("contact.title", Target::Title),
    ("company.name", Target::CompanyName),
    ("company.employees", Target::Employees),
    ("company.industry", Target::Industry),
    ("company.country", Target::Country),
    ("company.useCase", Target::UseCase),
    ("company.targetAccount", Target::NamedAccount),
    ("company.techStack", Target::TechStack),
    ("source.kind", Target::SourceKind),
    ("source.detail", Target::Detail),
    ("source.campaign", Target::Campaign),
    ("source.utm", Target::Utm),
    ("source.eventName", Target::EventName),
    ("source.referrer", Target::Referrer),
    ("source.partner", Target::Partner),
    ("owner", Target::Owner),
    ("tags", Target::Tags),
    ("notes", Target::Notes),
    ("consent.doNotEmail", Target::DoNotEmail),
    ("consent.doNotCall", Target::DoNotCall),
    ("stage", Target::Stage),
    ("createdAt", Target::CreatedAt),
    ("reason", Target::Reason),
    ("opportunity.value", Target::Value),
    ("opportunity.currency", Target::Currency),
    ("opportunity.closeDate", Target::CloseDate),
    ("opportunity.stakeholders", Target::Stakeholders),
    ("opportunity.salesStage", Target::SalesStage),
    ("opportunity.forecast", Target::Forecast),
    ("closing.contractSigned", Target::ContractSigned),
    ("closing.paymentTerms", Target::PaymentTerms),
    ("closing.onboarding", Target::Onboarding),
    ("bant.budget", Target::Budget),
    ("bant.authority", Target::Authority),
    ("bant.need", Target::Need),
    ("bant.timeline", Target::Timeline),
    ("activity.kind", Target::ActivityKind),
    ("activity.at", Target::ActivityAt),
    ("activity.visitorId", Target::VisitorId),
    ("activity.url", Target::ActivityUrl),
    ("activity.asset", Target::ActivityAsset),
    ("activity.campaign", Target::ActivityCampaign),
    ("activity.channel", Target::ActivityChannel),
    ("activity.outcome", Target::ActivityOutcome),
    ("activity.note", Target::ActivityNote),
    ("ignore", Target::Ignore),
];

const ENTERED: &str = "entered.";

impl Target {
    /// Case-insensitive, so a hand-written mapping file need not match the camelCase exactly.
    pub(super) fn parse(name: &str) -> Option<Target> {
        let name = name.trim();
        if let Some((prefix, stage)) = name.split_at_checked(ENTERED.len()) {
            if prefix.eq_ignore_ascii_case(ENTERED) {
                return Stage::parse(stage).map(Target::Entered);
            }
        }
        PLAIN
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, target)| *target)
    }

    /// Only the exact spelling, for headers: a column titled "Stage" or "Notes" in someone's
    /// spreadsheet is not necessarily Laju's field, but "contact.email" is.
    pub(super) fn exact(name: &str) -> Option<Target> {
        if let Some(stage) = name.strip_prefix(ENTERED) {
            return Stage::ALL
                .into_iter()
                .find(|s| s.key() == stage)
                .map(Target::Entered);
        }
        PLAIN
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, target)| *target)
    }

    /// Several columns add up (notes lines, tags) instead of the first non-empty one winning.
    pub(super) fn accumulates(self) -> bool {
        matches!(
            self,
            Target::Notes | Target::Tags | Target::TechStack | Target::Stakeholders
        )
    }
}

/// Every target name a mapping may use, in the order a mapping wizard should offer them.
pub fn targets() -> Vec<String> {
    let mut out = Vec::new();
    for (key, target) in PLAIN {
        out.push(key.to_string());
        // The stage dates belong with the other lifecycle fields, after the first-seen date.
        if target == Target::CreatedAt {
            out.extend(Stage::ALL.iter().map(|s| format!("{ENTERED}{}", s.key())));
        }
    }
    out
}

/// The wizard's groups, in the order its select shows them.
const GROUPS: [&str; 9] = [
    "activity",
    "contact",
    "company",
    "source",
    "lifecycle",
    "opportunity",
    "closing",
    "bant",
    "other",
];

/// The groups a file of this kind fills: a leads file describes leads (a visitor id is rare
/// there and belongs to the visits that carry it); an activities file describes what leads
/// did, plus who did it, so contact, company and source fields can create the lead.
fn kind_has(kind: ImportKind, group: &str) -> bool {
    match kind {
        ImportKind::Leads => group != "activity",
        ImportKind::Activities => matches!(group, "activity" | "contact" | "company" | "source"),
    }
}

/// Every target a file of `kind` can fill but `ignore`, grouped by [`GROUPS`] in [`targets`]
/// order. Most names carry their group as a prefix, so a new `company.…` target lands in the
/// right place unasked.
pub fn target_groups(kind: ImportKind) -> Vec<(&'static str, Vec<String>)> {
    let all = targets();
    GROUPS
        .iter()
        .filter(|id| kind_has(kind, id))
        .map(|id| {
            let members = all
                .iter()
                .filter(|name| Target::exact(name) != Some(Target::Ignore) && group(name) == *id)
                .cloned()
                .collect();
            (*id, members)
        })
        .collect()
}

fn group(name: &str) -> &'static str {
    let prefix = name.split_once('.').map_or(name, |(prefix, _)| prefix);
    match prefix {
        "stage" | "createdAt" | "entered" | "reason" => "lifecycle",
        _ => GROUPS
            .iter()
            .find(|id| **id == prefix)
            .copied()
            .unwrap_or("other"),
    }
}

/// The targets whose values are a closed set a value map picks from, with their wire names.
pub fn enum_targets() -> Vec<(String, Vec<String>)> {
    PLAIN
        .iter()
        .filter_map(|(key, target)| target.choices().map(|values| (key.to_string(), values)))
        .collect()
}

impl Target {
    /// The closed sets the wizard's value maps and defaults edit.
    fn choices(self) -> Option<Vec<String>> {
        fn wires<T: serde::Serialize>(all: &[T]) -> Vec<String> {
            all.iter().map(crate::wire).collect()
        }
        match self {
            Target::SourceKind => Some(wires(&SourceKind::ALL)),
            Target::Stage => Some(wires(&Stage::ALL)),
            Target::ActivityKind => Some(wires(&ActivityType::ALL)),
            Target::ActivityChannel => Some(wires(&Channel::ALL)),
            Target::ActivityOutcome => Some(wires(&TouchOutcome::ALL)),
            _ => None,
        }
    }
}
