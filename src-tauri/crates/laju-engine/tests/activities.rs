//! Importing what leads did (email activity, form responses, visits) into a real sled folder:
//! each row finds its lead or is accounted for, a file imported twice adds nothing twice,
//! visitors become known with their real dates, and the Playbook's rules run on the result.

mod support;

use chrono::{DateTime, Utc};
use laju_core::activity::{ActivityKind, ActivityType};
use laju_core::import::{ImportKind, Mapping};
use laju_core::Stage;
use laju_engine::analytics::ReportQuery;
use laju_engine::handoff::InboxQuery;
use laju_engine::import::{ImportOptions, ImportReport, Preset, Unmatched};
use laju_engine::leads::{LeadQuery, LeadRow};
use laju_engine::Workspace;
use std::path::PathBuf;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/import")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

/// A mapping of `(header, target)` pairs.
fn mapped(columns: &[(&str, &str)]) -> Mapping {
    let mut mapping = Mapping::default();
    for (header, target) in columns {
        mapping
            .columns
            .insert(header.to_string(), target.to_string());
    }
    mapping
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("RFC 3339")
}

/// A workspace on 1 June 2026 with two known leads, Aisha and Budi.
fn with_two_leads() -> (tempfile::TempDir, Workspace) {
    let (dir, _, ws) = support::opened(support::morning(6, 1));
    let mapping = mapped(&[
        ("Name", "contact.name"),
        ("Email", "contact.email"),
        ("Company", "company.name"),
        ("Created", "createdAt"),
    ]);
    let leads = "Name,Email,Company,Created\n\
                 Aisha Rahman,aisha@kedai.my,Kedai Aisha,2026-04-01\n\
                 Budi Santoso,budi@warung.id,Warung Budi,2026-04-02\n";
    let options = ImportOptions {
        mapping,
        ..ImportOptions::default()
    };
    let report = ws
        .import_csv(leads.as_bytes(), &options, "test", &mut |_| true)
        .expect("leads");
    assert_eq!(report.imported, 2);
    (dir, ws)
}

fn activities(preset: Preset) -> ImportOptions {
    ImportOptions {
        kind: ImportKind::Activities,
        mapping: preset.mapping(),
        source: laju_core::wire(&preset),
        ..ImportOptions::default()
    }
}

fn import(ws: &Workspace, bytes: &[u8], options: &ImportOptions) -> ImportReport {
    ws.import_csv(bytes, options, "test", &mut |_| true)
        .expect("import")
}

fn rows(ws: &Workspace) -> Vec<LeadRow> {
    ws.list_leads(&LeadQuery::default()).expect("list").rows
}

fn row<'a>(rows: &'a [LeadRow], email: &str) -> &'a LeadRow {
    rows.iter()
        .find(|r| r.email == email)
        .unwrap_or_else(|| panic!("{email} in {rows:?}"))
}

#[test]
fn an_email_tools_activity_export_makes_mqls_that_wait_in_the_inbox() {
    let (_dir, ws) = with_two_leads();
    let report = import(
        &ws,
        &fixture("eloqua-activities.csv"),
        &activities(Preset::Eloqua),
    );
    // 14 rows, counted by hand from the fixture: Aisha's 5 and Budi's 1 attach; the visitor
    // V-9F3's first page view creates an anonymous lead, its second visit and its form attach;
    // the bounce for old@closed.example names an email no lead has, which creates that lead;
    // Subscribe, the June (future) open and the bad date are rejected; the page view keyed
    // only by Eloqua contact C-404 finds no lead and has nothing to create one with.
    assert_eq!(
        (
            report.rows,
            report.imported,
            report.merged,
            report.already_there,
            report.rejected
        ),
        (14, 2, 8, 0, 4)
    );
    assert!(report.balanced);
    let lines: Vec<u64> = report.rejections.iter().map(|r| r.line).collect();
    assert_eq!(lines, [12, 13, 14, 15]);
    assert!(report.rejections[3]
        .reason
        .starts_with("Matches no lead and carries no contact"));

    // Three pricing-page visits within 14 days is a default MQL trigger: Aisha only.
    assert_eq!((report.moved.mql, report.moved.handoffs), (1, 1));
    let inbox = ws.inbox(&InboxQuery::default()).expect("inbox");
    let waiting: Vec<&str> = inbox.items.iter().map(|i| i.lead.email.as_str()).collect();
    assert_eq!(waiting, ["aisha@kedai.my"]);
    let handoff = &inbox.items[0].handoff;
    assert_eq!(
        handoff.started_at,
        support::morning(6, 1),
        "the SLA clock starts at the import, not at the visits"
    );

    let leads = rows(&ws);
    assert_eq!(row(&leads, "aisha@kedai.my").stage, Stage::Mql);
    assert_eq!(row(&leads, "budi@warung.id").stage, Stage::Known);
    let aisha = ws
        .lead_detail(row(&leads, "aisha@kedai.my").id)
        .expect("aisha");
    let kinds: Vec<ActivityType> = aisha
        .activities
        .iter()
        .map(|a| a.kind.activity_type())
        .collect();
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == ActivityType::PricingVisit)
            .count(),
        3
    );
    assert!(aisha.activities.iter().all(|a| a.source == "eloqua"));
    assert_eq!(aisha.lead.profile.source.visitor_id, "V-AISHA");
}

#[test]
fn the_same_file_imported_twice_adds_nothing_the_second_time() {
    let (_dir, ws) = with_two_leads();
    let options = activities(Preset::Mailchimp);
    let first = import(&ws, &fixture("mailchimp-activity.csv"), &options);
    assert_eq!((first.imported, first.merged, first.rejected), (1, 3, 0));
    let before: Vec<_> = rows(&ws)
        .iter()
        .map(|r| ws.lead_detail(r.id).expect("detail"))
        .collect();

    let second = import(&ws, &fixture("mailchimp-activity.csv"), &options);
    assert_eq!(
        (
            second.imported,
            second.merged,
            second.already_there,
            second.rejected
        ),
        (0, 0, 4, 0)
    );
    assert!(second.balanced);
    assert!(second.moved.leads.is_empty());
    let after: Vec<_> = rows(&ws)
        .iter()
        .map(|r| ws.lead_detail(r.id).expect("detail"))
        .collect();
    assert_eq!(after, before, "no lead changed");

    // The same moment from another source is another activity.
    let other = ImportOptions {
        source: "crm-sync".into(),
        ..options
    };
    let third = import(&ws, &fixture("mailchimp-activity.csv"), &other);
    assert_eq!((third.merged, third.already_there), (4, 0));
}

#[test]
fn a_visitor_becomes_known_on_the_date_of_the_form_that_named_them() {
    let (_dir, ws) = with_two_leads();
    import(
        &ws,
        &fixture("eloqua-activities.csv"),
        &activities(Preset::Eloqua),
    );
    let leads = rows(&ws);
    let chen = ws
        .lead_detail(row(&leads, "chen@kopiwangi.my").id)
        .expect("chen");
    // The visits from 10 and 12 May came before anyone knew who it was; the form on 20 May
    // carried the visitor id and an email. Eloqua's times have no zone and read as UTC.
    let path: Vec<(Option<Stage>, Stage, DateTime<Utc>)> =
        chen.history.iter().map(|h| (h.from, h.to, h.at)).collect();
    assert_eq!(
        path[0],
        (None, Stage::Anonymous, at("2026-05-10T11:00:00Z"))
    );
    assert_eq!(chen.lead.created_at, at("2026-05-10T11:00:00Z"));
    assert_eq!(chen.lead.profile.source.visitor_id, "V-9F3");
    assert_eq!(chen.activities.len(), 3);
    // An email alone is not enough to be Known (the gate wants a name too): Chen stays a
    // visitor with an address until a form gives the name.
    assert_eq!(chen.lead.stage, Stage::Anonymous);

    let form = "Timestamp,Email Address,Name,Company,Visitor\n\
                5/21/2026 09:00:00,chen@kopiwangi.my,Chen Wei,Kopi Wangi,V-9F3\n";
    let mut options = activities(Preset::GoogleForms);
    options
        .mapping
        .columns
        .insert("Visitor".into(), "activity.visitorId".into());
    let report = import(&ws, form.as_bytes(), &options);
    assert_eq!((report.merged, report.moved.known), (1, 1));
    let chen = ws.lead_detail(chen.lead.id).expect("chen");
    let path: Vec<(Stage, DateTime<Utc>)> = chen.history.iter().map(|h| (h.to, h.at)).collect();
    assert_eq!(
        path,
        [
            (Stage::Anonymous, at("2026-05-10T11:00:00Z")),
            (Stage::Known, at("2026-05-21T09:00:00Z"))
        ],
        "Visitor → Known with the real dates"
    );
    assert_eq!(chen.lead.profile.contact.name, "Chen Wei");
}

#[test]
fn a_visitor_who_turns_out_to_be_a_known_lead_joins_them_and_is_counted_once() {
    let (_dir, ws) = with_two_leads();
    let visits = "When,Kind,Url,Visitor,Email\n\
                  2026-03-20,pageVisit,https://laju.example/,V-B,\n\
                  2026-03-22,pageVisit,https://laju.example/features,V-B,\n\
                  2026-05-30,formSubmit,https://laju.example/trial,V-B,budi@warung.id\n";
    let mapping = mapped(&[
        ("When", "activity.at"),
        ("Kind", "activity.kind"),
        ("Url", "activity.url"),
        ("Visitor", "activity.visitorId"),
        ("Email", "contact.email"),
    ]);
    let options = ImportOptions {
        kind: ImportKind::Activities,
        mapping,
        source: "website".into(),
        ..ImportOptions::default()
    };
    let funnel_before = ws.funnel_report(&ReportQuery::default()).expect("funnel");
    let report = import(&ws, visits.as_bytes(), &options);
    // The first visit makes the visitor; the second attaches to it; the form finds Budi by
    // email and carries the visitor id, so the visitor joins Budi.
    assert_eq!((report.imported, report.merged), (1, 2));

    let leads = rows(&ws);
    let budi = ws
        .lead_detail(row(&leads, "budi@warung.id").id)
        .expect("budi");
    assert_eq!(budi.history[0].to, Stage::Anonymous);
    assert_eq!(
        budi.history[0].at,
        at("2026-03-20T00:00:00Z"),
        "since the first visit"
    );
    assert_eq!(budi.lead.created_at, at("2026-03-20T00:00:00Z"));
    let visits: Vec<&ActivityKind> = budi
        .activities
        .iter()
        .map(|a| &a.kind)
        .filter(|k| matches!(k, ActivityKind::PageVisit { .. }))
        .collect();
    assert_eq!(visits.len(), 2, "the visitor's visits are Budi's now");
    assert_eq!(budi.lead.profile.source.visitor_id, "V-B");

    let visitor = leads
        .iter()
        .find(|r| r.email.is_empty())
        .expect("the visitor's own record stays");
    assert_eq!(visitor.stage, Stage::Disqualified, "merged into Budi");
    let funnel = ws.funnel_report(&ReportQuery::default()).expect("funnel");
    assert_eq!(
        funnel.overall.leads, funnel_before.overall.leads,
        "Budi is one person in the funnel, not two"
    );
}

#[test]
fn rows_that_cannot_be_placed_are_rejected_with_a_reason_and_nothing_is_half_written() {
    let (_dir, ws) = with_two_leads();
    // Two known leads carry the same visitor id (a shared computer).
    let leads = "Name,Email,Visitor\n\
                 Siti,siti@kedai.my,V-SHARED\n\
                 Wati,wati@kedai.my,V-SHARED\n";
    let mapping = mapped(&[
        ("Name", "contact.name"),
        ("Email", "contact.email"),
        ("Visitor", "activity.visitorId"),
    ]);
    let leads_options = ImportOptions {
        mapping,
        ..ImportOptions::default()
    };
    assert_eq!(import(&ws, leads.as_bytes(), &leads_options).imported, 2);

    let csv = "When,Kind,Visitor,Email\n\
               2026-05-02,pageVisit,V-SHARED,\n\
               2026-05-03,pageVisit,V-SHARED,budi@warung.id\n\
               2026-05-04,emailOpen,,nobody@nowhere.example\n";
    let mapping = mapped(&[
        ("When", "activity.at"),
        ("Kind", "activity.kind"),
        ("Visitor", "activity.visitorId"),
        ("Email", "contact.email"),
    ]);
    let options = ImportOptions {
        kind: ImportKind::Activities,
        mapping,
        source: "website".into(),
        unmatched: Unmatched::Reject,
        ..ImportOptions::default()
    };
    let before = rows(&ws);
    let report = import(&ws, csv.as_bytes(), &options);
    assert_eq!((report.rows, report.rejected), (3, 3));
    assert!(report.balanced);
    let reasons: Vec<&str> = report
        .rejections
        .iter()
        .map(|r| r.reason.as_str())
        .collect();
    assert!(
        reasons[0].starts_with("Visitor id V-SHARED belongs to leads "),
        "{reasons:?}"
    );
    assert!(
        reasons[1].starts_with("Visitor id V-SHARED is lead "),
        "{reasons:?}"
    );
    let columns: Vec<&str> = report
        .rejections
        .iter()
        .map(|r| r.column.as_str())
        .collect();
    assert_eq!(columns, ["Visitor", "Visitor", "Email, Visitor"]);
    assert_eq!(
        reasons[2],
        "Matches no lead; the import was set not to create leads"
    );
    assert_eq!(rows(&ws), before, "nothing was written");
}

#[test]
fn a_dry_run_counts_every_row_and_writes_nothing() {
    let (_dir, ws) = with_two_leads();
    let options = ImportOptions {
        dry_run: true,
        ..activities(Preset::Eloqua)
    };
    let before = rows(&ws);
    let dry = import(&ws, &fixture("eloqua-activities.csv"), &options);
    assert_eq!((dry.imported, dry.merged, dry.rejected), (2, 8, 4));
    assert!(!dry.committed);
    assert_eq!(rows(&ws), before);
    let real = import(
        &ws,
        &fixture("eloqua-activities.csv"),
        &activities(Preset::Eloqua),
    );
    assert_eq!(
        (real.imported, real.merged, real.rejected),
        (dry.imported, dry.merged, dry.rejected),
        "the dry run said what the import did"
    );
}

#[test]
fn imported_history_counts_less_as_it_ages_and_old_visits_make_no_mql() {
    let (_dir, ws) = with_two_leads();
    // Aisha visited the pricing page three times in March, Budi three times last week.
    let csv = "When,Kind,Url,Email\n\
               2026-03-01,pageVisit,https://laju.example/pricing,aisha@kedai.my\n\
               2026-03-02,pageVisit,https://laju.example/pricing,aisha@kedai.my\n\
               2026-03-03,pageVisit,https://laju.example/pricing,aisha@kedai.my\n\
               2026-05-26,pageVisit,https://laju.example/pricing,budi@warung.id\n\
               2026-05-28,pageVisit,https://laju.example/pricing,budi@warung.id\n\
               2026-05-30,pageVisit,https://laju.example/pricing,budi@warung.id\n";
    let mapping = mapped(&[
        ("When", "activity.at"),
        ("Kind", "activity.kind"),
        ("Url", "activity.url"),
        ("Email", "contact.email"),
    ]);
    let options = ImportOptions {
        kind: ImportKind::Activities,
        mapping,
        source: "website".into(),
        ..ImportOptions::default()
    };
    let report = import(&ws, csv.as_bytes(), &options);
    assert_eq!(
        report.moved.mql, 1,
        "only the recent visits fire the trigger"
    );

    let leads = rows(&ws);
    let line = |email: &str| {
        let detail = ws.lead_detail(row(&leads, email).id).expect("detail");
        let line = detail
            .assessment
            .engagement
            .lines
            .into_iter()
            .find(|l| l.criterion == "pricing-visits")
            .expect("pricing line");
        (detail.lead.stage, line)
    };
    // At 08:00 on 1 June, 10 points a visit, half-life 30 days: March's midnight visits are
    // 92⅓, 91⅓ and 90⅓ days old, 10 × (0.5^(92.333/30) + 0.5^(91.333/30) + 0.5^(90.333/30))
    // = 10 × (0.11847 + 0.12124 + 0.12407) = 3.6 points of the cap of 30; last week's are 6⅓,
    // 4⅓ and 2⅓ days old: 10 × (0.86384 + 0.90475 + 0.94748) = 27.2.
    let (aisha_stage, aisha) = line("aisha@kedai.my");
    assert_eq!(aisha_stage, Stage::Known);
    assert_eq!(aisha.points, 3.6);
    assert_eq!(
        aisha.detail,
        laju_core::scoring::ScoreDetail::Counted {
            count: 3,
            points: 10,
            last_days_ago: Some(90),
            cap: Some(30)
        }
    );
    let (budi_stage, budi) = line("budi@warung.id");
    assert_eq!(budi_stage, Stage::Mql);
    assert_eq!(budi.points, 27.2);
}

#[test]
fn an_address_without_a_name_stays_anonymous_as_the_playbooks_gate_says_and_the_result_says_why() {
    let (_dir, ws) = with_two_leads();
    let options = ImportOptions {
        kind: ImportKind::Activities,
        mapping: mapped(&[
            ("When", "activity.at"),
            ("Kind", "activity.kind"),
            ("Email", "contact.email"),
        ]),
        source: "newsletter".into(),
        ..ImportOptions::default()
    };
    let opened = "When,Kind,Email\n2026-05-20,emailOpen,citra@toko.id\n";
    let report = import(&ws, opened.as_bytes(), &options);
    assert_eq!((report.imported, report.moved.known), (1, 0));
    assert_eq!(report.moved.unnamed, 1, "Citra has an address but no name");
    assert_eq!(row(&rows(&ws), "citra@toko.id").stage, Stage::Anonymous);

    // A team that lets an address alone make a lead known drops the name from the gate.
    let current = ws.playbook().expect("playbook");
    let mut playbook = current.playbook.clone();
    playbook
        .gates
        .retain(|c| *c != laju_core::gates::Criterion::NameKnown);
    ws.save_playbook(
        laju_engine::playbook::SavePlaybook {
            base_version: current.version,
            playbook,
        },
        "test",
    )
    .expect("save");
    let clicked = "When,Kind,Email\n2026-05-21,emailClick,dewi@toko.id\n";
    let report = import(&ws, clicked.as_bytes(), &options);
    assert_eq!((report.moved.known, report.moved.unnamed), (1, 0));
    assert_eq!(row(&rows(&ws), "dewi@toko.id").stage, Stage::Known);
}
