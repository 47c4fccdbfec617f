//! `laju playbook what-if DRAFT.json [--json]` over the sample workspace, the draft made the
//! way a user would: `laju playbook --json`, edited.

use crate::{laju, stderr, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = laju(dir, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON output")
}

/// `laju playbook --json`, edited by `edit`, saved beside the workspace's folder.
fn draft(dir: &Path, name: &str, edit: impl FnOnce(&mut Value)) -> PathBuf {
    let mut saved = json(dir, &["playbook", "--json"]);
    edit(&mut saved);
    let path = dir.parent().expect("a parent").join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&saved).expect("json")).expect("write");
    path
}

/// A temporary folder holding the workspace (`ws`) and the drafts beside it.
struct Folder(tempfile::TempDir);

impl Folder {
    fn new() -> Folder {
        Folder(tempfile::tempdir().expect("tempdir"))
    }

    fn path(&self) -> PathBuf {
        self.0.path().join("ws")
    }
}

fn sample() -> Folder {
    let dir = Folder::new();
    let out = laju(&dir.path(), &["sample"]);
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

#[test]
fn json_output_has_the_figures_and_its_current_column_is_the_reports() {
    let dir = sample();
    let d = &dir.path();
    let lower = draft(d, "lower.json", |v| {
        v["playbook"]["engagement"]["mqlThreshold"] = 40.into();
    });
    let w = json(
        d,
        &[
            "playbook",
            "what-if",
            lower.to_str().expect("path"),
            "--json",
        ],
    );
    assert_eq!(w["leads"], 300);
    let funnel = json(d, &["report", "funnel", "--json"]);
    let steps = funnel["overall"]["steps"].as_array().expect("steps");
    let compared = w["funnel"].as_array().expect("funnel");
    assert_eq!(compared.len(), steps.len());
    for (pair, real) in compared.iter().zip(steps) {
        assert_eq!(pair["current"], *real, "{}", real["stage"]);
    }
    let sla = json(d, &["report", "sla", "--json"]);
    assert_eq!(w["sla"]["current"], sla["overall"]["overall"]);

    let (current, draft) = (&w["mqls"]["current"], &w["mqls"]["draft"]);
    let new = w["mqlChanges"]["new"].as_u64().expect("new");
    assert!(new > 0, "{}", w["mqlChanges"]);
    assert_eq!(draft.as_u64(), current.as_u64().map(|c| c + new));
    assert_eq!(
        compared[2]["draft"]["reached"].as_u64(),
        compared[2]["current"]["reached"].as_u64().map(|c| c + new),
        "the MQL step gains the new MQLs"
    );
    let changed = w["changedLeads"].as_array().expect("changed leads");
    let to_mql = changed
        .iter()
        .filter(|l| l["stage"]["current"] == "known" && l["stage"]["draft"] == "mql")
        .count() as u64;
    assert_eq!(to_mql, new);
    let lead = laju(
        d,
        &["lead", "show", &changed[0]["id"].to_string(), "--json"],
    );
    let lead: Value = serde_json::from_str(&stdout(&lead)).expect("lead JSON");
    assert_eq!(lead["lead"]["stage"], "known", "nothing was moved");
    assert_eq!(
        lead["lead"]["profile"]["contact"]["name"],
        changed[0]["name"]
    );
}

#[test]
fn a_text_run_prints_the_two_columns_side_by_side() {
    let dir = sample();
    let d = &dir.path();
    let lower = draft(d, "lower.json", |v| {
        v["playbook"]["engagement"]["mqlThreshold"] = 40.into();
    });
    let path = lower.to_str().expect("path");
    let w = json(d, &["playbook", "what-if", path, "--json"]);
    let out = laju(d, &["playbook", "what-if", path]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("nothing written"), "{text}");
    let header = text.lines().nth(1).expect("a header");
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        ["current", "draft"]
    );
    let mqls = text
        .lines()
        .find(|l| l.starts_with("MQLs"))
        .expect("an MQL row");
    assert_eq!(
        mqls.split_whitespace().collect::<Vec<_>>(),
        [
            "MQLs".to_string(),
            w["mqls"]["current"].to_string(),
            w["mqls"]["draft"].to_string()
        ]
    );
    let changed = format!("{} leads change", w["changed"]["leads"]);
    assert!(text.contains(&changed), "{text}");
    assert!(text.contains("Known lead → MQL"), "{text}");
    assert!(
        text.contains("what sales would then have done is unknown"),
        "{text}"
    );
}

#[test]
fn the_playbook_in_force_as_a_draft_changes_nothing_and_a_bare_playbook_is_read_too() {
    let dir = sample();
    let d = &dir.path();
    let same = draft(d, "same.json", |_| {});
    let w = json(
        d,
        &[
            "playbook",
            "what-if",
            same.to_str().expect("path"),
            "--json",
        ],
    );
    assert_eq!(w["mqls"]["current"], w["mqls"]["draft"]);
    assert_eq!(w["changed"]["leads"], 0);
    let bare = draft(d, "bare.json", |v| *v = v["playbook"].take());
    let out = laju(d, &["playbook", "what-if", bare.to_str().expect("path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("0 leads change"), "{}", stdout(&out));
    // `laju playbook` itself still shows the Playbook in force.
    let shown = laju(d, &["playbook"]);
    assert!(
        stdout(&shown).starts_with("Playbook version 2"),
        "{}",
        stdout(&shown)
    );
}

#[test]
fn a_draft_that_is_invalid_or_not_a_playbook_is_refused_with_the_reason() {
    let dir = sample();
    let d = &dir.path();
    let heavy = draft(d, "heavy.json", |v| {
        v["playbook"]["composite"]["fit"] = 40.into();
    });
    let out = laju(d, &["playbook", "what-if", heavy.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "The draft cannot be previewed: composite — The composite weights add up to 110%"
        ),
        "{}",
        stderr(&out)
    );
    let broken = d.with_file_name("broken.json");
    std::fs::write(&broken, "{ \"playbook\": { \"stages\": [] } }").expect("write");
    let out = laju(d, &["playbook", "what-if", broken.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is not a Playbook"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("missing field"), "{}", stderr(&out));
    let out = laju(d, &["playbook", "what-if", "/nowhere/draft.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("could not be read"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_empty_workspace_says_there_is_nothing_to_replay() {
    let dir = Folder::new();
    let d = &dir.path();
    let same = draft(d, "same.json", |_| {});
    let out = laju(d, &["playbook", "what-if", same.to_str().expect("path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("The workspace has no leads yet: there is no history to replay."),
        "{}",
        stdout(&out)
    );
}
