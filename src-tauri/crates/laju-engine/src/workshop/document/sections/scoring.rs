//! The scoring model: the priority score's weights and tables, and the engagement + fit score
//! that decides Known → MQL (criteria with points and caps, decay, threshold, negatives).

use super::{paragraph, section, shown, subheading, Shipped};
use crate::workshop::document::words::Words;
use crate::workshop::document::{Block, Section, Term};
use laju_core::playbook::{CriterionKind, ScoreCriterion, ScoreRule};
use laju_core::{wire, Playbook};

pub(super) fn scoring(w: &Words, p: &Playbook) -> Section {
    let c = p.composite;
    let percent = |n: u32| w.number(n.into());
    let bands = p.priority_bands;
    let mut blocks = vec![
        paragraph(w.fill(
            "doc.scoring.formula",
            &[
                ("source", percent(c.source)),
                ("qualification", percent(c.qualification)),
                ("fit", percent(c.fit)),
            ],
        )),
        paragraph(w.fill(
            "doc.scoring.bands",
            &[
                ("high", w.number(bands.high_from.into())),
                ("medium", w.number(bands.medium_from.into())),
            ],
        )),
    ];
    let points_table = |title: &str, column: &str, rows: Vec<(String, u32)>| {
        [
            subheading(w.get(title)),
            Block::Table {
                columns: vec![w.get(column), w.get("doc.scoring.points")],
                rows: rows
                    .into_iter()
                    .map(|(name, points)| vec![name, w.number(points.into())])
                    .collect(),
            },
        ]
    };
    blocks.extend(points_table(
        "doc.scoring.sourceTable",
        "doc.scoring.source",
        p.source_points
            .iter()
            .map(|r| (w.domain("sourceKey", &wire(&r.source)), r.points))
            .collect(),
    ));
    blocks.extend(points_table(
        "doc.scoring.qualificationTable",
        "doc.scoring.qualification",
        p.qualification_points
            .iter()
            .map(|r| (w.domain("qualification", &wire(&r.level)), r.points))
            .collect(),
    ));
    blocks.extend(points_table(
        "doc.scoring.fitTable",
        "doc.scoring.fit",
        p.fit_points
            .iter()
            .map(|r| (w.domain("fit", &wire(&r.fit)), r.points))
            .collect(),
    ));
    blocks.extend(engagement(w, p));
    blocks.extend(icp(w, p));
    section("scoring", w.get("doc.scoring.heading"), blocks)
}

fn engagement(w: &Words, p: &Playbook) -> Vec<Block> {
    let e = &p.engagement;
    let mut blocks = vec![
        subheading(w.get("doc.scoring.engagementTitle")),
        paragraph(w.fill(
            "doc.scoring.threshold",
            &[("threshold", w.number(e.mql_threshold.into()))],
        )),
        paragraph(match e.decay_half_life_days {
            0 => w.get("doc.scoring.noDecay"),
            days => w.fill("doc.scoring.decay", &[("days", w.days(days))]),
        }),
    ];
    let (negative, positive): (Vec<&ScoreCriterion>, Vec<&ScoreCriterion>) = e
        .criteria
        .iter()
        .partition(|c| c.kind == CriterionKind::Negative);
    if positive.is_empty() {
        blocks.push(paragraph(w.get("doc.scoring.noCriteria")));
    } else {
        blocks.push(criteria_table(w, &positive));
    }
    blocks.push(subheading(w.get("doc.scoring.negativeTitle")));
    if negative.is_empty() {
        blocks.push(paragraph(w.get("doc.scoring.noNegative")));
    } else {
        blocks.push(paragraph(w.get("doc.scoring.negativeIntro")));
        blocks.push(criteria_table(w, &negative));
    }
    blocks
}

fn criteria_table(w: &Words, criteria: &[&ScoreCriterion]) -> Block {
    let columns = ["criterion", "kind", "matches", "points", "cap"]
        .iter()
        .map(|k| w.get(&format!("doc.scoring.{k}")))
        .collect();
    let rows = criteria
        .iter()
        .map(|c| {
            vec![
                shown(w, Shipped::Criterion(&c.id), &c.label),
                w.domain("criterionKind", &wire(&c.kind)),
                rule(w, &c.rule),
                signed(w, c.points),
                c.cap
                    .map_or_else(|| w.get("doc.none"), |cap| w.number(cap.into())),
            ]
        })
        .collect();
    Block::Table { columns, rows }
}

/// Points with their sign, so a negative criterion reads as taking away: "+15", "−20".
fn signed(w: &Words, points: i32) -> String {
    match points {
        p if p > 0 => format!("+{}", w.number(p.into())),
        p if p < 0 => format!("−{}", w.number(i64::from(p).abs())),
        _ => "0".into(),
    }
}

/// What a criterion matches, in words.
pub(super) fn rule(w: &Words, rule: &ScoreRule) -> String {
    let listed = |key: &str, items: &[String]| w.fill(key, &[("list", w.list(items))]);
    match rule {
        ScoreRule::TitleContains { words } => listed("doc.rule.titleContains", words),
        ScoreRule::EmployeesBetween { min, max } => w.fill(
            "doc.rule.employeesBetween",
            &[
                ("min", w.number((*min).into())),
                ("max", w.number((*max).into())),
            ],
        ),
        ScoreRule::IndustryIn { industries } => listed("doc.rule.industryIn", industries),
        ScoreRule::CountryIn { countries } => listed("doc.rule.countryIn", countries),
        ScoreRule::TechStackAny { technologies } => listed("doc.rule.techStackAny", technologies),
        ScoreRule::EmailDomainIn { domains } => listed("doc.rule.emailDomainIn", domains),
        ScoreRule::Activity { activity } => w.fill(
            "doc.rule.activity",
            &[("activity", w.domain("activityType", &wire(activity)))],
        ),
        ScoreRule::EmailBounced => w.get("doc.rule.emailBounced"),
        ScoreRule::DoNotContact => w.get("doc.rule.doNotContact"),
    }
}

/// The ideal customer profile the fit table's "ICP" and "near-ICP" refer to.
fn icp(w: &Words, p: &Playbook) -> Vec<Block> {
    let icp = &p.icp;
    let mut lines = vec![w.fill(
        "doc.scoring.icpEmployees",
        &[
            ("min", w.number(icp.employees_min.into())),
            ("max", w.number(icp.employees_max.into())),
        ],
    )];
    for (key, items) in [
        ("doc.scoring.icpIndustries", &icp.industries),
        ("doc.scoring.icpTitles", &icp.title_words),
        ("doc.scoring.icpTech", &icp.tech_stack),
        ("doc.scoring.icpUseCases", &icp.use_cases),
    ] {
        if !items.is_empty() {
            lines.push(w.fill(key, &[("list", w.list(items))]));
        }
    }
    lines.push(w.fill(
        "doc.scoring.icpNear",
        &[("count", w.number(icp.near_icp_min_matches.into()))],
    ));
    vec![
        subheading(w.get("doc.scoring.icpTitle")),
        Block::Terms {
            items: vec![Term {
                term: w.domain("fit", "icp"),
                lines,
            }],
        },
    ]
}
