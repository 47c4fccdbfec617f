//! One import as a batch: incoming leads are matched and merged in memory, then every lead the
//! batch touched is handed to `commit` as one list of changes (the same rules as a single
//! edit, each lead seeing the ones before it), written with one batch and flushed. Until that
//! write, a cancel or an error leaves the store exactly as it was.

use super::moved::commit_import;
use super::seen::Seen;
use super::{ImportPhase, ImportProgress, ImportReport, MatchAction, MatchPolicy, Moved};
use crate::commit::Change;
use crate::derived::Keys;
use crate::{EngineError, Workspace};
use chrono::{DateTime, Utc};
use laju_core::activity::Activity;
use laju_core::handoff::recorded;
use laju_core::import::merge::merge_profile;
use laju_core::import::place::{place, Current};
use laju_core::import::{Incoming, Rejection};
use laju_core::lead::{Lead, LeadId};
use laju_core::{Playbook, Stage};
use std::collections::BTreeMap;
use std::time::Instant;

/// Answers whether to go on; `false` cancels.
pub type Progress<'a> = &'a mut dyn FnMut(&ImportProgress) -> bool;

pub(crate) struct Batch<'a> {
    workspace: &'a Workspace,
    /// For the handoffs an imported history implies (see `laju_core::handoff::recorded`).
    playbook: Playbook,
    policy: MatchPolicy,
    actor: String,
    now: DateTime<Utc>,
    pending: BTreeMap<LeadId, Change>,
    /// The id the next new lead gets: nothing is written until the end, so the store's last
    /// id does not move while the batch grows.
    next_id: LeadId,
    /// This file's leads by the keys that find them, so a file's own repeats merge too.
    seen: Seen,
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
        Ok(Batch {
            workspace,
            playbook: workspace.playbook()?.playbook,
            policy,
            actor: actor.to_string(),
            now: workspace.now(),
            pending: BTreeMap::new(),
            seen: Seen::default(),
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
        let matched = self.find(&incoming);
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

    /// The earliest lead this one matches: this file's first, else the workspace's.
    fn find(&self, incoming: &Incoming) -> Option<(Rule, LeadId)> {
        let keys = Keys::of(&incoming.profile);
        let derived = self.workspace.derived();
        let stored = &derived.contacts;
        let seen = &self.seen;
        let external = keys
            .external_id
            .as_ref()
            .and_then(|k| seen.external_id(k, stored));
        let email = || keys.email.as_ref().and_then(|k| seen.email(k, stored));
        let name_company = || {
            keys.name_company
                .as_ref()
                .and_then(|k| seen.name_company(k, stored))
        };
        external
            .map(|id| (Rule::ExternalId, id))
            .or_else(|| email().map(|id| (Rule::Email, id)))
            .or_else(|| name_company().map(|id| (Rule::NameCompany, id)))
    }

    fn remember(&mut self, id: LeadId) {
        if let Some(change) = self.pending.get(&id) {
            self.seen.remember(Keys::of(&change.lead.profile), id);
        }
    }

    fn create(&mut self, incoming: Incoming) -> Result<(), EngineError> {
        let id = self.next_id;
        self.next_id += 1;
        let placed = place(&incoming, None, &self.actor, self.now);
        let created_at = placed.history.first().map_or(self.now, |h| h.at);
        let handoff = recorded::from_history(&placed.history, &incoming.profile, &self.playbook);
        let mut lead = Lead {
            id,
            stage: placed.stage,
            profile: incoming.profile,
            created_at,
            updated_at: self.now,
            stage_entered_at: placed.entered_at,
            last_activity_at: created_at,
            outcome: placed.outcome,
            handoff,
            follow_up: None,
        };
        note_activities(&mut lead, &incoming.activities);
        self.pending.insert(
            id,
            Change::create(lead, placed.history, incoming.activities),
        );
        self.remember(id);
        Ok(())
    }

    fn merge(&mut self, id: LeadId, incoming: Incoming) -> Result<(), EngineError> {
        if !self.pending.contains_key(&id) {
            let change = Change::edit(self.workspace.load_record(id)?);
            self.pending.insert(id, change);
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
        let moved_on = placed.history.iter().any(|h| h.from == Some(Stage::Mql));
        pending.history.extend(placed.history);
        // The file says how an MQL ended: that handoff happened (a waiting one included).
        if moved_on && lead.handoff.as_ref().is_none_or(|h| h.is_pending()) {
            let recorded = recorded::from_history(&pending.history, &lead.profile, &self.playbook);
            lead.handoff = recorded.or(lead.handoff.take());
        }
        note_activities(lead, &incoming.activities);
        pending.activities.extend(incoming.activities);
        self.remember(id);
        Ok(())
    }

    /// Unless `dry_run`, commits every lead of the batch: the rules run on each in id order,
    /// then all of them are written at once. An imported MQL has waited since its MQL date.
    pub fn commit(
        self,
        dry_run: bool,
        started: Instant,
        progress: Progress<'_>,
    ) -> Result<Moved, EngineError> {
        if dry_run {
            return Ok(Moved::default());
        }
        let changes = self
            .pending
            .into_values()
            .map(|mut change| {
                change.sla_from = Some(change.lead.stage_entered_at);
                change
            })
            .collect();
        commit_import(self.workspace, changes, started, progress)
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

pub(super) fn note_activities(lead: &mut Lead, activities: &[Activity]) {
    for a in activities {
        if a.kind.shows_engagement() && a.at > lead.last_activity_at {
            lead.last_activity_at = a.at;
        }
    }
}
