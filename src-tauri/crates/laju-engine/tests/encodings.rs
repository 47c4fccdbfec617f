//! Files saved by Excel on Chinese, Taiwanese, Japanese and Western Windows import with the
//! names as written; a chosen encoding, and the characters it cannot read, show in the preview
//! and the report before anything is written.

mod support;

use laju_core::import::{Mapping, Replaced};
use laju_engine::import::{self, ImportOptions};
use laju_engine::leads::LeadQuery;
use laju_engine::{EngineError, Workspace};
use std::path::PathBuf;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/import/encodings")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

fn opened() -> (tempfile::TempDir, Workspace) {
    let (dir, _, ws) = support::opened(support::morning(6, 1));
    (dir, ws)
}

fn options(encoding: Option<&str>, dry_run: bool) -> ImportOptions {
    let mut mapping = Mapping::default();
    for (header, target) in [
        ("Name", "contact.name"),
        ("Email", "contact.email"),
        ("Company", "company.name"),
    ] {
        mapping.columns.insert(header.into(), target.into());
    }
    ImportOptions {
        mapping,
        encoding: encoding.map(str::to_string),
        dry_run,
        ..ImportOptions::default()
    }
}

/// (name, company) of every stored lead, sorted.
fn stored(ws: &Workspace) -> Vec<(String, String)> {
    let mut rows: Vec<_> = ws
        .list_leads(&LeadQuery::default())
        .expect("list")
        .rows
        .into_iter()
        .map(|r| (r.name, r.company))
        .collect();
    rows.sort();
    rows
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<_> = items
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    v.sort();
    v
}

/// A fixture, the encoding it is detected in, and the (name, company) of its three leads.
type Case = (
    &'static str,
    &'static str,
    [(&'static str, &'static str); 3],
);

#[test]
fn each_windows_code_page_imports_the_names_as_written() {
    let cases: [Case; 4] = [
        (
            "gb18030.csv",
            "GB18030",
            [
                ("张伟", "北京星河科技有限公司"),
                ("李娜", "上海东方贸易公司"),
                ("刘䶮", "广州南方物流"),
            ],
        ),
        (
            "big5.csv",
            "Big5",
            [
                ("陳美玲", "臺北雲端資訊股份有限公司"),
                ("林志明", "高雄港灣貿易"),
                ("黃淑芬", "臺中精密機械"),
            ],
        ),
        (
            "shift_jis.csv",
            "Shift_JIS",
            [
                ("山田太郎", "東京システム株式会社"),
                ("佐藤花子", "大阪物産"),
                ("鈴木一郎", "名古屋精工"),
            ],
        ),
        (
            "windows-1252.csv",
            "windows-1252",
            [
                ("José Müller", "Café Señor GmbH"),
                ("François Dubois", "Crème Brûlée SARL"),
                ("Zoë Ångström", "Smörgås AB"),
            ],
        ),
    ];
    for (file, encoding, leads) in cases {
        let (_dir, ws) = opened();
        let bytes = fixture(file);
        let preview = import::preview(&bytes).expect("preview");
        assert_eq!(
            (preview.encoding.as_str(), preview.detected.as_str()),
            (encoding, encoding)
        );
        assert_eq!(preview.replaced, None, "{file}");
        assert_eq!(preview.sample[0][0], leads[0].0, "{file}");
        let report = ws
            .import_csv(&bytes, &options(None, false), "test", &mut |_| true)
            .expect("import");
        assert_eq!((report.imported, report.rejected), (3, 0), "{file}");
        assert_eq!(report.encoding, encoding);
        assert_eq!(report.replaced, None);
        assert_eq!(stored(&ws), pairs(&leads), "{file}");
    }
}

#[test]
fn the_chosen_encoding_reads_the_file_and_the_preview_still_names_the_detected_one() {
    let bytes = fixture("gb18030.csv");
    let preview = import::preview_as(&bytes, Some("utf-8")).expect("preview");
    assert_eq!(preview.encoding, "UTF-8");
    assert_eq!(preview.detected, "GB18030");
    // The catalogue holds what was detected and what was chosen, by the names they carry.
    let names: Vec<&str> = preview.encodings.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&"GB18030") && names.contains(&"UTF-8"));
    // Each GBK character is two bytes that are not UTF-8; 张伟 is the first name, on line 2.
    let replaced = preview.replaced.expect("unreadable characters");
    assert_eq!(replaced.first_line, 2);
    assert_ne!(preview.sample[0][0], "张伟");
}

#[test]
fn a_dry_run_in_the_wrong_encoding_reports_the_damage_and_writes_nothing() {
    // 张伟 in GBK (D5C5 CEB0) read as UTF-8: D5 and C5 become U+FFFD, CE B0 is ΰ.
    let bytes =
        b"Name,Email,Company\r\nAisyah,a@kedai.my,Kedai\r\n\xd5\xc5\xce\xb0,z@example.cn,X\r\n";
    let (_dir, ws) = opened();
    let report = ws
        .import_csv(bytes, &options(Some("UTF-8"), true), "test", &mut |_| true)
        .expect("dry run");
    assert_eq!(report.encoding, "UTF-8");
    assert_eq!(
        report.replaced,
        Some(Replaced {
            count: 2,
            first_line: 3
        })
    );
    assert!(!report.committed);
    assert_eq!(stored(&ws), []);
    let report = ws
        .import_csv(bytes, &options(Some("GB18030"), false), "test", &mut |_| {
            true
        })
        .expect("import");
    assert_eq!(report.replaced, None);
    assert_eq!(stored(&ws), pairs(&[("Aisyah", "Kedai"), ("张伟", "X")]));
}

#[test]
fn an_unknown_encoding_is_refused_before_anything_is_read() {
    let (_dir, ws) = opened();
    let bytes = fixture("gb18030.csv");
    let error = ws
        .import_csv(&bytes, &options(Some("GB2313"), false), "test", &mut |_| {
            true
        })
        .expect_err("refused");
    match error {
        EngineError::Invalid(message) => {
            assert!(
                message.starts_with("“GB2313” is not an encoding"),
                "{message}"
            )
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert!(matches!(
        import::preview_as(&bytes, Some("GB2313")),
        Err(EngineError::Invalid(_))
    ));
    assert_eq!(stored(&ws), []);
}

#[test]
fn the_wire_names_are_camel_case() {
    let input: import::ImportOptions = serde_json::from_value(serde_json::json!({
        "encoding": "Big5", "dryRun": true
    }))
    .expect("the window's shape");
    assert_eq!(input.encoding.as_deref(), Some("Big5"));
    let file: import::ImportFile =
        serde_json::from_value(serde_json::json!({ "path": "/tmp/a.csv" })).expect("no encoding");
    assert_eq!(file.encoding, None);
    let preview = import::preview_as(b"Name\n\xd5\xc5\n", Some("UTF-8")).expect("preview");
    let json = serde_json::to_value(&preview).expect("serialisable");
    assert_eq!(
        json["replaced"],
        serde_json::json!({ "count": 2, "firstLine": 2 })
    );
    let gb = json["encodings"]
        .as_array()
        .expect("a list")
        .iter()
        .find(|e| e["name"] == "GB18030")
        .expect("GB18030 offered");
    assert_eq!(gb["family"], "chineseSimplified");
}
