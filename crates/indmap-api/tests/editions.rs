//! Approved editions of a map: the akimat approves its regional map and the ministry the
//! republican one; an edition freezes each plan as approved, never changes, travels in files to
//! the ministry and on to every region, and only the map's owner can make one.

mod common;

use common::{env, region, secret_of, trust};
use indmap_api::core::edition::EditionRecord;
use indmap_api::core::{Money, Rule, Scope};
use indmap_api::{Approval, ErrorKind, Indmap};
use indmap_exchange::{ExchangeFile, FileWriter, Manifest};
use serde_json::json;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn feature(name: &str, kato: &str, status: &str, cost_mln: i64, jobs: u32) -> serde_json::Value {
    json!({"type": "Feature", "geometry": null, "properties": {
        "name_kk": format!("{name} зауыты"), "name_ru": format!("Завод {name}"), "region": kato,
        "status": status, "cost_kzt": cost_mln * 1_000_000, "jobs_permanent": jobs,
        "commissioning_planned": "2027-06-30",
        "financing": [{"source": "own_funds", "amount_kzt": cost_mln * 1_000_000, "year": 2026, "status": "planned"}]}})
}

fn approval(act: &str, date: &str, body: &str) -> Approval {
    Approval { act: act.into(), date: date.into(), body: body.into(), signatory: Some("Қасымбек Ж.".into()) }
}

fn patch(properties: serde_json::Value) -> String {
    json!({"type": "Feature", "geometry": null, "properties": properties}).to_string()
}

fn send(dir: &Path, from: &Indmap, name: &str) -> PathBuf {
    let path = dir.join(name);
    from.export(&path, None).unwrap();
    path
}

/// Karaganda's map: two projects on it, a candidate that is not.
fn karaganda(dir: &Path) -> Indmap {
    let mut k = Indmap::init(&dir.join("k.sqlite"), region("35"), env("planner", 1)).unwrap();
    let features = json!({"type": "FeatureCollection", "features": [
        feature("Теміртау", "35", "construction", 1_000, 100),
        feature("Балқаш", "35", "design", 2_500, 250),
        feature("Жезқазған", "35", "candidate", 700, 70),
    ]});
    k.add_projects(&features.to_string()).unwrap();
    k
}

#[test]
fn an_edition_freezes_the_plan_and_a_diff_says_what_changed_since() {
    let dir = tempfile::tempdir().unwrap();
    let mut k = karaganda(dir.path());
    let first = k.approve_edition(&approval("№ 12", "2026-03-01", "Қарағанды облысының әкімдігі")).unwrap();
    assert_eq!((first.map.as_str(), first.number, first.act.as_str()), ("region:35", 1, "№ 12"));
    // By hand: the candidate is not on the map; 1,000 + 2,500 mln ₸, 100 + 250 jobs.
    assert_eq!(first.totals.projects, 2);
    assert_eq!(first.totals.cost, Money::from_mln(3_500));
    assert_eq!(first.totals.financing, Money::from_mln(3_500));
    assert_eq!(first.totals.jobs_permanent, 350);

    // The plan changes after approval; the edition keeps what was approved.
    k.update_project("35-0001", &patch(json!({"cost_kzt": 1_200_000_000u64, "commissioning_planned": "2027-12-31"})))
        .unwrap();
    k.update_project("35-0002", &patch(json!({"status": "excluded", "exclusion_act": "№ 40", "exclusion_date": "2026-09-01", "exclusion_reason": "Инвестор бас тартты"})))
        .unwrap();
    k.update_project(
        "35-0003",
        &patch(json!({"status": "included", "inclusion_act": "№ 40", "inclusion_date": "2026-09-01"})),
    )
    .unwrap();
    // A quarter's report is not the plan: it changes no edition and no diff.
    k.set_report("35-0001", "2026-Q2", r#"{"progress_pct": 30}"#).unwrap();
    let shown = k.edition("1").unwrap();
    let codes: Vec<_> = shown.projects.iter().map(|p| p.code.clone().unwrap()).collect();
    assert_eq!(codes, ["35-0001", "35-0002"]);
    assert_eq!(shown.projects[0].cost, Some(Money::from_mln(1_000)), "as approved, not as it is now");
    assert_eq!(shown.projects[0].name.kk, "Теміртау зауыты");

    let second = k.approve_edition(&approval("№ 40", "2026-09-01", "Қарағанды облысының әкімдігі")).unwrap();
    assert_eq!((second.number, second.totals.projects), (2, 2));
    assert_eq!(second.totals.cost, Money::from_mln(1_200 + 700));
    assert_eq!(second.totals.jobs_permanent, 100 + 70);

    let diff = k.edition_diff("1", "latest").unwrap();
    let code = |p: &indmap_api::EditionProject| p.code.clone().unwrap();
    assert_eq!(diff.added.iter().map(code).collect::<Vec<_>>(), ["35-0003"]);
    assert_eq!(diff.excluded.iter().map(code).collect::<Vec<_>>(), ["35-0002"]);
    assert_eq!(diff.changed.len(), 1);
    let fields: Vec<_> =
        diff.changed[0].changes.iter().map(|c| (c.field.as_str(), c.old.clone(), c.new.clone())).collect();
    assert_eq!(
        fields,
        [
            ("commissioning_planned", json!("2027-06-30"), json!("2027-12-31")),
            ("cost_kzt", json!(1_000_000_000u64), json!(1_200_000_000u64)),
        ]
    );
    assert_eq!(diff.changed[0].changes[1].label.ru, "Общая стоимость");
    assert_eq!((diff.from.totals.cost, diff.to.totals.cost), (Money::from_mln(3_500), Money::from_mln(1_900)));
    assert!(k.edition_diff("2", "2").unwrap().changed.is_empty());
}

#[test]
fn an_approval_is_refused_whole_naming_every_problem_and_the_map_stays_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mut k = karaganda(dir.path());
    let before = k.content_hash().unwrap();
    let e = k.approve_edition(&approval(" ", "15.12.2026", "")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid);
    let rules: Vec<_> = e.problems.iter().map(|p| (p.field.as_str(), p.rule)).collect();
    assert_eq!(rules, [("act", Rule::Required), ("body", Rule::Required), ("date", Rule::DateFormat)]);
    k.approve_edition(&approval("№ 12", "2026-03-01", "Әкімдік")).unwrap();
    let twice = k.approve_edition(&approval("№ 12", "2026-03-01", "Әкімдік")).unwrap_err();
    assert_eq!(twice.problems[0].rule, Rule::EditionActTaken, "a double click approves once");
    assert_eq!(k.editions().unwrap().len(), 1);
    assert_eq!(k.content_hash().unwrap(), before);

    let mut empty = Indmap::init(&dir.path().join("e.sqlite"), region("75"), env("almaty", 5)).unwrap();
    let e = empty.approve_edition(&approval("№ 1", "2026-03-01", "Әкімдік")).unwrap_err();
    assert_eq!(e.problems[0].rule, Rule::EditionEmpty);
    assert!(k.edition("7").unwrap_err().message.contains("indmap edition list"));
}

#[test]
fn an_approved_edition_cannot_be_changed_even_in_the_database_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut k = karaganda(dir.path());
    k.approve_edition(&approval("№ 12", "2026-03-01", "Әкімдік")).unwrap();
    let conn = rusqlite::Connection::open(dir.path().join("k.sqlite")).unwrap();
    for sql in [
        "UPDATE editions SET act_number = '№ 13'",
        "DELETE FROM editions",
        "UPDATE edition_projects SET plan = plan",
        "DELETE FROM edition_projects",
        "UPDATE edition_plans SET plan = '{}'",
        "DELETE FROM edition_plans",
    ] {
        let e = conn.execute(sql, []).unwrap_err().to_string();
        assert!(e.contains("an approved edition never changes"), "{sql}: {e}");
    }
}

/// Karaganda and the ministry approve their maps; the ministry's file brings both to Almaty.
#[test]
fn editions_travel_to_the_ministry_and_on_to_every_region_and_merge_in_any_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut k = karaganda(dir.path());
    let mut ministry = Indmap::init(&dir.path().join("m.sqlite"), Scope::Ministry, env("ministry", 2)).unwrap();
    let mut almaty = Indmap::init(&dir.path().join("a.sqlite"), region("75"), env("almaty", 3)).unwrap();
    let republican = json!({"type": "Feature", "geometry": null, "properties": {
        "name_kk": "Алматы химия кешені", "name_ru": "Химический комплекс Алматы", "region": "75", "level": "republican",
        "status": "construction", "cost_kzt": 90_000_000_000u64, "jobs_permanent": 900}});
    ministry.add_projects(&republican.to_string()).unwrap();
    k.approve_edition(&approval("№ 12", "2026-03-01", "Қарағанды облысының әкімдігі")).unwrap();
    let kfile = send(dir.path(), &k, "k1.gpkg");
    assert_eq!(ExchangeFile::read(&kfile).unwrap().manifest.format_version, 2, "a file with editions is of format 2");

    let report = ministry.import(&kfile, false).unwrap();
    assert_eq!(report.editions.len(), 1, "{report:?}");
    assert_eq!((report.editions[0].act.as_str(), report.editions[0].map.as_str()), ("№ 12", "region:35"));
    ministry.approve_edition(&approval("№ 1024", "2026-04-10", "Қазақстан Республикасының Үкіметі")).unwrap();
    k.approve_edition(&approval("№ 40", "2026-09-01", "Қарағанды облысының әкімдігі")).unwrap();
    let kfile2 = send(dir.path(), &k, "k2.gpkg");
    let mfile = send(dir.path(), &ministry, "m.gpkg");

    // Almaty takes the ministry's file first (Karaganda's first edition relayed), then
    // Karaganda's later file never comes to it: it has what the ministry had.
    trust(&mut almaty, &mfile);
    let report = almaty.import(&mfile, false).unwrap();
    let taken: Vec<_> = report.editions.iter().map(|e| (e.map.as_str(), e.act.as_str())).collect();
    assert_eq!(taken, [("ministry", "№ 1024"), ("region:35", "№ 12")], "{:?}", report.refused);
    // The ministry takes Karaganda's second file; a file imported again takes nothing twice.
    assert_eq!(ministry.import(&kfile2, false).unwrap().editions.len(), 1);
    let again = send(dir.path(), &k, "k3.gpkg");
    let report = ministry.import(&again, false).unwrap();
    assert!(report.editions.is_empty() && report.refused.is_empty(), "{report:?}");

    let ids = |db: &Indmap| db.editions().unwrap().into_iter().map(|e| (e.map, e.number, e.act)).collect::<Vec<_>>();
    assert_eq!(
        ids(&ministry),
        [
            ("ministry".into(), 1, "№ 1024".into()),
            ("region:35".into(), 1, "№ 12".into()),
            ("region:35".into(), 2, "№ 40".into()),
        ]
    );
    // Karaganda learns the republican edition from the ministry; every database ends alike.
    trust(&mut k, &send(dir.path(), &ministry, "m2.gpkg"));
    k.import(&dir.path().join("m2.gpkg"), false).unwrap();
    almaty.import(&dir.path().join("m2.gpkg"), false).unwrap();
    assert_eq!(ids(&k), ids(&ministry));
    assert_eq!(ids(&almaty), ids(&ministry));
    // The plans came with them: Almaty shows Karaganda's edition as approved.
    let kedition = almaty.editions().unwrap().into_iter().find(|e| e.act == "№ 40").unwrap();
    let shown = almaty.edition(&kedition.id).unwrap();
    assert_eq!(shown.projects.len(), 2);
    assert_eq!(shown.projects[0].name.ru, "Завод Теміртау");
}

/// `genuine`'s projects (as `source` holds them) with `editions` instead of its own, as
/// `manifest` says, signed with `source`'s key.
fn rewrite(
    source: &Indmap,
    name: &str,
    genuine: &ExchangeFile,
    manifest: Manifest,
    editions: &[EditionRecord],
    plans: &HashMap<String, String>,
) -> PathBuf {
    let path = source.info().path.with_file_name(name);
    let mut file = FileWriter::create(&path).unwrap();
    let pairs: Vec<_> = genuine
        .content
        .projects
        .iter()
        .map(|vp| (source.find(&vp.project_id.to_string()).unwrap(), vp.clone()))
        .collect();
    file.add(&pairs).unwrap();
    file.add_editions(editions, plans).unwrap();
    file.finish(manifest, &genuine.content.proposals, Some(&secret_of(source))).unwrap();
    path
}

#[test]
fn only_the_maps_owner_approves_it_and_a_forged_or_altered_edition_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut k = karaganda(dir.path());
    let mut ministry = Indmap::init(&dir.path().join("m.sqlite"), Scope::Ministry, env("ministry", 2)).unwrap();
    let mut astana = Indmap::init(&dir.path().join("a.sqlite"), region("71"), env("astana", 3)).unwrap();
    astana.add_projects(&feature("Астана", "71", "construction", 500, 50).to_string()).unwrap();
    k.approve_edition(&approval("№ 12", "2026-03-01", "Қарағанды облысының әкімдігі")).unwrap();
    let genuine_path = send(dir.path(), &k, "k.gpkg");
    let genuine = ExchangeFile::read(&genuine_path).unwrap();
    ministry.import(&send(dir.path(), &astana, "a0.gpkg"), false).unwrap();
    let plans = &genuine.content.plans;
    let real = genuine.content.editions[0].clone();
    let refused = |ministry: &mut Indmap, file: &Path| -> String {
        let before = ministry.editions().unwrap();
        let report = ministry.import(file, false).unwrap();
        assert!(report.editions.is_empty(), "{report:?}");
        assert_eq!(ministry.editions().unwrap(), before);
        report.refused.iter().map(|r| r.reason.clone()).collect::<Vec<_>>().join("; ")
    };

    // Astana, signing its own file, says it approved Karaganda's map.
    let a = ExchangeFile::read(&send(dir.path(), &astana, "a1.gpkg")).unwrap();
    let mut stolen = real.clone();
    stolen.head.id = uuid::Uuid::from_u128(0xA11);
    stolen.head.approved.db = astana.info().db_id;
    stolen.head.approved.counter = 1;
    let file = rewrite(&astana, "a2.gpkg", &a, a.manifest.clone(), &[stolen], plans);
    assert!(refused(&mut ministry, &file).contains("only the map's owner approves it"));

    // Karaganda's own file, with an approval stamped beyond what Karaganda signed.
    let mut raised = real.clone();
    raised.head.id = uuid::Uuid::from_u128(0xB22);
    raised.head.approved.counter = genuine.manifest.counter.unwrap() + 5;
    let file = rewrite(&k, "k2.gpkg", &genuine, genuine.manifest.clone(), &[raised], plans);
    assert!(refused(&mut ministry, &file).contains("acts its database did not make"), "raised approval");

    // Karaganda itself signs an edition whose plan, named by its true fingerprint, is no project.
    let mut hollow = real.clone();
    hollow.head.id = uuid::Uuid::from_u128(0xC33);
    let text = r#"{"type":"Feature","geometry":null,"properties":{"name_ru":"?"}}"#.to_string();
    let fingerprint = indmap_api::core::edition::fingerprint(&text);
    hollow.plans[0].1 = fingerprint.clone();
    let mut with_hollow = plans.clone();
    with_hollow.insert(fingerprint, text);
    let file = rewrite(&k, "k1.gpkg", &genuine, genuine.manifest.clone(), &[hollow], &with_hollow);
    assert!(refused(&mut ministry, &file).contains("cannot be read"), "a plan that is no project");

    // The real edition arrives; a later copy of it with another act number is refused.
    assert_eq!(ministry.import(&genuine_path, false).unwrap().editions.len(), 1);
    let mut altered = real.clone();
    altered.head.act.number = "№ 13".into();
    let mut manifest = genuine.manifest.clone();
    manifest.exported_at = "2026-12-01T00:00:00.000Z".into();
    let file = rewrite(&k, "k3.gpkg", &genuine, manifest.clone(), &[altered], plans);
    assert!(refused(&mut ministry, &file).contains("it never changes, so this copy is refused"));
    let mut fewer = real.clone();
    fewer.plans.pop();
    manifest.exported_at = "2026-12-02T00:00:00.000Z".into();
    let file = rewrite(&k, "k4.gpkg", &genuine, manifest, &[fewer], plans);
    assert!(refused(&mut ministry, &file).contains("it never changes, so this copy is refused"), "a plan left out");
    assert_eq!(ministry.edition(&real.head.id.to_string()).unwrap().projects.len(), 2);

    // A plan edited in the file after signing: the file is refused whole.
    let torn = dir.path().join("torn.gpkg");
    std::fs::copy(&genuine_path, &torn).unwrap();
    rusqlite::Connection::open(&torn)
        .unwrap()
        .execute("UPDATE indmap_plans SET plan = replace(plan, '100', '900')", [])
        .unwrap();
    assert!(ministry.import(&torn, false).is_err());
}

/// The latest edition of a project's map is its baseline: the card, the CLI and printouts say
/// how far cost, financing, commissioning, milestones and jobs have moved from it.
#[test]
fn the_latest_edition_is_the_baseline_a_plan_is_measured_against() {
    let dir = tempfile::tempdir().unwrap();
    let mut k = karaganda(dir.path());
    assert_eq!(k.variance("35-0001").unwrap(), None, "no edition yet");
    k.approve_edition(&approval("№ 12", "2026-03-01", "Әкімдік")).unwrap();
    assert_eq!(k.variance("35-0001").unwrap().unwrap().drifts, [], "as approved");
    k.update_project(
        "35-0001",
        &patch(json!({"cost_kzt": 1_150_000_000u64, "commissioning_planned": "2027-08-29", "jobs_permanent": 90,
            "financing": [{"source": "own_funds", "amount_kzt": 1_150_000_000u64, "year": 2026, "status": "planned"}]})),
    )
    .unwrap();
    let v = k.variance("35-0001").unwrap().unwrap();
    assert_eq!(v.edition.act, "№ 12");
    let got: Vec<_> = v.drifts.iter().map(|d| (d.field.as_str(), d.by)).collect();
    // By hand: +150 mln ₸ (in tiyn), financing likewise, 30 Jun → 29 Aug 2027 is 60 days, 100 → 90 jobs.
    assert_eq!(
        got,
        [
            ("cost_kzt", Some(150_000_000 * 100)),
            ("financing", Some(150_000_000 * 100)),
            ("commissioning_planned", Some(60)),
            ("jobs_permanent", Some(-10)),
        ]
    );
    assert_eq!(v.drifts[2].label.ru, "Ввод, план");
    assert_eq!((v.drifts[2].baseline.clone(), v.drifts[2].now.clone()), (json!("2027-06-30"), json!("2027-08-29")));
    // The table (CSV and XLSX) carries the same figures in its variance columns, read back.
    let request = indmap_api::PrintRequest {
        printout: indmap_api::Printout::Table,
        lang: indmap_api::PrintLang::Ru,
        filter: indmap_api::core::ProjectFilter::default(),
        ..Default::default()
    };
    let csv = k
        .print(&request, &indmap_api::PrintOutput::new(indmap_api::PrintFormat::Csv), &mut |_, _| {
            std::ops::ControlFlow::Continue(())
        })
        .unwrap()
        .unwrap()
        .remove(0);
    let table = indmap_sheet::read_bytes(&csv, indmap_sheet::Format::Csv, None).unwrap();
    let header: Vec<String> = table.rows[0].cells.iter().map(|c| c.text()).collect();
    let row = table.rows.iter().find(|r| r.cells[0].text() == "35-0001").unwrap();
    let cell = |name: &str| row.cells[header.iter().position(|h| h == name).unwrap()].text();
    assert_eq!(cell("Утверждённая стоимость, млн ₸"), "1000,000000");
    assert_eq!(cell("Отклонение стоимости, млн ₸"), "150,000000");
    assert_eq!(cell("Утверждённый срок ввода"), "30.06.2027");
    assert_eq!((cell("Сдвиг ввода, дней"), cell("Отклонение постоянных рабочих мест")), ("60".into(), "-10".into()));
    let other = table.rows.iter().find(|r| r.cells[0].text() == "35-0002").unwrap();
    let at = |r: &indmap_api::core::table::TableRow, name: &str| {
        r.cells[header.iter().position(|h| h == name).unwrap()].text()
    };
    assert_eq!(at(other, "Отклонение стоимости, млн ₸"), "0,000000", "as approved");
    // The window's table has the same figures in its rows.
    let rows = k.view(&Default::default()).unwrap().rows;
    let baseline = |code: &str| rows.iter().find(|r| r.code.as_deref() == Some(code)).unwrap().baseline.clone();
    let moved = baseline("35-0001").expect("a baseline");
    assert_eq!((moved.cost_kzt, moved.commissioning_days), (Some(Money(150_000_000 * 100)), Some(60)));
    assert_eq!(baseline("35-0002").map(|b| b.cost_kzt), Some(Some(Money(0))), "as approved");
    // A project that came onto the map after the edition has no baseline yet.
    k.update_project("35-0003", &patch(json!({"status": "included"}))).unwrap();
    assert_eq!(k.variance("35-0003").unwrap(), None);
    let rows = k.view(&Default::default()).unwrap().rows;
    assert_eq!(rows.iter().find(|r| r.code.as_deref() == Some("35-0003")).unwrap().baseline, None);
    // The next edition is the new baseline.
    k.approve_edition(&approval("№ 40", "2026-09-01", "Әкімдік")).unwrap();
    assert_eq!(k.variance("35-0001").unwrap().unwrap().drifts, []);
    assert_eq!(k.variance("35-0003").unwrap().unwrap().edition.number, 2);
}
