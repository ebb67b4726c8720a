//! The desktop shell: Tauri commands that parse their input, call one function of the indmap
//! API and map its error to `{kind, message, problems}`. No SQL and no business rule lives here;
//! the window branches on `kind` only.

use indmap_api::core::{Problem, Scope};
use indmap_api::{Env, ErrorKind, Indmap, MapView, Opened, Reference, RegionInfo, ViewFilter};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::Manager;

mod files;
pub use files::{FileFilter, PickFile, PickMode};
// Commands of the print dialog (print_cmds.rs), the exchange screens (sync_cmds.rs) and the
// map's extra layers (layer_cmds.rs).
mod layer_cmds;
mod print_cmds;
pub use print_cmds::{AtlasProgress, PrintRequest};
mod sync_cmds;
pub use sync_cmds::{Exported, ImportOutcome};

/// The open database, if any: none on a first start, until the user creates, opens or explores.
pub(crate) struct Session {
    pub(crate) db: Indmap,
    pub(crate) opened: Opened,
}

#[derive(Default)]
pub(crate) struct AppState {
    pub(crate) session: Mutex<Option<Session>>,
    /// The last import preview of each file (path, report): the merge bill saved is the one the
    /// user read.
    pub(crate) previews: Mutex<Vec<(String, indmap_api::ImportReport)>>,
    /// The page count of the printout previewed last, keyed by its request: the print dialog
    /// asks for it right after the preview, and laying out an atlas twice would double the wait.
    pub(crate) last_page_count: Mutex<Option<(String, u32)>>,
    /// The atlas jobs the window cancelled. A job is named by the window, so a cancel that
    /// arrives before its atlas has started still stops it.
    pub(crate) atlas_cancelled: Mutex<std::collections::BTreeSet<u32>>,
    /// Why the database named at start could not be opened, shown on the start screen.
    start_error: Mutex<Option<UiError>>,
}

/// The error the window receives.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UiError {
    pub kind: ErrorKind,
    pub message: String,
    /// For `invalid`: every error and warning, each naming its field (`financing[1].amount_kzt`).
    pub problems: Vec<Problem>,
}

impl From<indmap_api::Error> for UiError {
    fn from(e: indmap_api::Error) -> Self {
        UiError { kind: e.kind, message: e.message, problems: e.problems }
    }
}

impl UiError {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        UiError { kind, message: message.into(), problems: Vec::new() }
    }
    fn no_database() -> Self {
        UiError::new(ErrorKind::NotFound, "no map is open; create or open one first")
    }
}

pub(crate) type Answer<T> = Result<T, UiError>;

/// The open database as the title and status bar show it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OpenInfo {
    pub path: String,
    /// `ministry` or `region:35`.
    pub scope: String,
    /// The region's KATO prefix when the database keeps one region's map.
    pub region: Option<String>,
    pub db_id: String,
    pub opened: Opened,
}

/// What the window needs to know when it starts.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppInfo {
    /// `None` on a first start: the window offers to create, open or explore the sample.
    pub open: Option<OpenInfo>,
    /// Where a new database goes unless the user says otherwise.
    pub default_path: Option<String>,
    pub start_error: Option<UiError>,
    /// `INDMAP_NO_WEBGL` is set: draw the still map as on a computer without WebGL 2 (for
    /// machines whose WebGL misbehaves, and for testing that path).
    pub no_webgl: bool,
}

/// A project written: its id and code, and the warnings the rules gave.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Saved {
    pub id: String,
    pub code: Option<String>,
    pub warnings: Vec<Problem>,
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> Answer<std::sync::MutexGuard<'_, T>> {
    m.lock().map_err(|_| {
        UiError::new(ErrorKind::Internal, "the database is busy after an earlier failure; restart the app")
    })
}

pub(crate) fn with_db<T>(state: &AppState, f: impl FnOnce(&mut Indmap) -> indmap_api::Result<T>) -> Answer<T> {
    let mut session = lock(&state.session)?;
    let session = session.as_mut().ok_or_else(UiError::no_database)?;
    Ok(f(&mut session.db)?)
}

fn open_info(session: &Session) -> OpenInfo {
    let info = session.db.info();
    OpenInfo {
        path: info.path.display().to_string(),
        scope: info.scope.code(),
        region: match info.scope {
            Scope::Region(r) => Some(r.as_str().to_string()),
            Scope::Ministry => None,
        },
        db_id: info.db_id.to_string(),
        opened: session.opened,
    }
}

fn replace_session(state: &AppState, db: Indmap, opened: Opened) -> Answer<OpenInfo> {
    let session = Session { db, opened };
    let info = open_info(&session);
    *lock(&state.session)? = Some(session);
    *lock(&state.start_error)? = None;
    Ok(info)
}

#[tauri::command]
fn app_info(state: tauri::State<'_, AppState>) -> Answer<AppInfo> {
    let open = lock(&state.session)?.as_ref().map(open_info);
    Ok(AppInfo {
        open,
        default_path: indmap_api::default_db_path().map(|p| p.display().to_string()),
        start_error: lock(&state.start_error)?.clone(),
        no_webgl: std::env::var_os("INDMAP_NO_WEBGL").is_some_and(|v| !v.is_empty() && v != "0"),
    })
}

pub(crate) fn path_arg(path: &str) -> Answer<PathBuf> {
    let path = path.trim();
    if path.is_empty() {
        return Err(UiError::new(ErrorKind::Invalid, "give the path of the map file"));
    }
    Ok(PathBuf::from(path))
}

#[tauri::command]
fn open_database(state: tauri::State<'_, AppState>, path: String) -> Answer<OpenInfo> {
    let db = Indmap::open(&path_arg(&path)?, Env::system())?;
    replace_session(&state, db, Opened::User)
}

/// `scope` is `ministry` or `region:KATO`.
#[tauri::command]
fn create_database(state: tauri::State<'_, AppState>, path: String, scope: String) -> Answer<OpenInfo> {
    let path = path_arg(&path)?;
    let scope = Scope::parse(&scope)
        .ok_or_else(|| UiError::new(ErrorKind::Invalid, format!("{scope:?} is neither ministry nor region:KATO")))?;
    let db = Indmap::init(&path, scope, Env::system())?;
    replace_session(&state, db, Opened::User)
}

/// The built-in sample map (made on first use, kept apart from user data).
#[tauri::command]
fn open_sample(state: tauri::State<'_, AppState>) -> Answer<OpenInfo> {
    let (db, opened) = indmap_api::open_sample(Env::system())?;
    replace_session(&state, db, opened)
}

#[tauri::command]
fn set_title(window: tauri::WebviewWindow, title: String) -> Answer<()> {
    window.set_title(&title).map_err(|e| UiError::new(ErrorKind::Internal, e.to_string()))
}

#[tauri::command]
fn regions() -> Vec<RegionInfo> {
    indmap_api::regions()
}

/// The 20 region outlines (GeoJSON text), keyed by the `kato` property.
#[tauri::command]
fn boundaries() -> &'static str {
    indmap_api::core::geography::boundaries().geojson_text()
}

#[tauri::command]
fn reference(state: tauri::State<'_, AppState>) -> Answer<Reference> {
    with_db(&state, |db| db.reference())
}

#[tauri::command]
fn view(state: tauri::State<'_, AppState>, filter: ViewFilter) -> Answer<MapView> {
    with_db(&state, |db| db.view(&filter))
}

/// One project as its GeoJSON Feature.
#[tauri::command]
fn project(state: tauri::State<'_, AppState>, id: String) -> Answer<serde_json::Value> {
    let project = with_db(&state, |db| db.find(&id))?;
    serde_json::to_value(indmap_api::core::feature::project_to_feature(&project))
        .map_err(|e| UiError::new(ErrorKind::Internal, e.to_string()))
}

#[tauri::command]
fn add_project(state: tauri::State<'_, AppState>, feature: String) -> Answer<Saved> {
    let report = with_db(&state, |db| db.add_projects(&feature))?;
    let (id, code) =
        report.added.first().ok_or_else(|| UiError::new(ErrorKind::Internal, "the project was not added"))?;
    Ok(Saved { id: id.to_string(), code: Some(code.to_string()), warnings: report.warnings })
}

#[tauri::command]
fn update_project(state: tauri::State<'_, AppState>, id: String, feature: String) -> Answer<Saved> {
    let report = with_db(&state, |db| db.update_project(&id, &feature))?;
    Ok(Saved { id: report.id.to_string(), code: report.code.map(|c| c.to_string()), warnings: report.warnings })
}

#[tauri::command]
/// Answers whether the deletion was only proposed (the project belongs to another database).
fn delete_project(state: tauri::State<'_, AppState>, id: String, reason: Option<String>) -> Answer<bool> {
    let reason = reason.filter(|r| !r.trim().is_empty());
    with_db(&state, |db| db.delete_project(&id, reason.as_deref()).map(|d| d.proposed))
}

/// Where the window keeps what it remembers between starts (language, last filters, recent
/// files): a small JSON file in the user's configuration folder. Not map data.
fn prefs_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("kz", "indmap", "indmap").map(|d| d.config_dir().join("window.json"))
}

#[tauri::command]
fn load_prefs() -> Option<String> {
    std::fs::read_to_string(prefs_path()?).ok()
}

#[tauri::command]
fn save_prefs(text: String) -> Answer<()> {
    let path = prefs_path().ok_or_else(|| UiError::new(ErrorKind::Io, "no configuration folder"))?;
    if serde_json::from_str::<serde_json::Value>(&text).is_err() {
        return Err(UiError::new(ErrorKind::Invalid, "preferences must be JSON"));
    }
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(path.parent().unwrap_or(&path))?;
        let tmp = path.with_extension("json.tmp");
        std::fs::write(&tmp, text.as_bytes())?;
        std::fs::rename(&tmp, &path)
    };
    write().map_err(|e| UiError::new(ErrorKind::Io, e.to_string()))
}

/// What to ask the app on its command line that makes it open the built-in sample map when the
/// user has no map yet (what `scripts/run-app.sh` does), instead of the first-start choices.
const SAMPLE_IF_NONE: &str = "--sample-if-none";

/// The database named by `INDMAP_DB` or by the first command-line argument, if any.
fn named_database() -> Option<PathBuf> {
    std::env::var_os("INDMAP_DB")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::args_os().skip(1).find(|a| a != SAMPLE_IF_NONE).map(PathBuf::from))
}

/// The database a start shows: the one named, else the user's own; on a first start none (the
/// window offers to create, open or explore), or the sample map when asked for it.
fn initial_state() -> AppState {
    let state = AppState::default();
    let path = named_database().or_else(|| indmap_api::default_db_path().filter(|p| p.exists()));
    let opened = match path {
        Some(path) => Some(Indmap::open(&path, Env::system()).map(|db| (db, Opened::User))),
        None if std::env::args_os().any(|a| a == SAMPLE_IF_NONE) => Some(indmap_api::open_sample(Env::system())),
        None => None,
    };
    match opened {
        Some(Ok((db, opened))) => *state.session.lock().expect("new mutex") = Some(Session { db, opened }),
        Some(Err(e)) => *state.start_error.lock().expect("new mutex") = Some(e.into()),
        None => {}
    }
    state
}

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(initial_state())
        .setup(|app| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.set_title("indmap");
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            app_info,
            open_database,
            create_database,
            open_sample,
            set_title,
            regions,
            boundaries,
            reference,
            view,
            project,
            add_project,
            update_project,
            delete_project,
            load_prefs,
            save_prefs,
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
            sync_cmds::sync_proposals,
            sync_cmds::sync_accept,
            sync_cmds::sync_reject,
            sync_cmds::sync_history,
            sync_cmds::sync_backups,
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
