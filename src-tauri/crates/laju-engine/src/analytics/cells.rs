//! The cells in memory and on disk (`funnel_by_cell`), each lead's facts (`facts_by_lead`), and
//! the rebuild that computes both from every lead once, after the upgrade that introduced them.

use crate::codec::{decode, encode, id_from_suffix, id_key};
use crate::store::trees;
use crate::{EngineError, Workspace};
use chrono::{DateTime, NaiveTime, Utc};
use laju_core::classification::FitClass;
use laju_core::funnel::{self, Cell, CellKey, Cells, Dims, FunnelFilter, LeadFacts, Waits};
use laju_core::lead::{Lead, LeadId};
use laju_core::lifecycle::StageChange;
use laju_core::Stage;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The cells, and per lead the facts it contributes, who is in which cell, and who entered
/// which stage when: drill-downs, stall and black holes read these instead of the leads.
#[derive(Default)]
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
    pub fn load(db: &sled::Db) -> Result<CellIndex, EngineError> {
        let mut index = CellIndex::default();
        for entry in db.open_tree(trees::FUNNEL_BY_CELL)?.iter() {
            let (key, value) = entry?;
            index.cells.insert(
                decode("funnel cell key", &key)?,
                decode("funnel cell", &value)?,
            );
        }
        for entry in db.open_tree(trees::FACTS_BY_LEAD)?.iter() {
            let (key, value) = entry?;
            if let Some(id) = id_from_suffix(&key) {
                index.track(id, Some(decode("lead facts", &value)?));
            }
        }
        Ok(index)
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

    pub fn put(&mut self, id: LeadId, facts: Option<LeadFacts>, touched: &[(CellKey, Cell)]) {
        self.set_cells(touched);
        self.track(id, facts);
    }

    /// Cells as a write left them; an empty one is dropped.
    pub fn set_cells(&mut self, touched: &[(CellKey, Cell)]) {
        for (key, cell) in touched {
            if cell.leads == 0 {
                self.cells.remove(key);
            } else {
                self.cells.insert(key.clone(), cell.clone());
            }
        }
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
pub(crate) fn facts_of(lead: &Lead, history: &[StageChange], fit: FitClass) -> Option<LeadFacts> {
    let p = &lead.profile;
    let dims = Dims {
        source: p.source.kind,
        campaign: p.source.campaign.trim().to_string(),
        owner: p.owner.as_deref().unwrap_or("").trim().to_string(),
        segment: fit,
        industry: p.company.industry.trim().to_lowercase(),
    };
    let mut facts = LeadFacts::of(history, dims, lead.handoff.as_ref())?;
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

/// What one lead change writes to the funnel trees, prepared before the transaction.
pub(crate) struct FunnelWrite {
    pub facts: Option<Vec<u8>>,
    pub cells: Vec<(CellKey, Cell)>,
    pub encoded: Vec<(Vec<u8>, Option<Vec<u8>>)>,
}

impl Workspace {
    pub(crate) fn funnel_write(
        &self,
        id: LeadId,
        new: Option<&LeadFacts>,
    ) -> Result<FunnelWrite, EngineError> {
        let stored = self.db().open_tree(trees::FACTS_BY_LEAD)?.get(id_key(id))?;
        let old: Option<LeadFacts> = match stored {
            Some(raw) => Some(decode("lead facts", &raw)?),
            None => None,
        };
        let cells = funnel::apply_change(self.cells().all(), old.as_ref(), new);
        let encoded = cells
            .iter()
            .map(|(key, cell)| {
                let value = match cell.leads {
                    0 => None,
                    _ => Some(encode("funnel cell", cell)?),
                };
                Ok((encode("funnel cell key", key)?, value))
            })
            .collect::<Result<_, EngineError>>()?;
        Ok(FunnelWrite {
            facts: new.map(|f| encode("lead facts", f)).transpose()?,
            cells,
            encoded,
        })
    }

    /// Facts and cells from every lead, from scratch; runs once after the schema-4 upgrade.
    pub(crate) fn rebuild_funnel(&self) -> Result<(), EngineError> {
        let meta = self.db().open_tree(trees::META)?;
        if meta.get(crate::store::REBUILD_FUNNEL_KEY)?.is_none() {
            return Ok(());
        }
        let _guard = self.write_lock();
        let icp = self.playbook()?.playbook.icp;
        let facts_tree = self.db().open_tree(trees::FACTS_BY_LEAD)?;
        let cells_tree = self.db().open_tree(trees::FUNNEL_BY_CELL)?;
        facts_tree.clear()?;
        cells_tree.clear()?;
        let mut all = Vec::new();
        let mut index = CellIndex::default();
        for entry in self.db().open_tree(trees::LEAD_BY_ID)?.iter() {
            let (_, raw) = entry?;
            let lead: Lead = decode("lead", &raw)?;
            let history = self.load_history(lead.id)?;
            let fit = FitClass::of(&lead.profile, &icp);
            if let Some(facts) = facts_of(&lead, &history, fit) {
                facts_tree.insert(id_key(lead.id), encode("lead facts", &facts)?)?;
                index.track(lead.id, Some(facts.clone()));
                all.push(facts);
            }
        }
        index.cells = funnel::recompute(&all);
        for (key, cell) in &index.cells {
            cells_tree.insert(
                encode("funnel cell key", key)?,
                encode("funnel cell", cell)?,
            )?;
        }
        *self.cells_mut() = index;
        meta.remove(crate::store::REBUILD_FUNNEL_KEY)?;
        self.db().flush()?;
        Ok(())
    }
}
