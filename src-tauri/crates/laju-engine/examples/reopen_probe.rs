#[path = "support/allocator.rs"]
mod allocator;
use laju_engine::{SystemClock, Workspace};
use std::sync::Arc;
use std::time::Instant;
fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let n: usize = std::env::args().nth(2).map_or(5, |a| a.parse().unwrap());
    for _ in 0..n {
        let started = Instant::now();
        let ws = Workspace::open(&dir, Arc::new(SystemClock)).unwrap();
        let opened = started.elapsed().as_millis();
        drop(ws);
        println!("open {} ms, +drop {} ms", opened, started.elapsed().as_millis());
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
}
