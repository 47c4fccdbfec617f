//! The handoff inbox: MQLs waiting for sales, ordered by deadline; accepting, rejecting and
//! reassigning them; follow-up tasks; and the tick that reassigns what passed its deadline and
//! recycles what the recycling rule gives up on.

mod due;
mod reconcile;

pub(crate) use due::entries as due_entries;

use crate::codec::{decode, encode};
use crate::leads::{Change, LeadDetail, LeadRow, MoveLead, MoveOutcome};
use crate::store::{trees, ADOPT_MQLS_KEY};
use crate::{EngineError, Workspace};
use chrono::{DateTime, Utc};
use due::Due;
use laju_core::activity::ActivityType;
use laju_core::classification::{Classification, FitClass};
use laju_core::followup::FollowUp;
use laju_core::handoff::{Breach, Handoff, RejectCode};
use laju_core::lead::{Company, Contact, LeadId, SourceInfo};
use laju_core::lifecycle::LifecycleEvent;
use laju_core::routing::{Assignment, RoutingState};
use laju_core::scoring::{EngagementScore, ScoreBreakdown};
use laju_core::Stage;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const ROUTING_STATE_KEY: &str = "routing_state";
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
        let due = self.db().open_tree(trees::DUE_BY_TIME)?;
        let rows = self.rows();
        let limit = match query.limit {
            0 => DEFAULT_LIMIT,
            n => n.min(1_000),
        } as usize;
        let wanted = |rep: Option<&str>| query.rep.is_none() || query.rep.as_deref() == rep;
        let queue = match &query.rep {
            Some(rep) => due::rep_prefix(rep),
            None => vec![Due::Deadline as u8],
        };
        let mut items = Vec::new();
        let mut more = false;
        for entry in due.scan_prefix(queue) {
            let (key, raw) = entry?;
            let Some(row) = due::id_of(&key).and_then(|id| rows.get(id)) else {
                continue;
            };
            let handoff: Handoff = decode("handoff", &raw)?;
            if items.len() == limit {
                more = true;
                break;
            }
            items.push(InboxItem {
                lead: row.clone(),
                handoff,
            });
        }
        let mut tasks = Vec::new();
        for entry in due.scan_prefix([Due::Touch as u8]) {
            let (key, raw) = entry?;
            let Some(row) = due::id_of(&key).and_then(|id| rows.get(id)) else {
                continue;
            };
            if !wanted(row.owner.as_deref()) {
                continue;
            }
            if tasks.len() == limit {
                break;
            }
            tasks.push(TaskItem {
                lead: row.clone(),
                follow_up: decode("follow-up", &raw)?,
            });
        }
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
        let (lead, _) = self.load_lead(input.id)?;
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
        let (before, activities) = self.load_lead(input.id)?;
        let mut lead = before.clone();
        let Some(handoff) = lead.handoff.as_mut().filter(|h| h.is_pending()) else {
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
        lead.updated_at = self.now();
        self.commit_with_triggers(Change::new(Some(before), lead, activities, Vec::new()))
    }

    /// Reassigns every handoff past its deadline and applies the recycling rule's day limit.
    /// The app runs it every few seconds; `laju tick` runs it once.
    pub fn tick(&self) -> Result<TickReport, EngineError> {
        let now = self.now();
        let mut report = TickReport::default();
        for id in self.due_ids(Due::Deadline, now)? {
            if let Some(notice) = self.breach(id, now)? {
                report.breaches.push(notice);
            }
        }
        for id in self.due_ids(Due::Recycle, now)? {
            let _guard = self.write_lock();
            let (lead, activities) = self.load_lead(id)?;
            let change = Change::new(Some(lead.clone()), lead, activities, Vec::new());
            if self.commit_with_triggers(change)?.lead.stage == Stage::Recycled {
                report.recycled.push(id);
            }
        }
        Ok(report)
    }

    pub(crate) fn due_ids(
        &self,
        kind: Due,
        now: DateTime<Utc>,
    ) -> Result<Vec<LeadId>, EngineError> {
        let due = self.db().open_tree(trees::DUE_BY_TIME)?;
        due.range(due::up_to(kind, now))
            .keys()
            .map(|key| Ok(due::id_of(&key?)))
            .filter_map(Result::transpose)
            .collect()
    }

    fn breach(&self, id: LeadId, now: DateTime<Utc>) -> Result<Option<BreachNotice>, EngineError> {
        let playbook = self.playbook()?.playbook;
        let _guard = self.write_lock();
        let (before, activities) = self.load_lead(id)?;
        let mut lead = before.clone();
        let Some(handoff) = lead
            .handoff
            .as_mut()
            .filter(|h| h.is_pending() && h.deadline <= now)
        else {
            return Ok(None);
        };
        let mut state = self.routing_state()?;
        let fit = FitClass::of(&lead.profile, &playbook.icp);
        let exclude = handoff.assignee().map(str::to_string);
        let ctx = self.routing_context(&before, &state, exclude);
        let breach = handoff
            .breach(&lead.profile, fit, &playbook.handoff, &ctx, now)
            .clone();
        drop(ctx);
        if breach.to != breach.from {
            if let Some(assignment) = &handoff.assignment {
                state.record(assignment);
            }
        }
        let name = lead.profile.contact.name.clone();
        lead.updated_at = now;
        let mut change = Change::new(Some(before), lead, activities, Vec::new());
        change.routing = Some(state);
        self.commit_with_triggers(change)?;
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
        let waiting = self.rows().ids_in(Stage::Mql);
        for id in waiting {
            let _guard = self.write_lock();
            let (lead, activities) = self.load_lead(id)?;
            if lead.handoff.is_none() {
                let change = Change::new(Some(lead.clone()), lead, activities, Vec::new());
                self.commit_with_triggers(change)?;
            }
        }
        meta.remove(ADOPT_MQLS_KEY)?;
        self.db().flush()?;
        Ok(())
    }

    pub(crate) fn routing_state(&self) -> Result<RoutingState, EngineError> {
        let settings = self.db().open_tree(trees::SETTING_BY_NAME)?;
        match settings.get(ROUTING_STATE_KEY)? {
            None => Ok(RoutingState::default()),
            Some(raw) => decode("routing state", &raw),
        }
    }

    pub(crate) fn routing_state_entry(
        state: &RoutingState,
    ) -> Result<(&'static str, Vec<u8>), EngineError> {
        Ok((ROUTING_STATE_KEY, encode("routing state", state)?))
    }
}
