//! Workshop mode: what an alignment workshop reads off the workspace.

pub mod review;
