//! `laju import FILE --kind activities` as a user runs it: an email tool's export attached to
//! the leads it names, counts that add up, and a second run that adds nothing.

use crate::{laju, stderr, stdout};
use serde_json::Value;
use std::path::Path;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = laju(dir, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON")
}

#[test]
fn a_mailchimp_activity_export_attaches_to_leads_once_however_often_it_is_imported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let leads = d.join("leads.csv");
    std::fs::write(
        &leads,
        "Name,Email,Company\nAisha Rahman,aisha@kedai.my,Kedai Aisha\nBudi Santoso,budi@warung.id,Warung Budi\n",
    )
    .expect("write");
    let leads = leads.to_string_lossy().into_owned();
    assert_eq!(json(d, &["import", &leads, "--json"])["imported"], 2);

    let file = fixture("mailchimp-activity.csv");
    let first = json(d, &["import", &file, "--preset", "mailchimp", "--json"]);
    // Aisha's open and click and Budi's open attach; the bounce names an address no lead has,
    // which becomes a new lead (an anonymous one: no name yet).
    let counts = |r: &Value| {
        ["rows", "imported", "merged", "alreadyThere", "rejected"].map(|k| r[k].as_u64().expect(k))
    };
    assert_eq!(counts(&first), [4, 1, 3, 0, 0]);
    assert_eq!(
        first["moved"]["unnamed"], 1,
        "the bounced address has no name"
    );
    assert_eq!(first["kind"], "activities");
    assert_eq!(first["balanced"], true);

    let again = laju(d, &["import", &file, "--preset", "mailchimp"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stdout(&again).starts_with(
            "4 rows: 0 created a lead, 0 attached to a lead, 4 already there, 0 rejected"
        ),
        "{}",
        stdout(&again)
    );

    let list = json(d, &["lead", "list", "--search", "aisha", "--json"]);
    let id = list["rows"][0]["id"]
        .as_u64()
        .expect("aisha's id")
        .to_string();
    let aisha = json(d, &["lead", "show", &id, "--json"]);
    let activities = aisha["activities"].as_array().expect("activities");
    let from_mailchimp = activities
        .iter()
        .filter(|a| a["source"] == "mailchimp")
        .count();
    assert_eq!(from_mailchimp, 2, "{activities:?}");
}

#[test]
fn rows_an_activities_import_cannot_place_are_named_on_stdout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let file = d.join("visits.csv");
    std::fs::write(
        &file,
        "When,Kind,Visitor,Email\n2026-05-02,pageVisit,V-1,\n2026-05-03,newsletterSignup,,ali@kedai.my\n",
    )
    .expect("write");
    let map = d.join("map.json");
    std::fs::write(
        &map,
        r#"{"columns": {"When": "activity.at", "Kind": "activity.kind", "Visitor": "activity.visitorId", "Email": "contact.email"}}"#,
    )
    .expect("write");
    let out = laju(
        d,
        &[
            "import",
            &file.to_string_lossy(),
            "--kind",
            "activities",
            "--map",
            &map.to_string_lossy(),
            "--source",
            "website",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "2 rows: 1 created a lead, 0 attached to a lead, 0 already there, 1 rejected"
        ),
        "{text}"
    );
    assert!(
        text.contains("line 3 [Kind]: “newsletterSignup” is not an activity kind"),
        "{text}"
    );
}

#[test]
fn the_same_export_downloaded_twice_adds_nothing_the_second_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let map = d.join("map.json");
    std::fs::write(
        &map,
        r#"{"columns": {"When": "activity.at", "Kind": "activity.kind", "Visitor": "activity.visitorId"}}"#,
    )
    .expect("write");
    let map = map.to_string_lossy().into_owned();
    let rows = "When,Kind,Visitor\n2026-05-02,pricingVisit,V-1\n2026-05-03,pricingVisit,V-1\n";
    let mut sources = Vec::new();
    // A browser saves the second download as "visits (1).csv"; no preset names the source.
    for name in ["visits.csv", "visits (1).csv"] {
        let file = d.join(name);
        std::fs::write(&file, rows).expect("write");
        let file = file.to_string_lossy().into_owned();
        let args = [
            "import",
            &file,
            "--kind",
            "activities",
            "--map",
            &map,
            "--json",
        ];
        let report = json(d, &args);
        sources.push([
            report["imported"].clone(),
            report["merged"].clone(),
            report["alreadyThere"].clone(),
        ]);
    }
    assert_eq!(
        sources[0],
        [1, 1, 0].map(Value::from),
        "a visitor lead, then its second visit"
    );
    assert_eq!(
        sources[1],
        [0, 0, 2].map(Value::from),
        "the copy is the same source"
    );
}

#[test]
fn an_export_recognised_by_its_columns_imports_as_its_preset_says() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let file = fixture("eloqua-activities.csv");
    let plain = json(d, &["import", &file, "--dry-run", "--json"]);
    let preset = json(
        d,
        &["import", &file, "--preset", "eloqua", "--dry-run", "--json"],
    );
    assert_eq!(
        plain["kind"], "activities",
        "Eloqua's columns without --preset"
    );
    for key in ["rows", "imported", "merged", "alreadyThere", "rejected"] {
        assert_eq!(plain[key], preset[key], "{key}");
    }
}
