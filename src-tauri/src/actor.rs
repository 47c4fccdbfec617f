//! Who is acting. Laju runs on one person's laptop without accounts, so the OS login name is
//! what the stage history records.

pub fn current_actor() -> String {
    ["LAJU_USER", "USER", "USERNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "me".to_string())
}
