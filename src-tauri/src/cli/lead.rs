use crate::actor::current_actor;
use clap::{Args, Subcommand};
use laju_core::lead::{LeadProfile, SourceKind};
use laju_core::lifecycle::{Actor, EventKind, LifecycleEvent};
use laju_core::{wire, Stage};
use laju_engine::leads::{
    LeadDetail, LeadQuery, LeadSort, MergeLeads, MoveLead, MoveOutcome, SaveOutcome,
};
use laju_engine::{EngineError, Workspace};

#[derive(Debug, Subcommand)]
pub enum LeadCommand {
    /// Add a lead; the Playbook's rules then classify, score and (if they apply) move it.
    Add(AddArgs),
    /// Show one lead: stage, scores, next steps and stage history.
    Show {
        id: u64,
        #[arg(long)]
        json: bool,
    },
    /// List leads, highest priority first.
    List(ListArgs),
    /// Move a lead: capture, markMql, accept, reject, qualify, createOpportunity, win, lose,
    /// disqualify, recycle, reopen.
    Move(MoveArgs),
    /// Merge a duplicate into the lead that stays: its activities and blank fields move over,
    /// and it is disqualified as merged (nothing is deleted).
    Merge {
        keep: u64,
        duplicate: u64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    /// Job title or role.
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    company: Option<String>,
    #[arg(long)]
    employees: Option<u32>,
    #[arg(long)]
    industry: Option<String>,
    #[arg(long)]
    country: Option<String>,
    /// inbound, outbound, paidAds, event, referral, partner or database.
    #[arg(long, value_parser = parse_source, default_value = "inbound")]
    source: SourceKind,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long, value_parser = parse_stage)]
    stage: Option<Stage>,
    #[arg(long, value_parser = parse_source)]
    source: Option<SourceKind>,
    /// Matches name, company or email.
    #[arg(long, default_value = "")]
    search: String,
    #[arg(long, default_value_t = 50)]
    limit: u32,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct MoveArgs {
    id: u64,
    #[arg(value_parser = parse_event)]
    event: EventKind,
    /// Required for reject, lose, disqualify, recycle and reopen.
    #[arg(long)]
    reason: Option<String>,
    /// The rep who accepts (accept only; default: you).
    #[arg(long)]
    owner: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn run(workspace: &Workspace, command: LeadCommand) -> Result<(), EngineError> {
    match command {
        LeadCommand::Add(args) => add(workspace, args),
        LeadCommand::Show { id, json } => {
            let detail = workspace.lead_detail(id)?;
            if json {
                super::print_json(&detail)
            } else {
                print_detail(&detail);
                Ok(())
            }
        }
        LeadCommand::List(args) => list(workspace, args),
        LeadCommand::Move(args) => move_lead(workspace, args),
        LeadCommand::Merge {
            keep,
            duplicate,
            json,
        } => {
            let detail = workspace.merge_leads(MergeLeads { keep, duplicate }, &current_actor())?;
            if json {
                return super::print_json(&detail);
            }
            print_detail(&detail);
            Ok(())
        }
    }
}

fn add(workspace: &Workspace, args: AddArgs) -> Result<(), EngineError> {
    let mut p = LeadProfile::default();
    let text = |v: Option<String>| v.unwrap_or_default();
    p.contact.name = text(args.name);
    p.contact.email = text(args.email);
    p.contact.phone = text(args.phone);
    p.contact.title = text(args.title);
    p.company.name = text(args.company);
    p.company.employees = args.employees;
    p.company.industry = text(args.industry);
    p.company.country = text(args.country);
    p.source.kind = args.source;
    match workspace.create_lead(p, &current_actor())? {
        SaveOutcome::Saved { detail } if args.json => super::print_json(&detail),
        SaveOutcome::Saved { detail } => {
            out!(
                "lead {} added: {} (priority {})",
                detail.lead.id,
                detail.lead.stage.label(),
                detail.assessment.priority.total
            );
            Ok(())
        }
        SaveOutcome::Invalid { problems } => Err(EngineError::Invalid(
            problems
                .iter()
                .map(|p| format!("{}: {}", p.field, p.message))
                .collect::<Vec<_>>()
                .join("\n"),
        )),
    }
}

fn list(workspace: &Workspace, args: ListArgs) -> Result<(), EngineError> {
    let page = workspace.list_leads(&LeadQuery {
        stage: args.stage,
        source: args.source,
        search: args.search,
        sort: LeadSort::Priority,
        limit: args.limit,
        ..LeadQuery::default()
    })?;
    if args.json {
        return super::print_json(&page);
    }
    out!(
        "{:>6}  {:<12} {:>5}  {:<24} {:<24} owner",
        "id",
        "stage",
        "score",
        "name",
        "company"
    );
    for row in &page.rows {
        out!(
            "{:>6}  {:<12} {:>5}  {:<24} {:<24} {}",
            row.id,
            row.stage.key(),
            row.priority,
            clip(&row.name),
            clip(&row.company),
            row.owner.as_deref().unwrap_or("-")
        );
    }
    out!("{} of {} leads", page.rows.len(), page.total);
    Ok(())
}

fn move_lead(workspace: &Workspace, args: MoveArgs) -> Result<(), EngineError> {
    let owner = args.owner.unwrap_or_else(current_actor);
    let event = LifecycleEvent::of(args.event, &args.reason.unwrap_or_default(), &owner);
    match workspace.move_lead(MoveLead { id: args.id, event }, &current_actor())? {
        MoveOutcome::Moved { detail } if args.json => super::print_json(&detail),
        MoveOutcome::Moved { detail } => {
            out!(
                "lead {} is now {}",
                detail.lead.id,
                detail.lead.stage.label()
            );
            Ok(())
        }
        // A refusal is the answer, not a crash: it goes to stderr with a failing exit code so
        // scripts notice, in the same words the app shows.
        MoveOutcome::Refused { message, .. } => Err(EngineError::Invalid(message)),
    }
}

fn print_detail(d: &LeadDetail) {
    let lead = &d.lead;
    let c = &d.assessment.classification;
    out!("lead {}: {}", lead.id, lead.profile.contact.name);
    out!("  company     {}", lead.profile.company.name);
    out!("  stage       {}", lead.stage.label());
    out!(
        "  owner       {}",
        lead.profile.owner.as_deref().unwrap_or("-")
    );
    out!("  priority    {}", d.assessment.priority.total);
    out!(
        "  engagement  {} / {}",
        d.assessment.engagement.total,
        d.assessment.engagement.threshold
    );
    out!(
        "  class       source {} · qualification {} · fit {} · {}",
        wire(&c.source),
        wire(&c.qualification),
        wire(&c.fit),
        wire(&c.temperature)
    );
    out!("next:");
    for step in &d.next {
        let blocked = if step.unmet.is_empty() {
            String::new()
        } else {
            " (blocked)".into()
        };
        out!("  {} → {}{blocked}", step.event.key(), step.to.label());
        for unmet in &step.unmet {
            out!("      - {}", unmet.message);
        }
    }
    out!("history:");
    for h in &d.history {
        let who = match &h.actor {
            Actor::Person { name } => name.clone(),
            Actor::Rule { label, .. } => format!("rule: {label}"),
        };
        let from = h.from.map_or("(created)", Stage::label);
        let reason = h
            .reason
            .as_deref()
            .map(|r| format!(" — {r}"))
            .unwrap_or_default();
        out!(
            "  {}  {from} → {}  by {who}{reason}",
            h.at.format("%Y-%m-%d %H:%M"),
            h.to.label()
        );
    }
}

fn clip(text: &str) -> String {
    text.chars().take(24).collect()
}

fn parse_stage(text: &str) -> Result<Stage, String> {
    Stage::parse(text).ok_or_else(|| {
        let all: Vec<_> = Stage::ALL.iter().map(|s| s.key()).collect();
        format!("unknown stage; use one of: {}", all.join(", "))
    })
}

fn parse_source(text: &str) -> Result<SourceKind, String> {
    SourceKind::parse(text).ok_or_else(|| {
        let all: Vec<_> = SourceKind::ALL.iter().map(|s| s.key()).collect();
        format!("unknown source; use one of: {}", all.join(", "))
    })
}

fn parse_event(text: &str) -> Result<EventKind, String> {
    EventKind::parse(text).ok_or_else(|| {
        let all: Vec<_> = EventKind::ALL.iter().map(|e| e.key()).collect();
        format!("unknown event; use one of: {}", all.join(", "))
    })
}
