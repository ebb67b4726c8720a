//! Adding and editing projects: what a refusal tells.

use chrono::{TimeZone, Utc};
use indmap_api::core::{RegionCode, Scope};
use indmap_api::{Env, Indmap};
use serde_json::json;

fn fields(e: &indmap_api::Error) -> Vec<&str> {
    e.problems.iter().filter(|p| p.severity == indmap_api::core::Severity::Error).map(|p| p.field.as_str()).collect()
}

/// An empty map of Karaganda in `dir`.
fn karaganda(dir: &std::path::Path) -> Indmap {
    let scope = Scope::Region(RegionCode::parse("35").unwrap());
    let env = Env::fixed("planner", Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap());
    Indmap::init(&dir.join("a.sqlite"), scope, env).unwrap()
}

/// A BIN that cannot be read and a commissioning before the start are both told at once, when
/// a project is added and when one is edited: nobody fixes one to hear of the next on Save.
#[test]
fn every_problem_of_an_input_is_told_in_one_pass() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = karaganda(dir.path());
    let bad = json!({"initiator_bin": "12345", "start_date": "2026-06-01", "commissioning_planned": "2025-01-01"});
    let mut props = json!({"name_kk": "Зауыт", "name_ru": "Завод", "region": "35"});
    props.as_object_mut().unwrap().extend(bad.as_object().unwrap().clone());
    let feature = json!({"type": "Feature", "geometry": null, "properties": props});
    let e = db.add_projects(&feature.to_string()).unwrap_err();
    let told = fields(&e);
    assert!(told.contains(&"initiator_bin") && told.contains(&"commissioning_planned"), "{told:?}");
    assert!(db.list(&Default::default()).unwrap().is_empty(), "nothing was written");

    let good = json!({"type": "Feature", "geometry": null, "properties": {"name_kk": "Зауыт", "name_ru": "Завод", "region": "35"}});
    db.add_projects(&good.to_string()).unwrap();
    let patch = json!({"type": "Feature", "geometry": null, "properties": bad});
    let e = db.update_project("35-0001", &patch.to_string()).unwrap_err();
    let told = fields(&e);
    assert!(told.contains(&"initiator_bin") && told.contains(&"commissioning_planned"), "{told:?}");
}

/// What the window asks as the user leaves a field: every problem saving the form would meet,
/// errors and warnings, for a new project and an edited one, and nothing is written.
#[test]
fn a_form_is_checked_without_saving_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = karaganda(dir.path());
    let form = |props: serde_json::Value, point: (f64, f64)| {
        json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [point.0, point.1]}, "properties": props})
            .to_string()
    };
    // In Almaty, not Karaganda: a warning beside the location; a BIN that cannot be read and a
    // commissioning before the start: errors beside theirs.
    let bad = json!({"name_kk": "Зауыт", "name_ru": "Завод", "region": "35", "initiator_bin": "12345",
        "start_date": "2026-06-01", "commissioning_planned": "2025-01-01"});
    let told = |problems: &[indmap_api::core::Problem]| {
        let mut out: Vec<(String, String)> =
            problems.iter().map(|p| (p.field.clone(), format!("{:?}", p.severity).to_lowercase())).collect();
        out.sort();
        out
    };
    let problems = db.check_project(None, &form(bad.clone(), (76.9, 43.25))).unwrap();
    let expected = [
        ("commissioning_planned".to_owned(), "error".to_owned()),
        ("geometry".to_owned(), "warning".to_owned()),
        ("initiator_bin".to_owned(), "error".to_owned()),
    ];
    assert_eq!(told(&problems), expected, "{problems:?}");
    assert!(db.list(&Default::default()).unwrap().is_empty(), "nothing was written");

    let good = json!({"name_kk": "Зауыт", "name_ru": "Завод", "region": "35"});
    db.add_projects(&form(good.clone(), (73.1, 49.8))).unwrap();
    let hash = db.content_hash().unwrap();
    assert_eq!(db.check_project(Some("35-0001"), &form(good, (73.1, 49.8))).unwrap(), []);
    let problems = db.check_project(Some("35-0001"), &form(bad, (76.9, 43.25))).unwrap();
    assert_eq!(told(&problems), expected, "{problems:?}");
    assert_eq!(db.content_hash().unwrap(), hash, "nothing was written");
}
