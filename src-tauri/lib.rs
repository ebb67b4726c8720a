//! The desktop shell: Tauri commands that parse their input, call one function of the indmap
//! API and map its error to `{kind, message}`. No SQL and no business rule lives here.

use indmap_api::{Env, Indmap, Opened};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Mutex;

/// The open database, shared by the commands.
struct AppState {
    db: Mutex<Indmap>,
    opened: Opened,
}

/// The error the window receives: it branches on `kind` only.
#[derive(Debug, Serialize)]
struct UiError {
    kind: indmap_api::ErrorKind,
    message: String,
}

impl From<indmap_api::Error> for UiError {
    fn from(e: indmap_api::Error) -> Self {
        UiError { kind: e.kind, message: e.message }
    }
}

#[derive(Serialize)]
struct AppInfo {
    path: PathBuf,
    scope: String,
    scope_name: String,
    db_id: String,
    opened: Opened,
    projects: usize,
}

#[tauri::command]
fn app_info(state: tauri::State<'_, AppState>) -> Result<AppInfo, UiError> {
    let db = state.db.lock().map_err(|_| UiError {
        kind: indmap_api::ErrorKind::Internal,
        message: "the database is busy after an earlier failure; restart the app".into(),
    })?;
    let projects = db.list(&Default::default())?.len();
    let info = db.info();
    Ok(AppInfo {
        path: info.path.clone(),
        scope: info.scope.code(),
        scope_name: info.scope.describe(),
        db_id: info.db_id.to_string(),
        opened: state.opened,
        projects,
    })
}

/// The database named by `INDMAP_DB` or by the first command-line argument, if any.
fn named_database() -> Option<PathBuf> {
    std::env::var_os("INDMAP_DB").map(PathBuf::from).or_else(|| std::env::args_os().nth(1).map(PathBuf::from))
}

pub fn run() {
    let (db, opened) = match indmap_api::open_for_app(named_database(), Env::system()) {
        Ok(opened) => opened,
        Err(e) => {
            eprintln!("indmap: {e}");
            std::process::exit(1);
        }
    };
    tauri::Builder::default()
        .manage(AppState { db: Mutex::new(db), opened })
        .invoke_handler(tauri::generate_handler![app_info])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("indmap: the window could not start: {e}");
            std::process::exit(1);
        });
}
