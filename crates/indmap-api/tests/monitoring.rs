//! Progress reports are kept by period: reporting a quarter never touches another quarter's
//! report, here or at the ministry the file goes to.

mod common;

use common::{env, region};
use indmap_api::core::monitoring::Standing;
use indmap_api::core::period_act::Step;
use indmap_api::core::{Rule, Scope};
use indmap_api::{ErrorKind, Indmap};
use serde_json::json;

fn karaganda(dir: &std::path::Path) -> Indmap {
    let mut db = Indmap::init(&dir.join("k.sqlite"), region("35"), env("planner", 1)).unwrap();
    let feature = json!({"type": "Feature", "geometry": null, "properties": {
        "name_kk": "Зауыт", "name_ru": "Завод", "region": "35",
        "monitoring": [{"period": "2025-Q4", "progress_pct": 40, "comment": "Іргетас құйылды"}]}});
    db.add_projects(&feature.to_string()).unwrap();
    db
}

fn reports(db: &Indmap) -> Vec<(String, Option<f64>)> {
    db.find("35-0001").unwrap().monitoring.iter().map(|m| (m.period.clone(), m.progress_pct)).collect()
}

fn patch(monitoring: serde_json::Value) -> String {
    json!({"type": "Feature", "geometry": null, "properties": {"monitoring": monitoring}}).to_string()
}

#[test]
fn reporting_a_quarter_keeps_the_other_quarters_here_and_at_the_ministry() {
    let dir = tempfile::tempdir().unwrap();
    let mut k = karaganda(dir.path());
    let mut ministry = Indmap::init(&dir.path().join("m.sqlite"), Scope::Ministry, env("ministry", 2)).unwrap();
    let file = dir.path().join("k1.gpkg");
    k.export(&file, None).unwrap();
    ministry.import(&file, false).unwrap();
    let q4 = k.find("35-0001").unwrap().monitoring[0].id;

    // The bug this fixes: a patch of the Q3 report deleted the Q4 one, and the deletion travelled.
    k.update_project("35-0001", &patch(json!([{"period": "2026-Q3", "progress_pct": 80}]))).unwrap();
    assert_eq!(reports(&k), [("2025-Q4".into(), Some(40.0)), ("2026-Q3".into(), Some(80.0))]);
    // The same period again replaces it, keeping the report's identity: a field-level change.
    k.set_report("35-0001", "2025-Q4", r#"{"progress_pct": 45, "comment": "Іргетас құйылды"}"#).unwrap();
    assert_eq!(reports(&k), [("2025-Q4".into(), Some(45.0)), ("2026-Q3".into(), Some(80.0))]);
    assert_eq!(k.find("35-0001").unwrap().monitoring[0].id, q4);
    let history = k.history("35-0001").unwrap();
    assert!(history.iter().any(|e| e.field == "progress_pct" && e.new == json!(45)), "logged field by field");

    let file = dir.path().join("k2.gpkg");
    k.export(&file, None).unwrap();
    ministry.import(&file, false).unwrap();
    assert_eq!(reports(&ministry), reports(&k), "the ministry has both quarters");
    assert_eq!(ministry.find("35-0001").unwrap().monitoring[0].comment.as_deref(), Some("Іргетас құйылды"));
}

#[test]
fn one_report_a_period_and_a_removal_says_what_it_removes() {
    let dir = tempfile::tempdir().unwrap();
    let mut k = karaganda(dir.path());
    let before = k.content_hash().unwrap();
    // A form that shows two reports of one period is refused, naming the second.
    let whole = patch(json!([{"period": "2025-Q4", "progress_pct": 40}, {"period": "2025-Q4", "progress_pct": 50}]));
    let e = k.edit_project("35-0001", &whole).unwrap_err();
    assert_eq!((e.problems[0].field.as_str(), e.problems[0].rule), ("monitoring[1].period", Rule::PeriodTwice));
    let e = k.set_report("35-0001", "2026-Q5", "{}").unwrap_err();
    assert_eq!(e.problems[0].rule, Rule::PeriodFormat);
    let e = k.set_report("35-0001", "2026-Q3", "[1, 2]").unwrap_err();
    assert_eq!(e.problems[0].rule, Rule::JsonSyntax);
    assert_eq!(k.remove_report("35-0001", "2026-Q1").unwrap_err().kind, ErrorKind::NotFound);
    assert_eq!(k.content_hash().unwrap(), before, "refusals change nothing");

    k.set_report("35-0001", "2026-Q1", r#"{"jobs_created": 12}"#).unwrap();
    k.remove_report("35-0001", "2025-Q4").unwrap();
    assert_eq!(reports(&k), [("2026-Q1".into(), None)]);
    // A whole form replaces the list: what the form no longer shows is removed.
    k.edit_project("35-0001", &patch(json!([]))).unwrap();
    assert!(reports(&k).is_empty());
}

/// The ministry asks who has reported the third quarter: Karaganda 1 of 2 (the other project
/// named), Almaty 1 of 1; a candidate does not report. Without a period, the last that ended
/// by the setting and the clock (25.11.2026: the third quarter, or October monthly).
#[test]
fn who_has_reported_a_period_region_by_region() {
    let dir = tempfile::tempdir().unwrap();
    let feature = |name: &str, kato: &str, status: &str, periods: &[&str]| {
        let monitoring: Vec<_> = periods.iter().map(|p| json!({"period": p, "progress_pct": 50})).collect();
        json!({"type": "Feature", "geometry": null, "properties": {"name_kk": name, "name_ru": name, "region": kato,
            "status": status, "monitoring": monitoring}})
        .to_string()
    };
    let mut ministry = Indmap::init(&dir.path().join("m.sqlite"), Scope::Ministry, env("ministry", 2)).unwrap();
    let mut k = Indmap::init(&dir.path().join("k.sqlite"), region("35"), env("planner", 1)).unwrap();
    k.add_projects(&feature("Теміртау", "35", "construction", &["2026-Q2", "2026-Q3"])).unwrap();
    k.add_projects(&feature("Балқаш", "35", "design", &["2026-Q2"])).unwrap();
    k.add_projects(&feature("Сарань", "35", "candidate", &[])).unwrap();
    let mut a = Indmap::init(&dir.path().join("a.sqlite"), region("75"), env("almaty", 3)).unwrap();
    a.add_projects(&feature("Алатау", "75", "delayed", &["2026-Q3"])).unwrap();
    a.period_step(None, "2026-Q3", Step::Submit, None).unwrap();
    for (db, name) in [(&k, "k.gpkg"), (&a, "a.gpkg")] {
        let file = dir.path().join(name);
        db.export(&file, None).unwrap();
        ministry.import(&file, false).unwrap();
    }
    let r = ministry.reporting(Some("2026-Q3")).unwrap();
    let rows: Vec<_> = r.regions.iter().map(|g| (g.kato.as_str(), g.reported, g.due, g.missing.clone())).collect();
    assert_eq!(rows, [("35", 1, 2, vec!["35-0002".to_owned()]), ("75", 1, 1, vec![])]);
    assert_eq!(r.regions[0].label.kk, "Қарағанды облысы");
    // Due ten days after the quarter by default; on 25.11 Karaganda, which has not submitted, is
    // late; Almaty has.
    assert_eq!(r.deadline, "2026-10-10");
    let standing: Vec<_> = r.regions.iter().map(|g| (g.standing, g.late)).collect();
    assert_eq!(standing, [(Standing::InProgress, true), (Standing::Reported, false)]);
    assert_eq!(ministry.reporting(None).unwrap().period, "2026-Q3");

    // The region × period table: the last three quarters, each region's cell by hand.
    let table = ministry.reporting_table(3).unwrap();
    let periods: Vec<_> = table.periods.iter().map(|p| (p.period.as_str(), p.deadline.as_str())).collect();
    assert_eq!(periods, [("2026-Q1", "2026-04-10"), ("2026-Q2", "2026-07-10"), ("2026-Q3", "2026-10-10")]);
    let cells = |kato: &str| -> Vec<(usize, usize, Standing, bool)> {
        let row = table.regions.iter().find(|r| r.kato == kato).unwrap();
        row.cells.iter().map(|c| (c.reported, c.due, c.standing, c.late)).collect()
    };
    use Standing::*;
    // Karaganda entered every report of the second quarter, but never submitted it: late.
    assert_eq!(cells("35"), [(0, 2, NotStarted, true), (2, 2, Reported, true), (1, 2, InProgress, true)]);
    assert_eq!(cells("75"), [(0, 1, NotStarted, true), (0, 1, NotStarted, true), (1, 1, Reported, false)]);
    // A longer deadline: on 25.11 the third quarter is not due yet.
    ministry.set_setting("report_deadline_days", "60").unwrap();
    let r = ministry.reporting(Some("2026-Q3")).unwrap();
    assert_eq!((r.deadline.as_str(), r.regions[0].late), ("2026-11-29", false));
    let refused = ministry.set_setting("report_deadline_days", "a month").unwrap_err();
    assert_eq!(refused.problems[0].rule, Rule::SettingDays);
    ministry.set_setting("monitoring_period", "half-year").unwrap();
    assert_eq!(ministry.reporting(None).unwrap().period, "2026-H1");
    let halves: Vec<_> = ministry.reporting_table(2).unwrap().periods.into_iter().map(|p| p.period).collect();
    assert_eq!(halves, ["2025-H2", "2026-H1"]);
    ministry.set_setting("monitoring_period", "month").unwrap();
    assert_eq!(ministry.reporting(None).unwrap().period, "2026-10");
    assert_eq!(ministry.reporting(Some("2026-Q9")).unwrap_err().problems[0].rule, Rule::PeriodFormat);
}

#[test]
fn every_export_leaves_a_receipt_of_what_it_sent_and_for_whom() {
    let dir = tempfile::tempdir().unwrap();
    let mut k = karaganda(dir.path());
    let mut ministry = Indmap::init(&dir.path().join("m.sqlite"), Scope::Ministry, env("ministry", 2)).unwrap();
    assert!(k.exports().unwrap().is_empty());
    let whole = dir.path().join("whole.gpkg");
    let sent = k.export(&whole, None).unwrap();
    ministry.import(&whole, false).unwrap();
    let back = dir.path().join("back.gpkg");
    ministry.export(&back, None).unwrap();
    common::trust(&mut k, &back);
    k.import(&back, false).unwrap();

    // The third quarter: the file of changes carries only the new report.
    k.set_report("35-0001", "2026-Q3", r#"{"progress_pct": 70}"#).unwrap();
    let changes = dir.path().join("changes.gpkg");
    let second = k.export_for(&changes, None, Some(Scope::Ministry)).unwrap();
    // A refused export leaves no receipt.
    let own = dir.path().join("k.sqlite");
    assert_eq!(k.export(&own, None).unwrap_err().kind, ErrorKind::Invalid);

    let receipts = k.exports().unwrap();
    assert_eq!(receipts.len(), 2, "{receipts:?}");
    let (latest, first) = (&receipts[0], &receipts[1]);
    assert_eq!(latest.file_name, changes.display().to_string());
    assert_eq!(latest.sha256, second.sha256);
    assert_eq!(latest.for_scope.as_deref(), Some("ministry"));
    assert_eq!((latest.projects, latest.periods.clone()), (1, vec!["2026-Q3".to_owned()]));
    assert_eq!(latest.user, "planner");
    assert_eq!(first.file_name, whole.display().to_string());
    assert_eq!(
        (first.sha256.as_str(), first.for_scope.as_deref(), first.region.as_deref()),
        (sent.sha256.as_str(), None, None)
    );
    assert_eq!((first.projects, first.periods.clone()), (1, vec!["2025-Q4".to_owned()]));
    assert_eq!(ministry.exports().unwrap().len(), 1, "each database keeps its own receipts");
}
