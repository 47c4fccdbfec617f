use super::super::{preset, read, suggest, PRESETS};
use super::{fixture, import, strings};
use crate::lead::SourceKind;
use crate::Stage;

#[test]
fn presets_parse_and_unknown_names_are_none() {
    for name in PRESETS {
        let mapping = preset(name).expect("committed JSON parses");
        assert!(mapping.compile(&[]).is_ok(), "{name} compiles");
    }
    assert_eq!(preset("pipedrive"), None);
}

#[test]
fn suggest_recognises_each_export_by_its_columns() {
    for (file, name) in [
        ("hubspot-contacts.csv", "hubspot"),
        ("salesforce-leads.csv", "salesforce"),
    ] {
        let file = read(&fixture(file)).expect("read");
        assert_eq!(suggest(file.headers()), Some(name));
        let plan = preset(name)
            .expect("preset")
            .compile(file.headers())
            .expect("compile");
        assert_eq!(plan.unmapped(), [] as [String; 0], "{name}");
    }
    assert_eq!(suggest(&strings(&["Name", "Email", "Phone"])), None);
    let view = strings(&[
        "Record ID",
        "First Name",
        "Last Name",
        "Email",
        "Contact owner",
        "Last Activity Date",
    ]);
    assert_eq!(suggest(&view), Some("hubspot"));
    let generic = strings(&[
        "First Name",
        "Last Name",
        "Email",
        "Company",
        "Phone",
        "Title",
    ]);
    assert_eq!(suggest(&generic), None);
    assert_eq!(suggest(&[]), None);
}

#[test]
fn a_hubspot_contacts_export_imports_with_its_stage_history() {
    let mapping = preset("hubspot").expect("preset");
    let (leads, rejected) = import(&fixture("hubspot-contacts.csv"), &mapping);
    assert_eq!((leads.len(), rejected.len()), (13, 1));
    assert_eq!(rejected[0].line, 7);
    assert_eq!(rejected[0].column, "Email");

    let aisyah = &leads[0];
    let p = &aisyah.profile;
    assert_eq!(p.source.external_id, "51234001");
    assert_eq!(p.contact.name, "Nurul Aisyah");
    assert_eq!(p.company.employees, Some(5));
    assert_eq!(p.source.kind, SourceKind::Inbound);
    assert_eq!(p.owner.as_deref(), Some("Siti Rahman"));
    assert_eq!(p.notes, "Lead Status: Connected");
    assert_eq!(aisyah.stage, Some(Stage::Customer));
    let stages: Vec<_> = aisyah.entered.iter().map(|(s, _)| *s).collect();
    assert_eq!(
        stages,
        [
            Stage::Known,
            Stage::Mql,
            Stage::Sql,
            Stage::Opportunity,
            Stage::Customer
        ]
    );
    let stage_of = |id: &str| {
        leads
            .iter()
            .find(|l| l.profile.source.external_id == id)
            .and_then(|l| l.stage)
    };
    assert_eq!(stage_of("51234007"), Some(Stage::Customer)); // Evangelist
    assert_eq!(stage_of("51234008"), Some(Stage::Known)); // Subscriber
    let faizal = leads
        .iter()
        .find(|l| l.profile.source.external_id == "51234011")
        .expect("Faizal");
    assert_eq!(faizal.profile.source.kind, SourceKind::Database);
    assert_eq!(faizal.profile.owner, None);
}

#[test]
fn a_salesforce_leads_export_imports_with_statuses_and_conversions() {
    let mapping = preset("salesforce").expect("preset");
    let (leads, rejected) = import(&fixture("salesforce-leads.csv"), &mapping);
    assert_eq!((leads.len(), rejected.len()), (11, 1));
    assert_eq!(
        (rejected[0].line, rejected[0].column.as_str()),
        (7, "Email")
    );

    let by_id = |id: &str| {
        leads
            .iter()
            .find(|l| l.profile.source.external_id == id)
            .expect("lead")
    };
    let wong = by_id("00Q5g00000AbCd3EAF");
    assert_eq!(wong.stage, Some(Stage::Sql));
    assert_eq!(wong.profile.source.kind, SourceKind::Partner);
    assert_eq!(wong.entered.len(), 1);
    assert_eq!(wong.entered[0].0, Stage::Sql);
    assert_eq!(by_id("00Q5g00000AbCd4EAF").stage, Some(Stage::Disqualified));
    let rajesh = by_id("00Q5g00000AbCd7EAF");
    assert_eq!(rajesh.profile.source.kind, SourceKind::Event);
    assert!(rajesh
        .profile
        .notes
        .starts_with("Rating: Hot\nDescription: Attended"));
    assert!(rajesh.profile.notes.ends_with("three outlets."));
    // The multi-line description moves every later record down a line.
    assert_eq!(by_id("00Q5g00000AbCd8EAF").line, 10);
    assert_eq!(
        by_id("00Q5g00000AbCdAEAF").profile.company.employees,
        Some(1200)
    );
}
