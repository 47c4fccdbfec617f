// Our commands get explicit permissions (allow-<command>) so the capability file lists every
// IPC entry point the window may call; nothing is reachable by default.
const COMMANDS: &[&str] = &[
    "app_status",
    "get_preferences",
    "save_preferences",
    "create_lead",
    "update_lead",
    "log_activity",
    "move_lead",
    "get_lead",
    "list_leads",
    "merge_leads",
    "get_playbook",
    "save_playbook",
    "playbook_history",
    "preview_playbook",
    "cancel_preview",
    "load_sample",
    "get_inbox",
    "get_handoff_packet",
    "accept_handoff",
    "reject_handoff",
    "reassign_handoff",
    "funnel_report",
    "velocity_report",
    "stall_report",
    "black_holes",
    "sla_report",
    "review_quarters",
    "quarterly_review",
    "preview_import",
    "mapping_preset",
    "import_targets",
    "read_import_values",
    "run_import",
    "cancel_import",
    "save_chart_png",
    "export_csv",
    "backup_now",
    "list_backups",
    "restore_backup",
    "take_restore_outcome",
    "agreement_document",
    "save_agreement",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
