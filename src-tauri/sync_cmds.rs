//! Commands of the exchange screens: export, import wizard, conflicts, proposals, history.
//! Each parses its input and calls the indmap API; the merge itself, ownership and every rule
//! live there. The long ones (export, import, bill, restore) are async so the window keeps
//! drawing while they run.

use crate::{Answer, AppState, Session, UiError, lock, path_arg, with_db};
use indmap_api::core::Rule;
use indmap_api::core::{Problems, RegionCode, Scope};
use indmap_api::{
    Backup, ConflictView, ErrorKind, ExportReceipt, ImportReport, LogEntry, Manifest, PrintLang, ProposalView,
    RestoreError, SignatureNote, Take,
};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// What an export wrote, for the receipt the window shows: where, and the file's manifest.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Exported {
    pub path: String,
    #[serde(flatten)]
    pub manifest: Manifest,
}

/// A scope as the window sends it: `ministry` or `region:35`; any other text is refused (the
/// error names the argument).
#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub struct ScopeArg(#[serde(with = "indmap_api::scope_code")] Scope);

/// One file of an import batch: its report, or why it was refused (the API's sentence).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportOutcome {
    pub path: String,
    pub report: Option<ImportReport>,
    pub error: Option<UiError>,
}

fn invalid(field: &str, rule: Rule, message: String) -> UiError {
    let mut problems = Problems::new();
    problems.error(field, rule, message);
    indmap_api::Error::invalid(problems).into()
}

/// `region`: a region's KATO prefix, or none for the whole map; `for_scope`: a file of changes
/// for that scope, or none for the whole map.
#[tauri::command]
pub async fn sync_export(
    state: tauri::State<'_, AppState>,
    path: String,
    region: Option<RegionCode>,
    for_scope: Option<ScopeArg>,
) -> Answer<Exported> {
    let out = path_arg(&path)?;
    let manifest = with_db(&state, |db| db.export_for(&out, region, for_scope.map(|ScopeArg(s)| s)))?;
    Ok(Exported { path: out.display().to_string(), manifest })
}

fn import_files(state: &AppState, files: Vec<String>, dry_run: bool) -> Answer<Vec<ImportOutcome>> {
    let paths = files.iter().map(|f| path_arg(f)).collect::<Answer<Vec<PathBuf>>>()?;
    if paths.is_empty() {
        return Err(invalid("files", Rule::ImportNoFile, "choose at least one exchange file (.gpkg)".into()));
    }
    let results = if dry_run {
        let mut previews = lock(&state.previews)?;
        with_db(state, |db| Ok(previews.preview(db, &paths)))?
    } else {
        with_db(state, |db| Ok(db.import_all(&paths, false)))?
    };
    Ok(paths
        .iter()
        .zip(results)
        .map(|(path, r)| {
            let path = path.display().to_string();
            match r {
                Ok(report) => ImportOutcome { path, report: Some(report), error: None },
                Err(e) => ImportOutcome { path, report: None, error: Some(e.into()) },
            }
        })
        .collect())
}

/// What importing these files would do; changes nothing.
#[tauri::command]
pub async fn sync_import_preview(state: tauri::State<'_, AppState>, files: Vec<String>) -> Answer<Vec<ImportOutcome>> {
    import_files(&state, files, true)
}

/// Imports the files: one backup first, then each file in its own transaction.
#[tauri::command]
pub async fn sync_import_apply(state: tauri::State<'_, AppState>, files: Vec<String>) -> Answer<Vec<ImportOutcome>> {
    import_files(&state, files, false)
}

/// Trusts the key that signed a file, once a person has confirmed its fingerprint with the
/// sender (a new ministry database's files wait for it).
#[tauri::command]
pub async fn sync_trust_sender(
    state: tauri::State<'_, AppState>,
    path: String,
    fingerprint: String,
) -> Answer<SignatureNote> {
    let path = path_arg(&path)?;
    with_db(&state, |db| db.trust_sender(&path, &fingerprint))
}

/// Saves the merge bill of a previewed file, as PDF or XLSX by the extension of `out`.
#[tauri::command]
pub async fn sync_save_bill(
    state: tauri::State<'_, AppState>,
    file: String,
    out: String,
    lang: PrintLang,
) -> Answer<String> {
    let (file, out) = (path_arg(&file)?, path_arg(&out)?);
    let previews = lock(&state.previews)?;
    with_db(&state, |db| previews.save_bill(db, &file, &out, lang))?;
    Ok(out.display().to_string())
}

#[tauri::command]
pub fn sync_conflicts(state: tauri::State<'_, AppState>) -> Answer<Vec<ConflictView>> {
    with_db(&state, |db| db.conflicts())
}

#[tauri::command]
pub fn sync_resolve(state: tauri::State<'_, AppState>, id: String, take: Take) -> Answer<()> {
    with_db(&state, |db| db.resolve(&id, take))
}

#[tauri::command]
pub fn sync_proposals(state: tauri::State<'_, AppState>) -> Answer<Vec<ProposalView>> {
    with_db(&state, |db| db.proposals())
}

fn bad_proposal_id(id: &str) -> UiError {
    invalid("id", Rule::ProposalId, format!("{id:?} is not a proposal id"))
}

#[tauri::command]
pub fn sync_accept(state: tauri::State<'_, AppState>, id: String) -> Answer<()> {
    // The id's type comes from `accept` (the app names no uuid crate of its own).
    let uuid = id.trim().parse().map_err(|_| bad_proposal_id(&id))?;
    with_db(&state, |db| db.accept(uuid))
}

#[tauri::command]
pub fn sync_reject(state: tauri::State<'_, AppState>, id: String, reason: Option<String>) -> Answer<()> {
    let uuid = id.trim().parse().map_err(|_| bad_proposal_id(&id))?;
    let reason = reason.filter(|r| !r.trim().is_empty());
    with_db(&state, |db| db.reject(uuid, reason.as_deref()))
}

#[tauri::command]
pub fn sync_history(state: tauri::State<'_, AppState>, id: String) -> Answer<Vec<LogEntry>> {
    with_db(&state, |db| db.history(&id))
}

/// The receipts of the exchange files this database wrote, the latest first.
#[tauri::command]
pub fn sync_exports(state: tauri::State<'_, AppState>) -> Answer<Vec<ExportReceipt>> {
    with_db(&state, |db| db.exports())
}

#[tauri::command]
pub fn sync_backups(state: tauri::State<'_, AppState>) -> Answer<Vec<Backup>> {
    with_db(&state, |db| db.backups())
}

/// Puts a backup in place of the open database and opens it again. Answers the path of the
/// safety copy taken of the state it replaced.
#[tauri::command]
pub async fn sync_restore(state: tauri::State<'_, AppState>, name: String) -> Answer<String> {
    let mut session = lock(&state.session)?;
    let Session { db, opened } = session.take().ok_or_else(|| UiError::new(ErrorKind::NotFound, "no map is open"))?;
    let (db, restored) = match db.restore(&name) {
        Ok((db, safety)) => (Some(db), Ok(safety.display().to_string())),
        Err(RestoreError { error, db }) => (db.map(|db| *db), Err(error.into())),
    };
    *session = db.map(|db| Session { db, opened });
    restored
}
