//! `laju report …` over the sample workspace, as a script reads it.

use crate::{laju, stderr, stdout};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = laju(dir, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON output")
}

#[test]
fn reports_answer_in_json_with_filters_and_refuse_bad_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    assert!(laju(d, &["sample"]).status.success());

    let funnel = json(d, &["report", "funnel", "--json"]);
    assert_eq!(funnel["overall"]["leads"], 300);
    let steps = funnel["overall"]["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 7, "Anonymous to Customer");
    assert_eq!(steps[3]["stage"], "sal");
    assert_eq!(steps[3]["band"]["low"], 15);

    let referral = json(
        d,
        &[
            "report", "funnel", "--source", "referral", "--by", "owner", "--json",
        ],
    );
    let total = referral["overall"]["leads"].as_u64().expect("leads");
    assert!(total > 0 && total < 300, "{total}");
    let grouped: u64 = referral["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| g["report"]["leads"].as_u64().expect("leads"))
        .sum();
    assert_eq!(
        grouped, total,
        "the owner groups add up to the filtered total"
    );

    for report in ["velocity", "stall", "black-holes", "sla"] {
        json(d, &["report", report, "--json"]);
    }
    let bad = laju(d, &["report", "funnel", "--from", "2026-13"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("01 to 12"), "{}", stderr(&bad));
}

#[test]
fn ten_weeks_on_the_black_holes_hold_the_stuck_sample_leads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    assert!(laju(d, &["sample"]).status.success());
    let out = Command::new(env!("CARGO_BIN_EXE_laju"))
        .args(["report", "black-holes", "--json"])
        .env("LAJU_DATA_DIR", d)
        .env("LAJU_CLOCK_OFFSET_MINUTES", (70 * 24 * 60).to_string())
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let holes: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    for hole in holes["holes"].as_array().expect("holes") {
        let total = hole["total"].as_u64().expect("total");
        assert!(total > 0, "{}: empty", hole["kind"]);
        assert_eq!(
            hole["leads"].as_array().map(|l| l.len() as u64),
            Some(total)
        );
    }
}

/// The value figures as a script reads them: the funnel's money per currency appears in the
/// text as in the JSON, and velocity's deal-size bands are the Playbook's, every won deal in a
/// band, in no band for want of a rate, or without a value.
#[test]
fn funnel_and_velocity_carry_the_deal_values_in_json_and_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    assert!(laju(d, &["sample"]).status.success());
    let playbook = json(d, &["playbook", "--json"]);
    let rules = &playbook["playbook"]["money"];

    let funnel = json(d, &["report", "funnel", "--json"]);
    let money = &funnel["overall"]["money"];
    assert_eq!(money["workspaceCurrency"], rules["currency"]);
    let text = stdout(&laju(d, &["report", "funnel"]));
    for figures in money["currencies"].as_array().expect("currencies") {
        let won = figures["wonDeals"].as_u64().expect("count");
        let line = format!(
            "{}: won {won} deal{}",
            figures["currency"].as_str().expect("code"),
            if won == 1 { "" } else { "s" }
        );
        assert!(text.contains(&line), "{line} in\n{text}");
    }

    let velocity = json(d, &["report", "velocity", "--json"]);
    let split = &velocity["overall"]["byDealSize"];
    let bands = split["bands"].as_array().expect("bands");
    let sizes = rules["dealSizes"].as_array().expect("sizes");
    let pairs = |rows: &[Value]| -> Vec<(Value, Value)> {
        rows.iter()
            .map(|b| (b["size"].clone(), b["upTo"].clone()))
            .collect()
    };
    assert_eq!(pairs(bands), pairs(sizes));
    let count = |v: &Value| v.as_u64().expect("count");
    let placed: u64 = bands.iter().map(|b| count(&b["won"])).sum();
    assert_eq!(
        placed + count(&split["unbandedWon"]) + count(&split["wonWithoutValue"]),
        count(&velocity["overall"]["won"])
    );
    let text = stdout(&laju(d, &["report", "velocity"]));
    let heading = format!(
        "By deal size ({})",
        rules["currency"].as_str().expect("set")
    );
    assert!(text.contains(&heading), "{text}");
}
