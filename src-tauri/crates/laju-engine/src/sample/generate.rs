//! The sample generator: a year of leads, each walked along the main path with waits drawn
//! around DOMAIN.md's typical stage times and odds near its conversion bands (better for
//! referrals and ICP fits, worse for purchased lists and poor fits, so breakdowns differ). A
//! lead that does not move on leaves the path with a reason, or stays where it is — an old one
//! that stays is a black hole. A handful of MQLs arrive minutes to hours before `now`, some
//! already past their response SLA, so the first tick has breaches to record.

use super::names::Country;
use super::profile::{self, Accounts};
use super::rng::{days, Rng};
use super::team;
use chrono::{DateTime, Duration, NaiveTime, Utc};
use laju_core::activity::{Activity, ActivityKind, Channel, TouchOutcome};
use laju_core::classification::FitClass;
use laju_core::import::Incoming;
use laju_core::lead::{LeadProfile, SourceKind};
use laju_core::routing::Rep;
use laju_core::scoring;
use laju_core::sla::SlaType;
use laju_core::{Playbook, Stage};

/// Leads `0..n`, the same for the same `(n, seed, now)`; every date is at or before `now`.
pub(crate) fn generate(n: usize, seed: u64, now: DateTime<Utc>) -> Vec<Incoming> {
    let world = World {
        now,
        playbook: Playbook::default(),
        roster: team::team(),
    };
    let mut accounts = Accounts::default();
    let fresh = fresh_count(n);
    (0..n)
        .map(|i| {
            let mut rng = Rng::for_lead(seed, i);
            match (i + fresh).checked_sub(n) {
                Some(k) => world.fresh_mql(k, &mut accounts, &mut rng),
                None => world.lead(&mut accounts, &mut rng),
            }
        })
        .collect()
}

/// A handful of just-arrived MQLs: one per 30 leads, up to one of each kind below.
fn fresh_count(n: usize) -> usize {
    (n / 30).clamp(1, FRESH.len()).min(n)
}

/// (source, whether the lead fits the ICP, minutes since it became an MQL). Against the
/// default SLAs (ICP 5 min, referral 15, inbound 30, event 24 h, database 48 h), every other
/// one is already overdue.
const FRESH: [(SourceKind, bool, i64); 10] = [
    (SourceKind::Inbound, true, 40),
    (SourceKind::Inbound, false, 20),
    (SourceKind::Referral, false, 75),
    (SourceKind::Event, false, 6 * 60),
    (SourceKind::Database, false, 72 * 60),
    (SourceKind::PaidAds, true, 2),
    (SourceKind::Inbound, false, 150),
    (SourceKind::Referral, false, 9),
    (SourceKind::Event, false, 30 * 60),
    (SourceKind::Database, false, 20 * 60),
];

struct World {
    now: DateTime<Utc>,
    playbook: Playbook,
    roster: Vec<Rep>,
}

/// Where a lead went: each stage it entered, in order, and how it stopped.
struct Journey {
    entered: Vec<(Stage, DateTime<Utc>)>,
    /// Why it left the main path, when it did.
    reason: String,
    /// It stopped moving on its own: nobody claimed, reached or closed it.
    stuck: bool,
    /// When it would have moved on, had `now` not come first.
    due: Option<DateTime<Utc>>,
}

impl Journey {
    fn reached(&self, stage: Stage) -> Option<DateTime<Utc>> {
        self.entered.iter().find(|(s, _)| *s == stage).map(|e| e.1)
    }

    fn last(&self) -> (Stage, DateTime<Utc>) {
        self.entered[self.entered.len() - 1]
    }
}

enum Step {
    Advance(Stage),
    Exit(Stage, &'static str),
    Stay,
}

impl World {
    fn lead(&self, accounts: &mut Accounts, rng: &mut Rng) -> Incoming {
        let created = self.now - days(rng.unit() * 365.0);
        let (mut profile, country) = profile::profile(accounts, created, None, rng);
        let fit = FitClass::of(&profile, &self.playbook.icp);
        let journey = self.journey(&profile, fit, created, rng);
        let (stage, _) = journey.last();
        if journey.reached(Stage::Known).is_none() {
            // Still a tracked visitor: all we have is the company its address resolves to.
            profile.contact = Default::default();
        }
        profile.owner = journey
            .reached(Stage::Sal)
            .map(|_| team::owner(&self.roster, &profile, fit, rng));
        self.deal(&mut profile, &journey, country, rng);
        let activities = self.activities(&journey, &profile, rng);
        Incoming {
            line: 0,
            stage: Some(stage),
            created_at: Some(created),
            reason: journey.reason.clone(),
            entered: journey.entered,
            activities,
            profile,
        }
    }

    fn journey(
        &self,
        p: &LeadProfile,
        fit: FitClass,
        created: DateTime<Utc>,
        rng: &mut Rng,
    ) -> Journey {
        let source = p.source.kind;
        let tracked = matches!(source, SourceKind::Inbound | SourceKind::PaidAds);
        let start = if tracked && rng.chance(0.55) {
            Stage::Anonymous
        } else {
            Stage::Known
        };
        let sla_days =
            f64::from(self.playbook.handoff.sla.minutes(SlaType::of(source, fit))) / 1440.0;
        let mut j = Journey {
            entered: vec![(start, created)],
            reason: String::new(),
            stuck: false,
            due: None,
        };
        let (mut stage, mut at) = (start, created);
        while let Some(next) = next_on_path(stage) {
            let step = if rng.chance(onward(stage, source, fit)) {
                Step::Advance(next)
            } else {
                exit(stage, rng)
            };
            let (to, reason) = match step {
                Step::Advance(to) => (to, ""),
                Step::Exit(to, reason) => (to, reason),
                Step::Stay => {
                    j.stuck = true;
                    break;
                }
            };
            let wait = if stage == Stage::Sal && to == Stage::Recycled {
                // The recycling rule's 14 days without reaching them, give or take.
                rng.lognormal(16.0, 0.15)
            } else {
                dwell(stage, p, sla_days, rng)
            };
            let when = at + days(wait).max(Duration::minutes(1));
            if when > self.now {
                j.due = Some(when);
                break;
            }
            j.entered.push((to, when));
            (stage, at) = (to, when);
            if !Stage::MAIN_PATH.contains(&to) {
                j.reason = reason.into();
                break;
            }
        }
        j
    }

    /// The fields each gate passed asks for, filled as sales would have on the way.
    fn deal(&self, p: &mut LeadProfile, j: &Journey, country: Country, rng: &mut Rng) {
        if j.reached(Stage::Sql).is_some() {
            profile::qualify(p, country, rng);
        }
        let Some(opened) = j.reached(Stage::Opportunity) else {
            return;
        };
        let (stage, _) = j.last();
        let close = match (stage, j.due) {
            // A stuck deal's projected close date slipped by unnoticed: an aged opportunity.
            (Stage::Opportunity, _) if j.stuck => {
                let open_days = (self.now - opened).num_days();
                opened + Duration::days(rng.between(14, open_days.max(15) as u64 - 1) as i64)
            }
            (Stage::Opportunity, Some(due)) => due,
            _ => opened + days(opportunity_days(p, rng)),
        };
        profile::open_deal(p, country, close.date_naive(), rng);
        if let Some(won) = j.reached(Stage::Customer) {
            profile::win(p, won, rng);
        }
    }

    fn activities(&self, j: &Journey, p: &LeadProfile, rng: &mut Rng) -> Vec<Activity> {
        let owner = p.owner.as_deref().unwrap_or_default();
        let by_owner = |kind, at| Activity {
            actor: owner.into(),
            ..tracked(kind, at)
        };
        let mut out = Vec::new();
        for (i, (stage, from)) in j.entered.iter().copied().enumerate() {
            let next = j.entered.get(i + 1).copied();
            let end = next.map_or(self.now, |(_, at)| at);
            match stage {
                Stage::Anonymous => {
                    for _ in 0..rng.between(1, 2) {
                        out.push(tracked(visit(rng, false), rng.moment(from, end)));
                    }
                    if rng.chance(0.25) {
                        out.push(tracked(visit(rng, true), rng.moment(from, end)));
                    }
                }
                Stage::Known => {
                    self.known(p, from, end, next.map(|n| n.0), rng, &mut out);
                }
                Stage::Sal => {
                    // The recycling rule sends a SAL nobody reached back to marketing after
                    // 14 days, so only a recent one can still be waiting, unreached.
                    let recent = self.now - from < Duration::days(13);
                    let unreached = next.is_none() && recent && (j.stuck || rng.chance(0.5));
                    out.extend(touches(owner, from, end, next.map(|n| n.0), unreached, rng));
                }
                Stage::Sql => {
                    if rng.chance(0.7) {
                        out.push(by_owner(ActivityKind::Meeting, rng.moment(from, end)));
                    }
                    if rng.chance(0.4) {
                        out.push(tracked(ActivityKind::EmailClick, rng.moment(from, end)));
                    }
                }
                Stage::Opportunity => {
                    for _ in 0..rng.between(1, 2) {
                        out.push(by_owner(ActivityKind::Meeting, rng.moment(from, end)));
                    }
                    for _ in 0..rng.between(0, 2) {
                        out.push(tracked(visit(rng, true), rng.moment(from, end)));
                    }
                }
                Stage::Customer => {
                    // On the agreed day, in the morning across the region.
                    let onboarding = p.closing.onboarding.map(|d| d.and_time(MORNING).and_utc());
                    if let Some(at) = onboarding.filter(|at| *at <= self.now) {
                        out.push(Activity {
                            note: "Onboarding kick-off".into(),
                            ..by_owner(ActivityKind::Meeting, at)
                        });
                    }
                }
                // Off the path nothing more happens, so no rule brings the lead back by itself.
                Stage::Mql | Stage::Recycled | Stage::Disqualified | Stage::ClosedLost => {}
            }
        }
        out.sort_by_key(|a| a.at);
        out
    }

    /// The Known stage: how the contact was captured, some nurture, and — for a lead that
    /// became an MQL — the high-intent action or score that made it one. A lead left at Known
    /// stays under every MQL rule, so the first rescore does not promote it.
    fn known(
        &self,
        p: &LeadProfile,
        from: DateTime<Utc>,
        end: DateTime<Utc>,
        next: Option<Stage>,
        rng: &mut Rng,
        out: &mut Vec<Activity>,
    ) {
        let start = out.len();
        let capture = match p.source.kind {
            SourceKind::Inbound | SourceKind::PaidAds if rng.chance(0.6) => {
                Some(ActivityKind::FormSubmit { contact_us: false })
            }
            SourceKind::Inbound | SourceKind::PaidAds => Some(ActivityKind::ContentDownload {
                asset: rng.pick(&ASSETS).to_string(),
            }),
            SourceKind::Event if p.source.event_name.starts_with("Webinar") => {
                Some(ActivityKind::Webinar {
                    name: p.source.event_name.clone(),
                })
            }
            _ => None,
        };
        if let Some(kind) = capture {
            out.push(tracked(kind, from));
        }
        for _ in 0..rng.between(0, 2) {
            out.push(tracked(visit(rng, false), rng.moment(from, end)));
        }
        if rng.chance(0.5) {
            out.push(tracked(ActivityKind::EmailOpen, rng.moment(from, end)));
        }
        if next == Some(Stage::Mql) {
            let just_before = |rng: &mut Rng, minutes: u64| {
                (end - Duration::minutes(rng.between(1, minutes) as i64)).max(from)
            };
            match rng.between(0, 9) {
                0..=3 => out.push(tracked(ActivityKind::DemoRequest, just_before(rng, 3))),
                4..=5 => out.push(tracked(
                    ActivityKind::FormSubmit { contact_us: true },
                    just_before(rng, 3),
                )),
                6..=7 => {
                    for _ in 0..3 {
                        let at = just_before(rng, 10 * 24 * 60);
                        out.push(tracked(visit(rng, true), at));
                    }
                }
                _ => {
                    let asset = rng.pick(&ASSETS).to_string();
                    out.push(tracked(
                        ActivityKind::ContentDownload { asset },
                        just_before(rng, 7 * 24 * 60),
                    ));
                    out.push(tracked(
                        ActivityKind::EmailClick,
                        just_before(rng, 5 * 24 * 60),
                    ));
                    out.push(tracked(visit(rng, true), just_before(rng, 60)));
                }
            }
            return;
        }
        if next.is_none() {
            if rng.chance(0.4) {
                let kind = if rng.chance(0.5) {
                    ActivityKind::ContentDownload {
                        asset: rng.pick(&ASSETS).to_string(),
                    }
                } else {
                    visit(rng, true)
                };
                out.push(tracked(kind, rng.moment(from, end)));
            }
            // The score counts everything so far, decayed; drop the latest until it is under.
            let threshold = self.playbook.engagement.mql_threshold;
            while out.len() > start
                && scoring::engagement(p, out, &self.playbook, self.now).total >= threshold
            {
                out.pop();
            }
        }
    }

    /// A lead that became an MQL moments ago, of one SLA type, for the inbox and the first tick.
    fn fresh_mql(&self, k: usize, accounts: &mut Accounts, rng: &mut Rng) -> Incoming {
        let (source, icp, minutes) = FRESH[k % FRESH.len()];
        let mql = self.now - Duration::minutes(minutes);
        let created = mql - days(2.0 + rng.unit() * 20.0);
        let mut profile = LeadProfile::default();
        // Draw until the fit is the one the SLA type needs; one in five or so is ICP.
        for _ in 0..60 {
            profile = profile::profile(accounts, created, Some(source), rng).0;
            if (FitClass::of(&profile, &self.playbook.icp) == FitClass::Icp) == icp {
                break;
            }
        }
        let mut activities = vec![
            tracked(visit(rng, false), rng.moment(created, mql)),
            tracked(visit(rng, true), rng.moment(created, mql)),
        ];
        let trigger = match source {
            SourceKind::Inbound | SourceKind::PaidAds => ActivityKind::DemoRequest,
            _ => ActivityKind::FormSubmit { contact_us: true },
        };
        activities.push(tracked(trigger, mql - Duration::minutes(1)));
        activities.sort_by_key(|a| a.at);
        Incoming {
            line: 0,
            stage: Some(Stage::Mql),
            created_at: Some(created),
            entered: vec![(Stage::Known, created), (Stage::Mql, mql)],
            reason: String::new(),
            activities,
            profile,
        }
    }
}

/// 02:00 UTC: ten in Kuala Lumpur, Singapore, Taipei and Shanghai, nine in Jakarta.
const MORNING: NaiveTime = match NaiveTime::from_hms_opt(2, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

const ASSETS: [&str; 4] = [
    "Lead follow-up checklist",
    "WhatsApp sales playbook",
    "SME CRM buyer's guide",
    "Event lead capture template",
];

fn next_on_path(stage: Stage) -> Option<Stage> {
    let at = Stage::MAIN_PATH.iter().position(|s| *s == stage)?;
    Stage::MAIN_PATH.get(at + 1).copied()
}

/// The chance a lead moves on from `stage` to the next main stage, before `now` cuts it short.
fn onward(stage: Stage, source: SourceKind, fit: FitClass) -> f64 {
    use FitClass as F;
    use SourceKind as S;
    let (base, by_source, by_fit): (f64, f64, f64) = match stage {
        Stage::Anonymous => return 0.8,
        Stage::Known => (
            0.88,
            match source {
                S::Referral => 1.3,
                S::Inbound | S::Partner => 1.1,
                S::PaidAds => 1.0,
                S::Event => 0.9,
                S::Outbound => 0.7,
                S::Database => 0.55,
            },
            match fit {
                F::Icp => 1.2,
                F::Strategic => 1.1,
                F::NearIcp => 1.05,
                F::Enterprise => 0.95,
                F::Smb => 0.85,
                F::Transactional => 0.7,
            },
        ),
        Stage::Mql => (
            0.27,
            match source {
                S::Referral => 1.8,
                S::Partner => 1.3,
                S::Inbound => 1.2,
                S::Event | S::PaidAds => 0.9,
                S::Outbound => 0.7,
                S::Database => 0.45,
            },
            match fit {
                F::Icp => 1.6,
                F::Strategic => 1.4,
                F::NearIcp => 1.1,
                F::Enterprise => 1.0,
                F::Smb => 0.8,
                F::Transactional => 0.6,
            },
        ),
        Stage::Sal => (
            0.57,
            match source {
                S::Referral => 1.2,
                S::Database | S::Outbound => 0.8,
                _ => 1.0,
            },
            match fit {
                F::Icp | F::Strategic => 1.2,
                F::Transactional => 0.8,
                _ => 1.0,
            },
        ),
        Stage::Sql => (
            0.5,
            1.0,
            match fit {
                F::Icp => 1.15,
                F::Enterprise => 0.85,
                _ => 1.0,
            },
        ),
        Stage::Opportunity => (
            0.4,
            match source {
                S::Referral => 1.3,
                S::Database => 0.8,
                _ => 1.0,
            },
            match fit {
                F::Icp => 1.2,
                F::Enterprise => 0.8,
                _ => 1.0,
            },
        ),
        Stage::Customer | Stage::Recycled | Stage::Disqualified | Stage::ClosedLost => return 0.0,
    };
    (base * by_source * by_fit).min(0.95)
}

/// Where a lead that does not move on goes: off the path with a reason, or nowhere (`None`).
fn exit(stage: Stage, rng: &mut Rng) -> Step {
    use Stage as S;
    type Way = (Option<Stage>, u32, &'static [&'static str]);
    let ways: &[Way] = match stage {
        S::Anonymous => &[
            (None, 85, &[]),
            (Some(S::Disqualified), 15, &["Bot traffic"]),
        ],
        S::Known => &[
            (None, 80, &[]),
            (
                Some(S::Disqualified),
                20,
                &[
                    "Student, not a buyer",
                    "Job seeker",
                    "Competitor researching us",
                    "Fake contact details",
                ],
            ),
        ],
        S::Mql => &[
            (None, 8, &[]),
            (
                Some(S::Recycled),
                64,
                &[
                    // As a rep's rejection writes them: the code, then the note.
                    "tooEarly: revisit next quarter",
                    "notIcp: a one-person shop, below our segment",
                    "noNeed: happy with their spreadsheet for now",
                ],
            ),
            (
                Some(S::Disqualified),
                28,
                &[
                    "Wrong contact details",
                    "Competitor",
                    "Duplicate of an existing lead",
                ],
            ),
        ],
        S::Sal => &[
            (None, 18, &[]),
            (
                Some(S::Recycled),
                55,
                &[
                    "Unreachable after 6 attempts",
                    "No reply in 14 days",
                    "Asked to talk again next year",
                ],
            ),
            (
                Some(S::Disqualified),
                27,
                &[
                    "No budget and no plan for one",
                    "Not the decision maker, no access to one",
                    "Already signed with a competitor",
                ],
            ),
        ],
        S::Sql => &[
            (None, 15, &[]),
            (
                Some(S::Recycled),
                35,
                &["Timing: revisit next quarter", "Project postponed"],
            ),
            (
                Some(S::ClosedLost),
                35,
                &["No budget this year", "Chose a competitor"],
            ),
            (
                Some(S::Disqualified),
                15,
                &["Needs features we do not offer"],
            ),
        ],
        S::Opportunity => &[
            (None, 12, &[]),
            (
                Some(S::ClosedLost),
                76,
                &[
                    "Chose a competitor",
                    "Price too high",
                    "No decision made",
                    "Went with a spreadsheet",
                    "Budget cut",
                ],
            ),
            (Some(S::Recycled), 12, &["Dormant: no reply for 60 days"]),
        ],
        S::Customer | S::Recycled | S::Disqualified | S::ClosedLost => return Step::Stay,
    };
    let weights: Vec<(usize, u32)> = ways.iter().enumerate().map(|(k, w)| (k, w.1)).collect();
    match ways[rng.weighted(&weights)] {
        (Some(to), _, reasons) => Step::Exit(to, rng.pick(reasons)),
        (None, ..) => Step::Stay,
    }
}

/// Days spent in `stage` before the next move, around DOMAIN.md's typical times: Known 7–30,
/// MQL 1–3 (half of them answered within the SLA), SAL 1–2 weeks, SQL 2–6 weeks, an
/// opportunity 30–180 days by deal size.
fn dwell(stage: Stage, p: &LeadProfile, sla_days: f64, rng: &mut Rng) -> f64 {
    match stage {
        Stage::Anonymous => rng.lognormal(4.0, 1.2).clamp(0.02, 120.0),
        Stage::Known => rng.lognormal(11.0, 0.8).clamp(0.2, 150.0),
        Stage::Mql if rng.chance(0.45) => sla_days * (0.2 + 1.3 * rng.unit()),
        Stage::Mql => rng.lognormal(1.8, 0.6).clamp(0.3, 14.0),
        Stage::Sal => rng.lognormal(7.0, 0.55).clamp(1.0, 60.0),
        Stage::Sql => rng.lognormal(18.0, 0.5).clamp(4.0, 120.0),
        _ => opportunity_days(p, rng),
    }
}

fn opportunity_days(p: &LeadProfile, rng: &mut Rng) -> f64 {
    let median = match p.company.employees.unwrap_or(10) {
        0..=49 => 35.0,
        50..=499 => 60.0,
        _ => 110.0,
    };
    rng.lognormal(median, 0.45).clamp(14.0, 300.0)
}

fn tracked(kind: ActivityKind, at: DateTime<Utc>) -> Activity {
    Activity::logged(at, kind, "", "")
}

fn visit(rng: &mut Rng, pricing: bool) -> ActivityKind {
    let url = if pricing {
        "/pricing"
    } else {
        rng.pick(&[
            "/",
            "/blog/whatsapp-leads",
            "/blog/follow-up-in-5-minutes",
            "/features/handoff",
            "/customers",
        ])
    };
    ActivityKind::PageVisit {
        url: url.into(),
        pricing,
    }
}

/// The owner's follow-up in SAL: reached before qualifying or disqualifying, never reached
/// before recycling, and, when `unreached`, not yet reached at all.
fn touches(
    owner: &str,
    from: DateTime<Utc>,
    end: DateTime<Utc>,
    next: Option<Stage>,
    unreached: bool,
    rng: &mut Rng,
) -> Vec<Activity> {
    let (count, reached) = match next {
        Some(Stage::Sql) => (rng.between(1, 3), true),
        Some(Stage::Recycled) => (rng.between(4, 6), false),
        Some(_) => (rng.between(1, 2), true),
        None if unreached => (rng.between(2, 5), false),
        None => (rng.between(1, 2), true),
    };
    // The first try within hours of taking the lead, the rest spread over the days after.
    let window = (end - from).min(Duration::days(20)).num_seconds().max(0) as f64;
    let first = window.min(86_400.0) * (0.05 + 0.5 * rng.unit());
    let step = (window - first) / count as f64;
    (1..=count)
        .map(|k| {
            let channel = rng.weighted(&[
                (Channel::Call, 6),
                (Channel::Email, 3),
                (Channel::Social, 1),
            ]);
            let outcome = match (reached && k == count, channel) {
                (true, Channel::Email) => TouchOutcome::Replied,
                (true, _) => TouchOutcome::Connected,
                (false, Channel::Call) => {
                    rng.pick(&[TouchOutcome::NoAnswer, TouchOutcome::LeftMessage])
                }
                (false, _) => TouchOutcome::NoAnswer,
            };
            Activity::logged(
                from + Duration::seconds((first + step * (k - 1) as f64) as i64),
                ActivityKind::Touch { channel, outcome },
                owner,
                "",
            )
        })
        .collect()
}
