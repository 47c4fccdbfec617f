//! `laju export …` as a script reads it: CSV on standard output or in a file, with nothing a
//! spreadsheet would run as a formula.

use crate::{laju, stderr, stdout};
use std::path::Path;

fn add(dir: &Path, name: &str, email: &str) {
    let out = laju(dir, &["lead", "add", "--name", name, "--email", email]);
    assert!(out.status.success(), "{name}: {}", stderr(&out));
}

#[test]
fn export_leads_writes_a_header_and_one_row_per_lead_with_formulas_neutralised() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let hyperlink = r#"=HYPERLINK("http://evil.example","click")"#;
    add(d, hyperlink, "evil@example.com");
    add(d, "Aisyah", "aisyah@kedai.my");
    add(d, "Budi", "budi@toko.co.id");

    let out = laju(d, &["export", "leads"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("id,stage,createdAt,contact.name,contact.email,"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains(",source.externalId,") && lines[0].ends_with(",reason"));
    assert_eq!(lines.len(), 4, "a header and one row per lead:\n{text}");
    // Quoted for the comma, quotes doubled, and led by ' so no spreadsheet runs it.
    assert!(
        text.contains(r#""'=HYPERLINK(""http://evil.example"",""click"")""#),
        "{text}"
    );
    assert!(lines.iter().any(|l| l.contains(",Aisyah,aisyah@kedai.my,")));

    let file = d.join("leads.csv");
    let out = laju(
        d,
        &["export", "leads", "--out", file.to_str().expect("utf-8")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("wrote 3 rows"), "{}", stdout(&out));
    assert_eq!(std::fs::read_to_string(&file).expect("file"), text);

    let out = laju(d, &["export", "history"]);
    assert!(stdout(&out).starts_with("leadId,from,to,at,actor,event,reason"));
    let out = laju(d, &["export", "black-holes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = laju(d, &["export", "funnel"]);
    assert!(
        stdout(&out).starts_with("by,group,leads,stage,"),
        "{}",
        stdout(&out)
    );
    let out = laju(d, &["export", "everything"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown kind is a usage error"
    );
}
