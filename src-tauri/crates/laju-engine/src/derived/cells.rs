//! The funnel's cells and each lead's facts (what it adds to them), in memory: a change
//! subtracts the lead's old facts and adds its new ones, so reports sum cells, never leads.

use crate::store::LeadRecord;
use chrono::{DateTime, NaiveTime, Utc};
use laju_core::funnel::{self, CellKey, Cells, Dims, FunnelFilter, LeadFacts, Waits};
use laju_core::lead::LeadId;
use laju_core::Stage;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The cells, and per lead the facts it contributes, who is in which cell, and who entered
/// which stage when: drill-downs, stall and black holes read these instead of the leads.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct CellIndex {
    cells: Cells,
    facts: HashMap<LeadId, LeadFacts>,
    members: BTreeMap<CellKey, BTreeSet<LeadId>>,
    by_stage: BTreeSet<(u8, DateTime<Utc>, LeadId)>,
    by_wait: BTreeSet<(Wait, DateTime<Utc>, LeadId)>,
}

/// The black-hole clocks `CellIndex` orders leads by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Wait {
    SlaDue,
    Unreached,
    CloseDate,
}

fn waits(facts: &LeadFacts) -> [(Wait, Option<DateTime<Utc>>); 3] {
    let w = &facts.waits;
    [
        (Wait::SlaDue, w.sla_due),
        (Wait::Unreached, w.unreached_since),
        (Wait::CloseDate, w.close_date),
    ]
}

impl CellIndex {
    /// Takes in the facts of leads it has not seen, leaving the cells to `settle` (opening
    /// counts every cell once at the end instead of once per lead).
    pub fn add(&mut self, records: &[LeadRecord]) {
        for record in records {
            self.track(record.id(), facts_of(record));
        }
    }

    /// The cells from every lead's facts, from scratch.
    pub fn settle(&mut self) {
        self.cells = funnel::recompute(self.facts.values());
    }

    pub fn all(&self) -> &Cells {
        &self.cells
    }

    pub fn facts(&self, id: LeadId) -> Option<&LeadFacts> {
        self.facts.get(&id)
    }

    /// Leads of the cells the filter keeps.
    pub fn members<'a>(&'a self, filter: &'a FunnelFilter) -> impl Iterator<Item = LeadId> + 'a {
        self.members
            .iter()
            .filter(|(key, _)| filter.matches(key))
            .flat_map(|(_, ids)| ids.iter().copied())
    }

    /// Leads now in `stage` that entered it before `before`, longest first.
    pub fn in_stage_since(
        &self,
        stage: Stage,
        before: DateTime<Utc>,
    ) -> impl Iterator<Item = (LeadId, DateTime<Utc>)> + '_ {
        let code = stage.code();
        self.by_stage
            .range((code, DateTime::<Utc>::MIN_UTC, 0)..(code, before, 0))
            .map(|(_, at, id)| (*id, *at))
    }

    /// How many leads the filter keeps that are in `stage` since before `before`, given how
    /// many it keeps in the stage at all. The stage's entries are walked from both ends at
    /// once and the count taken from whichever side ends first, so the cost follows the
    /// smaller of "stalled" and "recent", not the stage's size.
    pub fn stalled(
        &self,
        stage: Stage,
        before: DateTime<Utc>,
        filter: &FunnelFilter,
        in_stage: u64,
    ) -> u64 {
        let code = stage.code();
        let keeps = |id: &LeadId| self.facts(*id).is_some_and(|f| filter.matches(&f.key));
        let mut old = self
            .by_stage
            .range((code, DateTime::<Utc>::MIN_UTC, 0)..(code, before, 0))
            .map(|(_, _, id)| id);
        let mut recent = self
            .by_stage
            .range((code, before, 0)..(code + 1, DateTime::<Utc>::MIN_UTC, 0))
            .rev()
            .map(|(_, _, id)| id);
        let (mut stalled, mut fresh) = (0u64, 0u64);
        loop {
            match old.next() {
                None => return stalled,
                Some(id) => stalled += u64::from(keeps(id)),
            }
            match recent.next() {
                None => return in_stage.saturating_sub(fresh),
                Some(id) => fresh += u64::from(keeps(id)),
            }
        }
    }

    /// Leads whose `wait` clock started at or before `now`, longest first.
    pub fn waiting_since(
        &self,
        wait: Wait,
        now: DateTime<Utc>,
    ) -> impl Iterator<Item = (LeadId, DateTime<Utc>)> + '_ {
        self.by_wait
            .range((wait, DateTime::<Utc>::MIN_UTC, 0)..=(wait, now, LeadId::MAX))
            .map(|(_, at, id)| (*id, *at))
    }

    /// The lead's facts are now `facts`: its old ones leave their cell, the new ones join theirs.
    pub fn put(&mut self, id: LeadId, facts: Option<LeadFacts>) {
        let touched = funnel::apply_change(&self.cells, self.facts.get(&id), facts.as_ref());
        for (key, cell) in touched {
            if cell.leads == 0 {
                self.cells.remove(&key);
            } else {
                self.cells.insert(key, cell);
            }
        }
        self.track(id, facts);
    }

    fn track(&mut self, id: LeadId, facts: Option<LeadFacts>) {
        if let Some(old) = self.facts.remove(&id) {
            if let Some(ids) = self.members.get_mut(&old.key) {
                ids.remove(&id);
                if ids.is_empty() {
                    self.members.remove(&old.key);
                }
            }
            self.by_stage.remove(&(old.current.code(), old.since, id));
            for (wait, at) in waits(&old) {
                if let Some(at) = at {
                    self.by_wait.remove(&(wait, at, id));
                }
            }
        }
        if let Some(new) = facts {
            self.members.entry(new.key.clone()).or_default().insert(id);
            self.by_stage.insert((new.current.code(), new.since, id));
            for (wait, at) in waits(&new) {
                if let Some(at) = at {
                    self.by_wait.insert((wait, at, id));
                }
            }
            self.facts.insert(id, new);
        }
    }
}

/// A lead's facts as the funnel counts them: its history and the dimensions reports filter on.
/// A lead merged into another is that other person (a duplicate, or the anonymous visitor a
/// person turned out to be): it counts through the lead it joined, not a second time.
pub(crate) fn facts_of(record: &LeadRecord) -> Option<LeadFacts> {
    if record.links.into.is_some() {
        return None;
    }
    let lead = &record.lead;
    let p = &lead.profile;
    let dims = Dims {
        source: p.source.kind,
        campaign: p.source.campaign.trim().to_string(),
        owner: p.owner.as_deref().unwrap_or("").trim().to_string(),
        segment: record.scored.fit,
        industry: p.company.industry.trim().to_lowercase(),
    };
    let mut facts = LeadFacts::of(&record.history, dims, lead.handoff.as_ref())?;
    facts.deal = laju_core::funnel::DealFact::of(&p.opportunity);
    facts.waits = Waits {
        sla_due: lead
            .handoff
            .as_ref()
            .filter(|h| h.is_pending())
            .map(|h| h.breaches.first().map_or(h.deadline, |b| b.deadline)),
        unreached_since: lead
            .follow_up
            .as_ref()
            .filter(|f| f.done > 0 && !f.reached)
            .map(|f| f.started_at),
        close_date: match (lead.stage, p.opportunity.close_date) {
            (Stage::Opportunity, Some(day)) => Some(day.and_time(NaiveTime::MIN).and_utc()),
            _ => None,
        },
    };
    Some(facts)
}
