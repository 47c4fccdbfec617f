//! One record through a [`Plan`]: placeholders dropped, values mapped, cells parsed into the
//! lead, then the lead's own checks, each failure naming the column to fix.

use super::cell::{self, Dates};
use super::plan::{key, Plan, Rule, ValueMap};
use super::read::Record;
use super::target::Target;
use super::{Incoming, Rejection};
use crate::activity::{ActivityType, Channel, TouchOutcome};
use crate::lead::{LeadProfile, Money};
use chrono::{DateTime, Utc};

/// A lead being filled from cells; some fields only settle once every column is read.
pub(super) struct Draft {
    pub(super) incoming: Incoming,
    first: String,
    last: String,
    amount: Option<u64>,
    currency: String,
    /// What an activities file says the lead did; a leads file leaves it empty.
    pub(super) activity: ActivityDraft,
}

/// The parts of one activity, until every column is read (see `activity.rs`).
#[derive(Default)]
pub(super) struct ActivityDraft {
    pub kind: Option<ActivityType>,
    pub at: Option<DateTime<Utc>>,
    pub url: String,
    pub asset: String,
    pub campaign: String,
    pub channel: Option<Channel>,
    pub outcome: Option<TouchOutcome>,
    pub note: String,
}

impl Draft {
    pub(super) fn new(line: u64) -> Draft {
        Draft {
            incoming: Incoming::new(line, LeadProfile::default()),
            first: String::new(),
            last: String::new(),
            amount: None,
            currency: String::new(),
            activity: ActivityDraft::default(),
        }
    }

    /// Sets one field from a non-empty, trimmed text; `header` labels a notes line.
    pub(super) fn apply(
        &mut self,
        target: Target,
        header: &str,
        text: &str,
        dates: &Dates,
    ) -> Result<(), String> {
        let p = &mut self.incoming.profile;
        let owned = || text.to_string();
        match target {
            Target::ExternalId => p.source.external_id = owned(),
            Target::Name => p.contact.name = owned(),
            Target::FirstName => self.first = owned(),
            Target::LastName => self.last = owned(),
            Target::Email => p.contact.email = owned(),
            Target::Phone => p.contact.phone = owned(),
            Target::Title => p.contact.title = owned(),
            Target::CompanyName => p.company.name = owned(),
            Target::Employees => p.company.employees = Some(cell::employees(text)?),
            Target::Industry => p.company.industry = owned(),
            Target::Country => p.company.country = owned(),
            Target::UseCase => p.company.use_case = owned(),
            Target::NamedAccount => p.company.target_account = cell::boolean(text)?,
            Target::TechStack => cell::tags(text, &mut p.company.tech_stack),
            Target::SourceKind => p.source.kind = cell::source_kind(text)?,
            Target::Detail => p.source.detail = owned(),
            Target::Campaign => p.source.campaign = owned(),
            Target::Utm => p.source.utm = owned(),
            Target::EventName => p.source.event_name = owned(),
            Target::Referrer => p.source.referrer = owned(),
            Target::Partner => p.source.partner = owned(),
            Target::Owner => p.owner = Some(owned()),
            Target::Tags => cell::tags(text, &mut p.tags),
            Target::Notes => {
                if !p.notes.is_empty() {
                    p.notes.push('\n');
                }
                // A column already called notes (a Laju export's) needs no label: the text
                // then round-trips unchanged.
                if !header.is_empty() && !header.eq_ignore_ascii_case("notes") {
                    p.notes.push_str(header);
                    p.notes.push_str(": ");
                }
                p.notes.push_str(text);
            }
            Target::DoNotEmail => p.consent.do_not_email = cell::boolean(text)?,
            Target::DoNotCall => p.consent.do_not_call = cell::boolean(text)?,
            Target::Stage => self.incoming.stage = Some(cell::stage(text)?),
            Target::CreatedAt => self.incoming.created_at = Some(dates.parse(text)?.at),
            Target::Entered(stage) => self.incoming.entered.push((stage, dates.parse(text)?.at)),
            Target::Reason => self.incoming.reason = owned(),
            Target::Value => self.amount = Some(cell::amount(text)?),
            Target::Currency => self.currency = cell::currency(text),
            Target::CloseDate => p.opportunity.close_date = Some(dates.parse(text)?.day),
            Target::Stakeholders => cell::tags(text, &mut p.opportunity.stakeholders),
            Target::SalesStage => p.opportunity.sales_stage = owned(),
            Target::Forecast => p.opportunity.forecast = Some(cell::forecast(text)?),
            Target::ContractSigned => p.closing.contract_signed = Some(dates.parse(text)?.day),
            Target::PaymentTerms => p.closing.payment_terms = owned(),
            Target::Onboarding => p.closing.onboarding = Some(dates.parse(text)?.day),
            Target::Budget => p.bant.budget = owned(),
            Target::Authority => p.bant.authority = owned(),
            Target::Need => p.bant.need = owned(),
            Target::Timeline => p.bant.timeline = owned(),
            Target::VisitorId => p.source.visitor_id = owned(),
            Target::ActivityKind => self.activity.kind = Some(cell::activity_type(text)?),
            Target::ActivityAt => self.activity.at = Some(dates.parse(text)?.at),
            Target::ActivityUrl => self.activity.url = owned(),
            Target::ActivityAsset => self.activity.asset = owned(),
            Target::ActivityCampaign => self.activity.campaign = owned(),
            Target::ActivityChannel => self.activity.channel = Some(cell::channel(text)?),
            Target::ActivityOutcome => self.activity.outcome = Some(cell::outcome(text)?),
            Target::ActivityNote => self.activity.note = owned(),
            Target::Ignore => {}
        }
        Ok(())
    }

    /// Joins the name parts and prices the amount; fails only when an amount has no currency.
    pub(super) fn finish(mut self, currency: &str) -> Result<(Incoming, ActivityDraft), String> {
        let contact = &mut self.incoming.profile.contact;
        if contact.name.is_empty() {
            contact.name = [self.first.as_str(), self.last.as_str()]
                .into_iter()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
        }
        if let Some(amount) = self.amount {
            let code = if self.currency.is_empty() {
                currency.to_string()
            } else {
                self.currency
            };
            if code.is_empty() {
                return Err("An amount needs a currency: set one in the mapping".into());
            }
            self.incoming.profile.opportunity.value = Some(Money {
                amount,
                currency: code,
            });
        }
        Ok((self.incoming, self.activity))
    }
}

impl Plan {
    /// The record as a lead, or why not: the rejection names the column to fix.
    pub fn convert(&self, record: &Record) -> Result<Incoming, Rejection> {
        let (incoming, _) = self.fill(record)?;
        self.checked(record, incoming)
    }

    /// Every mapped cell and default parsed into a draft, settled.
    pub(super) fn fill(&self, record: &Record) -> Result<(Incoming, ActivityDraft), Rejection> {
        let mut draft = Draft::new(record.line);
        let mut filled: Vec<Target> = Vec::new();
        for rule in &self.rules {
            if rule.target == Target::Ignore
                || (!rule.target.accumulates() && filled.contains(&rule.target))
            {
                continue;
            }
            let Some(text) = self.cell(rule, record) else {
                continue;
            };
            draft
                .apply(
                    rule.target,
                    &rule.header,
                    &text,
                    rule.dates.as_ref().unwrap_or(&self.dates),
                )
                .map_err(|reason| rejection(record, &rule.header, reason))?;
            filled.push(rule.target);
        }
        for (target, value) in &self.defaults {
            if !filled.contains(target) {
                draft
                    .apply(*target, "", value, &self.dates)
                    .map_err(|reason| rejection(record, "", reason))?;
            }
        }
        draft
            .finish(&self.currency)
            .map_err(|reason| rejection(record, self.header_for("opportunity.value"), reason))
    }

    /// The lead's own checks, each failure naming the column that filled the field.
    pub(super) fn checked(
        &self,
        record: &Record,
        incoming: Incoming,
    ) -> Result<Incoming, Rejection> {
        match incoming.profile.problems().into_iter().next() {
            Some(problem) => Err(rejection(
                record,
                self.header_for(&problem.field),
                problem.message,
            )),
            None => Ok(incoming),
        }
    }

    pub(super) fn cell(&self, rule: &Rule, record: &Record) -> Option<String> {
        let map = self
            .values
            .iter()
            .find(|(target, _)| *target == rule.target)
            .map(|(_, map)| map);
        settle(record.fields.get(rule.column)?, map, &self.empty)
    }

    /// The header of the column that fills a field path from [`LeadProfile::problems`];
    /// a name problem may come from the first- and last-name columns.
    pub(super) fn header_for(&self, field: &str) -> &str {
        let single;
        let candidates: &[Target] = match field {
            "contact.name" => &[Target::Name, Target::FirstName, Target::LastName],
            "opportunity.value.currency" => &[Target::Currency, Target::Value],
            _ => {
                single = Target::parse(field);
                single.as_slice()
            }
        };
        candidates
            .iter()
            .find_map(|target| self.rules.iter().find(|rule| rule.target == *target))
            .map_or("", |rule| rule.header.as_str())
    }
}

pub(super) fn rejection(record: &Record, column: &str, reason: String) -> Rejection {
    Rejection {
        line: record.line,
        column: column.to_string(),
        reason,
        fields: record.fields.clone(),
    }
}

/// A cell's text after the field's value map and the placeholders; `None` when it means no
/// value. The import and the wizard's preview of a value both read cells through here.
pub(super) fn settle(raw: &str, map: Option<&ValueMap>, empty: &[String]) -> Option<String> {
    let text = unquote_formula(raw.trim());
    let lower = key(text);
    if let Some(mapped) = map.and_then(|map| map.get(&lower)) {
        return (!mapped.is_empty()).then(|| mapped.clone());
    }
    (!text.is_empty() && !empty.contains(&lower)).then(|| text.to_string())
}

/// A spreadsheet-safe export writes `'=…` for a cell starting with `=`, `+`, `-` or `@`
/// (OWASP's advice against CSV injection); reading it back drops that quote, so an export
/// imports as the leads it came from.
fn unquote_formula(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => text,
    }
}
