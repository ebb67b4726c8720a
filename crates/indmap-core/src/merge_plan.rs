//! The merge of one project of an exchange file, decided: from the project as stored here and
//! the file's version of it, what the file may change (`ownership`), the merged versions
//! (`version::merge`), the merged project and whether it keeps the rules, and what that comes
//! to (added, changed, deleted, conflicts). Nothing is written: the caller stores the plan.

use crate::changes::{FieldKey, row_order, unflatten, with_other_rows};
use crate::ownership::{self, TakenOut};
use crate::schema::Entity;
use crate::version::{DELETED, Merge, MergedField, Records, VersionedProject, merge};
use crate::{IdSource, Problem, Project, ProjectCode, Scope};
use std::collections::HashMap;
use uuid::Uuid;

/// A project as stored here, as much of it as a merge needs (what the store loads for one): the
/// versions of the records a merge needs, and its content with the lists of rows that hold them
/// (the other lists are left empty: a merge does not change them).
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub project: Project,
    /// The versions of the records loaded (all of them, or those of `records`).
    pub versions: VersionedProject,
    /// The records merged (the file carries them); `None`: all of them. Every other record of
    /// the project stays as stored.
    pub records: Option<Records>,
}

/// What merging one project of a file comes to.
#[derive(Debug, Clone, PartialEq)]
pub struct MergePlan {
    /// The code of the project as stored here, if it is, for naming it in refusals.
    pub stored_code: Option<ProjectCode>,
    /// Writes of the file taken out of the merge: kept as proposals, or refused.
    pub taken_out: Vec<TakenOut>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The project stays as it is.
    Unchanged,
    /// The merged project would break rules.
    Refused(BrokenRules),
    /// A merged project to store.
    Store(Box<Merged>),
}

/// The rules a merged project would break.
#[derive(Debug, Clone, PartialEq)]
pub struct BrokenRules {
    /// The merged project's code, if it has one.
    pub code: Option<String>,
    /// The errors, each naming its field and rule.
    pub errors: Vec<Problem>,
}

impl std::fmt::Display for BrokenRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let errors: Vec<String> = self.errors.iter().map(|p| p.to_string()).collect();
        write!(f, "the merged project would break rules: {}", errors.join("; "))
    }
}

/// A merged project to store, and what it means for the project.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The project as it was stored (`None`: new here).
    pub stored: Option<Stored>,
    pub project: Project,
    pub versions: VersionedProject,
    /// History: every value that arrived, in force or concurrent.
    pub logged: Vec<MergedField>,
    /// The fields whose value in force changed.
    pub changed: Vec<MergedField>,
    /// What the merge did to the project, if the report should list it.
    pub entry: Option<Entry>,
    /// Fields that hold concurrent values and did not before.
    pub new_conflicts: Vec<FieldKey>,
    /// The project is on another region's map: kept here read-only, as the consolidated map
    /// shows it, and neither listed nor settled here (its akimat does that).
    pub other_map: bool,
}

impl Merged {
    /// Whether the merge made conflicts to show: concurrent values, or edits against a deletion.
    pub fn makes_conflicts(&self) -> bool {
        !self.new_conflicts.is_empty() || !self.versions.edits_against_deletion().is_empty()
    }
}

/// What a merge did to a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Added,
    Changed,
    Deleted,
}

/// Works out the merge of `remote` into the project as stored here (`None`: new here) for a
/// database keeping `scope`, given the scope each known database keeps. Ids missing from the
/// file are made with `ids`.
pub fn plan(
    scope: Scope,
    stored: Option<Stored>,
    remote: &VersionedProject,
    scopes: &HashMap<Uuid, Scope>,
    ids: &mut dyn IdSource,
) -> MergePlan {
    let (local, local_vp, records) = match stored {
        Some(Stored { project, versions, records }) => (Some(project), versions, records),
        None => (None, VersionedProject { project_id: remote.project_id, ..Default::default() }, None),
    };
    let (remote, taken_out) = ownership::sanitize(local.as_ref(), &local_vp, remote, scopes);
    let stored_code = local.as_ref().and_then(|p| p.code.clone());
    let mut plan = MergePlan { stored_code, outcome: Outcome::Unchanged, taken_out };
    if !plan.taken_out.is_empty() && local.is_none() && remote.fields.is_empty() {
        return plan;
    }
    let Merge { result, changed, new_conflicts } = merge(&local_vp, &remote);
    if changed.is_empty() && new_conflicts.is_empty() && result.context == local_vp.context {
        return plan;
    }
    let project = match merged_project(&result, local.as_ref(), records.as_ref(), ids) {
        Ok(project) => project,
        Err(broken) => {
            plan.outcome = Outcome::Refused(broken);
            return plan;
        }
    };
    let other_map = !scope.covers(project.region);
    let stored = local.map(|project| Stored { project, versions: local_vp, records });
    let merged = Merged { other_map, ..Merged::new(stored, project, result, changed, new_conflicts) };
    plan.outcome = Outcome::Store(Box::new(merged));
    plan
}

/// The project the merged versions hold (its rows in the stored order), or the rules it breaks.
/// Merged from some of its records (`records`), it keeps the others as stored.
fn merged_project(
    merged: &VersionedProject,
    stored: Option<&Project>,
    records: Option<&Records>,
    ids: &mut dyn IdSource,
) -> Result<Project, BrokenRules> {
    let mut values = merged.values();
    values.retain(|k, _| k.field != DELETED || k.entity != Entity::Project);
    let order: Vec<Uuid> = stored.map(row_order).unwrap_or_default();
    let feature = unflatten(merged.project_id, &values, &order);
    let (project, problems) = crate::feature::project_from_feature(&feature, ids);
    let mut project = match project {
        Some(p) if !problems.has_errors() => p,
        _ => {
            let code = feature.properties.as_ref().and_then(|p| p.get("code")).and_then(|c| c.as_str());
            let errors = problems.errors().cloned().collect();
            return Err(BrokenRules { code: code.map(str::to_owned), errors });
        }
    };
    if let (Some(records), Some(stored)) = (records, stored) {
        with_other_rows(&mut project, stored, |list, id| records.contains(&(list, id)));
    }
    Ok(project)
}

impl Merged {
    fn new(
        stored: Option<Stored>,
        project: Project,
        versions: VersionedProject,
        changed: Vec<MergedField>,
        new_conflicts: Vec<FieldKey>,
    ) -> Merged {
        let arrived_in_conflict = new_conflicts.iter().flat_map(|key| {
            let siblings = &versions.fields[key];
            siblings[1..].iter().map(move |s| MergedField {
                key: key.clone(),
                old: siblings[0].value.clone(),
                new: s.value.clone(),
                stamp: s.stamp.clone(),
            })
        });
        let logged: Vec<_> = changed.iter().cloned().chain(arrived_in_conflict).collect();
        let was_deleted = stored.as_ref().is_some_and(|s| s.versions.deletion().is_some());
        let entry = match (&stored, versions.deletion().is_some()) {
            (None, false) => Some(Entry::Added),
            (Some(_), true) if !was_deleted => Some(Entry::Deleted),
            _ if !changed.is_empty() => Some(Entry::Changed),
            _ => None,
        };
        Merged { stored, project, versions, logged, changed, entry, new_conflicts, other_map: false }
    }
}
