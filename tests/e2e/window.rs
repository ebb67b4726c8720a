//! The main window: the map and the list, filters, the editor, languages, text from data shown
//! as text, the first start and a window without WebGL.

use crate::harness::*;
use serde_json::json;
use std::process::Command;
use std::time::{Duration, Instant};

/// The sample map opens with its projects on the map and in the list, and the time from launch
/// to the first painted map is printed (2,000 projects).
#[tokio::test]
async fn sample_map_shows_projects_on_map_and_in_list() -> Res {
    let m = Machine::new()?;
    sample_db(&m.db, 2000)?;
    run_app("sample_map", &m, async |app| {
        let started = app.started;
        let (points, painted) = app.map_points().await?;
        let elapsed = started.elapsed();
        println!("launch to first painted map with 2,000 projects: {:.2} s", elapsed.as_secs_f64());
        ensure_eq!(points, 2000); // every sample project has a point on the map
        ensure!(painted >= 1900, "the map paints (nearly) all projects at country zoom, painted {painted}");
        ensure_eq!(app.table_rows().await?, 2000); // the list shows every project
        let count = app.text("[data-role=s-count] strong").await?;
        ensure_eq!(count.replace([' ', '\u{a0}'], ""), "2000"); // the summary counts them
        if let Some(path) = std::env::var_os("INDMAP_SCREENSHOT") {
            // The picture in the README: the whole country, shaded by investment.
            app.choose("[data-role=choropleth]", "cost").await?;
            tokio::time::sleep(Duration::from_secs(3)).await;
            std::fs::write(path, app.c().screenshot().await?)?;
        }
        // With national figures (2,000 projects, trillions of tenge) every view of the summary
        // bar is still in the window: the bar wraps instead of clipping the last ones.
        let views = app
            .js("return ['s-alerts', 'gantt-button', 'dashboard-button', 'effectiveness-button'].map(r => { \
                   const b = document.querySelector(`[data-role=${r}]`).getBoundingClientRect(); \
                   return b.width > 0 && b.right <= window.innerWidth && b.bottom <= window.innerHeight; })")
            .await?;
        ensure_eq!(views, json!([true, true, true, true]));
        for role in ["s-alerts", "gantt-button", "dashboard-button", "effectiveness-button"] {
            app.ensure_readable(role, &format!("[data-role={role}]")).await?;
        }
        // Every status of the legend is in sight at once, none scrolled away (7 of 13 were).
        let legend = app
            .js("const l = document.querySelector('[data-role=legend]') || document.querySelector('.legend'); \
                 const box = l.getBoundingClientRect(); \
                 const items = [...l.querySelectorAll('.legend-items .legend-item')]; \
                 return [items.length, items.filter(i => { const r = i.getBoundingClientRect(); \
                   return r.height > 0 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1; }).length, l.scrollHeight - l.clientHeight]")
            .await?;
        let legend: (usize, usize, f64) = serde_json::from_value(legend)?;
        ensure!(legend.0 >= 13 && legend.1 == legend.0 && legend.2.le(&1.0), "statuses in the legend, in sight, overflow: {legend:?}");
        // The legend, grown tall, covers no zoom button.
        let covered = app
            .js("const l = document.querySelector('[data-role=legend]').getBoundingClientRect(); \
                 return [...document.querySelectorAll('.maplibregl-ctrl-zoom-in, .maplibregl-ctrl-zoom-out')].map(b => { \
                   const r = b.getBoundingClientRect(); return r.width > 0 && r.left < l.right && r.right > l.left && r.top < l.bottom && r.bottom > l.top; })")
            .await?;
        ensure_eq!(covered, json!([false, false]));
        app.shot_to("/tmp/window-helper", "sample-map").await?;
        // Shaded by investment, the legend's ramp is a bar of colours as wide as the legend (its
        // cells once shared a wrapping line with the labels and had no width).
        app.choose("[data-role=choropleth]", "cost").await?;
        let widths = app
            .wait_js(
                "the ramp",
                "const r = document.querySelector('[data-role=legend-ramp] .ramp-bar'); \
                 return r ? [r.getBoundingClientRect().width, ...[...r.children].map(c => c.getBoundingClientRect().width)] : null",
                30,
            )
            .await?;
        let widths: Vec<f64> = serde_json::from_value(widths)?;
        ensure!(widths[0].ge(&100.0) && widths[1..].iter().all(|w| w.ge(&5.0)), "the ramp's bar and cells: {widths:?}");
        app.choose("[data-role=choropleth]", "none").await?;
        // Selecting a row selects the project on the map and shows its card.
        app.click("[data-role=rows] tr:nth-child(3) td:nth-child(2)").await?;
        let name = app.text("[data-role=rows] tr:nth-child(3) td:nth-child(2)").await?;
        ensure_eq!(app.text("[data-role=card-name]").await?, name);
        app.click("[data-role=card] button.icon").await?;
        Ok(())
    })
    .await
}

/// Choosing a region narrows the list, the map and the summary to the same projects.
#[tokio::test]
async fn filtering_by_region_narrows_map_and_list() -> Res {
    let m = Machine::new()?;
    sample_db(&m.db, 300)?;
    let in_karaganda = {
        let db = indmap_api::Indmap::open(&m.db, env())?;
        db.view(&indmap_api::ViewFilter { regions: vec!["35".into()], ..Default::default() })?.rows.len() as u64
    };
    assert!(in_karaganda > 0 && in_karaganda < 300);
    run_app("filter_region", &m, async |app| {
        let (all, _) = app.map_points().await?;
        ensure_eq!(all, 300);
        app.choose("[data-role=f-region]", "35").await?;
        app.wait_js(
            "the list to narrow to Karaganda",
            &format!("return document.querySelectorAll('[data-role=rows] tr').length === {in_karaganda}"),
            30,
        )
        .await?;
        let regions = app
            .js("return [...document.querySelectorAll('[data-role=rows] tr td:nth-child(3)')].map(td => td.textContent)")
            .await?;
        let regions: Vec<String> = serde_json::from_value(regions)?;
        ensure!(regions.iter().all(|r| *r == regions[0]), "one region only: {regions:?}");
        app.wait_js(
            "the map to show the same projects",
            &format!(
                "const m = document.querySelector('[data-role=map]'); return Number(m.dataset.points) === {in_karaganda} && Number(m.dataset.rendered) === {in_karaganda}"
            ),
            60,
        )
        .await?;
        let count = app.text("[data-role=s-count] strong").await?;
        ensure_eq!(count.replace([' ', '\u{a0}'], ""), in_karaganda.to_string());
        Ok(())
    })
    .await
}

/// A project entered through the editor, with two financing rows and an action item, is still
/// there after the app restarts.
#[tokio::test]
async fn project_created_in_editor_survives_restart() -> Res {
    let m = Machine::karaganda()?;
    run_app("editor_create", &m, async |app| {
        app.wait_window().await?;
        app.click("[data-role=new-project]").await?;
        app.type_into("[data-path=name_kk]", "Ферроқорытпа зауыты").await?;
        app.type_into("[data-path=name_ru]", "Ферросплавный завод Сарыарка").await?;
        app.type_into("[data-path=initiator_bin]", "12345678901").await?; // 11 digits: refused
        app.type_into("[data-path='geometry.lon']", "73,1").await?;
        app.type_into("[data-path='geometry.lat']", "49,8").await?;
        app.type_into("[data-path=cost_kzt]", "35 000").await?;
        app.click("[data-role=add-financing]").await?;
        app.click("[data-role=add-financing]").await?;
        app.choose("[data-path='financing[0].source']", "own_funds").await?;
        app.type_into("[data-path='financing[0].amount_kzt']", "15 000").await?;
        app.choose("[data-path='financing[1].source']", "dbk").await?;
        app.type_into("[data-path='financing[1].amount_kzt']", "20 000").await?;
        app.type_into("[data-path='financing[1].year']", "2027").await?;
        let balance = app.text("[data-role=financing-sum]").await?;
        ensure!(balance.contains("35") && balance.contains("млрд"), "live sum of financing: {balance}");
        app.click("[data-role=add-actions]").await?;
        app.type_into("[data-path='actions[0].title']", "Подключить к электросетям").await?;
        app.click("[data-role=editor-save]").await?;
        // The BIN is refused next to its field, and nothing is saved.
        let problem = app.text("[data-field=initiator_bin] .field-problem").await?;
        ensure!(problem.contains("12"), "the BIN problem is shown by the field: {problem}");
        app.type_into("[data-path=initiator_bin]", "").await?;
        app.click("[data-role=editor-save]").await?;
        app.wait_js(
            "the new project in the list",
            "return document.querySelectorAll('[data-role=rows] tr').length === 1",
            30,
        )
        .await?;
        Ok(())
    })
    .await?;

    // What the database holds, read without the window.
    let db = indmap_api::Indmap::open(&m.db, env())?;
    let projects = db.list(&Default::default())?;
    assert_eq!(projects.len(), 1);
    let p = &projects[0];
    assert_eq!(p.name_ru, "Ферросплавный завод Сарыарка");
    assert_eq!(p.financing.len(), 2);
    assert_eq!(p.financing[1].amount.minor(), 20_000_000_000 * 100);
    assert_eq!(p.financing[1].source, "dbk");
    assert_eq!(p.actions.len(), 1);
    assert_eq!(p.cost.map(|c| c.minor()), Some(35_000_000_000 * 100));
    let code = p.code.as_ref().map(|c| c.to_string()).unwrap_or_default();
    drop(db);

    run_app("editor_restart", &m, async |app| {
        app.wait_js(
            "the list after restart",
            "return document.querySelectorAll('[data-role=rows] tr').length === 1",
            60,
        )
        .await?;
        let row = app.text("[data-role=rows] tr").await?;
        ensure!(row.contains("Ферросплавный завод Сарыарка") && row.contains(&code), "{row}");
        app.click("[data-role=rows] tr td:nth-child(2)").await?;
        app.click("[data-role=card-edit]").await?;
        app.wait_js("the editor", "return document.querySelectorAll('[data-row=financing]').length === 2", 30).await?;
        let actions = app.js("return document.querySelector(\"[data-path='actions[0].title']\").value").await?;
        ensure_eq!(actions, json!("Подключить к электросетям"));
        // Leaving with unsaved changes asks first; undo takes the edit back.
        app.type_into("[data-path=name_ru]", "Другое название").await?;
        app.click("[data-role=editor-close]").await?;
        app.css("[data-role=dialog-cancel]").await?;
        app.click("[data-role=dialog-cancel]").await?;
        app.click("[data-role=editor-undo]").await?;
        let name = app.js("return document.querySelector('[data-path=name_ru]').value").await?;
        ensure_eq!(name, json!("Ферросплавный завод Сарыарка"));
        app.click("[data-role=editor-close]").await?;
        app.wait_js(
            "the editor to close without asking",
            "return !document.querySelector('[data-role=editor]') && !document.querySelector('.dialog')",
            10,
        )
        .await?;
        Ok(())
    })
    .await
}

/// Switching to Kazakh shows Kazakh labels, and the choice is remembered.
#[tokio::test]
async fn switching_to_kazakh_shows_kazakh_labels() -> Res {
    let m = Machine::new()?;
    sample_db(&m.db, 50)?;
    run_app("kazakh", &m, async |app| {
        app.map_points().await?;
        app.choose("[data-role=lang]", "kk").await?;
        app.wait_js("Kazakh labels", "return document.querySelector('.filters h2').textContent === 'Сүзгілер'", 15)
            .await?;
        ensure_eq!(app.text("[data-role=app-title]").await?, "Индустрияландыру картасы");
        ensure_eq!(app.text("[data-role=new-project]").await?, "+ Жаңа жоба");
        ensure_eq!(app.text("th[data-sort=region]").await?.trim(), "Өңір");
        let lang = app.js("return document.documentElement.lang").await?;
        ensure_eq!(lang, json!("kk"));
        Ok(())
    })
    .await?;
    run_app("kazakh_remembered", &m, async |app| {
        app.wait_js(
            "Kazakh after restart",
            "return document.querySelector('.filters h2')?.textContent === 'Сүзгілер'",
            60,
        )
        .await?;
        Ok(())
    })
    .await
}

/// A project named like markup is shown as text, and its markup never runs.
#[tokio::test]
async fn markup_in_a_name_is_shown_literally_and_runs_nothing() -> Res {
    let m = Machine::new()?;
    let name = "<img src=x onerror=alert(1)>";
    {
        // Astana's own map: there a deletion is a deletion (the ministry only proposes one for a
        // regional project).
        let astana = indmap_api::core::Scope::Region(indmap_api::core::RegionCode::parse("71").unwrap());
        let mut db = indmap_api::Indmap::init(&m.db, astana, env())?;
        let feature = json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [71.45, 51.17]},
            "properties": {"name_kk": name, "name_ru": name, "region": "71", "initiator": "<script>alert(2)</script>"}
        });
        db.add_projects(&feature.to_string())?;
    }
    run_app("markup", &m, async |app| {
        app.map_points().await?;
        let cell = app.text("[data-role=rows] tr td:nth-child(2)").await?;
        ensure_eq!(cell, name);
        app.click("[data-role=rows] tr td:nth-child(2)").await?;
        ensure_eq!(app.text("[data-role=card-name]").await?, name);
        let images = app.js("return document.querySelectorAll('img, script:not([src])').length").await?;
        ensure_eq!(images, json!(0)); // no element was made from the name
        tokio::time::sleep(Duration::from_millis(500)).await;
        ensure!(app.c().get_alert_text().await.is_err(), "no alert is open");
        // Deleting asks for confirmation, with the name shown as text.
        app.click("[data-role=card-delete]").await?;
        let question = app.text(".dialog p").await?;
        ensure!(question.contains(name), "the question names the project: {question}");
        app.type_into(".dialog-input", "entered twice").await?;
        app.click("[data-role=dialog-ok]").await?;
        app.wait_js("the list to be empty", "return document.querySelectorAll('[data-role=rows] tr').length === 0", 15)
            .await?;
        Ok(())
    })
    .await
}

/// With no database at all the window offers to create one, to open a file or to explore the
/// sample; creating one for a region opens it.
#[tokio::test]
async fn first_start_offers_create_open_and_sample() -> Res {
    let m = Machine::new()?;
    // INDMAP_DB names a file that is not there: the start screen says so and offers the choices.
    run_app("first_start", &m, async |app| {
        let t0 = Instant::now();
        app.wait_js(
            "the start screen",
            "const s = document.querySelector('[data-role=start]'); return s && !s.hidden",
            60,
        )
        .await?;
        for role in ["start-create", "start-open", "start-sample"] {
            app.css(&format!("[data-role={role}]")).await?;
        }
        app.choose("[data-role=start-scope]", "region:35").await?;
        let path = app.js("return document.querySelector('[data-role=start-open-path]').value").await?;
        let _ = path;
        let db_path = serde_json::to_string(&m_path())?;
        app.js(&format!("document.querySelector('[data-role=start-create-path]').value = {db_path}")).await?;
        app.click("[data-role=start-create]").await?;
        app.wait_js(
            "the new map",
            "return document.querySelector('[data-role=status-file]')?.textContent.endsWith('created.sqlite')",
            30,
        )
        .await?;
        let scope = app.text("[data-role=status-scope]").await?;
        ensure!(scope.contains("Караганд"), "the status bar names the scope: {scope}");
        println!("first start to a created map: {:.1} s", t0.elapsed().as_secs_f64());
        Ok(())
    })
    .await
}

fn m_path() -> String {
    std::env::temp_dir().join(format!("indmap-e2e-{}-created.sqlite", std::process::id())).display().to_string()
}

/// Without WebGL the window still works: a still map picture with the projects, a notice that
/// says why, and the list.
#[tokio::test]
async fn without_webgl_a_still_map_and_the_list_remain() -> Res {
    let m = Machine::new()?;
    sample_db(&m.db, 100)?;
    run_app_with("no_webgl", &m, &[("INDMAP_NO_WEBGL", "1")], async |app| {
        let (points, _) = app.map_points().await?;
        ensure_eq!(points, 100);
        let dots = app.js("return document.querySelectorAll('svg.static-map circle').length").await?;
        ensure_eq!(dots, json!(100));
        let notice = app.text("[data-role=webgl-missing]").await?;
        ensure!(notice.contains("WebGL 2"), "the notice says why: {notice}");
        ensure_eq!(app.table_rows().await?, 100);
        app.click("svg.static-map circle").await?;
        app.css("[data-role=card-name]").await?;
        if let Some(dir) = std::env::var_os("INDMAP_SHOTS") {
            std::fs::write(std::path::Path::new(&dir).join("no-webgl.png"), app.c().screenshot().await?)?;
        }
        Ok(())
    })
    .await
}

/// The page's web process dies (killed, as a WebKit crash ends it): the window notices and loads
/// its page again in a new web process, and the app goes on. (WebKit's WebDriver ends its
/// session when the page crashes, so what the reloaded page shows is not read here; the
/// editor's drafts are in the page's storage, which the web process does not hold.)
#[tokio::test]
async fn a_crashed_page_is_loaded_again() -> Res {
    let m = Machine::karaganda()?;
    run_app("page_crash", &m, async |app| {
        app.wait_window().await?;
        let before = web_processes_of_the_app();
        ensure!(!before.is_empty(), "no web process of the app found");
        for pid in &before {
            Command::new("kill").args(["-KILL", pid]).status()?;
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let now = web_processes_of_the_app();
            if !now.is_empty() && now.iter().all(|p| !before.contains(p)) {
                break;
            }
            ensure!(Instant::now() < deadline, "no new web process: the page was not loaded again");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        ensure!(
            app.app_output().contains("the window's page ended (Crashed); loading it again"),
            "{}",
            app.app_output()
        );
        Ok(())
    })
    .await
}

/// The web processes of the running app (WebKit names them `WebKitWebProcess`).
fn web_processes_of_the_app() -> Vec<String> {
    let pids = |args: &[&str]| -> Vec<String> {
        let out = Command::new("pgrep").args(args).output().map(|o| o.stdout).unwrap_or_default();
        String::from_utf8_lossy(&out).split_whitespace().map(str::to_owned).collect()
    };
    pids(&["-x", "indmap-desktop"]).iter().flat_map(|app| pids(&["-P", app, "-f", "WebKitWebProcess"])).collect()
}
