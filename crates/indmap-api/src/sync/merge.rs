//! Merging one project of a file, in two steps: `plan` has the core decide everything from the
//! project as stored and the file's version of it (`indmap_core::merge_plan`), writing nothing
//! (so it can run on the thread that reads ahead), and puts it as the report tells it; `write`
//! stores the plan and adds it to the report.

use super::conflicts::{ConflictView, code_clash_views, conflicts_of, label};
use super::ownership;
use super::report::{FieldUpdate, ImportReport, ProjectUpdate, Refusal};
use indmap_core::changes::FieldKey;
use indmap_core::merge_plan::{self, Entry, MergePlan, Stored};
use indmap_core::ownership::Verdict;
use indmap_core::proposal::Proposal;
use indmap_core::version::{MergedField, VersionedProject};
use indmap_core::{IdSource, Project, ProjectCode, Scope, code_clash};
use indmap_store::{StoreError, Writer};
use serde_json::Value;
use std::collections::HashMap;
use uuid::Uuid;

/// What merging one project of a file comes to, as the report tells it.
pub(super) struct Plan {
    /// Writes of the file taken out of the merge: kept as proposals, or refused.
    proposals: Vec<Proposal>,
    refused: Vec<Refusal>,
    outcome: Outcome,
}

enum Outcome {
    /// The project stays as it is.
    Unchanged,
    /// The merged project would break rules.
    Refused(Refusal),
    Store(Box<Merged>),
}

/// A merged project to store, and what the report says of it once stored.
struct Merged {
    stored: Option<(Project, VersionedProject)>,
    project: Project,
    versions: VersionedProject,
    /// History: every value that arrived, in force or concurrent.
    logged: Vec<MergedField>,
    entry: Option<(Entry, ProjectUpdate)>,
    conflicts: Vec<ConflictView>,
    /// On another region's map: counted, not listed (see `merge_plan::Merged::other_map`).
    other_map: bool,
}

/// Works out the merge of `remote` into the project as stored here (`None`: new here), given
/// the scope each known database keeps. Ids missing from the file are made with `ids`.
pub(super) fn plan(
    scope: Scope,
    stored: Option<Stored>,
    remote: &VersionedProject,
    scopes: &HashMap<Uuid, Scope>,
    ids: &mut dyn IdSource,
) -> Plan {
    Plan::told(remote.project_id, merge_plan::plan(scope, stored, remote, scopes, ids))
}

impl Plan {
    /// The core's plan for project `id`, as the report tells it.
    fn told(id: Uuid, plan: MergePlan) -> Plan {
        let MergePlan { stored_code, taken_out, outcome } = plan;
        let code = stored_code.map(|c| c.to_string());
        let (mut proposals, mut refused) = (Vec::new(), Vec::new());
        for taken in taken_out {
            match &taken.verdict {
                Verdict::Propose => proposals.push(ownership::as_proposal(id, &taken)),
                Verdict::Refuse(why) => {
                    let reason = format!("{}: {why}", taken.key.path());
                    refused.push(Refusal { id, code: code.clone(), reason });
                }
            }
        }
        let outcome = match outcome {
            merge_plan::Outcome::Unchanged => Outcome::Unchanged,
            merge_plan::Outcome::Refused(broken) => {
                Outcome::Refused(Refusal { id, code: broken.code.clone(), reason: broken.to_string() })
            }
            merge_plan::Outcome::Store(merged) => Outcome::Store(Box::new(Merged::told(*merged))),
        };
        Plan { proposals, refused, outcome }
    }
}

impl Merged {
    /// A merged project as the report tells it, its history as the store logs it.
    fn told(merged: merge_plan::Merged) -> Merged {
        let shown = merged.makes_conflicts() && !merged.other_map;
        let conflicts = if shown { conflicts_of(&merged.project, &merged.versions) } else { Vec::new() };
        let merge_plan::Merged { stored, project, versions, logged, changed, entry, other_map, .. } = merged;
        let logged = if stored.is_none() { as_births(logged) } else { logged };
        let entry = entry.map(|e| (e, update(&project, changed)));
        let stored = stored.map(|s| (s.project, s.versions));
        Merged { stored, project, versions, logged, entry, conflicts, other_map }
    }
}

/// What the report lists of a project the merge changed.
fn update(project: &Project, changed: Vec<MergedField>) -> ProjectUpdate {
    let (code, name) = label(project);
    let fields = changed
        .into_iter()
        .map(|c| FieldUpdate {
            field: c.key.path(),
            old: c.old,
            new: c.new,
            by_db: c.stamp.dot.db,
            by_user: c.stamp.user.to_string(),
        })
        .collect();
    ProjectUpdate { id: project.id, code, name, fields }
}

/// Stores a plan and adds what it did to the report. A merged project the database refuses
/// (its code taken, a rule broken) is refused alone.
pub(super) fn write(w: &mut Writer<'_>, plan: Plan, report: &mut ImportReport) -> indmap_store::Result<()> {
    for proposal in &plan.proposals {
        report.proposals += 1;
        w.put_proposal(proposal)?;
    }
    report.refused.extend(plan.refused);
    match plan.outcome {
        Outcome::Unchanged => Ok(()),
        Outcome::Refused(refusal) => {
            report.refused.push(refusal);
            Ok(())
        }
        Outcome::Store(merged) => store(w, *merged, report),
    }
}

/// Stores a merged project and adds it to the report, or refuses it when the database does.
fn store(w: &mut Writer<'_>, merged: Merged, report: &mut ImportReport) -> indmap_store::Result<()> {
    let Merged { stored, project, versions, logged, entry, conflicts, other_map } = merged;
    let previous = stored.as_ref().map(|(p, vp)| (p, vp));
    match w.apply_merged(previous, &project, &versions, &logged) {
        Ok(_) => {}
        Err(e @ StoreError::Constraint(_)) => {
            let code = project.code.as_ref().map(|c| c.to_string());
            report.refused.push(Refusal { id: project.id, code, reason: e.to_string() });
            return Ok(());
        }
        Err(other) => return Err(other),
    }
    if other_map {
        report.other_maps += usize::from(entry.is_some());
        return Ok(());
    }
    if let Some(code) = project.code.as_ref().filter(|_| versions.deletion().is_none()) {
        report.conflicts.extend(code_clashes(w, code)?);
    }
    match entry {
        Some((Entry::Added, update)) => report.added.push(update),
        Some((Entry::Changed, update)) => report.changed.push(update),
        Some((Entry::Deleted, update)) => report.deleted.push(update),
        None => {}
    }
    report.conflicts.extend(conflicts);
    Ok(())
}

/// The projects that carry a code another holds, when a merged project made `code` contested.
fn code_clashes(w: &Writer<'_>, code: &ProjectCode) -> indmap_store::Result<Vec<ConflictView>> {
    code_clash_views(code_clash::clashes(&w.code_claims(code)?), |id| w.project(id))
}

/// The history of a project new here: one entry per record and write, with all its values, as
/// a birth is logged where it happens.
fn as_births(fields: Vec<MergedField>) -> Vec<MergedField> {
    let mut records: Vec<MergedField> = Vec::new();
    for f in fields {
        let same = |r: &&mut MergedField| {
            r.key.entity == f.key.entity && r.key.record_id == f.key.record_id && r.stamp.dot == f.stamp.dot
        };
        match records.iter_mut().find(same) {
            Some(r) => {
                if let Value::Object(map) = &mut r.new {
                    map.insert(f.key.field, f.new);
                }
            }
            None => records.push(MergedField {
                key: FieldKey { field: indmap_store::BIRTH.into(), ..f.key.clone() },
                old: Value::Null,
                new: serde_json::json!({ f.key.field.clone(): f.new }),
                stamp: f.stamp,
            }),
        }
    }
    records
}
