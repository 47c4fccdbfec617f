//! CSV exports as a spreadsheet user meets them: one row per lead, every field under its import
//! name, nothing a spreadsheet would run as a formula.

mod support;

use chrono::{Duration, NaiveDate};
use laju_core::lead::{ForecastCategory, LeadProfile, Money, SourceKind};
use laju_core::lifecycle::LifecycleEvent;
use laju_engine::analytics::ReportQuery;
use laju_engine::export::{neutralise, ExportKind};
use laju_engine::import::{ImportOptions, ImportProgress};
use laju_engine::leads::{LeadQuery, MoveLead, MoveOutcome, SaveOutcome};
use laju_engine::Workspace;
use std::collections::HashMap;
use support::{morning, opened};

fn created(ws: &Workspace, profile: LeadProfile) -> u64 {
    match ws.create_lead(profile, "t").expect("create") {
        SaveOutcome::Saved { detail } => detail.lead.id,
        SaveOutcome::Invalid { problems } => panic!("{problems:?}"),
    }
}

fn go(ws: &Workspace, id: u64, event: LifecycleEvent) {
    match ws.move_lead(MoveLead { id, event }, "Rina").expect("move") {
        MoveOutcome::Moved { .. } => {}
        MoveOutcome::Refused { message, .. } => panic!("{message}"),
    }
}

fn named(name: &str) -> LeadProfile {
    let mut p = LeadProfile::default();
    p.contact.name = name.into();
    p
}

/// The export parsed back: the header and each row as header → cell.
fn parsed(bytes: &[u8]) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            assert_eq!(r.len(), header.len(), "every row as wide as the header");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect();
    (header, rows)
}

fn export(ws: &Workspace, kind: ExportKind, query: &ReportQuery) -> Vec<u8> {
    let mut out = Vec::new();
    ws.export_csv(kind, query, &mut out).expect("export");
    out
}

#[test]
fn every_formula_prefix_is_neutralised_and_plain_numbers_are_not() {
    for cell in [
        "=1+1",
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1",
        "\r=1",
        "-",
        "+60 12-345 6789",
        "-1e5",
    ] {
        assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
    }
    for cell in [
        "-5",
        "-3.2",
        "+60123456789",
        "42",
        "3.50",
        "",
        "Aisyah",
        "a=b",
        " =1",
    ] {
        assert_eq!(neutralise(cell), cell, "{cell:?}");
    }
}

#[test]
fn a_leads_export_lists_every_lead_with_its_fields_history_and_safe_cells() {
    let (_dir, clock, ws) = opened(morning(3, 2));
    let hyperlink = r#"=HYPERLINK("http://evil.example","click")"#;
    let tricky = "Tan, \"Ah\" Kow\nsecond line";
    let mut full = named(tricky);
    full.contact.email = "ahkow@kedai.my".into();
    full.contact.phone = "+60 12-345 6789".into();
    full.company.name = "Kedai Runcit".into();
    full.company.employees = Some(12);
    full.company.target_account = true;
    full.source.kind = SourceKind::PaidAds;
    full.source.external_id = "HS-1001".into();
    full.tags = vec!["vip".into(), "kl".into()];
    full.bant.budget = "-5".into();
    full.consent.do_not_call = true;
    full.opportunity.value = Some(Money {
        amount: 1234,
        currency: "MYR".into(),
    });
    let full_id = created(&ws, full);
    let evil_id = created(&ws, named(hyperlink));
    let mut lost = named("Siti");
    lost.contact.email = "siti@kedai.my".into();
    let lost_id = created(&ws, lost);
    clock.advance(Duration::days(3));
    go(&ws, lost_id, LifecycleEvent::MarkMql);
    clock.advance(Duration::days(2));
    go(
        &ws,
        lost_id,
        LifecycleEvent::Disqualify {
            reason: "@competitor".into(),
        },
    );

    let (header, rows) = parsed(&export(&ws, ExportKind::Leads, &ReportQuery::default()));
    for column in [
        "id",
        "stage",
        "createdAt",
        "source.externalId",
        "contact.name",
        "contact.email",
        "company.employees",
        "company.targetAccount",
        "source.kind",
        "tags",
        "consent.doNotCall",
        "opportunity.value",
        "opportunity.currency",
        "entered.known",
        "entered.mql",
        "entered.closedLost",
        "reason",
    ] {
        assert!(header.iter().any(|h| h == column), "{column} in {header:?}");
    }
    assert_eq!(rows.len(), 3, "one row per lead");
    let by_id = |id: u64| {
        rows.iter()
            .find(|r| r["id"] == id.to_string())
            .expect("row of the lead")
    };

    let full = by_id(full_id);
    assert_eq!(
        full["contact.name"], tricky,
        "quotes, commas and newlines survive"
    );
    assert_eq!(full["contact.phone"], "'+60 12-345 6789");
    assert_eq!(full["company.employees"], "12");
    assert_eq!(full["company.targetAccount"], "yes");
    assert_eq!(full["source.kind"], "paidAds");
    assert_eq!(full["source.externalId"], "HS-1001");
    assert_eq!(full["tags"], "vip; kl");
    assert_eq!(full["bant.budget"], "-5", "a number stays a number");
    assert_eq!(full["consent.doNotCall"], "yes");
    assert_eq!(full["consent.doNotEmail"], "no");
    assert_eq!(full["opportunity.value"], "1234");
    assert_eq!(full["opportunity.currency"], "MYR");
    assert_eq!(full["createdAt"], "2026-03-02T08:00:00Z");

    assert_eq!(by_id(evil_id)["contact.name"], format!("'{hyperlink}"));

    let lost = by_id(lost_id);
    assert_eq!(lost["stage"], "disqualified");
    assert_eq!(lost["entered.mql"], "2026-03-05T08:00:00Z");
    assert_eq!(lost["entered.disqualified"], "2026-03-07T08:00:00Z");
    assert_eq!(lost["entered.customer"], "");
    assert_eq!(lost["reason"], "'@competitor");

    let (header, history) = parsed(&export(&ws, ExportKind::History, &ReportQuery::default()));
    assert_eq!(
        header,
        ["leadId", "from", "to", "at", "actor", "event", "reason"]
    );
    let lost_moves: Vec<_> = history
        .iter()
        .filter(|r| r["leadId"] == lost_id.to_string())
        .map(|r| (r["to"].as_str(), r["event"].as_str(), r["reason"].as_str()))
        .collect();
    assert_eq!(
        lost_moves.last(),
        Some(&("disqualified", "disqualify", "'@competitor"))
    );
    assert!(lost_moves.iter().any(|m| m.0 == "mql"), "{lost_moves:?}");
}

#[test]
fn each_report_exports_as_a_table_and_a_file_lands_in_the_folder() {
    let (dir, _clock, ws) = opened(morning(3, 2));
    for (n, source) in [SourceKind::Inbound, SourceKind::Event, SourceKind::Event]
        .into_iter()
        .enumerate()
    {
        let mut p = named(&format!("Lead {n}"));
        p.contact.email = format!("lead{n}@kedai.my");
        p.source.kind = source;
        let id = created(&ws, p);
        go(&ws, id, LifecycleEvent::MarkMql);
    }
    let by_source = ReportQuery {
        by: Some(laju_core::funnel::Dimension::Source),
        ..ReportQuery::default()
    };

    let (header, funnel) = parsed(&export(&ws, ExportKind::Funnel, &by_source));
    assert_eq!(&header[..4], ["by", "group", "leads", "stage"]);
    let all: Vec<_> = funnel.iter().filter(|r| r["by"] == "all").collect();
    assert_eq!(all.len(), 10, "seven steps and three off-path stages");
    assert_eq!(all[0]["leads"], "3");
    let mql = all.iter().find(|r| r["stage"] == "mql").expect("mql step");
    assert_eq!(mql["reached"], "3");
    assert!(
        funnel.iter().any(|r| r["by"] == "source"),
        "the breakdown follows"
    );

    for kind in [
        ExportKind::Velocity,
        ExportKind::Stall,
        ExportKind::Sla,
        ExportKind::BlackHoles,
    ] {
        let (header, rows) = parsed(&export(&ws, kind, &by_source));
        assert!(!header.is_empty() && !rows.is_empty(), "{kind:?}");
    }
    let (header, sla) = parsed(&export(&ws, ExportKind::Sla, &ReportQuery::default()));
    assert!(header.iter().any(|h| h == "rejected.notIcp"), "{header:?}");
    assert_eq!(sla[0]["leadType"], "all");

    let out = dir.path().join("exports");
    let path = ws
        .export_csv_file(ExportKind::Leads, &ReportQuery::default(), &out)
        .expect("saved");
    assert_eq!(path, out.join("leads-20260302-080000.csv"));
    let bytes = std::fs::read(&path).expect("read");
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a BOM, so spreadsheets read UTF-8");
    assert_eq!(parsed(body).1.len(), 3);
}

/// Every field the import reads, filled with text that needs care: quoting, formula prefixes,
/// lists, dates, numbers.
fn everything(n: usize) -> LeadProfile {
    let mut p = named(&format!("Tan, \"Ah\" Kow {n}\nsecond line"));
    p.contact.email = format!("ahkow{n}@kedai.my");
    p.contact.phone = "+60 12-345 6789".into();
    p.contact.title = "=Owner".into();
    p.company.name = "Kedai Runcit".into();
    p.company.employees = Some(12);
    p.company.industry = "Retail".into();
    p.company.country = "MY".into();
    p.company.use_case = "Stock, orders".into();
    p.company.target_account = true;
    p.source.kind = SourceKind::PaidAds;
    p.source.detail = "@landing page".into();
    p.source.campaign = "Raya 2026".into();
    p.source.utm = "utm_source=google".into();
    p.source.event_name = "Expo".into();
    p.source.referrer = "Budi".into();
    p.source.partner = "-Partner".into();
    p.source.external_id = format!("HS-{n}");
    p.owner = Some("Rina".into());
    p.tags = vec!["vip".into(), "kl".into()];
    p.notes = "First line\nSecond, with a comma".into();
    p.consent.do_not_email = true;
    p.bant.budget = "-5".into();
    p.bant.authority = "Owner".into();
    p.bant.need = "+ faster stock counts".into();
    p.bant.timeline = "This quarter".into();
    p.opportunity.value = Some(Money {
        amount: 1234,
        currency: "MYR".into(),
    });
    p.opportunity.close_date = NaiveDate::from_ymd_opt(2026, 5, 1);
    p.opportunity.stakeholders = vec!["Tan".into(), "=Mei".into()];
    p.opportunity.sales_stage = "Proposal".into();
    p.opportunity.forecast = Some(ForecastCategory::BestCase);
    p.company.tech_stack = vec!["WhatsApp".into(), "Excel".into()];
    p.closing.contract_signed = NaiveDate::from_ymd_opt(2026, 5, 20);
    p.closing.payment_terms = "Monthly, 30 days".into();
    p.closing.onboarding = NaiveDate::from_ymd_opt(2026, 6, 1);
    p
}

/// Rows of an export without the `id` column (ids are the workspace's own), in file order.
fn without_ids(bytes: &[u8]) -> Vec<Vec<String>> {
    let (header, rows) = parsed(bytes);
    rows.iter()
        .map(|r| {
            header
                .iter()
                .filter(|h| *h != "id")
                .map(|h| r[h].clone())
                .collect()
        })
        .collect()
}

#[test]
fn importing_an_export_reproduces_the_same_leads() {
    let (_dir, clock, ws) = opened(morning(3, 2));
    created(&ws, everything(1));
    let mut sparse = named(r#"=HYPERLINK("http://evil.example","click")"#);
    sparse.company.name = "@Corp".into();
    created(&ws, sparse);
    clock.advance(Duration::days(2));
    let mql = created(&ws, everything(2));
    go(&ws, mql, LifecycleEvent::MarkMql);
    clock.advance(Duration::days(1));
    let ended = created(&ws, everything(3));
    go(&ws, ended, LifecycleEvent::MarkMql);
    clock.advance(Duration::hours(5));
    go(
        &ws,
        ended,
        LifecycleEvent::Accept {
            owner: "Rina".into(),
        },
    );
    clock.advance(Duration::days(4));
    go(
        &ws,
        ended,
        LifecycleEvent::Disqualify {
            reason: "-no budget, \"ever\"".into(),
        },
    );
    let exported = export(&ws, ExportKind::Leads, &ReportQuery::default());

    let (_other, later, fresh) = opened(morning(3, 2));
    later.advance(Duration::days(10));
    let report = fresh
        .import_csv(
            &exported,
            &ImportOptions::default(),
            "t",
            &mut |_: &ImportProgress| true,
        )
        .expect("import");
    assert_eq!(
        (report.rows, report.imported, report.rejected),
        (4, 4, 0),
        "{:?}",
        report.rejections
    );

    let leads = |w: &Workspace| {
        let mut rows = w.list_leads(&LeadQuery::default()).expect("list").rows;
        rows.sort_by_key(|r| r.id);
        rows.into_iter()
            .map(|r| {
                let lead = w.lead_detail(r.id).expect("detail").lead;
                (lead.profile, lead.stage, lead.created_at, lead.outcome)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        leads(&fresh),
        leads(&ws),
        "profiles, stages, creation and endings"
    );
    assert_eq!(
        without_ids(&export(&fresh, ExportKind::Leads, &ReportQuery::default())),
        without_ids(&exported),
        "exporting the import gives the same file, stage dates included"
    );
}
