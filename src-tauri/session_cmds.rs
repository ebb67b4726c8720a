//! The session: what the window learns at start, opening, creating or exploring a map, the
//! window's title and the preferences it remembers between starts.

use crate::{Answer, AppState, Session, UiError, lock};
use indmap_api::core::Scope;
use indmap_api::{Env, ErrorKind, Indmap, Opened};
use serde::Serialize;
use std::path::PathBuf;

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
pub(crate) fn app_info(state: tauri::State<'_, AppState>) -> Answer<AppInfo> {
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
pub(crate) fn open_database(state: tauri::State<'_, AppState>, path: String) -> Answer<OpenInfo> {
    let db = Indmap::open(&path_arg(&path)?, Env::system())?;
    replace_session(&state, db, Opened::User)
}

/// `scope` is `ministry` or `region:KATO`.
#[tauri::command]
pub(crate) fn create_database(state: tauri::State<'_, AppState>, path: String, scope: String) -> Answer<OpenInfo> {
    let path = path_arg(&path)?;
    let scope = Scope::parse(&scope)
        .ok_or_else(|| UiError::new(ErrorKind::Invalid, format!("{scope:?} is neither ministry nor region:KATO")))?;
    let db = Indmap::init(&path, scope, Env::system())?;
    replace_session(&state, db, Opened::User)
}

/// The built-in sample map (made on first use, kept apart from user data).
#[tauri::command]
pub(crate) fn open_sample(state: tauri::State<'_, AppState>) -> Answer<OpenInfo> {
    let (db, opened) = indmap_api::open_sample(Env::system())?;
    replace_session(&state, db, opened)
}

#[tauri::command]
pub(crate) fn set_title(window: tauri::WebviewWindow, title: String) -> Answer<()> {
    window.set_title(&title).map_err(|e| UiError::new(ErrorKind::Internal, e.to_string()))
}

/// Where the window keeps what it remembers between starts (language, last filters, recent
/// files): a small JSON file in the user's configuration folder. Not map data.
fn prefs_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("kz", "indmap", "indmap").map(|d| d.config_dir().join("window.json"))
}

#[tauri::command]
pub(crate) fn load_prefs() -> Option<String> {
    std::fs::read_to_string(prefs_path()?).ok()
}

#[tauri::command]
pub(crate) fn save_prefs(text: String) -> Answer<()> {
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

/// The session a start begins with, as the API chooses it from what the command line asks.
pub(crate) fn initial_state() -> AppState {
    let state = AppState::default();
    let sample_if_none = std::env::args_os().any(|a| a == SAMPLE_IF_NONE);
    match indmap_api::open_at_start(named_database().as_deref(), sample_if_none, Env::system()) {
        Some(Ok((db, opened))) => *state.session.lock().expect("new mutex") = Some(Session { db, opened }),
        Some(Err(e)) => *state.start_error.lock().expect("new mutex") = Some(e.into()),
        None => {}
    }
    state
}
