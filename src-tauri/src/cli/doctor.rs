use laju_engine::{EngineError, Workspace};

pub fn run(workspace: &Workspace, json: bool) -> Result<(), EngineError> {
    let status = workspace.status()?;
    if json {
        return super::print_json(&status);
    }
    out!("data folder:     {}", status.data_dir);
    out!("schema version:  {}", status.schema_version);
    if let Some(created) = status.created_at {
        out!("created:         {}", created.to_rfc3339());
    }
    out!("records:");
    for count in &status.counts {
        out!("  {:<20} {}", count.tree, count.records);
    }
    Ok(())
}
