//! Workshop mode: what an alignment workshop reads off the workspace — a draft Playbook replayed
//! over the recorded history, and the quarter's review against the agreement in force.

pub mod quarter;
pub mod replay;
pub mod review;
pub mod whatif;
mod whatif_routing;
mod whatif_sla;
mod whatif_sum;
