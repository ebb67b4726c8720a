//! Merging one project of a file, in two steps: `plan` works out everything from the project as
//! stored and the file's version of it, writing nothing (so it can run on the thread that reads
//! ahead); `write` stores the plan and adds it to the report.

use super::conflicts::{ConflictView, conflicts_of, label};
use super::ownership;
use super::report::{FieldUpdate, ImportReport, ProjectUpdate, Refusal};
use indmap_core::changes::{FieldKey, row_order, unflatten, with_other_rows};
use indmap_core::proposal::Proposal;
use indmap_core::schema::Entity;
use indmap_core::version::{DELETED, Merge, MergedField, VersionedProject, merge};
use indmap_core::{IdSource, Project, Scope};
use indmap_store::StoredProject;
use serde_json::Value;
use std::collections::HashMap;
use uuid::Uuid;

/// What merging one project of a file comes to.
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
    /// The project is outside the map this database keeps.
    OutOfScope,
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
}

enum Entry {
    Added,
    Changed,
    Deleted,
}

/// Works out the merge of `remote` into the project as stored here (`None`: new here), given
/// the scope each known database keeps. Ids missing from the file are made with `ids`.
pub(super) fn plan(
    scope: Scope,
    local: Option<StoredProject>,
    remote: &VersionedProject,
    scopes: &HashMap<Uuid, Scope>,
    ids: &mut dyn IdSource,
) -> Plan {
    let (local_project, local_vp, records) = match local {
        Some(StoredProject { project, versions, records }) => (Some(project), versions, records),
        None => (None, VersionedProject { project_id: remote.project_id, ..Default::default() }, None),
    };
    let mut plan = Plan { proposals: Vec::new(), refused: Vec::new(), outcome: Outcome::Unchanged };
    let (remote, taken_out) = ownership::sanitize(local_project.as_ref(), &local_vp, remote, scopes);
    if !taken_out.is_empty() {
        let code = local_project.as_ref().and_then(|p| p.code.as_ref().map(|c| c.to_string()));
        for (key, sibling, verdict) in taken_out {
            match verdict {
                ownership::Verdict::Propose => {
                    plan.proposals.push(ownership::as_proposal(remote.project_id, &key, &sibling))
                }
                ownership::Verdict::Refuse(reason) => plan.refused.push(Refusal {
                    id: remote.project_id,
                    code: code.clone(),
                    reason: format!("{}: {reason}", key.path()),
                }),
            }
        }
        if local_project.is_none() && remote.fields.is_empty() {
            return plan;
        }
    }
    let remote = &remote;
    let Merge { result, changed, new_conflicts } = merge(&local_vp, remote);
    if changed.is_empty() && new_conflicts.is_empty() && result.context == local_vp.context {
        return plan;
    }
    let mut values = result.values();
    values.retain(|k, _| k.field != DELETED || k.entity != Entity::Project);
    let order: Vec<Uuid> = local_project.as_ref().map(row_order).unwrap_or_default();
    let feature = unflatten(remote.project_id, &values, &order);
    let (project, problems) = indmap_core::feature::project_from_feature(&feature, ids);
    let mut project = match project {
        Some(p) if !problems.has_errors() => p,
        _ => {
            let errors: Vec<String> = problems.errors().map(|p| p.to_string()).collect();
            let code = feature.properties.as_ref().and_then(|p| p.get("code")).and_then(|c| c.as_str());
            plan.outcome = Outcome::Refused(Refusal {
                id: remote.project_id,
                code: code.map(str::to_owned),
                reason: format!("the merged project would break rules: {}", errors.join("; ")),
            });
            return plan;
        }
    };
    // Merged from some of its records: the others are as stored.
    if let (Some(records), Some(stored)) = (&records, &local_project) {
        with_other_rows(&mut project, stored, |list, id| records.contains(&(list, id)));
    }
    if !scope.covers(project.region) {
        plan.outcome = Outcome::OutOfScope;
        return plan;
    }
    let arrived_in_conflict = new_conflicts.iter().flat_map(|key| {
        let siblings = &result.fields[key];
        siblings[1..].iter().map(move |s| MergedField {
            key: key.clone(),
            old: siblings[0].value.clone(),
            new: s.value.clone(),
            stamp: s.stamp.clone(),
        })
    });
    let mut logged: Vec<_> = changed.iter().cloned().chain(arrived_in_conflict).collect();
    if local_project.is_none() {
        logged = as_births(logged);
    }
    let (code, name) = label(&project);
    let fields: Vec<FieldUpdate> = changed
        .into_iter()
        .map(|c| FieldUpdate {
            field: c.key.path(),
            old: c.old,
            new: c.new,
            by_db: c.stamp.dot.db,
            by_user: c.stamp.user.to_string(),
        })
        .collect();
    let was_deleted = local_vp.deletion().is_some();
    let entry = match (&local_project, result.deletion().is_some()) {
        (None, false) => Some(Entry::Added),
        (Some(_), true) if !was_deleted => Some(Entry::Deleted),
        _ if !fields.is_empty() => Some(Entry::Changed),
        _ => None,
    };
    let entry = entry.map(|e| (e, ProjectUpdate { id: project.id, code, name, fields }));
    let conflicts = if !new_conflicts.is_empty() || !result.edits_against_deletion().is_empty() {
        conflicts_of(&project, &result)
    } else {
        Vec::new()
    };
    let stored = local_project.map(|p| (p, local_vp));
    plan.outcome = Outcome::Store(Box::new(Merged { stored, project, versions: result, logged, entry, conflicts }));
    plan
}

/// Stores a plan and adds what it did to the report. A merged project the database refuses
/// (its code taken, a rule broken) is refused alone.
pub(super) fn write(
    w: &mut indmap_store::Writer<'_>,
    plan: Plan,
    report: &mut ImportReport,
) -> indmap_store::Result<()> {
    for proposal in &plan.proposals {
        report.proposals += 1;
        w.put_proposal(proposal)?;
    }
    report.refused.extend(plan.refused);
    let merged = match plan.outcome {
        Outcome::Unchanged => return Ok(()),
        Outcome::Refused(refusal) => {
            report.refused.push(refusal);
            return Ok(());
        }
        Outcome::OutOfScope => {
            report.out_of_scope += 1;
            return Ok(());
        }
        Outcome::Store(merged) => merged,
    };
    let Merged { stored, project, versions, logged, entry, conflicts } = *merged;
    let previous = stored.as_ref().map(|(p, vp)| (p, vp));
    if let Err(e) = w.apply_merged(previous, &project, &versions, &logged) {
        match e {
            indmap_store::StoreError::CodeTaken(_) | indmap_store::StoreError::Constraint(_) => {
                let code = project.code.as_ref().map(|c| c.to_string());
                report.refused.push(Refusal { id: project.id, code, reason: e.to_string() });
                return Ok(());
            }
            other => return Err(other),
        }
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
