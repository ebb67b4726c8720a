//! The map's approved editions: approve the map as it stands, list the editions, show one,
//! compare two.

use crate::{Answer, AppState, with_db};
use indmap_api::{Approval, EditionDiff, EditionSummary, EditionView, ProjectVariance};

#[tauri::command]
pub(crate) async fn edition_list(state: tauri::State<'_, AppState>) -> Answer<Vec<EditionSummary>> {
    with_db(&state, |db| db.editions())
}

/// Records an edition of the map this database keeps, as approved by the act given.
#[tauri::command]
pub(crate) async fn edition_approve(state: tauri::State<'_, AppState>, approval: Approval) -> Answer<EditionSummary> {
    with_db(&state, |db| db.approve_edition(&approval))
}

/// `which` is an edition's id, its number on this map or `latest`.
#[tauri::command]
pub(crate) async fn edition_show(state: tauri::State<'_, AppState>, which: String) -> Answer<EditionView> {
    with_db(&state, |db| db.edition(&which))
}

#[tauri::command]
pub(crate) async fn edition_diff(state: tauri::State<'_, AppState>, from: String, to: String) -> Answer<EditionDiff> {
    with_db(&state, |db| db.edition_diff(&from, &to))
}

/// How far a project's plan has moved from the latest edition that approved it (none without one).
#[tauri::command]
pub(crate) async fn edition_variance(state: tauri::State<'_, AppState>, id: String) -> Answer<Option<ProjectVariance>> {
    with_db(&state, |db| db.variance(&id))
}
