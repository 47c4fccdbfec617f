//! `laju review` over the sample workspace, as a script and a person read it.

use crate::{laju, stderr, stdout};
use serde_json::Value;
use std::path::Path;

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = laju(dir, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON output")
}

fn month(yyyymm: &Value) -> String {
    let n = yyyymm.as_u64().expect("a yyyymm month");
    format!("{}-{:02}", n / 100, n % 100)
}

#[test]
fn the_review_prints_a_verdict_per_line_and_its_cohort_is_the_funnel_reports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    assert!(laju(d, &["sample"]).status.success());

    // Without --quarter: the current one, marked as such.
    let review = json(d, &["review", "--json"]);
    let key = review["quarter"]["key"].as_str().expect("key").to_string();
    let asked = json(d, &["review", "--quarter", &key, "--json"]);
    assert_eq!(asked, review, "--quarter {key} is the default");
    assert_eq!(review["quarter"]["current"], true);

    let (from, to) = (
        month(&review["quarter"]["firstMonth"]),
        month(&review["quarter"]["lastMonth"]),
    );
    let funnel = json(
        d,
        &["report", "funnel", "--from", &from, "--to", &to, "--json"],
    );
    assert_eq!(review["leads"], funnel["overall"]["leads"]);
    let steps = funnel["overall"]["steps"].as_array().expect("steps");
    let banded: Vec<&Value> = steps.iter().filter(|s| !s["band"].is_null()).collect();
    let lines = review["conversion"].as_array().expect("conversion lines");
    assert_eq!(lines.len(), banded.len(), "a line per agreed band");
    for (line, step) in lines.iter().zip(banded) {
        assert_eq!(line["to"], step["stage"]);
        assert_eq!(line["reached"], step["reached"]);
        let verdict = match step["verdict"].as_str() {
            Some("below") => "missed",
            Some(_) => "kept",
            None => "noData",
        };
        assert_eq!(line["verdict"], verdict, "{}", step["stage"]);
    }
    let holes = json(
        d,
        &[
            "report",
            "black-holes",
            "--from",
            &from,
            "--to",
            &to,
            "--json",
        ],
    );
    let totals: Vec<&Value> = holes["holes"]
        .as_array()
        .expect("holes")
        .iter()
        .map(|h| &h["total"])
        .collect();
    let lines: Vec<&Value> = review["blackHoles"]
        .as_array()
        .expect("hole lines")
        .iter()
        .map(|l| &l["total"])
        .collect();
    assert_eq!(lines, totals);

    // The text: every line of the review starts with its verdict word.
    let out = laju(d, &["review", "--quarter", &key]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(&format!("Quarterly review {key}")), "{text}");
    let version = review["agreement"]["version"].as_u64().expect("version");
    assert!(
        text.contains(&format!("Held to Playbook version {version}")),
        "{text}"
    );
    let worded = |word: &str| {
        text.lines()
            .filter(|l| l.starts_with(&format!("  {word} ")))
            .count() as u64
    };
    let tally = &review["tally"];
    assert_eq!(worded("kept"), tally["kept"].as_u64().expect("kept"));
    assert_eq!(worded("missed"), tally["missed"].as_u64().expect("missed"));
    assert_eq!(
        worded("no data"),
        tally["noData"].as_u64().expect("no data")
    );
}

#[test]
fn a_malformed_quarter_is_refused_with_the_form_and_an_empty_one_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    assert!(laju(d, &["sample"]).status.success());
    for bad in ["2026Q5", "Q4"] {
        let out = laju(d, &["review", "--quarter", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let message = stderr(&out);
        assert!(
            message.contains(&format!("\"{bad}\" is not a quarter")),
            "{message}"
        );
        assert!(message.contains("use the form 2026Q4"), "{message}");
    }
    let out = laju(d, &["review", "--quarter", "2020Q1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).trim(),
        "No leads were created in 2020Q1 (2020-01 to 2020-03): there is nothing to review."
    );
    let empty = json(d, &["review", "--quarter", "2020Q1", "--json"]);
    assert_eq!(empty["leads"], 0);
    assert_eq!(empty["conversion"], Value::Array(Vec::new()));
}
