//! The agreement document: the six parts of the agreement with this workspace's Playbook
//! values, what changed between versions and who saved it, the reader's language, and the
//! files it is saved as.

mod support;

use laju_core::Locale;
use laju_engine::playbook::SavePlaybook;
use laju_engine::workshop::document::pdf::render_pdf;
use laju_engine::workshop::document::text::render_text;
use laju_engine::workshop::document::{
    AgreementDocument, AgreementRequest, Block, HistoryRequest, Section,
};
use laju_engine::Workspace;
use support::{morning, opened};

/// A request for the document of `version` in `lang`, without a review appendix.
fn asked(version: Option<u32>, lang: Locale) -> AgreementRequest {
    AgreementRequest {
        version,
        lang,
        review: None,
    }
}

fn section<'a>(doc: &'a AgreementDocument, id: &str) -> &'a Section {
    doc.sections
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no section {id}"))
}

/// Every line of a section's text, whatever block holds it.
fn lines(section: &Section) -> Vec<String> {
    let mut out = Vec::new();
    for block in &section.blocks {
        match block {
            Block::Paragraph { text } | Block::Subheading { text } => out.push(text.clone()),
            Block::List { items, .. } => out.extend(items.iter().cloned()),
            Block::Table { columns, rows } => {
                out.push(columns.join(" | "));
                out.extend(rows.iter().map(|r| r.join(" | ")));
            }
            Block::Terms { items } => {
                for item in items {
                    out.push(item.term.clone());
                    out.extend(item.lines.iter().cloned());
                }
            }
            Block::SignOff { parties } => {
                for p in parties {
                    out.push(format!("{}: {}", p.role, p.fields.join(", ")));
                }
            }
        }
    }
    out
}

fn has(section: &Section, expected: &str) -> bool {
    lines(section).iter().any(|l| l == expected)
}

fn save_threshold(ws: &Workspace, threshold: i32, actor: &str) {
    let current = ws.playbook().expect("playbook");
    let mut playbook = current.playbook.clone();
    playbook.engagement.mql_threshold = threshold;
    ws.save_playbook(
        SavePlaybook {
            base_version: current.version,
            playbook,
        },
        actor,
    )
    .expect("save");
}

#[test]
fn the_six_parts_carry_this_playbooks_values() {
    let (_dir, _clock, ws) = opened(morning(12, 5));
    let doc = ws
        .agreement_document(&asked(None, Locale::En))
        .expect("document");
    assert_eq!(doc.version, 1);
    assert_eq!(doc.title, "Marketing and sales agreement");
    let ids: Vec<&str> = doc.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "about",
            "stages",
            "criteria",
            "scoring",
            "sla",
            "routing",
            "handoff",
            "recycling",
            "changes",
            "signOff"
        ]
    );
    assert!(
        has(section(&doc, "about"), "5 December 2026"),
        "effective date"
    );

    // 1 and 4: definitions and owners (DOMAIN.md §1: an MQL is marketing's, a SAL sales').
    let stages = section(&doc, "stages");
    assert!(has(stages, "Marketing believes they are ready for sales."));
    assert!(has(stages, "Owner: Sales"));
    assert!(has(
        stages,
        "Normal time in the stage: 14 days (best: 5 days)"
    ));
    assert!(
        has(stages, "Medium | MYR 100,000 | 90 days"),
        "{:?}",
        lines(stages)
    );
    // The bands the quarterly review holds each step to (DOMAIN.md §1).
    assert!(has(stages, "MQL → SAL | 15–30 %"), "{:?}", lines(stages));
    assert!(has(stages, "Opportunity → Customer | 20–40 %"));

    // 2: the gates as sentences, and the rules that move a lead by themselves.
    let criteria = section(&doc, "criteria");
    assert!(has(criteria, "Into SQL"));
    assert!(has(criteria, "Budget: an amount, or “indicated”."));
    assert!(has(criteria, "At least 1 named stakeholder."));
    assert!(has(criteria, "3 × Pricing-page visit within 14 days → MQL"));

    // The scoring model: 30/40/30, the seed tables, threshold 50, half-life 30 days.
    let scoring = section(&doc, "scoring");
    assert!(has(
        scoring,
        "Priority score (0–100) = source × 30% + qualification × 40% + strategic fit × 30%."
    ));
    assert!(has(scoring, "Referral | 100"));
    assert!(has(scoring, "Database / list | 30"));
    assert!(has(
        scoring,
        "A known lead becomes an MQL when its engagement + fit score reaches 50 points."
    ));
    assert!(has(scoring, "Activity points halve every 30 days."));
    assert!(has(
        scoring,
        "Pricing-page visits | Implicit (interest) | each Pricing-page visit | +10 | 30"
    ));
    assert!(has(
        scoring,
        "Asked not to be contacted | Negative | asked not to be emailed or called | −30 | —"
    ));

    // 3: response times per lead type.
    let sla = section(&doc, "sla");
    assert!(has(sla, "ICP MQL | 5 minutes"));
    assert!(has(sla, "Event | 24 hours"));
    assert!(has(
        sla,
        "Goal: at least 90 % of handoffs answered within their time (the quarterly review \
         measures it per lead type and per rep)."
    ));
    assert!(has(
        sla,
        "No business hours: every team answers around the clock."
    ));

    // Routing in order: the first rule is the account owner.
    let routing = section(&doc, "routing");
    let Some(Block::List {
        ordered: true,
        items,
    }) = routing.blocks.get(1)
    else {
        panic!("routing rules as an ordered list: {:?}", routing.blocks);
    };
    assert_eq!(
        items[0],
        "Existing account owner first: any lead → Existing account owner"
    );
    assert_eq!(
        items[1],
        "ICP inbound → top AE: source Inbound, Paid ads · fit ICP → Weighted distribution among Senior AE"
    );

    // 5 and 6: what sales receives, the sequences and the recycling rule (6 touches, 14 days).
    assert!(has(section(&doc, "handoff"), "The five latest activities"));
    let recycling = section(&doc, "recycling");
    assert!(has(recycling, "Outbound response | 8 | 3 days"));
    assert!(has(
        recycling,
        "A lead in SAL goes back to marketing (Recycled) after 6 touches or 14 days without reaching them."
    ));

    assert!(has(
        section(&doc, "changes"),
        "This is the first version: nothing came before it."
    ));
    assert!(has(
        section(&doc, "signOff"),
        "Marketing lead: Name, Signature, Date"
    ));
}

#[test]
fn the_playbook_pages_history_reads_like_the_document_in_the_readers_language() {
    let (_dir, _clock, ws) = opened(morning(12, 5));
    save_threshold(&ws, 40, "Nurul");
    let history = |lang| {
        let changes = ws
            .playbook_changes(&HistoryRequest { lang })
            .expect("history");
        changes
            .into_iter()
            .map(|c| (c.version, c.actor, c.lines))
            .collect::<Vec<_>>()
    };
    let en = history(Locale::En);
    assert_eq!(
        en[0],
        (2, "Nurul".into(), vec!["MQL threshold: 50 → 40".into()])
    );
    assert_eq!(en[1].2, [] as [String; 0], "the first version");
    assert_eq!(history(Locale::Ms)[0].2, ["Ambang MQL: 50 → 40"]);
}

#[test]
fn a_new_version_says_what_changed_and_who_saved_it() {
    let (_dir, clock, ws) = opened(morning(12, 5));
    clock.advance(chrono::Duration::days(4));
    save_threshold(&ws, 40, "Nurul");
    let doc = ws
        .agreement_document(&asked(None, Locale::En))
        .expect("document");
    assert_eq!(doc.version, 2);
    assert_eq!(doc.saved_by, "Nurul");
    let changes = section(&doc, "changes");
    assert_eq!(changes.heading, "What changed since version 1");
    assert_eq!(
        lines(changes),
        [
            "Saved by Nurul on 9 December 2026.",
            "MQL threshold: 50 → 40"
        ]
    );
    assert!(has(
        section(&doc, "scoring"),
        "A known lead becomes an MQL when its engagement + fit score reaches 40 points."
    ));
    // The older version still reads as it was.
    let first = ws
        .agreement_document(&asked(Some(1), Locale::En))
        .expect("v1");
    assert!(has(
        section(&first, "scoring"),
        "A known lead becomes an MQL when its engagement + fit score reaches 50 points."
    ));
    let ms = ws
        .agreement_document(&asked(Some(2), Locale::Ms))
        .expect("ms");
    assert_eq!(
        lines(section(&ms, "changes")),
        [
            "Disimpan oleh Nurul pada 9 Disember 2026.",
            "Ambang MQL: 50 → 40"
        ]
    );
}

#[test]
fn a_chinese_document_has_chinese_headings_and_stage_names() {
    let (_dir, _clock, ws) = opened(morning(12, 5));
    let doc = ws
        .agreement_document(&asked(None, Locale::ZhCn))
        .expect("document");
    assert_eq!(doc.title, "市场与销售协议");
    assert_eq!(section(&doc, "stages").heading, "阶段、定义与负责部门");
    let stages = lines(section(&doc, "stages"));
    for name in ["已知线索", "商机", "客户", "回收培育"] {
        assert!(stages.iter().any(|l| l == name), "{name} in {stages:?}");
    }
    // A shipped definition reads in Chinese, the owner too; the date as Chinese writes it.
    assert!(
        stages
            .iter()
            .any(|l| l == "市场部认为该线索已可以交给销售。"),
        "{stages:?}"
    );
    assert!(stages.iter().any(|l| l == "负责部门：销售部"), "{stages:?}");
    assert!(has(section(&doc, "about"), "2026年12月5日"));
    let tw = ws
        .agreement_document(&asked(None, Locale::ZhTw))
        .expect("zh-TW");
    assert_eq!(section(&tw, "stages").heading, "階段、定義與負責部門");
}

#[test]
fn a_team_s_own_definition_is_shown_as_typed_in_every_language() {
    let (_dir, _clock, ws) = opened(morning(12, 5));
    let current = ws.playbook().expect("playbook");
    let mut playbook = current.playbook.clone();
    let own = "Sudah bicara dengan sales; minta demo.";
    playbook.stages[2].definition = own.into();
    ws.save_playbook(
        SavePlaybook {
            base_version: 1,
            playbook,
        },
        "Siti",
    )
    .expect("save");
    for lang in Locale::ALL {
        let doc = ws.agreement_document(&asked(None, lang)).expect("document");
        assert!(has(section(&doc, "stages"), own), "{}", lang.tag());
    }
}

#[test]
fn an_unknown_version_is_an_error_naming_it() {
    let (_dir, _clock, ws) = opened(morning(12, 5));
    let error = ws
        .agreement_document(&asked(Some(7), Locale::En))
        .expect_err("no version 7");
    assert_eq!(
        error.to_string(),
        "Playbook version 7 does not exist: this workspace has versions 1 to 1."
    );
}

#[test]
fn the_pdf_holds_the_documents_text_in_latin_and_in_chinese() {
    let (dir, _clock, ws) = opened(morning(12, 5));
    for (lang, expected) in [
        (
            Locale::En,
            ["Marketing and sales agreement", "reaches 50 points"],
        ),
        (Locale::ZhCn, ["市场与销售协议", "已知线索"]),
    ] {
        let doc = ws.agreement_document(&asked(None, lang)).expect("document");
        let pdf = render_pdf(&doc).expect("a system font covers the document");
        let path = dir.path().join(format!("agreement-{}.pdf", lang.tag()));
        std::fs::write(&path, &pdf).expect("write");
        let out = std::process::Command::new("pdftotext")
            .args([path.to_str().expect("utf-8"), "-"])
            .output()
            .expect("pdftotext is installed (scripts/setup.sh test)");
        let text = String::from_utf8_lossy(&out.stdout);
        for e in expected {
            assert!(text.contains(e), "{}: {e} in {text}", lang.tag());
        }
        // One page per few sections, numbered in the footer.
        assert!(text.contains(match lang {
            Locale::ZhCn => "第 1 页",
            _ => "page 1 of",
        }));
    }
}

#[test]
fn the_plain_text_lines_up_a_table_and_numbers_a_list() {
    let (_dir, _clock, ws) = opened(morning(12, 5));
    let text = render_text(
        &ws.agreement_document(&asked(None, Locale::En))
            .expect("doc"),
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Marketing and sales agreement");
    let sla = lines
        .iter()
        .position(|l| l.starts_with("  Lead type"))
        .expect("the SLA table's header");
    // "Lead type" is the widest cell of its column but one: "ICP MQL" is padded to it.
    assert_eq!(lines[sla], "  Lead type  Answer within");
    assert_eq!(lines[sla + 2], "  ICP MQL    5 minutes");
    assert!(
        lines.contains(&"  1. Existing account owner first: any lead → Existing account owner"),
        "{text}"
    );
}

#[test]
fn the_effective_date_is_the_day_in_the_teams_time_zone() {
    // 20:00 UTC on 5 December is already 6 December in Kuala Lumpur (UTC+8).
    let at = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 5, 20, 0, 0)
        .single()
        .expect("valid");
    let (_dir, _clock, ws) = opened(at);
    let doc = ws
        .agreement_document(&asked(None, Locale::En))
        .expect("document");
    assert!(
        has(section(&doc, "about"), "5 December 2026"),
        "UTC without team hours"
    );
    let current = ws.playbook().expect("playbook");
    let mut playbook = current.playbook.clone();
    playbook.handoff.sla.hours.push(laju_core::sla::TeamHours {
        role: laju_core::routing::Role::Ae,
        hours: laju_core::sla::BusinessHours {
            time_zone: "Asia/Kuala_Lumpur".into(),
            days: vec![1, 2, 3, 4, 5],
            start_minute: 9 * 60,
            end_minute: 18 * 60,
        },
    });
    ws.save_playbook(
        SavePlaybook {
            base_version: 1,
            playbook,
        },
        "Farid",
    )
    .expect("save");
    let doc = ws
        .agreement_document(&asked(None, Locale::En))
        .expect("document");
    assert!(
        has(section(&doc, "about"), "6 December 2026"),
        "the team's day"
    );
    assert!(has(
        section(&doc, "sla"),
        "Account executive | Mon–Fri | 09:00–18:00 | Asia/Kuala_Lumpur"
    ));
    assert_eq!(
        lines(section(&doc, "changes")),
        [
            "Saved by Farid on 6 December 2026.",
            "Added: Business hours"
        ]
    );
}

#[test]
fn a_quarters_review_goes_in_as_an_appendix_line_for_line() {
    let (_dir, _clock, ws) = opened(morning(11, 2));
    ws.load_sample(Workspace::SAMPLE_LEADS).expect("sample");
    let review = ws.review("2026Q3").expect("review");
    let request = AgreementRequest {
        review: Some("2026Q3".into()),
        ..asked(None, Locale::En)
    };
    let doc = ws.agreement_document(&request).expect("document");
    let appendix = doc.sections.last().expect("sections");
    assert_eq!(appendix.id, "review");
    assert_eq!(appendix.heading, "Appendix: quarterly review, Q3 2026");
    let text = lines(appendix);
    let summary = format!(
        "{} leads were created in Q3 2026, held to version {} of this agreement: {} lines kept, {} missed, {} without data.",
        review.leads, review.agreement.version, review.tally.kept, review.tally.missed, review.tally.no_data
    );
    assert_eq!(text[0], summary);
    // One table row a review line: the tables hold every line the review has.
    let rows: usize = appendix
        .blocks
        .iter()
        .map(|b| match b {
            Block::Table { rows, .. } => rows.len(),
            _ => 0,
        })
        .sum();
    let t = review.tally;
    assert_eq!(rows as u64, t.kept + t.missed + t.no_data);
    let first = review.conversion.first().expect("a conversion line");
    let expected = format!(
        "{} | MQL → SAL | {:.1} % ({} / {}) | {}–{} %",
        match first.verdict {
            laju_core::workshop::review::ReviewVerdict::Kept => "Kept",
            laju_core::workshop::review::ReviewVerdict::Missed => "Missed",
            laju_core::workshop::review::ReviewVerdict::NoData => "No data",
        },
        first.conversion.expect("a conversion"),
        first.reached,
        first.base,
        first.band.low,
        first.band.high
    );
    assert!(text.contains(&expected), "{expected} in {text:#?}");

    let bad = AgreementRequest {
        review: Some("Q3".into()),
        ..asked(None, Locale::En)
    };
    let refused = ws
        .agreement_document(&bad)
        .expect_err("a malformed quarter");
    assert!(refused.to_string().contains("2026Q4"), "{refused}");
}
