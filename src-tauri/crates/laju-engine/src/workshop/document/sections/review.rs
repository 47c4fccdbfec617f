//! The quarterly review as an appendix: each line of the review (laju-core `workshop::review`)
//! with its verdict, in tables by topic, worded in the document's language.

use super::super::words::Words;
use super::{paragraph, section, subheading};
use crate::workshop::document::{Block, Section};
use crate::workshop::review::Review;
use laju_core::funnel::SlaStats;
use laju_core::workshop::review::ReviewVerdict;

pub(in crate::workshop::document) fn review(w: &Words, r: &Review) -> Section {
    let quarter = w.fill(
        "doc.review.quarter",
        &[
            ("year", r.quarter.year.to_string()),
            ("number", r.quarter.number.to_string()),
        ],
    );
    let heading = w.fill("doc.review.heading", &[("quarter", quarter.clone())]);
    if r.leads == 0 {
        let none = w.fill("doc.review.noLeads", &[("quarter", quarter)]);
        return section("review", heading, vec![paragraph(none)]);
    }
    let t = &r.tally;
    let mut blocks = vec![paragraph(w.fill(
        "doc.review.summary",
        &[
            ("leads", w.number(r.leads as i64)),
            ("quarter", quarter),
            ("version", w.number(r.agreement.version.into())),
            ("kept", w.number(t.kept as i64)),
            ("missed", w.number(t.missed as i64)),
            ("noData", w.number(t.no_data as i64)),
        ],
    ))];
    let verdict = |v: ReviewVerdict| {
        w.get(match v {
            ReviewVerdict::Kept => "doc.review.verdict.kept",
            ReviewVerdict::Missed => "doc.review.verdict.missed",
            ReviewVerdict::NoData => "doc.review.verdict.noData",
        })
    };
    let percent =
        |x: Option<f64>| x.map_or_else(|| "–".into(), |x| format!("{} %", w.decimal(x, 1)));
    let in_time = |s: &SlaStats| {
        w.fill(
            "doc.review.inTime",
            &[
                ("share", percent(s.compliance)),
                ("within", w.number(s.within as i64)),
                ("decided", w.number(s.decided as i64)),
            ],
        )
    };
    let mut table = |topic: &str, columns: &[&str], rows: Vec<Vec<String>>| {
        if rows.is_empty() {
            return;
        }
        blocks.push(subheading(w.get(&format!("doc.review.topic.{topic}"))));
        blocks.push(Block::Table {
            columns: columns
                .iter()
                .map(|c| w.get(&format!("doc.review.col.{c}")))
                .collect(),
            rows,
        });
    };
    table(
        "conversion",
        &["verdict", "step", "actual", "agreed"],
        r.conversion
            .iter()
            .map(|l| {
                vec![
                    verdict(l.verdict),
                    format!("{} → {}", w.stage(l.from), w.stage(l.to)),
                    format!(
                        "{} ({} / {})",
                        percent(l.conversion),
                        w.number(l.reached as i64),
                        w.number(l.base as i64)
                    ),
                    format!("{}–{} %", l.band.low, l.band.high),
                ]
            })
            .collect(),
    );
    table(
        "stageTime",
        &["verdict", "stage", "average", "typical"],
        r.stage_time
            .iter()
            .map(|l| {
                vec![
                    verdict(l.verdict),
                    w.stage(l.stage),
                    l.average_days.map_or_else(
                        || "–".into(),
                        |d| w.fill("doc.review.days", &[("days", w.decimal(d, 1))]),
                    ),
                    w.days(l.typical_days),
                ]
            })
            .collect(),
    );
    let goal = format!("{} %", r.agreement.compliance_goal);
    table(
        "slaType",
        &["verdict", "leadType", "inTime", "goal"],
        r.sla_by_type
            .iter()
            .map(|l| {
                vec![
                    verdict(l.verdict),
                    format!(
                        "{} ({})",
                        w.domain("slaType", &laju_core::wire(&l.lead_type)),
                        w.minutes(l.target_minutes)
                    ),
                    in_time(&l.stats),
                    goal.clone(),
                ]
            })
            .collect(),
    );
    table(
        "slaRep",
        &["verdict", "rep", "inTime", "goal"],
        r.sla_by_rep
            .iter()
            .map(|l| {
                vec![
                    verdict(l.verdict),
                    l.rep.clone().unwrap_or_else(|| w.get("doc.review.noOwner")),
                    in_time(&l.stats),
                    goal.clone(),
                ]
            })
            .collect(),
    );
    table(
        "rejections",
        &["verdict", "code", "share", "before"],
        r.rejections
            .iter()
            .map(|l| {
                vec![
                    verdict(l.verdict),
                    w.domain("rejectCode", &laju_core::wire(&l.code)),
                    format!(
                        "{} ({} / {})",
                        percent(l.share),
                        w.number(l.count as i64),
                        w.number(l.answered as i64)
                    ),
                    percent(l.previous_share),
                ]
            })
            .collect(),
    );
    table(
        "recycles",
        &["verdict", "from", "reason", "leads"],
        r.recycles
            .iter()
            .map(|l| {
                vec![
                    verdict(l.verdict),
                    w.stage(l.from),
                    l.reason
                        .clone()
                        .unwrap_or_else(|| w.get("doc.review.noReason")),
                    w.number(l.count as i64),
                ]
            })
            .collect(),
    );
    table(
        "blackHoles",
        &["verdict", "hole", "leads"],
        r.black_holes
            .iter()
            .map(|l| {
                vec![
                    verdict(l.verdict),
                    w.get(&format!("doc.review.hole.{}", laju_core::wire(&l.kind))),
                    w.fill(
                        "doc.review.ofReached",
                        &[
                            ("total", w.number(l.total as i64)),
                            ("exposed", w.number(l.exposed as i64)),
                            ("stage", w.stage(l.stage)),
                        ],
                    ),
                ]
            })
            .collect(),
    );
    section("review", heading, blocks)
}
