//! Approved editions of the map (Art. 4 p.6, Art. 8 p.2): approve this database's map as it
//! stands, list the editions held, show one, and say what changed between two.

use crate::{Error, ErrorKind, Indmap, Result};
use indmap_core::Money;
use indmap_core::edition::{self, Act, EditionHead, EditionRecord, PlanTotals};
use indmap_core::reference::Label;
use indmap_core::version::Dot;
use indmap_core::{Problems, Project, Rule, Scope};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// The approving act, as the user gives it.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Approval {
    /// The act's number: `№ 123`.
    pub act: String,
    /// Its date, `2026-12-15`.
    pub date: String,
    /// Who approved: the Government, the akimat.
    pub body: String,
    pub signatory: Option<String>,
}

/// An edition as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EditionSummary {
    pub id: String,
    /// The map approved: `ministry` (the republican map) or `region:35`.
    pub map: String,
    /// 1 for the map's first edition, in the order of approval.
    pub number: usize,
    pub act: String,
    pub date: String,
    pub body: String,
    pub signatory: Option<String>,
    /// When it was recorded and by whom.
    pub recorded_at: String,
    pub recorded_by: String,
    pub totals: EditionTotals,
}

/// What an edition approves in sum.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EditionTotals {
    pub projects: usize,
    /// In tiyn.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub cost: Money,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub financing: Money,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub jobs_permanent: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub jobs_construction: u64,
}

impl From<PlanTotals> for EditionTotals {
    fn from(t: PlanTotals) -> EditionTotals {
        // A view's money is tiyn in 64 bits: far above any real map's sums.
        let money = |sum: i128| Money(i64::try_from(sum).unwrap_or(i64::MAX));
        EditionTotals {
            projects: t.projects,
            cost: money(t.cost),
            financing: money(t.financing),
            jobs_permanent: t.jobs_permanent,
            jobs_construction: t.jobs_construction,
        }
    }
}

/// A project as an edition approved it, in a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EditionProject {
    pub id: String,
    pub code: Option<String>,
    pub name: Label,
    pub region: String,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub cost: Option<Money>,
    pub commissioning_planned: Option<String>,
    pub jobs_permanent: Option<u32>,
}

impl From<&Project> for EditionProject {
    fn from(p: &Project) -> EditionProject {
        EditionProject {
            id: p.id.to_string(),
            code: p.code.as_ref().map(|c| c.to_string()),
            name: Label::new(&p.name_kk, &p.name_ru, p.name_en.as_deref().unwrap_or(&p.name_ru)),
            region: p.region.as_str().to_owned(),
            cost: p.cost,
            commissioning_planned: p.commissioning_planned.map(|d| d.to_string()),
            jobs_permanent: p.jobs_permanent,
        }
    }
}

/// An edition with its projects.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EditionView {
    pub edition: EditionSummary,
    pub projects: Vec<EditionProject>,
}

/// One field of a plan that differs between two editions.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanChange {
    /// The property path: `cost_kzt`, `milestones/<row id>/planned`.
    pub field: String,
    /// The field's name in the schema's words, and what kind of value it holds.
    pub label: Label,
    pub kind: indmap_core::schema::Kind,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub old: Value,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub new: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChangedPlan {
    /// As the later edition approved it.
    pub project: EditionProject,
    pub changes: Vec<PlanChange>,
}

/// What changed from one edition to another.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EditionDiff {
    pub from: EditionSummary,
    pub to: EditionSummary,
    pub added: Vec<EditionProject>,
    pub excluded: Vec<EditionProject>,
    pub changed: Vec<ChangedPlan>,
}

/// How far a project's plan has moved from the edition that approved it last.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProjectVariance {
    /// The baseline: the latest edition of the project's map, which has the project.
    pub edition: EditionSummary,
    pub drifts: Vec<DriftView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DriftView {
    /// `cost_kzt`, `financing`, `commissioning_planned`, `jobs_permanent`,
    /// `milestones/<row id>/planned`.
    pub field: String,
    pub label: Label,
    pub kind: indmap_core::schema::Kind,
    /// A milestone's name.
    pub row: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub baseline: Value,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub now: Value,
    /// How far: tiyn for money, days for dates (later is positive), the count for jobs.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub by: Option<i64>,
}

impl Indmap {
    /// How far the project's plan has moved from its baseline: the latest approved edition of
    /// the map it is on. None when that map has no edition yet, or the latest one does not have
    /// the project (it came onto the map since).
    pub fn variance(&self, id_or_code: &str) -> Result<Option<ProjectVariance>> {
        let now = self.find(id_or_code)?;
        let Some((latest, baseline)) = self.baseline(&now)? else { return Ok(None) };
        let drifts = edition::variance(&baseline, &now).into_iter().map(drift_view).collect();
        Ok(Some(ProjectVariance { edition: latest, drifts }))
    }

    /// A project's baseline: the latest edition of the map it is on and its plan there, when that
    /// edition has the project.
    pub(crate) fn baseline(&self, now: &Project) -> Result<Option<(EditionSummary, Project)>> {
        let latest = self.latest_editions()?;
        let Some(edition) = latest.get(&Scope::owner(now.level, now.region, "").code()) else { return Ok(None) };
        Ok(self.plan_in(edition, now.id)?.map(|plan| (edition.clone(), plan)))
    }

    /// The baselines of `projects` (their plans in the latest edition of each one's map), by id:
    /// what a table measures each plan against.
    pub(crate) fn baselines<'a>(
        &self,
        projects: impl IntoIterator<Item = &'a Project>,
    ) -> Result<HashMap<Uuid, Project>> {
        let latest = self.latest_editions()?;
        let mut out = HashMap::new();
        for p in projects {
            if let Some(edition) = latest.get(&Scope::owner(p.level, p.region, "").code())
                && let Some(plan) = self.plan_in(edition, p.id)?
            {
                out.insert(p.id, plan);
            }
        }
        Ok(out)
    }

    /// The latest edition of each map held, by the map's scope code.
    fn latest_editions(&self) -> Result<HashMap<String, EditionSummary>> {
        // In the order they were approved: each map's last one stays.
        Ok(self.edition_summaries()?.into_iter().map(|e| (e.map.clone(), e)).collect())
    }

    /// A project's plan in an edition, if the edition has it.
    fn plan_in(&self, edition: &EditionSummary, project: Uuid) -> Result<Option<Project>> {
        let id = Uuid::parse_str(&edition.id).map_err(|_| Error::not_found("the edition's id"))?;
        let Some(text) = self.store.edition_plan(id, project)? else { return Ok(None) };
        let plan = edition::read_plan(&text)
            .map_err(|why| Error::new(ErrorKind::Io, format!("an edition's plan here is damaged: {why}")))?;
        Ok(Some(plan))
    }

    /// Records an edition of the map this database keeps (the republican map at the ministry, the
    /// regional map at an akimat): the act and the plan of every project on the map now.
    pub fn approve_edition(&mut self, approval: &Approval) -> Result<EditionSummary> {
        let map = self.store.info().scope;
        let act = self.checked_act(approval, map)?;
        // The filter chooses exactly the projects `edition::on_map` does (a core test checks).
        let plans: Vec<Project> = self.store.projects(&edition::map_filter(map))?.iter().map(edition::plan).collect();
        if plans.is_empty() {
            let mut problems = Problems::new();
            problems.error(
                "map",
                Rule::EditionEmpty,
                "has no project on it yet (a project is on the map once it is included); include projects, then approve the map",
            );
            return Err(Error::invalid(problems));
        }
        let mut texts = HashMap::with_capacity(plans.len());
        let mut entries = Vec::with_capacity(plans.len());
        for plan in &plans {
            let text = edition::plan_text(plan);
            let hash = edition::fingerprint(&text);
            entries.push((plan.id, hash.clone()));
            texts.insert(hash, text);
        }
        let author = self.author();
        let head = EditionHead {
            id: self.env.ids.new_id(),
            map,
            act,
            approved: Dot { db: Uuid::nil(), counter: 0 },
            at: indmap_store::timestamp(author.at),
            user: author.user.clone(),
            totals: PlanTotals::of(&plans),
        };
        let mut record = EditionRecord { head, plans: entries };
        let id = record.head.id;
        self.store.write(&author, |w| {
            record.head.approved = Dot { db: w.db_id(), counter: w.counter() };
            w.put_edition(&record, &texts)
        })?;
        self.edition_summaries()?
            .into_iter()
            .find(|e| e.id == id.to_string())
            .ok_or_else(|| Error::not_found("the edition just approved"))
    }

    /// The act, checked: every problem at once, and an act this map was approved by already.
    fn checked_act(&self, approval: &Approval, map: Scope) -> Result<Act> {
        let date = approval.date.trim().parse();
        let act = Act {
            number: approval.act.trim().to_owned(),
            date: *date.as_ref().unwrap_or(&chrono::NaiveDate::MIN),
            body: approval.body.trim().to_owned(),
            signatory: approval.signatory.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned),
        };
        let mut problems = edition::check_act(&act);
        if date.is_err() {
            let message = format!("must be the act's date, written 2026-12-15; got {:?}", approval.date);
            problems.error("date", Rule::DateFormat, message);
        }
        if let Some(same) = self.store.editions()?.iter().find(|e| e.map == map && e.act.number == act.number) {
            problems.error(
                "act",
                Rule::EditionActTaken,
                format!(
                    "{} of {} approved this map already; an edition is approved once: give the number of the new act",
                    same.act.number, same.act.date
                ),
            );
        }
        if problems.has_errors() { Err(Error::invalid(problems)) } else { Ok(act) }
    }

    /// Every edition held here, of this map and of those files brought, in the order approved.
    pub fn editions(&self) -> Result<Vec<EditionSummary>> {
        self.edition_summaries()
    }

    fn edition_summaries(&self) -> Result<Vec<EditionSummary>> {
        Ok(summaries(self.store.editions()?))
    }

    /// One edition with its projects as approved. `which` is `latest`, a number of this map's
    /// editions (`2`), or an edition's id (or its first 8 characters).
    pub fn edition(&self, which: &str) -> Result<EditionView> {
        let (summary, record) = self.find_edition(which)?;
        let projects = self.plans_of(&record.plans)?.iter().map(EditionProject::from).collect();
        Ok(EditionView { edition: summary, projects })
    }

    /// An edition's act and its projects as approved, to print "as approved".
    pub(crate) fn edition_act_and_projects(&self, which: &str) -> Result<(Act, Vec<Project>)> {
        let (_, record) = self.find_edition(which)?;
        let projects = self.plans_of(&record.plans)?;
        Ok((record.head.act, projects))
    }

    /// What changed from edition `from` to edition `to`: projects added and excluded, and each
    /// changed plan field by field, with both editions' totals.
    pub fn edition_diff(&self, from: &str, to: &str) -> Result<EditionDiff> {
        self.store.snapshot(|| {
            let (from_summary, old) = self.find_edition(from)?;
            let (to_summary, new) = self.find_edition(to)?;
            let old_plans: BTreeMap<Uuid, String> = old.plans.iter().cloned().collect();
            let new_plans: BTreeMap<Uuid, String> = new.plans.iter().cloned().collect();
            let chosen = |ids: &[Uuid], plans: &BTreeMap<Uuid, String>| -> Vec<(Uuid, String)> {
                ids.iter().filter_map(|id| Some((*id, plans.get(id)?.clone()))).collect()
            };
            let read = |ids: &[Uuid], plans: &BTreeMap<Uuid, String>| self.plans_of(&chosen(ids, plans));
            let by_id = |ids: &[Uuid], plans: &BTreeMap<Uuid, String>| -> Result<BTreeMap<Uuid, Project>> {
                Ok(read(ids, plans)?.into_iter().map(|p| (p.id, p)).collect())
            };
            let diff = edition::diff(&old_plans, &new_plans, |ids| -> Result<_> {
                Ok((by_id(ids, &old_plans)?, by_id(ids, &new_plans)?))
            })?;
            let listed = |ids: &[Uuid], plans: &BTreeMap<Uuid, String>| -> Result<Vec<EditionProject>> {
                Ok(read(ids, plans)?.iter().map(EditionProject::from).collect())
            };
            let changed = (diff.changed.iter())
                .map(|(plan, changes)| ChangedPlan {
                    project: EditionProject::from(plan),
                    changes: changes.iter().map(plan_change).collect(),
                })
                .collect();
            Ok(EditionDiff {
                added: listed(&diff.added, &new_plans)?,
                excluded: listed(&diff.excluded, &old_plans)?,
                changed,
                from: from_summary,
                to: to_summary,
            })
        })
    }

    /// An edition by `latest`, its number on this map, or its id (whole or its first 8 characters).
    fn find_edition(&self, which: &str) -> Result<(EditionSummary, EditionRecord)> {
        let which = which.trim();
        let own = self.store.info().scope.code();
        let all = self.edition_summaries()?;
        let found = match which {
            "latest" => all.iter().rfind(|e| e.map == own),
            n if n.parse::<usize>().is_ok() => all.iter().find(|e| e.map == own && e.number.to_string() == n),
            id if id.len() >= 8 => {
                let mut matching = all.iter().filter(|e| e.id.starts_with(&id.to_ascii_lowercase()));
                match (matching.next(), matching.next()) {
                    (Some(_), Some(_)) => {
                        return Err(Error::new(
                            ErrorKind::Invalid,
                            format!("more than one edition's id begins with {id}; give more of it"),
                        ));
                    }
                    (found, _) => found,
                }
            }
            _ => None,
        };
        let Some(summary) = found.cloned() else {
            let hint = if all.is_empty() {
                "no edition has been approved here yet (`indmap edition approve`)".to_owned()
            } else {
                "`indmap edition list` shows the editions held here".to_owned()
            };
            return Err(Error::not_found(format!("there is no edition {which}; {hint}")));
        };
        let id = Uuid::parse_str(&summary.id).map_err(|_| Error::not_found("the edition's id"))?;
        let record = self.store.edition(id)?.ok_or_else(|| Error::not_found(format!("edition {which}")))?;
        Ok((summary, record))
    }

    /// Every edition held here with the texts of its plans, for an exchange file.
    pub(crate) fn editions_to_send(&self) -> Result<(Vec<EditionRecord>, HashMap<String, String>)> {
        let mut records = Vec::new();
        for head in self.store.editions()? {
            records.extend(self.store.edition(head.id)?);
        }
        let mut hashes: Vec<&str> = records.iter().flat_map(|r| r.plans.iter().map(|(_, h)| h.as_str())).collect();
        hashes.sort_unstable();
        hashes.dedup();
        let texts = self.store.plan_texts(&hashes)?;
        Ok((records, texts))
    }

    /// The plans of these projects (each named with its plan's fingerprint), read back, in the
    /// order given.
    fn plans_of(&self, entries: &[(Uuid, String)]) -> Result<Vec<Project>> {
        let mut plans = self.plans(&entries.iter().map(|(_, h)| h.as_str()).collect::<Vec<_>>())?;
        // A plan names its project, so no two entries share one.
        Ok(entries.iter().filter_map(|(_, hash)| plans.remove(hash)).collect())
    }

    /// The plans with these fingerprints, read back.
    fn plans(&self, hashes: &[&str]) -> Result<HashMap<String, Project>> {
        let texts = self.store.plan_texts(hashes)?;
        texts
            .into_iter()
            .map(|(hash, text)| match edition::read_plan(&text) {
                Ok(plan) => Ok((hash, plan)),
                Err(why) => Err(Error::new(ErrorKind::Io, format!("an edition's plan here is damaged: {why}"))),
            })
            .collect()
    }
}

/// Editions in the order approved (`edition::in_order`), each numbered among its map's.
pub(crate) fn summaries(heads: Vec<EditionHead>) -> Vec<EditionSummary> {
    let mut numbers: HashMap<Scope, usize> = HashMap::new();
    (heads.into_iter())
        .map(|head| {
            let number = numbers.entry(head.map).or_default();
            *number += 1;
            summary(&head, *number)
        })
        .collect()
}

fn summary(head: &EditionHead, number: usize) -> EditionSummary {
    EditionSummary {
        id: head.id.to_string(),
        map: head.map.code(),
        number,
        act: head.act.number.clone(),
        date: head.act.date.to_string(),
        body: head.act.body.clone(),
        signatory: head.act.signatory.clone(),
        recorded_at: head.at.clone(),
        recorded_by: head.user.clone(),
        totals: head.totals.into(),
    }
}

fn plan_change(change: &indmap_core::changes::FieldChange) -> PlanChange {
    let (label, kind) = edition::spec_of(change.key.entity, &change.key.field);
    PlanChange { field: change.key.path(), label, kind, old: change.old.clone(), new: change.new.clone() }
}

fn drift_view(d: edition::Drift) -> DriftView {
    let by = d.by.map(|b| i64::try_from(b).unwrap_or(if b < 0 { i64::MIN } else { i64::MAX }));
    DriftView { field: d.field, label: d.label, kind: d.kind, row: d.row, baseline: d.baseline, now: d.now, by }
}
