//! `laju playbook document`: the agreement as text, PDF or HTML, as a user runs it.

use crate::{laju, stderr, stdout};
use laju_engine::playbook::SavePlaybook;
use laju_engine::{SystemClock, Workspace};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

/// Saves a new Playbook version through the engine (the CLI has no Playbook editor), then
/// lets go of the folder so the binary can open it.
fn save_playbook(dir: &Path, actor: &str, edit: impl FnOnce(&mut laju_core::Playbook)) {
    let ws = Workspace::open(dir, Arc::new(SystemClock)).expect("open");
    let current = ws.playbook().expect("playbook");
    let mut playbook = current.playbook.clone();
    edit(&mut playbook);
    ws.save_playbook(
        SavePlaybook {
            base_version: current.version,
            playbook,
        },
        actor,
    )
    .expect("save");
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", path.to_str().expect("utf-8"), "-"])
        .output()
        .expect("pdftotext is installed (scripts/setup.sh test)");
    assert!(out.status.success(), "pdftotext: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_pdf_holds_the_title_the_version_and_the_threshold() {
    let data = tempfile::tempdir().expect("tempdir");
    let out_dir = tempfile::tempdir().expect("tempdir");
    save_playbook(data.path(), "Nurul", |p| p.engagement.mql_threshold = 40);
    let file = out_dir.path().join("agreement.pdf");
    let run = laju(
        data.path(),
        &[
            "playbook",
            "document",
            "--out",
            file.to_str().expect("utf-8"),
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(stdout(&run).trim(), format!("saved {}", file.display()));
    let bytes = std::fs::read(&file).expect("the PDF exists");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    let text = pdf_text(&file);
    assert!(text.contains("Marketing and sales agreement"), "{text}");
    assert!(text.contains("version 2 · page 1 of"), "{text}");
    assert!(
        text.contains("engagement + fit score reaches 40 points"),
        "{text}"
    );
    assert!(text.contains("MQL threshold: 50 → 40"), "{text}");
    assert!(text.contains("Saved by Nurul on"), "{text}");

    // The version before, asked for by number, in Malay.
    let first = out_dir.path().join("v1-ms.pdf");
    let run = laju(
        data.path(),
        &[
            "playbook",
            "document",
            "--version",
            "1",
            "--lang",
            "ms",
            "--out",
            first.to_str().expect("utf-8"),
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let text = pdf_text(&first);
    assert!(text.contains("Perjanjian pemasaran dan jualan"), "{text}");
    assert!(text.contains("mencapai 50 mata"), "{text}");
}

#[test]
fn an_html_page_escapes_a_definition_that_holds_markup() {
    let data = tempfile::tempdir().expect("tempdir");
    let out_dir = tempfile::tempdir().expect("tempdir");
    save_playbook(data.path(), "Siti", |p| {
        p.stages[2].definition = "Ready <script>alert(1)</script> for sales & more".into();
    });
    let file = out_dir.path().join("agreement.HTML");
    let run = laju(
        data.path(),
        &[
            "playbook",
            "document",
            "--lang",
            "id",
            "--out",
            file.to_str().expect("utf-8"),
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let html = std::fs::read_to_string(&file).expect("the page exists");
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"id\">"),
        "{html}"
    );
    assert!(!html.contains("<script>"), "markup came through: {html}");
    assert!(
        html.contains("<dd>Ready &lt;script&gt;alert(1)&lt;/script&gt; for sales &amp; more</dd>"),
        "{html}"
    );
    assert!(html.contains("<h1>Kesepakatan pemasaran dan penjualan</h1>"));
}

#[test]
fn a_folder_that_cannot_be_written_fails_naming_the_path_and_leaves_no_file() {
    let data = tempfile::tempdir().expect("tempdir");
    let out_dir = tempfile::tempdir().expect("tempdir");
    // A file where the folder should be: not writable for anyone, root included.
    let blocker = out_dir.path().join("reports");
    std::fs::write(&blocker, "not a folder").expect("write");
    let file = blocker.join("agreement.pdf");
    let run = laju(
        data.path(),
        &[
            "playbook",
            "document",
            "--out",
            file.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(run.status.code(), Some(1));
    let message = stderr(&run);
    assert!(
        message.contains(&format!("could not be saved to {}", file.display())),
        "{message}"
    );
    let left: Vec<_> = std::fs::read_dir(out_dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(
        left,
        vec![std::ffi::OsString::from("reports")],
        "no file left"
    );
}

#[test]
fn without_a_font_for_the_language_it_says_what_to_install_and_writes_nothing() {
    let data = tempfile::tempdir().expect("tempdir");
    let out_dir = tempfile::tempdir().expect("tempdir");
    let fonts = tempfile::tempdir().expect("an empty font folder");
    let file = out_dir.path().join("agreement.pdf");
    let run = Command::new(env!("CARGO_BIN_EXE_laju"))
        .args(["playbook", "document", "--lang", "zh-TW", "--out"])
        .arg(&file)
        .env("LAJU_DATA_DIR", data.path())
        .env("LAJU_FONT_DIR", fonts.path())
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1));
    let message = stderr(&run);
    assert!(
        message.contains("No font on this computer can write the zh-TW"),
        "{message}"
    );
    assert!(message.contains("fonts-noto-cjk"), "{message}");
    assert!(!file.exists());
}

#[test]
fn without_out_it_prints_the_document_as_text_and_refuses_an_unknown_version() {
    let data = tempfile::tempdir().expect("tempdir");
    let run = laju(data.path(), &["playbook", "document", "--lang", "zh-CN"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = stdout(&run);
    assert!(text.starts_with("市场与销售协议\n"), "{text}");
    // "线索类型" takes eight columns on a terminal: "ICP MQL" is padded to them.
    assert!(text.contains("\n  ICP MQL   5 分钟\n"), "{text}");

    let run = laju(data.path(), &["playbook", "document", "--version", "3"]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        stderr(&run).trim(),
        "laju: Playbook version 3 does not exist: this workspace has versions 1 to 1."
    );

    let run = laju(
        data.path(),
        &["playbook", "document", "--out", "agreement.docx"],
    );
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("must end in .pdf or .html"));

    // `laju playbook` alone still shows the version in force, as text or JSON.
    let run = laju(data.path(), &["playbook"]);
    assert!(
        stdout(&run).starts_with("Playbook version 1"),
        "{}",
        stdout(&run)
    );
    let run = laju(data.path(), &["playbook", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&run)).expect("JSON");
    assert_eq!(json["playbook"]["engagement"]["mqlThreshold"], 50);
}

#[test]
fn a_review_asked_for_is_the_documents_last_part_and_a_bad_quarter_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let demo = laju(d, &["demo"]);
    assert!(demo.status.success(), "{}", stderr(&demo));
    let review = laju(d, &["review", "--quarter", "2026Q3", "--json"]);
    let review: serde_json::Value = serde_json::from_str(&stdout(&review)).expect("JSON");
    let leads = review["leads"].as_u64().expect("leads");

    let out = laju(d, &["playbook", "document", "--review", "2026Q3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let appendix = text
        .find("Appendix: quarterly review, Q3 2026")
        .expect("the appendix heading");
    assert!(
        text[appendix..].contains(&format!("{leads} leads were created in Q3 2026")),
        "{}",
        &text[appendix..]
    );
    let sign_off = text.find("\nSign-off").expect("the sign-off part");
    assert!(
        sign_off < appendix,
        "the appendix comes after the sign-off lines"
    );

    let bad = laju(d, &["playbook", "document", "--review", "Q3"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("2026Q4"), "{}", stderr(&bad));
}
