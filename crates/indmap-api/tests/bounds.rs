//! Amounts and texts with bounds: a sum of amounts never overflows, and an input beyond any
//! real project is refused naming the rule, where it once broke every import after it.

mod common;

use common::env;
use indmap_api::Indmap;
use indmap_api::core::{Rule, Scope};
use serde_json::{Value, json};

fn project(i: usize, cost: Value, name: &str) -> Value {
    json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [73.1, 49.8]}, "properties": {
        "name_kk": format!("{name} {i}"), "name_ru": format!("Завод {i}"), "region": "35", "cost_kzt": cost}})
}

fn collection(features: Vec<Value>) -> String {
    json!({"type": "FeatureCollection", "features": features}).to_string()
}

fn rules_of(e: &indmap_api::Error) -> Vec<(String, Rule)> {
    e.problems.iter().map(|p| (p.field.clone(), p.rule)).collect()
}

#[test]
fn an_amount_or_a_text_beyond_any_project_is_refused_naming_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Indmap::init(&dir.path().join("a.sqlite"), Scope::Ministry, env("a", 1)).unwrap();
    let e = db.add_projects(&collection(vec![project(1, json!(90_000_000_000_000_000_i64), "Зауыт")])).unwrap_err();
    assert!(rules_of(&e).iter().any(|(f, r)| f.ends_with("cost_kzt") && *r == Rule::MoneyTooLarge), "{e:?}");
    let name = "Ә".repeat(10_001);
    let e = db.add_projects(&collection(vec![project(1, json!(1), &name)])).unwrap_err();
    assert!(rules_of(&e).iter().any(|(f, r)| f.ends_with("name_kk") && *r == Rule::TextTooLong), "{e:?}");
    assert!(e.message.contains("10000"), "the refusal names the limit: {}", e.message);
    assert!(db.list(&Default::default()).unwrap().is_empty());
}

/// A hundred projects at the largest cost allowed add up past what an `i64` of tiyn holds:
/// the totals stop at the ceiling, and the map still exports and imports.
#[test]
fn totals_past_the_ceiling_saturate_and_imports_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut ministry = Indmap::init(&dir.path().join("m.sqlite"), Scope::Ministry, env("m", 1)).unwrap();
    let most = json!(1_000_000_000_000_000_i64);
    ministry.add_projects(&collection((0..100).map(|i| project(i, most.clone(), "Зауыт")).collect())).unwrap();
    let file = dir.path().join("m.gpkg");
    ministry.export(&file, None).unwrap();
    let mut other = Indmap::init(&dir.path().join("o.sqlite"), Scope::Ministry, env("o", 2)).unwrap();
    common::trust(&mut other, &file);
    let report = other.import(&file, false).unwrap();
    assert_eq!(report.added.len(), 100);
    assert_eq!(report.after.cost_kzt.minor(), i64::MAX, "the sum stops at the ceiling");
    // Imported again after another project was added: merged on top of the ceiling.
    ministry.add_projects(&collection(vec![project(100, most, "Зауыт")])).unwrap();
    ministry.export(&file, None).unwrap();
    let report = other.import(&file, false).unwrap();
    assert_eq!(report.added.len(), 1, "{report:?}");
    assert_eq!(report.after.cost_kzt.minor(), i64::MAX);
    assert_eq!(other.view(&Default::default()).unwrap().rows.len(), 101);
}
