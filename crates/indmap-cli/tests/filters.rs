//! The filters the window has, from the command line: `--district`, `--year-from`, `--year-to`,
//! `--measure` and `--source` narrow `project list` to exactly the projects that satisfy them, and
//! a printout names them in its subtitle.

mod common;

use common::Db;
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// A ministry database with 300 sample projects, made once; the tests only read it.
fn sample() -> &'static Db {
    static DB: OnceLock<Db> = OnceLock::new();
    DB.get_or_init(|| {
        let db = Db::init(&["--ministry"]);
        db.cmd(&["sample", "--projects", "300", "--seed", "3"]).assert().success();
        db
    })
}

fn features(db: &Db, flags: &[&str]) -> Vec<Value> {
    let list = db.json(&[&["project", "list"], flags].concat());
    list["features"].as_array().unwrap().clone()
}

fn ids(features: &[Value]) -> BTreeSet<String> {
    features.iter().map(|f| f["properties"]["id"].as_str().unwrap().to_owned()).collect()
}

/// The flags give exactly the projects of the whole list for which `rule` holds: every returned
/// one satisfies it and every one left out fails it. The rule must pick some but not all.
fn narrows_to(flags: &[&str], rule: impl Fn(&Value) -> bool) {
    let db = sample();
    let all = features(db, &[]);
    let shown = features(db, flags);
    for f in &shown {
        assert!(rule(&f["properties"]), "{flags:?} shows a project that fails the rule: {}", f["properties"]);
    }
    let expected: Vec<Value> = all.iter().filter(|f| rule(&f["properties"])).cloned().collect();
    assert_eq!(ids(&shown), ids(&expected), "{flags:?} leaves out projects that satisfy the rule");
    assert!(!shown.is_empty() && shown.len() < all.len(), "{flags:?} gives {} of {}", shown.len(), all.len());
}

/// The year of commissioning: the actual date, else the planned one.
fn year(p: &Value) -> Option<i32> {
    let date = p["commissioning_actual"].as_str().or(p["commissioning_planned"].as_str())?;
    date[..4].parse().ok()
}

fn rows<'a>(p: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    p[key].as_array().into_iter().flatten()
}

#[test]
fn district_is_the_exact_name_in_any_case() {
    let all = features(sample(), &[]);
    // A Kazakh name, typed in capitals: the match ignores case in Kazakh letters too.
    let district = all
        .iter()
        .filter_map(|f| f["properties"]["district"].as_str())
        .find(|d| d.ends_with("ауданы"))
        .expect("the sample has Kazakh district names")
        .to_owned();
    let typed = district.to_uppercase();
    assert_ne!(typed, district);
    narrows_to(&["--district", &typed], |p| p["district"].as_str() == Some(district.as_str()));
}

#[test]
fn year_from_and_year_to_include_both_ends() {
    narrows_to(&["--year-from", "2027"], |p| year(p).is_some_and(|y| y >= 2027));
    narrows_to(&["--year-to", "2025"], |p| year(p).is_some_and(|y| y <= 2025));
    narrows_to(&["--year-from", "2025", "--year-to", "2026"], |p| year(p).is_some_and(|y| (2025..=2026).contains(&y)));
}

#[test]
fn year_is_the_range_of_one_year() {
    let db = sample();
    let one = features(db, &["--year", "2026"]);
    assert_eq!(ids(&one), ids(&features(db, &["--year-from", "2026", "--year-to", "2026"])));
    assert!(!one.is_empty() && one.iter().all(|f| year(&f["properties"]) == Some(2026)));
    db.cmd(&["project", "list", "--year", "2026", "--year-from", "2025"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot be used with"));
}

#[test]
fn measure_gives_the_projects_receiving_it() {
    narrows_to(&["--measure", "3"], |p| rows(p, "support_measures").any(|m| m["measure"] == 3));
}

#[test]
fn source_gives_the_projects_financed_by_it() {
    narrows_to(&["--source", "dbk"], |p| rows(p, "financing").any(|f| f["source"] == "dbk"));
}

#[test]
fn new_flags_combine_with_the_old_ones() {
    narrows_to(&["--status", "construction", "--year-from", "2026", "--source", "own_funds"], |p| {
        p["status"] == "construction"
            && year(p).is_some_and(|y| y >= 2026)
            && rows(p, "financing").any(|f| f["source"] == "own_funds")
    });
}

#[test]
fn a_measure_out_of_range_and_years_backwards_are_refused_naming_the_flag() {
    let db = sample();
    for (flags, named) in [
        (&["--measure", "14"][..], "--measure: must be 1 to 13"),
        (&["--measure", "0"][..], "--measure: must be 1 to 13"),
        (&["--year-from", "2030", "--year-to", "2025"][..], "--year-to: must be the first year (2030) or later"),
    ] {
        db.cmd(&[&["project", "list"], flags].concat()).assert().code(3).stderr(predicates::str::contains(named));
    }
}

#[test]
fn every_filtering_command_explains_the_new_flags() {
    let db = sample();
    for command in [&["project", "list"][..], &["print"], &["atlas"], &["report"]] {
        let out = db.cmd(&[command, &["--help"]].concat()).output().unwrap();
        let help = String::from_utf8(out.stdout).unwrap();
        for flag in ["--district", "--year-from", "--year-to", "--measure <N>", "--source <CODE>", "--year <YEAR>"] {
            assert!(help.contains(flag), "{command:?} --help lacks {flag}: {help}");
        }
        assert!(help.contains("support measure") && help.contains("any case"), "{help}");
    }
}

#[test]
fn a_printout_names_the_new_filters_in_its_subtitle() {
    let db = sample();
    let pdf = db.dir.path().join("measure-3.pdf");
    db.cmd(&["print", "--out", pdf.to_str().unwrap(), "--measure", "3", "--year-from", "2025"]).assert().success();
    let text = std::process::Command::new("pdftotext").args([pdf.to_str().unwrap(), "-"]).output().unwrap();
    assert!(text.status.success(), "pdftotext is installed");
    // The subtitle may wrap: compare with the line breaks as spaces.
    let flowing = String::from_utf8(text.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flowing.contains("Ввод: с 2025"), "{flowing}");
    assert!(flowing.contains("Мера поддержки: 3 — кредитование через финансовые институты"), "{flowing}");
    // The printout shows the listed set: its count is the list's.
    let listed = features(db, &["--measure", "3", "--year-from", "2025"]).len();
    assert!(flowing.contains(&format!("Проекты: {listed}")), "{flowing}");
}

#[test]
fn a_report_holds_exactly_the_listed_projects() {
    let db = sample();
    let csv = db.dir.path().join("dbk.csv");
    db.cmd(&["report", "--out", csv.to_str().unwrap(), "--source", "dbk", "--district", "  "]).assert().success();
    let text = std::fs::read_to_string(&csv).unwrap();
    let codes: BTreeSet<&str> = text.lines().skip(1).filter_map(|l| l.split(';').next()).collect();
    let listed = features(db, &["--source", "dbk"]);
    let listed_codes: BTreeSet<&str> = listed.iter().map(|f| f["properties"]["code"].as_str().unwrap()).collect();
    for code in &listed_codes {
        assert!(codes.contains(code), "{code} is missing from the report");
    }
    let all = features(db, &[]);
    for f in all.iter().filter(|f| !listed.contains(f)) {
        let code = f["properties"]["code"].as_str().unwrap();
        assert!(!codes.contains(code), "{code} is not financed by dbk but is in the report");
    }
}
