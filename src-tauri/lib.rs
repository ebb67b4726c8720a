//! The desktop shell: Tauri commands that parse their input, call one function of the indmap
//! API and map its error to `{kind, message, problems}`. No SQL and no business rule lives here;
//! the window branches on `kind` only. The commands are grouped by screen in the modules below;
//! `run` registers them all.

use tauri::Manager;

mod edition_cmds;
mod files;
mod layer_cmds;
mod page_watch;
mod print_cmds;
mod project_cmds;
mod session_cmds;
mod state;
mod sync_cmds;

pub use files::{FileFilter, PickFile, PickMode};
pub use print_cmds::{AtlasProgress, PrintRequest};
pub use project_cmds::Saved;
pub use session_cmds::{AppInfo, OpenInfo};
pub use state::UiError;
pub use sync_cmds::{Exported, ImportOutcome};

pub(crate) use session_cmds::path_arg;
pub(crate) use state::{Answer, AppState, Session, lock, with_db};

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(session_cmds::initial_state())
        .setup(|app| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.set_title("indmap");
                page_watch::reload_a_dead_page(&window);
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            session_cmds::app_info,
            session_cmds::open_database,
            session_cmds::create_database,
            session_cmds::open_sample,
            session_cmds::set_title,
            project_cmds::regions,
            project_cmds::monitoring_status,
            project_cmds::monitoring_table,
            project_cmds::monitoring_step,
            project_cmds::monitoring_cycle,
            project_cmds::report_sheet,
            project_cmds::put_reports,
            project_cmds::import_reports,
            edition_cmds::edition_list,
            edition_cmds::edition_approve,
            edition_cmds::edition_show,
            edition_cmds::edition_diff,
            edition_cmds::edition_variance,
            project_cmds::boundaries,
            project_cmds::reference,
            project_cmds::view,
            project_cmds::alerts,
            project_cmds::gantt,
            project_cmds::dashboard,
            project_cmds::effectiveness,
            project_cmds::settings,
            project_cmds::set_setting,
            project_cmds::project,
            project_cmds::add_project,
            project_cmds::update_project,
            project_cmds::check_project,
            project_cmds::delete_project,
            session_cmds::load_prefs,
            session_cmds::save_prefs,
            files::pick_file,
            // print_cmds
            print_cmds::print_preview,
            print_cmds::print_page_count,
            print_cmds::print_save,
            print_cmds::print_atlas,
            print_cmds::print_atlas_cancel,
            // sync_cmds
            sync_cmds::sync_export,
            sync_cmds::sync_import_preview,
            sync_cmds::sync_import_apply,
            sync_cmds::sync_save_bill,
            sync_cmds::sync_conflicts,
            sync_cmds::sync_resolve,
            sync_cmds::sync_trust_sender,
            sync_cmds::sync_proposals,
            sync_cmds::sync_accept,
            sync_cmds::sync_reject,
            sync_cmds::sync_history,
            sync_cmds::sync_backups,
            sync_cmds::sync_exports,
            sync_cmds::sync_restore,
            // layer_cmds
            layer_cmds::read_layers,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("indmap: the window could not start: {e}");
            std::process::exit(1);
        });
}
