use laju_engine::{EngineError, Workspace};

pub fn run(workspace: &Workspace, json: bool) -> Result<(), EngineError> {
    let status = workspace.status()?;
    if json {
        return super::print_json(&status);
    }
    println!("data folder:     {}", status.data_dir);
    println!("schema version:  {}", status.schema_version);
    if let Some(created) = status.created_at {
        println!("created:         {}", created.to_rfc3339());
    }
    println!("records:");
    for count in &status.counts {
        println!("  {:<20} {}", count.tree, count.records);
    }
    Ok(())
}
