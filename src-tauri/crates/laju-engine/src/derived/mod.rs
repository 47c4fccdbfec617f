//! Everything derived from the lead records, held in memory only: list rows and rep workloads,
//! the contact indexes duplicates and imports match on, the due-by-time queue, and the funnel's
//! facts and cells. `rebuild` computes them from every record at open; `put` keeps them in step
//! with each record the write path (`commit.rs`) stores. None of it is ever written to disk, so
//! it can never disagree with the records; a test holds the maintained state to a rebuild.

mod cells;
mod contacts;
mod due;
mod rows;
#[cfg(test)]
mod tests;

pub(crate) use cells::{facts_of, CellIndex, Wait};
pub(crate) use contacts::{Contacts, Keys};
pub(crate) use due::{Due, DueQueue};
pub(crate) use rows::RowIndex;

use crate::leads::LeadRow;
use crate::store::{record, trees, LeadRecord};
use crate::EngineError;
use laju_core::assess::Assessment;
use laju_core::classification::{FitClass, Quadrant, Qualification, Temperature};
use laju_core::lead::{Lead, LeadId, SourceKind};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Ids `Derived::load` reads at a time.
const LOAD_SLICE: LeadId = 8192;

/// The rules' verdict on a lead as of its last change: what the list shows and sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Scored {
    pub priority: i32,
    pub engagement: i32,
    pub source: SourceKind,
    pub qualification: Qualification,
    pub fit: FitClass,
    pub quadrant: Quadrant,
    pub temperature: Temperature,
}

impl Scored {
    pub fn of(assessment: &Assessment) -> Scored {
        let c = &assessment.classification;
        Scored {
            priority: assessment.priority.total,
            engagement: assessment.engagement.total,
            source: c.source,
            qualification: c.qualification,
            fit: c.fit,
            quadrant: c.quadrant,
            temperature: c.temperature,
        }
    }
}

#[derive(Debug, Default, PartialEq)]
pub(crate) struct Derived {
    pub rows: RowIndex,
    pub contacts: Contacts,
    pub due: DueQueue,
    pub cells: CellIndex,
}

impl Derived {
    /// Every projection from every record in the store. The records are read a slice of ids at
    /// a time, the next slice read and decoded while the last one is added, so both cores work
    /// and only two slices' records are ever in memory (holding all of them was most of what a
    /// large workspace's opening spent on first-touch page faults).
    pub fn load(db: &sled::Db, dir: &Path) -> Result<Derived, EngineError> {
        let mut derived = Derived::default();
        let Some(last) = record::last_id(db)? else {
            return Ok(derived);
        };
        let tree = db.open_tree(trees::LEAD_BY_ID)?;
        let slice = |n: LeadId| {
            let from = n * LOAD_SLICE;
            record::in_range(&tree, dir, from, Some(from + LOAD_SLICE))
        };
        let mut current = slice(0)?;
        for n in 1..=last / LOAD_SLICE {
            let (next, ()) = rayon::join(|| slice(n), || derived.add(&current));
            current = next?;
        }
        derived.add(&current);
        derived.cells.settle();
        Ok(derived)
    }

    /// Takes in leads it has not seen; the four projections are independent, so they are built
    /// side by side.
    fn add(&mut self, records: &[LeadRecord]) {
        let Derived {
            rows,
            contacts,
            due,
            cells,
        } = self;
        rayon::join(
            || {
                rayon::join(
                    || {
                        for r in records {
                            rows.put(LeadRow::of(&r.lead, &r.scored));
                        }
                    },
                    || {
                        for r in records {
                            contacts.put(None, &r.lead);
                        }
                    },
                )
            },
            || {
                rayon::join(
                    || {
                        for r in records {
                            due.put(None, &r.lead);
                        }
                    },
                    || cells.add(records),
                )
            },
        );
    }

    /// `before` is the lead as stored until now (None for a new lead).
    pub fn put(&mut self, before: Option<&Lead>, after: &LeadRecord) {
        self.rows.put(LeadRow::of(&after.lead, &after.scored));
        self.contacts.put(before, &after.lead);
        self.due.put(before, &after.lead);
        self.cells.put(after.id(), facts_of(after));
    }
}
