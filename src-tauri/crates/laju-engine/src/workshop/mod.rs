pub mod document;
pub mod whatif;
