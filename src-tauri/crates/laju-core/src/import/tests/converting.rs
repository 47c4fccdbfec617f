use super::super::{guess, targets, Mapping, MappingError};
use super::{import, mapping, record, strings};
use crate::lead::{Money, SourceKind};
use crate::Stage;
use chrono::{DateTime, NaiveDate, Utc};

fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("RFC 3339")
}

#[test]
fn a_laju_export_header_maps_every_field_by_name() {
    let headers = [
        "source.externalId",
        "contact.name",
        "contact.email",
        "contact.phone",
        "contact.title",
        "company.name",
        "company.employees",
        "company.industry",
        "company.country",
        "company.useCase",
        "company.targetAccount",
        "source.kind",
        "source.detail",
        "source.campaign",
        "source.utm",
        "source.eventName",
        "source.referrer",
        "source.partner",
        "owner",
        "tags",
        "notes",
        "consent.doNotEmail",
        "consent.doNotCall",
        "stage",
        "createdAt",
        "entered.mql",
        "entered.closedLost",
        "reason",
        "opportunity.value",
        "opportunity.currency",
        "opportunity.closeDate",
        "bant.budget",
        "bant.authority",
        "bant.need",
        "bant.timeline",
        "ignore",
    ];
    let row = [
        "crm-42",
        "Nurul Aisyah",
        "nurul@kedai.com.my",
        "+60 12-345 6789",
        "Owner",
        "Kedai Kopi",
        "11-50",
        "Food",
        "Malaysia",
        "POS",
        "yes",
        "Paid Ads",
        "Landing page",
        "Raya 2024",
        "utm_source=fb",
        "SME Expo",
        "Budi",
        "Reseller Sdn Bhd",
        "Siti",
        "vip; raya,vip",
        "Likes kopi",
        "Y",
        "0",
        "closed lost",
        "2024-01-02T03:04:05Z",
        "2024-02-01",
        "03/01/2024",
        "Went with a competitor",
        "12,500.90",
        "myr",
        "2024-04-30",
        "RM 10k",
        "Owner decides",
        "Queue system",
        "This quarter",
        "whatever",
    ];
    let text = format!("{}\n\"{}\"\n", headers.join(","), row.join("\",\""));
    let (leads, rejected) = import(text.as_bytes(), &Mapping::default());
    assert_eq!(rejected, []);
    let lead = &leads[0];
    let p = &lead.profile;
    assert_eq!(lead.line, 2);
    assert_eq!(p.source.external_id, "crm-42");
    assert_eq!(p.contact.name, "Nurul Aisyah");
    assert_eq!(p.contact.email, "nurul@kedai.com.my");
    assert_eq!(p.contact.phone, "+60 12-345 6789");
    assert_eq!(p.contact.title, "Owner");
    assert_eq!(p.company.name, "Kedai Kopi");
    assert_eq!(p.company.employees, Some(11));
    assert_eq!(p.company.industry, "Food");
    assert_eq!(p.company.country, "Malaysia");
    assert_eq!(p.company.use_case, "POS");
    assert!(p.company.target_account);
    assert_eq!(p.source.kind, SourceKind::PaidAds);
    assert_eq!(p.source.detail, "Landing page");
    assert_eq!(p.source.campaign, "Raya 2024");
    assert_eq!(p.source.utm, "utm_source=fb");
    assert_eq!(p.source.event_name, "SME Expo");
    assert_eq!(p.source.referrer, "Budi");
    assert_eq!(p.source.partner, "Reseller Sdn Bhd");
    assert_eq!(p.owner.as_deref(), Some("Siti"));
    assert_eq!(p.tags, strings(&["vip", "raya"]));
    assert_eq!(p.notes, "Likes kopi");
    assert!(p.consent.do_not_email);
    assert!(!p.consent.do_not_call);
    assert_eq!(lead.stage, Some(Stage::ClosedLost));
    assert_eq!(lead.created_at, Some(at("2024-01-02T03:04:05Z")));
    assert_eq!(
        lead.entered,
        [
            (Stage::Mql, at("2024-02-01T00:00:00Z")),
            (Stage::ClosedLost, at("2024-03-01T00:00:00Z"))
        ]
    );
    assert_eq!(lead.reason, "Went with a competitor");
    assert_eq!(
        p.opportunity.value,
        Some(Money {
            amount: 12_500,
            currency: "MYR".into()
        })
    );
    assert_eq!(
        p.opportunity.close_date,
        NaiveDate::from_ymd_opt(2024, 4, 30)
    );
    assert_eq!(p.bant.budget, "RM 10k");
    assert_eq!(p.bant.authority, "Owner decides");
    assert_eq!(p.bant.need, "Queue system");
    assert_eq!(p.bant.timeline, "This quarter");
    // The activity fields (9) are read by an activities import; see activities.rs.
    assert_eq!(targets().len(), 43 + 9 + Stage::ALL.len());
}

#[test]
fn placeholders_value_maps_and_defaults_apply_in_that_order() {
    let mut m = mapping(&[
        ("Name", "contact.name"),
        ("Source", "source.kind"),
        ("Industry", "company.industry"),
    ]);
    m.values.insert(
        "source.kind".into(),
        [
            ("GOOGLE".to_string(), "paidAds".to_string()),
            ("Unknown".into(), "".into()),
        ]
        .into(),
    );
    m.defaults.insert("source.kind".into(), "database".into());
    m.defaults.insert("stage".into(), "known".into());
    let text = "Name,Source,Industry\n\
        A,google,Select\n\
        B, N/A ,Retail\n\
        C,unknown,-\n\
        D,Referral,null\n";
    let (leads, rejected) = import(text.as_bytes(), &m);
    assert_eq!(rejected, []);
    let kinds: Vec<_> = leads.iter().map(|l| l.profile.source.kind).collect();
    assert_eq!(
        kinds,
        [
            SourceKind::PaidAds,
            SourceKind::Database,
            SourceKind::Database,
            SourceKind::Referral
        ]
    );
    assert_eq!(leads[0].profile.company.industry, "");
    assert_eq!(leads[1].profile.company.industry, "Retail");
    // The stage column is absent, so every lead takes the default.
    assert!(leads.iter().all(|l| l.stage == Some(Stage::Known)));

    // A mapping's own placeholder list replaces the built-in one.
    m.empty = Some(strings(&["tbd"]));
    let (leads, _) = import(b"Name,Source,Industry\nA,,TBD\nB,,Select\n", &m);
    assert_eq!(leads[0].profile.company.industry, "");
    assert_eq!(leads[1].profile.company.industry, "Select");
}

#[test]
fn a_value_that_does_not_parse_rejects_the_row_naming_column_and_value() {
    let m = mapping(&[
        ("Name", "contact.name"),
        ("Lead Source", "source.kind"),
        ("Created", "createdAt"),
        ("Staff", "company.employees"),
        ("DNC", "consent.doNotCall"),
        ("Deal", "opportunity.value"),
    ]);
    let plan = m
        .compile(&strings(&[
            "Name",
            "Lead Source",
            "Created",
            "Staff",
            "DNC",
            "Deal",
        ]))
        .expect("compile");
    let reject = |fields: &[&str]| plan.convert(&record(9, fields)).expect_err("rejected");
    let r = reject(&["A", "testone", "", "", "", ""]);
    assert_eq!((r.line, r.column.as_str()), (9, "Lead Source"));
    assert!(
        r.reason.starts_with("“testone” is not a source"),
        "{}",
        r.reason
    );
    assert_eq!(r.fields, strings(&["A", "testone", "", "", "", ""]));
    let r = reject(&["A", "", "31/31/2024", "", "", ""]);
    assert_eq!(r.column, "Created");
    assert!(
        r.reason.starts_with("“31/31/2024” is not a date"),
        "{}",
        r.reason
    );
    assert_eq!(reject(&["A", "", "", "many", "", ""]).column, "Staff");
    assert_eq!(reject(&["A", "", "", "", "maybe", ""]).column, "DNC");
    assert_eq!(reject(&["A", "", "", "", "", "lots"]).column, "Deal");
    let r = reject(&["A", "", "", "", "", "1,000"]);
    assert_eq!(r.column, "Deal");
    assert_eq!(
        r.reason,
        "An amount needs a currency: set one in the mapping"
    );
}

#[test]
fn dates_read_in_the_mappings_zone_and_formats() {
    let mut m = mapping(&[("Name", "contact.name"), ("When", "createdAt")]);
    m.timezone = "Asia/Kuala_Lumpur".into();
    let plan = m.compile(&strings(&["Name", "When"])).expect("compile");
    let when = |text: &str| {
        plan.convert(&record(2, &["A", text]))
            .expect("converted")
            .created_at
            .expect("a date")
    };
    assert_eq!(when("2024-03-01 09:00"), at("2024-03-01T01:00:00Z"));
    assert_eq!(
        when("2024-03-01T09:00:00+07:00"),
        at("2024-03-01T02:00:00Z")
    );
    assert_eq!(when("3/15/2024"), at("2024-03-14T16:00:00Z"));
    assert_eq!(when("3/15/2024 2:30 PM"), at("2024-03-15T06:30:00Z"));
    assert_eq!(when("15-03-2024"), at("2024-03-14T16:00:00Z"));
    assert_eq!(when("25/12/2023"), at("2023-12-24T16:00:00Z"));

    let mut m = mapping(&[("Name", "contact.name"), ("When", "createdAt")]);
    m.date_formats = strings(&["%d.%m.%Y"]);
    let plan = m.compile(&strings(&["Name", "When"])).expect("compile");
    let lead = plan
        .convert(&record(2, &["A", "01.02.2024"]))
        .expect("converted");
    assert_eq!(lead.created_at, Some(at("2024-02-01T00:00:00Z")));
    let other_format = plan
        .convert(&record(2, &["A", "2024-02-01"]))
        .expect_err("only the mapping's formats are read");
    assert_eq!(
        (other_format.line, other_format.column.as_str()),
        (2, "When")
    );
}

#[test]
fn names_join_notes_add_lines_and_the_first_non_empty_column_wins() {
    let m = mapping(&[
        ("First", "contact.firstName"),
        ("Last", "contact.lastName"),
        ("Mobile", "contact.phone"),
        ("Office", "contact.phone"),
        ("City", "notes"),
        ("Quality", "notes"),
        ("Topics", "tags"),
        ("Interests", "tags"),
    ]);
    let headers = strings(&[
        "First",
        "Last",
        "Mobile",
        "Office",
        "City",
        "Quality",
        "Topics",
        "Interests",
    ]);
    let plan = m.compile(&headers).expect("compile");
    let lead = plan
        .convert(&record(
            2,
            &[
                "Tan",
                "Wei Ming",
                "",
                "+60 3-7890 1234",
                "Mumbai",
                "Might be",
                "a;b",
                "b,c",
            ],
        ))
        .expect("converted");
    let p = &lead.profile;
    assert_eq!(p.contact.name, "Tan Wei Ming");
    assert_eq!(p.contact.phone, "+60 3-7890 1234");
    assert_eq!(p.notes, "City: Mumbai\nQuality: Might be");
    assert_eq!(p.tags, strings(&["a", "b", "c"]));
    let lead = plan
        .convert(&record(
            3,
            &["", "Lestari", "+62 811", "+62 21 5550 1234", "", "", "", ""],
        ))
        .expect_err("a 5-digit phone is not a phone");
    assert_eq!(lead.column, "Mobile");
}

#[test]
fn lead_checks_reject_naming_the_mapped_header() {
    let m = mapping(&[
        ("E-mail Address", "contact.email"),
        ("Given", "contact.firstName"),
        ("Id", "source.externalId"),
    ]);
    let plan = m
        .compile(&strings(&["Given", "E-mail Address", "Id"]))
        .expect("compile");
    let bad = plan
        .convert(&record(4, &["Aisyah", "aisyah at kedai", ""]))
        .expect_err("bad email");
    assert_eq!((bad.line, bad.column.as_str()), (4, "E-mail Address"));
    assert_eq!(
        bad.reason,
        "This is not an email address (expected name@example.com)."
    );
    let nobody = plan
        .convert(&record(5, &["", "", ""]))
        .expect_err("no identity");
    assert_eq!(nobody.column, "Given");
    let by_id = plan
        .convert(&record(6, &["", "", "X-1"]))
        .expect("an external id alone identifies a lead");
    assert_eq!(by_id.profile.source.external_id, "X-1");
}

#[test]
fn compile_reports_bad_settings_and_lists_missing_and_unmapped_columns() {
    let headers = strings(&["Name", "Email", "Shoe size", ""]);
    let plan = mapping(&[("name", "contact.name"), ("Phone", "contact.phone")])
        .compile(&headers)
        .expect("compile");
    assert_eq!(plan.missing(), strings(&["Phone"]));
    assert_eq!(plan.unmapped(), strings(&["Email", "Shoe size"]));

    let err = |m: Mapping| m.compile(&headers).expect_err("invalid");
    assert_eq!(
        err(mapping(&[("Name", "contact.nickname")])),
        MappingError::UnknownTarget {
            header: "Name".into(),
            target: "contact.nickname".into()
        }
    );
    let mut m = Mapping::default();
    m.timezone = "Asia/Kuala Lumpur".into();
    assert_eq!(err(m), MappingError::Timezone("Asia/Kuala Lumpur".into()));
    let mut m = Mapping::default();
    m.date_formats = strings(&["%Q"]);
    assert_eq!(err(m), MappingError::DateFormat("%Q".into()));
    let mut m = Mapping::default();
    m.currency = "ringgit".into();
    assert_eq!(err(m), MappingError::Currency("ringgit".into()));
    let mut m = Mapping::default();
    m.defaults.insert("stage".into(), "lead".into());
    assert!(
        matches!(err(m.clone()), MappingError::Default { ref target, .. } if target == "stage"),
        "{}",
        err(m)
    );
    let mut m = Mapping::default();
    m.values.insert(
        "source.kind".into(),
        [("Google".to_string(), "ads".to_string())].into(),
    );
    let e = err(m);
    assert!(
        matches!(&e, MappingError::Value { target, from, .. } if target == "source.kind" && from == "Google"),
        "{e}"
    );
    assert!(e.to_string().contains("“Google”"), "{e}");
    let mut m = Mapping::default();
    m.values.insert("colour".into(), Default::default());
    assert_eq!(
        err(m),
        MappingError::UnknownField {
            section: "values",
            target: "colour".into()
        }
    );
}

#[test]
fn guess_maps_common_labels_and_field_names() {
    let headers = strings(&[
        "E-mail",
        "Full Name",
        "First Name",
        "Last Name",
        "Mobile",
        "Organisation",
        "Job Title",
        "Country",
        "Industry",
        "Lead Source",
        "Lifecycle Stage",
        "Create Date",
        "Owner",
        "Notes",
        "Campaign",
        "Tags",
        "COMPANY.USECASE",
        "Favourite colour",
    ]);
    let m = guess(&headers);
    let target = |h: &str| m.columns.get(h).map(String::as_str);
    assert_eq!(target("E-mail"), Some("contact.email"));
    assert_eq!(target("Full Name"), Some("contact.name"));
    assert_eq!(target("First Name"), Some("contact.firstName"));
    assert_eq!(target("Last Name"), Some("contact.lastName"));
    assert_eq!(target("Mobile"), Some("contact.phone"));
    assert_eq!(target("Organisation"), Some("company.name"));
    assert_eq!(target("Job Title"), Some("contact.title"));
    assert_eq!(target("Country"), Some("company.country"));
    assert_eq!(target("Industry"), Some("company.industry"));
    assert_eq!(target("Lead Source"), Some("source.kind"));
    assert_eq!(target("Lifecycle Stage"), Some("stage"));
    assert_eq!(target("Create Date"), Some("createdAt"));
    assert_eq!(target("Owner"), Some("owner"));
    assert_eq!(target("Notes"), Some("notes"));
    assert_eq!(target("Campaign"), Some("source.campaign"));
    assert_eq!(target("Tags"), Some("tags"));
    assert_eq!(target("COMPANY.USECASE"), Some("company.useCase"));
    assert_eq!(target("Favourite colour"), None);
    assert!(m.compile(&headers).is_ok());
}

#[test]
fn deal_and_closing_fields_import_from_their_export_names() {
    let text = "contact.name,company.techStack,opportunity.stakeholders,opportunity.salesStage,\
                opportunity.forecast,closing.contractSigned,closing.paymentTerms,closing.onboarding\n\
                Siti,WhatsApp; Excel,Tan; '=Mei,Proposal,Best case,2026-05-20,Monthly,2026-06-01\n";
    let (leads, rejected) = import(text.as_bytes(), &Mapping::default());
    assert_eq!(rejected, []);
    let p = &leads[0].profile;
    assert_eq!(p.company.tech_stack, ["WhatsApp", "Excel"]);
    assert_eq!(p.opportunity.stakeholders, ["Tan", "'=Mei"]);
    assert_eq!(p.opportunity.sales_stage, "Proposal");
    assert_eq!(
        p.opportunity.forecast,
        Some(crate::lead::ForecastCategory::BestCase)
    );
    assert_eq!(
        p.closing.contract_signed,
        NaiveDate::from_ymd_opt(2026, 5, 20)
    );
    assert_eq!(p.closing.payment_terms, "Monthly");
    assert_eq!(p.closing.onboarding, NaiveDate::from_ymd_opt(2026, 6, 1));

    let bad = "contact.name,opportunity.forecast\nSiti,maybe\n";
    let (_, rejected) = import(bad.as_bytes(), &Mapping::default());
    assert_eq!(rejected[0].column, "opportunity.forecast");
}
