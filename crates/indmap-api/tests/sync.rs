//! Exchange files between databases: the scenarios planners and the ministry live through.

mod common;

use chrono::{TimeZone, Utc};
use common::trust;
use indmap_api::core::{RegionCode, Scope};
use indmap_api::{Env, ErrorKind, Indmap, Take};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

struct Net {
    dir: TempDir,
    files: usize,
}

impl Net {
    fn new() -> Net {
        Net { dir: tempfile::tempdir().unwrap(), files: 0 }
    }

    fn env(&self, user: &str, seed: u64) -> Env {
        let mut env = Env::fixed(user, Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap());
        env.ids = Box::new(indmap_api::CountingIds { unix_millis: 1_764_000_000_000 + seed * 1_000_000, next: 0 });
        env
    }

    fn db(&self, name: &str, scope: Scope, seed: u64) -> Indmap {
        Indmap::init(&self.dir.path().join(format!("{name}.sqlite")), scope, self.env(name, seed)).unwrap()
    }

    /// A second database of the same owner, made by copying the first one's file... by export.
    fn send(&mut self, from: &Indmap) -> PathBuf {
        self.files += 1;
        let path = self.dir.path().join(format!("exchange-{}.gpkg", self.files));
        from.export(&path, None).unwrap();
        path
    }
}

fn karaganda() -> Scope {
    Scope::Region(RegionCode::parse("35").unwrap())
}

fn project(name: &str, region: &str, lon: f64, lat: f64) -> String {
    json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": {
        "name_kk": format!("{name} зауыты"), "name_ru": format!("Завод {name}"), "region": region, "status": "design",
        "sector": "metallurgy", "cost_kzt": 1_000_000_000, "jobs_permanent": 100, "start_date": "2025-01-01",
    }})
    .to_string()
}

fn patch(props: Value) -> String {
    json!({"type": "Feature", "geometry": null, "properties": props}).to_string()
}

fn prop(db: &Indmap, code: &str, key: &str) -> Value {
    let p = db.find(code).unwrap();
    indmap_api::core::feature::project_properties(&p)[key].clone()
}

/// Two planners of Karaganda: the second laptop starts from the first one's file.
fn two_planners(net: &mut Net) -> (Indmap, Indmap) {
    let mut a = net.db("karaganda-a", karaganda(), 1);
    a.add_projects(&project("Теміртау", "35", 72.96, 50.06)).unwrap();
    let mut b = net.db("karaganda-b", karaganda(), 2);
    let file = net.send(&a);
    b.import(&file, false).unwrap();
    assert_eq!(a.content_hash().unwrap(), b.content_hash().unwrap());
    (a, b)
}

#[test]
fn edits_of_different_fields_merge_without_conflict() {
    let mut net = Net::new();
    let (mut a, mut b) = two_planners(&mut net);
    a.update_project("35-0001", &patch(json!({"cost_kzt": 1_200_000_000}))).unwrap();
    b.update_project("35-0001", &patch(json!({"status": "construction"}))).unwrap();
    let (fa, fb) = (net.send(&a), net.send(&b));
    let to_b = b.import(&fa, false).unwrap();
    assert_eq!(to_b.changed.len(), 1);
    assert!(to_b.conflicts.is_empty());
    a.import(&fb, false).unwrap();
    for db in [&a, &b] {
        assert_eq!(prop(db, "35-0001", "cost_kzt"), 1_200_000_000);
        assert_eq!(prop(db, "35-0001", "status"), "construction");
        assert!(db.conflicts().unwrap().is_empty());
    }
    assert_eq!(a.content_hash().unwrap(), b.content_hash().unwrap());
}

#[test]
fn both_editing_the_cost_is_a_conflict_with_both_values_kept() {
    let mut net = Net::new();
    let (mut a, mut b) = two_planners(&mut net);
    let original = prop(&a, "35-0001", "cost_kzt");
    a.update_project("35-0001", &patch(json!({"cost_kzt": 1_200_000_000}))).unwrap();
    b.update_project("35-0001", &patch(json!({"cost_kzt": 1_500_000_000}))).unwrap();
    let (fa, fb) = (net.send(&a), net.send(&b));
    let report = b.import(&fa, false).unwrap();
    assert_eq!(report.conflicts.len(), 1);
    a.import(&fb, false).unwrap();
    for db in [&a, &b] {
        let conflicts = db.conflicts().unwrap();
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        let c = &conflicts[0];
        assert_eq!(c.field, "cost_kzt");
        let mut values: Vec<Value> =
            std::iter::once(c.mine.clone()).chain(c.theirs.iter().map(|(v, _)| v.clone())).collect();
        values.sort_by_key(|v| v.as_i64());
        assert_eq!(values, vec![json!(1_200_000_000), json!(1_500_000_000)]);
        assert_eq!(c.base, Some(original.clone()), "the value both planners changed");
    }
    assert_eq!(a.content_hash().unwrap(), b.content_hash().unwrap(), "both show the same value in force");
    // Settled in one place, the decision travels.
    let id = a.conflicts().unwrap()[0].id.clone();
    a.resolve(&id, Take::Value(json!(1_300_000_000))).unwrap();
    assert!(a.conflicts().unwrap().is_empty());
    let settled = net.send(&a);
    b.import(&settled, false).unwrap();
    assert!(b.conflicts().unwrap().is_empty());
    assert_eq!(prop(&b, "35-0001", "cost_kzt"), 1_300_000_000);
    let history = a.history("35-0001").unwrap();
    assert!(
        history
            .iter()
            .any(|e| e.field == "cost_kzt" && e.new == 1_500_000_000 || e.new == 1_200_000_000 && e.origin != "local")
    );
}

#[test]
fn an_edit_against_a_deletion_is_a_conflict_not_a_loss() {
    let mut net = Net::new();
    let (mut a, mut b) = two_planners(&mut net);
    a.delete_project("35-0001", Some("entered twice")).unwrap();
    b.update_project("35-0001", &patch(json!({"jobs_permanent": 250}))).unwrap();
    let (fa, fb) = (net.send(&a), net.send(&b));
    b.import(&fa, false).unwrap();
    a.import(&fb, false).unwrap();
    for db in [&a, &b] {
        let conflicts = db.conflicts().unwrap();
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        assert_eq!(conflicts[0].field, "deleted");
        assert!(conflicts[0].theirs.iter().any(|(v, _)| v["jobs_permanent"] == 250));
    }
    // A deletion is kept or undone; a value of its own settles nothing.
    let id = b.conflicts().unwrap()[0].id.clone();
    let refused = b.resolve(&id, Take::Value(json!(300))).unwrap_err();
    assert_eq!((refused.kind, refused.problems[0].rule), (ErrorKind::Invalid, indmap_api::core::Rule::ResolveTake));
    // Keeping the project brings it back with the edit.
    b.resolve(&id, Take::Theirs).unwrap();
    assert_eq!(prop(&b, "35-0001", "jobs_permanent"), 250);
    a.import(&net.send(&b), false).unwrap();
    assert_eq!(prop(&a, "35-0001", "jobs_permanent"), 250);
    assert!(a.conflicts().unwrap().is_empty());
}

#[test]
fn a_deletion_arrives_with_its_reason_even_for_a_project_never_seen_alive() {
    let mut net = Net::new();
    let (mut a, mut b) = two_planners(&mut net);
    a.delete_project("35-0001", Some("entered twice")).unwrap();
    let added = a.add_projects(&project("Балқаш", "35", 74.98, 46.85)).unwrap().added;
    let never_seen = added[0].1.to_string();
    a.delete_project(&never_seen, Some("a mistake")).unwrap();
    let report = b.import(&net.send(&a), false).unwrap();
    assert_eq!(report.deleted.len(), 1, "{report:?}");
    assert_eq!((report.before.projects, report.after.projects), (1, 0));
    for (code, reason) in [("35-0001", "entered twice"), (never_seen.as_str(), "a mistake")] {
        let gone = b.find(code).unwrap_err().to_string();
        assert!(gone.contains("was deleted") && gone.contains(reason), "{code}: {gone}");
    }
    assert!(b.list(&Default::default()).unwrap().is_empty());
    assert_eq!(a.content_hash().unwrap(), b.content_hash().unwrap());
}

#[test]
fn an_export_replaces_the_file_only_once_it_is_whole() {
    let mut net = Net::new();
    let (mut a, _) = two_planners(&mut net);
    let out = net.dir.path().join("karaganda.gpkg");
    a.export(&out, None).unwrap();
    let first = std::fs::read(&out).unwrap();
    a.update_project("35-0001", &patch(json!({"status": "construction"}))).unwrap();
    // Into a folder that is not there: refused, and the file exported before is untouched.
    let nowhere = net.dir.path().join("no such folder").join("karaganda.gpkg");
    assert_eq!(a.export(&nowhere, None).unwrap_err().kind, ErrorKind::Io);
    assert!(!nowhere.parent().unwrap().exists());
    assert_eq!(std::fs::read(&out).unwrap(), first);
    // Over the earlier file: the new map, and nothing left beside it.
    a.export(&out, None).unwrap();
    let mut b = net.db("karaganda-c", karaganda(), 3);
    b.import(&out, false).unwrap();
    assert_eq!(prop(&b, "35-0001", "status"), "construction");
    let names: Vec<String> = std::fs::read_dir(net.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("karaganda.gpkg"))
        .collect();
    assert_eq!(names, vec!["karaganda.gpkg".to_string()]);
}

#[test]
fn a_batch_merges_a_project_two_of_its_files_change_with_both_changes() {
    let mut net = Net::new();
    let (mut a, mut b) = two_planners(&mut net);
    a.add_projects(&project("Балқаш", "35", 74.98, 46.85)).unwrap();
    let start = net.send(&a);
    let mut c = net.db("karaganda-c", karaganda(), 4);
    let (mut ministry, mut one_by_one) =
        (net.db("ministry", Scope::Ministry, 3), net.db("ministry-2", Scope::Ministry, 5));
    for db in [&mut b, &mut c, &mut ministry, &mut one_by_one] {
        db.import(&start, false).unwrap();
    }
    c.update_project("35-0002", &patch(json!({"jobs_permanent": 300}))).unwrap();
    a.update_project("35-0001", &patch(json!({"cost_kzt": 1_200_000_000}))).unwrap();
    b.update_project("35-0001", &patch(json!({"status": "construction"}))).unwrap();
    let (fc, fa, fb) = (net.send(&c), net.send(&a), net.send(&b));
    // The files that change something else come first, so that the thread reading ahead is
    // surely loading projects by the time the two that change 35-0001 come: it reads them as
    // they were before the batch, and the second must be merged with the first one's change.
    let files = vec![fc.clone(), fc.clone(), fc.clone(), fa.clone(), fb.clone()];
    for report in ministry.import_all(&files, false) {
        report.unwrap();
    }
    assert_eq!(prop(&ministry, "35-0001", "cost_kzt"), 1_200_000_000);
    assert_eq!(prop(&ministry, "35-0001", "status"), "construction");
    assert_eq!(prop(&ministry, "35-0002", "jobs_permanent"), 300);
    assert!(ministry.conflicts().unwrap().is_empty());
    for file in [&fc, &fa, &fb] {
        one_by_one.import(file, false).unwrap();
    }
    assert_eq!(ministry.content_hash().unwrap(), one_by_one.content_hash().unwrap());
    assert_eq!(ministry.history("35-0001").unwrap().len(), one_by_one.history("35-0001").unwrap().len());
    // Down to every field's dot and what each has seen of the project.
    let mut versions = |db: &Indmap| indmap_exchange::ExchangeFile::read(&net.send(db)).unwrap().content.projects;
    assert_eq!(versions(&ministry), versions(&one_by_one));
}

#[test]
fn importing_the_same_file_twice_changes_nothing_the_second_time() {
    let mut net = Net::new();
    let (mut a, mut b) = two_planners(&mut net);
    a.update_project("35-0001", &patch(json!({"status": "construction"}))).unwrap();
    let file = net.send(&a);
    let first = b.import(&file, false).unwrap();
    assert_eq!(first.changed.len(), 1);
    let hash = b.content_hash().unwrap();
    let second = b.import(&file, false).unwrap();
    assert!(second.already_imported.is_some());
    assert_eq!(b.content_hash().unwrap(), hash);
}

/// A file a region exported with the build of commit 68550c0: its database had schema 3, and
/// its manifest lacks a field (`changes_for`) added since. Its checksum is over the manifest as
/// that build wrote it, so checking it against this build's manifest would refuse a sound file.
#[test]
fn a_file_from_an_older_build_and_schema_is_read() {
    let net = Net::new();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/karaganda-68550c0.gpkg");
    let file = net.dir.path().join("karaganda-68550c0.gpkg");
    std::fs::copy(fixture, &file).unwrap();
    let mut ministry = net.db("ministry", Scope::Ministry, 1);
    let preview = ministry.import(&file, true).unwrap();
    assert_eq!(preview.manifest.schema_version, 3);
    let added: Vec<_> = preview.added.iter().filter_map(|p| p.code.clone()).collect();
    assert_eq!(added, (1..=11).map(|n| format!("35-{n:04}")).collect::<Vec<_>>());

    let report = ministry.import(&file, false).unwrap();
    assert_eq!(report.added.len(), 11);
    let project = ministry.find("35-0001").unwrap();
    assert_eq!(project.name_kk, "«Сарыарқа» ферроқорытпа зауытының құрылысы");
    assert_eq!(prop(&ministry, "35-0001", "cost_kzt"), json!(41_500_000_000i64));
    assert_eq!(prop(&ministry, "35-0001", "status"), json!("commissioned"));
    assert!(!project.financing.is_empty() && !project.milestones.is_empty(), "{project:?}");
    let history = ministry.history("35-0001").unwrap();
    assert!(
        history.iter().any(|e| e.user == "Жақсылықова Ә.Ғ." && e.origin == "karaganda-68550c0.gpkg"),
        "{history:?}"
    );
    let gone = ministry.find("35-0012").unwrap_err().to_string();
    assert!(gone.contains("Инвестор шықты: жоба тоқтатылды"), "{gone}");

    let hash = ministry.content_hash().unwrap();
    assert!(ministry.import(&file, false).unwrap().already_imported.is_some());
    assert_eq!(ministry.content_hash().unwrap(), hash);
}

/// An export loads a slice of projects at a time (a national map loaded whole with its versions
/// takes gigabytes): a map of several slices arrives whole, its deleted projects too, and its
/// `projects` layer holds every live project, with the extent of all of them.
#[test]
fn a_map_of_several_export_slices_arrives_whole() {
    let net = Net::new();
    let mut ministry = net.db("ministry", Scope::Ministry, 1);
    ministry.add_sample(2_345, 5).unwrap();
    let listed = ministry.list(&Default::default()).unwrap();
    let (first, last) =
        (listed[0].code.as_ref().unwrap().to_string(), listed[2_344].code.as_ref().unwrap().to_string());
    ministry.delete_project(&first, Some("Қайталап енгізілген")).unwrap();
    let file = net.dir.path().join("national.gpkg");
    let manifest = ministry.export(&file, None).unwrap();
    assert_eq!(manifest.projects, 2_345);

    let gpkg = rusqlite::Connection::open(&file).unwrap();
    let features: i64 = gpkg.query_row("SELECT count(*) FROM projects", [], |r| r.get(0)).unwrap();
    assert_eq!(features, 2_344, "every live project is a feature");
    let mut stmt = gpkg.prepare("SELECT code FROM projects ORDER BY fid").unwrap();
    let codes: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    let by_code: Vec<String> = listed[1..].iter().map(|p| p.code.as_ref().unwrap().to_string()).collect();
    assert_eq!(codes, by_code, "GIS tools list the features by code");
    drop(stmt);
    let (min_x, max_x): (f64, f64) = gpkg
        .query_row("SELECT min_x, max_x FROM gpkg_contents WHERE table_name = 'projects'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let live = geo::GeometryCollection(listed[1..].iter().filter_map(|p| p.location.clone()).collect());
    let extent = geo::BoundingRect::bounding_rect(&live).unwrap();
    assert_eq!((min_x, max_x), (extent.min().x, extent.max().x));
    drop(gpkg);

    let mut copy = net.db("ministry-2", Scope::Ministry, 2);
    trust(&mut copy, &file);
    copy.import(&file, false).unwrap();
    assert_eq!(copy.content_hash().unwrap(), ministry.content_hash().unwrap());
    assert!(copy.find(&first).unwrap_err().to_string().contains("Қайталап енгізілген"));
    assert_eq!(copy.find(&last).unwrap().id, listed[2_344].id);
}

#[test]
fn dry_run_shows_the_bill_and_changes_nothing() {
    let mut net = Net::new();
    let (mut a, mut b) = two_planners(&mut net);
    a.update_project("35-0001", &patch(json!({"cost_kzt": 2_000_000_000}))).unwrap();
    a.add_projects(&project("Балқаш", "35", 74.99, 46.85)).unwrap();
    let file = net.send(&a);
    let hash = b.content_hash().unwrap();
    let backups = b.backups().unwrap().len();
    let preview = b.import(&file, true).unwrap();
    assert!(preview.dry_run && preview.backup.is_none());
    assert_eq!(preview.added.len(), 1);
    let change = &preview.changed[0].fields[0];
    assert_eq!(
        (change.field.as_str(), &change.old, &change.new),
        ("cost_kzt", &json!(1_000_000_000), &json!(2_000_000_000))
    );
    assert_eq!(preview.before.projects, 1);
    assert_eq!(preview.after.projects, 2);
    assert_eq!(b.content_hash().unwrap(), hash);
    assert_eq!(b.backups().unwrap().len(), backups);
    let real = b.import(&file, false).unwrap();
    assert_eq!(real.after, preview.after);
    assert!(real.backup.is_some_and(|p| p.exists()));
}

fn corrupt(path: &Path, f: impl FnOnce(&mut Vec<u8>)) -> PathBuf {
    let mut bytes = std::fs::read(path).unwrap();
    f(&mut bytes);
    let out = path.with_extension("bad.gpkg");
    std::fs::write(&out, bytes).unwrap();
    out
}

#[test]
fn damaged_tampered_and_foreign_files_are_refused_and_change_nothing() {
    let mut net = Net::new();
    let (mut a, mut b) = two_planners(&mut net);
    a.update_project("35-0001", &patch(json!({"cost_kzt": 1_700_000_000}))).unwrap();
    let file = net.send(&a);
    let hash = b.content_hash().unwrap();
    let backups = b.backups().unwrap().len();

    let truncated = corrupt(&file, |b| {
        b.pop();
    });
    let e = b.import(&truncated, false).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid, "{e}");

    // A changed value with the old checksum.
    let tampered = net.dir.path().join("tampered.gpkg");
    std::fs::copy(&file, &tampered).unwrap();
    let conn = rusqlite::Connection::open(&tampered).unwrap();
    conn.execute("UPDATE indmap_records SET record = replace(record, '1700000000', '9700000000')", []).unwrap();
    drop(conn);
    let e = b.import(&tampered, false).unwrap_err();
    assert!(e.message.contains("checksum"), "{e}");

    // A damaged page of what an import reads: the records' table.
    let (root, page_size): (i64, i64) = {
        let conn = rusqlite::Connection::open(&file).unwrap();
        let root = conn.query_row("SELECT rootpage FROM sqlite_schema WHERE name = 'indmap_records'", [], |r| r.get(0));
        (root.unwrap(), conn.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap())
    };
    let damaged = corrupt(&file, |b| b[((root - 1) * page_size) as usize] = 0xff);
    let e = b.import(&damaged, false).unwrap_err();
    assert!(e.message.contains("damaged"), "{e}");

    let newer = net.dir.path().join("newer.gpkg");
    std::fs::copy(&file, &newer).unwrap();
    let conn = rusqlite::Connection::open(&newer).unwrap();
    conn.execute(
        "UPDATE indmap_manifest SET value = json_set(value, '$.format_version', 99) WHERE key = 'manifest'",
        [],
    )
    .unwrap();
    drop(conn);
    let e = b.import(&newer, false).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Incompatible, "{e}");

    let foreign = net.dir.path().join("foreign.gpkg");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    assert_eq!(b.import(&foreign, false).unwrap_err().kind, ErrorKind::Invalid);

    let own = net.send(&b);
    assert_eq!(b.import(&own, false).unwrap_err().kind, ErrorKind::Conflict);
    assert_eq!(b.content_hash().unwrap(), hash);
    assert_eq!(b.backups().unwrap().len(), backups, "a refused file must not even take a backup");
}

#[test]
fn files_from_several_regions_give_the_same_map_in_any_order() {
    let mut net = Net::new();
    let mut regions = Vec::new();
    for (i, (kato, lon, lat)) in [("35", 73.1, 49.8), ("55", 76.95, 52.28), ("75", 76.9, 43.25)].into_iter().enumerate()
    {
        let mut db = net.db(&format!("r{kato}"), Scope::Region(RegionCode::parse(kato).unwrap()), 10 + i as u64);
        db.add_projects(&project(&format!("Жоба {kato}"), kato, lon, lat)).unwrap();
        regions.push(net.send(&db));
    }
    let mut m1 = net.db("ministry-1", Scope::Ministry, 20);
    let mut m2 = net.db("ministry-2", Scope::Ministry, 21);
    for f in &regions {
        m1.import(f, false).unwrap();
    }
    for f in regions.iter().rev() {
        m2.import(f, false).unwrap();
    }
    assert_eq!(m1.list(&Default::default()).unwrap().len(), 3);
    assert_eq!(m1.content_hash().unwrap(), m2.content_hash().unwrap());
}

#[test]
fn the_ministry_file_updates_a_region_and_leaves_its_own_edits_alone() {
    let mut net = Net::new();
    let mut karaganda_db = net.db("karaganda", karaganda(), 1);
    karaganda_db.add_projects(&project("Сарыарқа", "35", 73.1, 49.8)).unwrap();
    let mut ministry = net.db("ministry", Scope::Ministry, 2);
    ministry.import(&net.send(&karaganda_db), false).unwrap();
    let mut republican: Value = serde_json::from_str(&project("Жезқазған", "35", 73.3, 49.9)).unwrap();
    republican["properties"]["level"] = json!("republican");
    ministry.add_projects(&republican.to_string()).unwrap();
    ministry.add_projects(&project("Алматы", "75", 76.9, 43.25)).unwrap();
    karaganda_db.update_project("35-0001", &patch(json!({"status": "construction"}))).unwrap();

    let file = net.send(&ministry);
    trust(&mut karaganda_db, &file);
    let report = karaganda_db.import(&file, false).unwrap();
    assert_eq!(report.added.len(), 1, "the republican project in Karaganda arrives");
    assert_eq!(report.other_maps, 1, "Almaty's project arrives read-only, counted, not listed");
    assert_eq!(prop(&karaganda_db, "35-0001", "status"), "construction");
    assert_eq!(karaganda_db.list(&Default::default()).unwrap().len(), 3);
}

/// The consolidated map reaches every region: a region keeps the other regions' projects from
/// the ministry's file, read-only, and sends only its own map back.
#[test]
fn a_region_keeps_the_other_regions_projects_read_only_and_sends_only_its_own() {
    let mut net = Net::new();
    let mut karaganda_db = net.db("karaganda", karaganda(), 1);
    karaganda_db.add_projects(&project("Сарыарқа", "35", 73.1, 49.8)).unwrap();
    let mut almaty = net.db("almaty", Scope::Region(RegionCode::parse("75").unwrap()), 2);
    almaty.add_projects(&project("Алатау", "75", 76.9, 43.25)).unwrap();
    let mut ministry = net.db("ministry", Scope::Ministry, 3);
    for file in [net.send(&karaganda_db), net.send(&almaty)] {
        trust(&mut ministry, &file);
        ministry.import(&file, false).unwrap();
    }
    let national = net.send(&ministry);
    trust(&mut karaganda_db, &national);
    let report = karaganda_db.import(&national, false).unwrap();
    assert_eq!(report.other_maps, 1, "{report:?}");
    assert!(report.added.is_empty() && report.changed.is_empty(), "another region's project is not listed");
    assert_eq!(prop(&karaganda_db, "75-0001", "name_kk"), "Алатау зауыты", "kept whole");
    assert_eq!(prop(&karaganda_db, "75-0001", "cost_kzt"), 1_000_000_000);

    // Shown, and marked, on the map and in the table; a filter of the own region hides it.
    let view = karaganda_db.view(&Default::default()).unwrap();
    let marked: Vec<(Option<String>, bool)> = view.rows.iter().map(|r| (r.code.clone(), r.other_map)).collect();
    assert_eq!(marked, [(Some("35-0001".into()), false), (Some("75-0001".into()), true)]);
    let own = indmap_api::ViewFilter { regions: vec!["35".into()], ..Default::default() };
    assert_eq!(karaganda_db.view(&own).unwrap().rows.len(), 1);

    // Never changed there: every write is refused naming the rule, and the map stays as it was.
    let before = karaganda_db.content_hash().unwrap();
    let refusals = [
        karaganda_db.update_project("75-0001", &patch(json!({"status": "construction"}))).unwrap_err(),
        karaganda_db.set_report("75-0001", "2026-Q3", r#"{"progress_pct": 10}"#).unwrap_err(),
        karaganda_db.delete_project("75-0001", Some("not ours")).unwrap_err(),
    ];
    for e in refusals {
        assert_eq!(e.problems[0].rule, indmap_api::core::Rule::ProjectOtherMap, "{e:?}");
        assert!(e.problems[0].message.contains("Almaty") && e.problems[0].message.contains("read-only"), "{e:?}");
    }
    assert_eq!(karaganda_db.content_hash().unwrap(), before);
    assert!(karaganda_db.proposals().unwrap().is_empty(), "no proposal was made either");

    // Karaganda's file is of its own map; Almaty's change reaches it through the ministry.
    let back = net.send(&karaganda_db);
    let sent = indmap_exchange::ExchangeFile::read(&back).unwrap();
    let codes: Vec<String> = sent.content.projects.iter().map(|vp| vp.project_id.to_string()).collect();
    assert_eq!(codes, [karaganda_db.find("35-0001").unwrap().id.to_string()]);
    almaty.update_project("75-0001", &patch(json!({"status": "construction"}))).unwrap();
    ministry.import(&net.send(&almaty), false).unwrap();
    let report = karaganda_db.import(&net.send(&ministry), false).unwrap();
    assert_eq!(report.other_maps, 1);
    assert_eq!(prop(&karaganda_db, "75-0001", "status"), "construction");
    let hash = ministry.content_hash().unwrap();
    ministry.import(&back, false).unwrap();
    assert_eq!(ministry.content_hash().unwrap(), hash, "Karaganda's file changes nothing of Almaty's");
}

#[test]
fn the_exchange_file_is_a_geopackage_gis_tools_read() {
    let mut net = Net::new();
    let mut db = net.db("ministry", Scope::Ministry, 1);
    db.add_sample(50, 3).unwrap();
    let file = net.send(&db);
    let out = std::process::Command::new("ogrinfo").args(["-so", "-al"]).arg(&file).output();
    let Ok(out) = out else {
        panic!("ogrinfo (gdal-bin) is needed for this test: scripts/setup.sh installs it");
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("Layer name: projects"), "{text}");
    assert!(text.contains("Feature Count: 50"), "{text}");
    assert!(text.contains("EPSG\",4326") || text.contains("EPSG:4326") || text.contains("WGS 84"), "{text}");
}

#[test]
fn a_copied_database_file_takes_an_id_of_its_own_and_both_copies_merge() {
    let mut net = Net::new();
    let mut a = net.db("original", karaganda(), 1);
    a.add_projects(&project("Саран", "35", 72.8, 49.8)).unwrap();
    let original_id = a.info().db_id;
    let original_path = a.info().path.clone();
    drop(a); // as a planner copies the file: with the app closed
    let copy_path = net.dir.path().join("copy-on-usb.sqlite");
    std::fs::copy(&original_path, &copy_path).unwrap();
    let mut a = Indmap::open(&original_path, net.env("original", 1)).unwrap();
    assert_eq!(a.info().db_id, original_id, "the original keeps its id");
    let mut b = Indmap::open(&copy_path, net.env("copy", 5)).unwrap();
    assert_ne!(b.info().db_id, original_id, "the copy must not write under the original's id");
    assert_eq!(
        Indmap::open(&copy_path, net.env("copy", 6)).unwrap().info().db_id,
        b.info().db_id,
        "and keeps its new id"
    );
    a.update_project("35-0001", &patch(json!({"cost_kzt": 1_100_000_000}))).unwrap();
    b.update_project("35-0001", &patch(json!({"status": "construction"}))).unwrap();
    let (fa, fb) = (net.send(&a), net.send(&b));
    a.import(&fb, false).unwrap();
    b.import(&fa, false).unwrap();
    assert_eq!(a.content_hash().unwrap(), b.content_hash().unwrap());
    assert_eq!(prop(&a, "35-0001", "status"), "construction");
    assert_eq!(prop(&b, "35-0001", "cost_kzt"), 1_100_000_000);
}

#[test]
fn a_batch_of_files_takes_one_backup_and_a_bad_file_does_not_stop_the_others() {
    let mut net = Net::new();
    let mut files = Vec::new();
    for (i, (kato, lon, lat)) in [("35", 73.1, 49.8), ("55", 76.95, 52.28)].into_iter().enumerate() {
        let mut db = net.db(&format!("r{kato}"), Scope::Region(RegionCode::parse(kato).unwrap()), 30 + i as u64);
        db.add_projects(&project(&format!("Жоба {kato}"), kato, lon, lat)).unwrap();
        files.push(net.send(&db));
    }
    let bad = corrupt(&files[0], |b| {
        b.truncate(b.len() - 1);
    });
    let mut ministry = net.db("ministry", Scope::Ministry, 40);
    let results = ministry.import_all(&[files[0].clone(), bad, files[1].clone()], false);
    assert!(results[0].is_ok() && results[1].is_err() && results[2].is_ok());
    assert_eq!(ministry.list(&Default::default()).unwrap().len(), 2);
    assert_eq!(ministry.backups().unwrap().len(), 1, "one backup for the batch");
}

#[test]
fn a_file_of_changes_for_the_ministry_holds_only_what_it_has_not_seen() {
    let mut net = Net::new();
    let mut region = net.db("karaganda", karaganda(), 50);
    for (i, name) in ["Бірінші", "Екінші", "Үшінші"].into_iter().enumerate() {
        let mut feature: Value = serde_json::from_str(&project(name, "35", 73.0 + i as f64 * 0.05, 49.8)).unwrap();
        feature["properties"]["financing"] = json!([
            {"source": "own_funds", "amount_kzt": 400_000_000, "year": 2025, "status": "disbursed"},
            {"source": "dbk", "amount_kzt": 600_000_000, "year": 2026, "status": "committed"},
        ]);
        region.add_projects(&feature.to_string()).unwrap();
    }
    let mut ministry = net.db("ministry", Scope::Ministry, 51);
    assert_eq!(
        region.export_for(&net.dir.path().join("x.gpkg"), None, Some(Scope::Ministry)).unwrap_err().kind,
        ErrorKind::Invalid
    );
    ministry.import(&net.send(&region), false).unwrap();
    let file = net.send(&ministry);
    trust(&mut region, &file);
    region.import(&file, false).unwrap();
    region.update_project("35-0002", &patch(json!({"status": "construction"}))).unwrap();
    region.add_projects(&project("Төртінші", "35", 73.2, 49.9)).unwrap();
    let changes = net.dir.path().join("changes.gpkg");
    let manifest = region.export_for(&changes, None, Some(Scope::Ministry)).unwrap();
    assert_eq!(manifest.projects, 2, "the edited project and the new one");
    // Of the edited project, the file carries its own record, not the rows the ministry has.
    let content = indmap_exchange::ExchangeFile::read(&changes).unwrap().content;
    let edited = region.find("35-0002").unwrap().id;
    let entities: Vec<&str> = content
        .projects
        .iter()
        .filter(|p| p.project_id == edited)
        .flat_map(|p| p.fields.keys().map(|k| k.entity.as_str()))
        .collect();
    assert!(!entities.is_empty() && entities.iter().all(|e| *e == "project"), "{entities:?}");
    ministry.import(&changes, false).unwrap();
    assert_eq!(ministry.content_hash().unwrap(), region.content_hash().unwrap());
    assert_eq!(ministry.find("35-0002").unwrap().financing.len(), 2);
    let mut versions = |db: &Indmap| indmap_exchange::ExchangeFile::read(&net.send(db)).unwrap().content.projects;
    assert_eq!(versions(&ministry), versions(&region), "down to every field's dot");
}

#[test]
fn the_backup_before_an_import_holds_the_state_before_it_even_with_writes_still_in_the_wal() {
    let mut net = Net::new();
    let mut region = net.db("karaganda", karaganda(), 60);
    region.add_projects(&project("Бесінші", "35", 73.1, 49.8)).unwrap();
    let file = net.send(&region);
    let mut ministry = net.db("ministry", Scope::Ministry, 61);
    let mut republican: Value = serde_json::from_str(&project("Алтыншы", "35", 73.3, 49.7)).unwrap();
    republican["properties"]["level"] = json!("republican");
    ministry.add_projects(&republican.to_string()).unwrap();
    // The last write sits in the WAL, not yet in the database file: the backup must have it.
    ministry.update_project("RK-0001", &patch(json!({"jobs_permanent": 777}))).unwrap();
    let before = ministry.content_hash().unwrap();
    let report = ministry.import_all(&[file], false).pop().unwrap().unwrap();
    assert_eq!(report.added.len(), 1);
    let backup = report.backup.unwrap();
    let copy = Indmap::open(&backup, net.env("reader", 62)).unwrap();
    assert_eq!(copy.content_hash().unwrap(), before);
    assert_eq!(prop(&copy, "RK-0001", "jobs_permanent"), 777);
    assert_ne!(ministry.content_hash().unwrap(), before);
}

#[test]
fn an_import_whose_backup_cannot_be_written_changes_nothing() {
    let mut net = Net::new();
    let mut region = net.db("karaganda", karaganda(), 70);
    region.add_projects(&project("Жетінші", "35", 73.1, 49.8)).unwrap();
    let first = net.send(&region);
    region.add_projects(&project("Сегізінші", "35", 73.2, 49.9)).unwrap();
    let second = net.send(&region);
    let mut ministry = net.db("ministry", Scope::Ministry, 71);
    let taken = ministry.import(&first, false).unwrap().backup.unwrap();
    // No backup can be written: a file stands where the backups folder was. (That a batch is
    // rolled back when its copy fails is the store's test.)
    let folder = taken.parent().unwrap();
    std::fs::rename(folder, folder.with_extension("moved")).unwrap();
    std::fs::write(folder, b"not a folder").unwrap();
    let before = ministry.content_hash().unwrap();
    let error = ministry.import(&second, false).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Io);
    assert!(error.message.contains("backup"), "{}", error.message);
    assert_eq!(ministry.content_hash().unwrap(), before);
    assert_eq!(ministry.list(&Default::default()).unwrap().len(), 1);
}

/// The window says how a conflict is settled as `{ kind, value }`; anything else is refused.
#[test]
fn a_take_reads_from_what_the_window_sends() {
    let take = |v: Value| serde_json::from_value::<Take>(v);
    assert_eq!(take(json!({"kind": "mine"})).unwrap(), Take::Mine);
    assert_eq!(take(json!({"kind": "theirs"})).unwrap(), Take::Theirs);
    assert_eq!(take(json!({"kind": "value", "value": 1_300_000_000})).unwrap(), Take::Value(json!(1_300_000_000)));
    assert_eq!(take(json!({"kind": "value", "value": "Жаңа"})).unwrap(), Take::Value(json!("Жаңа")));
    assert!(take(json!({"kind": "ours"})).is_err() && take(json!("mine")).is_err());
    // The command line's words for the same.
    assert_eq!((Take::parse("mine"), Take::parse(" theirs")), (Take::Mine, Take::Theirs));
    assert_eq!((Take::parse("1300"), Take::parse("Жаңа")), (Take::Value(json!(1300)), Take::Value(json!("Жаңа"))));
}

/// The merge bill saved after a preview is the bill of that preview, even once the map has
/// changed since; a file not previewed has no bill to save.
#[test]
fn the_merge_bill_saved_is_the_one_of_the_preview_read() {
    let mut net = Net::new();
    let (mut a, mut b) = two_planners(&mut net);
    a.update_project("35-0001", &patch(json!({"cost_kzt": 2_000_000_000}))).unwrap();
    let file = net.send(&a);
    let mut previews = indmap_api::Previews::default();
    let reports = previews.preview(&mut b, std::slice::from_ref(&file));
    let preview = reports[0].as_ref().unwrap();
    b.import(&file, false).unwrap();
    assert_eq!(previews.of(&file).unwrap(), preview, "the preview read, not the import since");
    let bill = net.dir.path().join("bill.xlsx");
    previews.save_bill(&b, &file, &bill, indmap_api::PrintLang::Kk).unwrap();
    assert!(std::fs::read(&bill).unwrap().starts_with(b"PK"), "the bill is a workbook");

    let other = net.send(&a);
    assert_eq!(previews.save_bill(&b, &other, &bill, indmap_api::PrintLang::Kk).unwrap_err().kind, ErrorKind::NotFound);
    let wrong = previews.save_bill(&b, &file, &bill.with_extension("docx"), indmap_api::PrintLang::Kk).unwrap_err();
    assert_eq!((wrong.kind, wrong.problems[0].rule), (ErrorKind::Invalid, indmap_api::core::Rule::BillFormat));
    // A new preview takes the place of the last.
    previews.preview(&mut b, std::slice::from_ref(&other));
    assert!(previews.of(&file).is_err() && previews.of(&other).is_ok());
}

/// A restore puts the backup taken before an import in place and opens it: the map is as it was
/// before the import, and the state it replaced is kept as a backup of its own. A backup that
/// does not exist restores nothing and leaves the database open.
#[test]
fn a_restore_brings_back_the_map_before_an_import_and_keeps_the_one_it_replaced() {
    let mut net = Net::new();
    let (mut a, mut b) = two_planners(&mut net);
    let before = b.content_hash().unwrap();
    a.update_project("35-0001", &patch(json!({"cost_kzt": 2_000_000_000}))).unwrap();
    let backup = b.import(&net.send(&a), false).unwrap().backup.unwrap();
    let after = b.content_hash().unwrap();
    assert_ne!(after, before);

    let Err(missing) = b.restore("no-such-backup.sqlite") else { panic!("restored a backup that does not exist") };
    assert_eq!(missing.error.kind, ErrorKind::NotFound);
    let b = *missing.db.expect("the database stays open");
    assert_eq!(b.content_hash().unwrap(), after);

    let name = backup.file_name().unwrap().to_string_lossy().into_owned();
    let (mut b, safety) = b.restore(&name).map_err(|e| e.error).unwrap();
    assert_eq!(b.content_hash().unwrap(), before);
    assert_eq!(prop(&b, "35-0001", "cost_kzt"), 1_000_000_000);
    assert!(b.backups().unwrap().iter().any(|k| k.path == safety));
    b.update_project("35-0001", &patch(json!({"jobs_permanent": 120}))).unwrap();
}
