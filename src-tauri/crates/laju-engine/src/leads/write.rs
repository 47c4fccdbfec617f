//! The one path every lead change takes to disk.

use super::{LeadDetail, LeadRow};
use crate::analytics::facts_of;
use crate::codec::{
    decode, encode, id_from_suffix, id_key, seq_key, seq_of, text_key, text_prefix,
};
use crate::handoff::due_entries;
use crate::store::trees;
use crate::{EngineError, Workspace};
use chrono::{DateTime, Utc};
use laju_core::activity::Activity;
use laju_core::assess::assess;
use laju_core::lead::{Lead, LeadId};
use laju_core::lifecycle::{self, Actor, StageChange};
use laju_core::routing::RoutingState;
use laju_core::{scoring, triggers, Playbook};
use sled::transaction::{TransactionError, Transactional};

/// How many rule firings one change may cause (Anonymous → Known → MQL is two).
const MAX_FIRINGS: usize = 3;

pub(crate) struct Change {
    pub before: Option<Lead>,
    pub lead: Lead,
    /// Every activity of the lead, stored ones first.
    pub activities: Vec<Activity>,
    /// How many of `activities` are on disk already; the rest are written.
    pub stored_activities: usize,
    pub history: Vec<StageChange>,
    /// Round-robin and weighting memory, when this change assigned a lead.
    pub routing: Option<RoutingState>,
    /// When a handoff this change opens started waiting, if not now: an imported MQL has
    /// waited since the date its file gives.
    pub sla_from: Option<DateTime<Utc>>,
}

impl Change {
    pub fn new(
        before: Option<Lead>,
        lead: Lead,
        activities: Vec<Activity>,
        history: Vec<StageChange>,
    ) -> Change {
        let stored_activities = activities.len();
        Change {
            before,
            lead,
            activities,
            stored_activities,
            history,
            routing: None,
            sla_from: None,
        }
    }

    pub fn add_activity(&mut self, activity: Activity) {
        self.activities.push(activity);
    }
}

impl Workspace {
    pub(crate) fn load_lead(&self, id: LeadId) -> Result<(Lead, Vec<Activity>), EngineError> {
        let leads = self.db().open_tree(trees::LEAD_BY_ID)?;
        let raw = leads
            .get(id_key(id))?
            .ok_or_else(|| EngineError::NotFound {
                what: format!("Lead {id}"),
            })?;
        let lead = decode("lead", &raw)?;
        let activities = self
            .db()
            .open_tree(trees::ACTIVITY_BY_LEAD)?
            .scan_prefix(id_key(id))
            .values()
            .map(|raw| decode("activity", &raw?))
            .collect::<Result<_, _>>()?;
        Ok((lead, activities))
    }

    /// One past the highest lead id. sled's own `generate_id` resumes a persist interval
    /// (a million) further after every reopen, and lead ids are shown to users.
    pub(crate) fn next_lead_id(&self) -> Result<LeadId, EngineError> {
        let last = self.db().open_tree(trees::LEAD_BY_ID)?.last()?;
        Ok(last
            .and_then(|(key, _)| id_from_suffix(&key))
            .map_or(1, |id| id + 1))
    }

    pub(crate) fn load_history(&self, id: LeadId) -> Result<Vec<StageChange>, EngineError> {
        self.db()
            .open_tree(trees::HISTORY_BY_LEAD)?
            .scan_prefix(id_key(id))
            .values()
            .map(|raw| decode("stage history", &raw?))
            .collect()
    }

    /// The earliest other lead with the same email, when one was there first.
    pub(crate) fn duplicate_of(&self, lead: &Lead) -> Result<Option<LeadId>, EngineError> {
        let email = lead.profile.contact.email.trim();
        if email.is_empty() {
            return Ok(None);
        }
        let index = self.db().open_tree(trees::LEAD_BY_EMAIL)?;
        match index.scan_prefix(text_prefix(email)).keys().next() {
            Some(key) => Ok(id_from_suffix(&key?).filter(|other| *other < lead.id)),
            None => Ok(None),
        }
    }

    /// Lets the Playbook's triggers fire, then writes everything in one transaction and flushes.
    pub(crate) fn commit_with_triggers(
        &self,
        mut change: Change,
    ) -> Result<LeadDetail, EngineError> {
        let playbook = self.playbook()?.playbook;
        let now = self.now();
        fire_triggers(&mut change, &playbook, now);
        let mut routing = self.routing_state()?;
        if self.reconcile_handoff(&mut change, &playbook, now, &mut routing)? {
            change.routing = Some(routing);
        }
        let duplicate_of = self.duplicate_of(&change.lead)?;
        let assessment = assess(
            &change.lead,
            &change.activities,
            duplicate_of.is_some(),
            &playbook,
            now,
        );
        let row = LeadRow::of(&change.lead, &assessment);
        let mut history = self.load_history(change.lead.id)?;
        history.extend(change.history.iter().cloned());
        let facts = facts_of(&change.lead, &history, assessment.classification.fit);
        let funnel = self.funnel_write(change.lead.id, facts.as_ref())?;
        let prepared = self.prepare(&change, &row, funnel.facts.clone())?;
        self.write_all(&[prepared], change.routing.as_ref(), &funnel.encoded)?;
        self.rows_mut().put(row);
        self.cells_mut().put(change.lead.id, facts, &funnel.cells);
        Ok(LeadDetail::new(
            change.lead,
            assessment,
            change.activities,
            history,
            duplicate_of,
            &playbook,
        ))
    }

    /// Encodes what one change puts on disk, before any transaction starts.
    pub(crate) fn prepare(
        &self,
        change: &Change,
        row: &LeadRow,
        facts: Option<Vec<u8>>,
    ) -> Result<Prepared, EngineError> {
        let id = change.lead.id;
        // A new lead has no stored history: no read for it (an import prepares thousands).
        let last_stored = match change.before {
            Some(_) => self
                .db()
                .open_tree(trees::HISTORY_BY_LEAD)?
                .scan_prefix(id_key(id))
                .keys()
                .next_back()
                .transpose()?,
            None => None,
        };
        let next_history = last_stored.map_or(0, |key| seq_of(&key) + 1);
        let history = change
            .history
            .iter()
            .enumerate()
            .map(|(i, entry)| {
                Ok((
                    seq_key(id, next_history + i as u32),
                    encode("stage history", entry)?,
                ))
            })
            .collect::<Result<Vec<_>, EngineError>>()?;
        let activities = change.activities[change.stored_activities..]
            .iter()
            .enumerate()
            .map(|(i, a)| {
                Ok((
                    seq_key(id, (change.stored_activities + i) as u32),
                    encode("activity", a)?,
                ))
            })
            .collect::<Result<Vec<_>, EngineError>>()?;
        let before = change.before.as_ref().map(|b| &b.profile);
        Ok(Prepared {
            id,
            lead: encode("lead", &change.lead)?,
            row: encode("lead row", row)?,
            history,
            activities,
            email: TextIndex::of(
                before.map(|p| p.contact.email.as_str()),
                &change.lead.profile.contact.email,
                id,
            ),
            external_id: TextIndex::of(
                before.map(|p| p.source.external_id.as_str()),
                &change.lead.profile.source.external_id,
                id,
            ),
            old_due: due_entries(change.before.as_ref())?,
            new_due: due_entries(Some(&change.lead))?,
            facts,
        })
    }

    /// Writes prepared changes, the routing memory and the funnel cells they touch in one
    /// transaction, then flushes: all of it is on disk, or none of it.
    pub(crate) fn write_all(
        &self,
        prepared: &[Prepared],
        routing: Option<&RoutingState>,
        cells: &[(Vec<u8>, Option<Vec<u8>>)],
    ) -> Result<(), EngineError> {
        let db = self.db();
        let open = |name| db.open_tree(name);
        let (leads, rows, history, activities, emails, external) = (
            open(trees::LEAD_BY_ID)?,
            open(trees::ROW_BY_LEAD)?,
            open(trees::HISTORY_BY_LEAD)?,
            open(trees::ACTIVITY_BY_LEAD)?,
            open(trees::LEAD_BY_EMAIL)?,
            open(trees::LEAD_BY_EXTERNAL_ID)?,
        );
        let (due, settings, facts, funnel) = (
            open(trees::DUE_BY_TIME)?,
            open(trees::SETTING_BY_NAME)?,
            open(trees::FACTS_BY_LEAD)?,
            open(trees::FUNNEL_BY_CELL)?,
        );
        let routing = match routing {
            Some(state) => Some(Workspace::routing_state_entry(state)?),
            None => None,
        };
        let all = (
            &leads,
            &rows,
            &history,
            &activities,
            &emails,
            &external,
            &due,
            &settings,
            &facts,
            &funnel,
        );
        all.transaction(
            |(leads, rows, history, activities, emails, external, due, settings, facts, funnel)| {
                for p in prepared {
                    leads.insert(&id_key(p.id), p.lead.as_slice())?;
                    rows.insert(&id_key(p.id), p.row.as_slice())?;
                    for (key, value) in &p.history {
                        history.insert(key, value.as_slice())?;
                    }
                    for (key, value) in &p.activities {
                        activities.insert(key, value.as_slice())?;
                    }
                    p.email.apply(emails)?;
                    p.external_id.apply(external)?;
                    for (key, _) in &p.old_due {
                        due.remove(key.as_slice())?;
                    }
                    for (key, value) in &p.new_due {
                        due.insert(key.as_slice(), value.as_slice())?;
                    }
                    match &p.facts {
                        Some(value) => facts.insert(&id_key(p.id), value.as_slice())?,
                        None => facts.remove(&id_key(p.id))?,
                    };
                }
                if let Some((key, value)) = &routing {
                    settings.insert(*key, value.as_slice())?;
                }
                for (key, value) in cells {
                    match value {
                        Some(value) => funnel.insert(key.as_slice(), value.as_slice())?,
                        None => funnel.remove(key.as_slice())?,
                    };
                }
                Ok(())
            },
        )
        .map_err(|e: TransactionError<()>| match e {
            TransactionError::Storage(e) => EngineError::Storage(e),
            TransactionError::Abort(()) => EngineError::Invalid("The change was abandoned.".into()),
        })?;
        db.flush()?;
        Ok(())
    }
}

/// One lead's entries, encoded and ready for `write_all`.
pub(crate) struct Prepared {
    id: LeadId,
    lead: Vec<u8>,
    row: Vec<u8>,
    history: Vec<([u8; 12], Vec<u8>)>,
    activities: Vec<([u8; 12], Vec<u8>)>,
    email: TextIndex,
    external_id: TextIndex,
    old_due: Vec<(Vec<u8>, Vec<u8>)>,
    new_due: Vec<(Vec<u8>, Vec<u8>)>,
    facts: Option<Vec<u8>>,
}

/// A change to a `text → lead` index (email, external id): drop the old key, add the new one.
struct TextIndex {
    remove: Option<Vec<u8>>,
    insert: Option<Vec<u8>>,
}

impl TextIndex {
    fn of(old: Option<&str>, new: &str, id: LeadId) -> TextIndex {
        let (old, new) = (old.map(str::trim), new.trim());
        if old == Some(new) {
            return TextIndex {
                remove: None,
                insert: None,
            };
        }
        TextIndex {
            remove: old.filter(|o| !o.is_empty()).map(|o| text_key(o, id)),
            insert: (!new.is_empty()).then(|| text_key(new, id)),
        }
    }

    fn apply(
        &self,
        tree: &sled::transaction::TransactionalTree,
    ) -> sled::transaction::ConflictableTransactionResult<(), ()> {
        if let Some(key) = &self.remove {
            tree.remove(key.as_slice())?;
        }
        if let Some(key) = &self.insert {
            tree.insert(key.as_slice(), &[] as &[u8])?;
        }
        Ok(())
    }
}

pub(crate) fn fire_triggers(change: &mut Change, playbook: &Playbook, now: DateTime<Utc>) {
    for _ in 0..MAX_FIRINGS {
        let lead = &change.lead;
        let engagement =
            scoring::engagement(&lead.profile, &change.activities, playbook, now).total;
        let Some(firing) =
            triggers::first_firing(lead, &change.activities, engagement, playbook, now)
        else {
            return;
        };
        let Ok((to, profile)) =
            lifecycle::decide(lead.stage, &lead.profile, &firing.event, playbook)
        else {
            return;
        };
        change.history.push(StageChange {
            from: Some(lead.stage),
            to,
            at: now,
            actor: Actor::Rule {
                rule_id: firing.rule.id.clone(),
                label: firing.rule.label.clone(),
            },
            event: Some(firing.event.kind()),
            reason: None,
        });
        change.lead.stage = to;
        change.lead.profile = profile;
        change.lead.stage_entered_at = now;
    }
}
