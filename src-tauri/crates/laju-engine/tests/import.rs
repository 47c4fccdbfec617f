//! Importing CSV files into a real sled folder: every row accounted for, all or nothing,
//! matching and merging, and histories the funnel counts.

mod support;

use laju_core::import::{DateSettlement, Mapping};
use laju_core::Stage;
use laju_engine::analytics::ReportQuery;
use laju_engine::import::{
    ImportOptions, ImportPhase, ImportProgress, ImportReport, MatchAction, MatchPolicy,
};
use laju_engine::leads::LeadQuery;
use laju_engine::{EngineError, Workspace};
use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../..")
}

fn opened() -> (tempfile::TempDir, Workspace) {
    let (dir, _, ws) = support::opened(support::morning(6, 1));
    (dir, ws)
}

fn mapping(pairs: &[(&str, &str)]) -> Mapping {
    let mut m = Mapping::default();
    for (header, target) in pairs {
        m.columns.insert(header.to_string(), target.to_string());
    }
    m
}

fn import(ws: &Workspace, csv: &str, options: &ImportOptions) -> ImportReport {
    ws.import_csv(csv.as_bytes(), options, "test", &mut |_| true)
        .expect("import")
}

fn lead_count(ws: &Workspace) -> u32 {
    ws.list_leads(&LeadQuery::default()).expect("list").all
}

const DEALS: &str = "\
Id,Name,Email,Company,Source,Stage,Created,MQL date,Won date,Lost reason
D1,Siti Aminah,siti@kedai.my,Kedai Aminah,Referral,customer,2026-01-05,2026-01-20,2026-03-02,
D2,Budi Santoso,budi@warung.id,Warung Digital,Inbound,mql,2026-02-01,2026-02-03,,
D3,Chen Wei,not-an-email,Kopi Wangi,Event,known,2026-02-10,,,
D4,Lim Mei Ling,lim@limco.my,Lim & Co,Inbound,closed lost,2026-01-10,2026-01-12,,Chose a cheaper tool
";

fn deals() -> ImportOptions {
    ImportOptions {
        mapping: mapping(&[
            ("Id", "source.externalId"),
            ("Name", "contact.name"),
            ("Email", "contact.email"),
            ("Company", "company.name"),
            ("Source", "source.kind"),
            ("Stage", "stage"),
            ("Created", "createdAt"),
            ("MQL date", "entered.mql"),
            ("Won date", "entered.customer"),
            ("Lost reason", "reason"),
        ]),
        ..ImportOptions::default()
    }
}

#[test]
fn every_row_is_imported_merged_or_rejected_with_line_column_and_reason() {
    let (_dir, ws) = opened();
    let report = import(&ws, DEALS, &deals());
    assert_eq!((report.rows, report.imported, report.rejected), (4, 3, 1));
    assert!(
        report.balanced,
        "3 imported + 0 merged + 1 rejected = 4 rows"
    );
    assert_eq!(report.warnings, [], "every row's dates are in order");
    let bad = &report.rejections[0];
    assert_eq!((bad.line, bad.column.as_str()), (4, "Email"));
    assert!(bad.reason.contains("email"), "{}", bad.reason);
    assert_eq!(lead_count(&ws), 3);

    // The dated stages are a real history: the funnel counts them, velocity measures them.
    let funnel = ws.funnel_report(&ReportQuery::default()).expect("funnel");
    let reached = |stage| {
        funnel
            .overall
            .steps
            .iter()
            .find(|s| s.stage == stage)
            .map_or(0, |s| s.reached)
    };
    assert_eq!(reached(Stage::Mql), 3);
    assert_eq!(reached(Stage::Customer), 1);
    let velocity = ws
        .velocity_report(&ReportQuery::default())
        .expect("velocity");
    assert_eq!(velocity.overall.won, 1);
    assert_eq!(velocity.overall.to_won_median_days, Some(56.0));
}

#[test]
fn a_deal_won_before_its_mql_date_imports_with_one_warning_and_counts_as_an_mql() {
    let (_dir, ws) = opened();
    let csv = "\
Id,Name,Email,Company,Source,Stage,Created,MQL date,Won date,Lost reason
W1,Nurul Huda,nurul@kedai.my,Kedai Huda,Referral,customer,2026-02-20,2026-03-02,2026-03-01,
W2,Ravi Kumar,ravi@toko.my,Toko Ravi,Inbound,mql,2026-02-20,2026-02-25,,
";
    let report = import(&ws, csv, &deals());
    assert_eq!((report.imported, report.rejected), (2, 0));
    let warned: Vec<_> = report
        .warnings
        .iter()
        .map(|w| {
            (
                w.line,
                w.column.as_str(),
                w.ahead_column.as_str(),
                w.settled,
            )
        })
        .collect();
    assert_eq!(
        warned,
        [(2, "MQL date", "Won date", DateSettlement::CountedAsReached)]
    );

    let funnel = ws.funnel_report(&ReportQuery::default()).expect("funnel");
    let reached: Vec<_> = funnel
        .overall
        .steps
        .iter()
        .map(|s| (s.stage, s.reached))
        .collect();
    assert_eq!(
        reached,
        [
            (Stage::Anonymous, 2),
            (Stage::Known, 2),
            (Stage::Mql, 2),
            (Stage::Sal, 1),
            (Stage::Sql, 1),
            (Stage::Opportunity, 1),
            (Stage::Customer, 1),
        ]
    );
    // Created 20 February, won 1 March: 8 days left in February 2026, plus 1.
    let velocity = ws
        .velocity_report(&ReportQuery::default())
        .expect("velocity");
    let v = &velocity.overall;
    assert_eq!(
        (v.won, v.to_won_average_days, v.to_won_median_days),
        (1, Some(9.0), Some(9.0))
    );
}

#[test]
fn a_second_file_advances_leads_by_the_id_the_first_gave() {
    let (_dir, ws) = opened();
    import(&ws, DEALS, &deals());
    let won = "Id,Stage,Won date\nD2,customer,2026-04-15\nD9,customer,2026-04-16\n";
    let options = ImportOptions {
        mapping: mapping(&[
            ("Id", "source.externalId"),
            ("Stage", "stage"),
            ("Won date", "entered.customer"),
        ]),
        ..ImportOptions::default()
    };
    let report = import(&ws, won, &options);
    // D9 has no lead yet and nothing to name it by but its id: a new lead.
    assert_eq!((report.merged, report.imported, report.rejected), (1, 1, 0));
    let budi = ws
        .list_leads(&LeadQuery {
            search: "Budi".into(),
            ..LeadQuery::default()
        })
        .expect("list");
    let detail = ws.lead_detail(budi.rows[0].id).expect("detail");
    assert_eq!(detail.lead.stage, Stage::Customer);
    assert_eq!(detail.lead.profile.contact.email, "budi@warung.id");
    let last = detail.history.last().expect("history");
    assert_eq!(last.at.date_naive().to_string(), "2026-04-15");
}

#[test]
fn matches_by_email_then_name_and_company_follow_the_chosen_action() {
    let (_dir, ws) = opened();
    import(&ws, DEALS, &deals());
    let again = "Name,Email,Company,Phone\n\
                 Siti A.,SITI@kedai.my,,+60 12-111 2222\n\
                 Lim Mei Ling,,Lim & Co,+60 12-333 4444\n\
                 Siti Aminah,siti@kedai.my,Kedai Aminah,\n";
    let options = |email, name_company| ImportOptions {
        mapping: mapping(&[
            ("Name", "contact.name"),
            ("Email", "contact.email"),
            ("Company", "company.name"),
            ("Phone", "contact.phone"),
        ]),
        on_match: MatchPolicy {
            external_id: MatchAction::Update,
            email,
            name_company,
        },
        ..ImportOptions::default()
    };
    let skipped = import(&ws, again, &options(MatchAction::Skip, MatchAction::Skip));
    assert_eq!((skipped.merged, skipped.rejected), (0, 3));
    assert!(skipped.rejections[0].reason.contains("by email"));
    assert!(skipped.rejections[1].reason.contains("by name and company"));
    assert_eq!(skipped.rejections[0].fields[0], "Siti A.");
    assert_eq!(lead_count(&ws), 3);

    let merged = import(
        &ws,
        again,
        &options(MatchAction::Update, MatchAction::Update),
    );
    assert_eq!((merged.merged, merged.imported), (3, 0));
    assert_eq!(lead_count(&ws), 3);
    let siti = ws
        .list_leads(&LeadQuery {
            search: "kedai".into(),
            ..LeadQuery::default()
        })
        .expect("list");
    let detail = ws.lead_detail(siti.rows[0].id).expect("detail");
    assert_eq!(detail.lead.profile.contact.phone, "+60 12-111 2222");
    assert_eq!(
        detail.lead.stage,
        Stage::Customer,
        "an enrichment keeps the stage"
    );
}

#[test]
fn a_dry_run_and_a_cancel_write_nothing() {
    let (_dir, ws) = opened();
    let mut dry = deals();
    dry.dry_run = true;
    let report = import(&ws, DEALS, &dry);
    assert_eq!((report.imported, report.committed), (3, false));
    assert_eq!(lead_count(&ws), 0);

    // Cancel at the last moment before the transaction: still nothing.
    let mut cancel_when_saving = |p: &ImportProgress| p.phase != ImportPhase::Saving;
    let outcome = ws.import_csv(DEALS.as_bytes(), &deals(), "test", &mut cancel_when_saving);
    assert!(matches!(outcome, Err(EngineError::Cancelled)));
    assert_eq!(lead_count(&ws), 0);
    let funnel = ws.funnel_report(&ReportQuery::default()).expect("funnel");
    assert_eq!(funnel.overall.leads, 0);
}

#[test]
fn the_real_xeducation_export_accounts_for_all_9240_rows() {
    let data = repo().join("../shared/data/xeducation_leads.csv");
    // CI always has the export; a missing file is a failure, never a silent pass.
    let bytes = std::fs::read(&data)
        .unwrap_or_else(|e| panic!("the X Education export must be at {}: {e}", data.display()));
    let map = std::fs::read(repo().join("tests/fixtures/import/xeducation.map.json"))
        .expect("mapping fixture");
    let options = ImportOptions {
        mapping: serde_json::from_slice(&map).expect("mapping parses"),
        ..ImportOptions::default()
    };
    let (_dir, ws) = opened();
    let report = ws
        .import_csv(&bytes, &options, "test", &mut |_| true)
        .expect("import");
    assert_eq!(report.rows, 9_240);
    // Counted with Python's csv module: the rows have no emails and unique lead ids, so none
    // merge; two name a lead source the mapping does not know ("testone", "NC_EDM").
    assert_eq!(
        (report.imported, report.merged, report.rejected),
        (9_238, 0, 2),
        "{report:?}"
    );
    let lines: Vec<u64> = report.rejections.iter().map(|r| r.line).collect();
    assert_eq!(lines, [5243, 8765]);
    assert!(report
        .rejections
        .iter()
        .all(|r| r.column == "Lead Source" && !r.reason.is_empty()));
    // Converted = 1 on 3,561 rows, one of them rejected: 3,560 customers in the funnel.
    let funnel = ws.funnel_report(&ReportQuery::default()).expect("funnel");
    let customers = funnel
        .overall
        .steps
        .iter()
        .find(|s| s.stage == Stage::Customer);
    assert_eq!(customers.map(|s| s.reached), Some(3_560));
    assert_eq!(u64::from(lead_count(&ws)), report.imported);
    println!(
        "xeducation: {} imported, {} merged, {} rejected in {} ms",
        report.imported, report.merged, report.rejected, report.millis
    );
}

#[test]
fn broken_files_give_an_error_or_rejected_rows_and_never_a_partial_write() {
    let (_dir, ws) = opened();
    let corpus = repo().join("tests/fixtures/import/broken");
    let mut files: Vec<_> = std::fs::read_dir(&corpus)
        .expect("corpus")
        .map(|entry| entry.expect("entry").path())
        .collect();
    files.sort();
    assert!(files.len() >= 12, "{files:?}");
    for file in files {
        let bytes = std::fs::read(&file).expect("read");
        let before = lead_count(&ws);
        match ws.import_csv(&bytes, &ImportOptions::default(), "test", &mut |_| true) {
            Ok(report) => {
                assert_eq!(
                    report.imported + report.merged + report.rejected,
                    report.rows,
                    "{file:?}"
                );
                assert_eq!(
                    u64::from(lead_count(&ws) - before),
                    report.imported,
                    "{file:?}"
                );
            }
            Err(error) => {
                assert!(!error.to_string().is_empty());
                assert_eq!(lead_count(&ws), before, "{file:?} wrote after failing");
            }
        }
    }
}

#[test]
fn one_import_routes_each_mql_with_the_workloads_of_the_ones_before_it() {
    use laju_core::routing::{Rep, Role};
    use laju_engine::handoff::InboxQuery;
    use laju_engine::playbook::SavePlaybook;
    let (_dir, ws) = opened();
    let current = ws.playbook().expect("playbook");
    let mut playbook = current.playbook;
    let mut budi = Rep::new("Budi", Role::Ae);
    budi.capacity = Some(2);
    let mut citra = Rep::new("Citra", Role::Ae);
    citra.capacity = Some(3);
    playbook.handoff.roster = vec![budi, citra];
    let save = SavePlaybook {
        base_version: current.version,
        playbook,
    };
    ws.save_playbook(save, "test").expect("save");
    let mut csv = String::from("Name,Email,Company,Stage,MQL date\n");
    for n in 0..8 {
        csv.push_str(&format!(
            "Lead {n},l{n}@firm{n}.my,Firm {n},mql,2026-05-3{}\n",
            n % 2
        ));
    }
    let options = ImportOptions {
        mapping: mapping(&[
            ("Name", "contact.name"),
            ("Email", "contact.email"),
            ("Company", "company.name"),
            ("Stage", "stage"),
            ("MQL date", "entered.mql"),
        ]),
        ..ImportOptions::default()
    };
    assert_eq!(import(&ws, &csv, &options).imported, 8);
    let inbox = ws.inbox(&InboxQuery::default()).expect("inbox");
    let held = |rep: &str| {
        inbox
            .items
            .iter()
            .filter(|i| i.handoff.assignee() == Some(rep))
            .count()
    };
    // 8 MQLs, room for 2 + 3: the reps fill up to their capacity and no further; the other
    // three wait unassigned.
    assert_eq!(inbox.items.len(), 8);
    assert_eq!((held("Budi"), held("Citra")), (2, 3));
}
