//! Approved editions of a map (Law of 2012, Art. 4 p.6 and Art. 8 p.2): the act that approved
//! the map and the plan of every project on it as approved. An edition is made once, by the
//! database that owns the map, and never changes: editions merge as a set.

use crate::changes::{FieldChange, project_changes};
use crate::problem::{Problems, Rule};
use crate::reference::{Label, Status};
use crate::schema::MAX_TEXT_CHARS;
use crate::schema::{Entity, Kind};
use crate::version::Dot;
use crate::{Project, Scope};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use uuid::Uuid;

/// The act that approves a map: a Government decree for the republican map, an akimat's
/// resolution for a regional one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Act {
    /// As the act is numbered: `№ 123`.
    pub number: String,
    pub date: NaiveDate,
    /// Who approved: `Правительство Республики Казахстан`, `Акимат Карагандинской области`.
    pub body: String,
    pub signatory: Option<String>,
}

/// What an edition says of itself, without its projects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionHead {
    pub id: Uuid,
    /// The map approved: the republican map (`Ministry`) or a region's map.
    pub map: Scope,
    pub act: Act,
    /// The write of the database that recorded the approval (the map's owner).
    pub approved: Dot,
    /// When, by the approver's clock, and who recorded it (for people; never compared).
    pub at: String,
    pub user: String,
    pub totals: PlanTotals,
}

/// An edition with the plans of its projects.
#[derive(Debug, Clone, PartialEq)]
pub struct Edition {
    pub head: EditionHead,
    /// Each project as approved ([`plan`]), in the order given.
    pub projects: Vec<Project>,
}

/// An edition as it is kept and carried: its head and, for each project in order, the
/// fingerprint of its plan (the plans themselves are kept once each, by fingerprint).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionRecord {
    pub head: EditionHead,
    pub plans: Vec<(Uuid, String)>,
}

/// The sums an edition approves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanTotals {
    pub projects: usize,
    /// In tiyn; sums of a national map do not fit 64 bits.
    pub cost: i128,
    pub financing: i128,
    pub jobs_permanent: u64,
    pub jobs_construction: u64,
}

impl PlanTotals {
    pub fn of<'a>(projects: impl IntoIterator<Item = &'a Project>) -> PlanTotals {
        let mut t = PlanTotals::default();
        for p in projects {
            t.projects += 1;
            t.cost += i128::from(p.cost.map_or(0, |c| c.minor()));
            t.financing += p.financing.iter().map(|f| i128::from(f.amount.minor())).sum::<i128>();
            t.jobs_permanent += u64::from(p.jobs_permanent.unwrap_or(0));
            t.jobs_construction += u64::from(p.jobs_construction.unwrap_or(0));
        }
        t
    }
}

/// Whether a project in this status is on a map: from inclusion to design capacity, delayed or
/// suspended ones too. Candidates, applications, excluded and rejected projects are not.
pub fn is_on_map(status: Status) -> bool {
    matches!(
        status,
        Status::Included
            | Status::Design
            | Status::Construction
            | Status::Commissioned
            | Status::AtDesignCapacity
            | Status::Delayed
            | Status::Suspended
    )
}

/// Whether `p` is on `map`: the republican map holds the republican projects of every region,
/// a region's map its regional ones.
pub fn on_map(map: Scope, p: &Project) -> bool {
    is_on_map(p.status) && Scope::owner(p.level, p.region, "") == map
}

/// The filter that chooses the projects on `map` (`on_map`), for a store to read only those.
pub fn map_filter(map: Scope) -> crate::ProjectFilter {
    let (level, regions) = match map {
        Scope::Ministry => (crate::MapLevel::Republican, Vec::new()),
        Scope::Region(r) => (crate::MapLevel::Regional, vec![r]),
    };
    let statuses = Status::ALL.iter().copied().filter(|s| is_on_map(*s)).collect();
    crate::ProjectFilter { level: Some(level), regions, statuses, ..Default::default() }
}

/// A project's plan, as an edition keeps it: everything but its progress reports, which are
/// what happened, not what was approved.
pub fn plan(p: &Project) -> Project {
    Project { monitoring: Vec::new(), ..p.clone() }
}

/// A plan as editions keep and carry it: the project's Feature as compact JSON. The same plan
/// always gives the same text, so a map approved again stores each unchanged plan once.
pub fn plan_text(plan: &Project) -> String {
    serde_json::to_string(&crate::feature::project_to_feature(plan)).unwrap_or_default()
}

/// What an edition names a plan by: the hex SHA-256 of its text.
pub fn fingerprint(text: &str) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(text.as_bytes()))
}

/// A plan read back from its text; a text that is not a whole project (as a file could carry)
/// is refused, saying why.
pub fn read_plan(text: &str) -> Result<Project, String> {
    struct NoNewIds(bool);
    impl crate::IdSource for NoNewIds {
        fn new_id(&mut self) -> Uuid {
            self.0 = true;
            Uuid::nil()
        }
    }
    let feature: geojson::Feature = serde_json::from_str(text).map_err(|e| format!("a plan cannot be read: {e}"))?;
    let mut ids = NoNewIds(false);
    let (project, problems) = crate::feature::project_from_feature(&feature, &mut ids);
    if let Some(problem) = problems.errors().next() {
        return Err(format!("a plan's {} {}", problem.field, problem.message));
    }
    match project {
        Some(p) if !ids.0 => Ok(p),
        _ => Err("a plan lacks the ids of its project or rows".into()),
    }
}

/// The problems of an approving act, all in one pass.
pub fn check_act(act: &Act) -> Problems {
    let mut problems = Problems::new();
    for (field, text) in [("act", Some(&act.number)), ("body", Some(&act.body)), ("signatory", act.signatory.as_ref())]
    {
        let Some(text) = text else { continue };
        if field != "signatory" && text.trim().is_empty() {
            let what =
                if field == "act" { "the number of the approving act (№ 123)" } else { "who approved the map" };
            problems.error(field, Rule::Required, format!("is required: {what}"));
        }
        let length = text.chars().count();
        if length > MAX_TEXT_CHARS {
            problems.error(
                field,
                Rule::TextTooLong,
                format!("is {length} characters long; a text keeps at most {MAX_TEXT_CHARS}"),
            );
        }
    }
    problems
}

pub use crate::trust::Untaken;

/// Whether an edition that arrived is taken: `approver` is the scope its approving database is
/// known here to keep, `signed` how many writes of it signatures vouch for (see
/// `trust::believed_counters`), `held` the edition here with its id, if any: it must be the same,
/// head and plans.
pub fn take(
    arrived: &EditionRecord,
    approver: Option<Scope>,
    signed: i64,
    held: Option<&EditionRecord>,
) -> Result<(), Untaken> {
    let head = &arrived.head;
    match held {
        Some(held) if held == arrived => Ok(()),
        Some(_) => Err(Untaken::Altered),
        None if approver != Some(head.map) => Err(Untaken::NotTheOwner),
        None if head.approved.counter > signed => Err(Untaken::Unvouched),
        None => Ok(()),
    }
}

/// Editions of one map in the order they were approved: by the act's date, then by when they
/// were recorded and their id (two laptops may approve on one day).
pub fn in_order(editions: &mut [EditionHead]) {
    editions.sort_by(|a, b| (a.map.code(), a.act.date, &a.at, a.id).cmp(&(b.map.code(), b.act.date, &b.at, b.id)));
}

/// How a project's plan has moved from its baseline (the latest edition that approved it).
#[derive(Debug, Clone, PartialEq)]
pub struct Drift {
    /// The property path: `cost_kzt`, `financing`, `commissioning_planned`, `jobs_permanent`,
    /// `milestones/<row id>/planned`.
    pub field: String,
    /// For a milestone, its name.
    pub row: Option<String>,
    /// The field's name in the schema's words, and what kind of value it holds.
    pub label: Label,
    pub kind: Kind,
    pub baseline: serde_json::Value,
    pub now: serde_json::Value,
    /// How far: tiyn for money, days for dates (later is positive), the count for jobs.
    pub by: Option<i128>,
}

/// Where `now` has moved from `baseline` in what the law monitors against the approved plan:
/// cost, financing in all, commissioning and milestone dates, permanent jobs. Nothing for a
/// field as approved.
pub fn variance(baseline: &Project, now: &Project) -> Vec<Drift> {
    use serde_json::{Value, json};
    let money = |m: Option<crate::Money>| m.map_or(Value::Null, |m| m.to_json());
    let date = |d: Option<NaiveDate>| d.map_or(Value::Null, |d| Value::String(d.to_string()));
    let days = |a: Option<NaiveDate>, b: Option<NaiveDate>| Some(i128::from((b? - a?).num_days()));
    let mut out = Vec::new();
    let mut drift = |field: &str, row: Option<&str>, baseline: Value, now: Value, by: Option<i128>| {
        if baseline == now {
            return;
        }
        let (label, kind) = match field.rsplit_once('/') {
            _ if field == "financing" => (Label::new("Қаржыландыру", "Финансирование", "Financing"), Kind::Money),
            Some((_, name)) => spec_of(Entity::Milestones, name),
            None => spec_of(Entity::Project, field),
        };
        out.push(Drift { field: field.into(), row: row.map(str::to_owned), label, kind, baseline, now, by });
    };
    let minor = |m: Option<crate::Money>| m.map(|m| i128::from(m.minor()));
    let by = |a: Option<i128>, b: Option<i128>| Some(b? - a?);
    drift("cost_kzt", None, money(baseline.cost), money(now.cost), by(minor(baseline.cost), minor(now.cost)));
    let financing = |p: &Project| p.financing.iter().map(|f| i128::from(f.amount.minor())).sum::<i128>();
    let (f0, f1) = (financing(baseline), financing(now));
    let tenge = |t: i128| crate::Money(i64::try_from(t).unwrap_or(i64::MAX)).to_json();
    drift("financing", None, tenge(f0), tenge(f1), Some(f1 - f0));
    drift(
        "commissioning_planned",
        None,
        date(baseline.commissioning_planned),
        date(now.commissioning_planned),
        days(baseline.commissioning_planned, now.commissioning_planned),
    );
    let jobs = |j: Option<u32>| j.map_or(Value::Null, |j| json!(j));
    let count = |j: Option<u32>| j.map(i128::from);
    drift(
        "jobs_permanent",
        None,
        jobs(baseline.jobs_permanent),
        jobs(now.jobs_permanent),
        by(count(baseline.jobs_permanent), count(now.jobs_permanent)),
    );
    for m in &baseline.milestones {
        let planned = now.milestones.iter().find(|n| n.id == m.id).and_then(|n| n.planned);
        let field = format!("milestones/{}/planned", m.id);
        drift(&field, Some(&m.name), date(m.planned), date(planned), days(m.planned, planned));
    }
    out
}

/// How far `field` of `now` has moved from `baseline`, in the units of `Drift::by`: 0 as approved,
/// `None` when one side has no value.
pub fn moved_by(baseline: &Project, now: &Project, field: &str) -> Option<i128> {
    moved_in(&variance(baseline, now), field)
}

/// `moved_by`, read from a plan's `variance` already made (a row that shows several fields).
pub fn moved_in(drifts: &[Drift], field: &str) -> Option<i128> {
    drifts.iter().find(|d| d.field == field).map_or(Some(0), |d| d.by)
}

/// A field's label and kind, by the schema.
pub fn spec_of(entity: Entity, name: &str) -> (Label, Kind) {
    crate::project::field_spec(entity, name)
        .map_or_else(|| (Label::new(name, name, name), Kind::Structured), |spec| (spec.label(), spec.kind))
}

/// What changed from one edition's projects to another's.
#[derive(Debug, Clone, PartialEq)]
pub struct EditionDiff {
    /// On the new edition only, and on the old only.
    pub added: Vec<Uuid>,
    pub excluded: Vec<Uuid>,
    /// On both: the plan as the new edition approved it, with every field that differs.
    pub changed: Vec<(Project, Vec<FieldChange>)>,
}

/// The difference of two editions' plans, by project id. `old` and `new` give each project's
/// plan with a fingerprint of it (its stored text's hash): projects whose fingerprints are equal
/// are not compared, so two editions of a national map differ in what changed between them.
/// `load` gives the plans of those that differ, in the old edition and in the new.
pub fn diff<E>(
    old: &BTreeMap<Uuid, String>,
    new: &BTreeMap<Uuid, String>,
    load: impl FnOnce(&[Uuid]) -> Result<(BTreeMap<Uuid, Project>, BTreeMap<Uuid, Project>), E>,
) -> Result<EditionDiff, E> {
    let added = new.keys().filter(|id| !old.contains_key(id)).copied().collect();
    let excluded = old.keys().filter(|id| !new.contains_key(id)).copied().collect();
    let differing: Vec<Uuid> =
        new.iter().filter(|(id, hash)| old.get(id).is_some_and(|o| o != *hash)).map(|(id, _)| *id).collect();
    let (before, mut after) = load(&differing)?;
    let changed = differing
        .iter()
        .filter_map(|id| {
            let changes = project_changes(before.get(id), after.get(id));
            let plan = after.remove(id)?;
            (!changes.is_empty()).then_some((plan, changes))
        })
        .collect();
    Ok(EditionDiff { added, excluded, changed })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::MapLevel;
    use crate::schema::Record;
    use crate::{Money, MonitoringReport, RegionCode};

    fn project(n: u128, kato: &str, level: MapLevel, status: Status) -> Project {
        let mut p = Project::new(Uuid::from_u128(n), "Жоба".into(), "Проект".into(), RegionCode::parse(kato).unwrap());
        (p.level, p.status, p.cost, p.jobs_permanent) =
            (level, status, Some(Money::from_mln(100 * n as i64)), Some(10));
        p
    }

    fn head(map: Scope, counter: i64) -> EditionHead {
        EditionHead {
            id: Uuid::from_u128(7),
            map,
            act: Act {
                number: "№ 123".into(),
                date: NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(),
                body: "Әкімдік".into(),
                signatory: None,
            },
            approved: Dot { db: Uuid::from_u128(1), counter },
            at: "2026-12-15T10:00:00.000Z".into(),
            user: "Әсел".into(),
            totals: PlanTotals::default(),
        }
    }

    #[test]
    fn a_map_holds_the_included_projects_of_its_level_and_region() {
        let karaganda = Scope::Region(RegionCode::parse("35").unwrap());
        let projects = [
            project(1, "35", MapLevel::Regional, Status::Construction),
            project(2, "35", MapLevel::Republican, Status::Design),
            project(3, "35", MapLevel::Regional, Status::Candidate),
            project(4, "75", MapLevel::Regional, Status::Included),
            project(5, "75", MapLevel::Republican, Status::Excluded),
        ];
        let ids = |map| projects.iter().filter(|p| on_map(map, p)).map(|p| p.id.as_u128()).collect::<Vec<_>>();
        assert_eq!(ids(karaganda), [1]);
        assert_eq!(ids(Scope::Ministry), [2]);
        for map in [karaganda, Scope::Ministry] {
            let filter = map_filter(map);
            assert!(
                projects.iter().all(|p| filter.matches(p) == on_map(map, p)),
                "the filter chooses what on_map does"
            );
        }
        let totals = PlanTotals::of(projects.iter().filter(|p| on_map(karaganda, p)));
        assert_eq!((totals.projects, totals.cost, totals.jobs_permanent), (1, 100 * 1_000_000 * 100, 10));
    }

    #[test]
    fn a_plan_leaves_out_the_reports_only() {
        let mut p = project(1, "35", MapLevel::Regional, Status::Construction);
        p.monitoring.push(MonitoringReport { period: "2026-Q3".into(), ..MonitoringReport::blank(Uuid::from_u128(9)) });
        let plan = plan(&p);
        assert!(plan.monitoring.is_empty());
        assert_eq!(Project { monitoring: p.monitoring.clone(), ..plan }, p);
    }

    #[test]
    fn a_plan_reads_back_from_its_text_and_one_plan_has_one_fingerprint() {
        let mut p = project(1, "35", MapLevel::Regional, Status::Construction);
        p.name_kk = "Қарағанды ұн-тартқыш зауыты: ә ғ қ ң ө ұ ү һ і".into();
        let text = plan_text(&p);
        assert_eq!(read_plan(&text), Ok(p.clone()));
        assert_eq!(fingerprint(&text), fingerprint(&plan_text(&p.clone())));
        assert_ne!(fingerprint(&text), fingerprint(&plan_text(&Project { jobs_permanent: Some(11), ..p })));
        assert!(read_plan("{").is_err());
        assert!(
            read_plan(r#"{"type":"Feature","geometry":null,"properties":{"name_kk":"а","name_ru":"б","region":"35"}}"#)
                .is_err(),
            "no id"
        );
    }

    #[test]
    fn an_act_needs_its_number_and_body_and_every_problem_is_named_at_once() {
        let mut act = head(Scope::Ministry, 1).act;
        assert!(check_act(&act).is_empty());
        act.number = " ".into();
        act.body = String::new();
        act.signatory = Some("ы".repeat(MAX_TEXT_CHARS + 1));
        let problems = check_act(&act);
        let named: Vec<_> = problems.errors().map(|p| (p.field.as_str(), p.rule)).collect();
        assert_eq!(named, [("act", Rule::Required), ("body", Rule::Required), ("signatory", Rule::TextTooLong)]);
    }

    #[test]
    fn only_the_maps_owner_approves_and_an_edition_never_changes() {
        let karaganda = Scope::Region(RegionCode::parse("35").unwrap());
        let arrived = EditionRecord { head: head(karaganda, 5), plans: vec![(Uuid::from_u128(1), "a".into())] };
        assert_eq!(take(&arrived, Some(karaganda), 5, None), Ok(()));
        assert_eq!(take(&arrived, Some(Scope::Ministry), 5, None), Err(Untaken::NotTheOwner));
        assert_eq!(take(&arrived, None, 5, None), Err(Untaken::NotTheOwner));
        assert_eq!(take(&arrived, Some(karaganda), 4, None), Err(Untaken::Unvouched));
        assert_eq!(take(&arrived, Some(karaganda), 0, Some(&arrived)), Ok(()), "held already: nothing to take");
        let mut altered = arrived.clone();
        altered.head.act.number = "№ 124".into();
        assert_eq!(take(&altered, Some(karaganda), 5, Some(&arrived)), Err(Untaken::Altered));
        let fewer = EditionRecord { plans: Vec::new(), ..arrived.clone() };
        assert_eq!(take(&fewer, Some(karaganda), 5, Some(&arrived)), Err(Untaken::Altered), "a plan left out");
    }

    #[test]
    fn the_variance_says_how_far_each_monitored_plan_moved_from_the_baseline() {
        let mut baseline = project(1, "35", MapLevel::Regional, Status::Construction);
        baseline.commissioning_planned = NaiveDate::from_ymd_opt(2027, 6, 30);
        baseline.milestones.push(crate::Milestone {
            id: Uuid::from_u128(5),
            name: "ҚТМ".into(),
            planned: NaiveDate::from_ymd_opt(2026, 12, 1),
            actual: None,
        });
        assert!(variance(&baseline, &baseline).is_empty());
        let mut now = baseline.clone();
        now.cost = Some(Money::from_mln(130));
        now.commissioning_planned = NaiveDate::from_ymd_opt(2027, 12, 31);
        now.milestones[0].planned = NaiveDate::from_ymd_opt(2026, 11, 1);
        now.milestones[0].actual = NaiveDate::from_ymd_opt(2026, 11, 2);
        now.status = Status::Delayed;
        let got: Vec<_> = variance(&baseline, &now).into_iter().map(|d| (d.field, d.row, d.by)).collect();
        assert_eq!(
            got,
            [
                ("cost_kzt".to_string(), None, Some(30 * 1_000_000 * 100)),
                ("commissioning_planned".to_string(), None, Some(184)),
                (format!("milestones/{}/planned", Uuid::from_u128(5)), Some("ҚТМ".to_string()), Some(-30)),
            ],
            "an actual date and a status are not the plan"
        );
    }

    #[test]
    fn editions_are_ordered_by_their_acts() {
        let (mut a, mut b, c) = (head(Scope::Ministry, 1), head(Scope::Ministry, 2), head(Scope::Ministry, 3));
        a.id = Uuid::from_u128(30);
        a.act.date = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        b.id = Uuid::from_u128(20);
        let mut all = [a.clone(), b.clone(), c.clone()];
        in_order(&mut all);
        assert_eq!(all.map(|e| e.id.as_u128()), [7, 20, 30]);
    }

    #[test]
    fn a_diff_compares_only_the_plans_whose_fingerprints_differ() {
        let (a, b) = (
            project(1, "35", MapLevel::Regional, Status::Construction),
            project(2, "35", MapLevel::Regional, Status::Design),
        );
        let c = project(3, "35", MapLevel::Regional, Status::Design);
        let old = BTreeMap::from([(a.id, "a".to_string()), (b.id, "b".to_string())]);
        let new = BTreeMap::from([(b.id, "b2".to_string()), (c.id, "c".to_string())]);
        let mut b2 = b.clone();
        b2.cost = Some(Money::from_mln(250));
        let mut asked = Vec::new();
        let d = diff(&old, &new, |ids| {
            asked.extend_from_slice(ids);
            Ok::<_, ()>((BTreeMap::from([(b.id, b.clone())]), BTreeMap::from([(b.id, b2.clone())])))
        })
        .unwrap();
        assert_eq!(asked, [b.id]);
        assert_eq!((d.added, d.excluded), (vec![c.id], vec![a.id]));
        let (plan, changes) = &d.changed[0];
        assert_eq!(plan.id, b.id);
        assert_eq!(changes.len(), 1);
        assert_eq!((changes[0].key.field.as_str(), &changes[0].new), ("cost_kzt", &serde_json::json!(250_000_000)));
    }
}
