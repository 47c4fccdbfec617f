//! `laju inbox`, `accept`, `reject` and `tick` over the sample workspace (its team and its MQLs).

use crate::{laju, stderr, stdout};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = laju(dir, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON output")
}

fn waiting(dir: &Path) -> Vec<Value> {
    json(dir, &["inbox", "--json"])["items"]
        .as_array()
        .expect("items")
        .clone()
}

#[test]
fn the_inbox_lists_mqls_by_deadline_and_accept_and_reject_settle_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    assert!(laju(d, &["sample"]).status.success());
    let items = waiting(d);
    assert!(
        items.len() >= 3,
        "the sample has MQLs waiting: {}",
        items.len()
    );
    let deadlines: Vec<&str> = items
        .iter()
        .map(|i| i["handoff"]["deadline"].as_str().expect("deadline"))
        .collect();
    let mut sorted = deadlines.clone();
    sorted.sort();
    assert_eq!(deadlines, sorted, "earliest deadline first");

    let first = items[0]["lead"]["id"].as_u64().expect("id").to_string();
    let assignee = items[0]["handoff"]["assignment"]["rep"].clone();
    let accepted = json(d, &["accept", &first, "--json"]);
    assert_eq!(accepted["lead"]["stage"], "sal");
    assert_eq!(accepted["lead"]["profile"]["owner"], assignee);
    assert_eq!(
        accepted["lead"]["handoff"]["resolution"]["type"],
        "accepted"
    );

    let second = items[1]["lead"]["id"].as_u64().expect("id").to_string();
    let wrong = laju(d, &["reject", &second, "--code", "nonsense"]);
    assert!(!wrong.status.success());
    assert!(stderr(&wrong).contains("badContact"), "{}", stderr(&wrong));
    let rejected = json(
        d,
        &[
            "reject",
            &second,
            "--code",
            "badContact",
            "--note",
            "bounced",
            "--json",
        ],
    );
    assert_eq!(rejected["lead"]["stage"], "recycled");
    assert_eq!(
        rejected["lead"]["handoff"]["resolution"]["code"],
        "badContact"
    );
    assert_eq!(waiting(d).len(), items.len() - 2);

    let text = stdout(&laju(d, &["inbox"]));
    assert!(text.contains("left"), "a countdown per line: {text}");
    assert!(
        text.contains("follow-up tasks:"),
        "the accepted lead's first touch: {text}"
    );
}

#[test]
fn tick_with_the_clock_past_every_deadline_reassigns_each_waiting_mql() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    assert!(laju(d, &["sample"]).status.success());
    let before = waiting(d);
    let out = Command::new(env!("CARGO_BIN_EXE_laju"))
        .args(["tick", "--json"])
        .env("LAJU_DATA_DIR", d)
        // Three days on: past even the 48-hour database SLA.
        .env("LAJU_CLOCK_OFFSET_MINUTES", (3 * 24 * 60).to_string())
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let breaches = report["breaches"].as_array().expect("breaches");
    assert_eq!(breaches.len(), before.len());
    for notice in breaches {
        let b = &notice["breach"];
        assert_ne!(b["from"], b["to"], "{notice}");
        assert_eq!(b["manager"], "Farid");
    }
    for item in waiting(d) {
        assert_eq!(
            item["handoff"]["breaches"].as_array().map(Vec::len),
            Some(1)
        );
    }
    let again = laju(d, &["tick"]);
    assert!(stdout(&again).contains("0 breached"), "{}", stdout(&again));
}
