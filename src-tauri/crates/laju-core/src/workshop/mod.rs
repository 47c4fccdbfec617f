pub mod replay;
pub mod whatif;
mod whatif_routing;
mod whatif_sla;
mod whatif_sum;
