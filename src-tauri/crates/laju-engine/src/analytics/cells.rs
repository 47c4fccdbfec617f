//! The cells in memory and on disk (`funnel_by_cell`), each lead's facts (`facts_by_lead`), and
//! the rebuild that computes both from every lead once, after the upgrade that introduced them.

use crate::codec::{decode, encode, id_key};
use crate::store::trees;
use crate::{EngineError, Workspace};
use laju_core::classification::FitClass;
use laju_core::funnel::{self, Cell, CellKey, Cells, Dims, LeadFacts};
use laju_core::lead::{Lead, LeadId};
use laju_core::lifecycle::StageChange;

#[derive(Default)]
pub(crate) struct CellIndex(Cells);

impl CellIndex {
    pub fn load(db: &sled::Db) -> Result<CellIndex, EngineError> {
        let mut cells = Cells::new();
        for entry in db.open_tree(trees::FUNNEL_BY_CELL)?.iter() {
            let (key, value) = entry?;
            cells.insert(
                decode("funnel cell key", &key)?,
                decode("funnel cell", &value)?,
            );
        }
        Ok(CellIndex(cells))
    }

    pub fn all(&self) -> &Cells {
        &self.0
    }

    pub fn put(&mut self, touched: &[(CellKey, Cell)]) {
        for (key, cell) in touched {
            if cell.leads == 0 {
                self.0.remove(key);
            } else {
                self.0.insert(key.clone(), cell.clone());
            }
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
    LeadFacts::of(history, dims)
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
        for entry in self.db().open_tree(trees::LEAD_BY_ID)?.iter() {
            let (_, raw) = entry?;
            let lead: Lead = decode("lead", &raw)?;
            let history = self.load_history(lead.id)?;
            let fit = FitClass::of(&lead.profile, &icp);
            if let Some(facts) = facts_of(&lead, &history, fit) {
                facts_tree.insert(id_key(lead.id), encode("lead facts", &facts)?)?;
                all.push(facts);
            }
        }
        let cells = funnel::recompute(&all);
        for (key, cell) in &cells {
            cells_tree.insert(
                encode("funnel cell key", key)?,
                encode("funnel cell", cell)?,
            )?;
        }
        *self.cells_mut() = CellIndex(cells);
        meta.remove(crate::store::REBUILD_FUNNEL_KEY)?;
        self.db().flush()?;
        Ok(())
    }
}
