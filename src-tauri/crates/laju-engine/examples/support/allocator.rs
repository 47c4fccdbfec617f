//! The app's allocator (`src-tauri/src/main.rs`), so a benchmark times what the app runs.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
