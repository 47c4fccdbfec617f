//! What falls due when, in time order: pending handoffs by deadline (everyone's and each
//! rep's queue), SAL follow-up touches, and recycling limits. The inbox, the task list and the
//! breach ticker read a range of it instead of looking at every lead. Every entry follows from
//! the lead alone, so a change replaces the lead's old entries with its new ones.

use chrono::{DateTime, Utc};
use laju_core::followup::FollowUp;
use laju_core::handoff::Handoff;
use laju_core::lead::{Lead, LeadId};
use std::collections::{BTreeSet, HashMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Due {
    /// A pending handoff's deadline.
    Deadline,
    /// When the recycling rule's day limit runs out.
    Recycle,
}

type Queue = BTreeSet<(DateTime<Utc>, LeadId)>;

#[derive(Debug, Default, PartialEq)]
pub(crate) struct DueQueue {
    deadlines: Queue,
    by_rep: BTreeSet<(String, DateTime<Utc>, LeadId)>,
    touches: Queue,
    recycles: Queue,
    handoffs: HashMap<LeadId, Handoff>,
    follow_ups: HashMap<LeadId, FollowUp>,
}

impl DueQueue {
    pub fn put(&mut self, before: Option<&Lead>, after: &Lead) {
        if let Some(before) = before {
            self.edit(before, false);
        }
        self.edit(after, true);
    }

    fn edit(&mut self, lead: &Lead, add: bool) {
        let id = lead.id;
        fn set<T: Ord>(queue: &mut BTreeSet<T>, entry: T, add: bool) {
            if add {
                queue.insert(entry);
            } else {
                queue.remove(&entry);
            }
        }
        if let Some(h) = lead.handoff.as_ref().filter(|h| h.is_pending()) {
            set(&mut self.deadlines, (h.deadline, id), add);
            if let Some(rep) = h.assignee() {
                set(&mut self.by_rep, (rep.to_string(), h.deadline, id), add);
            }
            if add {
                self.handoffs.insert(id, h.clone());
            } else {
                self.handoffs.remove(&id);
            }
        }
        if let Some(f) = &lead.follow_up {
            if let Some(at) = f.next_due {
                set(&mut self.touches, (at, id), add);
            }
            if let Some(at) = f.recycle_at {
                set(&mut self.recycles, (at, id), add);
            }
            if add {
                self.follow_ups.insert(id, f.clone());
            } else {
                self.follow_ups.remove(&id);
            }
        }
    }

    /// Pending handoffs, earliest deadline first: everyone's, or one rep's queue.
    pub fn handoffs<'a>(
        &'a self,
        rep: Option<&'a str>,
    ) -> Box<dyn Iterator<Item = (LeadId, &'a Handoff)> + 'a> {
        let ids: Box<dyn Iterator<Item = LeadId> + 'a> = match rep {
            None => Box::new(self.deadlines.iter().map(|(_, id)| *id)),
            Some(rep) => Box::new(
                self.by_rep
                    .range((rep.to_string(), DateTime::<Utc>::MIN_UTC, 0)..)
                    .take_while(move |(r, _, _)| r == rep)
                    .map(|(_, _, id)| *id),
            ),
        };
        Box::new(ids.filter_map(|id| self.handoffs.get(&id).map(|h| (id, h))))
    }

    /// Follow-up touches, earliest first.
    pub fn touches(&self) -> impl Iterator<Item = (LeadId, &FollowUp)> + '_ {
        self.touches
            .iter()
            .filter_map(|(_, id)| self.follow_ups.get(id).map(|f| (*id, f)))
    }

    /// Leads with a `kind` entry due at or before `now`, earliest first.
    pub fn due_by(&self, kind: Due, now: DateTime<Utc>) -> Vec<LeadId> {
        let queue = match kind {
            Due::Deadline => &self.deadlines,
            Due::Recycle => &self.recycles,
        };
        queue
            .range(..=(now, LeadId::MAX))
            .map(|(_, id)| *id)
            .collect()
    }
}
