//! The real 9,240-row X Education lead export through the committed mapping file.

use super::super::{read, Mapping};
use super::{fixture, import};
use crate::lead::SourceKind;
use crate::Stage;

#[test]
fn the_x_education_export_imports_nearly_whole_and_every_row_is_accounted_for() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../../shared/data/xeducation_leads.csv"
    );
    let Ok(bytes) = std::fs::read(path) else {
        println!("skipped: {path} is not here");
        return;
    };
    let mapping: Mapping =
        serde_json::from_slice(&fixture("xeducation.map.json")).expect("mapping file parses");
    let file = read(&bytes).expect("read");
    assert_eq!(file.len(), 9_240);
    let plan = mapping.compile(file.headers()).expect("compile");
    assert_eq!(plan.missing(), [] as [String; 0]);

    let (leads, rejected) = import(&bytes, &mapping);
    assert_eq!(leads.len() + rejected.len(), 9_240);
    assert!(rejected.len() * 20 < 9_240, "{} rejected", rejected.len());
    for r in &rejected {
        assert!(!r.column.is_empty() && !r.reason.is_empty(), "{r:?}");
    }
    let junk: Vec<_> = rejected.iter().map(|r| r.fields[3].as_str()).collect();
    assert_eq!(junk, ["testone", "NC_EDM"]);
    assert!(rejected.iter().all(|r| r.column == "Lead Source"));

    let customers = leads
        .iter()
        .filter(|l| l.stage == Some(Stage::Customer))
        .count();
    assert!(customers > 3_000, "{customers}");
    let first = &leads[0];
    assert_eq!(
        first.profile.source.external_id,
        "7927b2df-8bba-4d29-b9a2-b6e0beafe620"
    );
    assert_eq!(first.profile.source.kind, SourceKind::Inbound);
    assert_eq!(first.profile.source.detail, "API");
    assert_eq!(first.profile.company.industry, "");
    assert_eq!(first.profile.tags, ["Interested in other courses"]);
    assert!(first.profile.notes.starts_with("Lead Number: 660737\n"));
    assert!(leads.iter().all(|l| l.profile.company.country != "unknown"));
    let blank_source = leads
        .iter()
        .filter(|l| l.profile.source.kind == SourceKind::Database)
        .count();
    assert_eq!(blank_source, 36);
}
