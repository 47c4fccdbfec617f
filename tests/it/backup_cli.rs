//! `laju backup` and `laju restore` through the binary: a workspace saved to one file comes back
//! whole, the folder it replaces is kept, and a damaged file changes nothing.

use crate::{laju, stderr, stdout};
use std::path::Path;
use std::process::Command;

fn add(dir: &Path, name: &str) {
    let email = format!("{}@kedai.my", name.to_lowercase());
    let out = laju(dir, &["lead", "add", "--name", name, "--email", &email]);
    assert!(out.status.success(), "{name}: {}", stderr(&out));
}

fn leads(dir: &Path) -> String {
    let out = laju(dir, &["lead", "list", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn a_backup_restores_into_a_new_folder_and_over_a_changed_one() {
    let root = tempfile::tempdir().expect("tempdir");
    let first = root.path().join("first");
    for name in ["Aisyah", "Budi", "Chen"] {
        add(&first, name);
    }
    let before = leads(&first);
    let file = root.path().join("saved.lajubak");
    let file_arg = file.to_str().expect("utf-8");

    let out = laju(&first, &["backup", "--out", file_arg]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("backed up 3 leads"),
        "{}",
        stdout(&out)
    );
    assert_eq!(laju_engine::backup::verify(&file).expect("valid").leads, 3);

    let second = root.path().join("second");
    let out = laju(&second, &["restore", file_arg]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("restored 3 leads"),
        "{}",
        stdout(&out)
    );
    assert_eq!(leads(&second), before);

    add(&first, "Dewi");
    let out = laju(&first, &["restore", file_arg]);
    assert!(out.status.success(), "{}", stderr(&out));
    let kept = root.path().join(
        std::fs::read_dir(root.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with("first.before-restore-"))
            .expect("the replaced folder is kept"),
    );
    assert!(
        stdout(&out).contains(&kept.display().to_string()),
        "{}",
        stdout(&out)
    );
    assert_eq!(leads(&first), before);
    assert!(
        leads(&kept).contains("Dewi"),
        "the replaced workspace is whole"
    );

    let mut bytes = std::fs::read(&file).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    let damaged = root.path().join("damaged.lajubak");
    std::fs::write(&damaged, bytes).expect("write");
    let out = laju(&first, &["restore", damaged.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("damaged"), "{}", stderr(&out));
    assert_eq!(leads(&first), before, "nothing changed");
}

#[test]
fn a_backup_without_out_lands_in_the_export_folder() {
    let root = tempfile::tempdir().expect("tempdir");
    let data = root.path().join("data");
    let exports = root.path().join("exports");
    add(&data, "Aisyah");
    let out = Command::new(env!("CARGO_BIN_EXE_laju"))
        .arg("backup")
        .env("LAJU_DATA_DIR", &data)
        .env("LAJU_EXPORT_DIR", &exports)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let names: Vec<String> = std::fs::read_dir(&exports)
        .expect("the export folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(
        names[0].starts_with("laju-") && names[0].ends_with(".lajubak"),
        "{names:?}"
    );
}
