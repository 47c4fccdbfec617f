use crate::{laju, stderr, stdout};
use laju_engine::SCHEMA_VERSION;

#[test]
fn help_lists_the_subcommands_and_the_data_dir_option() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = laju(dir.path(), &["--help"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("doctor"), "{text}");
    assert!(text.contains("--data-dir"), "{text}");
    assert!(text.contains("LAJU_DATA_DIR"), "{text}");
}

#[test]
fn version_prints_the_package_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = laju(dir.path(), &["--version"]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out).trim(),
        format!("laju {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn doctor_creates_and_describes_a_fresh_workspace_without_a_display() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("workspace");
    let out = laju(&folder, &["doctor"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(&folder.display().to_string()), "{text}");
    assert!(
        text.contains(&format!("schema version:  {SCHEMA_VERSION}")),
        "{text}"
    );
    assert!(folder.join("db").exists(), "sled wrote its files");
}

#[test]
fn doctor_json_is_machine_readable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = laju(dir.path(), &["doctor", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(json["schemaVersion"], SCHEMA_VERSION);
    assert_eq!(json["dataDir"], dir.path().display().to_string());
    // A new folder holds no lead, the default Playbook as version 1 and no setting yet.
    let counts: Vec<(String, u64)> = json["counts"]
        .as_array()
        .expect("counts")
        .iter()
        .map(|c| {
            let tree = c["tree"].as_str().expect("tree").to_string();
            (tree, c["records"].as_u64().expect("records"))
        })
        .collect();
    let expected = [
        ("lead_by_id", 0),
        ("playbook_by_version", 1),
        ("setting_by_name", 0),
    ];
    let expected: Vec<(String, u64)> = expected.iter().map(|(t, n)| (t.to_string(), *n)).collect();
    assert_eq!(counts, expected);
}

#[test]
fn the_data_dir_flag_wins_over_the_environment() {
    let env_dir = tempfile::tempdir().expect("tempdir");
    let flag_dir = tempfile::tempdir().expect("tempdir");
    let flag = flag_dir.path().display().to_string();
    let out = laju(env_dir.path(), &["doctor", "--data-dir", &flag]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(&flag));
    assert!(!env_dir.path().join("db").exists());
}

#[test]
fn an_unknown_subcommand_is_a_usage_error_not_the_gui() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = laju(dir.path(), &["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("frobnicate"));
}
