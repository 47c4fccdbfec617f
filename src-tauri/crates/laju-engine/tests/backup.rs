//! Backup and restore of a whole workspace through real sled folders: what comes back is what
//! went in, and a bad file or a busy folder changes nothing.

mod support;

use chrono::Duration;
use laju_core::activity::ActivityKind;
use laju_core::lead::LeadProfile;
use laju_core::lifecycle::LifecycleEvent;
use laju_engine::backup::{self, BackupInfo, RestoreOutcome};
use laju_engine::leads::{LeadQuery, LogActivity, MoveLead, MoveOutcome, SaveOutcome};
use laju_engine::{Workspace, SCHEMA_VERSION};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use support::{clock, morning, opened};

/// The workspace at `dir`, made if it is not there yet: these tests lay out folders side by side.
fn open(dir: &Path) -> Workspace {
    Workspace::open(dir, clock(morning(3, 2))).expect("open")
}

const LEADS: u64 = 6;

fn move_to(ws: &Workspace, id: u64, event: LifecycleEvent) {
    match ws.move_lead(MoveLead { id, event }, "Rina").expect("move") {
        MoveOutcome::Moved { .. } => {}
        MoveOutcome::Refused { message, .. } => panic!("{message}"),
    }
}

/// Six leads on different paths, with history, activities, a handoff and an ending.
fn seeded(dir: &Path) -> Workspace {
    let ws = open(dir);
    let ids: Vec<u64> = (0..LEADS)
        .map(|n| {
            let mut p = LeadProfile::default();
            p.contact.name = format!("Lead {n}");
            p.contact.email = format!("lead{n}@kedai.my");
            p.company.name = "Kedai".into();
            match ws.create_lead(p, "t").expect("create") {
                SaveOutcome::Saved { detail } => detail.lead.id,
                SaveOutcome::Invalid { problems } => panic!("{problems:?}"),
            }
        })
        .collect();
    ws.log_activity(
        LogActivity {
            id: ids[0],
            kind: ActivityKind::DemoRequest,
            at: None,
            note: "asked for a demo".into(),
        },
        "t",
    )
    .expect("activity");
    move_to(&ws, ids[1], LifecycleEvent::MarkMql);
    move_to(&ws, ids[2], LifecycleEvent::MarkMql);
    move_to(
        &ws,
        ids[2],
        LifecycleEvent::Accept {
            owner: "Rina".into(),
        },
    );
    move_to(
        &ws,
        ids[3],
        LifecycleEvent::Disqualify {
            reason: "Student".into(),
        },
    );
    ws
}

fn lead_ids(ws: &Workspace) -> Vec<u64> {
    let page = ws
        .list_leads(&LeadQuery {
            limit: 1000,
            ..LeadQuery::default()
        })
        .expect("list");
    let mut ids: Vec<u64> = page.rows.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    ids
}

/// Every lead's whole detail (profile, stage, history, activities, scores), as JSON.
fn details(ws: &Workspace) -> Vec<serde_json::Value> {
    lead_ids(ws)
        .into_iter()
        .map(|id| serde_json::to_value(ws.lead_detail(id).expect("detail")).expect("json"))
        .collect()
}

/// A seeded workspace in `<root>/workspace`, closed, with its backup at `<root>/laju.lajubak`,
/// and its leads as they were backed up.
fn backed_up() -> (tempfile::TempDir, PathBuf, PathBuf, Vec<serde_json::Value>) {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("workspace");
    let file = root.path().join("laju.lajubak");
    let ws = seeded(&dir);
    ws.backup_to(&file).expect("backup");
    let before = details(&ws);
    (root, dir, file, before)
}

/// The folders beside `dir` (restores leave theirs there).
fn siblings(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.parent().expect("parent"))
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_restored_backup_holds_the_same_leads_and_keeps_the_old_folder() {
    let root = tempfile::tempdir().expect("tempdir");
    let original = root.path().join("original");
    let ws = seeded(&original);
    let file = root.path().join("saved").join("laju.lajubak");
    let made = ws.backup_to(&file).expect("backup");
    assert_eq!(made.leads, LEADS);
    assert_eq!(made.created_at, morning(3, 2));
    assert_eq!(made.bytes, std::fs::metadata(&file).expect("file").len());
    let before = details(&ws);
    let status = ws.status().expect("status");
    let highest = *lead_ids(&ws).last().expect("leads");
    drop(ws);

    let checked: BackupInfo = backup::verify(&file).expect("verified");
    assert_eq!(checked, made);

    // Into a folder that does not exist yet.
    let fresh = root.path().join("fresh");
    let restored = backup::restore(&file, &fresh, morning(3, 2)).expect("restore");
    assert_eq!(restored.backup.leads, LEADS);
    assert_eq!(restored.previous, None);
    let ws = open(&fresh);
    assert_eq!(
        details(&ws),
        before,
        "every lead, its history and activities"
    );
    assert_eq!(
        ws.status().expect("status").counts,
        status.counts,
        "every tree"
    );
    let mut p = LeadProfile::default();
    p.contact.name = "After the restore".into();
    let SaveOutcome::Saved { detail } = ws.create_lead(p, "t").expect("create") else {
        panic!("invalid")
    };
    assert!(
        detail.lead.id > highest,
        "a new lead never reuses an id: {} after {highest}",
        detail.lead.id
    );
    drop(ws);
    let ws = open(&fresh);
    let mut p = LeadProfile::default();
    p.contact.name = "After a reopen".into();
    let SaveOutcome::Saved { detail: next } = ws.create_lead(p, "t").expect("create") else {
        panic!("invalid")
    };
    assert!(next.lead.id > detail.lead.id);
    drop(ws);

    // Over a workspace that has other leads: it is kept aside, whole, with its daily backups.
    let other = root.path().join("other");
    let ws = open(&other);
    ws.auto_backup(morning(3, 2))
        .expect("daily")
        .expect("written");
    let mut p = LeadProfile::default();
    p.contact.name = "Only here".into();
    ws.create_lead(p, "t").expect("create");
    drop(ws);
    let later = morning(3, 2) + Duration::hours(1);
    let restored = backup::restore(&file, &other, later).expect("restore");
    let aside = root.path().join("other.before-restore-20260302-090000");
    assert_eq!(restored.previous.as_deref(), Some(aside.as_path()));
    assert_eq!(
        lead_ids(&open(&aside)).len(),
        1,
        "the old workspace is intact"
    );
    let ws = open(&other);
    assert_eq!(details(&ws), before);
    assert_eq!(
        ws.list_backups().expect("list").len(),
        1,
        "daily backups moved along"
    );
    assert!(
        !siblings(&other).iter().any(|n| n.contains("restoring")),
        "{:?}",
        siblings(&other)
    );
}

#[test]
fn a_damaged_file_is_refused_and_the_folder_is_untouched() {
    let (root, dir, file, before) = backed_up();

    let mut bytes = std::fs::read(&file).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    let damaged = root.path().join("damaged.lajubak");
    std::fs::write(&damaged, &bytes).expect("write");
    let listing = siblings(&dir);

    let error = backup::verify(&damaged).expect_err("a flipped bit is caught");
    assert!(error.to_string().contains("damaged"), "{error}");
    let error = backup::restore(&damaged, &dir, morning(3, 2)).expect_err("refused");
    assert!(error.to_string().contains("checksum"), "{error}");
    assert_eq!(siblings(&dir), listing, "no folder made or moved");
    assert_eq!(details(&open(&dir)), before);

    let cut = root.path().join("cut.lajubak");
    std::fs::write(&cut, &bytes[..middle]).expect("write");
    assert!(backup::verify(&cut).is_err());
    let text = root.path().join("notes.txt");
    std::fs::write(&text, "not a backup at all, just some words").expect("write");
    let error = backup::verify(&text).expect_err("refused");
    assert!(error.to_string().contains("not a Laju backup"), "{error}");
}

#[test]
fn a_backup_from_a_newer_laju_is_refused() {
    let (_dir, _, ws) = opened(morning(3, 2));
    let root = tempfile::tempdir().expect("tempdir");
    let file = root.path().join("laju.lajubak");
    ws.backup_to(&file).expect("backup");
    drop(ws);

    // Rewrite the header's schema and the checksum, as a newer Laju would have written them.
    let bytes = std::fs::read(&file).expect("read");
    let content = &bytes[..bytes.len() - 32];
    let now = format!("\"schemaVersion\":{SCHEMA_VERSION}");
    let newer = format!("\"schemaVersion\":{}", SCHEMA_VERSION + 1);
    assert_eq!(now.len(), newer.len());
    let found = content
        .windows(now.len())
        .position(|w| w == now.as_bytes())
        .expect("schema in the header");
    let mut content = content.to_vec();
    content[found..found + newer.len()].copy_from_slice(newer.as_bytes());
    let digest = Sha256::digest(&content);
    content.extend_from_slice(&digest);
    std::fs::write(&file, &content).expect("write");

    let error = backup::verify(&file).expect_err("refused");
    assert!(error.to_string().contains("newer Laju"), "{error}");
    let target = root.path().join("target");
    assert!(backup::restore(&file, &target, morning(3, 2)).is_err());
    assert!(!target.exists());
}

#[test]
fn a_folder_in_use_is_not_restored_over() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("workspace");
    let ws = seeded(&dir);
    let file = root.path().join("laju.lajubak");
    ws.backup_to(&file).expect("backup");
    let listing = siblings(&dir);

    let error = backup::restore(&file, &dir, morning(3, 2)).expect_err("the folder is open");
    assert!(error.to_string().contains("already in use"), "{error}");
    assert_eq!(siblings(&dir), listing);
    assert_eq!(lead_ids(&ws).len() as u64, LEADS);
}

#[test]
fn the_daily_backup_runs_once_a_day_and_keeps_the_newest_seven() {
    let root = tempfile::tempdir().expect("tempdir");
    let ws = seeded(&root.path().join("workspace"));
    for day in 0..10 {
        let now = morning(3, 2) + Duration::days(day);
        let written = ws.auto_backup(now).expect("backup");
        let name = format!("laju-{}.lajubak", now.format("%Y-%m-%d"));
        assert!(written.expect("today's").ends_with(&name));
        let again = ws.auto_backup(now + Duration::hours(3)).expect("backup");
        assert_eq!(again, None, "one a day");
    }
    let kept = ws.list_backups().expect("list");
    let days: Vec<String> = kept
        .iter()
        .map(|b| b.created_at.format("%m-%d").to_string())
        .collect();
    assert_eq!(
        days,
        ["03-11", "03-10", "03-09", "03-08", "03-07", "03-06", "03-05"],
        "newest first"
    );
    assert!(kept.iter().all(|b| b.leads == LEADS && b.bytes > 0));
    let files = std::fs::read_dir(root.path().join("workspace").join("backups"))
        .expect("dir")
        .count();
    assert_eq!(files, 7, "nothing else left behind");
}

#[test]
fn a_restore_staged_for_the_next_start_reports_what_it_restored_once() {
    let (root, dir, file, before) = backed_up();
    let ws = open(&dir);
    let mut p = LeadProfile::default();
    p.contact.name = "Added after the backup".into();
    ws.create_lead(p, "t").expect("create");
    drop(ws);
    let clock = clock(morning(3, 2));
    assert_eq!(backup::finish_pending_restore(&dir, clock.as_ref()), None);

    backup::stage_restore(&dir, &file).expect("staged");
    let outcome = backup::finish_pending_restore(&dir, clock.as_ref()).expect("an outcome");
    let aside = root.path().join("workspace.before-restore-20260302-080000");
    let RestoreOutcome::Restored { backup, previous } = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(backup.leads, LEADS);
    assert_eq!(previous.as_deref(), Some(aside.to_str().expect("utf-8")));
    assert_eq!(details(&open(&dir)), before);
    assert_eq!(
        backup::finish_pending_restore(&dir, clock.as_ref()),
        None,
        "done once, not at every start"
    );
}

#[test]
fn a_restore_staged_for_the_next_start_that_fails_says_why_and_changes_nothing() {
    let (_root, dir, file, before) = backed_up();
    let listing = siblings(&dir);

    backup::stage_restore(&dir, &file).expect("staged");
    // Damaged between the check when it was staged and the restart.
    let mut bytes = std::fs::read(&file).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&file, &bytes).expect("write");
    let clock = clock(morning(3, 2));
    let outcome = backup::finish_pending_restore(&dir, clock.as_ref()).expect("an outcome");

    let RestoreOutcome::Failed { path, error } = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(path, file.display().to_string());
    assert!(error.message.contains("checksum"), "{error:?}");
    assert_eq!(
        siblings(&dir),
        listing,
        "no folder made or moved, no note left"
    );
    assert_eq!(details(&open(&dir)), before);
    assert_eq!(
        backup::finish_pending_restore(&dir, clock.as_ref()),
        None,
        "not retried at every start"
    );
}
