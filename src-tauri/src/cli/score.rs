use clap::Args;
use laju_core::scoring::ScoreLine;
use laju_engine::{EngineError, Workspace};

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// The lead's id.
    id: u64,
    /// List every criterion and the points it contributed.
    #[arg(long)]
    explain: bool,
    /// Print JSON (the full assessment) instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(workspace: &Workspace, args: ScoreArgs) -> Result<(), EngineError> {
    let assessment = workspace.lead_detail(args.id)?.assessment;
    if args.json {
        return super::print_json(&assessment);
    }
    let e = &assessment.engagement;
    out!("priority    {}", assessment.priority.total);
    if args.explain {
        print_lines(&assessment.priority.lines);
    }
    out!(
        "engagement  {} (MQL threshold {}; fit {}, interest {}, negative {})",
        e.total,
        e.threshold,
        e.fit,
        e.interest,
        e.negative
    );
    if args.explain {
        print_lines(&e.lines);
    }
    Ok(())
}

fn print_lines(lines: &[ScoreLine]) {
    for line in lines {
        out!(
            "  {:>6}  {:<28} {}",
            format!("{:+}", line.points),
            line.label,
            line.detail
        );
    }
}
