//! Projects: add from Features, list, show, update with partial Features, delete, history, and
//! the sample map.

use crate::{Error, Indmap, Result};
use indmap_core::Rule;
use indmap_core::changes::{FieldChange, FieldKey, flatten, row_order, unflatten};
use indmap_core::feature::{parse_features, project_from_feature, project_properties};
use indmap_core::proposal::Proposal;
use indmap_core::schema::Entity;
use indmap_core::validate::{self, Rules};
use indmap_core::version::DELETED;
use indmap_core::{Money, Problem, Problems, Project, ProjectCode, ProjectFilter, Scope};
use indmap_store::LogEntry;
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize)]
pub struct AddReport {
    /// The new projects' ids and codes, in the order of the file.
    pub added: Vec<(Uuid, ProjectCode)>,
    /// The fields proposed to their owner instead of written: at the ministry, the inclusion
    /// of a regional project (its status, act and date), which is the akimat's act.
    pub proposed: usize,
    pub warnings: Vec<Problem>,
}

/// How an update takes the lists it is given: a patch puts monitoring reports by period, a
/// whole record (a form) replaces every list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lists {
    Patch,
    Whole,
}

/// What a delete did: deleted the project, or (for a project this database does not own)
/// proposed its deletion to the owner.
#[derive(Debug, Clone)]
pub struct Deletion {
    pub project: Project,
    pub proposed: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct UpdateReport {
    pub id: Uuid,
    pub code: Option<ProjectCode>,
    /// How many fields (of the project and its rows) the file changes; 0 when it changes nothing.
    pub changed_fields: usize,
    /// How many of those this database does not own: they became proposals to the owner.
    pub proposed: usize,
    pub warnings: Vec<Problem>,
}

/// A change of a project read and checked, not written (`Indmap::read_update`).
struct Update {
    old: Project,
    new: Option<Project>,
    problems: Problems,
}

impl Indmap {
    pub(crate) fn rules(&self) -> Result<Rules> {
        let codes = |items: Vec<indmap_core::reference::ReferenceItem>| items.into_iter().map(|i| i.code).collect();
        use indmap_store::ReferenceList::{FinancingSources, Sectors};
        let threshold = self.store.setting("republican_threshold_kzt")?.filter(|v| !v.is_empty());
        Ok(Rules {
            sectors: codes(self.store.reference(Sectors)?),
            financing_sources: codes(self.store.reference(FinancingSources)?),
            republican_threshold: threshold.and_then(|t| Money::parse_decimal(&t).ok()),
        })
    }

    /// Checks a project that is about to be written: the domain rules, and that this database
    /// keeps the project's region.
    pub(crate) fn check(&self, project: &Project, rules: &Rules, problems: &mut Problems) {
        problems.extend(validate::check(project, rules));
        let scope = self.store.info().scope;
        if !scope.covers(project.region) {
            problems.error(
                "region",
                Rule::RegionScope,
                format!(
                    "is {} ({}), but this database keeps the map of {}",
                    project.region.region().name_en,
                    project.region,
                    scope.describe()
                ),
            );
        }
    }

    /// Refuses a change of a project on another region's map: a region's database keeps the
    /// other regions' projects read-only, as the ministry's file gives them.
    pub(crate) fn refuse_other_map(&self, project: &Project) -> Result<()> {
        let scope = self.store.info().scope;
        if scope.covers(project.region) {
            return Ok(());
        }
        let mut problems = Problems::new();
        problems.error(
            "region",
            Rule::ProjectOtherMap,
            format!(
                "project {} is on the map of {} ({}): it is kept here read-only, as the ministry sent it; \
                 its akimat changes it",
                project.code_or_id(),
                project.region.region().name_en,
                project.region
            ),
        );
        Err(Error::invalid(problems))
    }

    /// Adds every project of a GeoJSON Feature or FeatureCollection, or none of them if any
    /// breaks a rule.
    pub fn add_projects(&mut self, geojson_text: &str) -> Result<AddReport> {
        let (mut projects, problems) = self.read_new(geojson_text)?;
        // At the ministry a regional project is registered as a candidate, its inclusion proposed
        // to the akimat (`ownership::inclusion_to_propose`).
        let scope = self.store.info().scope;
        let mut proposals = Vec::new();
        for p in &mut projects {
            if let Some((written, proposed)) = indmap_core::ownership::inclusion_to_propose(None, p, scope) {
                proposals.extend(self.proposals_of(p.id, &proposed));
                *p = written;
            }
        }
        self.insert(projects, proposals, problems)
    }

    /// The projects of a GeoJSON Feature or FeatureCollection as they would be added, and every
    /// problem they have, found in one pass: the rules run on what could be read, so a BIN that
    /// cannot be read does not hide a commissioning before the start.
    fn read_new(&mut self, geojson_text: &str) -> Result<(Vec<Project>, Problems)> {
        let features = parse_features(geojson_text).map_err(Error::invalid)?;
        if features.is_empty() {
            let mut problems = Problems::new();
            problems.error("features", Rule::FeaturesEmpty, "the file holds no project Feature");
            return Err(Error::invalid(problems));
        }
        let many = features.len() > 1;
        let rules = self.rules()?;
        let acts = self.acts_by_period(None)?;
        let mut problems = Problems::new();
        let mut projects = Vec::new();
        for (i, f) in features.iter().enumerate() {
            let (project, mut found) = project_from_feature(f, self.env.ids.as_mut());
            if let Some(p) = &project {
                self.check(p, &rules, &mut found);
                crate::period_cycle::check_unlocked(&acts, None, p, &mut found);
            }
            projects.extend(project);
            problems.extend(if many { found.prefixed(&format!("features[{i}].")) } else { found });
        }
        Ok((projects, problems))
    }

    /// Every problem, error or warning, that saving a form would meet now, without writing
    /// anything: the form of project `id` (`None`: a new project) as one Feature, whole (as
    /// `edit_project` takes it). The window shows them as the user leaves a field.
    pub fn check_project(&mut self, id: Option<&str>, geojson_text: &str) -> Result<Vec<indmap_core::Problem>> {
        let read = match id {
            Some(id) => self.read_update(id, geojson_text, Lists::Whole).map(|read| read.problems),
            None => self.read_new(geojson_text).map(|(_, problems)| problems),
        };
        match read {
            Ok(problems) => Ok(problems.0),
            Err(e) if e.kind == crate::ErrorKind::Invalid => Ok(e.problems),
            Err(other) => Err(other),
        }
    }

    /// The live projects that pass the filter, ordered by code.
    /// How many live projects the map holds (`indmap info`), counted without reading them.
    pub fn project_count(&self) -> Result<u64> {
        Ok(self.store.project_count()?)
    }

    pub fn list(&self, filter: &ProjectFilter) -> Result<Vec<Project>> {
        Ok(self.store.projects(filter)?)
    }

    /// A live project by its id or its code.
    pub fn find(&self, id_or_code: &str) -> Result<Project> {
        let id = self.resolve_id(id_or_code)?;
        if let Some(project) = self.store.project(id)? {
            return Ok(project);
        }
        match self.store.deletion(id)? {
            Some((at, reason)) => Err(Error::not_found(format!(
                "project {id_or_code} was deleted at {at}{}",
                reason.map(|r| format!(" ({r})")).unwrap_or_default()
            ))),
            None => Err(Error::not_found(format!("there is no project {id_or_code}"))),
        }
    }

    pub(crate) fn resolve_id(&self, id_or_code: &str) -> Result<Uuid> {
        let text = id_or_code.trim();
        if let Ok(id) = Uuid::parse_str(text) {
            return Ok(id);
        }
        let code = ProjectCode::parse(text).ok_or_else(|| {
            Error::not_found(format!("{text:?} is neither a project id (a UUID) nor a project code (like 35-0042)"))
        })?;
        self.store.project_id_by_code(&code)?.ok_or_else(|| Error::not_found(format!("there is no project {code}")))
    }

    /// Changes the properties a Feature gives (and its geometry, if it has one); every other
    /// field keeps its value. A property given as `null` is cleared. A list given replaces the
    /// list, except `monitoring`: its reports are put by period (`monitoring::put_by_period`),
    /// and the reports of other periods stay.
    pub fn update_project(&mut self, id_or_code: &str, geojson_text: &str) -> Result<UpdateReport> {
        self.update(id_or_code, geojson_text, Lists::Patch)
    }

    /// Saves a project as a form shows it whole: every list given replaces the list, monitoring
    /// reports too (a report removed in the form is removed).
    pub fn edit_project(&mut self, id_or_code: &str, geojson_text: &str) -> Result<UpdateReport> {
        self.update(id_or_code, geojson_text, Lists::Whole)
    }

    /// Adds the report of `period`, or replaces it, from the report's fields (a JSON object);
    /// the reports of other periods stay.
    pub fn set_report(&mut self, id_or_code: &str, period: &str, fields_json: &str) -> Result<UpdateReport> {
        let mut report = match serde_json::from_str::<Value>(fields_json) {
            Ok(Value::Object(report)) => report,
            _ => {
                let mut problems = Problems::new();
                problems.error(
                    "report",
                    Rule::JsonSyntax,
                    "must be a JSON object of the report's fields, like {\"progress_pct\": 60}",
                );
                return Err(Error::invalid(problems));
            }
        };
        report.insert("period".into(), Value::String(period.trim().to_owned()));
        let patch = serde_json::json!({"type": "Feature", "geometry": null, "properties": {"monitoring": [report]}});
        self.update(id_or_code, &patch.to_string(), Lists::Patch)
    }

    /// Removes the report of `period`.
    pub fn remove_report(&mut self, id_or_code: &str, period: &str) -> Result<UpdateReport> {
        let old = self.find(id_or_code)?;
        let code = old.code_or_id();
        if !old.monitoring.iter().any(|m| m.period == period.trim()) {
            return Err(Error::not_found(format!("project {code} has no report for {}", period.trim())));
        }
        let kept: Vec<Value> = match project_properties(&old).remove("monitoring") {
            Some(Value::Array(reports)) => {
                reports.into_iter().filter(|r| r.get("period").and_then(Value::as_str) != Some(period.trim())).collect()
            }
            _ => Vec::new(),
        };
        let patch = serde_json::json!({"type": "Feature", "geometry": null, "properties": {"monitoring": kept}});
        self.update(&old.id.to_string(), &patch.to_string(), Lists::Whole)
    }

    /// Project `id_or_code` as `geojson_text` would change it (`None`: it cannot be read), and
    /// every problem of the change, found in one pass; only a project this database may not
    /// change at all, or input that is not one Feature, is an error at once.
    fn read_update(&mut self, id_or_code: &str, geojson_text: &str, lists: Lists) -> Result<Update> {
        let old = self.find(id_or_code)?;
        self.refuse_other_map(&old)?;
        let mut features = parse_features(geojson_text).map_err(Error::invalid)?;
        if features.len() != 1 {
            let mut problems = Problems::new();
            problems.error(
                "file",
                Rule::FeaturesOne,
                format!("must hold exactly one Feature to update a project; it holds {}", features.len()),
            );
            return Err(Error::invalid(problems));
        }
        let mut patch = features.remove(0);
        let mut problems = Problems::new();
        let mut merged = project_properties(&old);
        for (key, value) in patch.properties.take().unwrap_or_default() {
            let fixed = match key.as_str() {
                "id" => Some(old.id.to_string()),
                "code" => old.code.as_ref().map(|c| c.to_string()),
                _ => None,
            };
            if let Some(current) = fixed {
                if value.as_str().is_some_and(|v| v != current) {
                    problems.error(key.as_str(), Rule::IdentityFixed, format!("cannot be changed (it is {current})"));
                }
                continue;
            }
            let value = match (key.as_str(), lists, merged.get(&key), &value) {
                ("monitoring", Lists::Patch, Some(Value::Array(stored)), Value::Array(given)) => {
                    Value::Array(indmap_core::monitoring::put_by_period(stored, given))
                }
                _ => value,
            };
            merged.insert(key, value);
        }
        let rules = self.rules()?;
        let new = self.remade(&old, merged, patch.geometry.take(), &rules, &mut problems);
        if let Some(new) = &new {
            let acts = self.acts_by_period(Some(new.region))?;
            crate::period_cycle::check_unlocked(&acts, Some(&old), new, &mut problems);
        }
        Ok(Update { old, new, problems })
    }

    fn update(&mut self, id_or_code: &str, geojson_text: &str, lists: Lists) -> Result<UpdateReport> {
        let Update { old, new, problems } = self.read_update(id_or_code, geojson_text, lists)?;
        let mut new = match new {
            Some(new) if !problems.has_errors() => new,
            _ => return Err(Error::invalid(problems)),
        };
        // Moved by the ministry from the republican map to a regional one: a candidate there,
        // its inclusion proposed to the akimat (`ownership::inclusion_to_propose`).
        let mut inclusion = Vec::new();
        let scope = self.store.info().scope;
        if let Some((written, proposed)) = indmap_core::ownership::inclusion_to_propose(Some(&old), &new, scope) {
            (new, inclusion) = (written, proposed);
        }
        let changes = indmap_core::changes::project_changes(Some(&old), Some(&new));
        let changed_fields = changes.len();
        let (direct, mut proposed) = self.split_by_owner(&old, changes);
        let unproposable = indmap_core::ownership::proposal_problems(&new, &proposed);
        if unproposable.has_errors() {
            return Err(Error::invalid(unproposable));
        }
        proposed.extend(inclusion);
        let proposals = self.proposals_of(new.id, &proposed);
        // What this database owns is written; what it proposed stays as it was until accepted.
        let values: Vec<_> = direct.into_iter().map(|c| (c.key, c.new)).collect();
        let written = if values.is_empty() { None } else { Some(with_values(self, &old, &values)?.0) };
        if written.is_some() || !proposals.is_empty() {
            let author = self.author();
            self.store.write(&author, |w| {
                if let Some(written) = &written {
                    w.replace_project(&old, written)?;
                }
                proposals.iter().try_for_each(|p| w.put_proposal(p))
            })?;
        }
        Ok(UpdateReport { id: new.id, code: new.code, changed_fields, proposed: proposed.len(), warnings: problems.0 })
    }

    /// The project `old` becomes with all its properties `merged` (and a new geometry, if one
    /// is given), checked by every rule; `None` when it cannot be read. Problems go to `problems`.
    pub(crate) fn remade(
        &mut self,
        old: &Project,
        merged: serde_json::Map<String, Value>,
        geometry: Option<geojson::Geometry>,
        rules: &Rules,
        problems: &mut Problems,
    ) -> Option<Project> {
        let feature = geojson::Feature {
            geometry: geometry.or_else(|| old.location.as_ref().map(geojson::Geometry::from)),
            properties: Some(merged),
            ..Default::default()
        };
        let (new, found) = project_from_feature(&feature, self.env.ids.as_mut());
        problems.extend(found);
        if let Some(new) = &new {
            self.check(new, rules, problems);
        }
        new
    }

    /// Deletes a project. It stays in the database as a tombstone with the reason, so the
    /// deletion shows in history and can travel to other databases.
    pub fn delete_project(&mut self, id_or_code: &str, reason: Option<&str>) -> Result<Deletion> {
        let project = self.find(id_or_code)?;
        self.refuse_other_map(&project)?;
        let key =
            indmap_core::changes::FieldKey { entity: Entity::Project, record_id: project.id, field: DELETED.into() };
        if Scope::owner_of(&project, &key) != self.store.info().scope {
            let change = FieldChange {
                key,
                project_id: project.id,
                old: Value::Null,
                new: serde_json::json!({ "reason": reason }),
            };
            self.propose(&project, &[change])?;
            return Ok(Deletion { project, proposed: true });
        }
        let author = self.author();
        self.store.write(&author, |w| w.delete_project(&project, reason))?;
        Ok(Deletion { project, proposed: false })
    }

    /// Every change to a project (deleted ones too), oldest first.
    pub fn history(&self, id_or_code: &str) -> Result<Vec<LogEntry>> {
        let id = self.resolve_id(id_or_code)?;
        let entries = self.store.history(id)?;
        if entries.is_empty() {
            return Err(Error::not_found(format!("there is no project {id_or_code}")));
        }
        Ok(entries)
    }

    /// Fills the database with `count` sample projects for its scope, determined by `seed`.
    pub fn add_sample(&mut self, count: usize, seed: u64) -> Result<AddReport> {
        let projects = indmap_sample::generate(count, seed, self.store.info().scope);
        let rules = self.rules()?;
        let mut problems = Problems::new();
        for (i, p) in projects.iter().enumerate() {
            let mut found = Problems::new();
            self.check(p, &rules, &mut found);
            problems.extend(found.prefixed(&format!("features[{i}].")));
        }
        self.insert(projects, Vec::new(), problems)
    }

    /// Writes checked projects in one transaction, or none if `problems` (what reading and
    /// checking them found) holds an error.
    fn insert(&mut self, projects: Vec<Project>, proposals: Vec<Proposal>, problems: Problems) -> Result<AddReport> {
        if problems.has_errors() {
            return Err(Error::invalid(problems));
        }
        let author = self.author();
        let added = self.store.write(&author, |w| {
            let added =
                projects.iter().map(|p| Ok((p.id, w.insert_project(p)?))).collect::<indmap_store::Result<Vec<_>>>()?;
            proposals.iter().try_for_each(|p| w.put_proposal(p))?;
            Ok(added)
        })?;
        Ok(AddReport { added, proposed: proposals.len(), warnings: problems.0 })
    }
}

/// The project with some of its fields set to other values, read back through the interchange
/// (so every rule of reading applies).
pub(crate) fn with_values(db: &mut Indmap, p: &Project, values: &[(FieldKey, Value)]) -> Result<(Project, Problems)> {
    let mut fields = flatten(p);
    for (key, value) in values {
        fields.insert(key.clone(), value.clone());
    }
    let order = row_order(p);
    let (project, mut problems) =
        indmap_core::feature::project_from_feature(&unflatten(p.id, &fields, &order), db.env.ids.as_mut());
    let project = project.ok_or_else(|| Error::invalid(problems.clone()))?;
    let rules = db.rules()?;
    db.check(&project, &rules, &mut problems);
    if problems.has_errors() {
        return Err(Error::invalid(problems));
    }
    Ok((project, problems))
}
