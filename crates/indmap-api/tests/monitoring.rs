//! Progress reports are kept by period: reporting a quarter never touches another quarter's
//! report, here or at the ministry the file goes to.

mod common;

use common::{env, region};
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
    for (db, name) in [(&k, "k.gpkg"), (&a, "a.gpkg")] {
        let file = dir.path().join(name);
        db.export(&file, None).unwrap();
        ministry.import(&file, false).unwrap();
    }
    let r = ministry.reporting(Some("2026-Q3")).unwrap();
    let rows: Vec<_> = r.regions.iter().map(|g| (g.kato.as_str(), g.reported, g.due, g.missing.clone())).collect();
    assert_eq!(rows, [("35", 1, 2, vec!["35-0002".to_owned()]), ("75", 1, 1, vec![])]);
    assert_eq!(r.regions[0].label.kk, "Қарағанды облысы");
    assert_eq!(ministry.reporting(None).unwrap().period, "2026-Q3");
    ministry.set_setting("monitoring_period", "month").unwrap();
    assert_eq!(ministry.reporting(None).unwrap().period, "2026-10");
    assert_eq!(ministry.reporting(Some("2026-Q9")).unwrap_err().problems[0].rule, Rule::PeriodFormat);
}
