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
    // CI always has the export; a missing file is a failure, never a silent pass.
    let bytes = std::fs::read(path)
        .unwrap_or_else(|e| panic!("the X Education export must be at {path}: {e}"));
    let mapping: Mapping =
        serde_json::from_slice(&fixture("xeducation.map.json")).expect("mapping file parses");
    let file = read(&bytes).expect("read");
    assert_eq!(file.len(), 9_240);
    let plan = mapping.compile(file.headers()).expect("compile");
    assert_eq!(plan.missing(), [] as [String; 0]);

    let (leads, rejected) = import(&bytes, &mapping);
    // Counted with Python's csv module: two rows name a lead source the mapping does not
    // know, "testone" on line 5243 and "NC_EDM" on line 8765.
    assert_eq!((leads.len(), rejected.len()), (9_238, 2));
    let junk: Vec<_> = rejected
        .iter()
        .map(|r| (r.line, r.column.as_str(), r.fields[3].as_str()))
        .collect();
    assert_eq!(
        junk,
        [
            (5243, "Lead Source", "testone"),
            (8765, "Lead Source", "NC_EDM")
        ]
    );
    for r in &rejected {
        let value = format!("“{}”", r.fields[3]);
        assert!(r.reason.contains(&value), "{r:?}");
    }

    // Converted = 1 on 3,561 rows and 0 on 5,679; the NC_EDM row (1) and the testone row (0)
    // are rejected, leaving 3,560 customers and 5,678 known leads.
    let count = |stage| leads.iter().filter(|l| l.stage == Some(stage)).count();
    assert_eq!(
        (count(Stage::Customer), count(Stage::Known)),
        (3_560, 5_678)
    );
    let first = &leads[0];
    assert_eq!(
        first.profile.source.external_id,
        "7927b2df-8bba-4d29-b9a2-b6e0beafe620"
    );
    assert_eq!(first.profile.source.kind, SourceKind::Inbound);
    assert_eq!(first.profile.source.detail, "API");
    assert_eq!(first.profile.company.industry, "");
    assert_eq!(first.profile.tags, ["Interested in other courses"]);
    // The four notes columns in file order; City is "Select", a placeholder, so it is left out.
    assert_eq!(
        first.profile.notes,
        "Lead Number: 660737\nLast Activity: Page Visited on Website\nLead Quality: Low in Relevance"
    );
    assert!(leads.iter().all(|l| l.profile.company.country != "unknown"));
    let blank_source = leads
        .iter()
        .filter(|l| l.profile.source.kind == SourceKind::Database)
        .count();
    assert_eq!(blank_source, 36);
}
