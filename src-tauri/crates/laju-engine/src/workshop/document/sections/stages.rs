//! Parts 1, 2 and 4 of the agreement: each stage's definition and owner, and what moves a lead
//! in and out of it (the team's words, the gates Laju checks, the rules that move it alone).

use super::{list, paragraph, section, shown, subheading, Shipped};
use crate::workshop::document::words::Words;
use crate::workshop::document::{Block, Section, Term};
use laju_core::gates::Criterion;
use laju_core::playbook::{TriggerCondition, TriggerRule};
use laju_core::{wire, Playbook, Stage};

pub(super) fn stages(w: &Words, p: &Playbook) -> Section {
    let items = p
        .stages
        .iter()
        .map(|d| {
            let mut lines = vec![
                shown(w, Shipped::Stage(d.stage, "definition"), &d.definition),
                w.fill(
                    "doc.stages.owner",
                    &[("team", w.domain("team", &wire(&d.owner)))],
                ),
            ];
            match (d.typical_days, d.best_days) {
                (Some(typical), Some(best)) => lines.push(w.fill(
                    "doc.stages.days",
                    &[("typical", w.days(typical)), ("best", w.days(best))],
                )),
                (Some(typical), None) => {
                    lines.push(w.fill("doc.stages.typical", &[("typical", w.days(typical))]))
                }
                (None, _) => {}
            }
            Term {
                term: w.stage(d.stage),
                lines,
            }
        })
        .collect();
    let mut blocks = vec![paragraph(w.get("doc.stages.intro")), Block::Terms { items }];
    blocks.extend(conversion_bands(w, p));
    blocks.extend(deal_sizes(w, p));
    section("stages", w.get("doc.stages.heading"), blocks)
}

/// The conversion each step is held to (what the quarterly review judges a step by).
fn conversion_bands(w: &Words, p: &Playbook) -> Vec<Block> {
    if p.conversion_bands.is_empty() {
        return Vec::new();
    }
    let rows = p
        .conversion_bands
        .iter()
        .map(|b| {
            vec![
                format!("{} → {}", w.stage(b.from), w.stage(b.to)),
                format!("{}–{} %", b.low, b.high),
            ]
        })
        .collect();
    vec![
        subheading(w.get("doc.stages.bandsTitle")),
        paragraph(w.get("doc.stages.bandsIntro")),
        Block::Table {
            columns: vec![w.get("doc.stages.step"), w.get("doc.stages.band")],
            rows,
        },
    ]
}

/// How long an opportunity normally takes by deal size (seed 000: 30–180 days), bounded in
/// the workspace currency.
fn deal_sizes(w: &Words, p: &Playbook) -> Vec<Block> {
    let money = &p.money;
    if money.deal_sizes.is_empty() {
        return Vec::new();
    }
    let Some(currency) = money.currency.as_deref() else {
        return vec![
            subheading(w.get("doc.stages.dealSizes")),
            paragraph(w.get("doc.stages.noCurrency")),
        ];
    };
    let mut below: Option<u64> = None;
    let rows = money
        .deal_sizes
        .iter()
        .map(|band| {
            let largest = match (band.up_to, below) {
                (Some(up_to), _) => w.money(up_to, currency),
                (None, Some(previous)) => w.fill(
                    "doc.stages.above",
                    &[("amount", w.money(previous, currency))],
                ),
                (None, None) => w.get("doc.none"),
            };
            below = band.up_to.or(below);
            vec![
                w.domain("dealSize", &wire(&band.size)),
                largest,
                band.typical_days
                    .map_or_else(|| w.get("doc.none"), |d| w.days(d)),
            ]
        })
        .collect();
    vec![
        subheading(w.get("doc.stages.dealSizes")),
        Block::Table {
            columns: ["dealSize", "largest", "normal"]
                .iter()
                .map(|k| w.get(&format!("doc.stages.{k}")))
                .collect(),
            rows,
        },
    ]
}

pub(super) fn criteria(w: &Words, p: &Playbook) -> Section {
    let moves = p
        .stages
        .iter()
        .map(|d| Term {
            term: w.stage(d.stage),
            lines: vec![
                w.fill(
                    "doc.criteria.entry",
                    &[("text", shown(w, Shipped::Stage(d.stage, "entry"), &d.entry))],
                ),
                w.fill(
                    "doc.criteria.exit",
                    &[("text", shown(w, Shipped::Stage(d.stage, "exit"), &d.exit))],
                ),
            ],
        })
        .collect();
    let mut blocks = vec![
        paragraph(w.get("doc.criteria.intro")),
        Block::Terms { items: moves },
        subheading(w.get("doc.criteria.gatesTitle")),
    ];
    let gates = gates(w, p);
    if gates.is_empty() {
        blocks.push(paragraph(w.get("doc.criteria.noGates")));
    } else {
        blocks.push(paragraph(w.get("doc.criteria.gatesIntro")));
        blocks.push(Block::Terms { items: gates });
    }
    blocks.push(subheading(w.get("doc.criteria.triggersTitle")));
    if p.triggers.is_empty() {
        blocks.push(paragraph(w.get("doc.criteria.noTriggers")));
    } else {
        blocks.push(paragraph(w.get("doc.criteria.triggersIntro")));
        let rules = p.triggers.iter().map(|t| trigger(w, p, t)).collect();
        blocks.push(list(false, rules));
    }
    section("criteria", w.get("doc.criteria.heading"), blocks)
}

/// The enforced exit criteria, grouped by the stage they guard the way into, as sentences.
fn gates(w: &Words, p: &Playbook) -> Vec<Term> {
    Stage::ALL
        .into_iter()
        .filter_map(|stage| {
            let lines: Vec<String> = Criterion::ALL
                .into_iter()
                .filter(|c| c.gate() == stage && p.enforces(*c))
                .map(|c| match c {
                    Criterion::Stakeholders => {
                        let n = p.min_stakeholders;
                        w.count(
                            "doc.criteria.stakeholders",
                            n.into(),
                            &[("count", w.number(n.into()))],
                        )
                    }
                    other => w.domain("criterion", &wire(&other)),
                })
                .collect();
            (!lines.is_empty()).then(|| Term {
                term: w.fill("doc.criteria.into", &[("stage", w.stage(stage))]),
                lines,
            })
        })
        .collect()
}

/// A trigger as the rule it is, with its numbers ("3 × Pricing-page visit within 14 days →
/// MQL"), rather than its label, which may not say them.
fn trigger(w: &Words, p: &Playbook, rule: &TriggerRule) -> String {
    let text = match &rule.condition {
        TriggerCondition::ContactCaptured => w.fill(
            "doc.trigger.contactCaptured",
            &[("stage", w.stage(Stage::Known))],
        ),
        TriggerCondition::ScoreAtThreshold => w.fill(
            "doc.trigger.scoreAtThreshold",
            &[
                ("threshold", w.number(p.engagement.mql_threshold.into())),
                ("stage", w.stage(Stage::Mql)),
            ],
        ),
        TriggerCondition::ActivityCount {
            activity,
            count,
            within_days,
        } => w.fill(
            "doc.trigger.activityCount",
            &[
                ("count", w.number((*count).into())),
                ("activity", w.domain("activityType", &wire(activity))),
                ("within", w.days(*within_days)),
                ("stage", w.stage(Stage::Mql)),
            ],
        ),
    };
    if rule.enabled {
        text
    } else {
        w.fill("doc.criteria.off", &[("rule", text)])
    }
}
