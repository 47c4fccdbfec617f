//! One import as a batch: incoming leads are matched and merged in memory, then every lead the
//! batch touched goes through the same rules as a single change (triggers, handoff, scores,
//! funnel facts) and the lot is written in one transaction. Until that transaction, a cancel
//! or an error leaves the store exactly as it was.

use super::{ImportPhase, ImportProgress, ImportReport, MatchAction, MatchPolicy};
use crate::codec::{id_from_suffix, text_prefix};
use crate::leads::{fire_triggers, Change, LeadRow};
use crate::store::trees;
use crate::{EngineError, Workspace};
use chrono::{DateTime, Utc};
use laju_core::activity::Activity;
use laju_core::assess::assess;
use laju_core::funnel::{self, Cells};
use laju_core::import::merge::merge_profile;
use laju_core::import::place::{place, Current};
use laju_core::import::{Incoming, Rejection};
use laju_core::lead::{Lead, LeadId};
use laju_core::lifecycle::StageChange;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Instant;

/// How often (in leads) progress is reported and a cancel is noticed.
const PROGRESS_EVERY: usize = 250;

/// Answers whether to go on; `false` cancels.
pub type Progress<'a> = &'a mut dyn FnMut(&ImportProgress) -> bool;

/// A lead the batch creates or changes, as it will be written.
struct Pending {
    before: Option<Lead>,
    lead: Lead,
    /// Stored activities first, then the file's.
    activities: Vec<Activity>,
    stored_activities: usize,
    history: Vec<StageChange>,
}

pub(crate) struct Batch<'a> {
    workspace: &'a Workspace,
    policy: MatchPolicy,
    actor: String,
    now: DateTime<Utc>,
    pending: BTreeMap<LeadId, Pending>,
    /// The id the next new lead gets: nothing is written until the end, so the store's last
    /// id does not move while the batch grows.
    next_id: LeadId,
    /// Leads of this file by external id, email and name + company (plus every existing lead
    /// by name + company, from the list index), so a file's own repeats merge too.
    by_external_id: HashMap<String, LeadId>,
    by_email: HashMap<String, LeadId>,
    by_name_company: HashMap<(String, String), LeadId>,
}

enum Rule {
    ExternalId,
    Email,
    NameCompany,
}

impl<'a> Batch<'a> {
    pub fn new(
        workspace: &'a Workspace,
        policy: MatchPolicy,
        actor: &str,
    ) -> Result<Batch<'a>, EngineError> {
        let by_name_company = workspace
            .rows()
            .all()
            .filter_map(|row| Some((name_company(&row.name, &row.company)?, row.id)))
            .collect();
        Ok(Batch {
            workspace,
            policy,
            actor: actor.to_string(),
            now: workspace.now(),
            pending: BTreeMap::new(),
            by_external_id: HashMap::new(),
            by_email: HashMap::new(),
            by_name_company,
            next_id: workspace.next_lead_id()?,
        })
    }

    /// Counts the lead into `report` as imported, merged, or rejected (a match the policy
    /// skips).
    pub fn add(
        &mut self,
        incoming: Incoming,
        fields: Vec<String>,
        report: &mut ImportReport,
    ) -> Result<(), EngineError> {
        let matched = self.find(&incoming)?;
        let action = match &matched {
            Some((Rule::ExternalId, _)) => self.policy.external_id,
            Some((Rule::Email, _)) => self.policy.email,
            Some((Rule::NameCompany, _)) => self.policy.name_company,
            None => MatchAction::Create,
        };
        match (action, matched) {
            (MatchAction::Update, Some((_, id))) => {
                self.merge(id, incoming)?;
                report.merged += 1;
            }
            (MatchAction::Skip, Some((rule, id))) => {
                let by = match rule {
                    Rule::ExternalId => "external id",
                    Rule::Email => "email",
                    Rule::NameCompany => "name and company",
                };
                report.rejected += 1;
                report.rejections.push(Rejection {
                    line: incoming.line,
                    column: String::new(),
                    reason: format!(
                        "Matches lead {id} by {by}; the import was set to skip such rows."
                    ),
                    fields,
                });
            }
            (_, _) => {
                self.create(incoming)?;
                report.imported += 1;
            }
        }
        Ok(())
    }

    fn find(&self, incoming: &Incoming) -> Result<Option<(Rule, LeadId)>, EngineError> {
        let p = &incoming.profile;
        let external = p.source.external_id.trim().to_lowercase();
        if !external.is_empty() {
            if let Some(id) =
                self.lookup(&self.by_external_id, trees::LEAD_BY_EXTERNAL_ID, &external)?
            {
                return Ok(Some((Rule::ExternalId, id)));
            }
        }
        let email = p.contact.email.trim().to_lowercase();
        if !email.is_empty() {
            if let Some(id) = self.lookup(&self.by_email, trees::LEAD_BY_EMAIL, &email)? {
                return Ok(Some((Rule::Email, id)));
            }
        }
        Ok(name_company(&p.contact.name, &p.company.name)
            .and_then(|key| self.by_name_company.get(&key))
            .map(|id| (Rule::NameCompany, *id)))
    }

    /// The earliest lead with this text: this file's, else the store's index.
    fn lookup(
        &self,
        seen: &HashMap<String, LeadId>,
        tree: &str,
        text: &str,
    ) -> Result<Option<LeadId>, EngineError> {
        if let Some(id) = seen.get(text) {
            return Ok(Some(*id));
        }
        let index = self.workspace.db().open_tree(tree)?;
        match index.scan_prefix(text_prefix(text)).keys().next() {
            Some(key) => Ok(id_from_suffix(&key?)),
            None => Ok(None),
        }
    }

    fn remember(&mut self, id: LeadId) {
        let Some(p) = self.pending.get(&id).map(|p| p.lead.profile.clone()) else {
            return;
        };
        let external = p.source.external_id.trim().to_lowercase();
        if !external.is_empty() {
            self.by_external_id.entry(external).or_insert(id);
        }
        let email = p.contact.email.trim().to_lowercase();
        if !email.is_empty() {
            self.by_email.entry(email).or_insert(id);
        }
        if let Some(key) = name_company(&p.contact.name, &p.company.name) {
            self.by_name_company.entry(key).or_insert(id);
        }
    }

    fn create(&mut self, incoming: Incoming) -> Result<(), EngineError> {
        let id = self.next_id;
        self.next_id += 1;
        let placed = place(&incoming, None, &self.actor, self.now);
        let created_at = placed.history.first().map_or(self.now, |h| h.at);
        let mut lead = Lead {
            id,
            stage: placed.stage,
            profile: incoming.profile,
            created_at,
            updated_at: self.now,
            stage_entered_at: placed.entered_at,
            last_activity_at: created_at,
            outcome: placed.outcome,
            handoff: None,
            follow_up: None,
        };
        note_activities(&mut lead, &incoming.activities);
        self.pending.insert(
            id,
            Pending {
                before: None,
                lead,
                activities: incoming.activities,
                stored_activities: 0,
                history: placed.history,
            },
        );
        self.remember(id);
        Ok(())
    }

    fn merge(&mut self, id: LeadId, incoming: Incoming) -> Result<(), EngineError> {
        if !self.pending.contains_key(&id) {
            let (lead, activities) = self.workspace.load_lead(id)?;
            let pending = Pending {
                before: Some(lead.clone()),
                lead,
                stored_activities: activities.len(),
                activities,
                history: Vec::new(),
            };
            self.pending.insert(id, pending);
        }
        let Some(pending) = self.pending.get_mut(&id) else {
            return Ok(());
        };
        let lead = &mut pending.lead;
        lead.profile = merge_profile(&lead.profile, &incoming.profile);
        lead.updated_at = self.now;
        let current = Current {
            stage: lead.stage,
            since: lead.stage_entered_at,
        };
        let placed = place(&incoming, Some(current), &self.actor, self.now);
        if let Some(last) = placed.history.last() {
            lead.stage = last.to;
            lead.stage_entered_at = placed.entered_at;
            if placed.outcome.is_some() {
                lead.outcome = placed.outcome;
            }
        }
        pending.history.extend(placed.history);
        note_activities(lead, &incoming.activities);
        pending.activities.extend(incoming.activities);
        self.remember(id);
        Ok(())
    }

    /// Runs the rules over every lead of the batch and, unless `dry_run`, writes them all.
    pub fn finish(
        self,
        dry_run: bool,
        started: Instant,
        progress: Progress<'_>,
    ) -> Result<(), EngineError> {
        if dry_run {
            return Ok(());
        }
        let ws = self.workspace;
        let playbook = ws.playbook()?.playbook;
        let mut routing = ws.routing_state()?;
        let mut routed = false;
        let mut cells: Cells = ws.cells().all().clone();
        let mut touched = BTreeSet::new();
        let total = self.pending.len();
        let mut prepared = Vec::with_capacity(total);
        let mut indexed = Vec::with_capacity(total);
        let mut first_by_email: HashMap<String, LeadId> = HashMap::new();
        for (n, (id, pending)) in self.pending.into_iter().enumerate() {
            if n % PROGRESS_EVERY == 0 && !progress(&rate(ImportPhase::Applying, n, total, started))
            {
                return Err(EngineError::Cancelled);
            }
            let mut change = Change::new(
                pending.before,
                pending.lead,
                pending.activities,
                pending.history,
            );
            change.stored_activities = pending.stored_activities;
            change.sla_from = Some(change.lead.stage_entered_at);
            fire_triggers(&mut change, &playbook, self.now);
            routed |= ws.reconcile_handoff(&mut change, &playbook, self.now, &mut routing)?;
            let email = change.lead.profile.contact.email.trim().to_lowercase();
            let earlier = !email.is_empty() && *first_by_email.entry(email).or_insert(id) != id;
            let duplicate = earlier || ws.duplicate_of(&change.lead)?.is_some();
            let assessment = assess(
                &change.lead,
                &change.activities,
                duplicate,
                &playbook,
                self.now,
            );
            let row = LeadRow::of(&change.lead, &assessment);
            let mut history = match &change.before {
                Some(_) => ws.load_history(id)?,
                None => Vec::new(),
            };
            history.extend(change.history.iter().cloned());
            let facts =
                crate::analytics::facts_of(&change.lead, &history, assessment.classification.fit);
            let old = ws.cells().facts(id).cloned();
            for (key, cell) in funnel::apply_change(&cells, old.as_ref(), facts.as_ref()) {
                if cell.leads == 0 {
                    cells.remove(&key);
                } else {
                    cells.insert(key.clone(), cell);
                }
                touched.insert(key);
            }
            let encoded = facts
                .as_ref()
                .map(|f| crate::codec::encode("lead facts", f))
                .transpose()?;
            prepared.push(ws.prepare(&change, &row, encoded)?);
            indexed.push((row, facts));
        }
        if !progress(&rate(ImportPhase::Saving, total, total, started)) {
            return Err(EngineError::Cancelled);
        }
        let touched: Vec<_> = touched
            .into_iter()
            .map(|key| {
                let cell = cells.get(&key).cloned();
                (key, cell)
            })
            .collect();
        let encoded_cells = touched
            .iter()
            .map(|(key, cell)| {
                let value = cell
                    .as_ref()
                    .map(|c| crate::codec::encode("funnel cell", c))
                    .transpose()?;
                Ok((crate::codec::encode("funnel cell key", key)?, value))
            })
            .collect::<Result<Vec<_>, EngineError>>()?;
        ws.write_all(&prepared, routed.then_some(&routing), &encoded_cells)?;
        let mut rows = ws.rows_mut();
        let mut index = ws.cells_mut();
        for (row, facts) in indexed {
            let id = row.id;
            rows.put(row);
            index.put(id, facts, &[]);
        }
        let cells: Vec<_> = touched
            .into_iter()
            .map(|(key, cell)| (key, cell.unwrap_or_default()))
            .collect();
        index.set_cells(&cells);
        Ok(())
    }
}

pub(crate) fn rate(
    phase: ImportPhase,
    done: usize,
    total: usize,
    started: Instant,
) -> ImportProgress {
    let seconds = started.elapsed().as_secs_f64();
    ImportProgress {
        phase,
        done: done as u64,
        total: total as u64,
        rows_per_second: if seconds > 0.0 {
            done as f64 / seconds
        } else {
            0.0
        },
    }
}

fn note_activities(lead: &mut Lead, activities: &[Activity]) {
    for a in activities {
        if a.kind.shows_engagement() && a.at > lead.last_activity_at {
            lead.last_activity_at = a.at;
        }
    }
}

fn name_company(name: &str, company: &str) -> Option<(String, String)> {
    let (name, company) = (name.trim().to_lowercase(), company.trim().to_lowercase());
    (!name.is_empty() && !company.is_empty()).then_some((name, company))
}
