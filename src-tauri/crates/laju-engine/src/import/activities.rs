//! One activities file as a batch: each row finds its lead (external id, then email, then the
//! website visitor id), and its activity is attached unless the lead already has it (same
//! kind, time and source: a file imported twice adds nothing twice). A row that finds no lead
//! makes one when the user allows it: a known lead from a row that names a person, an
//! anonymous visitor from a visit keyed by a visitor id. A visitor id that turns up with a
//! person's details joins the visitor to that person: the anonymous lead becomes known as of
//! the row's time, or, when the person is already a lead, is folded into it with its visits,
//! so the stage history starts at the first visit. Then every touched lead goes through
//! `commit` like any other change: rescored, its triggers fired, routed, written in one batch.

use super::batch::{note_activities, Progress};
use super::moved::commit_import;
use super::seen::Seen;
use super::{ImportReport, Moved, Unmatched};
use crate::commit::Change;
use crate::derived::Keys;
use crate::leads::merge::fold;
use crate::{EngineError, Workspace};
use chrono::{DateTime, Utc};
use laju_core::import::merge::merge_profile;
use laju_core::import::place::place;
use laju_core::import::{Incoming, IncomingActivity, Plan, Rejection};
use laju_core::lead::{Lead, LeadId};
use laju_core::{Playbook, Stage};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

pub(crate) struct ActivityBatch<'a> {
    workspace: &'a Workspace,
    playbook: Playbook,
    actor: String,
    now: DateTime<Utc>,
    /// Whether a row that finds no lead may create one.
    create: bool,
    /// Every lead the file looked at, loaded once; only `touched` ones are committed.
    pending: BTreeMap<LeadId, Change>,
    touched: BTreeSet<LeadId>,
    next_id: LeadId,
    /// Leads this file created or touched, by the keys that find them.
    seen: Seen,
    /// The columns a rejection names: whom the row names, and its visitor id.
    who_column: String,
    visitor_column: String,
}

/// Why a row is left out, and whether its visitor id is the trouble (else whom it names).
struct Refused {
    by_visitor: bool,
    reason: String,
}

impl Refused {
    fn visitor(reason: String) -> Refused {
        Refused {
            by_visitor: true,
            reason,
        }
    }

    fn who(reason: &str) -> Refused {
        Refused {
            by_visitor: false,
            reason: reason.to_string(),
        }
    }
}

/// Where a row's activity went.
enum Landed {
    /// On a lead that existed (or that an earlier row of the file created).
    Attached,
    /// On a lead the row created.
    Created,
    /// The lead already had it.
    AlreadyThere,
}

/// The leads a visitor id points at, apart from leads merged into others.
#[derive(Default)]
struct Visitor {
    anonymous: Option<LeadId>,
    known: Vec<LeadId>,
}

impl<'a> ActivityBatch<'a> {
    pub fn new(
        workspace: &'a Workspace,
        unmatched: Unmatched,
        actor: &str,
        plan: &Plan,
    ) -> Result<ActivityBatch<'a>, EngineError> {
        Ok(ActivityBatch {
            workspace,
            playbook: workspace.playbook()?.playbook,
            actor: actor.to_string(),
            now: workspace.now(),
            create: unmatched == Unmatched::Create,
            pending: BTreeMap::new(),
            touched: BTreeSet::new(),
            next_id: workspace.next_lead_id()?,
            seen: Seen::default(),
            who_column: plan.identity_columns(),
            visitor_column: plan.visitor_column().to_string(),
        })
    }

    /// Counts the row into `report` as imported (it created its lead), merged (attached to a
    /// lead), already there, or rejected with the reason.
    pub fn add(
        &mut self,
        incoming: IncomingActivity,
        fields: Vec<String>,
        report: &mut ImportReport,
    ) -> Result<(), EngineError> {
        let line = incoming.line;
        match self.land(incoming)? {
            Ok(Landed::Created) => report.imported += 1,
            Ok(Landed::Attached) => report.merged += 1,
            Ok(Landed::AlreadyThere) => report.already_there += 1,
            Err(refused) => {
                report.rejected += 1;
                let column = match refused.by_visitor {
                    true => &self.visitor_column,
                    false => &self.who_column,
                };
                report.rejections.push(Rejection {
                    line,
                    column: column.clone(),
                    reason: refused.reason,
                    fields,
                });
            }
        }
        Ok(())
    }

    /// The outer error is the store's; the inner one is why the row is rejected.
    fn land(&mut self, incoming: IncomingActivity) -> Result<Result<Landed, Refused>, EngineError> {
        let keys = Keys::of(&incoming.profile);
        let person = self.person(&keys)?;
        // Messages show the id as the file wrote it; matching compares it normalised.
        let shown = incoming.profile.source.visitor_id.trim().to_string();
        let visitor = match &keys.visitor {
            Some(v) => Some((shown, self.visitor(v)?)),
            None => None,
        };
        let id = match (person, visitor) {
            (Some(id), None) => id,
            (Some(id), Some((v, visitor))) => {
                if let Some(other) = visitor.known.iter().find(|k| **k != id) {
                    return Ok(Err(Refused::visitor(format!(
                        "Visitor id {v} is lead {other}'s, but the row's email or external id \
                         is lead {id}'s; the row was left out rather than join two people"
                    ))));
                }
                if let Some(anonymous) = visitor.anonymous.filter(|a| *a != id) {
                    if let Err(reason) = self.join(anonymous, id)? {
                        return Ok(Err(Refused::visitor(reason)));
                    }
                }
                id
            }
            (None, Some((v, visitor))) if visitor.known.len() > 1 => {
                let leads: Vec<String> = visitor.known.iter().map(|k| k.to_string()).collect();
                return Ok(Err(Refused::visitor(format!(
                    "Visitor id {v} belongs to leads {}; map an email or external id to tell \
                     them apart",
                    leads.join(" and ")
                ))));
            }
            (None, Some((_, visitor))) if !visitor.known.is_empty() => visitor.known[0],
            (
                None,
                Some((
                    _,
                    Visitor {
                        anonymous: Some(id),
                        ..
                    },
                )),
            ) => id,
            (None, _) => return Ok(self.create(incoming)),
        };
        self.attach(id, incoming)
    }

    /// The lead the row's external id or email names: this file's first, else the
    /// workspace's; a lead merged into another stands for that other.
    fn person(&mut self, keys: &Keys) -> Result<Option<LeadId>, EngineError> {
        let stored = {
            let derived = self.workspace.derived();
            let contacts = &derived.contacts;
            let external = keys
                .external_id
                .as_ref()
                .and_then(|k| self.seen.external_id(k, contacts));
            external.or_else(|| {
                keys.email
                    .as_ref()
                    .and_then(|k| self.seen.email(k, contacts))
            })
        };
        match stored {
            Some(id) => self.resolved(id),
            None => Ok(None),
        }
    }

    fn visitor(&mut self, visitor: &str) -> Result<Visitor, EngineError> {
        let mut ids = self.workspace.derived().contacts.by_visitor(visitor);
        ids.extend(self.seen.visitor(visitor));
        let mut found = Visitor::default();
        for id in ids {
            let Some(id) = self.resolved(id)? else {
                continue;
            };
            let stage = self.change(id)?.lead.stage;
            if stage == Stage::Anonymous {
                found.anonymous = found.anonymous.or(Some(id));
            } else if !found.known.contains(&id) {
                found.known.push(id);
            }
        }
        Ok(found)
    }

    /// The lead itself, or the one it was merged into.
    fn resolved(&mut self, id: LeadId) -> Result<Option<LeadId>, EngineError> {
        let into = self.change(id)?.links.into;
        Ok(Some(into.unwrap_or(id)))
    }

    /// The lead's pending change, loaded from its record the first time the file touches it.
    fn change(&mut self, id: LeadId) -> Result<&mut Change, EngineError> {
        pending_change(self.workspace, &mut self.pending, id)
    }

    fn attach(
        &mut self,
        id: LeadId,
        incoming: IncomingActivity,
    ) -> Result<Result<Landed, Refused>, EngineError> {
        let change = pending_change(self.workspace, &mut self.pending, id)?;
        if change
            .activities
            .iter()
            .any(|a| a.same_as(&incoming.activity))
        {
            return Ok(Ok(Landed::AlreadyThere));
        }
        let at = incoming.activity.at;
        let lacks = |row: &str, lead: &str| !row.trim().is_empty() && lead.trim().is_empty();
        let (row, lead) = (&incoming.profile, &change.lead.profile);
        let tells_more = incoming.describes_person()
            || lacks(&row.contact.email, &lead.contact.email)
            || lacks(&row.source.external_id, &lead.source.external_id)
            || lacks(&row.source.visitor_id, &lead.source.visitor_id);
        if tells_more {
            // The lead's own values win; the row fills what the lead lacks.
            change.lead.profile = merge_profile(&incoming.profile, &change.lead.profile);
        }
        add_activity(change, incoming, self.now);
        change.capture_at(&self.playbook, at);
        if tells_more {
            self.remember(id);
        }
        self.touched.insert(id);
        Ok(Ok(Landed::Attached))
    }

    /// A visitor's anonymous lead folded into the person it turned out to be.
    fn join(&mut self, visitor: LeadId, person: LeadId) -> Result<Result<(), String>, EngineError> {
        let (Some(mut anonymous), Some(mut known)) =
            (self.pending.remove(&visitor), self.pending.remove(&person))
        else {
            return Err(EngineError::NotFound {
                what: format!("Lead {visitor} or {person}"),
            });
        };
        let first_visit = anonymous.lead.created_at;
        let folded = fold(
            &mut known,
            &mut anonymous,
            &self.playbook,
            self.now,
            &self.actor,
        );
        if folded.is_ok() {
            known.visited_since(first_visit);
            self.touched.extend([visitor, person]);
        }
        self.pending.insert(visitor, anonymous);
        self.pending.insert(person, known);
        Ok(folded.map_err(|refusal| format!("Lead {visitor} cannot be joined: {refusal}")))
    }

    fn create(&mut self, incoming: IncomingActivity) -> Result<Landed, Refused> {
        let has_visitor = Keys::of(&incoming.profile).visitor.is_some();
        if !self.create {
            return Err(Refused::who(
                "Matches no lead; the import was set not to create leads",
            ));
        }
        if !incoming.has_contact() && !has_visitor {
            return Err(Refused::who(
                "Matches no lead and carries no contact details or visitor id to create one",
            ));
        }
        let id = self.next_id;
        self.next_id += 1;
        let at = incoming.activity.at;
        let mut arrived = Incoming::new(incoming.line, incoming.profile.clone());
        arrived.created_at = Some(at);
        let placed = place(&arrived, None, &self.actor, self.now);
        let lead = Lead {
            id,
            stage: placed.stage,
            profile: incoming.profile.clone(),
            created_at: at,
            updated_at: self.now,
            stage_entered_at: placed.entered_at,
            last_activity_at: at,
            outcome: None,
            handoff: None,
            follow_up: None,
        };
        let mut change = Change::create(lead, placed.history, Vec::new());
        add_activity(&mut change, incoming, self.now);
        change.capture_at(&self.playbook, at);
        self.pending.insert(id, change);
        self.touched.insert(id);
        self.remember(id);
        Ok(Landed::Created)
    }

    /// Later rows of the file find a lead by what it now carries, before anything is stored.
    fn remember(&mut self, id: LeadId) {
        if let Some(change) = self.pending.get(&id) {
            self.seen.remember(Keys::of(&change.lead.profile), id);
        }
    }
}

impl ActivityBatch<'_> {
    /// Unless `dry_run`, commits every lead the file touched. A handoff it opens starts its SLA
    /// clock now: the file says when the lead acted, but no one could answer before Laju knew.
    pub fn commit(
        mut self,
        dry_run: bool,
        started: Instant,
        progress: Progress<'_>,
    ) -> Result<Moved, EngineError> {
        if dry_run {
            return Ok(Moved::default());
        }
        let changes = self
            .touched
            .iter()
            .filter_map(|id| self.pending.remove(id))
            .collect();
        commit_import(self.workspace, changes, started, progress)
    }
}

/// A field of the batch rather than a method, so the Playbook can be borrowed beside it.
fn pending_change<'p>(
    workspace: &Workspace,
    pending: &'p mut BTreeMap<LeadId, Change>,
    id: LeadId,
) -> Result<&'p mut Change, EngineError> {
    match pending.entry(id) {
        std::collections::btree_map::Entry::Occupied(entry) => Ok(entry.into_mut()),
        std::collections::btree_map::Entry::Vacant(entry) => {
            Ok(entry.insert(Change::edit(workspace.load_record(id)?)))
        }
    }
}

/// A visitor first seen by a later row than the one that created it was still there first:
/// a lead made by this file starts at its earliest activity.
fn add_activity(change: &mut Change, incoming: IncomingActivity, now: DateTime<Utc>) {
    let activity = incoming.activity;
    let lead = &mut change.lead;
    lead.updated_at = now;
    note_activities(lead, std::slice::from_ref(&activity));
    if change.before.is_none() && activity.at < lead.created_at {
        change.visited_since(activity.at);
    }
    change.activities.push(activity);
}
