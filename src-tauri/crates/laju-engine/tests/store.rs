//! The store's promises, on real sled folders in a temporary directory.

#[path = "support/schema4.rs"]
mod schema4;
mod support;

use schema4::raw_sled;

use chrono::{DateTime, Duration, Utc};
use laju_core::{Locale, Preferences};
use laju_engine::analytics::ReportQuery;
use laju_engine::handoff::InboxQuery;
use laju_engine::leads::LeadQuery;
use laju_engine::{EngineError, ErrorCode, Workspace, SCHEMA_VERSION};
use support::{clock, morning, opened};

/// When the stores here are first opened: 09:30 on 5 January 2026.
fn born() -> DateTime<Utc> {
    morning(1, 5) + Duration::minutes(90)
}

#[test]
fn a_new_folder_opens_at_the_current_schema_and_records_its_birth() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::open(&dir.path().join("fresh"), clock(born())).expect("open");
    let status = ws.status().expect("status");
    assert_eq!(status.schema_version, SCHEMA_VERSION);
    assert_eq!(status.created_at, Some(born()));
    assert!(status.data_dir.ends_with("fresh"));
}

#[test]
fn an_unversioned_older_store_is_migrated_and_keeps_its_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The fixture: a folder written before Laju versioned its stores (no `meta` tree), already
    // holding a saved preference.
    {
        let raw = raw_sled::open(dir.path());
        raw.open_tree("setting_by_name")
            .expect("tree")
            .insert("preferences", br#"{"locale":"id"}"#.to_vec())
            .expect("insert");
        raw.flush().expect("flush");
    }
    let ws = Workspace::open(dir.path(), clock(born())).expect("open migrates");
    assert_eq!(ws.status().expect("status").schema_version, SCHEMA_VERSION);
    assert_eq!(ws.preferences().expect("prefs").locale, Some(Locale::Id));
}

#[test]
fn a_store_from_a_newer_laju_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let raw = raw_sled::open(dir.path());
        let meta = raw.open_tree("meta").expect("meta");
        meta.insert("schema_version", &(SCHEMA_VERSION + 7).to_be_bytes())
            .expect("insert");
        raw.flush().expect("flush");
    }
    let error = Workspace::open(dir.path(), clock(born()))
        .err()
        .expect("refused");
    assert_eq!(error.code(), ErrorCode::StoreTooNew);
    assert!(error
        .to_string()
        .contains(&dir.path().display().to_string()));
    let raw = raw_sled::open(dir.path());
    let version = raw
        .open_tree("meta")
        .expect("meta")
        .get("schema_version")
        .expect("get");
    assert_eq!(
        version.as_deref(),
        Some(&(SCHEMA_VERSION + 7).to_be_bytes()[..])
    );
}

#[test]
fn a_second_open_of_a_held_folder_names_the_folder_instead_of_panicking() {
    let (dir, clock, _first) = opened(born());
    let error = Workspace::open(dir.path(), clock)
        .err()
        .expect("second open fails");
    assert!(matches!(error, EngineError::Locked { .. }), "{error:?}");
    assert_eq!(error.code(), ErrorCode::StoreLocked);
    let message = error.to_string();
    assert!(
        message.contains(&dir.path().display().to_string()),
        "{message}"
    );
    assert!(message.contains("already in use"), "{message}");
}

#[test]
fn saved_preferences_survive_a_reopen() {
    let (dir, clock, ws) = opened(born());
    assert_eq!(ws.preferences().expect("prefs"), Preferences::default());
    ws.save_preferences(&Preferences {
        locale: Some(Locale::ZhTw),
        rep: Some("Budi".into()),
    })
    .expect("save");
    drop(ws);
    let ws = Workspace::open(dir.path(), clock).expect("reopen");
    assert_eq!(ws.preferences().expect("prefs").locale, Some(Locale::ZhTw));
    assert_eq!(
        ws.preferences().expect("prefs").rep.as_deref(),
        Some("Budi")
    );
    let counts = ws.status().expect("status").counts;
    let settings = counts.iter().find(|c| c.tree == "setting_by_name");
    assert_eq!(settings.map(|c| c.records), Some(1));
}

#[test]
fn a_version_1_store_gains_the_default_playbook_and_keeps_its_settings() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The fixture: what the first release wrote (schema 1: meta + settings, no Playbook).
    {
        let raw = raw_sled::open(dir.path());
        let meta = raw.open_tree("meta").expect("meta");
        meta.insert("schema_version", &1u32.to_be_bytes())
            .expect("insert");
        meta.insert("created_at", "2025-12-01T00:00:00+00:00".as_bytes())
            .expect("insert");
        raw.open_tree("setting_by_name")
            .expect("tree")
            .insert("preferences", br#"{"locale":"ms"}"#.to_vec())
            .expect("insert");
        raw.flush().expect("flush");
    }
    let ws = Workspace::open(dir.path(), clock(born())).expect("open migrates");
    assert!(!ws.is_fresh());
    assert_eq!(ws.status().expect("status").schema_version, SCHEMA_VERSION);
    let playbook = ws.playbook().expect("playbook");
    assert_eq!(
        (playbook.version, playbook.actor.as_str()),
        (1, "Laju defaults")
    );
    assert_eq!(playbook.playbook.engagement.mql_threshold, 50);
    assert_eq!(ws.preferences().expect("prefs").locale, Some(Locale::Ms));
}

/// A workspace with leads in several stages, some with activities and a pending handoff.
fn with_leads() -> (
    tempfile::TempDir,
    std::sync::Arc<laju_engine::FixedClock>,
    Workspace,
) {
    let (dir, clock, ws) = opened(born());
    ws.load_sample(40).expect("sample");
    (dir, clock, ws)
}

/// What a user sees of the leads: the list, the inbox and the funnel.
fn seen(ws: &Workspace) -> (String, String, String) {
    let list = ws
        .list_leads(&LeadQuery {
            limit: 1_000,
            ..LeadQuery::default()
        })
        .expect("list");
    let inbox = ws.inbox(&InboxQuery::default()).expect("inbox");
    let funnel = ws.funnel_report(&ReportQuery::default()).expect("funnel");
    (json(&list), json(&inbox), json(&funnel))
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("json")
}

fn backups(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("backups"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_schema_4_folder_becomes_one_record_per_lead_after_a_backup_and_shows_the_same() {
    let (dir, clock, ws) = with_leads();
    let before = seen(&ws);
    let leads = schema4::capture(&ws);
    assert_eq!(leads.len(), 40);
    drop(ws);
    schema4::write(dir.path(), &leads, 4);

    let ws = Workspace::open(dir.path(), clock.clone()).expect("upgrade");
    let status = ws.status().expect("status");
    assert_eq!(status.schema_version, SCHEMA_VERSION);
    let trees: Vec<_> = status
        .counts
        .iter()
        .map(|c| (c.tree.as_str(), c.records))
        .collect();
    assert_eq!(trees[0], ("lead_by_id", 40));
    assert_eq!(
        seen(&ws),
        before,
        "the list, the inbox and the funnel read as before"
    );
    let taken = backups(dir.path());
    assert_eq!(taken.len(), 1, "{taken:?}");
    assert!(taken[0].starts_with("before-schema-5-"), "{taken:?}");
    let info = laju_engine::backup::verify(&dir.path().join("backups").join(&taken[0]))
        .expect("the backup reads back");
    assert_eq!(info.leads, 40);
    drop(ws);
    let raw = raw_sled::open(dir.path());
    let names: Vec<_> = raw
        .tree_names()
        .into_iter()
        .map(|n| String::from_utf8_lossy(&n).into_owned())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n == "row_by_lead" || n == "history_by_lead"),
        "{names:?}"
    );
}

#[test]
fn a_conversion_cut_short_finishes_at_the_next_open_without_a_second_backup() {
    let (dir, clock, ws) = with_leads();
    let before = seen(&ws);
    let leads = schema4::capture(&ws);
    drop(ws);
    // As a kill halfway leaves it: the backup taken (the note says so), the first 15 leads
    // converted, the rest still in the schema-4 layout.
    schema4::write(dir.path(), &leads[15..], 4);
    {
        let raw = raw_sled::open(dir.path());
        raw.open_tree("meta")
            .expect("meta")
            .insert("converting_to_records", &[] as &[u8])
            .expect("insert");
        raw.flush().expect("flush");
    }
    let ws = Workspace::open(dir.path(), clock).expect("resumes");
    assert_eq!(ws.status().expect("status").schema_version, SCHEMA_VERSION);
    assert_eq!(seen(&ws), before);
    assert!(
        backups(dir.path()).is_empty(),
        "the first run took the backup"
    );
}

#[test]
fn a_damaged_record_names_its_lead_and_folder_and_opens_nothing() {
    let (dir, clock, ws) = with_leads();
    drop(ws);
    {
        let raw = raw_sled::open(dir.path());
        let leads = raw.open_tree("lead_by_id").expect("leads");
        let mut bytes = leads
            .get(7u64.to_be_bytes())
            .expect("get")
            .expect("lead 7")
            .to_vec();
        bytes.truncate(bytes.len() / 2);
        leads.insert(7u64.to_be_bytes(), bytes).expect("insert");
        raw.flush().expect("flush");
    }
    let error = Workspace::open(dir.path(), clock).err().expect("refused");
    let message = error.to_string();
    assert!(
        message.starts_with("Lead 7 in the data folder"),
        "{message}"
    );
    assert!(
        message.contains(&dir.path().display().to_string()),
        "{message}"
    );
    assert!(message.contains("backups"), "{message}");
}
