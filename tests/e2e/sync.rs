//! End-to-end tests of the exchange screens: the import wizard's preview and apply, the conflict
//! review, the proposals review, the history panel and a damaged file refused. The databases and
//! files are prepared through indmap-api; the window is the real app under Xvfb.

use crate::harness::*;
use chrono::{TimeZone, Utc};
use indmap_api::core::{RegionCode, Scope};
use indmap_api::{Env, Indmap};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

const SHOTS: &str = "/tmp/sync-helper";

/// A database's environment: its own ids (a seed apart), a fixed clock.
fn env_of(user: &str, seed: u64) -> Env {
    let mut env = Env::fixed(user, Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap());
    env.ids = Box::new(indmap_api::CountingIds { unix_millis: 1_764_000_000_000 + seed * 1_000_000, next: 0 });
    env
}

fn karaganda() -> Scope {
    Scope::Region(RegionCode::parse("35").unwrap())
}

fn project(name: &str, lon: f64, lat: f64) -> String {
    json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": {
        "name_kk": format!("{name} зауыты"), "name_ru": format!("Завод {name}"), "region": "35", "status": "design",
        "sector": "metallurgy", "cost_kzt": 1_000_000_000, "jobs_permanent": 100, "start_date": "2025-01-01",
    }})
    .to_string()
}

fn patch(props: Value) -> String {
    json!({"type": "Feature", "geometry": null, "properties": props}).to_string()
}

fn moved(lon: f64, lat: f64) -> String {
    json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": {}}).to_string()
}

fn prop(db: &Indmap, code: &str, key: &str) -> Value {
    indmap_api::core::feature::project_properties(&db.find(code).unwrap())[key].clone()
}

/// What the tests exchange: the app's database is Karaganda's first planner (A). A second
/// planner (B) edited the same cost and moved the same project as A (two conflicts), edited a
/// project A deleted (a third), changed a status and added a project; the ministry proposed new jobs for a Karaganda project.
struct World {
    b_file: PathBuf,
    m_file: PathBuf,
    ids: Vec<(String, String)>,
}

fn world(dir: &Path, db: &Path) -> Res<World> {
    let mut a = Indmap::init(db, karaganda(), env_of("planner-a", 1))?;
    for (name, lon, lat) in
        [("Теміртау", 72.96, 50.06), ("Балқаш", 74.98, 46.85), ("Жезқазған", 67.71, 47.78), ("Сәтбаев", 67.53, 47.90)]
    {
        a.add_projects(&project(name, lon, lat))?;
    }
    let a_file = dir.join("karaganda-a.gpkg");
    a.export(&a_file, None)?;
    let mut b = Indmap::init(&dir.join("b.sqlite"), karaganda(), env_of("planner-b", 2))?;
    b.import(&a_file, false)?;
    let mut m = Indmap::init(&dir.join("m.sqlite"), Scope::Ministry, env_of("ministry", 3))?;
    m.import(&a_file, false)?;

    a.update_project("35-0001", &patch(json!({"cost_kzt": 1_200_000_000})))?;
    a.update_project("35-0002", &moved(75.10, 46.90))?;
    b.update_project("35-0001", &patch(json!({"cost_kzt": 1_500_000_000})))?;
    b.update_project("35-0002", &moved(74.70, 46.70))?;
    b.update_project("35-0002", &patch(json!({"status": "construction"})))?;
    b.add_projects(&project("Сарань", 73.27, 49.80))?;
    a.delete_project("35-0004", Some("duplicate"))?;
    b.update_project("35-0004", &patch(json!({"jobs_permanent": 150})))?;
    assert_eq!(m.update_project("35-0003", &patch(json!({"jobs_permanent": 300})))?.proposed, 1);
    assert_eq!(m.update_project("35-0003", &patch(json!({"status": "construction"})))?.proposed, 1);

    let b_file = dir.join("karaganda-b.gpkg");
    b.export(&b_file, None)?;
    let m_file = dir.join("ministry.gpkg");
    m.export(&m_file, None)?;
    let ids = ["35-0001", "35-0002", "35-0003"]
        .iter()
        .map(|c| Ok((c.to_string(), a.find(c)?.id.to_string())))
        .collect::<Res<_>>()?;
    Ok(World { b_file, m_file, ids })
}

fn js_str(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

async fn open_menu_item(app: &App, role: &str) -> Res {
    app.click("[data-role=sx-menu]").await?;
    app.click(&format!("[data-role=sx-menu-list] [data-role={role}]")).await?;
    Ok(())
}

async fn count(app: &App, selector: &str) -> Res<u64> {
    let sel = js_str(selector);
    Ok(app.js(&format!("return document.querySelectorAll({sel}).length")).await?.as_u64().unwrap_or(0))
}

/// The Exchange menu is read, not only found: in each language every item stands out from the
/// menu's white (its items were once white on white, painted by the top bar's button colours).
#[tokio::test]
async fn exchange_menu_can_be_read_in_every_language() -> Res {
    let m = Machine::new()?;
    world(m.dir.path(), &m.db)?;
    run_app("sync_menu_readable", &m, async |app| {
        app.wait_js("the list", "return document.querySelectorAll('[data-role=rows] tr').length === 3", 60).await?;
        for lang in ["ru", "kk", "en"] {
            app.choose("[data-role=lang]", lang).await?;
            app.wait_js("the language", &format!("return document.documentElement.lang === '{lang}'"), 10).await?;
            app.ensure_readable(&format!("the top bar ({lang})"), ".topbar").await?;
            app.click("[data-role=sx-menu]").await?;
            app.css("[data-role=sx-menu-list]").await?;
            ensure_eq!(count(app, "[data-role=sx-menu-list] [role=menuitem]").await?, 7);
            app.ensure_readable(&format!("the Exchange menu ({lang})"), "[data-role=sx-menu-list]").await?;
            app.shot_to(SHOTS, &format!("exchange-menu-{lang}")).await?;
            app.click("[data-role=sx-menu]").await?;
            app.wait_js("the menu to close", "return !document.querySelector('[data-role=sx-menu-list]')", 10).await?;
        }
        Ok(())
    })
    .await
}

/// A conflict's own value is typed in the unit its box shows: money in millions of tenge, as
/// the editor takes it. Text that is no number is refused beside the box; a value more than ten
/// times off (tenge typed into a box of millions) is asked about, and correcting it writes
/// nothing; "1 350,5" writes 1 350,5 mln ₸.
#[tokio::test]
async fn conflict_value_is_read_in_the_unit_its_box_shows() -> Res {
    let m = Machine::new()?;
    let w = world(m.dir.path(), &m.db)?;
    Indmap::open(&m.db, env_of("planner-a", 1))?.import(&w.b_file, false)?;
    let cost = "[data-role=sx-conflict][data-field=cost_kzt]";
    run_app("sync_conflict_unit", &m, async |app| {
        app.wait_js("the list", "return document.querySelectorAll('[data-role=rows] tr').length === 4", 60).await?;
        open_menu_item(app, "sx-conflicts").await?;
        app.wait_js("three conflicts", "return document.querySelectorAll('[data-role=sx-conflict]').length === 3", 30).await?;
        let unit = app.text(&format!("{cost} [data-role=sx-value-unit]")).await?;
        ensure_eq!(unit, "млн ₸");
        app.ensure_readable("the conflict review", "[data-role=sx-conflicts-panel]").await?;
        let value = format!("{cost} [data-role=sx-value]");
        let set = format!("{cost} [data-role=sx-set-value]");

        app.type_into(&value, "много").await?;
        app.click(&set).await?;
        let problem = app.wait_js("the problem beside the box", &format!("const p = document.querySelector('{cost} [data-role=sx-value-problem]'); return !p.hidden && p.textContent"), 10).await?;
        ensure!(problem.as_str().is_some_and(|p| !p.is_empty()), "a reason is shown: {problem}");
        app.ensure_readable("the value's problem", &format!("{cost} [data-role=sx-value-problem]")).await?;

        app.type_into(&value, "1350500000").await?;
        app.click(&set).await?;
        let question = app.wait_js("the question about the scale", "const d = document.querySelector('.dialog'); return d && d.textContent", 10).await?;
        ensure!(question.as_str().is_some_and(|q| q.contains("1,2") && q.contains("1,5")), "names the values replaced: {question}");
        app.shot_to(SHOTS, "conflict-scale-question").await?;
        app.click("[data-role=dialog-cancel]").await?;
        ensure_eq!(count(app, "[data-role=sx-conflict]").await?, 3);

        app.type_into(&value, "1 350,5").await?;
        app.click(&set).await?;
        app.wait_js("the cost conflict to go", "return document.querySelectorAll('[data-role=sx-conflict]').length === 2", 30).await?;
        ensure_eq!(count(app, ".dialog").await?, 0);
        Ok(())
    })
    .await?;
    let a = Indmap::open(&m.db, env_of("check", 9))?;
    assert_eq!(prop(&a, "35-0001", "cost_kzt"), json!(1_350_500_000), "1 350,5 in a box of millions is 1 350,5 mln ₸");
    assert_eq!(a.conflicts()?.len(), 2, "only the cost was settled");
    Ok(())
}

/// The wizard previews two files (counts and totals as the API says), saves a merge bill and
/// imports them; the list reloads. The conflict review shows both values (and both locations),
/// Take theirs settles the cost; a proposal is accepted; the history names the file a change
/// came with. The database file says the same afterwards.
#[tokio::test]
async fn import_wizard_conflicts_proposals_and_history() -> Res {
    let m = Machine::new()?;
    let w = world(m.dir.path(), &m.db)?;
    // What the API itself says the files would do (a dry run changes nothing).
    let (expect_b, expect_m) = {
        let mut a = Indmap::open(&m.db, env_of("planner-a", 1))?;
        let b = a.import(&w.b_file, true)?;
        let mm = a.import(&w.m_file, true)?;
        (b, mm)
    };
    assert_eq!((expect_b.added.len(), expect_b.conflicts.len()), (1, 3), "the scenario: one added, three conflicts");
    assert_eq!(expect_m.proposals, 2);
    let bill = m.dir.path().join("bill.xlsx");
    run_app("sync_wizard", &m, async |app| {
        app.wait_js("the list", "return document.querySelectorAll('[data-role=rows] tr').length === 3", 60).await?;
        open_menu_item(app, "sx-import").await?;
        app.type_into("[data-role=sx-import-files]", &format!("{}; {}", w.b_file.display(), w.m_file.display())).await?;
        app.click("[data-role=sx-preview]").await?;
        app.wait_js("the preview of both files", "return document.querySelectorAll('[data-role=sx-report]').length === 2", 60)
            .await?;
        let counts = app
            .js("const r = document.querySelectorAll('[data-role=sx-report]'); const c = (i, k) => Number(r[i].querySelector(`[data-role=sx-count-${k}]`).dataset.count); return [c(0,'added'), c(0,'changed'), c(0,'conflicts'), c(0,'refused'), c(1,'added')]")
            .await?;
        ensure_eq!(counts, json!([expect_b.added.len(), expect_b.changed.len(), expect_b.conflicts.len(), 0, expect_m.added.len()]));
        let second = app
            .js("return document.querySelectorAll('[data-role=sx-report]')[1].querySelector('[data-role=sx-count-proposals]').textContent")
            .await?;
        ensure!(second.as_str().is_some_and(|s| s.ends_with(": 2")), "the ministry's proposals are counted: {second}");
        // Each file names the key that signed it, to be confirmed by phone the first time.
        let fingerprint = app.text("[data-role=sx-report] [data-role=sx-fingerprint]").await?;
        ensure_eq!(Some(fingerprint.trim().to_owned()), expect_b.signature.fingerprint.clone());
        app.ensure_readable("the signature line", "[data-role=sx-report] [data-role=sx-signature]").await?;
        // The ministry's key is new here: its file waits until the planner confirms it.
        let waiting = app.js("const s = document.querySelectorAll('[data-role=sx-report]')[1].querySelector('[data-role=sx-signature]'); return s.dataset.state").await?;
        ensure_eq!(waiting, json!("sx_signed_confirm"));
        app.js("document.querySelectorAll('[data-role=sx-report]')[1].scrollIntoView()").await?;
        app.ensure_readable("the ministry's key to confirm", "[data-role=sx-signature][data-state=sx_signed_confirm]").await?;
        app.shot_to(SHOTS, "wizard-confirm-ministry").await?;
        app.click("[data-role=sx-signature][data-state=sx_signed_confirm] [data-role=sx-trust]").await?;
        let question = app.wait_js("the question", "const d = document.querySelector('.dialog'); return d && d.textContent", 10).await?;
        let ministry_fp = expect_m.signature.fingerprint.clone().unwrap();
        ensure!(question.as_str().is_some_and(|q| q.contains(&ministry_fp)), "names the fingerprint: {question}");
        app.click("[data-role=dialog-ok]").await?;
        app.wait_js("the preview again, the key trusted", "const r = document.querySelectorAll('[data-role=sx-report]'); return r.length === 2 && r[1].querySelector('[data-role=sx-signature]').dataset.state === 'sx_signed'", 30).await?;
        // Totals before → after of the first file: 3 projects → 4.
        let totals = app.text("[data-role=sx-t-projects]").await?;
        ensure!(totals.contains('3') && totals.contains('4'), "projects before → after: {totals}");
        // The changed status is listed field by field.
        app.js("document.querySelectorAll('details').forEach(d => d.open = true)").await?;
        let changed = app.text("[data-role=sx-sec-changed]").await?;
        ensure!(changed.contains("35-0002") && changed.contains('→'), "changed field by field: {changed}");
        app.shot_to(SHOTS, "wizard-preview").await?;
        // The merge bill of the first file, as a workbook and as a PDF (by the extension).
        for path in [&bill, &bill.with_extension("pdf")] {
            app.click("[data-role=sx-save-bill]").await?;
            app.type_into("[data-role=sx-bill-path]", &path.display().to_string()).await?;
            app.click("[data-role=sx-bill-save]").await?;
            app.wait_js("the bill panel to close", "return !document.querySelector('[data-role=sx-bill]')", 20)
                .await?;
            ensure!(path.exists(), "the merge bill {} was written", path.display());
        }
        // Apply: a backup is taken, the list reloads with the added project.
        app.click("[data-role=sx-apply]").await?;
        app.wait_js("the import to finish", "return document.querySelector('[data-role=sx-backup]') !== null", 60).await?;
        app.wait_js("the list to reload", "return document.querySelectorAll('[data-role=rows] tr').length === 4", 30).await?;
        app.wait_js("the badges", "const c = document.querySelector('[data-role=sx-badge-conflicts]'); const p = document.querySelector('[data-role=sx-badge-proposals]'); return !c.hidden && c.textContent === '3' && !p.hidden && p.textContent === '2'", 20).await?;

        // Conflicts: both values, both locations; Take theirs settles the cost.
        app.click("[data-role=sx-goto-conflicts]").await?;
        app.wait_js("three conflicts", "return document.querySelectorAll('[data-role=sx-conflict]').length === 3", 30).await?;
        let cost = "[data-role=sx-conflict][data-field=cost_kzt]";
        let mine = app.text(&format!("{cost} [data-role=sx-mine]")).await?;
        let theirs = app.text(&format!("{cost} [data-role=sx-theirs]")).await?;
        ensure!(mine.contains("1,2") && theirs.contains("1,5"), "ours {mine} / theirs {theirs}");
        let base = app.text(&format!("{cost} [data-role=sx-base]")).await?;
        ensure!(base.contains("1,0"), "the common version both planners changed: {base}");
        ensure_eq!(count(app, "[data-field=geometry] [data-role=sx-sketch-mine]").await?, 1);
        ensure_eq!(count(app, "[data-field=geometry] [data-role=sx-sketch-theirs]").await?, 1);
        app.shot_to(SHOTS, "conflict-review").await?;
        app.click(&format!("{cost} [data-role=sx-take-theirs]")).await?;
        app.wait_js("the cost conflict to go", "return document.querySelectorAll('[data-role=sx-conflict]').length === 2", 30).await?;
        // The deleted project was edited elsewhere: restore it, with that edit.
        let edit = app.text("[data-field=deleted] [data-role=sx-theirs]").await?;
        ensure!(edit.contains("150"), "the edit made without seeing the deletion: {edit}");
        app.click("[data-field=deleted] [data-role=sx-undelete]").await?;
        app.wait_js("the deletion conflict to go", "return document.querySelectorAll('[data-role=sx-conflict]').length === 1", 30).await?;
        app.wait_js("the restored project in the list", "return document.querySelectorAll('[data-role=rows] tr').length === 5", 30).await?;
        app.click("[data-field=geometry] [data-role=sx-keep-mine]").await?;
        app.wait_js("no conflicts left", "return document.querySelector('[data-role=sx-no-conflicts]') !== null", 30).await?;
        app.click("[data-role=sx-conflicts-panel] [data-role=sx-close]").await?;

        // The ministry's proposals: one accepted, one rejected with a reason, each confirmed.
        open_menu_item(app, "sx-proposals").await?;
        let jobs = "[data-role=sx-proposal][data-field=jobs_permanent]";
        let status = "[data-role=sx-proposal][data-field=status]";
        let value = app.text(&format!("{jobs} [data-role=sx-proposal-value]")).await?;
        ensure!(value.contains("300"), "the proposed jobs: {value}");
        let by = app.text(&format!("{jobs} [data-role=sx-proposal-by]")).await?;
        // The person, their map and the time in the window's words; no database id.
        ensure!(by.starts_with("ministry, ") && by.contains("25.11.2026"), "who proposed: {by}");
        ensure!(!by.contains("database") && !by.contains("T09:"), "who proposed: {by}");
        app.shot_to(SHOTS, "proposals").await?;
        app.click(&format!("{jobs} [data-role=sx-accept]")).await?;
        app.click("[data-role=dialog-ok]").await?;
        app.wait_js("the proposal accepted", &format!("return document.querySelector({}).dataset.status === 'accepted'", js_str(jobs)), 30).await?;
        app.click(&format!("{status} [data-role=sx-reject]")).await?;
        app.type_into(".dialog-input", "not built yet").await?;
        app.click("[data-role=dialog-ok]").await?;
        app.wait_js("the proposal rejected", &format!("return document.querySelector({}).dataset.status === 'rejected'", js_str(status)), 30).await?;
        app.wait_js("the badges to clear", "return document.querySelector('[data-role=sx-badge-conflicts]').hidden && document.querySelector('[data-role=sx-badge-proposals]').hidden", 20).await?;
        app.click("[data-role=sx-proposals-panel] [data-role=sx-close]").await?;

        // History of 35-0002: the status came with B's file.
        let id = &w.ids.iter().find(|(c, _)| c == "35-0002").unwrap().1;
        app.click(&format!("[data-role=rows] tr[data-id={}] td:nth-child(2)", js_str(id))).await?;
        app.click("[data-role=card-history]").await?;
        app.wait_js("the history", "return document.querySelectorAll('[data-role=sx-history-row]').length > 0", 30).await?;
        let status = app
            .js("const r = document.querySelector('[data-role=sx-history-row][data-field=status]'); return r && r.querySelector('[data-role=sx-history-file]').textContent")
            .await?;
        ensure_eq!(status, json!("karaganda-b.gpkg"));
        app.shot_to(SHOTS, "history").await?;
        Ok(())
    })
    .await?;

    // The database file, read without the window.
    let a = Indmap::open(&m.db, env_of("check", 9))?;
    assert!(a.conflicts()?.is_empty(), "every conflict settled");
    assert_eq!(prop(&a, "35-0001", "cost_kzt"), json!(1_500_000_000), "Take theirs wrote their cost");
    assert_eq!(prop(&a, "35-0003", "jobs_permanent"), json!(300), "the accepted proposal took effect");
    assert_eq!(prop(&a, "35-0003", "status"), json!("design"), "the rejected one did not");
    let rejected = a.proposals()?.into_iter().find(|p| p.field == "status").unwrap();
    assert_eq!((rejected.status.as_str(), rejected.reason.as_deref()), ("rejected", Some("not built yet")));
    assert_eq!(prop(&a, "35-0002", "status"), json!("construction"));
    assert_eq!(a.list(&Default::default())?.len(), 5, "four of A, one of B, the deleted one restored");
    assert_eq!(prop(&a, "35-0004", "jobs_permanent"), json!(150), "restored with the edit made meanwhile");
    assert!(!a.backups()?.is_empty(), "a backup was taken before the import");
    assert!(std::fs::read(&bill)?.starts_with(b"PK"), "the merge bill is a workbook");
    assert!(std::fs::read(bill.with_extension("pdf"))?.starts_with(b"%PDF"), "and a PDF");
    Ok(())
}

/// Two planners registered a project each before exchanging anything: both are 35-0001. The
/// window shows the later one as a project whose code the earlier one holds, in words a planner
/// reads (in Kazakh too); a code already used is refused and changes nothing; "Give the next free
/// code" settles it, and the database says 35-0002.
#[tokio::test]
async fn a_project_whose_code_another_holds_gets_a_new_code() -> Res {
    let m = Machine::new()?;
    let mut a = Indmap::init(&m.db, karaganda(), env_of("planner-a", 1))?;
    a.add_projects(&project("Теміртау", 72.96, 50.06))?;
    let mut b = Indmap::init(&m.dir.path().join("b.sqlite"), karaganda(), env_of("planner-b", 2))?;
    let later = b.add_projects(&project("Балқаш", 74.98, 46.85))?.added[0].0;
    let b_file = m.dir.path().join("karaganda-b.gpkg");
    b.export(&b_file, None)?;
    ensure_eq!(a.import(&b_file, false)?.conflicts.len(), 1);
    drop(a);
    let card = "[data-role=sx-conflict][data-kind=code]";
    run_app("sync_code_clash", &m, async |app| {
        app.wait_js("the list", "return document.querySelectorAll('[data-role=rows] tr').length === 2", 60).await?;
        app.choose("[data-role=lang]", "kk").await?;
        open_menu_item(app, "sx-conflicts").await?;
        app.wait_js("the code card", &format!("return !!document.querySelector({})", js_str(card)), 30).await?;
        let words = app.text(&format!("{card} [data-role=sx-code-clash]")).await?;
        ensure!(
            words.contains("35-0001") && words.contains("Завод Теміртау"),
            "names the code and its holder: {words}"
        );
        app.ensure_readable("the code card", card).await?;
        app.shot_to(SHOTS, "code-clash-kk").await?;

        app.type_into(&format!("{card} [data-role=sx-value]"), "35-0001").await?;
        app.click(&format!("{card} [data-role=sx-set-value]")).await?;
        let toast = app
            .wait_js("the refusal", "const t = document.querySelector('.toast.error'); return t && t.textContent", 10)
            .await?;
        ensure!(toast.as_str().is_some_and(|t| t.contains("басқа жобада бар")), "says the code is another's: {toast}");
        ensure_eq!(count(app, card).await?, 1);

        app.click(&format!("{card} [data-role=sx-new-code]")).await?;
        app.wait_js("no conflicts", "return !!document.querySelector('[data-role=sx-no-conflicts]')", 30).await?;
        Ok(())
    })
    .await?;
    let a = Indmap::open(&m.db, env_of("check", 9))?;
    ensure_eq!(a.conflicts()?.len(), 0);
    let codes: Vec<_> = a.list(&Default::default())?.into_iter().map(|p| (p.id, p.code.unwrap().to_string())).collect();
    ensure!(codes.contains(&(later, "35-0002".to_owned())), "the later project is 35-0002: {codes:?}");
    Ok(())
}

/// The ministry edits a Karaganda project's jobs: the field is Karaganda's, so nothing is
/// written and the window says the change went to the owner as a proposal (not "Saved").
#[tokio::test]
async fn an_edit_of_a_field_the_map_does_not_own_says_it_was_proposed() -> Res {
    let m = Machine::new()?;
    let mut k = Indmap::init(&m.dir.path().join("k.sqlite"), karaganda(), env_of("planner", 1))?;
    k.add_projects(&project("Теміртау", 72.96, 50.06))?;
    let file = m.dir.path().join("karaganda.gpkg");
    k.export(&file, None)?;
    let mut ministry = Indmap::init(&m.db, Scope::Ministry, env_of("ministry", 2))?;
    ministry.import(&file, false)?;
    let id = ministry.find("35-0001")?.id.to_string();
    drop(ministry);
    run_app("sync_edit_proposed", &m, async |app| {
        app.wait_js("the list", "return document.querySelectorAll('[data-role=rows] tr').length === 1", 60).await?;
        app.click(&format!("[data-role=rows] tr[data-id={}] td:nth-child(2)", js_str(&id))).await?;
        app.click("[data-role=card-edit]").await?;
        app.type_into("[data-path=jobs_permanent]", "250").await?;
        app.click("[data-role=editor-save]").await?;
        let toast = app
            .wait_js("the notice", "const t = document.querySelector('.toast'); return t && t.textContent", 30)
            .await?;
        let toast = toast.as_str().unwrap_or_default().to_owned();
        ensure!(toast.contains("35-0001") && toast.contains("предложено владельцу"), "says it was proposed: {toast}");
        ensure!(!toast.contains("Сохранено"), "does not say it was saved: {toast}");
        app.ensure_readable("the notice", ".toast").await?;
        Ok(())
    })
    .await?;
    let ministry = Indmap::open(&m.db, env_of("check", 9))?;
    ensure_eq!(prop(&ministry, "35-0001", "jobs_permanent"), json!(100));
    ensure_eq!(ministry.proposals()?.len(), 1);
    Ok(())
}

/// The ministry asks who has reported the third quarter (the last that ended by the clock):
/// Karaganda 1 of 2, the missing project named, marked late (its deadline, 10.10, has passed),
/// readable in Kazakh; the last periods side by side show the late cells; another period is
/// asked for.
#[tokio::test]
async fn the_ministry_sees_who_has_not_reported_a_quarter() -> Res {
    let m = Machine::new()?;
    let mut k = Indmap::init(&m.dir.path().join("k.sqlite"), karaganda(), env_of("planner", 1))?;
    k.add_projects(&project("Теміртау", 72.96, 50.06))?;
    k.add_projects(&project("Балқаш", 74.98, 46.85))?;
    k.set_report("35-0001", "2026-Q3", r#"{"progress_pct": 60}"#)?;
    let file = m.dir.path().join("karaganda.gpkg");
    k.export(&file, None)?;
    let mut ministry = Indmap::init(&m.db, Scope::Ministry, env_of("ministry", 2))?;
    ministry.import(&file, false)?;
    drop(ministry);
    let row = "[data-role=sx-rep-row][data-kato='35']";
    run_app("sync_reporting", &m, async |app| {
        app.wait_js("the list", "return document.querySelectorAll('[data-role=rows] tr').length === 2", 60).await?;
        app.choose("[data-role=lang]", "kk").await?;
        open_menu_item(app, "sx-reporting").await?;
        app.wait_js("the table", &format!("return !!document.querySelector({})", js_str(row)), 30).await?;
        ensure_eq!(app.js("return document.querySelector('[data-role=sx-rep-period]').value").await?, json!("2026-Q3"));
        ensure_eq!(app.text(&format!("{row} [data-role=sx-rep-count]")).await?, "1 / 2");
        ensure_eq!(app.text(&format!("{row} [data-role=sx-rep-codes]")).await?, "35-0002");
        ensure!(app.text(row).await?.contains("Қарағанды облысы"), "the region by its Kazakh name");
        ensure_eq!(app.text(&format!("{row} [data-role=sx-rep-state]")).await?, "Жүріп жатырмерзімі өтті");
        ensure_eq!(app.text("[data-role=sx-rep-deadline]").await?, "Есеп тапсыру мерзімі: 10.10.2026");
        app.ensure_readable("the late mark", &format!("{row} [data-role=sx-rep-late]")).await?;
        // Region × period: the third quarter's cell of Karaganda is late, 1 of 2.
        let q3 = "[data-role=sx-rep-periods] tr[data-kato='35'] td[data-period='2026-Q3']";
        app.wait_js("the periods table", &format!("return !!document.querySelector({})", js_str(q3)), 30).await?;
        ensure_eq!(app.text(q3).await?, "1 / 2");
        ensure_eq!(
            app.js(&format!("return document.querySelector({}).classList.contains('late')", js_str(q3))).await?,
            json!(true)
        );
        app.ensure_readable("the reporting table", "[data-role=sx-reporting-panel] [data-role=sx-rep-table]").await?;
        app.ensure_readable("the periods table", "[data-role=sx-rep-periods]").await?;
        app.shot_to(SHOTS, "reporting-kk").await?;
        app.type_into("[data-role=sx-rep-period]", "2026-Q2").await?;
        app.click("[data-role=sx-rep-show]").await?;
        let count = js_str(&format!("{row} [data-role=sx-rep-count]"));
        app.wait_js(
            "the second quarter",
            &format!("return document.querySelector({count}).textContent === '0 / 2'"),
            30,
        )
        .await?;
        Ok(())
    })
    .await
}

/// Karaganda's planner, in Kazakh, hands the third quarter in and approves it: the grid of an
/// approved quarter is locked with the reason and what to do, readable; withdrawing the approval
/// asks why, keeps the reason, and opens the quarter again.
#[tokio::test]
async fn an_approved_quarter_refuses_edits_until_its_approval_is_withdrawn_with_a_reason() -> Res {
    let m = Machine::new()?;
    let mut k = Indmap::init(&m.db, karaganda(), env_of("Әсел", 1))?;
    k.add_projects(&project("Теміртау", 72.96, 50.06))?;
    k.add_projects(&project("Балқаш", 74.98, 46.85))?;
    k.set_report("35-0001", "2026-Q3", r#"{"progress_pct": 60}"#)?;
    drop(k);
    let stage = "[data-role=sx-cycle-stage]";
    let stage_is = |text: &str| format!("return document.querySelector('{stage}')?.textContent === {}", js_str(text));
    run_app("sync_period_cycle", &m, async |app| {
        app.wait_js("the list", "return document.querySelectorAll('[data-role=rows] tr').length === 2", 60).await?;
        app.choose("[data-role=lang]", "kk").await?;
        open_menu_item(app, "sx-reporting").await?;
        app.wait_js("the period's stage", &stage_is("Ашық"), 30).await?;
        ensure_eq!(app.js("return document.querySelector('[data-role=sx-rep-period]').value").await?, json!("2026-Q3"));
        app.click("[data-role=sx-cycle-submit]").await?;
        app.click("[data-role=dialog-ok]").await?;
        app.wait_js("submitted", &stage_is("Тапсырылды"), 30).await?;
        app.click("[data-role=sx-cycle-approve]").await?;
        app.click("[data-role=dialog-ok]").await?;
        app.wait_js("approved", &stage_is("Бекітілді"), 30).await?;
        let acts = app.text("[data-role=sx-cycle-acts]").await?;
        // Signed by the window's user.
        ensure!(acts.contains("тапсырылды — e2e") && acts.contains("бекітілді — e2e"), "the acts: {acts}");
        app.ensure_readable("the period's stage", "[data-role=sx-cycle]").await?;
        app.shot_to(SHOTS, "cycle-approved-kk").await?;

        // The grid of the approved quarter: locked, saying why and what to do.
        app.click("[data-role=sx-rep-grid]").await?;
        app.wait_js("the grid", "return document.querySelectorAll('[data-role=sx-grid-row]').length === 2", 30).await?;
        let banner = app.text("[data-role=sx-grid-locked]").await?;
        ensure!(
            banner.contains("Бұл кезең бекітілген") && banner.contains("бекітуді қайтарыңыз"),
            "the banner: {banner}"
        );
        app.ensure_readable("the lock's banner", "[data-role=sx-grid-locked]").await?;
        let cell = "[data-role=sx-grid-cell][data-row='0'][data-field=progress_pct]";
        ensure_eq!(app.js(&format!("return document.querySelector({}).readOnly", js_str(cell))).await?, json!(true));
        ensure_eq!(app.js("return document.querySelector('[data-role=sx-grid-save]').disabled").await?, json!(true));
        app.shot_to(SHOTS, "grid-locked-kk").await?;
        app.click("[data-role=sx-grid-close]").await?;

        // Withdrawing the approval asks why; the quarter is open again, the reason kept.
        app.click("[data-role=sx-cycle-unapprove]").await?;
        app.type_into(".dialog-input", "Балқаш есебі қате").await?;
        app.click("[data-role=dialog-ok]").await?;
        app.wait_js("open again", &stage_is("Ашық"), 30).await?;
        ensure!(app.text("[data-role=sx-cycle-acts]").await?.contains("«Балқаш есебі қате»"), "the reason is shown");
        Ok(())
    })
    .await?;
    let k = Indmap::open(&m.db, env_of("check", 9))?;
    let cycle = k.period_stage(None, "2026-Q3")?;
    ensure_eq!(cycle.acts.len(), 3);
    ensure_eq!(cycle.acts[2].reason.as_deref(), Some("Балқаш есебі қате"));
    ensure!(!k.report_sheet(Some("2026-Q3"))?.locked, "the quarter is open again");
    Ok(())
}

/// The consolidated map in a region's window: Almaty's project, from the ministry's file, is in
/// the table and on the map, visibly apart, its card says why it is read-only, and trying to
/// edit it says so instead of opening the editor.
#[tokio::test]
async fn another_regions_project_is_shown_apart_and_read_only() -> Res {
    let m = Machine::new()?;
    let mut k = Indmap::init(&m.db, karaganda(), env_of("Әсел", 1))?;
    k.add_projects(&project("Теміртау", 72.96, 50.06))?;
    let mut almaty = Indmap::init(
        &m.dir.path().join("a.sqlite"),
        Scope::Region(RegionCode::parse("75").unwrap()),
        env_of("almaty", 2),
    )?;
    let mut alatau: Value = serde_json::from_str(&project("Алатау", 76.9, 43.25))?;
    alatau["properties"]["region"] = json!("75");
    almaty.add_projects(&alatau.to_string())?;
    let mut ministry = Indmap::init(&m.dir.path().join("m.sqlite"), Scope::Ministry, env_of("ministry", 3))?;
    for (db, name) in [(&k, "k.gpkg"), (&almaty, "a.gpkg")] {
        let file = m.dir.path().join(name);
        db.export(&file, None)?;
        let fingerprint = ministry.import(&file, true)?.signature.fingerprint.unwrap_or_default();
        ministry.trust_sender(&file, &fingerprint)?;
        ministry.import(&file, false)?;
    }
    let national = m.dir.path().join("national.gpkg");
    ministry.export(&national, None)?;
    let fingerprint = k.import(&national, true)?.signature.fingerprint.unwrap_or_default();
    k.trust_sender(&national, &fingerprint)?;
    ensure_eq!(k.import(&national, false)?.other_maps, 1);
    let before = k.content_hash()?;
    drop(k);
    let row = "[data-role=rows] tr.other-map";
    run_app("sync_other_map", &m, async |app| {
        app.wait_js("the list", "return document.querySelectorAll('[data-role=rows] tr').length === 2", 60).await?;
        app.choose("[data-role=lang]", "kk").await?;
        ensure_eq!(app.js(&format!("return document.querySelectorAll({}).length", js_str(row))).await?, json!(1));
        ensure!(app.text(row).await?.contains("Алатау"), "Almaty's project is the one apart");
        // Apart as a person sees it: italic and grey, and still readable.
        let style = app.js(&format!("const s = getComputedStyle(document.querySelector({} + ' td')); return [s.fontStyle, s.color]", js_str(row))).await?;
        ensure_eq!(style[0], json!("italic"));
        app.ensure_readable("another region's row", row).await?;
        app.ensure_readable("the legend's read-only entry", "[data-role=legend-other-map]").await?;
        app.click(&format!("{row} td")).await?;
        let note = app.text("[data-role=card-other-map]").await?;
        ensure!(note.contains("тек қарау") && note.contains("әкімдігі өзгертеді"), "the card: {note}");
        app.ensure_readable("the card's note", "[data-role=card-other-map]").await?;
        ensure_eq!(app.js("return document.querySelector('[data-role=card-edit]') === null").await?, json!(true));
        ensure_eq!(app.js("return document.querySelector('[data-role=card-delete]') === null").await?, json!(true));
        app.shot_to(SHOTS, "other-map-kk").await?;
        // A double click, as on any row, says why instead of opening the editor.
        app.js(&format!("document.querySelector({} + ' td').dispatchEvent(new MouseEvent('dblclick', {{bubbles: true}})); return true", js_str(row))).await?;
        app.wait_js("the warning", "return [...document.querySelectorAll('.toast')].some((t) => t.textContent.includes('тек қарау'))", 10).await?;
        ensure_eq!(app.js("return document.querySelector('[data-role=editor]') === null").await?, json!(true));
        Ok(())
    })
    .await?;
    ensure_eq!(Indmap::open(&m.db, env_of("check", 9))?.content_hash()?, before);
    Ok(())
}

/// A file truncated by one byte is refused with the API's sentence, cannot be imported, and the
/// database is unchanged. Then the map is exported from the window, and another database reads it.
#[tokio::test]
async fn a_truncated_file_is_refused_and_changes_nothing() -> Res {
    let m = Machine::new()?;
    let w = world(m.dir.path(), &m.db)?;
    let bad = m.dir.path().join("truncated.gpkg");
    let bytes = std::fs::read(&w.b_file)?;
    std::fs::write(&bad, &bytes[..bytes.len() - 1])?;
    let (hash, sentence) = {
        let mut a = Indmap::open(&m.db, env_of("planner-a", 1))?;
        let e = a.import(&bad, true).expect_err("a truncated file is refused");
        (a.content_hash()?, e.message)
    };
    let out = m.dir.path().join("export from the window.gpkg");
    run_app("sync_truncated", &m, async |app| {
        app.wait_js("the list", "return document.querySelectorAll('[data-role=rows] tr').length === 3", 60).await?;
        open_menu_item(app, "sx-import").await?;
        app.type_into("[data-role=sx-import-files]", &bad.display().to_string()).await?;
        app.click("[data-role=sx-preview]").await?;
        let text = app.text("[data-role=sx-refusal]").await?;
        ensure!(text.contains(&sentence), "the API's sentence {sentence:?} in {text:?}");
        let disabled = app.js("return document.querySelector('[data-role=sx-apply]').disabled").await?;
        ensure_eq!(disabled, json!(true));
        app.shot_to(SHOTS, "refused").await?;
        app.click("[data-role=sx-import] [data-role=sx-close]").await?;
        // Export: the whole map to a file the other planner can read.
        open_menu_item(app, "sx-export").await?;
        app.type_into("[data-role=sx-export-path]", &out.display().to_string()).await?;
        app.click("[data-role=sx-export-run]").await?;
        app.wait_js("the export dialog to close", "return !document.querySelector('[data-role=sx-export]')", 30)
            .await?;
        let toast = app.text(".toast").await?;
        ensure!(toast.contains("4 ") && toast.contains(&out.display().to_string()), "the receipt: {toast}");
        // The dialog lists what was exported before: this file, the whole map, four projects.
        open_menu_item(app, "sx-export").await?;
        let sent = "[data-role=sx-export-sent] tr";
        app.wait_js("the receipts", &format!("return !!document.querySelector({})", js_str(sent)), 30).await?;
        let receipt = app.text(sent).await?;
        ensure!(receipt.contains("export from the window.gpkg") && receipt.contains("4 "), "the receipt: {receipt}");
        app.ensure_readable("the receipts", "[data-role=sx-export-sent]").await?;
        app.shot_to(SHOTS, "export-receipts").await?;
        Ok(())
    })
    .await?;
    let a = Indmap::open(&m.db, env_of("check", 9))?;
    assert_eq!(a.content_hash()?, hash, "the database is unchanged");
    assert!(a.backups()?.is_empty(), "nothing was imported, so no backup was needed");
    let mut b = Indmap::open(&m.dir.path().join("b.sqlite"), env_of("planner-b", 2))?;
    let report = b.import(&out, true)?;
    assert_eq!(report.manifest.projects, 4, "the exported file holds the map, the deleted project as a tombstone");
    assert_eq!(report.conflicts.len(), 3, "and A's edits, concurrent with B's");
    Ok(())
}

/// Restoring the backup taken before an import puts the map back as it was, in the window and
/// in the file, after backing up the state it replaces.
#[tokio::test]
async fn restoring_a_backup_puts_the_map_back() -> Res {
    let m = Machine::new()?;
    let w = world(m.dir.path(), &m.db)?;
    {
        let mut a = Indmap::open(&m.db, env_of("planner-a", 1))?;
        a.import(&w.b_file, false)?;
        assert_eq!(a.backups()?.len(), 1);
    }
    run_app("sync_restore", &m, async |app| {
        app.wait_js("the list", "return document.querySelectorAll('[data-role=rows] tr').length === 4", 60).await?;
        open_menu_item(app, "sx-backups").await?;
        // Said in words: when, and before importing which file; not the file's name on disk.
        let said = app.text("[data-role=sx-backup-text]").await?;
        ensure!(said.contains("25.11.2026") && said.contains("karaganda-b.gpkg"), "the backup: {said}");
        ensure!(!said.contains("20261125T") && !said.contains(".sqlite"), "the backup: {said}");
        app.ensure_readable("the backups", "[data-role=sx-backups]").await?;
        app.click("[data-role=sx-backups] [data-role=sx-restore]").await?;
        app.click("[data-role=dialog-ok]").await?;
        app.wait_js(
            "the map as before the import",
            "return document.querySelectorAll('[data-role=rows] tr').length === 3",
            30,
        )
        .await?;
        Ok(())
    })
    .await?;
    let a = Indmap::open(&m.db, env_of("check", 9))?;
    assert_eq!(a.list(&Default::default())?.len(), 3);
    assert_eq!(a.backups()?.len(), 2, "the replaced state was backed up first");
    Ok(())
}

/// The akimat approves its map from the window, in Kazakh: an act without who approved it is
/// refused beside that box; the approved edition is listed after the first, and comparing the
/// two shows the plan that changed between them, in Kazakh words.
#[tokio::test]
async fn an_akimat_approves_its_map_and_compares_two_editions() -> Res {
    let m = Machine::new()?;
    let mut k = Indmap::init(&m.db, karaganda(), env_of("planner", 1))?;
    k.add_projects(&project("Теміртау", 72.96, 50.06))?;
    k.add_projects(&project("Балқаш", 74.98, 46.85))?;
    let first =
        indmap_api::Approval {
            act: "№ 12".into(), date: "2026-03-01".into(), body: "Әкімдік".into(), signatory: None
        };
    k.approve_edition(&first)?;
    k.update_project("35-0002", &patch(json!({"jobs_permanent": 140, "cost_kzt": 1_150_000_000})))?;
    drop(k);
    run_app("sync_editions", &m, async |app| {
        app.wait_js("the list", "return document.querySelectorAll('[data-role=rows] tr').length === 2", 60).await?;
        app.choose("[data-role=lang]", "kk").await?;
        // The table measures each plan against the approved one too: +150 mln ₸, the other as approved.
        let moved = |code: &str| format!("return [...document.querySelectorAll('[data-role=rows] tr')].find((tr) => tr.textContent.includes('{code}')).querySelector('[data-col=cost_moved]').textContent");
        ensure_eq!(app.js(&moved("35-0002")).await?, json!("+150,0 млн ₸"));
        ensure_eq!(app.js(&moved("35-0001")).await?, json!("0"));
        let header = app.text("[data-role=table] th[data-sort=cost_moved]").await?;
        ensure!(header.contains("Құн бекітілгенге қарай"), "{header}");
        app.ensure_readable("the variance column", "[data-role=table] th[data-sort=cost_moved]").await?;
        // The card measures the plan against the edition that approved it.
        app.js("[...document.querySelectorAll('[data-role=rows] tr')].find((tr) => tr.textContent.includes('35-0002')).querySelector('td:nth-child(2)').click()").await?;
        app.wait_js("the variance", "return !!document.querySelector('[data-role=card-drift]')", 30).await?;
        let drift = app.text("[data-role=card-variance]").await?;
        ensure!(drift.contains("Бекітілген редакциядан бері 1 (№ 12, 01.03.2026)"), "{drift}");
        ensure!(drift.contains("Тұрақты жұмыс орны: 100 → 140 (+40)"), "{drift}");
        app.ensure_readable("the card's variance", "[data-role=card-variance]").await?;
        open_menu_item(app, "sx-editions").await?;
        app.wait_js("the editions", "return document.querySelectorAll('[data-role=sx-ed-row]').length === 1", 30)
            .await?;
        let listed = app.text("[data-role=sx-ed-row]").await?;
        ensure!(listed.contains("Өңірлік карта: Қарағанды облысы, № 1") && listed.contains("01.03.2026 ж. № 12"), "{listed}");
        app.type_into("[data-role=sx-ed-act]", "№ 40").await?;
        app.type_into("[data-role=sx-ed-date]", "01.09.2026").await?;
        app.click("[data-role=sx-ed-approve]").await?;
        let body_problem = "return document.querySelector('[data-role=sx-ed-body-problem]').textContent";
        app.wait_js("the refusal beside the box", &format!("{body_problem} !== ''"), 30).await?;
        ensure_eq!(app.js(body_problem).await?, json!("Міндетті өріс"));
        app.type_into("[data-role=sx-ed-body]", "Қарағанды облысының әкімдігі").await?;
        app.click("[data-role=sx-ed-approve]").await?;
        app.wait_js("the second edition", "return document.querySelectorAll('[data-role=sx-ed-row]').length === 2", 30)
            .await?;
        app.click("[data-role=sx-ed-compare]").await?;
        app.wait_js("the comparison", "return !!document.querySelector('[data-role=sx-ed-changed]')", 30).await?;
        let changed = app.js("return [...document.querySelectorAll('[data-role=sx-ed-changed]')].map((r) => r.textContent).join(' | ')").await?;
        let changed = changed.as_str().unwrap_or_default();
        ensure!(changed.contains("35-0002") && changed.contains("Тұрақты жұмыс орны"), "{changed}");
        ensure!(changed.contains("Жалпы құны"), "the cost changed too: {changed}");
        ensure!(changed.contains("100") && changed.contains("140"), "{changed}");
        ensure!(app.text("[data-role=sx-ed-diff-counts]").await?.contains("Өзгерді: 1"), "the counts in Kazakh");
        app.ensure_readable("the editions panel", "[data-role=sx-editions-panel]").await?;
        app.shot_to(SHOTS, "editions-kk").await?;
        Ok(())
    })
    .await
}

/// The reporting grid, in Kazakh: a quarter for 50 projects, half typed from the keyboard (Tab
/// moves along a row, Enter down a column) and half pasted as a block from Excel; a word typed
/// for a number is refused beside its row in Kazakh, corrected, and the whole period saved in
/// one go. Every value is read back from the database afterwards.
#[tokio::test]
async fn a_planner_reports_a_quarter_for_fifty_projects_in_the_grid() -> Res {
    let m = Machine::new()?;
    let mut k = Indmap::init(&m.db, karaganda(), env_of("planner", 1))?;
    let features: Vec<Value> = (1..=50)
        .map(|n| {
            json!({"type": "Feature", "geometry": null, "properties": {
                "name_kk": format!("{n}-зауыт"), "name_ru": format!("Завод {n}"), "region": "35", "status": "construction"}})
        })
        .collect();
    k.add_projects(&json!({"type": "FeatureCollection", "features": features}).to_string())?;
    drop(k);
    let cell = |row: usize, field: &str| format!("[data-role=sx-grid-cell][data-row='{row}'][data-field={field}]");
    run_app("sync_grid", &m, async |app| {
        app.wait_js("the list", "return document.querySelectorAll('[data-role=rows] tr').length === 50", 60).await?;
        app.choose("[data-role=lang]", "kk").await?;
        open_menu_item(app, "sx-reporting").await?;
        app.type_into("[data-role=sx-rep-period]", "2026-Q3").await?;
        app.click("[data-role=sx-rep-grid]").await?;
        app.wait_js("the grid", "return document.querySelectorAll('[data-role=sx-grid-row]').length === 50", 30).await?;
        ensure!(app.text("[data-role=sx-grid-progress]").await?.contains("0 / 50"), "nothing reported yet");

        // Enter goes down the column, the arrow keys too.
        app.css(&cell(0, "progress_pct")).await?.send_keys("\u{E007}").await?;
        let focused = "return document.activeElement.dataset.row + ' ' + document.activeElement.dataset.field";
        ensure_eq!(app.js(focused).await?, json!("1 progress_pct"));
        app.css(&cell(1, "progress_pct")).await?.send_keys("\u{E015}\u{E015}").await?;
        ensure_eq!(app.js(focused).await?, json!("3 progress_pct"));

        // Typed: progress, then Tab to the jobs of the same row.
        for r in 0..25 {
            app.type_into(&cell(r, "progress_pct"), &format!("60,5\u{E004}{r}")).await?;
        }
        ensure_eq!(app.js(&format!("return document.querySelector(\"{}\").value", cell(7, "jobs_created"))).await?, json!("7"));
        // A word for a number: refused beside its row as the row is left.
        app.type_into(&cell(3, "jobs_created"), "алты").await?;
        app.css(&cell(4, "comment")).await?.click().await?;
        let problems = "[data-role=sx-grid-row][data-code='35-0004'] [data-role=sx-grid-problems]";
        app.wait_js("the problem beside the row", &format!("return document.querySelector(\"{problems}\").textContent !== ''"), 30)
            .await?;
        let said = app.text(problems).await?;
        ensure!(said.contains("Құрылған жұмыс орны"), "the field is named in Kazakh: {said}");
        ensure!(app.js(&format!("return document.querySelector(\"{}\").getAttribute('aria-invalid')", cell(3, "jobs_created"))).await? == json!("true"));
        app.type_into(&cell(3, "jobs_created"), "3").await?;

        // Pasted: a block of 25 rows by 3 columns, as Excel puts it on the clipboard.
        let block: String = (25..50).map(|r| format!("1 500 000,50\t45\t{r}\r\n")).collect();
        app.js(&format!(
            "const dt = new DataTransfer(); dt.setData('text/plain', {block}); \
             document.querySelector(\"{}\").dispatchEvent(new ClipboardEvent('paste', {{clipboardData: dt, bubbles: true, cancelable: true}}));",
            cell(25, "investment_kzt"),
            block = serde_json::to_string(&block)?
        ))
        .await?;
        ensure_eq!(app.js(&format!("return document.querySelector(\"{}\").value", cell(49, "jobs_created"))).await?, json!("49"));
        // What a person sees of the grid, scrolled back to its top left corner (the rows below
        // and the columns to the right are out of view, as in any spreadsheet).
        app.js("document.querySelector('.sx-grid-wrap').scrollTo(0, 0)").await?;
        for part in [".sx-head", ".sx-rep-bar", ".sx-grid-hint", "thead th:nth-child(-n+5)", "[data-code='35-0001']", "[data-code='35-0002']", ".sx-buttons"] {
            app.ensure_readable("the grid", &format!("[data-role=sx-grid-panel] {part}")).await?;
        }
        app.shot_to(SHOTS, "grid-kk").await?;
        app.click("[data-role=sx-grid-save]").await?;
        app.wait_js("all reported", "return document.querySelector('[data-role=sx-grid-progress]').textContent.includes('50 / 50')", 30)
            .await?;
        ensure_eq!(app.js("return document.querySelectorAll('[data-role=sx-grid-row].bad').length").await?, json!(0));
        app.shot_to(SHOTS, "grid-saved-kk").await?;
        Ok(())
    })
    .await?;
    let k = Indmap::open(&m.db, env_of("check", 9))?;
    for r in 0..50usize {
        let p = k.find(&format!("35-{:04}", r + 1))?;
        let q3 = p.monitoring.iter().find(|m| m.period == "2026-Q3").ok_or(format!("row {r} has no report"))?;
        ensure_eq!(q3.jobs_created, Some(r as u32));
        if r < 25 {
            ensure_eq!((q3.progress_pct, q3.investment), (Some(60.5), None));
        } else {
            ensure_eq!((q3.progress_pct, q3.investment), (Some(45.0), Some(indmap_api::core::Money(150_000_050))));
        }
    }
    Ok(())
}
