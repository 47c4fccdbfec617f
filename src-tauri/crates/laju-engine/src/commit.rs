//! The one path every lead change takes to disk: a single edit, an import, the sample, a
//! rescore, a merge and the SLA tick all hand `commit` a list of changes. For each change, in
//! order, the Playbook's triggers fire, the handoff is opened or settled and the lead routed,
//! the lead is scored, and the in-memory projections (`derived`) take the new record, so every
//! later change of the same list sees it (rep capacity, round-robin turns, account owners,
//! duplicates). Then the records are written with one batch on `lead_by_id` and flushed; only
//! then does `commit` return. A cancel or a failed write rebuilds the projections from the
//! records on disk, which were not touched.

use crate::derived::{Derived, Scored};
use crate::handoff::reconcile;
use crate::leads::{LeadDetail, MergeLinks};
use crate::store::{record, LeadRecord};
use crate::{EngineError, Workspace};
use chrono::{DateTime, Utc};
use laju_core::activity::Activity;
use laju_core::assess::assess;
use laju_core::lead::{Lead, LeadId};
use laju_core::lifecycle::{self, Actor, LifecycleEvent, StageChange};
use laju_core::playbook::TriggerRule;
use laju_core::{scoring, triggers, Playbook, Stage};

/// How many rule firings one change may cause (Anonymous → Known → MQL is two).
const MAX_FIRINGS: usize = 3;
/// How often (in changes) a long commit reports progress and hears a cancel.
const PROGRESS_EVERY: usize = 250;

/// A lead as a use case wants it to be; `commit` lets the rules finish the job.
pub(crate) struct Change {
    /// The lead as stored until now; None for a new lead.
    pub before: Option<Lead>,
    pub lead: Lead,
    /// Every activity of the lead, in logging order.
    pub activities: Vec<Activity>,
    /// The whole stage history, oldest first.
    pub history: Vec<StageChange>,
    /// Where this change's own history entries start.
    added_from: usize,
    /// When a handoff this change opens started waiting, if not now: an imported MQL has
    /// waited since the date its file gives.
    pub sla_from: Option<DateTime<Utc>>,
    /// A missed deadline handed the lead to another rep before the commit: the routing memory
    /// records that assignment too.
    pub reassigned: bool,
    pub links: MergeLinks,
}

impl Change {
    pub fn create(lead: Lead, history: Vec<StageChange>, activities: Vec<Activity>) -> Change {
        Change {
            before: None,
            lead,
            activities,
            history,
            added_from: 0,
            sla_from: None,
            reassigned: false,
            links: MergeLinks::default(),
        }
    }

    pub fn edit(record: LeadRecord) -> Change {
        Change {
            before: Some(record.lead.clone()),
            lead: record.lead,
            activities: record.activities,
            added_from: record.history.len(),
            history: record.history,
            sla_from: None,
            reassigned: false,
            links: record.links,
        }
    }

    /// Moves the lead as a Playbook rule decided, through the lifecycle table, naming the rule
    /// in its history; answers false (and changes nothing) when the table refuses the move.
    pub fn move_by_rule(
        &mut self,
        event: &LifecycleEvent,
        rule: Actor,
        playbook: &Playbook,
        now: DateTime<Utc>,
    ) -> bool {
        let lead = &self.lead;
        let Ok((to, profile)) = lifecycle::decide(lead.stage, &lead.profile, event, playbook)
        else {
            return false;
        };
        self.history.push(StageChange {
            from: Some(lead.stage),
            to,
            at: now,
            actor: rule,
            event: Some(event.kind()),
            reason: event.reason().map(str::to_string),
        });
        self.lead.stage = to;
        self.lead.profile = profile;
        self.lead.stage_entered_at = now;
        true
    }

    /// The stage changes this change makes (the rest were stored before).
    pub fn added(&self) -> &[StageChange] {
        &self.history[self.added_from..]
    }

    /// An anonymous visitor whose contact details arrived at `at` (a form in an activities
    /// file) is captured by the Playbook's rule as of that moment, not as of the import, so its
    /// history shows when the visitor became known.
    pub fn capture_at(&mut self, playbook: &Playbook, at: DateTime<Utc>) {
        if self.lead.stage != Stage::Anonymous {
            return;
        }
        let at = at.max(self.lead.stage_entered_at);
        let firing = triggers::first_firing(&self.lead, &self.activities, 0, playbook, at);
        if let Some(firing) = firing {
            let event = firing.event.clone();
            self.move_by_rule(&event, rule_actor(firing.rule), playbook, at);
        }
    }

    /// The person was an anonymous visitor since `first_visit` (visits joined to them from an
    /// activities file): the history starts there, as a visitor.
    pub fn visited_since(&mut self, first_visit: DateTime<Utc>) {
        let Some(first) = self.history.first_mut() else {
            return;
        };
        if first_visit >= first.at {
            return;
        }
        if first.to == Stage::Anonymous {
            first.at = first_visit;
        } else {
            let entry = StageChange {
                from: None,
                to: Stage::Anonymous,
                at: first_visit,
                actor: first.actor.clone(),
                event: None,
                reason: None,
            };
            first.from = Some(Stage::Anonymous);
            self.history.insert(0, entry);
            // A past fact, not a move this change makes.
            self.added_from += 1;
        }
        self.lead.created_at = self.lead.created_at.min(first_visit);
        if self.history.len() == 1 {
            self.lead.stage_entered_at = first_visit;
        }
    }
}

/// Where a long commit is; the callback answers whether to go on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Applying {
        done: usize,
        total: usize,
    },
    /// The write and its flush: the last moment a cancel is heard.
    Saving,
}

impl Workspace {
    pub(crate) fn load_record(&self, id: LeadId) -> Result<LeadRecord, EngineError> {
        record::get(self.db(), self.dir(), id)
    }

    /// One past the highest lead id. sled's own `generate_id` resumes a persist interval
    /// (a million) further after every reopen, and lead ids are shown to users.
    pub(crate) fn next_lead_id(&self) -> Result<LeadId, EngineError> {
        Ok(record::last_id(self.db())?.map_or(1, |id| id + 1))
    }

    /// Applies `changes` in order and writes them; returns the records as stored. The caller
    /// holds the write lock from the moment it read what it changes.
    pub(crate) fn commit(
        &self,
        changes: Vec<Change>,
        step: &mut dyn FnMut(Step) -> bool,
    ) -> Result<Vec<LeadRecord>, EngineError> {
        let playbook = self.playbook()?.playbook;
        let now = self.now();
        let mut routing = record::routing_state(self.db())?;
        let mut routed = false;
        let mut derived = self.derived_mut();
        let total = changes.len();
        let mut records = Vec::with_capacity(total);
        for (done, mut change) in changes.into_iter().enumerate() {
            if done % PROGRESS_EVERY == 0 && !step(Step::Applying { done, total }) {
                return Err(self.abandon(&mut derived, EngineError::Cancelled));
            }
            if change.reassigned {
                let assignment = change
                    .lead
                    .handoff
                    .as_ref()
                    .and_then(|h| h.assignment.as_ref());
                if let Some(assignment) = assignment {
                    routing.record(assignment);
                    routed = true;
                }
            }
            fire_triggers(&mut change, &playbook, now);
            routed |= reconcile(&mut change, &playbook, now, &mut routing, &derived.rows);
            let duplicate = derived.contacts.duplicate_of(&change.lead).is_some();
            let assessment = assess(&change.lead, &change.activities, duplicate, &playbook, now);
            let record = LeadRecord {
                lead: change.lead,
                history: change.history,
                activities: change.activities,
                scored: Scored::of(&assessment),
                links: change.links,
            };
            derived.put(change.before.as_ref(), &record);
            records.push(record);
        }
        if !step(Step::Saving) {
            return Err(self.abandon(&mut derived, EngineError::Cancelled));
        }
        if let Err(error) = record::write(self.db(), &records, routed.then_some(&routing)) {
            return Err(self.abandon(&mut derived, error));
        }
        Ok(records)
    }

    /// Commits one change and answers with the lead as the form shows it.
    pub(crate) fn commit_one(&self, change: Change) -> Result<LeadDetail, EngineError> {
        let record = self.commit(vec![change], &mut |_| true)?.pop();
        let record = record.ok_or_else(|| EngineError::Invalid("Nothing was changed.".into()))?;
        self.detail_of(record, &self.playbook()?.playbook)
    }

    /// The projections already took changes that will not be stored: rebuild them from the
    /// records on disk. Returns the error to report.
    fn abandon(&self, derived: &mut Derived, error: EngineError) -> EngineError {
        match Derived::load(self.db(), self.dir()) {
            Ok(rebuilt) => {
                *derived = rebuilt;
                error
            }
            Err(reading) => reading,
        }
    }
}

/// Lets the Playbook's triggers move the lead (Known on capture, MQL by score or request).
fn fire_triggers(change: &mut Change, playbook: &Playbook, now: DateTime<Utc>) {
    for _ in 0..MAX_FIRINGS {
        let lead = &change.lead;
        let engagement =
            scoring::engagement(&lead.profile, &change.activities, playbook, now).total;
        let Some(firing) =
            triggers::first_firing(lead, &change.activities, engagement, playbook, now)
        else {
            return;
        };
        if !change.move_by_rule(&firing.event, rule_actor(firing.rule), playbook, now) {
            return;
        }
    }
}

fn rule_actor(rule: &TriggerRule) -> Actor {
    Actor::Rule {
        rule_id: rule.id.clone(),
        label: rule.label.clone(),
    }
}
