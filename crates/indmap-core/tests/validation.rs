//! Each rule refuses (or warns about) what it should, names the field, and lets good input pass.

use indmap_core::feature::{parse_features, project_from_feature};
use indmap_core::reference::{default_financing_sources, default_sectors};
use indmap_core::validate::{Rules, check};
use indmap_core::*;
use proptest::prelude::*;
use serde_json::{Value, json};

struct Counter(u64);
impl IdSource for Counter {
    fn new_id(&mut self) -> uuid::Uuid {
        self.0 += 1;
        indmap_core::ident::uuid_v7(1_700_000_000_000, [0, 0, 0, 0, 0, 0, 0, 0, 0, self.0 as u8])
    }
}

fn rules() -> Rules {
    Rules {
        sectors: default_sectors().into_iter().map(|i| i.code).collect(),
        financing_sources: default_financing_sources().into_iter().map(|i| i.code).collect(),
        republican_threshold: None,
    }
}

/// A valid Karaganda project; tests change one thing at a time.
fn good() -> Value {
    json!({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [73.10, 49.80]},
        "properties": {
            "name_kk": "Қарағанды құю зауыты", "name_ru": "Карагандинский литейный завод", "region": "35",
            "status": "construction", "sector": "metallurgy", "initiator_bin": Bin::with_check_digit("07034000431").unwrap().as_str(),
            "cost_kzt": 1_000_000_000, "start_date": "2025-01-10", "commissioning_planned": "2027-06-30",
            "financing": [{"source": "own_funds", "amount_kzt": 400_000_000, "year": 2025, "status": "disbursed"},
                          {"source": "dbk", "amount_kzt": 600_000_000, "year": 2026, "status": "committed"}]
        }
    })
}

/// Reads and checks a Feature as `project add` does; returns every problem.
fn problems_of(feature: &Value) -> Problems {
    let features = match parse_features(&feature.to_string()) {
        Ok(f) => f,
        Err(p) => return p,
    };
    let (project, mut problems) = project_from_feature(&features[0], &mut Counter(0));
    if let Some(p) = project {
        problems.extend(check(&p, &rules()));
    }
    problems
}

fn with(key: &str, value: Value) -> Value {
    let mut f = good();
    f["properties"][key] = value;
    f
}

fn error_on(problems: &Problems, field: &str) -> bool {
    problems.errors().any(|p| p.field == field)
}

#[test]
fn the_good_project_passes_without_problems() {
    let problems = problems_of(&good());
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn each_bad_input_names_its_field() {
    let cases: Vec<(Value, &str)> = vec![
        (with("initiator_bin", json!("12345678901")), "initiator_bin"),
        (with("commissioning_planned", json!("2024-12-31")), "commissioning_planned"),
        (with("cost_kzt", json!(-5)), "cost_kzt"),
        (with("cost_kzt", json!("a lot")), "cost_kzt"),
        (with("cost_kzt", json!(10.005)), "cost_kzt"),
        (with("region", json!("36")), "region"),
        (with("name_kk", json!("")), "name_kk"),
        (with("name_ru", json!("   ")), "name_ru"),
        (with("status", json!("finished")), "status"),
        (with("sector", json!("space")), "sector"),
        (with("start_date", json!("31.12.2025")), "start_date"),
        (with("jobs_permanent", json!(-1)), "jobs_permanent"),
        (with("local_content_labour_pct", json!(120)), "local_content_labour_pct"),
        (
            with("financing", json!([{"source": "own_funds", "amount_kzt": -1, "year": 2025}])),
            "financing[0].amount_kzt",
        ),
        (with("financing", json!([{"source": "lottery", "amount_kzt": 1, "year": 2025}])), "financing[0].source"),
        (with("financing", json!([{"source": "dbk", "amount_kzt": 1, "year": 1900}])), "financing[0].year"),
        (with("support_measures", json!([{"measure": 14}])), "support_measures[0].measure"),
        (with("monitoring", json!([{"period": "Q3 2026"}])), "monitoring[0].period"),
        (with("criteria", json!(["beauty"])), "criteria[0]"),
    ];
    for (feature, field) in cases {
        let problems = problems_of(&feature);
        assert!(error_on(&problems, field), "expected an error on {field}, got {problems:?}");
    }
}

#[test]
fn a_point_in_china_is_refused() {
    let mut f = good();
    f["geometry"] = json!({"type": "Point", "coordinates": [116.40, 39.90]});
    let problems = problems_of(&f);
    let p = problems.errors().find(|p| p.field == "geometry").expect("an error on geometry");
    assert!(p.message.contains("outside Kazakhstan"), "{}", p.message);
}

#[test]
fn a_point_in_another_region_is_a_warning_that_names_it() {
    let mut f = good();
    f["geometry"] = json!({"type": "Point", "coordinates": [76.95, 52.28]}); // Pavlodar
    let problems = problems_of(&f);
    assert!(!problems.has_errors(), "{problems:?}");
    let w = problems.warnings().find(|p| p.field == "geometry").expect("a warning on geometry");
    assert!(w.message.contains("Pavlodar"), "{}", w.message);
}

#[test]
fn financing_that_does_not_add_up_is_only_a_warning() {
    let problems = problems_of(&with("cost_kzt", json!(2_000_000_000)));
    assert!(!problems.has_errors(), "{problems:?}");
    assert!(problems.warnings().any(|p| p.field == "financing" && p.rule == indmap_core::Rule::FinancingTotal));
}

#[test]
fn malformed_json_and_missing_names_are_refused() {
    let problems = parse_features("{\"type\": \"Feature\", ").unwrap_err();
    assert!(error_on(&problems, "file"));
    let mut f = good();
    f["properties"].as_object_mut().unwrap().remove("name_ru");
    assert!(error_on(&problems_of(&f), "name_ru"));
}

#[test]
fn unknown_properties_are_reported_not_silently_dropped() {
    let problems = problems_of(&with("cost_kz", json!(5)));
    assert!(problems.warnings().any(|p| p.field == "cost_kz" && p.rule == indmap_core::Rule::PropertyUnknown));
}

#[test]
fn republican_threshold_comes_from_settings() {
    let mut r = rules();
    r.republican_threshold = Some(Money::from_mln(20_000));
    let features = parse_features(&with("level", json!("republican")).to_string()).unwrap();
    let (p, _) = project_from_feature(&features[0], &mut Counter(0));
    let problems = check(&p.unwrap(), &r);
    assert!(problems.warnings().any(|p| p.rule == indmap_core::Rule::LevelThreshold), "{problems:?}");
}

proptest! {
    #[test]
    fn a_bin_is_accepted_only_with_twelve_digits(bin in "[0-9a-z ]{0,14}") {
        let problems = problems_of(&with("initiator_bin", json!(bin)));
        let twelve_digits = bin.trim().len() == 12 && bin.trim().bytes().all(|b| b.is_ascii_digit());
        let blank = bin.trim().is_empty();
        prop_assert_eq!(error_on(&problems, "initiator_bin"), !twelve_digits && !blank);
    }

    #[test]
    fn commissioning_before_start_is_refused(start in 0u64..5000, gap in -2000i64..2000) {
        let day0 = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).unwrap();
        let start_date = day0 + chrono::Days::new(start);
        let planned = if gap < 0 { start_date - chrono::Days::new(gap.unsigned_abs()) } else { start_date + chrono::Days::new(gap as u64) };
        let mut f = with("start_date", json!(start_date.to_string()));
        f["properties"]["commissioning_planned"] = json!(planned.to_string());
        let problems = problems_of(&f);
        prop_assert_eq!(error_on(&problems, "commissioning_planned"), gap < 0);
    }

    #[test]
    fn amounts_are_refused_exactly_when_negative(amount in -1_000_000_000i64..1_000_000_000) {
        let problems = problems_of(&with("cost_kzt", json!(amount)));
        prop_assert_eq!(error_on(&problems, "cost_kzt"), amount < 0);
    }

    #[test]
    fn points_are_accepted_inside_kazakhstan_only(lon in 40.0f64..95.0, lat in 35.0f64..58.0) {
        let mut f = good();
        f["geometry"] = json!({"type": "Point", "coordinates": [lon, lat]});
        let problems = problems_of(&f);
        let inside = geography::boundaries().region_at(geo::Point::new(lon, lat)).is_some();
        prop_assert_eq!(error_on(&problems, "geometry"), !inside);
    }
}
