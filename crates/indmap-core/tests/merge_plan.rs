//! The merge of one project of an exchange file, decided without a database: what a file may
//! change (ownership), what becomes of the rest (proposals, refusals), and what the merge comes
//! to (nothing, a project out of scope, a project that breaks the rules, one to store, a conflict).

use indmap_core::changes::{FieldKey, flatten};
use indmap_core::feature::{parse_features, project_from_feature};
use indmap_core::merge_plan::{Entry, MergePlan, Merged, Outcome, Stored, plan};
use indmap_core::ownership::{TakenOut, Unowned, Verdict, sanitize};
use indmap_core::schema::Entity;
use indmap_core::version::{DELETED, Dot, Sibling, Stamp, VersionedProject};
use indmap_core::*;
use serde_json::{Value, json};
use std::borrow::Cow;
use std::collections::HashMap;
use uuid::Uuid;

const KARAGANDA: u128 = 1;
const ALMATY: u128 = 2;
const MINISTRY: u128 = 3;
/// A second database of Karaganda's (a copied file that took an id of its own).
const KARAGANDA_COPY: u128 = 4;
/// A database no file has named.
const STRANGER: u128 = 9;

fn db(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn region(kato: &str) -> Scope {
    Scope::Region(RegionCode::parse(kato).unwrap())
}

/// The scope each known database keeps.
fn scopes() -> HashMap<Uuid, Scope> {
    HashMap::from([
        (db(KARAGANDA), region("35")),
        (db(ALMATY), region("75")),
        (db(MINISTRY), Scope::Ministry),
        (db(KARAGANDA_COPY), region("35")),
    ])
}

struct Counter(u64);
impl IdSource for Counter {
    fn new_id(&mut self) -> Uuid {
        self.0 += 1;
        ident::uuid_v7(1_700_000_000_000, [0, 0, 0, 0, 0, 0, 0, 0, 0, self.0 as u8])
    }
}

/// Ids for records a file leaves without one: a file's records carry theirs.
struct NoNewIds;
impl IdSource for NoNewIds {
    fn new_id(&mut self) -> Uuid {
        panic!("the records of a file carry their ids")
    }
}

/// A project of `kato` with one financing row, read from a Feature.
fn project(code: &str, kato: &str, lon: f64, lat: f64) -> Project {
    let feature = json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": {
        "code": code, "name_kk": "Зауыт", "name_ru": "Завод", "region": kato, "status": "design",
        "sector": "metallurgy", "cost_kzt": 1_000_000_000,
        "financing": [{"source": "own_funds", "amount_kzt": 400_000_000, "year": 2026, "status": "committed"}]}});
    let features = parse_features(&feature.to_string()).unwrap();
    let (project, problems) = project_from_feature(&features[0], &mut Counter(0));
    assert!(!problems.has_errors(), "{problems:?}");
    project.unwrap()
}

fn temirtau() -> Project {
    project("35-0001", "35", 72.96, 50.06)
}

fn alatau() -> Project {
    project("75-0001", "75", 76.9, 43.25)
}

fn stamp(writer: u128, counter: i64) -> Stamp {
    Stamp { dot: Dot { db: db(writer), counter }, at: "2026-11-25T09:00:00Z".into(), user: "planner".into() }
}

/// A project as its database wrote it, in one write: every field of it, alive.
fn born(p: &Project, writer: u128) -> VersionedProject {
    let mut vp = VersionedProject { project_id: p.id, ..Default::default() };
    let mut values = flatten(p);
    values.insert(key(p, DELETED), Value::Null);
    let stamp = stamp(writer, 1);
    for (key, value) in values {
        vp.fields.insert(key, vec![Sibling { stamp: stamp.clone(), value }]);
    }
    vp.context.add(stamp.dot);
    vp
}

fn key(p: &Project, field: &str) -> FieldKey {
    FieldKey { entity: Entity::Project, record_id: p.id, field: field.into() }
}

/// A later write of `writer`, having seen all of `vp`.
fn write(vp: &mut VersionedProject, key: FieldKey, writer: u128, counter: i64, value: Value) {
    let stamp = stamp(writer, counter);
    vp.context.add(stamp.dot);
    vp.fields.insert(key, vec![Sibling { stamp, value }]);
}

fn stored(p: &Project, vp: &VersionedProject) -> Option<Stored> {
    Some(Stored { project: p.clone(), versions: vp.clone(), records: None })
}

fn to_store(plan: &MergePlan) -> &Merged {
    match &plan.outcome {
        Outcome::Store(merged) => merged,
        other => panic!("expected a project to store, got {other:?}"),
    }
}

fn verdicts(plan: &MergePlan) -> Vec<(&str, &Verdict)> {
    plan.taken_out.iter().map(|t| (t.key.field.as_str(), &t.verdict)).collect()
}

#[test]
fn a_project_as_it_is_here_plans_nothing() {
    let p = temirtau();
    let vp = born(&p, KARAGANDA);
    let plan = plan(Scope::Ministry, stored(&p, &vp), &vp, &scopes(), &mut NoNewIds);
    assert!(plan.taken_out.is_empty());
    assert_eq!(plan.outcome, Outcome::Unchanged);
}

#[test]
fn a_new_project_in_scope_is_added_and_logged_whole() {
    let p = temirtau();
    let vp = born(&p, KARAGANDA);
    let plan = plan(Scope::Ministry, None, &vp, &scopes(), &mut NoNewIds);
    assert!(plan.taken_out.is_empty());
    let merged = to_store(&plan);
    assert_eq!(merged.entry, Some(Entry::Added));
    assert_eq!(merged.project, p);
    assert!(merged.stored.is_none());
    let written = vp.fields.values().filter(|s| !s[0].value.is_null()).count();
    assert_eq!(merged.logged.len(), written, "every value that arrived is history");
    assert!(!merged.makes_conflicts());
}

#[test]
fn a_project_of_another_region_is_kept_as_the_consolidated_map_shows_it() {
    let p = alatau();
    let plan = plan(region("35"), None, &born(&p, ALMATY), &scopes(), &mut NoNewIds);
    assert!(plan.taken_out.is_empty(), "Almaty may register its own projects: {:?}", plan.taken_out);
    let Outcome::Store(merged) = plan.outcome else { panic!("not stored: {:?}", plan.outcome) };
    assert!(merged.other_map, "Almaty's project is read-only in Karaganda");
    assert_eq!(merged.project.name_kk, p.name_kk, "kept whole");
    // Karaganda's own project, and any project at the ministry, is on the map kept there.
    let own = plan_of(region("35"), &born(&temirtau(), KARAGANDA));
    let national = plan_of(Scope::Ministry, &born(&p, ALMATY));
    for (plan, whose) in [(own, "Karaganda's own"), (national, "the ministry's")] {
        let Outcome::Store(merged) = plan.outcome else { panic!("{whose} not stored") };
        assert!(!merged.other_map, "{whose}");
    }
}

fn plan_of(scope: Scope, remote: &VersionedProject) -> MergePlan {
    plan(scope, None, remote, &scopes(), &mut NoNewIds)
}

#[test]
fn a_new_project_registered_by_another_region_is_refused_whole() {
    // Almaty's file, carrying a project located in Karaganda: every write of it is refused.
    let p = temirtau();
    let vp = born(&p, ALMATY);
    let plan = plan(Scope::Ministry, None, &vp, &scopes(), &mut NoNewIds);
    assert_eq!(plan.taken_out.len(), vp.fields.len());
    let not_kept = Verdict::Refuse(Unowned::NotKept { writer: region("75"), region: RegionCode::parse("35").unwrap() });
    assert!(plan.taken_out.iter().all(|t| t.verdict == not_kept), "{:?}", plan.taken_out);
    assert_eq!(plan.outcome, Outcome::Unchanged, "nothing is left to merge");
    assert_eq!(plan.stored_code, None);
}

#[test]
fn a_regions_direct_write_to_another_regions_project_is_refused() {
    let p = temirtau();
    let here = born(&p, KARAGANDA);
    let mut forged = here.clone();
    write(&mut forged, key(&p, "cost_kzt"), ALMATY, 99, json!(9_000_000_000u64));
    let plan = plan(Scope::Ministry, stored(&p, &here), &forged, &scopes(), &mut NoNewIds);
    let not_kept = Verdict::Refuse(Unowned::NotKept { writer: region("75"), region: RegionCode::parse("35").unwrap() });
    assert_eq!(verdicts(&plan), vec![("cost_kzt", &not_kept)]);
    assert_eq!(plan.stored_code.as_ref().map(|c| c.as_str()), Some("35-0001"));
    let Verdict::Refuse(why) = &plan.taken_out[0].verdict else { unreachable!() };
    assert!(why.to_string().contains("does not keep Karaganda"), "{why}");
    // What stays is the project as it is here, having seen the file's write.
    let merged = to_store(&plan);
    assert!(merged.changed.is_empty() && merged.entry.is_none());
    assert_eq!(merged.project.cost, p.cost, "Karaganda's data is unchanged");
}

#[test]
fn a_write_by_a_database_never_heard_of_is_refused() {
    let p = temirtau();
    let here = born(&p, KARAGANDA);
    let mut forged = here.clone();
    write(&mut forged, key(&p, "status"), STRANGER, 5, json!("construction"));
    let plan = plan(Scope::Ministry, stored(&p, &here), &forged, &scopes(), &mut NoNewIds);
    assert_eq!(verdicts(&plan), vec![("status", &Verdict::Refuse(Unowned::UnknownWriter))]);
    assert!(to_store(&plan).changed.is_empty());
}

#[test]
fn a_ministry_write_to_a_regional_projects_field_becomes_a_proposal() {
    let p = temirtau();
    let here = born(&p, KARAGANDA);
    let mut theirs = here.clone();
    write(&mut theirs, key(&p, "cost_kzt"), MINISTRY, 2, json!(2_000_000_000u64));
    let plan = plan(region("35"), stored(&p, &here), &theirs, &scopes(), &mut NoNewIds);
    assert_eq!(verdicts(&plan), vec![("cost_kzt", &Verdict::Propose)]);
    let proposal = plan.taken_out[0].proposal(p.id, db(77));
    assert_eq!((proposal.id, proposal.project_id, proposal.proposer_db), (db(77), p.id, db(MINISTRY)));
    assert_eq!(proposal.value, json!(2_000_000_000u64));
    assert_eq!(proposal.status, proposal::ProposalStatus::Open);
    let merged = to_store(&plan);
    assert!(merged.changed.is_empty(), "a proposal changes nothing yet");
    assert_eq!(merged.project.cost, p.cost);
}

#[test]
fn a_region_asks_for_the_republican_map_and_keeps_its_own_writes() {
    let p = temirtau();
    let here = born(&p, KARAGANDA);
    let mut theirs = here.clone();
    write(&mut theirs, key(&p, "level"), KARAGANDA_COPY, 2, json!("republican"));
    write(&mut theirs, key(&p, "jobs_permanent"), KARAGANDA_COPY, 2, json!(400));
    let plan = plan(Scope::Ministry, stored(&p, &here), &theirs, &scopes(), &mut NoNewIds);
    assert_eq!(verdicts(&plan), vec![("level", &Verdict::Propose)], "the level is the ministry's to decide");
    let merged = to_store(&plan);
    assert_eq!(merged.entry, Some(Entry::Changed));
    let changed: Vec<&str> = merged.changed.iter().map(|c| c.key.field.as_str()).collect();
    assert_eq!(changed, ["jobs_permanent"]);
    assert_eq!((merged.project.level, merged.project.jobs_permanent), (MapLevel::Regional, Some(400)));
}

#[test]
fn on_the_republican_map_the_region_proposes_and_the_ministry_writes() {
    let p = Project { level: MapLevel::Republican, ..temirtau() };
    let here = born(&p, MINISTRY);
    let mut theirs = here.clone();
    write(&mut theirs, key(&p, "jobs_permanent"), KARAGANDA, 2, json!(400));
    let plan = plan(Scope::Ministry, stored(&p, &here), &theirs, &scopes(), &mut NoNewIds);
    assert_eq!(verdicts(&plan), vec![("jobs_permanent", &Verdict::Propose)]);

    let mut ministry = here.clone();
    write(&mut ministry, key(&p, "jobs_permanent"), MINISTRY, 2, json!(500));
    let plan = plan_in_karaganda(&p, &here, &ministry);
    assert!(plan.taken_out.is_empty());
    assert_eq!(to_store(&plan).project.jobs_permanent, Some(500));
}

#[test]
fn the_ministrys_move_to_a_regional_map_is_taken_whole_and_later_writes_are_the_akimats() {
    let p = Project { level: MapLevel::Republican, ..temirtau() };
    let here = born(&p, MINISTRY);
    // One write of the ministry: the project leaves the republican map, a candidate.
    let mut moved = here.clone();
    let stamp = stamp(MINISTRY, 2);
    for (field, value) in [("level", json!("regional")), ("status", json!("candidate"))] {
        moved.fields.insert(key(&p, field), vec![Sibling { stamp: stamp.clone(), value }]);
    }
    moved.context.add(stamp.dot);
    let first = plan_in_karaganda(&p, &here, &moved);
    assert!(first.taken_out.is_empty(), "{:?}", first.taken_out);
    let merged = to_store(&first);
    assert_eq!((merged.project.level, merged.project.status), (MapLevel::Regional, reference::Status::Candidate));

    // Once it is regional, the ministry's next write of its status is a proposal to the akimat.
    let regional = merged.project.clone();
    let mut later = moved.clone();
    write(&mut later, key(&p, "status"), MINISTRY, 3, json!("construction"));
    let next = plan_in_karaganda(&regional, &moved, &later);
    assert_eq!(verdicts(&next), vec![("status", &Verdict::Propose)]);
}

fn plan_in_karaganda(p: &Project, here: &VersionedProject, theirs: &VersionedProject) -> MergePlan {
    plan(region("35"), stored(p, here), theirs, &scopes(), &mut NoNewIds)
}

#[test]
fn a_merged_project_that_breaks_a_rule_is_refused_naming_the_rule() {
    let p = temirtau();
    let here = born(&p, KARAGANDA);
    let mut theirs = here.clone();
    write(&mut theirs, key(&p, "status"), KARAGANDA_COPY, 2, json!("dreaming"));
    let plan = plan(Scope::Ministry, stored(&p, &here), &theirs, &scopes(), &mut NoNewIds);
    assert!(plan.taken_out.is_empty());
    let Outcome::Refused(broken) = &plan.outcome else { panic!("{:?}", plan.outcome) };
    assert_eq!(broken.code.as_deref(), Some("35-0001"));
    assert_eq!(broken.errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["status"]);
    assert_eq!(broken.errors[0].rule, indmap_core::Rule::CodeUnknown, "the rule is named");
    let reason = broken.to_string();
    assert!(reason.starts_with("the merged project would break rules: status: "), "{reason}");
}

#[test]
fn concurrent_writes_of_a_field_make_a_conflict_with_both_values_kept() {
    let p = temirtau();
    let base = born(&p, KARAGANDA);
    let (mut here, mut theirs) = (base.clone(), base);
    write(&mut here, key(&p, "cost_kzt"), KARAGANDA, 2, json!(1_500_000_000u64));
    write(&mut theirs, key(&p, "cost_kzt"), KARAGANDA_COPY, 1, json!(1_200_000_000u64));
    let plan = plan_in_karaganda(&p, &here, &theirs);
    assert!(plan.taken_out.is_empty());
    let merged = to_store(&plan);
    assert_eq!(merged.new_conflicts, vec![key(&p, "cost_kzt")]);
    assert!(merged.makes_conflicts());
    assert_eq!(merged.versions.fields[&key(&p, "cost_kzt")].len(), 2, "both values are kept");
    // The value that arrived beside the one in force is history too.
    let arrived = merged.logged.iter().find(|f| f.key.field == "cost_kzt").unwrap();
    assert_eq!((arrived.old.clone(), arrived.new.clone()), (json!(1_500_000_000u64), json!(1_200_000_000u64)));
    assert!(merged.changed.is_empty() && merged.entry.is_none(), "the value in force is the newest write's");
}

#[test]
fn a_deletion_that_arrives_deletes_the_project() {
    let p = temirtau();
    let here = born(&p, KARAGANDA);
    let mut theirs = here.clone();
    let deletion = json!({"reason": "duplicate", "context": here.context});
    write(&mut theirs, key(&p, DELETED), KARAGANDA_COPY, 1, deletion);
    let plan = plan(Scope::Ministry, stored(&p, &here), &theirs, &scopes(), &mut NoNewIds);
    let merged = to_store(&plan);
    assert_eq!(merged.entry, Some(Entry::Deleted));
    assert!(!merged.makes_conflicts(), "nothing was edited against it");
}

#[test]
fn a_project_merged_from_some_of_its_records_keeps_the_others_as_stored() {
    let p = temirtau();
    let all = born(&p, KARAGANDA);
    // The file carries the project's own record only; the financing row is not loaded.
    let own = |vp: &VersionedProject| {
        let mut vp = vp.clone();
        vp.fields.retain(|k, _| k.entity == Entity::Project);
        vp
    };
    let mut theirs = own(&all);
    write(&mut theirs, key(&p, "jobs_permanent"), KARAGANDA_COPY, 1, json!(250));
    let records = theirs.records_a_merge_needs();
    let stored = Some(Stored { project: p.clone(), versions: own(&all), records });
    let plan = plan(Scope::Ministry, stored, &theirs, &scopes(), &mut NoNewIds);
    let merged = to_store(&plan);
    assert_eq!(merged.project.financing, p.financing, "the row the file left out stays");
    assert_eq!(merged.project.jobs_permanent, Some(250));
}

#[test]
fn a_file_that_takes_nothing_out_is_merged_as_it_came() {
    let p = temirtau();
    let here = born(&p, KARAGANDA);
    let mut theirs = here.clone();
    write(&mut theirs, key(&p, "cost_kzt"), KARAGANDA_COPY, 1, json!(2_000_000_000u64));
    let (clean, taken_out): (Cow<VersionedProject>, Vec<TakenOut>) = sanitize(Some(&p), &here, &theirs, &scopes());
    assert!(taken_out.is_empty());
    assert!(matches!(clean, Cow::Borrowed(_)), "nothing was copied");
}

#[test]
fn a_write_taken_out_leaves_the_value_here_in_the_version_merged() {
    let p = temirtau();
    let here = born(&p, KARAGANDA);
    let mut forged = here.clone();
    write(&mut forged, key(&p, "cost_kzt"), ALMATY, 99, json!(9_000_000_000u64));
    let (clean, taken_out) = sanitize(Some(&p), &here, &forged, &scopes());
    assert_eq!(taken_out.len(), 1);
    assert_eq!(clean.fields[&key(&p, "cost_kzt")], here.fields[&key(&p, "cost_kzt")]);
    assert_eq!(clean.context, forged.context, "the file's context stays as it came");
}
