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

        // A cell, as people click it (a click on the row element itself once failed in WebDriver).
        app.click(&format!("{row} td:nth-child(3)")).await?;
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

/// The schedule of a filtered set draws the approved dates behind, today's line and the
/// overdue items in red; it zooms, and a click opens the item in the editor.
#[tokio::test]
async fn the_schedule_draws_the_baseline_and_todays_line_and_opens_an_item() -> Res {
    let m = Machine::karaganda()?;
    {
        let mut db = indmap_api::Indmap::open(&m.db, env())?;
        let plant = json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [73.1, 49.8]}, "properties": {
            "name_kk": "Кестелі зауыт", "name_ru": "Завод по графику", "region": "35", "status": "construction",
            "start_date": "2025-03-01", "commissioning_planned": "2026-12-31",
            "milestones": [{"name": "Жабдық монтажы", "planned": "2026-04-30"}],
            "actions": [{"title": "Кірме жол салу", "due": "2026-05-15", "status": "in_progress"}]}});
        db.add_projects(&plant.to_string())?;
        db.approve_edition(&indmap_api::Approval {
            act: "№ 7".into(),
            date: "2026-05-20".into(),
            body: "Қарағанды облысының әкімдігі".into(),
            signatory: None,
        })?;
        let milestone = db.find("35-0001")?.milestones[0].id;
        let moved = json!({"type": "Feature", "geometry": null, "properties": {"commissioning_planned": "2027-06-30",
            "milestones": [{"id": milestone.to_string(), "name": "Жабдық монтажы", "planned": "2026-10-31"}]}});
        db.update_project("35-0001", &moved.to_string())?;
    }
    run_app("schedule", &m, async |app| {
        app.wait_window().await?;
        app.click("[data-role=gantt-button]").await?;
        app.wait_js("the chart", "return !!document.querySelector('[data-role=gantt-chart] [data-role=gantt-today]')", 30).await?;
        let drawn = app
            .js(
                "const svg = document.querySelector('[data-role=gantt-chart]');
                 const today = svg.querySelector('[data-role=gantt-today]');
                 const x = Number(today.getAttribute('x1'));
                 return {width: Number(svg.getAttribute('width')), today: x,
                         stroke: getComputedStyle(today).stroke,
                         baselines: svg.querySelectorAll('[data-role=gantt-baseline]').length,
                         items: svg.querySelectorAll('[data-role=gantt-item]').length,
                         overdue: [...svg.querySelectorAll('[data-role=gantt-item][data-overdue=true]')].map(g => g.dataset.field),
                         perDay: Number(svg.dataset.perDay)}",
            )
            .await?;
        let number = |k: &str| drawn[k].as_f64().unwrap_or(-1.0);
        ensure!(number("today") > 0.0 && number("today") < number("width"), "today's line lies on the chart: {drawn}");
        ensure_eq!(drawn["stroke"].as_str(), Some("rgb(198, 40, 40)"));
        ensure_eq!(drawn["baselines"].as_u64(), Some(2)); // the project's span and the moved milestone
        ensure_eq!(drawn["items"].as_u64(), Some(3));
        ensure_eq!(drawn["overdue"], json!(["milestones[0].planned", "actions[0].due"]));
        app.ensure_readable("the schedule", "[data-role=gantt] .g-tools").await?;
        app.ensure_readable("the schedule's labels", "[data-role=gantt] .g-labels").await?;
        app.shot_to(SHOTS, "schedule").await?;

        app.click("[data-role=gantt-zoom-in]").await?;
        let zoomed = app.js("return Number(document.querySelector('[data-role=gantt-chart]').dataset.perDay)").await?;
        let grew = zoomed.as_f64().unwrap_or(0.0) / number("perDay");
        ensure!(grew.ge(&1.4), "zoomed in: {zoomed} after {}", number("perDay"));
        app.js("document.querySelector('[data-role=gantt-item][data-field=\"actions[0].due\"]').dispatchEvent(new MouseEvent('click', {bubbles: true}))").await?;
        app.wait_js("the editor", "return !!document.querySelector('[data-role=editor]')", 30).await?;
        let focused = app.js("return document.activeElement?.dataset.path ?? null").await?;
        ensure_eq!(focused.as_str(), Some("actions[0].due"));
        Ok(())
    })
    .await
}

/// Plan and actual of the projects shown: the totals and the regions the API counts, readable.
#[tokio::test]
async fn the_dashboard_shows_plan_and_actual_of_the_filtered_set() -> Res {
    let m = Machine::new()?;
    sample_db(&m.db, 80)?;
    let (all, regions) = {
        let db = indmap_api::Indmap::open(&m.db, indmap_api::Env::system())?;
        let d = db.dashboard(&indmap_api::core::ProjectFilter::default())?;
        (d.total, d.by_region.len())
    };
    run_app("dashboard", &m, async |app| {
        app.wait_window().await?;
        app.click("[data-role=dashboard-button]").await?;
        app.wait_js(
            "the dashboard",
            "return !!document.querySelector('[data-role=dashboard] [data-role=d-by-region]')",
            30,
        )
        .await?;
        let projects = app.text("[data-role=d-projects] strong").await?;
        ensure_eq!(projects.replace([' ', '\u{a0}'], ""), all.projects.to_string());
        let jobs = app.text("[data-role=d-jobs] strong").await?;
        let expected = format!("{}/{}", all.jobs_actual, all.jobs_plan);
        ensure_eq!(jobs.replace([' ', '\u{a0}', '\u{202f}'], ""), expected);
        let rows = app.js("return document.querySelectorAll('[data-role=d-by-region] tbody tr').length").await?;
        ensure_eq!(rows.as_u64(), Some(regions as u64));
        // What the panel shows before it is scrolled.
        app.ensure_readable("the dashboard's totals", "[data-role=dashboard] .d-tiles").await?;
        app.js("document.querySelector('[data-role=d-by-region]').scrollIntoView({block: 'start'})").await?;
        app.ensure_readable("the dashboard's first table", "[data-role=d-by-region] thead").await?;
        app.js("document.querySelector('[data-role=dashboard] .d-tiles').scrollIntoView({block: 'start'})").await?;
        let filled = app
            .js("return document.querySelector('[data-role=d-investment] .d-fill').getBoundingClientRect().width")
            .await?;
        ensure!(filled.as_f64().unwrap_or(0.0).ge(&1.0), "the share of the plan invested is drawn: {filled}");
        // The chart of investment by region: a pair of bars per region, the largest plan the
        // widest bar.
        let pairs = app
            .js("return [...document.querySelectorAll('[data-role=d-chart-investment] .e-row')].map(r => \
                 [...r.querySelectorAll('.d-pair-fill')].map(b => b.getBoundingClientRect().width))")
            .await?;
        let pairs: Vec<Vec<f64>> = serde_json::from_value(pairs)?;
        ensure_eq!(pairs.len(), regions);
        let widest = pairs.iter().flatten().copied().fold(0.0, f64::max);
        ensure!(widest.ge(&100.0) && pairs.iter().all(|p| p.len() == 2), "two bars a region, drawn: {pairs:?}");
        app.ensure_readable("the investment chart", "[data-role=d-chart-investment]").await?;
        app.shot_to(SHOTS, "dashboard").await?;
        // Its charts and tables on paper: the print dialog opens on it, the first page drawn
        // across the sheet.
        app.click("[data-role=d-save]").await?;
        app.wait_js(
            "the dashboard's first page",
            "const i = document.querySelector('[data-role=print-preview]'); const r = JSON.parse(i?.dataset.request || '{}'); \
             return r.kind === 'dashboard' && !i.hidden && i.complete && i.naturalWidth > i.naturalHeight",
            60,
        )
        .await?;
        app.shot_to(SHOTS, "dashboard-print").await?;
        app.click("[data-role=print-close]").await?;
        // In Kazakh, the longest words, the summary bar's views still fit the window.
        app.choose("[data-role=lang]", "kk").await?;
        app.wait_js(
            "Kazakh",
            "return document.querySelector('[data-role=dashboard-button]')?.textContent === 'Жоспар мен нақты'",
            30,
        )
        .await?;
        let fits = app
            .js("return ['s-alerts', 'gantt-button', 'dashboard-button', 'effectiveness-button'].every(r => {
                   const b = document.querySelector(`[data-role=${r}]`).getBoundingClientRect();
                   return b.width > 0 && b.right <= window.innerWidth && b.bottom <= window.innerHeight; })")
            .await?;
        ensure_eq!(fits.as_bool(), Some(true));
        for role in ["s-alerts", "gantt-button", "dashboard-button", "effectiveness-button"] {
            app.ensure_readable(role, &format!("[data-role={role}]")).await?;
        }
        app.shot_to(SHOTS, "summary-kk").await?;
        Ok(())
    })
    .await
}

/// The effectiveness of support: the totals the API counts, a bar per measure with an index, the
/// tables readable; one year's support asks again; the report opens in the print dialog with
/// its first page drawn.
#[tokio::test]
async fn the_effectiveness_of_support_shows_its_index_by_measure_and_prints_the_report() -> Res {
    let m = Machine::new()?;
    sample_db(&m.db, 80)?;
    let (all, priced, year, of_year) = {
        let db = indmap_api::Indmap::open(&m.db, indmap_api::Env::system())?;
        let e = db.effectiveness(&indmap_api::core::ProjectFilter::default(), None)?;
        let priced = e.by_measure.iter().filter(|g| g.effect.index.is_some()).count();
        let year = e.by_year.iter().rev().find(|g| !g.key.is_empty()).map(|g| g.key.clone()).ok_or("no year")?;
        let of_year = db.effectiveness(&indmap_api::core::ProjectFilter::default(), year.parse().ok())?;
        (e.total, priced, year, of_year.total)
    };
    ensure!(priced > 0, "the sample gives support with amounts");
    run_app("effectiveness", &m, async |app| {
        app.wait_window().await?;
        app.click("[data-role=effectiveness-button]").await?;
        app.wait_js(
            "the effectiveness panel",
            "return !!document.querySelector('[data-role=effectiveness] [data-role=e-by-measure]')",
            30,
        )
        .await?;
        let projects = app.text("[data-role=e-projects] strong").await?;
        ensure_eq!(projects.replace([' ', '\u{a0}'], ""), all.projects.to_string());
        let bars = app.js("return [...document.querySelectorAll('[data-role=e-chart] .e-row .d-fill')].map(b => b.getBoundingClientRect().width)").await?;
        let widths: Vec<f64> = bars.as_array().ok_or("bars")?.iter().filter_map(|w| w.as_f64()).collect();
        ensure_eq!(widths.len(), priced);
        ensure!(widths.iter().any(|w| w.ge(&20.0)), "the widest index draws a bar: {widths:?}");
        app.ensure_readable("the totals", "[data-role=effectiveness] .d-tiles").await?;
        app.ensure_readable("the index chart", "[data-role=e-chart]").await?;
        app.ensure_readable("the methodology", "[data-role=e-methodology]").await?;
        app.shot_to(SHOTS, "effectiveness").await?;
        // One year's support: the panel asks again and shows that year's projects.
        app.choose("[data-role=e-year]", &year).await?;
        let expected = of_year.projects.to_string();
        app.wait_js(
            "the year's support",
            &format!("return document.querySelector('[data-role=e-projects] strong')?.textContent.replace(/\\s/g, '') === '{expected}'"),
            30,
        )
        .await?;
        app.click("[data-role=e-save]").await?;
        app.wait_js(
            "the report's first page",
            "const i = document.querySelector('[data-role=print-preview]'); const k = document.querySelector('[data-role=print-kind]'); \
             const r = JSON.parse(i?.dataset.request || '{}'); \
             return k?.value === 'effectiveness' && r.kind === 'effectiveness' && !i.hidden && i.complete && i.naturalWidth > i.naturalHeight",
            60,
        )
        .await?;
        let request = app.js("return JSON.parse(document.querySelector('[data-role=print-preview]').dataset.request).year").await?;
        ensure_eq!(request.as_i64().map(|y| y.to_string()), Some(year.clone()));
        app.shot_to(SHOTS, "effectiveness-print").await?;
        // The monitoring report of the period due, from the same dialog: its period box shown,
        // the year's hidden, the first page drawn across the sheet.
        app.choose("[data-role=print-kind]", "monitoring_report").await?;
        app.wait_js(
            "the monitoring report's first page",
            "const i = document.querySelector('[data-role=print-preview]'); const r = JSON.parse(i?.dataset.request || '{}'); \
             return r.kind === 'monitoring_report' && r.period === null && !i.hidden && i.complete && i.naturalWidth > i.naturalHeight",
            60,
        )
        .await?;
        let boxes = app
            .js("return [document.querySelector('[data-role=print-period]').closest('label').hidden, document.querySelector('[data-role=print-support-year]').closest('label').hidden]")
            .await?;
        ensure_eq!(boxes, json!([false, true]));
        app.shot_to(SHOTS, "monitoring-report-print").await?;
        Ok(())
    })
    .await
}

/// How late is late is set in the window: a value out of range is refused beside its box in the
/// user's words; a longer grace leaves fewer alerts, and the summary bar counts exactly those.
#[tokio::test]
async fn the_settings_dialog_changes_how_late_is_late_and_the_alerts_follow() -> Res {
    let m = Machine::new()?;
    sample_db(&m.db, 60)?;
    let before = alert_count(&m.db, &[])?;
    run_app("settings", &m, async |app| {
        app.wait_window().await?;
        let shown = |count: usize| format!("return document.querySelector('[data-role=s-alerts] strong')?.textContent.replace(/\\s/g, '') === '{count}'");
        app.wait_js("the alerts counted", &shown(before), 30).await?;
        app.click("[data-role=settings-button]").await?;
        app.wait_js("the settings", "return !!document.querySelector('[data-role=settings] [data-group=alerts]')", 30).await?;
        app.ensure_readable("the first settings", "[data-role=settings] [data-group=monitoring]").await?;
        app.ensure_readable("the alerts' settings", "[data-role=settings] [data-group=alerts]").await?;
        let late = "[data-role=setting-alert_late_days]";
        app.type_into(late, "400\u{E007}").await?;
        app.wait_js(
            "the refusal",
            "return document.querySelector('[data-role=setting-problem-alert_late_days]')?.textContent.includes('366')",
            30,
        )
        .await?;
        app.ensure_readable("the refusal", "[data-role=setting-problem-alert_late_days]").await?;
        app.shot_to(SHOTS, "settings-refused").await?;
        app.js(&format!("document.querySelector('{late}').value = ''")).await?;
        app.type_into(late, "365\u{E007}").await?;
        app.wait_js("the setting saved", "return !document.querySelector('[data-role=setting-reset-alert_late_days]').hidden", 30).await?;
        app.click("[data-role=settings-close]").await?;
        Ok(())
    })
    .await?;
    // The app saved the grace in the map file: the API counts the alerts under it, and the
    // window, opened again, shows that count.
    let db = indmap_api::Indmap::open(&m.db, indmap_api::Env::system())?;
    let views = db.setting_views()?;
    let set = views.iter().find(|s| s.key == "alert_late_days").and_then(|s| s.value.clone());
    ensure_eq!(set.as_deref(), Some("365"));
    drop(db);
    let after = alert_count(&m.db, &[])?;
    ensure!(after < before, "a year's grace leaves fewer alerts: {after} of {before}");
    run_app("settings-after", &m, async |app| {
        app.wait_window().await?;
        let shown = format!("return document.querySelector('[data-role=s-alerts] strong')?.textContent.replace(/\\s/g, '') === '{after}'");
        app.wait_js("the alerts under the new grace", &shown, 30).await?;
        Ok(())
    })
    .await
}
