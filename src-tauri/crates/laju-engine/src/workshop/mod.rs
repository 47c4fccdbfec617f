//! Workshop mode: the agreement as a document, a draft's effect on the recorded history, and
//! the quarterly review.

pub mod document;
pub mod review;
pub mod whatif;
