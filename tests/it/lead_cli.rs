//! `laju lead …` and `laju score` as a script or a user at a terminal uses them.

use crate::{laju, stderr, stdout};
use serde_json::Value;
use std::path::Path;

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = laju(dir, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON output")
}

fn add(dir: &Path, args: &[&str]) -> u64 {
    let mut all = vec!["lead", "add", "--json"];
    all.extend_from_slice(args);
    json(dir, &all)["lead"]["id"].as_u64().expect("id")
}

#[test]
fn the_seed_examples_score_84_and_38_through_the_cli() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let referral = add(
        d,
        &[
            "--name",
            "Hendra",
            "--email",
            "hendra@toko.co.id",
            "--title",
            "Owner",
            "--company",
            "Toko Baju",
            "--employees",
            "25",
            "--industry",
            "Retail",
            "--source",
            "referral",
        ],
    );
    let moved = json(
        d,
        &["lead", "move", &referral.to_string(), "markMql", "--json"],
    );
    assert_eq!(moved["lead"]["stage"], "mql");
    let score = json(d, &["score", &referral.to_string(), "--json"]);
    assert_eq!(score["priority"]["total"], 84);

    let listed = add(
        d,
        &[
            "--name",
            "Lim",
            "--phone",
            "+60 3-1234 5678",
            "--title",
            "Manager",
            "--employees",
            "80",
            "--industry",
            "Mining",
            "--source",
            "database",
        ],
    );
    let out = laju(d, &["score", &listed.to_string(), "--explain"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("priority    38"), "{text}");
    for line in ["database 30 × 30%", "raw 20 × 40%", "nearIcp 70 × 30%"] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
}

#[test]
fn a_gated_move_fails_with_the_unmet_criteria_and_list_shows_the_lead() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let id = add(d, &["--name", "Budi", "--email", "budi@warung.id"]).to_string();
    let out = laju(d, &["lead", "move", &id, "accept", "--owner", "Rina"]);
    assert!(!out.status.success(), "a Known lead cannot be accepted");
    assert!(
        stderr(&out).contains("allowed: markMql, disqualify"),
        "{}",
        stderr(&out)
    );

    json(d, &["lead", "move", &id, "markMql", "--json"]);
    json(
        d,
        &["lead", "move", &id, "accept", "--owner", "Rina", "--json"],
    );
    let out = laju(d, &["lead", "move", &id, "qualify"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for word in ["Budget", "Authority", "Need", "Timeline"] {
        assert!(err.contains(word), "{err}");
    }
    assert!(!err.contains("panicked"));

    let shown = stdout(&laju(d, &["lead", "show", &id]));
    assert!(shown.contains("stage       SAL"), "{shown}");
    assert!(shown.contains("qualify → SQL (blocked)"), "{shown}");
    assert!(shown.contains("by rule: Contact captured"), "{shown}");

    let listed = stdout(&laju(d, &["lead", "list", "--stage", "sal"]));
    assert!(
        listed.contains("Budi") && listed.contains("Rina"),
        "{listed}"
    );
    assert!(listed.contains("1 of 1 leads"), "{listed}");
}

#[test]
fn bad_input_is_refused_with_the_field_and_nothing_is_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let out = laju(d, &["lead", "add", "--name", "Ana", "--email", "ana@"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("contact.email"), "{}", stderr(&out));
    let out = laju(d, &["lead", "list", "--stage", "nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("closedLost"), "{}", stderr(&out));
    let page = json(d, &["lead", "list", "--json"]);
    assert_eq!(page["all"], 0);
}

#[test]
fn a_duplicate_is_named_and_merged_into_the_first_lead() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let first = add(d, &["--name", "Dewi", "--email", "dewi@batik.co.id"]);
    let twin = add(
        d,
        &[
            "--name",
            "Dewi L.",
            "--email",
            "Dewi@batik.co.id",
            "--phone",
            "+62 812 3456 7890",
        ],
    );
    let shown = json(d, &["lead", "show", &twin.to_string(), "--json"]);
    assert_eq!(shown["duplicateOf"], first);
    let kept = json(
        d,
        &[
            "lead",
            "merge",
            &first.to_string(),
            &twin.to_string(),
            "--json",
        ],
    );
    assert_eq!(
        kept["lead"]["profile"]["contact"]["phone"],
        "+62 812 3456 7890"
    );
    let merged = json(d, &["lead", "show", &twin.to_string(), "--json"]);
    assert_eq!(merged["lead"]["stage"], "disqualified");
    let again = laju(d, &["lead", "merge", &first.to_string(), &twin.to_string()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already merged"),
        "{}",
        stderr(&again)
    );
}
