pub mod whatif;
