//! The sample workspace: a made-up team and a year of believable leads from Malaysia,
//! Indonesia, Taiwan, China and Singapore, imported in one transaction through the same path
//! as a file, so a workshop starts on a funnel, an inbox and black holes that look real.
//! Generated from a fixed seed and the clock, so the same moment gives the same sample.

mod generate;
mod names;
mod profile;
mod rng;
mod team;
#[cfg(test)]
mod tests;

use crate::import::ImportOptions;
use crate::leads::LeadQuery;
use crate::playbook::SavePlaybook;
use crate::{EngineError, Workspace};

/// Chosen so the first run's 300 leads show every stage, a few customers and every black hole.
const SEED: u64 = 463;

impl Workspace {
    /// How many leads the first run's sample has.
    pub const SAMPLE_LEADS: usize = 300;

    /// Fills an empty workspace with the sample team and `leads` sample leads; refuses one that
    /// already has leads, so nothing is mixed in. Returns how many leads were added.
    pub fn load_sample(&self, leads: usize) -> Result<u32, EngineError> {
        if self.list_leads(&LeadQuery::default())?.all > 0 {
            return Err(EngineError::Invalid(
                "The sample can only be loaded into an empty workspace.".into(),
            ));
        }
        let current = self.playbook()?;
        let mut playbook = current.playbook;
        playbook.handoff.roster = team::team();
        self.save_playbook(
            SavePlaybook {
                base_version: current.version,
                playbook,
            },
            "sample",
        )?;
        let incoming = generate::generate(leads, SEED, self.now());
        let report =
            self.import_incoming(incoming, &ImportOptions::default(), "sample", &mut |_| true)?;
        Ok(u32::try_from(report.imported).unwrap_or(u32::MAX))
    }
}
