//! Files that speak for a database that did not sign them, one per way of forging: each is
//! refused (whole, or the forged project), the map is left as it was, and the real owner's
//! later edits still arrive.

mod common;

use common::{env, region, secret_of};
use indmap_api::Indmap;
use indmap_api::core::Scope;
use indmap_api::core::version::{Dot, Sibling, Stamp, VersionedProject};
use indmap_exchange::{ExchangeFile, Manifest};
use serde_json::json;
use std::path::{Path, PathBuf};

fn send(dir: &Path, from: &Indmap, name: &str) -> PathBuf {
    let path = dir.join(name);
    from.export(&path, None).unwrap();
    path
}

fn db(dir: &Path, name: &str, scope: Scope, seed: u64) -> Indmap {
    Indmap::init(&dir.join(format!("{name}.sqlite")), scope, env(name, seed)).unwrap()
}

struct World {
    dir: tempfile::TempDir,
    karaganda: Indmap,
    astana: Indmap,
    ministry: Indmap,
    /// Karaganda's real file, as the ministry took it.
    genuine: ExchangeFile,
}

fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let mut karaganda = db(dir.path(), "karaganda", region("35"), 1);
    let feature = json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [72.96, 50.06]}, "properties": {
        "name_kk": "Теміртау зауыты", "name_ru": "Завод Темиртау", "region": "35", "cost_kzt": 1_000_000_000}});
    karaganda.add_projects(&feature.to_string()).unwrap();
    let mut astana = db(dir.path(), "astana", region("71"), 2);
    let feature = json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [71.43, 51.13]}, "properties": {
        "name_kk": "Астана зауыты", "name_ru": "Завод Астана", "region": "71", "cost_kzt": 2_000_000_000}});
    astana.add_projects(&feature.to_string()).unwrap();
    let mut ministry = db(dir.path(), "ministry", Scope::Ministry, 3);
    let file = send(dir.path(), &karaganda, "karaganda.gpkg");
    ministry.import(&file, false).unwrap();
    ministry.import(&send(dir.path(), &astana, "astana.gpkg"), false).unwrap();
    let genuine = ExchangeFile::read(&file).unwrap();
    World { dir, karaganda, astana, ministry, genuine }
}

/// A file with `projects`, claiming to be from `claimed` and signed with `secret`, if any.
fn forge(
    w: &World,
    name: &str,
    claimed: Manifest,
    projects: Vec<VersionedProject>,
    secret: Option<&[u8; 32]>,
) -> PathBuf {
    let path = w.dir.path().join(name);
    let project = w.karaganda.find("35-0001").unwrap();
    let pairs: Vec<_> = projects.into_iter().map(|vp| (project.clone(), vp)).collect();
    indmap_exchange::write(&path, claimed, &pairs, &[], secret).unwrap();
    path
}

/// Karaganda's project with its cost set to `cost` by write `dot`.
fn with_cost(w: &World, dot: Dot, cost: i64) -> VersionedProject {
    let mut vp = w.genuine.content.projects[0].clone();
    let key = vp.fields.keys().find(|k| k.field == "cost_kzt").unwrap().clone();
    let stamp = Stamp { dot, at: "2026-11-26T10:00:00Z".into(), user: "forger".into() };
    vp.fields.insert(key, vec![Sibling { stamp, value: json!(cost) }]);
    vp.context.add(dot);
    vp
}

fn manifest_as(w: &World, db: &Indmap, counter: i64) -> Manifest {
    let mut m = w.genuine.manifest.clone();
    m.db_id = db.info().db_id;
    m.scope = db.info().scope;
    m.counter = Some(counter);
    m
}

/// Imports a forgery: refused whole (`Err`) or with its project refused; the map as it was.
fn refused(w: &mut World, file: &Path) -> String {
    let before = w.ministry.content_hash().unwrap();
    let said = match w.ministry.import(file, false) {
        Err(e) => e.message,
        Ok(report) => {
            assert!(report.changed.is_empty() && report.added.is_empty(), "{report:?}");
            assert_eq!(report.refused.len(), 1, "the forged project is refused and listed: {report:?}");
            report.refused[0].reason.clone()
        }
    };
    assert_eq!(w.ministry.content_hash().unwrap(), before, "{} changed the map", file.display());
    said
}

#[test]
fn every_kind_of_forged_file_is_refused_and_the_owner_still_gets_through() {
    let mut w = world();
    let (kdb, karaganda_signed) = (w.karaganda.info().db_id, w.genuine.manifest.counter.unwrap());
    let mut told = Vec::new();

    // 1. Karaganda's own file, its signature swapped for another's: changed after signing.
    let swapped = send(w.dir.path(), &w.astana, "other.gpkg");
    let other_signature: String = rusqlite::Connection::open(&swapped)
        .unwrap()
        .query_row("SELECT value FROM indmap_manifest WHERE key = 'signature'", [], |r| r.get(0))
        .unwrap();
    let tampered = w.dir.path().join("tampered.gpkg");
    std::fs::copy(send(w.dir.path(), &w.karaganda, "again.gpkg"), &tampered).unwrap();
    rusqlite::Connection::open(&tampered)
        .unwrap()
        .execute("UPDATE indmap_manifest SET value = ?1 WHERE key = 'signature'", [&other_signature])
        .unwrap();
    told.push(refused(&mut w, &tampered));

    // 2. Karaganda's id, unsigned.
    let file = forge(
        &w,
        "unsigned.gpkg",
        manifest_as(&w, &w.karaganda, karaganda_signed),
        vec![with_cost(&w, Dot { db: kdb, counter: karaganda_signed + 1 }, 5)],
        None,
    );
    told.push(refused(&mut w, &file));

    // 3. Karaganda's id, signed by Astana's key.
    let astana_key = secret_of(&w.astana);
    let file = forge(
        &w,
        "wrong-key.gpkg",
        manifest_as(&w, &w.karaganda, 1000),
        vec![with_cost(&w, Dot { db: kdb, counter: karaganda_signed + 1 }, 5)],
        Some(&astana_key),
    );
    told.push(refused(&mut w, &file));

    // 4. Astana's own signed file, carrying a write stamped with Karaganda's real id beyond
    //    what Karaganda has signed.
    let file = forge(
        &w,
        "stamped.gpkg",
        manifest_as(&w, &w.astana, 1000),
        vec![with_cost(&w, Dot { db: kdb, counter: karaganda_signed + 1 }, 5)],
        Some(&astana_key),
    );
    told.push(refused(&mut w, &file));

    // 5. The same with a write Karaganda did sign: a value the ministry has seen replaced, so
    //    nothing changes (`refused` would fail on a change).
    let file = forge(
        &w,
        "replayed.gpkg",
        manifest_as(&w, &w.astana, 1001),
        vec![with_cost(&w, Dot { db: kdb, counter: karaganda_signed }, 5)],
        Some(&astana_key),
    );
    let before = w.ministry.content_hash().unwrap();
    let report = w.ministry.import(&file, false).unwrap();
    assert!(report.changed.is_empty(), "{report:?}");
    assert_eq!(w.ministry.content_hash().unwrap(), before);

    // 6. A raised version-vector entry that changes nothing visible, but would make the
    //    ministry ignore Karaganda's next genuine edits.
    let mut raised = w.genuine.content.projects[0].clone();
    raised.context.0.insert(kdb, 1_000_000);
    let file = forge(&w, "raised.gpkg", manifest_as(&w, &w.astana, 1002), vec![raised], Some(&astana_key));
    told.push(refused(&mut w, &file));

    // 7. A database never seen before that says it is the ministry, signed with its own key.
    let fake = db(w.dir.path(), "fake-ministry", Scope::Ministry, 4);
    let (fake_id, fake_key) = (fake.info().db_id, secret_of(&fake));
    let file = forge(
        &w,
        "new-ministry.gpkg",
        manifest_as(&w, &fake, 10),
        vec![with_cost(&w, Dot { db: fake_id, counter: 1 }, 5)],
        Some(&fake_key),
    );
    told.push(refused(&mut w, &file));

    // 8. The same, unsigned.
    let file = forge(
        &w,
        "new-ministry-unsigned.gpkg",
        manifest_as(&w, &fake, 10),
        vec![with_cost(&w, Dot { db: fake_id, counter: 1 }, 5)],
        None,
    );
    told.push(refused(&mut w, &file));

    // 9. Astana's own signed file, naming a ministry database no one confirmed and carrying
    //    its write.
    let mut relayed = manifest_as(&w, &w.astana, 1003);
    relayed.databases.push(indmap_api::KnownDatabase { id: fake_id, scope: Scope::Ministry });
    let file =
        forge(&w, "relayed.gpkg", relayed, vec![with_cost(&w, Dot { db: fake_id, counter: 1 }, 5)], Some(&astana_key));
    told.push(refused(&mut w, &file));

    // 10. Astana's own signed file, naming a database of Karaganda's no one here knows the key
    //     of, carrying its write and vouching for a key of its own making.
    let mut invented = manifest_as(&w, &w.astana, 1004);
    let ghost = uuid::Uuid::from_u128(0x0196_0000_0000_7000_8000_0000_0000_0042);
    invented.databases.push(indmap_api::KnownDatabase { id: ghost, scope: region("35") });
    invented.vouches.push(indmap_exchange::Vouch { db_id: ghost, public_key: "ab".repeat(32), counter: 9 });
    let file =
        forge(&w, "invented.gpkg", invented, vec![with_cost(&w, Dot { db: ghost, counter: 1 }, 5)], Some(&astana_key));
    told.push(refused(&mut w, &file));

    for said in &told {
        eprintln!("refused: {said}");
    }
    assert!(told[8].contains("whose key is not known here"), "{}", told[8]);
    assert!(told[5].contains("says it is the ministry") && told[5].contains("confirm the fingerprint"), "{}", told[5]);
    assert!(told[6].contains("must be signed"), "{}", told[6]);
    assert!(told[7].contains("says it is the ministry") && told[7].contains("no one has confirmed"), "{}", told[7]);
    assert!(told[0].contains("not signed by the key it names"), "{}", told[0]);
    assert!(told[1].contains("it is not signed"), "{}", told[1]);
    assert!(told[2].contains("another key than the one pinned"), "{}", told[2]);
    assert!(told[3].contains("beyond the") && told[4].contains("beyond the"), "{told:?}");

    // Karaganda's next real edit still arrives.
    let patch = json!({"type": "Feature", "geometry": null, "properties": {"cost_kzt": 3_000_000_000_i64}});
    w.karaganda.update_project("35-0001", &patch.to_string()).unwrap();
    let report = w.ministry.import(&send(w.dir.path(), &w.karaganda, "real.gpkg"), false).unwrap();
    assert_eq!(report.changed.len(), 1, "{report:?}");
    assert!(report.signature.fingerprint.is_some() && !report.signature.first_sight);
}

#[test]
fn the_first_signed_file_of_a_database_pins_its_key_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let karaganda = db(dir.path(), "karaganda", region("35"), 1);
    let mut ministry = db(dir.path(), "ministry", Scope::Ministry, 3);
    let preview = ministry.import(&send(dir.path(), &karaganda, "1.gpkg"), true).unwrap();
    assert!(preview.signature.first_sight, "a preview shows the key is new");
    let fingerprint = preview.signature.fingerprint.clone().unwrap();
    assert_eq!(fingerprint.len(), 24, "{fingerprint}");
    let report = ministry.import(&send(dir.path(), &karaganda, "1.gpkg"), false).unwrap();
    assert!(report.signature.first_sight);
    let again = ministry.import(&send(dir.path(), &karaganda, "2.gpkg"), false).unwrap();
    assert!(!again.signature.first_sight, "pinned by the first import");
    assert_eq!(again.signature.fingerprint, Some(fingerprint));
}

/// A new ministry database: its file is previewed with its fingerprint and waits; a person who
/// has checked the fingerprint by phone confirms it (a wrong one is refused), and the file is
/// taken. The ministry's file then vouches for the keys it knows: a second ministry database,
/// confirmed at the first, is believed at Karaganda through the first one's file.
#[test]
fn a_new_ministry_is_taken_once_a_person_confirms_its_key_and_vouches_for_the_keys_it_knows() {
    let dir = tempfile::tempdir().unwrap();
    let mut karaganda = db(dir.path(), "karaganda", region("35"), 1);
    let feature = json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [72.96, 50.06]}, "properties": {
        "name_kk": "Теміртау зауыты", "name_ru": "Завод Темиртау", "region": "35", "cost_kzt": 1_000_000_000}});
    karaganda.add_projects(&feature.to_string()).unwrap();
    let mut ministry = db(dir.path(), "ministry", Scope::Ministry, 3);
    ministry.import(&send(dir.path(), &karaganda, "k1.gpkg"), false).unwrap();
    let patch = |v: serde_json::Value| json!({"type": "Feature", "geometry": null, "properties": v}).to_string();
    // The ministry owns a project's level: a write of its own, not a proposal.
    ministry.update_project("35-0001", &patch(json!({"level": "republican"}))).unwrap();
    let file = send(dir.path(), &ministry, "m1.gpkg");

    let preview = karaganda.import(&file, true).unwrap();
    assert!(preview.signature.confirm && preview.signature.first_sight, "{:?}", preview.signature);
    let before = karaganda.content_hash().unwrap();
    let refused = karaganda.import(&file, false).unwrap_err();
    assert!(refused.message.contains("fingerprint"), "{}", refused.message);
    let fingerprint = preview.signature.fingerprint.clone().unwrap();
    let wrong = fingerprint.replace(&fingerprint[..1], if fingerprint.starts_with('0') { "1" } else { "0" });
    let e = karaganda.trust_sender(&file, &wrong).unwrap_err();
    assert_eq!(e.problems[0].rule, indmap_api::core::Rule::KeyFingerprint, "{e:?}");
    assert_eq!(karaganda.content_hash().unwrap(), before);
    assert!(karaganda.import(&file, false).is_err(), "a wrong fingerprint trusts nothing");

    karaganda.trust_sender(&file, &fingerprint.to_lowercase().replace(' ', "")).unwrap();
    let report = karaganda.import(&file, false).unwrap();
    assert!(!report.signature.confirm && !report.signature.first_sight);
    assert_eq!(karaganda.find("35-0001").unwrap().level, indmap_api::core::MapLevel::Republican);

    // A second ministry database, confirmed at the first, edits; Karaganda never saw its files.
    let mut second = db(dir.path(), "ministry-2", Scope::Ministry, 5);
    let m1 = send(dir.path(), &ministry, "m2.gpkg");
    let fp = second.import(&m1, true).unwrap().signature.fingerprint.unwrap();
    second.trust_sender(&m1, &fp).unwrap();
    second.import(&m1, false).unwrap();
    second.update_project("35-0001", &patch(json!({"problems": "жол жоқ"}))).unwrap();
    let m2 = send(dir.path(), &second, "second.gpkg");
    let fp = ministry.import(&m2, true).unwrap().signature.fingerprint.unwrap();
    ministry.trust_sender(&m2, &fp).unwrap();
    ministry.import(&m2, false).unwrap();
    let relayed = ministry.import(&send(dir.path(), &ministry, "m3.gpkg"), true);
    assert!(relayed.is_err(), "a database does not import its own file");
    let report = karaganda.import(&send(dir.path(), &ministry, "m3.gpkg"), false).unwrap();
    assert!(report.refused.is_empty(), "the first ministry vouches for the second: {:?}", report.refused);
    assert_eq!(karaganda.find("35-0001").unwrap().problems.as_deref(), Some("жол жоқ"));
}

/// The second laptop of an akimat: its writes reach the ministry through the first laptop's
/// file, which vouches for its key. The ministry's later file carries them on to anyone.
#[test]
fn a_planners_file_vouches_for_the_second_laptop_of_its_region() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = db(dir.path(), "karaganda-a", region("35"), 1);
    let feature = json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [72.96, 50.06]}, "properties": {
        "name_kk": "Теміртау зауыты", "name_ru": "Завод Темиртау", "region": "35", "cost_kzt": 1_000_000_000}});
    a.add_projects(&feature.to_string()).unwrap();
    let mut b = db(dir.path(), "karaganda-b", region("35"), 2);
    b.import(&send(dir.path(), &a, "a1.gpkg"), false).unwrap();
    let patch = json!({"type": "Feature", "geometry": null, "properties": {"cost_kzt": 1_200_000_000}});
    b.update_project("35-0001", &patch.to_string()).unwrap();
    a.import(&send(dir.path(), &b, "b1.gpkg"), false).unwrap();
    let mut ministry = db(dir.path(), "ministry", Scope::Ministry, 3);
    let report = ministry.import(&send(dir.path(), &a, "a2.gpkg"), false).unwrap();
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    let cost = indmap_api::core::feature::project_properties(&ministry.find("35-0001").unwrap())["cost_kzt"].clone();
    assert_eq!(cost, json!(1_200_000_000), "B's write, through A's file");
}
