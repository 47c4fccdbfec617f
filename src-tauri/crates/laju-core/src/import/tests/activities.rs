//! Activities files through the pure pipeline: the three activity presets read their vendors'
//! columns, each row becomes an activity with the keys that find its lead, and a row that
//! cannot says which column and why.

use super::super::{preset, read, suggest, IncomingActivity, Mapping, Rejection};
use super::{fixture, mapping, strings};
use crate::activity::{ActivityKind, Channel, TouchOutcome};
use chrono::{DateTime, TimeZone, Utc};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 8, 0, 0)
        .single()
        .expect("valid")
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("RFC 3339")
}

fn activities(
    bytes: &[u8],
    mapping: &Mapping,
    source: &str,
) -> (Vec<IncomingActivity>, Vec<Rejection>) {
    let file = read(bytes).expect("readable file");
    let mut plan = mapping.compile(file.headers()).expect("valid mapping");
    // As the engine reads a file: every record first, each date column held to one format.
    let records: Vec<_> = file.records().collect();
    plan.settle_date_formats(records.iter().filter_map(|r| r.as_ref().ok()));
    let (mut ok, mut rejected) = (Vec::new(), Vec::new());
    for record in records {
        match record.and_then(|r| plan.convert_activity(&r, source, now())) {
            Ok(activity) => ok.push(activity),
            Err(rejection) => rejected.push(rejection),
        }
    }
    assert_eq!(
        ok.len() + rejected.len(),
        file.len(),
        "every record counted"
    );
    (ok, rejected)
}

#[test]
fn each_activity_export_is_recognised_by_its_columns() {
    for (file, name) in [
        ("eloqua-activities.csv", "eloqua"),
        ("mailchimp-activity.csv", "mailchimp"),
        ("google-forms-responses.csv", "googleForms"),
    ] {
        let file = read(&fixture(file)).expect("read");
        assert_eq!(suggest(file.headers()), Some(name));
    }
}

#[test]
fn an_eloqua_activity_export_reads_opens_clicks_page_views_forms_and_bounces() {
    let mapping = preset("eloqua").expect("preset");
    let (ok, rejected) = activities(&fixture("eloqua-activities.csv"), &mapping, "eloqua");
    assert_eq!((ok.len(), rejected.len()), (11, 3));

    let open = &ok[0];
    assert_eq!(open.line, 2);
    assert_eq!(open.profile.contact.email, "aisha@kedai.my");
    assert_eq!(open.activity.kind, ActivityKind::EmailOpen);
    assert_eq!(open.activity.at, at("2026-05-25T09:12:03Z"));
    assert_eq!(open.activity.source, "eloqua");
    assert_eq!(open.activity.campaign, "CMP-7");
    assert_eq!(ok[1].activity.kind, ActivityKind::EmailClick);
    assert_eq!(
        ok[2].activity.kind,
        ActivityKind::PageVisit {
            url: "https://laju.example/pricing".into(),
            pricing: true
        },
        "a page whose address mentions pricing is a pricing-page visit"
    );
    assert_eq!(ok[2].profile.source.visitor_id, "V-AISHA");

    let visit = &ok[6];
    assert_eq!(visit.line, 8);
    assert_eq!(
        (
            visit.profile.contact.email.as_str(),
            visit.profile.source.visitor_id.as_str()
        ),
        ("", "V-9F3")
    );
    assert_eq!(
        visit.activity.kind,
        ActivityKind::PageVisit {
            url: "https://laju.example/features".into(),
            pricing: false
        }
    );
    let form = &ok[8];
    assert_eq!(
        form.activity.kind,
        ActivityKind::FormSubmit { contact_us: false }
    );
    assert_eq!(form.profile.contact.email, "chen@kopiwangi.my");
    assert!(form.has_contact() && !form.describes_person());
    assert_eq!(
        ok[9].activity.kind,
        ActivityKind::Touch {
            channel: Channel::Email,
            outcome: TouchOutcome::Bounced
        },
        "a bounceback is an email touch that bounced"
    );
    assert_eq!(ok[10].profile.source.external_id, "C-404");

    let reasons: Vec<_> = rejected
        .iter()
        .map(|r| (r.line, r.column.as_str(), r.reason.as_str()))
        .collect();
    assert_eq!(reasons[0].0, 12);
    assert_eq!(reasons[0].1, "ActivityType");
    assert!(
        reasons[0]
            .2
            .starts_with("“Subscribe” is not an activity kind"),
        "{reasons:?}"
    );
    assert_eq!(
        reasons[1],
        (
            13,
            "ActivityDate",
            "2026-06-09 08:00 UTC lies in the future; an activity is imported once it has happened"
        )
    );
    assert_eq!((reasons[2].0, reasons[2].1), (14, "ActivityDate"));
    assert!(
        reasons[2].2.contains("“not a date” is not a date"),
        "{reasons:?}"
    );
}

#[test]
fn mailchimp_email_activity_reads_times_with_their_offsets() {
    let mapping = preset("mailchimp").expect("preset");
    let (ok, rejected) = activities(&fixture("mailchimp-activity.csv"), &mapping, "mailchimp");
    assert_eq!((ok.len(), rejected.len()), (4, 0));
    assert_eq!(ok[1].activity.kind, ActivityKind::EmailClick);
    assert_eq!(ok[1].activity.campaign, "42694e9e57");
    // 13:02:44 at +07:00 is 06:02:44 UTC.
    assert_eq!(ok[2].activity.at, at("2026-05-22T06:02:44Z"));
    assert!(matches!(
        ok[3].activity.kind,
        ActivityKind::Touch {
            outcome: TouchOutcome::Bounced,
            ..
        }
    ));
}

#[test]
fn google_forms_responses_are_form_submits_that_name_the_person() {
    let mapping = preset("googleForms").expect("preset");
    let (ok, rejected) = activities(&fixture("google-forms-responses.csv"), &mapping, "forms");
    assert_eq!((ok.len(), rejected.len()), (2, 1));
    let dewi = &ok[0];
    assert_eq!(
        dewi.activity.kind,
        ActivityKind::FormSubmit { contact_us: false }
    );
    assert_eq!(dewi.activity.at, at("2026-05-18T10:22:33Z"));
    assert_eq!(dewi.profile.contact.name, "Dewi Lestari");
    assert_eq!(dewi.profile.company.name, "Batik Lestari");
    assert!(dewi.describes_person());
    assert_eq!(
        (rejected[0].line, rejected[0].column.as_str()),
        (4, "Email Address")
    );
}

#[test]
fn a_day_first_sheet_is_read_day_first_in_every_row_not_only_where_the_day_passes_12() {
    let mapping = preset("googleForms").expect("preset");
    let sheet = "Timestamp,Email Address,Name\n\
                 1/5/2026 10:00:00,ana@kedai.my,Ana\n\
                 25/5/2026 10:00:00,budi@kedai.my,Budi\n";
    let (ok, rejected) = activities(sheet.as_bytes(), &mapping, "forms");
    assert!(rejected.is_empty(), "{rejected:?}");
    let days: Vec<_> = ok.iter().map(|a| a.activity.at).collect();
    assert_eq!(
        days,
        [at("2026-05-01T10:00:00Z"), at("2026-05-25T10:00:00Z")],
        "1/5 is 1 May like 25/5 is 25 May, not 5 January"
    );

    // A month-first sheet stays month-first; a column no one format reads is read cell by cell.
    let sheet = "Timestamp,Email Address,Name\n1/5/2026 10:00:00,ana@kedai.my,Ana\n";
    let (ok, _) = activities(sheet.as_bytes(), &mapping, "forms");
    assert_eq!(ok[0].activity.at, at("2026-01-05T10:00:00Z"));
    let sheet = "Timestamp,Email Address,Name\n\
                 5/25/2026 10:00:00,ana@kedai.my,Ana\n\
                 25/5/2026 10:00:00,budi@kedai.my,Budi\n";
    let (ok, _) = activities(sheet.as_bytes(), &mapping, "forms");
    assert_eq!(ok.len(), 2, "each row read by the format that fits it");
}

#[test]
fn a_row_that_names_no_one_or_a_touch_without_its_channel_is_rejected() {
    let csv = "When,Kind,Email,Visitor\n\
               2026-05-01,emailOpen,,\n\
               2026-05-01,touch,ali@kedai.my,\n\
               2026-05-01,Pricing Visit,,V1\n";
    let m = mapping(&[
        ("When", "activity.at"),
        ("Kind", "activity.kind"),
        ("Email", "contact.email"),
        ("Visitor", "activity.visitorId"),
    ]);
    let (ok, rejected) = activities(csv.as_bytes(), &m, "file");
    assert_eq!(ok.len(), 1);
    assert_eq!(
        ok[0].activity.kind,
        ActivityKind::PageVisit {
            url: String::new(),
            pricing: true
        },
        "kinds read loosely: “Pricing Visit” is pricingVisit"
    );
    assert!(
        rejected[0].reason.starts_with("The row names no one"),
        "{rejected:?}"
    );
    assert_eq!(
        rejected[0].column, "Email, Visitor",
        "the columns that name someone"
    );
    assert!(
        rejected[1].reason.starts_with("A touch needs its channel"),
        "{rejected:?}"
    );
    assert_eq!(
        rejected[1].fields,
        strings(&["2026-05-01", "touch", "ali@kedai.my", ""])
    );
}

#[test]
fn a_file_saved_twice_or_copied_names_one_source() {
    use super::super::source_named_by;
    for path in [
        "/home/me/Downloads/website-visits.csv",
        "/home/me/Downloads/website-visits (1).csv",
        "C:\\Users\\me\\website-visits - Copy (2).csv",
        "website-visits copy 2.csv",
        "website-visits(3)",
    ] {
        assert_eq!(source_named_by(path), "website-visits", "{path}");
    }
    assert_eq!(source_named_by("report 2024.csv"), "report 2024");
    assert_eq!(source_named_by("webinar (Q3).csv"), "webinar (Q3)");
    assert_eq!(source_named_by(".csv"), ".csv");
}
