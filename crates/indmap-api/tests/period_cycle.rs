//! The reporting cycle over two quarters, two regions and the ministry: Karaganda reports, submits
//! and approves; the approved quarter refuses every kind of edit; the ministry accepts it on
//! import and sees who is late; Karaganda unapproves with a reason, corrects, approves again, and
//! the ministry accepts again. Acts travel in files and are taken only from whom may make them.

mod common;

use common::{env, region, trust};
use indmap_api::core::period_act::{Stage, Step};
use indmap_api::core::table::{Table, TableCell, TableRow};
use indmap_api::core::{RegionCode, Rule, Scope};
use indmap_api::{ErrorKind, Indmap};
use serde_json::json;
use std::path::{Path, PathBuf};

fn feature(name: &str, kato: &str, periods: &[(&str, f64)]) -> String {
    let monitoring: Vec<_> = periods.iter().map(|(p, pct)| json!({"period": p, "progress_pct": pct})).collect();
    json!({"type": "Feature", "geometry": null, "properties": {"name_kk": name, "name_ru": name, "region": kato,
        "status": "construction", "monitoring": monitoring}})
    .to_string()
}

fn send(dir: &Path, from: &Indmap, name: &str) -> PathBuf {
    let path = dir.join(name);
    from.export(&path, None).unwrap();
    path
}

fn kato(code: &str) -> Option<RegionCode> {
    RegionCode::parse(code)
}

fn stage(db: &Indmap, region: &str, period: &str) -> Stage {
    db.period_stage(kato(region), period).unwrap().stage
}

fn rules(e: &indmap_api::Error) -> Vec<(String, Rule)> {
    e.problems.iter().map(|p| (p.field.clone(), p.rule)).collect()
}

#[test]
fn a_quarter_is_submitted_approved_locked_accepted_unapproved_with_a_reason_and_accepted_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut k = Indmap::init(&dir.path().join("k.sqlite"), region("35"), env("Әсел", 1)).unwrap();
    k.add_projects(&feature("Теміртау", "35", &[("2026-Q2", 40.0), ("2026-Q3", 60.0)])).unwrap();
    k.add_projects(&feature("Балқаш", "35", &[("2026-Q3", 20.0)])).unwrap();
    let mut a = Indmap::init(&dir.path().join("a.sqlite"), region("75"), env("almaty", 3)).unwrap();
    a.add_projects(&feature("Алатау", "75", &[("2026-Q3", 10.0)])).unwrap();
    let mut m = Indmap::init(&dir.path().join("m.sqlite"), Scope::Ministry, env("ministry", 2)).unwrap();
    let back = send(dir.path(), &m, "m0.gpkg");
    trust(&mut k, &back);

    // Out of turn, or by whom may not: each refused by its rule, the map as it was.
    let e = k.period_step(None, "2026-Q3", Step::Approve, None).unwrap_err();
    assert_eq!((e.kind, rules(&e)), (ErrorKind::Invalid, vec![("step".into(), Rule::PeriodOutOfTurn)]));
    assert!(e.message.contains("submit it first"), "{}", e.message);
    let e = m.period_step(kato("35"), "2026-Q3", Step::Submit, None).unwrap_err();
    assert_eq!(rules(&e), [("step".into(), Rule::PeriodNotYours)]);
    let e = k.period_step(kato("75"), "2026-Q3", Step::Submit, None).unwrap_err();
    assert_eq!(rules(&e), [("step".into(), Rule::PeriodNotYours)]);
    assert_eq!(stage(&k, "35", "2026-Q3"), Stage::Open);

    assert_eq!(k.period_step(None, "2026-Q3", Step::Submit, None).unwrap().stage, Stage::Submitted);
    assert_eq!(k.period_step(None, "2026-Q3", Step::Approve, None).unwrap().stage, Stage::Approved);

    // Locked: a report of the quarter is refused through every door, naming the field.
    let before = k.content_hash().unwrap();
    let e = k.set_report("35-0001", "2026-Q3", r#"{"progress_pct": 65}"#).unwrap_err();
    assert_eq!(rules(&e), [("monitoring[1].period".into(), Rule::PeriodLocked)]);
    assert!(e.message.contains("unapprove"), "says what to do: {}", e.message);
    let e = k.remove_report("35-0002", "2026-Q3").unwrap_err();
    assert_eq!(rules(&e), [("monitoring".into(), Rule::PeriodLocked)]);
    let patch = json!({"type": "Feature", "geometry": null, "properties": {"monitoring": [{"period": "2026-Q3", "progress_pct": 1}]}});
    assert_eq!(k.update_project("35-0002", &patch.to_string()).unwrap_err().problems[0].rule, Rule::PeriodLocked);
    let e = k.add_projects(&feature("Сарань", "35", &[("2026-Q3", 5.0)])).unwrap_err();
    assert_eq!(e.problems[0].rule, Rule::PeriodLocked);
    let table = Table {
        rows: vec![
            TableRow { line: 1, cells: vec![TableCell::Text("Код".into()), TableCell::Text("progress_pct".into())] },
            TableRow { line: 2, cells: vec![TableCell::Text("35-0001".into()), TableCell::Number(70.0)] },
        ],
    };
    assert_eq!(k.put_reports("2026-Q3", &table, false).unwrap_err().problems[0].rule, Rule::PeriodLocked);
    assert_eq!(k.content_hash().unwrap(), before, "nothing changed");
    // Another quarter and the project's own fields stay open.
    k.set_report("35-0001", "2026-Q4", r#"{"progress_pct": 70}"#).unwrap();
    k.update_project(
        "35-0002",
        &json!({"type": "Feature", "geometry": null, "properties": {"jobs_permanent": 80}}).to_string(),
    )
    .unwrap();

    // The ministry accepts on import; Almaty, which has not submitted, is late (deadline 10.10,
    // clock 25.11).
    let file = send(dir.path(), &k, "k1.gpkg");
    let report = m.import(&file, false).unwrap();
    let moved: Vec<_> = report.periods.iter().map(|p| (p.kato.as_str(), p.period.as_str(), p.stage)).collect();
    assert_eq!(moved, [("35", "2026-Q3", Stage::Accepted)]);
    m.import(&send(dir.path(), &a, "a1.gpkg"), false).unwrap();
    let r = m.reporting(Some("2026-Q3")).unwrap();
    let rows: Vec<_> = r.regions.iter().map(|g| (g.kato.as_str(), g.stage, g.late)).collect();
    assert_eq!(rows, [("35", Stage::Accepted, false), ("75", Stage::Open, true)]);
    let e = m.period_step(kato("35"), "2026-Q3", Step::Accept, None).unwrap_err();
    assert_eq!(rules(&e), [("step".into(), Rule::PeriodOutOfTurn)], "accepted once");

    // Back at Karaganda: accepted. An unapproval needs a reason; with one the quarter opens.
    k.import(&send(dir.path(), &m, "m1.gpkg"), false).unwrap();
    assert_eq!(stage(&k, "35", "2026-Q3"), Stage::Accepted);
    let e = k.period_step(None, "2026-Q3", Step::Unapprove, Some("  ")).unwrap_err();
    assert_eq!(rules(&e), [("reason".into(), Rule::PeriodNoReason)]);
    k.period_step(None, "2026-Q3", Step::Unapprove, Some("Балқаш есебіндегі қате")).unwrap();
    k.set_report("35-0002", "2026-Q3", r#"{"progress_pct": 25}"#).unwrap();
    k.period_step(None, "2026-Q3", Step::Submit, None).unwrap();
    k.period_step(None, "2026-Q3", Step::Approve, None).unwrap();
    let report = m.import(&send(dir.path(), &k, "k2.gpkg"), false).unwrap();
    assert_eq!(report.periods.iter().map(|p| p.stage).collect::<Vec<_>>(), [Stage::Accepted]);
    let shown = m.period_stage(kato("35"), "2026-Q3").unwrap();
    let steps: Vec<(Step, &str)> = shown.acts.iter().map(|a| (a.step, a.user.as_str())).collect();
    use Step::*;
    assert_eq!(
        steps,
        [
            (Submit, "Әсел"),
            (Approve, "Әсел"),
            (Accept, "ministry"),
            (Unapprove, "Әсел"),
            (Submit, "Әсел"),
            (Approve, "Әсел"),
            (Accept, "ministry")
        ]
    );
    assert_eq!(shown.acts[3].reason.as_deref(), Some("Балқаш есебіндегі қате"));
    let corrected = m.find("35-0002").unwrap();
    assert_eq!(corrected.monitoring.iter().find(|r| r.period == "2026-Q3").unwrap().progress_pct, Some(25.0));
    // The second quarter was never handed in: open, and late.
    let q2 = m.reporting(Some("2026-Q2")).unwrap();
    assert_eq!((q2.regions[0].stage, q2.regions[0].late), (Stage::Open, true));
    // The region × period table shows both quarters of Karaganda as the ministry holds them.
    let table = m.reporting_table(2).unwrap();
    let karaganda = table.regions.iter().find(|r| r.kato == "35").unwrap();
    let cells: Vec<_> = karaganda.cells.iter().map(|c| (c.stage, c.late)).collect();
    assert_eq!(cells, [(Stage::Open, true), (Stage::Accepted, false)]);
}

/// A database that writes an act it may not make (Almaty approving Karaganda's quarter, straight
/// into its own file's database) has it refused at the ministry, named in the report, and the
/// quarter stays where it was.
#[test]
fn an_act_made_by_a_database_that_may_not_make_it_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut k = Indmap::init(&dir.path().join("k.sqlite"), region("35"), env("Әсел", 1)).unwrap();
    k.add_projects(&feature("Теміртау", "35", &[("2026-Q3", 60.0)])).unwrap();
    k.period_step(None, "2026-Q3", Step::Submit, None).unwrap();
    let mut a = Indmap::init(&dir.path().join("a.sqlite"), region("75"), env("almaty", 3)).unwrap();
    a.add_projects(&feature("Алатау", "75", &[("2026-Q3", 10.0)])).unwrap();
    let mut m = Indmap::init(&dir.path().join("m.sqlite"), Scope::Ministry, env("ministry", 2)).unwrap();
    m.import(&send(dir.path(), &k, "k.gpkg"), false).unwrap();
    assert_eq!(stage(&m, "35", "2026-Q3"), Stage::Submitted);
    {
        // Almaty's own write counter vouches for it, so only the maker's scope gives it away.
        let conn = rusqlite::Connection::open(&a.info().path).unwrap();
        conn.execute(
            "INSERT INTO period_acts (id, region, period, step, reason, db_id, counter, at, user)
             VALUES ('00000000-0000-7000-8000-00000000abcd', '35', '2026-Q3', 'approve', NULL, ?1, 1, '2026-11-25T10:00:00.000Z', 'almaty')",
            [a.info().db_id.to_string()],
        )
        .unwrap();
    }
    // Almaty's own file is of its own region; one of Karaganda's region carries the act.
    let forged = dir.path().join("a.gpkg");
    a.export(&forged, kato("35")).unwrap();
    let report = m.import(&forged, false).unwrap();
    assert!(report.periods.is_empty());
    let refusal = report.refused.iter().find(|r| r.reason.contains("approve of 2026-Q3")).expect("the act is refused");
    assert!(refusal.reason.contains("not known here to keep the scope"), "{}", refusal.reason);
    assert_eq!(stage(&m, "35", "2026-Q3"), Stage::Submitted);
}
