//! Several databases add projects to one map, edit it and trade files in random orders: the
//! region's planners, and the ministry, whose edits of the region's projects are proposals the
//! planners accept or reject. Planners issue codes each from their own sequence, so two of them
//! often give one code to two projects. After everyone has seen everyone's files (whole maps, or
//! files of changes) and conflicts are settled the same way (a project whose code another holds
//! takes a new one), all hold the same map, with every project anyone added and no code twice, and
//! the same proposals with the same decisions; and before settling, no value written anywhere has
//! gone missing: it is in force, kept in a conflict, or was replaced by a write made having seen it.

use chrono::{TimeZone, Utc};
use indmap_api::core::period_act::Step;
use indmap_api::core::{RegionCode, Scope};
use indmap_api::{ConflictKind, Env, Indmap, Take};
use proptest::prelude::*;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use uuid::Uuid;

#[derive(Debug, Clone)]
enum Op {
    Edit {
        db: usize,
        project: usize,
        field: usize,
        value: u32,
    },
    Delete {
        db: usize,
        project: usize,
    },
    /// A database registers a project, with the next code of its own sequence.
    Add {
        db: usize,
    },
    Send {
        from: usize,
        to: usize,
    },
    /// A planner decides the first proposal open to them.
    Decide {
        db: usize,
        accept: bool,
    },
    /// A database approves an edition of its map.
    Approve {
        db: usize,
    },
    /// A database takes a step of a quarter's reporting cycle (most are refused as out of turn
    /// or not theirs; the ministry's acceptances also come by themselves on import).
    Step {
        db: usize,
        period: usize,
        step: usize,
    },
}

const PERIODS: [&str; 2] = ["2026-Q2", "2026-Q3"];

const FIELDS: [&str; 3] = ["cost_kzt", "jobs_permanent", "status"];
const STATUSES: [&str; 4] = ["design", "construction", "commissioned", "delayed"];

fn value_of(field: usize, v: u32) -> Value {
    match FIELDS[field] {
        "status" => json!(STATUSES[v as usize % STATUSES.len()]),
        "cost_kzt" => json!(1_000_000 + u64::from(v) * 1000),
        _ => json!(v),
    }
}

fn op(dbs: usize, projects: usize) -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0..dbs, 0..projects, 0..FIELDS.len(), 0u32..50).prop_map(|(db, project, field, value)| Op::Edit { db, project, field, value }),
        1 => (0..dbs, 0..projects).prop_map(|(db, project)| Op::Delete { db, project }),
        2 => (0..dbs).prop_map(|db| Op::Add { db }),
        4 => (0..dbs, 0..dbs).prop_map(|(from, to)| Op::Send { from, to }),
        1 => (0..dbs, any::<bool>()).prop_map(|(db, accept)| Op::Decide { db, accept }),
        1 => (0..dbs).prop_map(|db| Op::Approve { db }),
        3 => (0..dbs, 0..PERIODS.len(), 0..Step::ALL.len()).prop_map(|(db, period, step)| Op::Step { db, period, step }),
    ]
}

/// A write in the model: where and what.
struct Write {
    id: usize,
    project: usize,
    field: &'static str,
    value: Value,
}

struct World {
    dir: tempfile::TempDir,
    dbs: Vec<Indmap>,
    /// Per database: ids of the writes it has seen.
    seen: Vec<BTreeSet<usize>>,
    writes: Vec<Write>,
    /// For each write: the writes its database had seen when it was made.
    knew: Vec<BTreeSet<usize>>,
    /// Every project anyone added, in the order they were added.
    projects: Vec<Uuid>,
    /// Every edition anyone approved.
    editions: BTreeSet<String>,
    /// Every act of a reporting period anyone made by hand.
    acts: BTreeSet<Uuid>,
    files: usize,
}

impl World {
    /// `n` planners of Karaganda (databases 0 to n - 1) and the ministry (database n).
    fn new(n: usize, projects: usize) -> World {
        let dir = tempfile::tempdir().unwrap();
        let scope = Scope::Region(RegionCode::parse("35").unwrap());
        let env = |i: u64| {
            let mut env = Env::fixed(&format!("planner-{i}"), Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap());
            env.ids = Box::new(indmap_api::CountingIds { unix_millis: 1_764_000_000_000 + i * 1_000_000, next: 0 });
            env
        };
        let mut dbs: Vec<Indmap> = (0..=n)
            .map(|i| {
                let scope = if i == n { Scope::Ministry } else { scope };
                Indmap::init(&dir.path().join(format!("db{i}.sqlite")), scope, env(i as u64)).unwrap()
            })
            .collect();
        let ids = (0..projects).map(|p| dbs[0].add_projects(&new_project(p)).unwrap().added[0].0).collect();
        let mut files = 0;
        let first = export(&dir, &mut files, &dbs[0]);
        for db in dbs.iter_mut().skip(1) {
            db.import(&first, false).unwrap();
        }
        // Every planner has confirmed the ministry's key by phone.
        let ministry = export(&dir, &mut files, &dbs[n]);
        for db in dbs.iter_mut().take(n) {
            let fingerprint = db.import(&ministry, true).unwrap().signature.fingerprint.unwrap();
            db.trust_sender(&ministry, &fingerprint).unwrap();
        }
        World {
            dir,
            dbs,
            seen: vec![BTreeSet::new(); n + 1],
            writes: Vec::new(),
            knew: Vec::new(),
            projects: ids,
            editions: BTreeSet::new(),
            acts: BTreeSet::new(),
            files,
        }
    }

    /// The project an op names: ops are drawn before the projects they touch exist.
    fn project(&self, project: usize) -> (usize, String) {
        let p = project % self.projects.len();
        (p, self.projects[p].to_string())
    }

    fn apply(&mut self, op: &Op) {
        match *op {
            Op::Edit { db, project, field, value } => {
                let (project, id) = self.project(project);
                let value = value_of(field, value);
                let patch = json!({"type": "Feature", "geometry": null, "properties": {FIELDS[field]: value}});
                // (An edit of a field this database does not own is a proposal, not a write.)
                if let Ok(report) = self.dbs[db].update_project(&id, &patch.to_string())
                    && report.changed_fields > report.proposed
                {
                    let id = self.writes.len();
                    self.knew.push(self.seen[db].clone());
                    self.writes.push(Write { id, project, field: FIELDS[field], value });
                    self.seen[db].insert(id);
                }
            }
            Op::Add { db } => {
                let added = self.dbs[db].add_projects(&new_project(self.projects.len())).unwrap();
                self.projects.push(added.added[0].0);
            }
            Op::Delete { db, project } => {
                let (project, id) = self.project(project);
                if self.dbs[db].delete_project(&id, Some("test")).is_ok() {
                    let id = self.writes.len();
                    self.knew.push(self.seen[db].clone());
                    self.writes.push(Write { id, project, field: "deleted", value: Value::Null });
                    self.seen[db].insert(id);
                }
            }
            Op::Decide { db, accept } => {
                let open =
                    self.dbs[db].proposals().unwrap().into_iter().find(|p| p.status == "open" && p.ours_to_decide);
                let Some(p) = open else { return };
                let decided = if accept { self.dbs[db].accept(p.id) } else { self.dbs[db].reject(p.id, Some("test")) };
                decided.unwrap();
                let project = self.projects.iter().position(|id| *id == p.project_id).unwrap();
                let field = FIELDS.iter().find(|f| **f == p.field);
                if let (true, Some(&field)) = (accept && p.current != p.proposed, field) {
                    // An accepted proposal is a write of the planner's.
                    let id = self.writes.len();
                    self.knew.push(self.seen[db].clone());
                    self.writes.push(Write { id, project, field, value: p.proposed.clone() });
                    self.seen[db].insert(id);
                }
            }
            Op::Approve { db } => {
                let act = format!("№ {}", self.editions.len() + 1);
                let approval =
                    indmap_api::Approval {
                        act, date: "2026-12-15".into(), body: "Әкімдік".into(), signatory: None
                    };
                // (A map with no project on it yet has nothing to approve.)
                if let Ok(edition) = self.dbs[db].approve_edition(&approval) {
                    self.editions.insert(edition.id);
                }
            }
            Op::Step { db, period, step } => {
                let region = (self.dbs[db].info().scope == Scope::Ministry).then(|| RegionCode::parse("35").unwrap());
                let step = Step::ALL[step];
                let reason = (step == Step::Unapprove).then_some("қате");
                let ids =
                    |stage: indmap_api::PeriodStage| stage.acts.into_iter().map(|a| a.id).collect::<BTreeSet<_>>();
                let before = ids(self.dbs[db].period_stage(RegionCode::parse("35"), PERIODS[period]).unwrap());
                if let Ok(after) = self.dbs[db].period_step(region, PERIODS[period], step, reason) {
                    let made: Vec<Uuid> = ids(after).difference(&before).copied().collect();
                    assert_eq!(made.len(), 1, "one act made");
                    self.acts.extend(made);
                }
            }
            Op::Send { from, to } if from != to => {
                // Half the sends are files of changes (what the receiver's kind has not seen),
                // once the sender has heard from them; the rest whole maps.
                let file = if (from + to) % 2 == 0 {
                    export_changes(&self.dir, &mut self.files, &self.dbs[from], self.dbs[to].info().scope)
                } else {
                    export(&self.dir, &mut self.files, &self.dbs[from])
                };
                let report = self.dbs[to].import(&file, false).unwrap();
                assert_eq!(report.after, counted_totals(&self.dbs[to]), "the report's totals are the database's");
                let known = self.seen[from].clone();
                self.seen[to].extend(known);
            }
            Op::Send { .. } => {}
        }
    }

    /// Twice round: each database takes in the files (of changes) of all the others in one batch (each
    /// file twice: the second time it is known and skipped, and the batch is long enough for
    /// the thread reading ahead to load projects that earlier files of the batch changed).
    fn sync_all(&mut self) {
        for _ in 0..2 {
            for to in 0..self.dbs.len() {
                let from: Vec<usize> = (0..self.dbs.len()).filter(|f| *f != to).collect();
                // Files of changes for the receiver's kind of database (whole maps until the
                // sender has heard from one): what a week's e-mail carries.
                let scope = self.dbs[to].info().scope;
                let files: Vec<_> =
                    from.iter().map(|&f| export_changes(&self.dir, &mut self.files, &self.dbs[f], scope)).collect();
                let batch: Vec<_> = files.iter().flat_map(|f| [f.clone(), f.clone()]).collect();
                let reports: Vec<_> = self.dbs[to].import_all(&batch, false).into_iter().map(Result::unwrap).collect();
                let last = reports.last().unwrap();
                assert_eq!(last.after, counted_totals(&self.dbs[to]), "the batch's totals are the database's");
                for f in from {
                    let known = self.seen[f].clone();
                    self.seen[to].extend(known);
                }
            }
        }
    }
}

fn new_project(p: usize) -> String {
    json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [73.0 + p as f64 * 0.01, 49.8]},
        "properties": {"name_kk": format!("Жоба {p}"), "name_ru": format!("Проект {p}"), "region": "35", "sector": "metallurgy",
            // Half of them on the map, so that it has something to approve.
            "status": if p.is_multiple_of(2) { "construction" } else { "candidate" },
            "financing": [{"source": "own_funds", "amount_kzt": 400_000_000, "year": 2025, "status": "disbursed"}]}})
    .to_string()
}

fn export(dir: &tempfile::TempDir, files: &mut usize, db: &Indmap) -> std::path::PathBuf {
    *files += 1;
    let path = dir.path().join(format!("f{files}.gpkg"));
    db.export(&path, None).unwrap();
    path
}

/// A file of changes for the databases of `scope`, or the whole map when this database has not
/// heard from any of them yet.
fn export_changes(dir: &tempfile::TempDir, files: &mut usize, db: &Indmap, scope: Scope) -> std::path::PathBuf {
    *files += 1;
    let path = dir.path().join(format!("f{files}.gpkg"));
    if db.export_for(&path, None, Some(scope)).is_err() {
        db.export(&path, None).unwrap();
    }
    path
}

fn check_nothing_lost(world: &World) {
    let db = &world.dbs[0];
    let conflicts = db.conflicts().unwrap();
    for w in world.writes.iter().filter(|w| w.field != "deleted") {
        let id = world.projects[w.project];
        let superseded = world.writes.iter().any(|later| {
            later.project == w.project
                && (later.field == w.field || later.field == "deleted")
                && world.knew[later.id].contains(&w.id)
        });
        if superseded {
            continue;
        }
        let in_conflict = conflicts.iter().any(|c| {
            c.project_id == id
                && ((c.field == w.field && (c.mine == w.value || c.theirs.iter().any(|(v, _)| *v == w.value)))
                    || (c.field == "deleted" && c.theirs.iter().any(|(v, _)| v[w.field] == w.value)))
        });
        let in_force = db
            .find(&id.to_string())
            .is_ok_and(|p| indmap_api::core::feature::project_properties(&p)[w.field] == w.value);
        assert!(in_force || in_conflict, "write {} ({id}.{} = {}) was lost", w.id, w.field, w.value);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn everyone_converges_and_nothing_is_lost(n in 3usize..=5, ops in prop::collection::vec(op(6, 3), 5..30)) {
        let mut world = World::new(n, 3);
        // Databases 0..n are planners, n the ministry (it deletes nothing and decides nothing).
        for op in &ops {
            let op = match *op {
                Op::Edit { db, project, field, value } => Op::Edit { db: db % (n + 1), project, field, value },
                Op::Delete { db, project } => Op::Delete { db: db % n, project },
                Op::Add { db } => Op::Add { db: db % (n + 1) },
                Op::Send { from, to } => Op::Send { from: from % (n + 1), to: to % (n + 1) },
                Op::Decide { db, accept } => Op::Decide { db: db % n, accept },
                Op::Approve { db } => Op::Approve { db: db % (n + 1) },
                Op::Step { db, period, step } => Op::Step { db: db % (n + 1), period, step },
            };
            world.apply(&op);
        }
        world.sync_all();
        check_nothing_lost(&world);
        // Everyone settles every conflict the same way: the value in force stays, and a project
        // whose code another holds takes the next free code.
        loop {
            let conflicts = world.dbs[0].conflicts().unwrap();
            let Some(c) = conflicts.first() else { break };
            let take = if c.kind == ConflictKind::Code { Take::Theirs } else { Take::Mine };
            world.dbs[0].resolve(&c.id, take).unwrap();
        }
        world.sync_all();
        let hashes: Vec<String> = world.dbs.iter().map(|d| d.content_hash().unwrap()).collect();
        prop_assert!(hashes.windows(2).all(|w| w[0] == w[1]), "databases differ: {:?}", hashes);
        // And down to every field's dot and what each has seen of each project.
        let mut files = world.files;
        let versions: Vec<_> = world
            .dbs
            .iter()
            .map(|d| indmap_exchange::ExchangeFile::read(&export(&world.dir, &mut files, d)).unwrap().content.projects)
            .collect();
        prop_assert!(versions.windows(2).all(|w| w[0] == w[1]), "the databases' versions differ");
        for db in &world.dbs {
            prop_assert!(db.conflicts().unwrap().is_empty());
            // Every project anyone added is here, alive or as a tombstone, and no code is twice.
            for id in &world.projects {
                prop_assert!(!db.history(&id.to_string()).unwrap().is_empty(), "project {} is missing", id);
            }
            let codes: Vec<String> = db.list(&Default::default()).unwrap().iter().map(|p| p.code.clone().unwrap().to_string()).collect();
            prop_assert_eq!(codes.iter().collect::<BTreeSet<_>>().len(), codes.len(), "a code is held twice: {:?}", codes);
        }
        // The same proposals everywhere, each with the same decision.
        let proposals: Vec<Vec<(String, String)>> = world
            .dbs
            .iter()
            .map(|d| d.proposals().unwrap().into_iter().map(|p| (p.id.to_string(), p.status)).collect())
            .collect();
        prop_assert!(proposals.windows(2).all(|w| w[0] == w[1]), "the proposals differ: {:?}", proposals);
        // Every edition anyone approved is everywhere, numbered alike.
        for db in &world.dbs {
            let held: Vec<_> = db.editions().unwrap().into_iter().map(|e| (e.id, e.map, e.number)).collect();
            let ids: BTreeSet<String> = held.iter().map(|(id, _, _)| id.clone()).collect();
            prop_assert_eq!(&ids, &world.editions, "an approved edition is missing");
            prop_assert_eq!(held, world.dbs[0].editions().unwrap().into_iter().map(|e| (e.id, e.map, e.number)).collect::<Vec<_>>());
        }
        // Every act of a period anyone made is everywhere, and every database reads the same
        // stage and history from them.
        let karaganda = RegionCode::parse("35");
        for period in PERIODS {
            // (What each may do next differs by scope; where the period stands may not.)
            let stages: Vec<_> = world
                .dbs
                .iter()
                .map(|d| d.period_stage(karaganda, period).unwrap())
                .map(|s| (s.kato, s.period, s.stage, s.acts))
                .collect();
            prop_assert!(stages.windows(2).all(|w| w[0] == w[1]), "the {} cycle differs: {:?}", period, stages);
        }
        let held: BTreeSet<Uuid> = PERIODS
            .iter()
            .flat_map(|p| world.dbs[0].period_stage(karaganda, p).unwrap().acts.into_iter().map(|a| a.id))
            .collect();
        prop_assert!(world.acts.is_subset(&held), "an act of a period is missing");
    }
}

/// The totals of a database's live projects, counted one by one.
fn counted_totals(db: &Indmap) -> indmap_api::Totals {
    let live = db.list(&indmap_api::core::ProjectFilter::default()).unwrap();
    let cost = live.iter().filter_map(|p| p.cost).sum();
    let jobs = live.iter().filter_map(|p| p.jobs_permanent).map(u64::from).sum();
    indmap_api::Totals { projects: live.len(), cost_kzt: cost, jobs_permanent: jobs }
}
