//! Leads and their stage history as CSV, read straight from the stored records one at a time,
//! so a workspace of any size exports in constant memory.

use super::csv::Sheet;
use crate::store::record;
use crate::{EngineError, Workspace};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use laju_core::lead::{LeadProfile, Outcome};
use laju_core::lifecycle::Actor;
use laju_core::{wire, Stage};
use std::io::Write;

type Field = (&'static str, fn(&LeadProfile) -> String);

/// Every profile field under the name the import maps it from, so an export imports back as
/// it is (a header equal to a target name maps to that target).
const FIELDS: [Field; 37] = [
    ("contact.name", |p| p.contact.name.clone()),
    ("contact.email", |p| p.contact.email.clone()),
    ("contact.phone", |p| p.contact.phone.clone()),
    ("contact.title", |p| p.contact.title.clone()),
    ("company.name", |p| p.company.name.clone()),
    ("company.employees", |p| {
        p.company.employees.map_or(String::new(), |n| n.to_string())
    }),
    ("company.industry", |p| p.company.industry.clone()),
    ("company.country", |p| p.company.country.clone()),
    ("company.useCase", |p| p.company.use_case.clone()),
    ("company.targetAccount", |p| {
        yes_no(p.company.target_account)
    }),
    ("company.techStack", |p| list(&p.company.tech_stack)),
    ("source.kind", |p| wire(&p.source.kind)),
    ("source.detail", |p| p.source.detail.clone()),
    ("source.campaign", |p| p.source.campaign.clone()),
    ("source.utm", |p| p.source.utm.clone()),
    ("source.eventName", |p| p.source.event_name.clone()),
    ("source.referrer", |p| p.source.referrer.clone()),
    ("source.partner", |p| p.source.partner.clone()),
    ("source.externalId", |p| p.source.external_id.clone()),
    ("owner", |p| p.owner.clone().unwrap_or_default()),
    ("tags", |p| list(&p.tags)),
    ("notes", |p| p.notes.clone()),
    ("consent.doNotEmail", |p| yes_no(p.consent.do_not_email)),
    ("consent.doNotCall", |p| yes_no(p.consent.do_not_call)),
    ("bant.budget", |p| p.bant.budget.clone()),
    ("bant.authority", |p| p.bant.authority.clone()),
    ("bant.need", |p| p.bant.need.clone()),
    ("bant.timeline", |p| p.bant.timeline.clone()),
    ("opportunity.value", |p| {
        p.opportunity
            .value
            .as_ref()
            .map_or(String::new(), |m| m.amount.to_string())
    }),
    ("opportunity.currency", |p| {
        p.opportunity
            .value
            .as_ref()
            .map_or(String::new(), |m| m.currency.clone())
    }),
    ("opportunity.closeDate", |p| date(p.opportunity.close_date)),
    ("opportunity.stakeholders", |p| {
        list(&p.opportunity.stakeholders)
    }),
    ("opportunity.salesStage", |p| {
        p.opportunity.sales_stage.clone()
    }),
    ("opportunity.forecast", |p| {
        p.opportunity.forecast.map_or(String::new(), |f| wire(&f))
    }),
    ("closing.contractSigned", |p| {
        date(p.closing.contract_signed)
    }),
    ("closing.paymentTerms", |p| p.closing.payment_terms.clone()),
    ("closing.onboarding", |p| date(p.closing.onboarding)),
];

const HISTORY_HEADER: [&str; 7] = ["leadId", "from", "to", "at", "actor", "event", "reason"];

impl Workspace {
    pub(super) fn export_leads(&self, out: impl Write) -> Result<u64, EngineError> {
        let mut header = vec!["id".to_string(), "stage".into(), "createdAt".into()];
        header.extend(FIELDS.iter().map(|(name, _)| (*name).to_string()));
        header.extend(Stage::ALL.iter().map(|s| format!("entered.{}", wire(s))));
        header.push("reason".into());
        let mut sheet = Sheet::new(out, &header)?;
        for record in record::each(self.db(), self.dir())? {
            let record = record?;
            let lead = &record.lead;
            let mut entered: [Option<DateTime<Utc>>; Stage::ALL.len()] = Default::default();
            for change in &record.history {
                entered[usize::from(change.to.code())] = Some(change.at);
            }
            let mut row = vec![
                lead.id.to_string(),
                wire(&lead.stage),
                instant(lead.created_at),
            ];
            row.extend(FIELDS.iter().map(|(_, read)| read(&lead.profile)));
            row.extend(
                Stage::ALL
                    .iter()
                    .map(|s| entered[usize::from(s.code())].map_or(String::new(), instant)),
            );
            row.push(match &lead.outcome {
                Some(Outcome::Lost { reason, .. } | Outcome::Disqualified { reason, .. }) => {
                    reason.clone()
                }
                Some(Outcome::Won { .. }) | None => String::new(),
            });
            sheet.row(&row)?;
        }
        sheet.finish()
    }

    pub(super) fn export_history(&self, out: impl Write) -> Result<u64, EngineError> {
        let mut sheet = Sheet::new(out, &HISTORY_HEADER)?;
        for record in record::each(self.db(), self.dir())? {
            let record = record?;
            for change in record.history {
                let lead = record.lead.id;
                let actor = match change.actor {
                    Actor::Person { name } => name,
                    Actor::Rule { label, .. } => label,
                };
                sheet.row(&[
                    lead.to_string(),
                    change.from.map_or(String::new(), |s| wire(&s)),
                    wire(&change.to),
                    instant(change.at),
                    actor,
                    change.event.map_or(String::new(), |e| wire(&e)),
                    change.reason.unwrap_or_default(),
                ])?;
            }
        }
        sheet.finish()
    }
}

/// RFC 3339 in UTC, with a fraction only when there is one: exact, so an import gets the same
/// instant back.
fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn date(day: Option<NaiveDate>) -> String {
    day.map_or(String::new(), |d| d.format("%Y-%m-%d").to_string())
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.into()
}

/// The import splits lists on `;` (or `,`).
fn list(items: &[String]) -> String {
    items.join("; ")
}
