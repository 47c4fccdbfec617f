//! The data folder opened with sled itself, as a test that damages or inspects the store needs.
//! A workspace just dropped can hold the folder's lock a moment while sled's flusher thread
//! winds down (the engine retries the same way, `store::open_when_free`), so this waits for it.

use std::path::Path;
use std::time::Duration;

pub fn open(dir: &Path) -> sled::Db {
    for _ in 0..40 {
        match sled::open(dir) {
            Ok(db) => return db,
            Err(sled::Error::Io(e)) if e.to_string().contains("could not acquire lock") => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) => panic!("sled: {e}"),
        }
    }
    panic!("{} stayed locked for 2 s", dir.display())
}
