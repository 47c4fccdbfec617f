//! The handoff inbox: MQLs waiting for sales, ordered by deadline; accepting, rejecting and
//! reassigning them; follow-up tasks; and the tick that reassigns what passed its deadline and
//! recycles what the recycling rule gives up on.

mod reconcile;

pub(crate) use reconcile::reconcile;

use crate::commit::Change;
use crate::derived::Due;
use crate::leads::{LeadDetail, LeadRow, MoveLead, MoveOutcome};
use crate::store::{record, trees, ADOPT_MQLS_KEY};
use crate::{EngineError, Workspace};
use chrono::{DateTime, Utc};
use laju_core::activity::ActivityType;
use laju_core::classification::{Classification, FitClass};
use laju_core::followup::FollowUp;
use laju_core::handoff::{Breach, Handoff, RejectCode};
use laju_core::lead::{Company, Contact, LeadId, SourceInfo};
use laju_core::lifecycle::LifecycleEvent;
use laju_core::routing::Assignment;
use laju_core::scoring::{EngagementScore, ScoreBreakdown};
use laju_core::Stage;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The rule id of an assignment a person made by hand.
pub const MANUAL_RULE_ID: &str = "manual";
const DEFAULT_LIMIT: u32 = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct InboxQuery {
    /// Only this rep's queue; everyone's when absent.
    #[ts(optional = nullable)]
    pub rep: Option<String>,
    /// 0 means the default of 200.
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Inbox {
    /// The engine's clock when it answered: countdowns count from this, not the screen's.
    pub now: DateTime<Utc>,
    /// Pending handoffs, earliest deadline first.
    pub items: Vec<InboxItem>,
    /// More handoffs wait beyond the limit.
    pub more: bool,
    /// Follow-up touches, earliest first.
    pub tasks: Vec<TaskItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InboxItem {
    pub lead: LeadRow,
    pub handoff: Handoff,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TaskItem {
    pub lead: LeadRow,
    pub follow_up: FollowUp,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AcceptHandoff {
    pub id: LeadId,
    /// Who takes it; the assigned rep when absent.
    #[ts(optional = nullable)]
    pub owner: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RejectHandoff {
    pub id: LeadId,
    pub code: RejectCode,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReassignHandoff {
    pub id: LeadId,
    pub rep: String,
}

/// What one tick did, so the app can notify and the CLI can print.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TickReport {
    pub breaches: Vec<BreachNotice>,
    pub recycled: Vec<LeadId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BreachNotice {
    pub lead_id: LeadId,
    pub name: String,
    pub breach: Breach,
}

/// What the agreement says must travel with a lead to sales.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HandoffPacket {
    pub id: LeadId,
    #[ts(optional = nullable)]
    pub handoff: Option<Handoff>,
    pub contact: Contact,
    pub email_verified: bool,
    pub phone_verified: bool,
    pub company: Company,
    pub source: SourceInfo,
    pub classification: Classification,
    pub priority: ScoreBreakdown,
    pub engagement: EngagementScore,
    /// The five latest activities, newest first.
    pub recent: Vec<RecentActivity>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RecentActivity {
    pub at: DateTime<Utc>,
    /// The kind as Playbook rules name it (a pricing-page visit, not just a page visit).
    pub activity_type: ActivityType,
    pub note: String,
}

impl HandoffPacket {
    fn of(detail: LeadDetail) -> HandoffPacket {
        let LeadDetail {
            lead,
            assessment,
            activities,
            ..
        } = detail;
        let recent = activities
            .into_iter()
            .take(5)
            .map(|a| RecentActivity {
                at: a.at,
                activity_type: a.kind.activity_type(),
                note: a.note,
            })
            .collect();
        let p = lead.profile;
        HandoffPacket {
            id: lead.id,
            handoff: lead.handoff,
            email_verified: laju_core::lead::is_valid_email(&p.contact.email),
            phone_verified: laju_core::lead::is_valid_phone(&p.contact.phone),
            contact: p.contact,
            company: p.company,
            source: p.source,
            classification: assessment.classification,
            priority: assessment.priority,
            engagement: assessment.engagement,
            recent,
            notes: p.notes,
        }
    }
}

impl Workspace {
    pub fn inbox(&self, query: &InboxQuery) -> Result<Inbox, EngineError> {
        let derived = self.derived();
        let limit = match query.limit {
            0 => DEFAULT_LIMIT,
            n => n.min(1_000),
        } as usize;
        let row = |id| derived.rows.get(id).cloned();
        let mut waiting = derived.due.handoffs(query.rep.as_deref());
        let items: Vec<InboxItem> = waiting
            .by_ref()
            .filter_map(|(id, handoff)| {
                Some(InboxItem {
                    lead: row(id)?,
                    handoff: handoff.clone(),
                })
            })
            .take(limit)
            .collect();
        let more = waiting.next().is_some();
        let wanted = |rep: Option<&str>| query.rep.is_none() || query.rep.as_deref() == rep;
        let tasks = derived
            .due
            .touches()
            .filter_map(|(id, follow_up)| {
                let lead = row(id).filter(|r| wanted(r.owner.as_deref()))?;
                Some(TaskItem {
                    lead,
                    follow_up: follow_up.clone(),
                })
            })
            .take(limit)
            .collect();
        Ok(Inbox {
            now: self.now(),
            items,
            more,
            tasks,
        })
    }

    pub fn handoff_packet(&self, id: LeadId) -> Result<HandoffPacket, EngineError> {
        Ok(HandoffPacket::of(self.lead_detail(id)?))
    }

    /// Accepting makes the lead a SAL owned by the assigned rep (or `owner`), and records the
    /// response time.
    pub fn accept_handoff(
        &self,
        input: AcceptHandoff,
        actor: &str,
    ) -> Result<MoveOutcome, EngineError> {
        let lead = self.load_record(input.id)?.lead;
        let owner = input
            .owner
            .filter(|o| !o.trim().is_empty())
            .or_else(|| lead.handoff.as_ref()?.assignee().map(str::to_string))
            .unwrap_or_else(|| actor.to_string());
        self.move_lead(
            MoveLead {
                id: input.id,
                event: LifecycleEvent::Accept { owner },
            },
            actor,
        )
    }

    /// Rejecting sends the lead back to marketing (Recycled) with the code leading the reason,
    /// so analytics can count codes.
    pub fn reject_handoff(
        &self,
        input: RejectHandoff,
        actor: &str,
    ) -> Result<MoveOutcome, EngineError> {
        let note = input.note.trim();
        let reason = match note {
            "" => input.code.key().to_string(),
            _ => format!("{}: {note}", input.code.key()),
        };
        self.move_lead(
            MoveLead {
                id: input.id,
                event: LifecycleEvent::Reject { reason },
            },
            actor,
        )
    }

    /// By hand, to a rep on the roster; the deadline stays, so moving a lead does not buy time.
    pub fn reassign_handoff(
        &self,
        input: ReassignHandoff,
        actor: &str,
    ) -> Result<LeadDetail, EngineError> {
        let playbook = self.playbook()?.playbook;
        if playbook.handoff.rep(&input.rep).is_none() {
            return Err(EngineError::Invalid(format!(
                "{} is not on the team roster.",
                input.rep
            )));
        }
        let _guard = self.write_lock();
        let mut change = Change::edit(self.load_record(input.id)?);
        let Some(handoff) = change.lead.handoff.as_mut().filter(|h| h.is_pending()) else {
            return Err(EngineError::Invalid(format!(
                "Lead {} is not waiting for sales to accept it.",
                input.id
            )));
        };
        handoff.assignment = Some(Assignment {
            rep: input.rep,
            rule_id: MANUAL_RULE_ID.into(),
            // Who moved it; the screen words it in the reader's language.
            rule_label: actor.to_string(),
            assign: None,
        });
        change.lead.updated_at = self.now();
        self.commit_one(change)
    }

    /// Reassigns every handoff past its deadline and applies the recycling rule's day limit.
    /// The app runs it every few seconds; `laju tick` runs it once.
    pub fn tick(&self) -> Result<TickReport, EngineError> {
        let now = self.now();
        let mut report = TickReport::default();
        for id in self.due_ids(Due::Deadline, now) {
            if let Some(notice) = self.breach(id, now)? {
                report.breaches.push(notice);
            }
        }
        for id in self.due_ids(Due::Recycle, now) {
            let _guard = self.write_lock();
            let change = Change::edit(self.load_record(id)?);
            if self.commit_one(change)?.lead.stage == Stage::Recycled {
                report.recycled.push(id);
            }
        }
        Ok(report)
    }

    fn due_ids(&self, kind: Due, now: DateTime<Utc>) -> Vec<LeadId> {
        self.derived().due.due_by(kind, now)
    }

    fn breach(&self, id: LeadId, now: DateTime<Utc>) -> Result<Option<BreachNotice>, EngineError> {
        let playbook = self.playbook()?.playbook;
        let _guard = self.write_lock();
        let mut change = Change::edit(self.load_record(id)?);
        let Some(exclude) = change
            .lead
            .handoff
            .as_ref()
            .filter(|h| h.is_pending() && h.deadline <= now)
            .map(|h| h.assignee().map(str::to_string))
        else {
            return Ok(None);
        };
        // Read here to choose the next rep; `commit` records the new assignment in it.
        let state = record::routing_state(self.db())?;
        let fit = FitClass::of(&change.lead.profile, &playbook.icp);
        let breach = {
            let derived = self.derived();
            let ctx = reconcile::routing_context(&change.lead, &state, exclude, &derived.rows);
            let lead = &mut change.lead;
            match lead.handoff.as_mut() {
                Some(handoff) => handoff
                    .breach(&lead.profile, fit, &playbook.handoff, &ctx, now)
                    .clone(),
                None => return Ok(None),
            }
        };
        change.reassigned = breach.to != breach.from;
        let name = change.lead.profile.contact.name.clone();
        change.lead.updated_at = now;
        self.commit_one(change)?;
        Ok(Some(BreachNotice {
            lead_id: id,
            name,
            breach,
        }))
    }

    /// After the schema-3 upgrade: MQLs stored without a handoff get one now (routed, with a
    /// deadline from now), once; the note is removed only when every one is written.
    pub(crate) fn adopt_waiting_mqls(&self) -> Result<(), EngineError> {
        let meta = self.db().open_tree(trees::META)?;
        if meta.get(ADOPT_MQLS_KEY)?.is_none() {
            return Ok(());
        }
        let _guard = self.write_lock();
        let waiting = self.derived().rows.ids_in(Stage::Mql);
        let mut changes = Vec::new();
        for id in waiting {
            let record = self.load_record(id)?;
            if record.lead.handoff.is_none() {
                changes.push(Change::edit(record));
            }
        }
        self.commit(changes, &mut |_| true)?;
        meta.remove(ADOPT_MQLS_KEY)?;
        self.db().flush()?;
        Ok(())
    }
}
