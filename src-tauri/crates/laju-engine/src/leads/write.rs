//! The one path every lead change takes to disk.

use super::{LeadDetail, LeadRow};
use crate::analytics::{facts_of, FunnelWrite};
use crate::codec::{
    decode, email_key, email_prefix, encode, id_from_suffix, id_key, seq_key, seq_of,
};
use crate::handoff::due_entries;
use crate::store::trees;
use crate::{EngineError, Workspace};
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
    stored_activities: usize,
    pub history: Vec<StageChange>,
    /// Round-robin and weighting memory, when this change assigned a lead.
    pub routing: Option<RoutingState>,
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

    pub(crate) fn load_history(&self, id: LeadId) -> Result<Vec<StageChange>, EngineError> {
        self.db()
            .open_tree(trees::HISTORY_BY_LEAD)?
            .scan_prefix(id_key(id))
            .values()
            .map(|raw| decode("stage history", &raw?))
            .collect()
    }

    /// Another lead with the same email was there first.
    pub(crate) fn is_duplicate(&self, lead: &Lead) -> Result<bool, EngineError> {
        let email = lead.profile.contact.email.trim();
        if email.is_empty() {
            return Ok(false);
        }
        let index = self.db().open_tree(trees::LEAD_BY_EMAIL)?;
        for key in index.scan_prefix(email_prefix(email)).keys() {
            if id_from_suffix(&key?).is_some_and(|other| other < lead.id) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Lets the Playbook's triggers fire, then writes everything in one transaction and flushes.
    pub(crate) fn commit_with_triggers(
        &self,
        mut change: Change,
    ) -> Result<LeadDetail, EngineError> {
        let playbook = self.playbook()?.playbook;
        let now = self.now();
        fire_triggers(&mut change, &playbook, now);
        self.reconcile_handoff(&mut change, &playbook, now)?;
        let duplicate = self.is_duplicate(&change.lead)?;
        let assessment = assess(&change.lead, &change.activities, duplicate, &playbook, now);
        let row = LeadRow::of(&change.lead, &assessment);
        let mut history = self.load_history(change.lead.id)?;
        history.extend(change.history.iter().cloned());
        let facts = facts_of(&change.lead, &history, assessment.classification.fit);
        let funnel = self.funnel_write(change.lead.id, facts.as_ref())?;
        self.write(&change, &row, &funnel)?;
        self.rows_mut().put(row);
        self.cells_mut().put(change.lead.id, facts, &funnel.cells);
        Ok(LeadDetail::new(
            change.lead,
            assessment,
            change.activities,
            history,
            duplicate,
            &playbook,
        ))
    }

    fn write(
        &self,
        change: &Change,
        row: &LeadRow,
        funnel: &FunnelWrite,
    ) -> Result<(), EngineError> {
        let db = self.db();
        let id = change.lead.id;
        let open = |name| db.open_tree(name);
        let (leads, rows, history, activities, emails) = (
            open(trees::LEAD_BY_ID)?,
            open(trees::ROW_BY_LEAD)?,
            open(trees::HISTORY_BY_LEAD)?,
            open(trees::ACTIVITY_BY_LEAD)?,
            open(trees::LEAD_BY_EMAIL)?,
        );
        let (due, settings, facts, cells) = (
            open(trees::DUE_BY_TIME)?,
            open(trees::SETTING_BY_NAME)?,
            open(trees::FACTS_BY_LEAD)?,
            open(trees::FUNNEL_BY_CELL)?,
        );

        let next_history = match history.scan_prefix(id_key(id)).keys().next_back() {
            Some(key) => seq_of(&key?) + 1,
            None => 0,
        };
        let lead_bytes = encode("lead", &change.lead)?;
        let row_bytes = encode("lead row", row)?;
        let history_entries = change
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
        let new_activities = change.activities[change.stored_activities..]
            .iter()
            .enumerate()
            .map(|(i, a)| {
                Ok((
                    seq_key(id, (change.stored_activities + i) as u32),
                    encode("activity", a)?,
                ))
            })
            .collect::<Result<Vec<_>, EngineError>>()?;
        let old_email = change
            .before
            .as_ref()
            .map(|b| b.profile.contact.email.trim().to_string());
        let new_email = change.lead.profile.contact.email.trim().to_string();
        let old_due = due_entries(change.before.as_ref())?;
        let new_due = due_entries(Some(&change.lead))?;
        let routing = match &change.routing {
            Some(state) => Some(Workspace::routing_state_entry(state)?),
            None => None,
        };

        let all = (
            &leads,
            &rows,
            &history,
            &activities,
            &emails,
            &due,
            &settings,
            &facts,
            &cells,
        );
        all.transaction(
            |(leads, rows, history, activities, emails, due, settings, facts, cells)| {
                leads.insert(&id_key(id), lead_bytes.as_slice())?;
                rows.insert(&id_key(id), row_bytes.as_slice())?;
                for (key, value) in &history_entries {
                    history.insert(key, value.as_slice())?;
                }
                for (key, value) in &new_activities {
                    activities.insert(key, value.as_slice())?;
                }
                if old_email.as_deref() != Some(new_email.as_str()) {
                    if let Some(old) = old_email.as_deref().filter(|e| !e.is_empty()) {
                        emails.remove(email_key(old, id))?;
                    }
                    if !new_email.is_empty() {
                        emails.insert(email_key(&new_email, id), &[] as &[u8])?;
                    }
                }
                for (key, _) in &old_due {
                    due.remove(key.as_slice())?;
                }
                for (key, value) in &new_due {
                    due.insert(key.as_slice(), value.as_slice())?;
                }
                if let Some((key, value)) = &routing {
                    settings.insert(*key, value.as_slice())?;
                }
                match &funnel.facts {
                    Some(value) => facts.insert(&id_key(id), value.as_slice())?,
                    None => facts.remove(&id_key(id))?,
                };
                for (key, value) in &funnel.encoded {
                    match value {
                        Some(value) => cells.insert(key.as_slice(), value.as_slice())?,
                        None => cells.remove(key.as_slice())?,
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

fn fire_triggers(change: &mut Change, playbook: &Playbook, now: chrono::DateTime<chrono::Utc>) {
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
