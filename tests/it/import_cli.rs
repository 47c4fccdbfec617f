//! `laju import` and `laju demo` as a user runs them: counts that add up, a dry run that writes
//! nothing, rejected rows saved to fix, progress on stderr.

use crate::{laju, stderr, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn leads(dir: &Path) -> u64 {
    let out = laju(dir, &["lead", "list", "--limit", "1", "--json"]);
    let list: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    list["all"].as_u64().expect("all")
}

#[test]
fn a_hubspot_export_imports_after_a_dry_run_and_saves_its_rejected_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let file = fixture("hubspot-contacts.csv");
    let file = file.to_str().expect("path");
    let dry = laju(
        d,
        &["import", file, "--preset", "hubspot", "--dry-run", "--json"],
    );
    assert!(dry.status.success(), "{}", stderr(&dry));
    let report: Value = serde_json::from_str(&stdout(&dry)).expect("JSON");
    let count = |key: &str| report[key].as_u64().expect(key);
    assert_eq!(
        count("imported") + count("merged") + count("rejected"),
        count("rows")
    );
    assert!(count("rejected") >= 1, "the fixture has a bad email");
    assert_eq!(leads(d), 0, "a dry run writes nothing");
    assert!(stderr(&dry).contains("rows/s"), "progress goes to stderr");

    let rejects = d.join("rejects.csv");
    let real = laju(
        d,
        &[
            "import",
            file,
            "--preset",
            "hubspot",
            "--rejects",
            rejects.to_str().expect("path"),
        ],
    );
    assert!(real.status.success(), "{}", stderr(&real));
    assert!(stdout(&real).contains("imported"), "{}", stdout(&real));
    assert_eq!(leads(d), count("imported"));
    let saved = std::fs::read_to_string(&rejects).expect("rejects file");
    let mut lines = saved.lines();
    assert!(lines
        .next()
        .expect("header")
        .ends_with(",line,column,reason"));
    assert_eq!(lines.count() as u64, count("rejected"));

    // The same file again: every row matches a lead it made, by the HubSpot record id.
    let again = laju(d, &["import", file, "--preset", "hubspot", "--json"]);
    let again: Value = serde_json::from_str(&stdout(&again)).expect("JSON");
    assert_eq!(again["merged"], count("imported"));
    assert_eq!(leads(d), count("imported"));

    // Per rule: a match by the HubSpot id is skipped, so every row ends rejected.
    let skip = laju(
        d,
        &[
            "import",
            file,
            "--preset",
            "hubspot",
            "--on-external-id",
            "skip",
            "--json",
        ],
    );
    let skip: Value = serde_json::from_str(&stdout(&skip)).expect("JSON");
    assert_eq!(skip["rejected"], count("rows"));
    assert!(skip["rejections"][1]["reason"]
        .as_str()
        .is_some_and(|r| r.contains("by external id")));
}

#[test]
fn a_win_dated_before_the_mql_is_imported_with_a_warning_naming_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let csv = d.join("won-early.csv");
    std::fs::write(
        &csv,
        "Id,Name,Email,Stage,MQL date,Won date\n\
         W1,Nurul Huda,nurul@kedai.my,customer,2026-03-02,2026-03-01\n",
    )
    .expect("write csv");
    let map = d.join("map.json");
    std::fs::write(
        &map,
        r#"{"columns": {"Id": "source.externalId", "Name": "contact.name",
            "Email": "contact.email", "Stage": "stage", "MQL date": "entered.mql",
            "Won date": "entered.customer"}}"#,
    )
    .expect("write map");
    let args = |json: bool| {
        let mut a = vec![
            "import",
            csv.to_str().expect("path"),
            "--map",
            map.to_str().expect("path"),
            "--dry-run",
        ];
        if json {
            a.push("--json");
        }
        laju(d, &a)
    };
    let out = args(false);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("1 date(s) out of order; those rows were imported anyway:"),
        "{text}"
    );
    assert!(
        text.contains(
            "  line 2 [MQL date]: “Won date” 2026-03-01 is before “MQL date” 2026-03-02:"
        ),
        "{text}"
    );
    let report: Value = serde_json::from_str(&stdout(&args(true))).expect("JSON");
    assert_eq!(report["imported"], 1);
    assert_eq!(report["warnings"].as_array().map(Vec::len), Some(1));
    assert_eq!(report["warnings"][0]["line"], 2);
    assert_eq!(report["warnings"][0]["column"], "MQL date");
    assert_eq!(report["warnings"][0]["settled"], "countedAsReached");
}

#[test]
fn a_file_that_is_not_a_csv_is_refused_with_a_reason_and_nothing_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let file = fixture("broken/empty.csv");
    let out = laju(d, &["import", file.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("empty"), "{}", stderr(&out));
    assert_eq!(leads(d), 0);
}

#[test]
fn a_chinese_excel_file_reads_as_detected_or_as_told_with_encoding() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let file = fixture("encodings/gb18030.csv");
    let file = file.to_str().expect("path");

    let detected = laju(d, &["import", file, "--dry-run"]);
    assert!(detected.status.success(), "{}", stderr(&detected));
    assert!(
        stdout(&detected).contains("Read as GB18030 with \",\""),
        "{}",
        stdout(&detected)
    );

    // Told the wrong encoding, the dry run says what it could not read before anything is
    // written: 张伟 on line 2 is the first name.
    let wrong = laju(d, &["import", file, "--encoding", "UTF-8", "--dry-run"]);
    assert!(wrong.status.success(), "{}", stderr(&wrong));
    let text = stdout(&wrong);
    assert!(text.contains("Read as UTF-8"), "{text}");
    assert!(
        text.contains("could not be read as UTF-8 (the first on line 2) and would be stored as �"),
        "{text}"
    );
    assert_eq!(leads(d), 0);

    // The same without --dry-run is refused before anything is written …
    let refused = laju(d, &["import", file, "--encoding", "UTF-8"]);
    assert_eq!(refused.status.code(), Some(1), "{}", stdout(&refused));
    let error = stderr(&refused);
    assert!(
        error.contains("cannot be read as UTF-8 (the first on line 2); nothing was imported")
            && error.contains("--encoding GB18030"),
        "{error}"
    );
    assert_eq!(leads(d), 0);
    // … unless the user says to keep what cannot be read.
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let e = elsewhere.path();
    let kept = laju(
        e,
        &[
            "import",
            file,
            "--encoding",
            "UTF-8",
            "--keep-replaced",
            "--json",
        ],
    );
    assert!(kept.status.success(), "{}", stderr(&kept));
    let report: Value = serde_json::from_str(&stdout(&kept)).expect("JSON");
    assert_eq!(report["replaced"]["firstLine"], 2);
    assert_eq!(leads(e), report["imported"].as_u64().expect("imported"));
    assert!(leads(e) > 0);

    let unknown = laju(d, &["import", file, "--encoding", "GB2313"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        stderr(&unknown).contains("“GB2313” is not an encoding Laju can read"),
        "{}",
        stderr(&unknown)
    );

    let told = laju(d, &["import", file, "--encoding", "gbk", "--json"]);
    assert!(told.status.success(), "{}", stderr(&told));
    let report: Value = serde_json::from_str(&stdout(&told)).expect("JSON");
    assert_eq!(report["encoding"], "GB18030");
    assert_eq!(report["replaced"], Value::Null);
    let list = laju(d, &["lead", "list", "--search", "张伟", "--json"]);
    let list: Value = serde_json::from_str(&stdout(&list)).expect("JSON");
    assert_eq!(list["rows"][0]["name"], "张伟");
    assert_eq!(list["rows"][0]["company"], "北京星河科技有限公司");
}

#[test]
fn demo_makes_a_year_of_leads_for_a_workshop() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let out = laju(d, &["demo", "--leads", "120"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(leads(d), 120);
    let velocity = laju(d, &["report", "velocity", "--json"]);
    let velocity: Value = serde_json::from_str(&stdout(&velocity)).expect("JSON");
    let days = velocity["overall"]["stages"][2]["averageDays"].as_f64();
    assert!(days.is_some_and(|d| d > 0.0), "MQL takes time: {velocity}");
    assert_eq!(
        laju(d, &["demo"]).status.code(),
        Some(1),
        "only into an empty workspace"
    );

    // Exports take the reports' filters: the referral funnel counts fewer leads than all.
    let first_count = |args: &[&str]| -> u64 {
        let out = stdout(&laju(d, args));
        let row = out.lines().nth(1).expect("a data row").to_string();
        row.split(',')
            .nth(2)
            .expect("leads")
            .parse()
            .expect("number")
    };
    let all = first_count(&["export", "funnel"]);
    let referral = first_count(&["export", "funnel", "--source", "referral"]);
    assert_eq!(all, 120);
    assert!(referral > 0 && referral < all, "{referral} of {all}");
}
