//! End-to-end tests of the map pieces of the editor and the Layers panel: a polygon drawn on the
//! map with the mouse (WebDriver pointer actions on the MapLibre canvas) is saved and survives a
//! restart; a GeoJSON layer file is listed, drawn, shows its properties as text, and comes back
//! after a restart; the editor's autosaved draft is offered back after closing without saving.
//! Screenshots go to /tmp/geo-helper/.

use crate::harness::*;
use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
use serde_json::{Value, json};
use std::time::Duration;

/// Where the screenshots go, for a person to look at.
const SHOTS: &str = "/tmp/geo-helper";

/// The middle of the map canvas, in viewport pixels.
async fn map_centre(app: &App) -> Res<(f64, f64)> {
    let r = app
        .js("const r = document.querySelector('[data-role=map] canvas.maplibregl-canvas').getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]")
        .await?;
    Ok((r[0].as_f64().unwrap_or(0.0), r[1].as_f64().unwrap_or(0.0)))
}

/// Clicks at viewport pixel (x, y) the way a mouse does: move, press, release.
async fn click_at(app: &App, x: f64, y: f64, double: bool) -> Res {
    let mut mouse = MouseActions::new("mouse".into())
        .then(PointerAction::MoveTo { duration: Some(Duration::from_millis(50)), x: x.round(), y: y.round() })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    if double {
        mouse = mouse
            .then(PointerAction::Pause { duration: Duration::from_millis(60) })
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    }
    app.c().perform_actions(mouse).await?;
    // terra-draw tells a click from a double-click and a drag by time: let each settle.
    tokio::time::sleep(Duration::from_millis(400)).await;
    Ok(())
}

async fn wait_ready(app: &App) -> Res {
    app.wait_window().await?;
    app.wait_js("the map to load", "return document.body.dataset.mapReady === '1'", 90).await?;
    Ok(())
}

/// A polygon drawn by clicking on the map (double-click closes it), with a corner dragged
/// afterwards, is saved as the project's Polygon and is there after a restart.
#[tokio::test]
async fn polygon_drawn_on_the_map_is_saved_and_survives_restart() -> Res {
    let m = Machine::new()?;
    indmap_api::Indmap::init(&m.db, indmap_api::core::Scope::Ministry, env())?;
    run_app("geo_draw_polygon", &m, async |app| {
        wait_ready(app).await?;
        app.click("[data-role=new-project]").await?;
        app.type_into("[data-path=name_kk]", "Индустриялық аймақ алаңы").await?;
        app.type_into("[data-path=name_ru]", "Площадка индустриальной зоны").await?;
        app.choose("[data-role=geom-kind]", "Polygon").await?;
        app.click("[data-role=draw-on-map]").await?;
        app.css("[data-role=draw-bar]").await?;
        app.wait_js("the editor to step aside", "return document.querySelector('[data-role=map]').dataset.drawing === 'Polygon'", 10)
            .await?;
        // The whole country fills the map; 40 px around its middle is well inside Kazakhstan.
        let (cx, cy) = map_centre(app).await?;
        click_at(app, cx - 40.0, cy - 30.0, false).await?;
        click_at(app, cx + 40.0, cy - 30.0, false).await?;
        click_at(app, cx + 40.0, cy + 30.0, false).await?;
        // Backspace takes back a corner placed by mistake.
        click_at(app, cx + 90.0, cy + 90.0, false).await?;
        app.js("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Backspace', bubbles: true}))").await?;
        click_at(app, cx - 40.0, cy + 30.0, true).await?; // the double-click closes the area
        app.shot_to(SHOTS, "draw-polygon").await?;
        let status = app.text("[data-role=draw-status]").await?;
        ensure!(status.contains('4'), "four corners drawn: {status}");
        // Drag a corner to move it, in small steps as a hand does.
        let before = app.text("[data-role=draw-status]").await?;
        let mut drag = MouseActions::new("mouse".into())
            .then(PointerAction::MoveTo { duration: None, x: (cx + 40.0).round(), y: (cy + 30.0).round() })
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::Pause { duration: Duration::from_millis(100) });
        for _ in 0..12 {
            drag = drag.then(PointerAction::MoveBy { duration: Some(Duration::from_millis(25)), x: 2.0, y: 2.0 });
        }
        drag = drag.then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
        app.c().perform_actions(drag).await?;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let after = app.text("[data-role=draw-status]").await?;
        ensure_eq!(before, after); // still four corners
        app.shot_to(SHOTS, "draw-polygon-dragged").await?;
        app.click("[data-role=draw-done]").await?;
        let text = app.js("return document.querySelector('[data-role=geom-text]').value").await?;
        let g: Value = serde_json::from_str(text.as_str().unwrap_or_default())?;
        ensure_eq!(g["type"], json!("Polygon"));
        let ring = g["coordinates"][0].as_array().cloned().unwrap_or_default();
        ensure_eq!(ring.len(), 5);
        ensure_eq!(ring[0], ring[4]);
        // The dragged corner moved down and right of where it was clicked: the ring's corners
        // are otherwise a rectangle, so its south-east corner is now the odd one out.
        let xs: Vec<f64> = ring[..4].iter().map(|p| p[0].as_f64().unwrap_or(0.0)).collect();
        let distinct_x = xs.iter().filter(|x| xs.iter().filter(|y| (*y - *x).abs() < 1e-6).count() == 1).count();
        ensure!(distinct_x >= 1, "a corner was moved by dragging: {ring:?}");
        app.shot_to(SHOTS, "editor-polygon").await?;
        // Another region than the one under the area is only a warning.
        app.choose("[data-path=region]", "35").await?;
        app.click("[data-role=editor-save]").await?;
        app.wait_js("the project saved", "return !document.querySelector('[data-role=editor]') && document.querySelectorAll('[data-role=rows] tr').length === 1", 30)
            .await?;
        Ok(())
    })
    .await?;

    let db = indmap_api::Indmap::open(&m.db, env())?;
    let projects = db.list(&Default::default())?;
    assert_eq!(projects.len(), 1);
    let feature = indmap_api::core::feature::project_to_feature(&projects[0]);
    let g = serde_json::to_value(&feature.geometry)?;
    assert_eq!(g["type"], json!("Polygon"), "{g}");
    assert_eq!(g["coordinates"][0].as_array().map(Vec::len), Some(5));
    drop(db);

    run_app("geo_draw_restart", &m, async |app| {
        wait_ready(app).await?;
        app.click("[data-role=rows] tr td:nth-child(2)").await?;
        app.click("[data-role=card-edit]").await?;
        // The editor opens once the project has been read.
        app.wait_js("the editor", "return document.querySelector('[data-role=geom-kind]') !== null", 30).await?;
        let kind = app.js("return document.querySelector('[data-role=geom-kind]').value").await?;
        ensure_eq!(kind, json!("Polygon"));
        let summary = app.text("[data-role=geom-summary]").await?;
        ensure!(summary.contains('4'), "the polygon's four corners: {summary}");
        // Shapes are drawn as fills on the main map, not only as points.
        app.click("[data-role=editor-close]").await?;
        app.shot_to(SHOTS, "polygon-on-main-map").await?;
        Ok(())
    })
    .await
}

/// A GeoJSON layer file is added from the Layers panel, listed with its feature count, drawn
/// under the projects, shows a feature's properties as text on click, and is there again after
/// a restart (remembered in the window preferences).
#[tokio::test]
async fn geojson_layer_is_listed_drawn_and_remembered() -> Res {
    let m = Machine::new()?;
    sample_db(&m.db, 30)?;
    let layer = m.dir.path().join("zones.geojson");
    let zones = json!({
        "type": "FeatureCollection",
        "name": "индустриялық аймақтар",
        "features": [
            {"type": "Feature", "properties": {"атауы": "<b>Сарыарқа</b> АЭА", "ауданы_га": 467.5},
             "geometry": {"type": "Polygon", "coordinates": [[[52.0, 43.0], [82.0, 43.0], [82.0, 53.0], [52.0, 53.0], [52.0, 43.0]]]}},
            {"type": "Feature", "properties": {"атауы": "Хоргос"}, "geometry": {"type": "Point", "coordinates": [80.25, 44.2]}}
        ]
    });
    std::fs::write(&layer, serde_json::to_string(&zones)?)?;
    let path = layer.display().to_string();
    run_app("geo_layer_add", &m, async |app| {
        wait_ready(app).await?;
        app.click("[data-role=layers-button]").await?;
        app.type_into("[data-role=layer-path]", &path).await?;
        app.click("[data-role=layer-add]").await?;
        app.wait_js("the layer in the list", "return document.querySelector('[data-role=layer-name]')?.textContent", 30)
            .await?;
        ensure_eq!(app.text("[data-role=layer-name]").await?, "индустриялық аймақтар");
        ensure!(app.text("[data-role=layer-count]").await?.starts_with('2'));
        app.wait_js("the layer's features painted", "return Number(document.querySelector('[data-role=map]').dataset.layerRendered) > 0", 30)
            .await?;
        app.shot_to(SHOTS, "layer-added").await?;
        // Click an empty spot inside the big zone (a corner of it, away from projects).
        app.click("[data-role=layers-panel] button.icon").await?;
        let spot = app
            .js("const r = document.querySelector('[data-role=map] canvas.maplibregl-canvas').getBoundingClientRect(); return [r.left + r.width * 0.5, r.top + r.height * 0.35]")
            .await?;
        click_at(app, spot[0].as_f64().unwrap_or(0.0), spot[1].as_f64().unwrap_or(0.0), false).await?;
        let text = app
            .wait_js("the feature's properties", "return document.querySelector('[data-role=layer-popup]')?.textContent", 10)
            .await?;
        let text = text.as_str().unwrap_or_default();
        ensure!(text.contains("<b>Сарыарқа</b> АЭА") && text.contains("ауданы_га"), "the properties as text, tags and all: {text}");
        let bold = app.js("return document.querySelectorAll('[data-role=layer-popup] b').length").await?;
        ensure_eq!(bold, json!(0));
        app.shot_to(SHOTS, "layer-popup").await?;
        // Hiding the layer stops painting it.
        app.click("[data-role=layers-button]").await?;
        app.click("[data-role=layer-visible]").await?;
        app.wait_js("the layer hidden", "return document.querySelector('[data-role=map]').dataset.layerRendered === '0'", 30)
            .await?;
        app.click("[data-role=layer-visible]").await?;
        Ok(())
    })
    .await?;

    run_app("geo_layer_restart", &m, async |app| {
        wait_ready(app).await?;
        app.wait_js(
            "the layer painted after restart",
            "return Number(document.querySelector('[data-role=map]').dataset.layerRendered) > 0",
            30,
        )
        .await?;
        app.click("[data-role=layers-button]").await?;
        ensure_eq!(app.text("[data-role=layer-name]").await?, "индустриялық аймақтар");
        Ok(())
    })
    .await?;

    // The file is gone: one notice, the layer listed as missing, the window works.
    std::fs::remove_file(&layer)?;
    run_app("geo_layer_missing", &m, async |app| {
        wait_ready(app).await?;
        let toast = app
            .wait_js(
                "the missing-file notice",
                "return [...document.querySelectorAll('.toast')].map(t => t.textContent).join(' | ')",
                30,
            )
            .await?;
        ensure!(toast.as_str().unwrap_or_default().contains("zones.geojson"), "{toast}");
        app.click("[data-role=layers-button]").await?;
        ensure!(
            app.js("return document.querySelector('[data-role=layer-list] li.missing') !== null").await?.as_bool()
                == Some(true)
        );
        app.shot_to(SHOTS, "layer-missing").await?;
        Ok(())
    })
    .await
}

/// Typing in the editor and closing it without saving keeps a draft; opening a new project
/// again offers "Restore unsaved draft from HH:MM?", and restoring brings the typing back.
#[tokio::test]
async fn draft_is_offered_back_after_closing_without_saving() -> Res {
    let m = Machine::karaganda()?;
    run_app("geo_draft", &m, async |app| {
        wait_ready(app).await?;
        app.click("[data-role=new-project]").await?;
        app.type_into("[data-path=name_ru]", "Черновик завода").await?;
        app.click("[data-role=geom-text-box] summary").await?;
        app.type_into("[data-role=geom-text]", "[73.1, 49.8]").await?;
        app.click("[data-role=geom-apply]").await?;
        app.click("[data-role=editor-close]").await?;
        app.click("[data-role=dialog-ok]").await?;
        app.wait_js("the editor closed", "return !document.querySelector('[data-role=editor]')", 10).await?;
        app.click("[data-role=new-project]").await?;
        let offer = app.text("[data-role=draft-text]").await?;
        ensure!(offer.contains(':'), "the offer names the time: {offer}");
        app.shot_to(SHOTS, "draft-offer").await?;
        let empty = app.js("return document.querySelector('[data-path=name_ru]').value").await?;
        ensure_eq!(empty, json!(""));
        app.click("[data-role=draft-restore]").await?;
        let name = app.js("return document.querySelector('[data-path=name_ru]').value").await?;
        ensure_eq!(name, json!("Черновик завода"));
        let lon = app.js("return document.querySelector(\"[data-path='geometry.lon']\").value").await?;
        ensure_eq!(lon, json!("73,1"));
        // Saving drops the draft: a new project starts clean.
        app.type_into("[data-path=name_kk]", "Зауыт жобасы").await?;
        app.click("[data-role=editor-save]").await?;
        app.wait_js("the project saved", "return !document.querySelector('[data-role=editor]')", 30).await?;
        app.click("[data-role=new-project]").await?;
        app.css("[data-path=name_ru]").await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let offered = app.js("return !document.querySelector('[data-role=draft-offer]').hidden").await?;
        ensure_eq!(offered, json!(false));
        Ok(())
    })
    .await
}

/// Sends a key to the page as the keyboard does (to the focused element, bubbling up).
async fn press(app: &App, key: &str) -> Res {
    app.js(&format!(
        "(document.activeElement || document.body).dispatchEvent(new KeyboardEvent('keydown', {{key: {}, bubbles: true}}))",
        serde_json::to_string(key)?
    ))
    .await?;
    tokio::time::sleep(Duration::from_millis(200)).await;
    Ok(())
}

/// A line drawn with clicks ends with Enter, and Enter again is "Done"; Escape drops an
/// unfinished shape, and Escape again leaves drawing without changing the location.
#[tokio::test]
async fn line_is_finished_with_enter_and_escape_cancels() -> Res {
    let m = Machine::new()?;
    indmap_api::Indmap::init(&m.db, indmap_api::core::Scope::Ministry, env())?;
    run_app("geo_draw_line", &m, async |app| {
        wait_ready(app).await?;
        app.click("[data-role=new-project]").await?;
        app.choose("[data-role=geom-kind]", "LineString").await?;
        app.click("[data-role=draw-on-map]").await?;
        app.css("[data-role=draw-bar]").await?;
        let (cx, cy) = map_centre(app).await?;
        click_at(app, cx - 60.0, cy, false).await?;
        click_at(app, cx, cy + 20.0, false).await?;
        click_at(app, cx + 60.0, cy, false).await?;
        press(app, "Enter").await?; // ends the line
        ensure!(app.text("[data-role=draw-status]").await?.contains('3'));
        press(app, "Enter").await?; // done: back in the editor
        app.wait_js("the editor back", "return !document.querySelector('[data-role=draw-bar]')", 10).await?;
        let text = app.js("return document.querySelector('[data-role=geom-text]').value").await?;
        let g: Value = serde_json::from_str(text.as_str().unwrap_or_default())?;
        ensure_eq!(g["type"], json!("LineString"));
        ensure_eq!(g["coordinates"].as_array().map(Vec::len), Some(3));

        // Escape twice: the half-drawn second line is dropped and the first one kept.
        app.click("[data-role=draw-on-map]").await?;
        app.css("[data-role=draw-bar]").await?;
        click_at(app, cx - 30.0, cy - 60.0, false).await?;
        click_at(app, cx + 30.0, cy - 60.0, false).await?;
        press(app, "Escape").await?;
        ensure!(app.js("return !!document.querySelector('[data-role=draw-bar]')").await?.as_bool() == Some(true));
        press(app, "Escape").await?;
        app.wait_js("the editor back", "return !document.querySelector('[data-role=draw-bar]')", 10).await?;
        let again = app.js("return document.querySelector('[data-role=geom-text]').value").await?;
        ensure_eq!(again, text);
        Ok(())
    })
    .await
}

/// Without WebGL there is no map to draw on: the coordinates text area is the way, and a
/// polygon typed there is saved as the project's Polygon.
#[tokio::test]
async fn without_webgl_a_polygon_is_entered_as_coordinates() -> Res {
    let m = Machine::karaganda()?;
    run_app_with("geo_no_webgl", &m, &[("INDMAP_NO_WEBGL", "1")], async |app| {
        app.wait_window().await?;
        app.click("[data-role=new-project]").await?;
        app.type_into("[data-path=name_kk]", "Қойма кешені").await?;
        app.type_into("[data-path=name_ru]", "Складской комплекс").await?;
        ensure!(
            app.js("return document.querySelector('[data-role=draw-on-map]') === null").await?.as_bool() == Some(true)
        );
        app.click("[data-role=geom-text-box] summary").await?;
        // A typo first: the text is refused by the field, nothing changes.
        app.type_into("[data-role=geom-text]", "{\"type\": \"Polygon\", \"coordinates\": [[73.0, 49.7]]}").await?;
        app.click("[data-role=geom-apply]").await?;
        let err = app.text("[data-role=geom-text-error]").await?;
        ensure!(!err.is_empty(), "the coordinates problem is shown");
        app.type_into(
            "[data-role=geom-text]",
            "{\"type\": \"Polygon\", \"coordinates\": [[[73.0, 49.7], [73.2, 49.7], [73.2, 49.9], [73.0, 49.7]]]}",
        )
        .await?;
        app.click("[data-role=geom-apply]").await?;
        ensure!(app.text("[data-role=geom-summary]").await?.contains('3'));
        // A ring that is not closed is the API's to refuse, next to the location field.
        app.type_into(
            "[data-role=geom-text]",
            "{\"type\": \"Polygon\", \"coordinates\": [[[73.0, 49.7], [73.2, 49.7], [73.2, 49.9], [73.1, 49.95]]]}",
        )
        .await?;
        app.click("[data-role=geom-apply]").await?;
        app.click("[data-role=editor-save]").await?;
        let problem = app.text("[data-field=geometry] .field-problem").await?;
        ensure!(problem.contains("closed"), "the ring problem by the location field: {problem}");
        app.shot_to(SHOTS, "no-webgl-geometry-problem").await?;
        app.click("[data-role=editor-undo]").await?;
        app.click("[data-role=editor-save]").await?;
        app.wait_js("the project saved", "return !document.querySelector('[data-role=editor]')", 30).await?;
        Ok(())
    })
    .await?;
    let db = indmap_api::Indmap::open(&m.db, env())?;
    let projects = db.list(&Default::default())?;
    assert_eq!(projects.len(), 1);
    let g = serde_json::to_value(indmap_api::core::feature::project_to_feature(&projects[0]).geometry)?;
    assert_eq!(g["type"], json!("Polygon"), "{g}");
    Ok(())
}
