//! Who may change what: the ministry keeps the republican map, each akimat its regional map.
//! Others propose; the owner decides; forged files are refused.

mod common;

use chrono::{TimeZone, Utc};
use common::{region, secret_of};
use indmap_api::core::Scope;
use indmap_api::{Env, Indmap};
use serde_json::{Value, json};
use std::path::PathBuf;
use tempfile::TempDir;

struct Net {
    dir: TempDir,
    files: usize,
}

impl Net {
    fn db(&self, name: &str, scope: Scope, seed: u64) -> Indmap {
        let mut env = Env::fixed(name, Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap());
        env.ids = Box::new(indmap_api::CountingIds { unix_millis: 1_764_000_000_000 + seed * 1_000_000, next: 0 });
        Indmap::init(&self.dir.path().join(format!("{name}.sqlite")), scope, env).unwrap()
    }

    fn send(&mut self, from: &Indmap) -> PathBuf {
        self.files += 1;
        let path = self.dir.path().join(format!("exchange-{}.gpkg", self.files));
        from.export(&path, None).unwrap();
        path
    }
}

fn project(name: &str, kato: &str, lon: f64, lat: f64) -> String {
    json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": {
        "name_kk": format!("{name} зауыты"), "name_ru": format!("Завод {name}"), "region": kato, "status": "design",
        "sector": "metallurgy", "cost_kzt": 1_000_000_000}})
    .to_string()
}

fn patch(props: Value) -> String {
    json!({"type": "Feature", "geometry": null, "properties": props}).to_string()
}

fn prop(db: &Indmap, code: &str, key: &str) -> Value {
    indmap_api::core::feature::project_properties(&db.find(code).unwrap())[key].clone()
}

/// Karaganda's map, known to the ministry.
fn setup() -> (Net, Indmap, Indmap) {
    let mut net = Net { dir: tempfile::tempdir().unwrap(), files: 0 };
    let mut karaganda = net.db("karaganda", region("35"), 1);
    karaganda.add_projects(&project("Теміртау", "35", 72.96, 50.06)).unwrap();
    let mut ministry = net.db("ministry", Scope::Ministry, 2);
    ministry.import(&net.send(&karaganda), false).unwrap();
    let file = net.send(&ministry);
    common::trust(&mut karaganda, &file);
    (net, karaganda, ministry)
}

#[test]
fn the_ministry_proposes_and_karaganda_decides() {
    let (mut net, mut karaganda, mut ministry) = setup();
    let report = ministry.update_project("35-0001", &patch(json!({"cost_kzt": 2_000_000_000}))).unwrap();
    assert_eq!(report.proposed, 1);
    assert_eq!(prop(&ministry, "35-0001", "cost_kzt"), 1_000_000_000, "a proposal changes nothing yet");
    let proposals = ministry.proposals().unwrap();
    assert!(!proposals[0].ours_to_decide);

    let arrived = karaganda.import(&net.send(&ministry), false).unwrap();
    assert_eq!(arrived.proposals, 1);
    assert_eq!(prop(&karaganda, "35-0001", "cost_kzt"), 1_000_000_000);
    let proposal = karaganda.proposals().unwrap().remove(0);
    assert!(proposal.ours_to_decide);
    assert_eq!((proposal.current.clone(), proposal.proposed.clone()), (json!(1_000_000_000), json!(2_000_000_000)));
    karaganda.accept(proposal.id).unwrap();
    assert_eq!(prop(&karaganda, "35-0001", "cost_kzt"), 2_000_000_000);

    ministry.import(&net.send(&karaganda), false).unwrap();
    assert_eq!(prop(&ministry, "35-0001", "cost_kzt"), 2_000_000_000);
    assert_eq!(ministry.proposals().unwrap()[0].status, "accepted");
    assert!(ministry.accept(proposal.id).is_err(), "a decided proposal is not decided again");
}

#[test]
fn a_project_proposed_for_the_republican_map_passes_to_the_ministry_when_accepted() {
    let (mut net, mut karaganda, mut ministry) = setup();
    // Without the local-content expertise, the proposal is refused.
    let e = karaganda.update_project("35-0001", &patch(json!({"level": "republican"}))).unwrap_err();
    assert!(e.problems.iter().any(|p| p.field == "local_content_expertise_date"), "{e}");
    let report = karaganda
        .update_project(
            "35-0001",
            &patch(json!({"level": "republican", "local_content_expertise_date": "2026-10-01", "local_content_expertise_ref": "№ 17"})),
        )
        .unwrap();
    assert_eq!(report.proposed, 1, "the expertise is Karaganda's to write, the level the ministry's to decide");
    assert_eq!(prop(&karaganda, "35-0001", "level"), "regional");
    assert_eq!(prop(&karaganda, "35-0001", "local_content_expertise_date"), "2026-10-01");

    ministry.import(&net.send(&karaganda), false).unwrap();
    let proposal = ministry.proposals().unwrap().into_iter().find(|p| p.field == "level").unwrap();
    assert!(proposal.ours_to_decide);
    ministry.accept(proposal.id).unwrap();
    assert_eq!(prop(&ministry, "35-0001", "level"), "republican");

    karaganda.import(&net.send(&ministry), false).unwrap();
    assert_eq!(prop(&karaganda, "35-0001", "level"), "republican");
    // Ownership has passed: Karaganda's edits are proposals now, the ministry's are direct.
    assert_eq!(karaganda.update_project("35-0001", &patch(json!({"jobs_permanent": 400}))).unwrap().proposed, 1);
    assert_eq!(ministry.update_project("35-0001", &patch(json!({"jobs_permanent": 500}))).unwrap().proposed, 0);
    karaganda.import(&net.send(&ministry), false).unwrap();
    assert_eq!(prop(&karaganda, "35-0001", "jobs_permanent"), 500);
}

#[test]
fn a_forged_file_that_changes_another_regions_project_is_refused_and_listed() {
    let mut net = Net { dir: tempfile::tempdir().unwrap(), files: 0 };
    let mut almaty = net.db("almaty", region("75"), 1);
    almaty.add_projects(&project("Алатау", "75", 76.9, 43.25)).unwrap();
    let karaganda = net.db("karaganda", region("35"), 2);
    let mut ministry = net.db("ministry", Scope::Ministry, 3);
    ministry.import(&net.send(&almaty), false).unwrap();
    ministry.import(&net.send(&karaganda), false).unwrap();

    // Karaganda's file, edited by hand to carry a direct change to Almaty's project.
    let indmap_exchange::ExchangeFile { manifest, content, .. } =
        indmap_exchange::ExchangeFile::read(&net.send(&almaty)).unwrap();
    let mut forged = content.projects[0].clone();
    let kdb = karaganda.info().db_id;
    let dot = indmap_api::core::version::Dot { db: kdb, counter: 99 };
    let key = forged.fields.keys().find(|k| k.field == "cost_kzt").unwrap().clone();
    let stamp = indmap_api::core::version::Stamp { dot, at: "2026-11-25T10:00:00Z".into(), user: "forger".into() };
    forged.fields.insert(key, vec![indmap_api::core::version::Sibling { stamp, value: json!(9_000_000_000u64) }]);
    forged.context.add(dot);
    let file = net.dir.path().join("forged.gpkg");
    let mut claimed = manifest.clone();
    claimed.db_id = kdb;
    claimed.scope = region("35");
    let (project, _) = (almaty.find("75-0001").unwrap(), ());
    // Unsigned, it does not get in at all: Karaganda signs its files.
    indmap_exchange::write(&file, claimed.clone(), &[(project.clone(), forged.clone())], &[], None).unwrap();
    let refused = ministry.import(&file, false).unwrap_err();
    assert!(refused.message.contains("it is not signed"), "{}", refused.message);
    // Signed with Karaganda's own key (its database, not a forger, wrote it): still refused,
    // for Almaty's project is not Karaganda's to change.
    claimed.counter = Some(99);
    indmap_exchange::write(&file, claimed, &[(project, forged)], &[], Some(&secret_of(&karaganda))).unwrap();

    let report = ministry.import(&file, false).unwrap();
    assert_eq!(report.refused.len(), 1, "{:?}", report.refused);
    assert!(report.refused[0].reason.contains("cost_kzt"), "{}", report.refused[0].reason);
    assert_eq!(prop(&ministry, "75-0001", "cost_kzt"), 1_000_000_000, "Almaty's data is unchanged");
}

/// A region told that proposals arrived is told of those about its own projects: the ministry's
/// proposal for Almaty travels in the file but is not Karaganda's to see.
#[test]
fn a_region_counts_only_the_proposals_about_projects_it_keeps() {
    let (mut net, mut karaganda, mut ministry) = setup();
    let mut almaty = net.db("almaty", region("75"), 4);
    almaty.add_projects(&project("Алатау", "75", 76.9, 43.25)).unwrap();
    ministry.import(&net.send(&almaty), false).unwrap();
    assert_eq!(ministry.update_project("35-0001", &patch(json!({"jobs_permanent": 150}))).unwrap().proposed, 1);
    assert_eq!(ministry.update_project("75-0001", &patch(json!({"jobs_permanent": 250}))).unwrap().proposed, 1);
    let report = karaganda.import(&net.send(&ministry), false).unwrap();
    assert_eq!(report.proposals, 1, "only the proposal about Karaganda's project is counted");
    assert_eq!(karaganda.proposals().unwrap().len(), 1);
}

/// Including a project in a regional map is the akimat's act (Art. 8 p.2): a regional project
/// the ministry adds is a candidate there and at the akimat, its inclusion a proposal the akimat
/// decides; one that names the akimat's act of inclusion is recorded as included.
#[test]
fn a_project_the_ministry_adds_to_a_regional_map_is_a_proposal_to_include() {
    let (mut net, mut karaganda, mut ministry) = setup();
    let added = ministry.add_projects(&project("Сарань", "35", 72.85, 49.8)).unwrap();
    assert_eq!(added.proposed, 1, "the status is proposed");
    let code = added.added[0].1.to_string();
    assert_eq!(prop(&ministry, &code, "status"), "candidate", "not on the map at the ministry either");
    let open = ministry.proposals().unwrap();
    assert_eq!((open.len(), open[0].field.as_str(), open[0].ours_to_decide), (1, "status", false));

    // Recorded with the akimat's act: included.
    let mut recorded: Value = serde_json::from_str(&project("Жезқазған", "35", 67.7, 47.8)).unwrap();
    recorded["properties"]["inclusion_act"] = json!("Әкімдіктің 2025 жылғы № 7 қаулысы");
    let recorded_code = ministry.add_projects(&recorded.to_string()).unwrap().added[0].1.to_string();

    let report = karaganda.import(&net.send(&ministry), false).unwrap();
    assert_eq!(report.added.len(), 2);
    assert_eq!(prop(&karaganda, &code, "status"), "candidate");
    assert_eq!(prop(&karaganda, &recorded_code, "status"), "design");
    let mine: Vec<_> = karaganda.proposals().unwrap().into_iter().filter(|p| p.ours_to_decide).collect();
    let fields: Vec<(&str, &Value)> = mine.iter().map(|p| (p.field.as_str(), &p.proposed)).collect();
    assert_eq!(fields, [("status", &json!("design"))]);
    for p in &mine {
        karaganda.accept(p.id).unwrap();
    }
    assert_eq!(prop(&karaganda, &code, "status"), "design", "included by the akimat's decision");
    ministry.import(&net.send(&karaganda), false).unwrap();
    assert_eq!(prop(&ministry, &code, "status"), "design");
}

/// A republican project the ministry moves to a regional map is put on that map as well: a
/// candidate there until the akimat includes it, never an accomplished fact.
#[test]
fn a_republican_project_the_ministry_moves_to_a_regional_map_waits_for_the_akimat() {
    let (mut net, mut karaganda, mut ministry) = setup();
    let mut republican: Value = serde_json::from_str(&project("Балқаш", "35", 74.98, 46.85)).unwrap();
    republican["properties"]["level"] = json!("republican");
    republican["properties"]["status"] = json!("construction");
    republican["properties"]["inclusion_act"] = json!("ҚР Үкіметінің 2024 жылғы № 1 қаулысы");
    republican["properties"]["inclusion_date"] = json!("2024-03-01");
    let code = ministry.add_projects(&republican.to_string()).unwrap().added[0].1.to_string();
    karaganda.import(&net.send(&ministry), false).unwrap();
    assert_eq!(prop(&karaganda, &code, "status"), "construction");

    let moved = ministry.update_project(&code, &patch(json!({"level": "regional"}))).unwrap();
    assert_eq!(moved.proposed, 2, "the status and the date of inclusion are proposed");
    assert_eq!(prop(&ministry, &code, "level"), "regional");
    assert_eq!(prop(&ministry, &code, "status"), "candidate");
    assert_eq!(prop(&ministry, &code, "inclusion_act"), Value::Null, "the Government's act does not include it there");

    let report = karaganda.import(&net.send(&ministry), false).unwrap();
    assert_eq!(report.proposals, 2, "{report:?}");
    assert_eq!(
        (prop(&karaganda, &code, "level"), prop(&karaganda, &code, "status")),
        (json!("regional"), json!("candidate"))
    );
    let mine: Vec<_> = karaganda.proposals().unwrap().into_iter().filter(|p| p.ours_to_decide).collect();
    let mut fields: Vec<(String, Value)> = mine.iter().map(|p| (p.field.clone(), p.proposed.clone())).collect();
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(fields, [("inclusion_date".into(), json!("2024-03-01")), ("status".into(), json!("construction"))]);
    for p in &mine {
        karaganda.accept(p.id).unwrap();
    }
    assert_eq!(prop(&karaganda, &code, "status"), "construction", "included by the akimat's decision");
    ministry.import(&net.send(&karaganda), false).unwrap();
    assert_eq!(prop(&ministry, &code, "status"), "construction");
    assert_eq!(ministry.content_hash().unwrap(), karaganda.content_hash().unwrap());
}
