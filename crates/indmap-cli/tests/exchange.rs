//! Exchange files through the real binary: export, preview, import, conflicts, backups.

mod common;

use common::Db;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use serde_json::json;

fn feature(cost: i64) -> serde_json::Value {
    json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [73.1, 49.8]}, "properties": {
        "name_kk": "Қарағанды шойын құю зауыты", "name_ru": "Карагандинский чугунолитейный завод", "region": "35",
        "status": "design", "sector": "metallurgy", "cost_kzt": cost}})
}

#[test]
fn a_region_file_reaches_the_ministry_with_a_preview_a_receipt_and_a_backup() {
    let region = Db::init(&["--region", "35"]);
    let file = region.file("p.json", &feature(5_000_000_000));
    region.cmd(&["project", "add", &file]).assert().success();
    let out = region.dir.path().join("karaganda.gpkg");
    let out = out.to_str().unwrap();
    let manifest = region.json(&["export", "--out", out]);
    assert_eq!(manifest["projects"], 1);
    assert_eq!(manifest["scope"], "region:35");

    let ogr = std::process::Command::new("ogrinfo")
        .args(["-so", out, "projects"])
        .output()
        .expect("ogrinfo (gdal-bin) is installed by scripts/setup.sh");
    let text = String::from_utf8_lossy(&ogr.stdout);
    assert!(text.contains("Feature Count: 1") && text.contains("WGS 84"), "{text}");

    let ministry = Db::init(&["--ministry"]);
    let before = ministry.content();
    let bill = ministry.dir.path().join("bill.xlsx");
    let preview = ministry.json(&["import", out, "--dry-run", "--bill", bill.to_str().unwrap(), "--lang", "kk"]);
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&bill).expect("the merge bill is an XLSX file");
    use calamine::Reader;
    assert_eq!(workbook.sheet_names()[..3], ["Жиынтық", "Өзгерістер", "Қосылды"]);
    let added = workbook.worksheet_range("Қосылды").unwrap();
    assert_eq!(added.get_value((1, 0)).map(|c| c.to_string()), Some("35-0001".into()));
    assert_eq!(added.get_value((1, 1)).map(|c| c.to_string()), Some("Карагандинский чугунолитейный завод".into()));
    assert_eq!(preview["added"].as_array().unwrap().len(), 1);
    assert_eq!(preview["after"]["cost_kzt"], 500_000_000_000i64, "totals after are in tiyn");
    assert_eq!(ministry.content(), before, "a dry run changed the database");
    ministry.cmd(&["import", out]).assert().success().stdout(contains("1 added").and(contains("backup taken")));
    ministry.cmd(&["project", "show", "35-0001"]).assert().success().stdout(contains("Қарағанды шойын құю зауыты"));
    ministry.cmd(&["import", out]).assert().success().stdout(contains("imported already"));
    let backups = ministry.json(&["backups"]);
    assert_eq!(backups.as_array().unwrap().len(), 1);

    // A restore brings back the state before the import, and keeps the state it replaced.
    let name = backups[0]["name"].as_str().unwrap().to_owned();
    ministry.cmd(&["restore", &name]).assert().success();
    ministry.cmd(&["project", "show", "35-0001"]).assert().code(4);
    assert_eq!(ministry.json(&["backups"]).as_array().unwrap().len(), 2);
}

#[test]
fn concurrent_edits_show_as_conflicts_and_resolve_travels_in_history() {
    let a = Db::init(&["--region", "35"]);
    let file = a.file("p.json", &feature(1_000_000_000));
    a.cmd(&["project", "add", &file]).assert().success();
    let first = a.dir.path().join("first.gpkg");
    a.cmd(&["export", "--out", first.to_str().unwrap()]).assert().success();
    let b = Db::init(&["--region", "35"]);
    b.cmd(&["import", first.to_str().unwrap()]).assert().success();

    let patch = |db: &Db, cost: i64| {
        let f = db.file("patch.json", &json!({"type": "Feature", "geometry": null, "properties": {"cost_kzt": cost}}));
        db.cmd(&["project", "update", "35-0001", &f]).assert().success();
    };
    patch(&a, 1_200_000_000);
    patch(&b, 1_500_000_000);
    let from_a = a.dir.path().join("a.gpkg");
    a.cmd(&["export", "--out", from_a.to_str().unwrap()]).assert().success();
    b.cmd(&["import", from_a.to_str().unwrap()]).assert().success().stdout(contains("1 conflicts"));
    let conflicts = b.json(&["conflicts"]);
    assert_eq!(conflicts[0]["id"], "35-0001:cost_kzt");
    b.cmd(&["resolve", "35-0001:cost_kzt", "--take", "theirs"]).assert().success().stdout(contains("no conflicts"));
    b.cmd(&["resolve", "35-0001:cost_kzt", "--take", "mine"]).assert().code(4);
    let history = b.json(&["history", "35-0001"]);
    assert!(history.as_array().unwrap().iter().any(|e| e["origin"] == "a.gpkg" && e["field"] == "cost_kzt"));
}

#[test]
fn a_tampered_file_is_refused_with_exit_code_3_and_changes_nothing() {
    let a = Db::init(&["--region", "35"]);
    let file = a.file("p.json", &feature(1_000_000_000));
    a.cmd(&["project", "add", &file]).assert().success();
    let out = a.dir.path().join("a.gpkg");
    a.cmd(&["export", "--out", out.to_str().unwrap()]).assert().success();
    let conn = rusqlite::Connection::open(&out).unwrap();
    conn.execute("UPDATE indmap_records SET record = replace(record, 'design', 'commissioned')", []).unwrap();
    drop(conn);
    let b = Db::init(&["--ministry"]);
    let before = b.content();
    b.cmd(&["import", out.to_str().unwrap()]).assert().code(3).stderr(contains("checksum"));
    assert_eq!(b.content(), before);
}

#[test]
fn the_ministry_edit_of_a_regional_project_is_a_proposal_karaganda_accepts() {
    let karaganda = Db::init(&["--region", "35"]);
    let file = karaganda.file("p.json", &feature(1_000_000_000));
    karaganda.cmd(&["project", "add", &file]).assert().success();
    let k1 = karaganda.dir.path().join("k1.gpkg");
    karaganda.cmd(&["export", "--out", k1.to_str().unwrap()]).assert().success();
    let ministry = Db::init(&["--ministry"]);
    ministry.cmd(&["import", k1.to_str().unwrap()]).assert().success();
    let patch = ministry
        .file("patch.json", &json!({"type": "Feature", "geometry": null, "properties": {"status": "construction"}}));
    ministry
        .cmd(&["project", "update", "35-0001", &patch])
        .assert()
        .success()
        .stdout(contains("35-0001: nothing changed here; 1 field proposed to the owner"));
    // A file of changes for Karaganda carries the proposal (the project itself it has seen), and
    // Karaganda's file of changes back carries the decision.
    let m1 = ministry.dir.path().join("m1.gpkg");
    ministry.cmd(&["export", "--for", "region:35", "--out", m1.to_str().unwrap()]).assert().success();
    // The ministry's key is new at Karaganda: the file waits until a person confirms it.
    let m1 = m1.to_str().unwrap();
    karaganda.cmd(&["import", "--dry-run", m1]).assert().success().stdout(contains("says it is the ministry"));
    karaganda.cmd(&["import", m1]).assert().failure().stderr(contains("indmap trust"));
    karaganda
        .cmd(&["trust", m1, "--fingerprint", "0000 0000 0000 0000 0000"])
        .assert()
        .failure()
        .stderr(contains("is not the fingerprint"));
    karaganda.trust(m1);
    karaganda.cmd(&["import", m1]).assert().success().stdout(contains("1 proposals arrived"));
    let proposals = karaganda.json(&["proposals"]);
    assert_eq!(proposals[0]["ours_to_decide"], true);
    let id = proposals[0]["id"].as_str().unwrap().to_owned();
    karaganda.cmd(&["accept", &id]).assert().success().stdout(contains("accepted"));
    karaganda.cmd(&["project", "show", "35-0001"]).assert().success().stdout(contains("construction"));
    let k2 = karaganda.dir.path().join("k2.gpkg");
    karaganda.cmd(&["export", "--for", "ministry", "--out", k2.to_str().unwrap()]).assert().success();
    ministry.cmd(&["import", k2.to_str().unwrap()]).assert().success();
    let decided = ministry.json(&["proposals"]);
    assert_eq!(decided[0]["status"], "accepted", "{decided}");
    ministry.cmd(&["project", "show", "35-0001"]).assert().success().stdout(contains("construction"));
}

/// The merge bill as a PDF to sign: a preview with a changed field and a conflict, in Kazakh.
#[test]
fn a_dry_run_writes_the_merge_bill_as_a_pdf_to_sign_and_changes_nothing() {
    let a = Db::init(&["--region", "35"]);
    let file = a.file("p.json", &feature(1_000_000_000));
    a.cmd(&["project", "add", &file]).assert().success();
    let first = a.dir.path().join("first.gpkg");
    a.cmd(&["export", "--out", first.to_str().unwrap()]).assert().success();
    let b = Db::init(&["--region", "35"]);
    b.cmd(&["import", first.to_str().unwrap()]).assert().success();
    let patch = |db: &Db, props: serde_json::Value| {
        let f = db.file("patch.json", &json!({"type": "Feature", "geometry": null, "properties": props}));
        db.cmd(&["project", "update", "35-0001", &f]).assert().success();
    };
    // Both edit the cost (a conflict); only A moves the status on (a change).
    patch(&a, json!({"cost_kzt": 1_200_000_000, "status": "construction"}));
    patch(&b, json!({"cost_kzt": 1_500_000_000}));
    let from_a = a.dir.path().join("from-a.gpkg");
    a.cmd(&["export", "--out", from_a.to_str().unwrap()]).assert().success();

    let before = b.content();
    let bill = b.dir.path().join("bill.pdf");
    let preview =
        b.json(&["import", from_a.to_str().unwrap(), "--dry-run", "--bill", bill.to_str().unwrap(), "--lang", "kk"]);
    assert_eq!(preview["conflicts"].as_array().unwrap().len(), 1);
    assert_eq!(b.content(), before, "a dry run with a bill changed the database");

    let run = |cmd: &str, args: &[&str]| {
        let out = std::process::Command::new(cmd).args(args).output().expect("poppler-utils is installed");
        assert!(out.status.success(), "{cmd}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let info = run("pdfinfo", &[bill.to_str().unwrap()]);
    let pages: usize = info.lines().find(|l| l.starts_with("Pages:")).unwrap()[6..].trim().parse().unwrap();
    assert!(pages >= 1 && info.contains("(A4)"), "{info}");
    let text = run("pdftotext", &[bill.to_str().unwrap(), "-"]).split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Біріктіру тізімдемесі",
        "from-a.gpkg",
        "Қарағанды облысы (region:35)",
        "Өзгерістер (1)",
        "Мәртебесі (status)",
        "Жобалау",
        "Құрылыс",
        "Қайшылықтар (1)",
        "35-0001:cost_kzt",
        "Дайындаған",
        "Бекіткен",
    ] {
        assert!(text.contains(expected), "{expected:?} is not in the bill:\n{text}");
    }
    // The changed field's old and new value on one row, in that order.
    let row = &text[text.find("Мәртебесі (status)").unwrap()..];
    assert!(row.find("Жобалау").unwrap() < row.find("Құрылыс").unwrap(), "{text}");

    // Any other extension is refused before anything is imported.
    let wrong = b.dir.path().join("bill.docx");
    b.cmd(&["import", from_a.to_str().unwrap(), "--bill", wrong.to_str().unwrap()]).assert().code(3);
    assert_eq!(b.content(), before);
}

/// `export --out` the map's own file would have replaced the live map by an exchange file.
#[test]
fn an_export_onto_the_database_itself_is_refused_and_changes_nothing() {
    let db = Db::init(&["--region", "35"]);
    let file = db.file("p.json", &feature(5_000_000_000));
    db.cmd(&["project", "add", &file]).assert().success();
    let before = db.content();
    let own = db.path.to_str().unwrap().to_owned();
    let wal = format!("{own}-wal");
    for out in [own.as_str(), wal.as_str()] {
        db.cmd(&["export", "--out", out]).assert().code(3).stderr(contains("own database"));
    }
    assert_eq!(db.content(), before);
    db.cmd(&["project", "show", "35-0001"]).assert().success();
    // A printout named like the database is refused too, and leaves no half-written file.
    let disguised = db.dir.path().join("map.pdf");
    std::fs::copy(&db.path, &disguised).unwrap();
    db.cmd(&["print", "--out", disguised.to_str().unwrap()]).assert().failure().stderr(contains("is a database"));
    assert_eq!(std::fs::read(&disguised).unwrap(), std::fs::read(&db.path).unwrap());
    assert!(!db.dir.path().join("map.pdf.partial").exists());
}
