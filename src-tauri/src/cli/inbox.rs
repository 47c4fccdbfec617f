//! `laju inbox`, `accept`, `reject` and `tick`: the handoff inbox from a terminal.

use crate::actor::current_actor;
use clap::Args;
use laju_core::handoff::RejectCode;
use laju_core::wire;
use laju_engine::handoff::{AcceptHandoff, InboxQuery, RejectHandoff};
use laju_engine::leads::MoveOutcome;
use laju_engine::{EngineError, Workspace};

#[derive(Debug, Args)]
pub struct InboxArgs {
    /// Only this rep's queue.
    #[arg(long)]
    rep: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct AcceptArgs {
    id: u64,
    /// Who takes the lead (default: the rep it was routed to).
    #[arg(long)]
    owner: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct RejectArgs {
    id: u64,
    /// notIcp, badContact, noNeed, tooEarly, duplicate, competitor or other.
    #[arg(long, value_parser = parse_code, default_value = "other")]
    code: RejectCode,
    #[arg(long, default_value = "")]
    note: String,
    #[arg(long)]
    json: bool,
}

pub fn inbox(workspace: &Workspace, args: InboxArgs) -> Result<(), EngineError> {
    let inbox = workspace.inbox(&InboxQuery {
        rep: args.rep,
        limit: 0,
    })?;
    if args.json {
        return super::print_json(&inbox);
    }
    if inbox.items.is_empty() {
        out!("No MQLs wait for acceptance.");
    }
    for item in &inbox.items {
        let h = &item.handoff;
        let left = (h.deadline - inbox.now).num_minutes();
        let when = if left < 0 {
            format!("overdue {}m", -left)
        } else {
            format!("{left}m left")
        };
        let to = h.assignee().unwrap_or("(unassigned)");
        let why = h.assignment.as_ref().map_or("", |a| a.rule_label.as_str());
        let breached = match h.breaches.len() {
            0 => String::new(),
            n => format!("  breached x{n}"),
        };
        out!(
            "{:>6}  {:<24} {:<9} {:>14}  → {to} ({why}){breached}",
            item.lead.id,
            item.lead.name.chars().take(24).collect::<String>(),
            wire(&h.sla_type),
            when
        );
    }
    if !inbox.tasks.is_empty() {
        out!("follow-up tasks:");
    }
    for task in &inbox.tasks {
        let f = &task.follow_up;
        let due = f
            .next_due
            .map_or("-".into(), |d| d.format("%Y-%m-%d %H:%M").to_string());
        out!(
            "{:>6}  {:<24} touch {}/{} ({}) due {due}  owner {}",
            task.lead.id,
            task.lead.name.chars().take(24).collect::<String>(),
            f.done + 1,
            f.touches,
            wire(&f.kind),
            task.lead.owner.as_deref().unwrap_or("-")
        );
    }
    Ok(())
}

pub fn accept(workspace: &Workspace, args: AcceptArgs) -> Result<(), EngineError> {
    let outcome = workspace.accept_handoff(
        AcceptHandoff {
            id: args.id,
            owner: args.owner,
        },
        &current_actor(),
    )?;
    report(outcome, args.json)
}

pub fn reject(workspace: &Workspace, args: RejectArgs) -> Result<(), EngineError> {
    let outcome = workspace.reject_handoff(
        RejectHandoff {
            id: args.id,
            code: args.code,
            note: args.note,
        },
        &current_actor(),
    )?;
    report(outcome, args.json)
}

pub fn tick(workspace: &Workspace, json: bool) -> Result<(), EngineError> {
    let report = workspace.tick()?;
    if json {
        return super::print_json(&report);
    }
    for notice in &report.breaches {
        let b = &notice.breach;
        out!(
            "breach: lead {} ({}) {} → {}; manager {}",
            notice.lead_id,
            notice.name,
            b.from.as_deref().unwrap_or("-"),
            b.to.as_deref().unwrap_or("-"),
            b.manager.as_deref().unwrap_or("-")
        );
    }
    for id in &report.recycled {
        out!("recycled: lead {id} (recycling rule)");
    }
    out!(
        "{} breached, {} recycled",
        report.breaches.len(),
        report.recycled.len()
    );
    Ok(())
}

fn report(outcome: MoveOutcome, json: bool) -> Result<(), EngineError> {
    match outcome {
        MoveOutcome::Moved { detail } if json => super::print_json(&detail),
        MoveOutcome::Moved { detail } => {
            let owner = detail.lead.profile.owner.as_deref().unwrap_or("-");
            out!(
                "lead {} is now {} (owner {owner})",
                detail.lead.id,
                detail.lead.stage.label()
            );
            Ok(())
        }
        MoveOutcome::Refused { message, .. } => Err(EngineError::Invalid(message)),
    }
}

fn parse_code(text: &str) -> Result<RejectCode, String> {
    RejectCode::ALL
        .into_iter()
        .find(|c| c.key().eq_ignore_ascii_case(text.trim()))
        .ok_or_else(|| {
            let all: Vec<_> = RejectCode::ALL.iter().map(|c| c.key()).collect();
            format!("unknown reason code; use one of: {}", all.join(", "))
        })
}
