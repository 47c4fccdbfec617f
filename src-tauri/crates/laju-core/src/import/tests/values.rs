use super::super::{
    enum_targets, target_groups, targets, ImportKind, Mapping, MappingError, Reading,
};
use super::{mapping, record, strings};
use crate::Stage;

fn read(m: &Mapping, target: &str, texts: &[&str]) -> Vec<Reading> {
    m.read_values(target, &strings(texts))
        .expect("known target")
}

fn value(wire: &str) -> Reading {
    Reading::Value(wire.to_string())
}

#[test]
fn any_spelling_of_a_wire_name_reads_as_that_name() {
    let readings = read(
        &Mapping::default(),
        "source.kind",
        &["Paid Ads", "PAID_ADS", " paid-ads ", "Referral"],
    );
    assert_eq!(
        readings,
        [
            value("paidAds"),
            value("paidAds"),
            value("paidAds"),
            value("referral")
        ]
    );
    // The target name itself is matched as loosely as in a mapping file.
    assert_eq!(
        read(&Mapping::default(), "STAGE", &["Closed Lost"]),
        [value("closedLost")]
    );
}

#[test]
fn placeholders_read_as_empty_and_a_mappings_own_list_replaces_the_built_in_one() {
    let texts = ["N/A", "", "  select ", "TBD"];
    let built_in = read(&Mapping::default(), "stage", &texts);
    assert_eq!(
        built_in[..3],
        [Reading::Empty, Reading::Empty, Reading::Empty]
    );
    assert!(matches!(&built_in[3], Reading::Unknown(reason) if reason.contains("“TBD”")));

    let tbd = Mapping {
        empty: Some(strings(&["tbd"])),
        ..Mapping::default()
    };
    let own = read(&tbd, "stage", &texts);
    assert!(
        matches!(&own[0], Reading::Unknown(reason) if reason.contains("“N/A”")),
        "n/a is a value now: {:?}",
        own[0]
    );
    assert_eq!(own[1], Reading::Empty, "a blank is never a value");
    assert!(
        matches!(&own[2], Reading::Unknown(reason) if reason.contains("“select”")),
        "{:?}",
        own[2]
    );
    assert_eq!(own[3], Reading::Empty);
}

#[test]
fn the_fields_value_map_wins_over_matching_and_placeholders() {
    let mut m = Mapping::default();
    m.values.insert(
        "source.kind".into(),
        [
            ("GOOGLE".to_string(), "Paid Ads".to_string()),
            ("n/a".into(), "database".into()),
            ("Walk-in".into(), "".into()),
        ]
        .into(),
    );
    // Another field's map does not apply.
    m.values.insert(
        "stage".into(),
        [("google".to_string(), "mql".to_string())].into(),
    );
    assert_eq!(
        read(&m, "source.kind", &["google ", "N/A", "walk-in", "Event"]),
        [
            value("paidAds"),
            value("database"),
            Reading::Empty,
            value("event")
        ]
    );
}

#[test]
fn a_text_the_field_cannot_take_is_unknown_with_the_imports_reason() {
    let readings = read(&Mapping::default(), "source.kind", &["Google"]);
    let [Reading::Unknown(reason)] = readings.as_slice() else {
        panic!("{readings:?}");
    };
    assert!(reason.contains("“Google” is not a source"), "{reason}");
    assert_eq!(
        Mapping::default().read_values("source.colour", &[]),
        Err(MappingError::UnknownField {
            section: "values",
            target: "source.colour".into()
        })
    );
}

#[test]
fn a_reading_agrees_with_what_the_import_does_with_the_cell() {
    let mut m = mapping(&[("Name", "contact.name"), ("Stage", "stage")]);
    m.values.insert(
        "stage".into(),
        [("Hot".to_string(), "sql".to_string())].into(),
    );
    let plan = m
        .compile(&strings(&["Name", "Stage"]))
        .expect("valid mapping");
    let texts = ["hot", "Closed-Lost", "none", "warm"];
    for (text, reading) in texts.into_iter().zip(read(&m, "stage", &texts)) {
        match (reading, plan.convert(&record(2, &["Siti", text]))) {
            (Reading::Empty, Ok(lead)) => assert_eq!(lead.stage, None),
            (Reading::Value(wire), Ok(lead)) => {
                assert_eq!(lead.stage.map(Stage::key), Some(wire.as_str()))
            }
            (Reading::Unknown(reason), Err(rejection)) => assert_eq!(rejection.reason, reason),
            (reading, imported) => panic!("{text}: read {reading:?}, imported {imported:?}"),
        }
    }
}

#[test]
fn the_catalogue_groups_every_target_as_the_wizard_offers_them() {
    let groups = target_groups(ImportKind::Leads);
    let ids: Vec<_> = groups.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        ids,
        [
            "contact",
            "company",
            "source",
            "lifecycle",
            "opportunity",
            "closing",
            "bant",
            "other"
        ]
    );
    let of = |id: &str| {
        groups
            .iter()
            .find(|(g, _)| *g == id)
            .expect("listed")
            .1
            .clone()
    };
    assert_eq!(of("source")[0], "source.externalId");
    let lifecycle = of("lifecycle");
    assert_eq!(lifecycle[..3], ["stage", "createdAt", "entered.anonymous"]);
    assert_eq!(lifecycle.last().map(String::as_str), Some("reason"));
    assert_eq!(lifecycle.len(), 3 + Stage::ALL.len());
    assert_eq!(
        of("other"),
        [
            "owner",
            "tags",
            "notes",
            "consent.doNotEmail",
            "consent.doNotCall"
        ]
    );
    let activity_targets = 9;
    let listed: usize = groups.iter().map(|(_, targets)| targets.len()).sum();
    assert_eq!(
        listed,
        targets().len() - 1 - activity_targets,
        "all but ignore and the activity fields"
    );

    let enums = enum_targets();
    assert_eq!(
        enums.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(),
        [
            "source.kind",
            "stage",
            "activity.kind",
            "activity.channel",
            "activity.outcome"
        ]
    );
    assert_eq!(enums[1].1, Stage::ALL.map(Stage::key));
    assert_eq!(enums[3].1, ["call", "email", "social"]);
}

#[test]
fn an_activities_file_offers_the_activity_fields_first_and_who_did_it() {
    let groups = target_groups(ImportKind::Activities);
    let ids: Vec<_> = groups.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, ["activity", "contact", "company", "source"]);
    assert_eq!(
        groups[0].1,
        [
            "activity.kind",
            "activity.at",
            "activity.visitorId",
            "activity.url",
            "activity.asset",
            "activity.campaign",
            "activity.channel",
            "activity.outcome",
            "activity.note"
        ]
    );
}
