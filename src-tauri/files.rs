//! Native open and save dialogs. They are shown from Rust so the window itself is granted no
//! file-system or dialog permission: it only learns the path the user chose, which it then passes
//! to one of our commands.

use crate::{Answer, UiError};
use indmap_api::ErrorKind;
use serde::Deserialize;
use std::path::PathBuf;
use tauri_plugin_dialog::DialogExt;

/// One line of a dialog's file-type list: `{name: "GeoPackage", extensions: ["gpkg"]}`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileFilter {
    pub name: String,
    pub extensions: Vec<String>,
}

/// What the dialog asks for.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PickFile {
    /// `open` one existing file, `open_many` several, or `save` a new one.
    pub mode: PickMode,
    pub title: String,
    pub filters: Vec<FileFilter>,
    /// The path shown at first: its folder opens and, when saving, its name is offered.
    pub start: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PickMode {
    Open,
    OpenMany,
    Save,
}

/// The chosen paths; empty when the user cancelled.
#[tauri::command]
pub async fn pick_file(app: tauri::AppHandle, request: PickFile) -> Answer<Vec<String>> {
    let mut dialog = app.dialog().file().set_title(&request.title);
    for f in &request.filters {
        let exts: Vec<&str> = f.extensions.iter().map(String::as_str).collect();
        dialog = dialog.add_filter(&f.name, &exts);
    }
    if let Some(start) = request.start.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let start = PathBuf::from(start);
        let folder = if start.is_dir() { Some(start.as_path()) } else { start.parent() };
        if let Some(folder) = folder.filter(|f| f.is_dir()) {
            dialog = dialog.set_directory(folder);
        }
        if let (PickMode::Save, Some(name)) = (request.mode, start.file_name().filter(|_| !start.is_dir())) {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
    }
    let chosen = match request.mode {
        PickMode::Open => dialog.blocking_pick_file().into_iter().collect(),
        PickMode::OpenMany => dialog.blocking_pick_files().unwrap_or_default(),
        PickMode::Save => dialog.blocking_save_file().into_iter().collect(),
    };
    chosen
        .into_iter()
        .map(|p| {
            p.into_path()
                .map(|p| p.display().to_string())
                .map_err(|e| UiError::new(ErrorKind::Io, format!("the chosen file has no local path: {e}")))
        })
        .collect()
}
