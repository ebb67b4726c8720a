//! Two databases issue one code to two projects: neither project is ever refused, every database
//! agrees which holds the code, and the other is a conflict until it is given a new code.

mod common;

use common::{env, region};
use indmap_api::core::{Rule, Scope};
use indmap_api::{ConflictKind, Error, ErrorKind, Indmap, Take};
use serde_json::json;
use std::path::PathBuf;
use tempfile::TempDir;

struct Net {
    dir: TempDir,
    files: usize,
}

impl Net {
    fn new() -> Net {
        Net { dir: tempfile::tempdir().unwrap(), files: 0 }
    }

    fn db(&self, name: &str, scope: Scope, seed: u64) -> Indmap {
        Indmap::init(&self.dir.path().join(format!("{name}.sqlite")), scope, env(name, seed)).unwrap()
    }

    fn send(&mut self, from: &Indmap) -> PathBuf {
        self.files += 1;
        let path = self.dir.path().join(format!("exchange-{}.gpkg", self.files));
        from.export(&path, None).unwrap();
        path
    }
}

fn project(name: &str) -> String {
    json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [73.1, 49.8]}, "properties": {
        "name_kk": format!("{name} зауыты"), "name_ru": format!("Завод {name}"), "region": "35", "status": "design",
    }})
    .to_string()
}

fn code_of(db: &Indmap, id: uuid::Uuid) -> String {
    db.list(&Default::default()).unwrap().into_iter().find(|p| p.id == id).unwrap().code.unwrap().to_string()
}

/// Two laptops of Karaganda that each registered a project before they exchanged anything:
/// both projects are `35-0001`. Returns the laptops and the ids of A's and B's projects.
fn two_laptops(net: &mut Net) -> (Indmap, Indmap, uuid::Uuid, uuid::Uuid) {
    let mut a = net.db("karaganda-a", region("35"), 1);
    let mut b = net.db("karaganda-b", region("35"), 2);
    let pa = a.add_projects(&project("Теміртау")).unwrap().added[0].clone();
    let pb = b.add_projects(&project("Балқаш")).unwrap().added[0].clone();
    assert_eq!((pa.1.as_str(), pb.1.as_str()), ("35-0001", "35-0001"));
    assert!(pa.0 < pb.0, "A's project was registered first");
    (a, b, pa.0, pb.0)
}

fn refusal(result: indmap_api::Result<()>) -> (ErrorKind, Rule) {
    let Err(Error { kind, problems, .. }) = result else { panic!("expected a refusal") };
    (kind, problems[0].rule)
}

#[test]
fn two_projects_with_one_code_are_both_kept_and_the_first_registered_holds_it() {
    let mut net = Net::new();
    let (mut a, mut b, pa, pb) = two_laptops(&mut net);
    let (fa, fb) = (net.send(&a), net.send(&b));
    let at_b = b.import(&fa, false).unwrap();
    let at_a = a.import(&fb, false).unwrap();
    for (db, report) in [(&a, &at_a), (&b, &at_b)] {
        assert_eq!(report.added.len(), 1, "the project with the code already used is added");
        assert!(report.refused.is_empty());
        assert_eq!(report.conflicts.len(), 1, "the import says which project must take a new code");
        assert_eq!((report.conflicts[0].kind, report.conflicts[0].project_id), (ConflictKind::Code, pb));
        assert_eq!(db.list(&Default::default()).unwrap().len(), 2);
        assert_eq!(db.find("35-0001").unwrap().id, pa, "the code names the project registered first");
        let open = db.conflicts().unwrap();
        assert_eq!(open.len(), 1);
        assert_eq!((open[0].id.clone(), open[0].kind), (format!("{pb}:code"), ConflictKind::Code));
        assert_eq!(open[0].theirs[0].0, json!("Завод Теміртау"), "the holder is named");
    }
    assert_eq!(a.content_hash().unwrap(), b.content_hash().unwrap());
}

#[test]
fn a_new_code_settles_the_clash_everywhere_and_is_never_issued_again() {
    let mut net = Net::new();
    let (mut a, mut b, pa, pb) = two_laptops(&mut net);
    let (fa, fb) = (net.send(&a), net.send(&b));
    b.import(&fa, false).unwrap();
    a.import(&fb, false).unwrap();

    b.resolve(&format!("{pb}:code"), Take::Theirs).unwrap();
    assert_eq!(code_of(&b, pb), "35-0002", "the next code B has not issued or seen");
    assert!(b.conflicts().unwrap().is_empty());
    let report = a.import(&net.send(&b), false).unwrap();
    assert_eq!(report.changed.len(), 1);
    assert!(a.conflicts().unwrap().is_empty());
    assert_eq!((code_of(&a, pa), code_of(&a, pb)), ("35-0001".into(), "35-0002".into()));
    assert_eq!(a.content_hash().unwrap(), b.content_hash().unwrap());
    let next = a.add_projects(&project("Жезқазған")).unwrap().added[0].1.to_string();
    assert_eq!(next, "35-0003", "A saw 35-0002 arrive and does not issue it");
    assert_eq!(b.history(&pb.to_string()).unwrap().iter().filter(|e| e.field == "code").count(), 1);
}

#[test]
fn a_clash_is_settled_only_by_a_code_no_project_has() {
    let mut net = Net::new();
    let (_a, mut b, _pa, pb) = two_laptops(&mut net);
    b.import(&net.send(&_a), false).unwrap();
    let before = b.content_hash().unwrap();
    let id = format!("{pb}:code");
    assert_eq!(refusal(b.resolve(&id, Take::Mine)), (ErrorKind::Invalid, Rule::CodeHeld));
    assert_eq!(refusal(b.resolve(&id, Take::value("35-0001"))), (ErrorKind::Invalid, Rule::CodeTaken));
    assert_eq!(refusal(b.resolve(&id, Take::value("35-1"))), (ErrorKind::Invalid, Rule::CodeFormat));
    assert_eq!(b.content_hash().unwrap(), before, "a refused settlement changes nothing");
    b.resolve(&id, Take::value("35-0100")).unwrap();
    assert_eq!(code_of(&b, pb), "35-0100");
    let next = b.add_projects(&project("Сарань")).unwrap().added[0].1.to_string();
    assert_eq!(next, "35-0101");
}

#[test]
fn when_the_holder_is_deleted_the_other_project_holds_the_code_again() {
    let mut net = Net::new();
    let (mut a, mut b, pa, pb) = two_laptops(&mut net);
    b.import(&net.send(&a), false).unwrap();
    a.import(&net.send(&b), false).unwrap();
    a.delete_project(&pa.to_string(), Some("дубль")).unwrap();
    b.import(&net.send(&a), false).unwrap();
    for db in [&a, &b] {
        assert!(db.conflicts().unwrap().is_empty());
        assert_eq!(db.find("35-0001").unwrap().id, pb);
    }
}

#[test]
fn the_ministry_proposes_a_new_code_and_the_region_decides() {
    let mut net = Net::new();
    let (a, b, _pa, pb) = two_laptops(&mut net);
    let mut ministry = net.db("ministry", Scope::Ministry, 3);
    ministry.import(&net.send(&a), false).unwrap();
    let report = ministry.import(&net.send(&b), false).unwrap();
    assert_eq!(report.conflicts.len(), 1);
    ministry.resolve(&format!("{pb}:code"), Take::Theirs).unwrap();
    assert_eq!(code_of(&ministry, pb), "35-0001", "a regional project's code is its akimat's to change");
    let proposal = ministry.proposals().unwrap().into_iter().find(|p| p.field == "code").unwrap();
    assert_eq!(proposal.proposed, json!("35-0002"));

    let mut b = b;
    b.import(&net.send(&a), false).unwrap();
    let file = net.send(&ministry);
    common::trust(&mut b, &file);
    b.import(&file, false).unwrap();
    b.accept(proposal.id).unwrap();
    assert_eq!(code_of(&b, pb), "35-0002");
    ministry.import(&net.send(&b), false).unwrap();
    assert!(ministry.conflicts().unwrap().is_empty());
}
