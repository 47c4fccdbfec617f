//! Workshop mode: what a marketing–sales alignment workshop needs from Laju.

pub mod document;
