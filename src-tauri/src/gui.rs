//! The desktop app: plugins, managed state and the command list.

use crate::commands::{self, AppState};
use crate::ticker;
use laju_engine::{ApiError, Workspace};
use std::path::PathBuf;
use std::process::ExitCode;
use tauri::Manager;

pub fn run(data_dir: PathBuf) -> ExitCode {
    tune_webkit();
    let result = tauri::Builder::default()
        // First, so a second launch hands over to the running window and exits before it
        // would contend for the data folder.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .manage(commands::import::ImportCancel::default())
        .manage(commands::whatif::PreviewCancel::default())
        .setup(move |app| {
            let clock = crate::clock::from_env();
            let restored = commands::backup::finish_pending_restore(&data_dir, clock.as_ref());
            let opened = Workspace::open(&data_dir, clock).map_err(|error| {
                eprintln!("laju: {error}");
                ApiError::from(error)
            });
            if let Ok(workspace) = &opened {
                // First run on a new folder: a sample to explore instead of an empty screen.
                // LAJU_SAMPLE=0 starts empty (tests of the empty state use it).
                let wants_sample = std::env::var("LAJU_SAMPLE").map_or(true, |v| v != "0");
                if workspace.is_fresh() && wants_sample {
                    if let Err(error) = workspace.load_sample(Workspace::SAMPLE_LEADS) {
                        eprintln!("laju: the sample workspace could not be loaded: {error}");
                    }
                }
                // A rescore cut short by a quit resumes here.
                if workspace.needs_rescore().unwrap_or(false) {
                    commands::playbook::spawn_rescore(app.handle().clone(), workspace.clone());
                }
                ticker::spawn(app.handle().clone(), workspace.clone());
                commands::backup::spawn_daily_backup(workspace.clone());
            }
            app.manage(commands::backup::DataFolder(data_dir.clone()));
            app.manage(commands::backup::RestoreReport::new(restored));
            app.manage(AppState::new(opened));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::status::app_status,
            commands::preferences::get_preferences,
            commands::preferences::save_preferences,
            commands::leads::create_lead,
            commands::leads::update_lead,
            commands::leads::log_activity,
            commands::leads::move_lead,
            commands::leads::get_lead,
            commands::leads::list_leads,
            commands::leads::merge_leads,
            commands::playbook::get_playbook,
            commands::playbook::save_playbook,
            commands::playbook::playbook_history,
            commands::whatif::preview_playbook,
            commands::whatif::cancel_preview,
            commands::sample::load_sample,
            commands::handoff::get_inbox,
            commands::handoff::get_handoff_packet,
            commands::handoff::accept_handoff,
            commands::handoff::reject_handoff,
            commands::handoff::reassign_handoff,
            commands::reports::funnel_report,
            commands::reports::velocity_report,
            commands::reports::stall_report,
            commands::reports::black_holes,
            commands::reports::sla_report,
            commands::review::review_quarters,
            commands::review::quarterly_review,
            commands::import::preview_import,
            commands::import::mapping_preset,
            commands::import::import_targets,
            commands::import::read_import_values,
            commands::import::run_import,
            commands::import::cancel_import,
            commands::export::save_chart_png,
            commands::export::export_csv,
            commands::backup::backup_now,
            commands::backup::list_backups,
            commands::backup::restore_backup,
            commands::backup::take_restore_outcome,
            commands::agreement::agreement_document,
            commands::agreement::save_agreement,
        ])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("laju: the window could not start: {error}");
            ExitCode::FAILURE
        }
    }
}

/// WebKitGTK settings that cost nothing visible in this window, measured with
/// `npm run measure` (README, "Footprint"): with the DMA-BUF renderer the idle window's
/// processes held 331 MB of PSS under Xvfb, without it 234 MB. Runs before any thread starts;
/// a value the user set wins.
fn tune_webkit() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
}
