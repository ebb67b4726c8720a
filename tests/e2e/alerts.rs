//! The alert list: the summary bar counts what is late or does not add up in the filtered set,
//! the list names each alert, and a click opens the project at the field.

use crate::harness::*;
use serde_json::json;

const SHOTS: &str = "/tmp/alerts-helper";

/// How many alerts the map has by today's clock, as the app computes them.
fn alert_count(db: &std::path::Path, regions: &[&str]) -> Res<usize> {
    let db = indmap_api::Indmap::open(db, indmap_api::Env::system())?;
    let filter =
        indmap_api::ViewFilter { regions: regions.iter().map(|r| r.to_string()).collect(), ..Default::default() };
    Ok(db.alerts(&filter.project_filter()?)?.alerts.len())
}

/// An action due long ago and not done is in the list; it opens the project at its due date.
#[tokio::test]
async fn an_overdue_action_is_listed_and_opens_its_project_at_the_field() -> Res {
    let m = Machine::new()?;
    sample_db(&m.db, 60)?;
    let id = {
        let mut db = indmap_api::Indmap::open(&m.db, env())?;
        let late = json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [73.1, 49.8]}, "properties": {
            "name_kk": "Кешіккен зауыт", "name_ru": "Опоздавший завод", "region": "35", "level": "republican", "status": "construction",
            "commissioning_planned": "2030-12-31", "criteria": ["scale"],
            "actions": [{"title": "Электр желісіне қосу", "due": "2026-01-31", "status": "planned", "responsible": "KEGOC"}]}});
        db.add_projects(&late.to_string())?.added[0].0.to_string()
    };
    let (all, in_karaganda) = (alert_count(&m.db, &[])?, alert_count(&m.db, &["35"])?);
    ensure!(in_karaganda >= 1 && in_karaganda < all, "the sample has alerts beyond Karaganda: {in_karaganda} of {all}");
    run_app("alerts", &m, async |app| {
        app.wait_window().await?;
        let shown = |count: usize| format!("return document.querySelector('[data-role=s-alerts] strong')?.textContent.replace(/\\s/g, '') === '{count}'");
        app.wait_js("the summary bar to count every alert", &shown(all), 30).await?;
        app.ensure_readable("the alert count", "[data-role=s-alerts]").await?;
        // The count follows the filters.
        app.choose("[data-role=f-region]", "35").await?;
        app.wait_js("the count to narrow to Karaganda", &shown(in_karaganda), 30).await?;

        app.click("[data-role=s-alerts]").await?;
        app.wait_js("the alert list", "return !!document.querySelector('[data-role=alerts] [data-role=al-table]')", 30).await?;
        let rows = app.js("return document.querySelectorAll('[data-role=al-row]').length").await?;
        ensure_eq!(rows.as_u64(), Some(in_karaganda as u64));
        app.click("[data-role=al-kind][data-kind=action_overdue]").await?;
        let kinds = app.js("return [...document.querySelectorAll('[data-role=al-row]')].map(r => r.dataset.kind)").await?;
        let kinds: Vec<String> = serde_json::from_value(kinds)?;
        ensure!(!kinds.is_empty() && kinds.iter().all(|k| k == "action_overdue"), "only the overdue actions: {kinds:?}");
        let row = format!("[data-role=al-row][data-project='{id}']");
        let text = app.text(&row).await?;
        for part in ["Опоздавший завод", "Просрочено мероприятие", "Электр желісіне қосу", "KEGOC"] {
            ensure!(text.contains(part), "the row names {part}: {text}");
        }
        app.ensure_readable("the alert list", "[data-role=alerts] .sx-panel").await?;
        app.shot_to(SHOTS, "alert-list").await?;

        app.click(&row).await?;
        app.wait_js("the editor", "return !!document.querySelector('[data-role=editor]')", 30).await?;
        ensure!(
            app.js("return !document.querySelector('[data-role=alerts]')").await?.as_bool() == Some(true),
            "the list closes as the project opens"
        );
        let focused = app.js("return document.activeElement?.dataset.path ?? null").await?;
        ensure_eq!(focused.as_str(), Some("actions[0].due"));
        let marked = app.js("return document.querySelector('.focus-target')?.dataset.field ?? null").await?;
        ensure_eq!(marked.as_str(), Some("actions[0].due"));
        let note = app.text("[data-role=editor-focus-note]").await?;
        ensure!(note.contains("Просрочено мероприятие") && note.contains("Электр желісіне қосу"), "the form says why: {note}");
        app.shot_to(SHOTS, "editor-at-the-alert").await?;
        Ok(())
    })
    .await
}
