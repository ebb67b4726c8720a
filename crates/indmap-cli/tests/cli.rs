//! The real `indmap` binary against real database files.

mod common;

use common::Db;
use indmap_api::core::geography::boundaries;
use serde_json::{Value, json};

fn karaganda_project() -> Value {
    json!({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [72.9655, 50.0589]},
        "properties": {
            "name_kk": "Теміртау ферроқорытпа зауыты: ә ғ қ ң ө ұ ү һ і",
            "name_ru": "Темиртауский ферросплавный завод",
            "name_en": "Temirtau ferroalloy plant",
            "region": "35", "district": "Теміртау", "level": "regional", "status": "construction",
            "inclusion_act": "Қарағанды облысы әкімдігінің 2024 жылғы 12 наурыздағы № 18 қаулысы",
            "sector": "metallurgy", "oked": "24.10", "initiator": "ТОО «Saryarka Ferroalloys»",
            "initiator_bin": "070340004319", "cost_kzt": 35000000000.25,
            "capacity": {"value": 240000, "unit": "t/yr", "product": "ferrosilicon"},
            "jobs_construction": 800, "jobs_permanent": 400,
            "start_date": "2024-03-01", "commissioning_planned": "2026-12-31",
            "financing": [
                {"source": "own_funds", "amount_kzt": 15000000000.25, "year": 2024, "status": "disbursed"},
                {"source": "dbk", "amount_kzt": 20_000_000_000i64, "year": 2025, "status": "committed"}
            ],
            "milestones": [{"name": "Құрылыс басталды", "planned": "2024-03-01", "actual": "2024-04-15"}],
            "actions": [{"title": "Электр желісіне қосу", "responsible": "Қарағанды облысы әкімдігі", "due": "2026-06-30", "status": "in_progress"}],
            "support_measures": [{"measure": 3, "amount_kzt": 20_000_000_000i64, "note": "DBK loan"}],
            "criteria": ["scale", "competitiveness"],
            "local_content_labour_pct": 92.5, "local_content_goods_pct": 41
        }
    })
}

/// Every property the input gave has the same value in the output.
fn assert_carries(input: &Value, output: &Value) {
    for (key, value) in input["properties"].as_object().unwrap() {
        let out = &output["properties"][key];
        match (value, out) {
            (Value::Array(given), Value::Array(back)) => {
                assert_eq!(given.len(), back.len(), "{key}");
                for (g, b) in given.iter().zip(back) {
                    match g.as_object() {
                        Some(fields) => fields.iter().for_each(|(k, v)| assert_eq!(v, &b[k], "{key}.{k}")),
                        None => assert_eq!(g, b, "{key}"),
                    }
                }
            }
            _ => assert_eq!(value, out, "{key}"),
        }
    }
    assert_eq!(input["geometry"], output["geometry"]);
}

#[test]
fn a_project_added_from_a_feature_comes_back_with_every_property() {
    let db = Db::init(&["--region", "35"]);
    let file = db.file("p.json", &karaganda_project());
    let added = db.json(&["project", "add", &file]);
    assert_eq!(added["added"][0]["code"], "35-0001");
    let shown = db.json(&["project", "show", "35-0001"]);
    assert_carries(&karaganda_project(), &shown);
    let id = added["added"][0]["id"].as_str().unwrap();
    assert_eq!(db.json(&["project", "show", id]), shown);

    // Added to another database, it is the same project.
    let ministry = Db::init(&["--ministry"]);
    let copy = ministry.file("copy.json", &shown);
    ministry.cmd(&["project", "add", &copy]).assert().success();
    assert_eq!(ministry.json(&["project", "show", "35-0001"]), shown);
}

#[test]
fn bad_input_is_refused_with_the_field_named_and_nothing_changes() {
    let db = Db::init(&["--region", "35"]);
    let file = db.file("ok.json", &karaganda_project());
    db.cmd(&["project", "add", &file]).assert().success();
    let before = db.content();

    let with = |key: &str, value: Value| {
        let mut f = karaganda_project();
        f["properties"][key] = value;
        f
    };
    let mut in_china = karaganda_project();
    in_china["geometry"] = json!({"type": "Point", "coordinates": [116.40, 39.90]});
    let cases: Vec<(Value, &str)> = vec![
        (with("initiator_bin", json!("12345")), "initiator_bin"),
        (with("commissioning_planned", json!("2020-01-01")), "commissioning_planned"),
        (with("cost_kzt", json!(-1)), "cost_kzt"),
        (with("region", json!("99")), "region"),
        (with("name_kk", json!("")), "name_kk"),
        (with("jobs_permanent", json!("many")), "jobs_permanent"),
        (with("financing", json!([{"source": "dbk", "amount_kzt": -5, "year": 2025}])), "financing[0].amount_kzt"),
        (with("region", json!("75")), "region"), // Almaty city: not this database's region
        (in_china, "geometry"),
    ];
    for (feature, field) in cases {
        let bad = db.file("bad.json", &feature);
        let out = db.cmd(&["project", "add", &bad]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{field}: {stderr}");
        assert!(stderr.contains(&format!("{field}:")), "{field} not named in: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(db.content(), before, "refusing {field} changed the database");
    }

    std::fs::write(db.dir.path().join("broken.json"), "{\"type\": \"Feature\", \"properties\": {").unwrap();
    let broken = db.dir.path().join("broken.json");
    db.cmd(&["project", "add", broken.to_str().unwrap()])
        .assert()
        .code(3)
        .stderr(predicates::str::contains("file: is not valid JSON"));
    let bad_update = db.file(
        "bad-update.json",
        &json!({"type": "Feature", "geometry": null, "properties": {"start_date": "2030-01-01"}}),
    );
    db.cmd(&["project", "update", "35-0001", &bad_update])
        .assert()
        .code(3)
        .stderr(predicates::str::contains("commissioning_planned"));
    assert_eq!(db.content(), before);
}

#[test]
fn a_form_is_checked_without_saving_it_and_every_problem_told() {
    let db = Db::init(&["--region", "35"]);
    let good = db.file("ok.json", &karaganda_project());
    db.cmd(&["project", "check", &good]).assert().success().stdout(predicates::str::contains("no problem found"));
    db.cmd(&["project", "add", &good]).assert().success();
    let before = db.content();
    let mut bad = karaganda_project();
    bad["properties"]["initiator_bin"] = json!("12345");
    bad["properties"]["commissioning_planned"] = json!("2020-01-01");
    let bad = db.file("bad.json", &bad);
    for args in [vec!["project", "check", &bad], vec!["project", "check", &bad, "--project", "35-0001"]] {
        let out = db.cmd(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{stderr}");
        assert!(stderr.contains("initiator_bin:") && stderr.contains("commissioning_planned:"), "{stderr}");
    }
    assert_eq!(db.content(), before, "checking wrote nothing");
}

#[test]
fn exit_codes_tell_usage_not_found_and_success_apart() {
    let db = Db::init(&["--ministry"]);
    db.cmd(&["project", "show", "35-0042"]).assert().code(4).stderr(predicates::str::contains("no project 35-0042"));
    db.cmd(&["project", "frobnicate"]).assert().code(2);
    db.cmd(&["project", "add", "/nonexistent/file.json"]).assert().code(4);
    db.cmd(&["init", "--region", "35"]).assert().code(1).stderr(predicates::str::contains("already exists"));
    let missing = Db::new();
    missing.cmd(&["project", "list"]).assert().code(4).stderr(predicates::str::contains("indmap init"));
    missing.cmd(&["init", "--region", "36"]).assert().code(3).stderr(predicates::str::contains("--region"));
    assert!(!missing.path.exists());
}

#[test]
fn update_changes_only_the_given_properties_and_history_shows_it() {
    let db = Db::init(&["--region", "35"]);
    let file = db.file("p.json", &karaganda_project());
    db.cmd(&["project", "add", &file]).assert().success();
    let before = db.json(&["project", "show", "35-0001"]);
    let patch = db.file("patch.json", &json!({"type": "Feature", "geometry": null, "properties": {"status": "commissioned", "commissioning_actual": "2026-10-01", "district": null}}));
    db.cmd(&["project", "update", "35-0001", &patch])
        .assert()
        .success()
        .stdout(predicates::str::contains("3 fields changed"));
    let after = db.json(&["project", "show", "35-0001"]);
    for (key, value) in before["properties"].as_object().unwrap() {
        match key.as_str() {
            "status" => assert_eq!(after["properties"][key], "commissioned"),
            "commissioning_actual" => assert_eq!(after["properties"][key], "2026-10-01"),
            "district" => assert_eq!(after["properties"][key], Value::Null),
            _ => assert_eq!(&after["properties"][key], value, "{key} changed"),
        }
    }
    assert_eq!(after["geometry"], before["geometry"]);
    db.cmd(&["project", "update", "35-0001", &patch])
        .assert()
        .success()
        .stdout(predicates::str::contains("nothing changed"));

    let history = db.json(&["history", "35-0001"]);
    let status_change =
        history.as_array().unwrap().iter().find(|e| e["field"] == "status" && e["new"] == "commissioned").unwrap();
    assert_eq!(status_change["old"], "construction");
    assert_eq!(status_change["user"], "test-planner");
    let id_change =
        db.file("id.json", &json!({"type": "Feature", "geometry": null, "properties": {"code": "35-0002"}}));
    db.cmd(&["project", "update", "35-0001", &id_change])
        .assert()
        .code(3)
        .stderr(predicates::str::contains("code: cannot be changed"));
}

#[test]
fn deleted_projects_leave_the_list_but_not_history() {
    let db = Db::init(&["--region", "35"]);
    let file = db.file("p.json", &karaganda_project());
    db.cmd(&["project", "add", &file]).assert().success();
    db.cmd(&["project", "delete", "35-0001", "--reason", "duplicate entry"]).assert().success();
    db.cmd(&["project", "show", "35-0001"])
        .assert()
        .code(4)
        .stderr(predicates::str::contains("was deleted").and(predicates::str::contains("duplicate entry")));
    assert_eq!(db.json(&["project", "list"])["features"].as_array().unwrap().len(), 0);
    let history = db.json(&["history", "35-0001"]);
    assert!(history.as_array().unwrap().iter().any(|e| e["field"] == "deleted"));
    // The code is not issued again.
    db.cmd(&["project", "add", &file]).assert().success().stdout(predicates::str::contains("35-0002"));
}

use predicates::prelude::PredicateBooleanExt;

#[test]
fn list_filters_narrow_the_set() {
    let db = Db::init(&["--ministry"]);
    let mut features = Vec::new();
    for (i, (region, point, level, status, sector, year, name)) in [
        ("35", [73.10, 49.80], "regional", "construction", "metallurgy", "2026", "Қарағанды металл"),
        ("35", [73.20, 49.90], "republican", "commissioned", "mining", "2025", "Жезқазған кен"),
        ("55", [76.95, 52.28], "regional", "design", "chemicals", "2026", "Павлодар химия"),
    ]
    .into_iter()
    .enumerate()
    {
        features.push(json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": point}, "properties": {
            "name_kk": name, "name_ru": format!("Проект {i}"), "region": region, "level": level, "status": status, "sector": sector,
            "inclusion_act": "№ 1",
            "start_date": "2024-01-01", "commissioning_planned": format!("{year}-06-30"), "commissioning_actual": if status == "commissioned" { json!(format!("{year}-06-30")) } else { Value::Null },
        }}));
    }
    let file = db.file("fc.json", &json!({"type": "FeatureCollection", "features": features}));
    db.cmd(&["project", "add", &file]).assert().success();
    let count = |args: &[&str]| db.json(&[&["project", "list"], args].concat())["features"].as_array().unwrap().len();
    assert_eq!(count(&[]), 3);
    assert_eq!(count(&["--region", "35"]), 2);
    assert_eq!(count(&["--level", "republican"]), 1);
    assert_eq!(count(&["--status", "design", "--status", "construction"]), 2);
    assert_eq!(count(&["--sector", "chemicals"]), 1);
    assert_eq!(count(&["--year", "2026"]), 2);
    assert_eq!(count(&["--search", "ҚАРАҒАНДЫ"]), 1);
    assert_eq!(count(&["--search", "RK-0003"]), 1);
    db.cmd(&["project", "list", "--status", "done"]).assert().code(3).stderr(predicates::str::contains("--status"));
    let table = db.cmd(&["project", "list", "--lang", "kk"]).output().unwrap();
    assert!(String::from_utf8_lossy(&table.stdout).contains("Павлодар химия"));
}

#[test]
fn reference_data_lists_codes_and_three_languages() {
    let db = Db::init(&["--ministry"]);
    let regions = db.json(&["regions"]);
    assert_eq!(regions.as_array().unwrap().len(), 20);
    assert!(regions.as_array().unwrap().iter().any(|r| r["kato"] == "62" && r["label"]["kk"] == "Ұлытау облысы"));
    let reference = db.json(&["reference"]);
    assert_eq!(reference["support_measures"].as_array().unwrap().len(), 13);
    assert_eq!(reference["statuses"].as_array().unwrap().len(), 13);
    assert!(reference["financing_sources"].as_array().unwrap().iter().any(|s| s["code"] == "dbk"));
    // Sectors are editable; a project may then use the new one.
    db.cmd(&["reference", "sector", "tourism", "--kk", "Туризм", "--ru", "Туризм", "--en", "Tourism"])
        .assert()
        .success();
    assert!(
        db.json(&["reference"])["sectors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["code"] == "tourism" && s["label"]["kk"] == "Туризм")
    );
    db.cmd(&["reference", "source", "Bad Code", "--kk", "a", "--ru", "b", "--en", "c"])
        .assert()
        .code(3)
        .stderr(predicates::str::contains("code:"));
    db.cmd(&["settings", "republican_threshold_kzt", "abc"]).assert().code(3);
    db.cmd(&["settings", "republican_threshold_kzt", "20000000000"]).assert().success();
    assert_eq!(db.json(&["settings"])["republican_threshold_kzt"], "20000000000");
}

#[test]
fn the_sample_map_is_deterministic_covers_every_region_and_keeps_points_in_their_regions() {
    let (a, b) = (Db::init(&["--ministry"]), Db::init(&["--ministry"]));
    for db in [&a, &b] {
        let run = db.cmd(&["sample", "--projects", "2000", "--seed", "1"]).output().unwrap();
        assert!(run.status.success());
        // Fifty warnings one by one, the rest counted by kind: not a screenful per project.
        let stderr = String::from_utf8(run.stderr).unwrap();
        let lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("warning:")).collect();
        assert!(lines.len() > 50 && lines.len() <= 50 + 5, "{} warning lines", lines.len());
        assert!(lines.iter().skip(50).all(|l| l.contains("more of the same kind")), "{stderr}");
    }
    let list = a.json(&["project", "list"]);
    assert_eq!(list, b.json(&["project", "list"]), "the same seed gave different maps");
    let features = list["features"].as_array().unwrap();
    assert_eq!(features.len(), 2000);
    let mut regions: Vec<&str> = features.iter().map(|f| f["properties"]["region"].as_str().unwrap()).collect();
    regions.sort();
    regions.dedup();
    assert_eq!(regions.len(), 20);
    for f in features {
        let geometry: geojson::Geometry = serde_json::from_value(f["geometry"].clone()).unwrap();
        let geometry: geo::Geometry<f64> = geometry.try_into().unwrap();
        use geo::CoordsIter;
        for c in geometry.coords_iter() {
            let found = boundaries().region_at(geo::Point::from(c)).map(|r| r.kato);
            assert_eq!(
                found,
                f["properties"]["region"].as_str(),
                "{} lies outside its region",
                f["properties"]["code"]
            );
        }
    }
}

/// `indmap monitoring set` reports one period (from standard input) and leaves the others;
/// `remove` takes one out; a period written wrong is refused naming the rule.
#[test]
fn a_periods_report_is_set_and_removed_alone() {
    let db = Db::init(&["--region", "35"]);
    let file = db.file("p.json", &karaganda_project());
    db.cmd(&["project", "add", &file]).assert().success();
    db.cmd(&["monitoring", "set", "35-0001", "--period", "2026-Q2", "-"])
        .write_stdin(r#"{"progress_pct": 30, "comment": "Жер учаскесі бөлінді"}"#)
        .assert()
        .success();
    db.cmd(&["monitoring", "set", "35-0001", "--period", "2026-Q3", "-"])
        .write_stdin(r#"{"progress_pct": 55}"#)
        .assert()
        .success()
        .stdout(predicates::str::contains("35-0001: 2 fields changed"));
    let periods = |db: &Db| -> Vec<String> {
        let shown = db.json(&["project", "show", "35-0001"]);
        shown["properties"]["monitoring"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["period"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(periods(&db), ["2026-Q2", "2026-Q3"]);
    db.cmd(&["monitoring", "set", "35-0001", "--period", "2026-Q7", "-"])
        .write_stdin("{}")
        .assert()
        .failure()
        .stderr(predicates::str::contains("period.format").or(predicates::str::contains("2026-Q3, 2026-H1, 2026-07")));
    db.cmd(&["monitoring", "status", "--period", "2026-Q2", "--lang", "kk"]).assert().success().stdout(
        predicates::str::contains("Қарағанды облысы (35)")
            .and(predicates::str::contains("2026-Q2: 1 of 1 projects reported")),
    );
    db.cmd(&["monitoring", "remove", "35-0001", "--period", "2026-Q2"]).assert().success();
    db.cmd(&["monitoring", "status", "--period", "2026-Q2"]).assert().success().stdout(
        predicates::str::contains("2026-Q2: 0 of 1 projects reported").and(predicates::str::contains("35-0001")),
    );
    assert_eq!(periods(&db), ["2026-Q3"]);
    db.cmd(&["monitoring", "remove", "35-0001", "--period", "2026-Q2"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("no report for 2026-Q2"));
    // The third quarter handed in and approved: locked until unapproved with a reason.
    db.cmd(&["monitoring", "submit", "--period", "2026-Q3"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Карагандинская область (35), 2026-Q3: submitted"));
    db.cmd(&["monitoring", "approve", "--period", "2026-Q3"]).assert().success();
    db.cmd(&["monitoring", "set", "35-0001", "--period", "2026-Q3", "-"])
        .write_stdin(r#"{"progress_pct": 60}"#)
        .assert()
        .failure()
        .stderr(predicates::str::contains("is approved").and(predicates::str::contains("unapprove")));
    db.cmd(&["monitoring", "unapprove", "--period", "2026-Q3", "--reason", "Қате есеп"]).assert().success();
    db.cmd(&["monitoring", "submit", "--period", "2026-Q3"]).assert().success();
    db.cmd(&["monitoring", "cycle", "--period", "2026-Q3"]).assert().success().stdout(
        predicates::str::contains("unapprove by")
            .and(predicates::str::contains("Қате есеп"))
            .and(predicates::str::contains("2026-Q3: submitted")),
    );
    // Region × period, by the real clock: twenty quarters (the most) reach these two for years.
    let table = db.json(&["monitoring", "table", "--periods", "20"]);
    let periods: Vec<&str> =
        table["periods"].as_array().unwrap().iter().map(|p| p["period"].as_str().unwrap()).collect();
    let cell = |period: &str| {
        let i = periods.iter().position(|p| *p == period).unwrap();
        let c = &table["regions"][0]["cells"][i];
        (c["reported"].as_u64().unwrap(), c["due"].as_u64().unwrap(), c["late"].as_bool().unwrap())
    };
    assert_eq!(periods.len(), 20);
    assert_eq!((cell("2026-Q2"), cell("2026-Q3")), ((0, 1, true), (1, 1, false)), "the third quarter is submitted");
    db.cmd(&["monitoring", "table", "--periods", "20"])
        .assert()
        .success()
        .stdout(predicates::str::contains("0 of 1 LATE").and(predicates::str::contains("2026-Q3 by 2026-10-10")));
}

/// `indmap monitoring import` takes a quarter from a spreadsheet: it lists every line taken or
/// refused with the field and the rule, writes the good ones, and exits 3 when any was refused;
/// `--check` says the same and writes nothing.
#[test]
fn a_quarter_is_imported_from_a_csv_line_by_line() {
    let db = Db::init(&["--region", "35"]);
    let file = db.file("p.json", &karaganda_project());
    db.cmd(&["project", "add", &file]).assert().success();
    let csv = db.dir.path().join("III кв.csv");
    std::fs::write(
        &csv,
        "Коды;Атауы;Дайындығы, %;Түсініктеме\n35-0001;Зауыт;62,5;Қабырғалар тұрғызылды\n35-0777;Жоқ;10;\n",
    )
    .unwrap();
    let csv = csv.to_string_lossy().into_owned();
    let progress = |db: &Db| db.json(&["project", "show", "35-0001"])["properties"]["monitoring"].clone();
    let before = progress(&db);
    db.cmd(&["monitoring", "import", &csv, "--period", "2026-Q3", "--check"])
        .assert()
        .code(3)
        .stdout(predicates::str::contains("would take").and(predicates::str::contains("nothing was: --check")));
    assert_eq!(progress(&db), before, "--check writes nothing");
    db.cmd(&["monitoring", "import", &csv, "--period", "2026-Q3"])
        .assert()
        .code(3)
        .stdout(
            predicates::str::contains("taken")
                .and(predicates::str::contains("35-0777"))
                .and(predicates::str::contains("there is no project 35-0777"))
                .and(predicates::str::contains("2026-Q3: 1 rows taken, 1 of them written; 1 refused")),
        )
        .stderr(predicates::str::contains("1 row was refused").and(predicates::str::contains("Атауы")));
    let reports = progress(&db);
    let q3 = reports.as_array().unwrap().iter().find(|m| m["period"] == "2026-Q3").unwrap();
    assert_eq!((q3["progress_pct"].as_f64(), q3["comment"].as_str()), (Some(62.5), Some("Қабырғалар тұрғызылды")));
    db.cmd(&["monitoring", "import", &csv, "--period", "2026-Q3"])
        .assert()
        .code(3)
        .stdout(predicates::str::contains("unchanged (the same as held)"));
}

/// `indmap edition approve` freezes the map as it stands; `list`, `show` and `diff` read the
/// editions back, in the language asked for; an act without its number is refused naming it.
#[test]
fn the_map_is_approved_listed_shown_and_two_editions_compared() {
    let db = Db::init(&["--region", "35"]);
    let file = db.file("p.json", &karaganda_project());
    db.cmd(&["project", "add", &file]).assert().success();
    let approve = |act: &str, date: &str| {
        db.cmd(&["edition", "approve", "--act", act, "--date", date, "--body", "Қарағанды облысының әкімдігі"])
            .assert()
            .success()
    };
    approve("№ 12", "2026-03-01").stdout(predicates::str::contains("№ 12").and(predicates::str::contains("35 000.0")));
    db.cmd(&["edition", "approve", "--act", "", "--date", "2026-03-01", "--body", "Әкімдік"])
        .assert()
        .code(3)
        .stderr(predicates::str::contains("act: is required"));
    db.cmd(&["project", "update", "35-0001", "-"])
        .write_stdin(r#"{"type":"Feature","geometry":null,"properties":{"jobs_permanent": 450}}"#)
        .assert()
        .success();
    approve("№ 40", "2026-09-01");
    let listed = db.json(&["edition", "list"]);
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert_eq!(listed[1]["number"], 2);
    db.cmd(&["--lang", "kk", "edition", "show", "1"]).assert().success().stdout(
        predicates::str::contains("Теміртау ферроқорытпа зауыты: ә ғ қ ң ө ұ ү һ і")
            .and(predicates::str::contains("400")),
    );
    db.cmd(&["edition", "diff", "1", "latest"]).assert().success().stdout(
        predicates::str::contains("0 added, 0 excluded, 1 changed")
            .and(predicates::str::contains("Постоянные рабочие места (jobs_permanent)"))
            .and(predicates::str::contains("450"))
            .and(predicates::str::contains("after:  1 projects, 35 000.0 mln KZT")),
    );
    db.cmd(&["edition", "show", "9"]).assert().code(4).stderr(predicates::str::contains("indmap edition list"));
}
