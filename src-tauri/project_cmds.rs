//! The map and its projects: regions, reference lists, the view, and adding, editing and
//! deleting a project.

use crate::{Answer, AppState, UiError, with_db};
use indmap_api::core::dashboard::Dashboard;
use indmap_api::core::effectiveness::Effectiveness;
use indmap_api::core::period_act::Step;
use indmap_api::core::table::Table;
use indmap_api::core::{Problem, RegionCode};
use indmap_api::{
    AlertList, ErrorKind, Gantt, MapView, PeriodStage, Reference, RegionInfo, ReportSheet, Reporting, ReportingTable,
    ReportsTaken, SettingView, ViewFilter,
};
use serde::Serialize;

/// A project written: its id and code, the warnings the rules gave, and how many changes were
/// proposed to the owner instead.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Saved {
    pub id: String,
    pub code: Option<String>,
    pub warnings: Vec<Problem>,
    /// How many of the changes became proposals to the owner instead of being written.
    pub proposed: u32,
}

#[tauri::command]
pub(crate) fn regions() -> Vec<RegionInfo> {
    indmap_api::regions()
}

/// The 20 region outlines (GeoJSON text), keyed by the `kato` property.
#[tauri::command]
pub(crate) fn boundaries() -> &'static str {
    indmap_api::core::geography::boundaries().geojson_text()
}

#[tauri::command]
pub(crate) fn reference(state: tauri::State<'_, AppState>) -> Answer<Reference> {
    with_db(&state, |db| db.reference())
}

#[tauri::command]
pub(crate) fn view(state: tauri::State<'_, AppState>, filter: ViewFilter) -> Answer<MapView> {
    with_db(&state, |db| db.view(&filter))
}

/// What is late or does not add up in the filtered set, with its counts.
#[tauri::command]
pub(crate) async fn alerts(state: tauri::State<'_, AppState>, filter: ViewFilter) -> Answer<AlertList> {
    with_db(&state, |db| db.alerts(&filter.project_filter()?))
}

/// The schedule chart of the filtered set, or of one project (its id or code).
#[tauri::command]
pub(crate) async fn gantt(
    state: tauri::State<'_, AppState>,
    filter: ViewFilter,
    project: Option<String>,
) -> Answer<Gantt> {
    with_db(&state, |db| db.gantt(&filter.project_filter()?, project.as_deref()))
}

/// Plan against actual of the filtered set.
#[tauri::command]
pub(crate) async fn dashboard(state: tauri::State<'_, AppState>, filter: ViewFilter) -> Answer<Dashboard> {
    with_db(&state, |db| db.dashboard(&filter.project_filter()?))
}

/// The effectiveness of the support the filtered set received (of `year` only, if given).
#[tauri::command]
pub(crate) async fn effectiveness(
    state: tauri::State<'_, AppState>,
    filter: ViewFilter,
    year: Option<i32>,
) -> Answer<Effectiveness> {
    with_db(&state, |db| db.effectiveness(&filter.project_filter()?, year))
}

/// Every setting with its value now.
#[tauri::command]
pub(crate) fn settings(state: tauri::State<'_, AppState>) -> Answer<Vec<SettingView>> {
    with_db(&state, |db| db.setting_views())
}

/// Sets a setting (`value` null: back to its default), and answers them all as they now are.
#[tauri::command]
pub(crate) fn set_setting(
    state: tauri::State<'_, AppState>,
    key: String,
    value: Option<String>,
) -> Answer<Vec<SettingView>> {
    with_db(&state, |db| db.change_setting(&key, value.as_deref()))
}

/// One project as its GeoJSON Feature.
#[tauri::command]
pub(crate) fn project(state: tauri::State<'_, AppState>, id: String) -> Answer<serde_json::Value> {
    let project = with_db(&state, |db| db.find(&id))?;
    serde_json::to_value(indmap_api::core::feature::project_to_feature(&project))
        .map_err(|e| UiError::new(ErrorKind::Internal, e.to_string()))
}

#[tauri::command]
pub(crate) fn add_project(state: tauri::State<'_, AppState>, feature: String) -> Answer<Saved> {
    let report = with_db(&state, |db| db.add_projects(&feature))?;
    let (id, code) =
        report.added.first().ok_or_else(|| UiError::new(ErrorKind::Internal, "the project was not added"))?;
    let proposed = u32::try_from(report.proposed).unwrap_or(u32::MAX);
    Ok(Saved { id: id.to_string(), code: Some(code.to_string()), warnings: report.warnings, proposed })
}

#[tauri::command]
pub(crate) fn update_project(state: tauri::State<'_, AppState>, id: String, feature: String) -> Answer<Saved> {
    let report = with_db(&state, |db| db.edit_project(&id, &feature))?;
    let proposed = u32::try_from(report.proposed).unwrap_or(u32::MAX);
    Ok(Saved {
        id: report.id.to_string(),
        code: report.code.map(|c| c.to_string()),
        warnings: report.warnings,
        proposed,
    })
}

/// Every problem saving the form would meet now, nothing written: the form of project `id`
/// (`None`: a new project) as one whole Feature.
#[tauri::command]
pub(crate) async fn check_project(
    state: tauri::State<'_, AppState>,
    id: Option<String>,
    feature: String,
) -> Answer<Vec<Problem>> {
    with_db(&state, |db| db.check_project(id.as_deref(), &feature))
}

/// Who has reported a period (by default the last one that ended), region by region.
#[tauri::command]
pub(crate) async fn monitoring_status(state: tauri::State<'_, AppState>, period: Option<String>) -> Answer<Reporting> {
    with_db(&state, |db| db.reporting(period.as_deref().filter(|p| !p.trim().is_empty())))
}

/// Takes a step of a period's reporting cycle (submit, approve, unapprove with a reason, accept)
/// for `region` (this database's own when none).
#[tauri::command]
pub(crate) async fn monitoring_step(
    state: tauri::State<'_, AppState>,
    region: Option<RegionCode>,
    period: String,
    step: Step,
    reason: Option<String>,
) -> Answer<PeriodStage> {
    with_db(&state, |db| db.period_step(region, &period, step, reason.as_deref()))
}

/// Where `region`'s period stands (this database's own region when none), with its acts.
#[tauri::command]
pub(crate) async fn monitoring_cycle(
    state: tauri::State<'_, AppState>,
    region: Option<RegionCode>,
    period: String,
) -> Answer<PeriodStage> {
    with_db(&state, |db| db.period_stage(region, &period))
}

/// Each region's reporting of the last `periods` periods, side by side.
#[tauri::command]
pub(crate) async fn monitoring_table(state: tauri::State<'_, AppState>, periods: usize) -> Answer<ReportingTable> {
    with_db(&state, |db| db.reporting_table(periods))
}

/// The reporting grid of a period (by default the last one that ended).
#[tauri::command]
pub(crate) async fn report_sheet(state: tauri::State<'_, AppState>, period: Option<String>) -> Answer<ReportSheet> {
    with_db(&state, |db| db.report_sheet(period.as_deref().filter(|p| !p.trim().is_empty())))
}

/// Puts the grid's rows as the period's reports (or only checks them).
#[tauri::command]
pub(crate) async fn put_reports(
    state: tauri::State<'_, AppState>,
    period: String,
    table: Table,
    check: bool,
) -> Answer<ReportsTaken> {
    with_db(&state, |db| db.put_reports(&period, &table, check))
}

/// Puts the rows of a spreadsheet (XLSX or CSV) as the period's reports (or only checks them).
#[tauri::command]
pub(crate) async fn import_reports(
    state: tauri::State<'_, AppState>,
    path: String,
    period: String,
    check: bool,
) -> Answer<ReportsTaken> {
    with_db(&state, |db| db.import_reports(std::path::Path::new(&path), &period, None, check))
}

/// Answers whether the deletion was only proposed (the project belongs to another database).
#[tauri::command]
pub(crate) fn delete_project(state: tauri::State<'_, AppState>, id: String, reason: Option<String>) -> Answer<bool> {
    let reason = reason.filter(|r| !r.trim().is_empty());
    with_db(&state, |db| db.delete_project(&id, reason.as_deref()).map(|d| d.proposed))
}
