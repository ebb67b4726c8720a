//! Conflicts: fields holding values written concurrently in two places, edits made without
//! seeing a deletion, and projects that carry a code another holds; how they are listed and
//! settled.

use crate::{Error, ErrorKind, Indmap, Result};
use indmap_core::Rule;
use indmap_core::changes::{FieldChange, FieldKey};
use indmap_core::schema::Entity;
use indmap_core::version::{DELETED, Dot, Sibling, VersionedProject};
use indmap_core::{Project, ProjectCode};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// What a conflict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ConflictKind {
    /// A field holds values written concurrently in two places.
    Field,
    /// A project was edited in one place without seeing its deletion in another.
    Deletion,
    /// Another project, registered first, holds this project's code (`code_clash`): this one
    /// needs a new code. `theirs` names the holder.
    Code,
}

/// A field that holds concurrent values, an edit made without seeing a deletion, or a code
/// held by another project.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConflictView {
    /// What `indmap resolve` takes: `CODE:field` or `CODE:list/ROW-ID/field`, and
    /// `PROJECT-ID:code` for a code another project holds.
    pub id: String,
    pub kind: ConflictKind,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub project_id: Uuid,
    pub code: Option<String>,
    pub name: String,
    pub field: String,
    /// The value in force here, and who wrote it.
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub mine: Value,
    pub mine_by: String,
    /// The concurrent values, newest write first.
    #[cfg_attr(feature = "ts", ts(type = "Array<[unknown, string]>"))]
    pub theirs: Vec<(Value, String)>,
    /// The value both sides changed, when this database's history knows it: the value a write
    /// of either side replaced here.
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub base: Option<Value>,
    /// The field itself, for settling it.
    #[serde(skip)]
    key: FieldKey,
    /// The writes of the values side by side, ours first.
    #[serde(skip)]
    dots: Vec<Dot>,
}

/// How a conflict is settled. The window sends `{ kind: "mine" }`, `{ kind: "theirs" }` or
/// `{ kind: "value", value: <JSON> }`; the command line types `mine`, `theirs` or a value
/// ([`Take::parse`]).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Take {
    /// The value in force here.
    Mine,
    /// The newest of the other values.
    Theirs,
    /// A new value.
    Value(#[cfg_attr(feature = "ts", ts(type = "unknown"))] Value),
}

impl Take {
    /// `mine`, `theirs`, or else a value (see [`Take::value`]).
    pub fn parse(text: &str) -> Take {
        match text.trim() {
            "mine" => Take::Mine,
            "theirs" => Take::Theirs,
            other => Take::value(other),
        }
    }

    /// A value typed by a user: JSON when it reads as JSON (numbers, objects), else text.
    pub fn value(text: &str) -> Take {
        let text = text.trim();
        Take::Value(serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned())))
    }
}

fn who(s: &Sibling) -> String {
    format!("{} ({}, database {}, write {})", s.stamp.user, s.stamp.at, short(s.stamp.dot.db), s.stamp.dot.counter)
}

pub(super) fn short(id: Uuid) -> String {
    id.to_string()[..8].to_owned()
}

pub(super) fn label(p: &Project) -> (Option<String>, String) {
    (p.code.as_ref().map(|c| c.to_string()), p.name_ru.clone())
}

/// The conflicts a versioned project holds.
pub(super) fn conflicts_of(p: &Project, vp: &VersionedProject) -> Vec<ConflictView> {
    let (code, name) = label(p);
    let handle = code.clone().unwrap_or_else(|| p.id.to_string());
    let mut out: Vec<ConflictView> = vp
        .conflicts()
        .map(|(key, siblings)| ConflictView {
            id: format!("{handle}:{}", key.path()),
            kind: ConflictKind::Field,
            project_id: p.id,
            code: code.clone(),
            name: name.clone(),
            field: key.path(),
            mine: siblings[0].value.clone(),
            mine_by: who(&siblings[0]),
            theirs: siblings[1..].iter().map(|s| (s.value.clone(), who(s))).collect(),
            base: None,
            key: key.clone(),
            dots: siblings.iter().map(|s| s.stamp.dot).collect(),
        })
        .collect();
    let against = vp.edits_against_deletion();
    if let (Some((deletion, _)), false) = (vp.deletion(), against.is_empty()) {
        out.push(ConflictView {
            id: format!("{handle}:{DELETED}"),
            kind: ConflictKind::Deletion,
            project_id: p.id,
            code,
            name,
            field: DELETED.into(),
            mine: deletion.value.clone(),
            mine_by: who(deletion),
            theirs: against.iter().map(|(k, s)| (serde_json::json!({ k.path(): s.value }), who(s))).collect(),
            base: None,
            key: FieldKey { entity: Entity::Project, record_id: p.id, field: DELETED.into() },
            dots: Vec::new(),
        });
    }
    out
}

/// A project that carries the code `holder` holds. The id names the project by its id, as its
/// code names the holder.
fn code_clash_view(project: &Project, holder: &Project) -> ConflictView {
    let (code, name) = label(project);
    let held_by = format!("{} ({})", code.clone().unwrap_or_default(), short(holder.id));
    ConflictView {
        id: format!("{}:code", project.id),
        kind: ConflictKind::Code,
        project_id: project.id,
        code: code.clone(),
        name,
        field: "code".into(),
        mine: code.map_or(Value::Null, Value::String),
        mine_by: short(project.id),
        theirs: vec![(Value::String(holder.name_ru.clone()), held_by)],
        base: None,
        key: FieldKey { entity: Entity::Project, record_id: project.id, field: "code".into() },
        dots: Vec::new(),
    }
}

/// The conflicts of the projects that carry a code another holds, the projects loaded by `load`.
pub(super) fn code_clash_views(
    clashes: Vec<indmap_core::code_clash::Clash>,
    load: impl Fn(Uuid) -> indmap_store::Result<Option<Project>>,
) -> indmap_store::Result<Vec<ConflictView>> {
    let mut views = Vec::new();
    for clash in clashes {
        let Some(holder) = load(clash.holder)? else { continue };
        for other in clash.others {
            if let Some(project) = load(other)? {
                views.push(code_clash_view(&project, &holder));
            }
        }
    }
    Ok(views)
}

impl Indmap {
    /// Every conflict of this database's map.
    pub fn conflicts(&self) -> Result<Vec<ConflictView>> {
        self.store.snapshot(|| self.conflicts_now())
    }

    fn conflicts_now(&self) -> Result<Vec<ConflictView>> {
        let projects = self.store.versioned_projects(&self.store.projects_with_conflicts()?)?;
        // Another region's conflicts are its akimat's to settle.
        let scope = self.store.info().scope;
        let on_map = projects.iter().filter(|(p, _)| scope.covers(p.region));
        let mut views: Vec<ConflictView> = on_map.flat_map(|(p, vp)| conflicts_of(p, vp)).collect();
        for view in views.iter_mut().filter(|v| !v.dots.is_empty()) {
            view.base = self.base_of(view)?;
        }
        views.extend(code_clash_views(self.store.code_clashes()?, |id| self.store.project(id))?);
        Ok(views)
    }

    /// The value the conflicting writes replaced, from the history: the earliest of them logged
    /// here replaced it (those logged later replaced, or arrived beside, a value of the conflict).
    fn base_of(&self, view: &ConflictView) -> Result<Option<Value>> {
        let history = self.store.history(view.project_id)?;
        let (record, field) = (view.key.record_id.to_string(), view.key.field.as_str());
        let is_conflicting =
            |db: &str, counter: i64| view.dots.iter().any(|d| d.db.to_string() == db && d.counter == counter);
        Ok(history
            .iter()
            .filter(|e| e.record_id == record && e.field == field && is_conflicting(&e.db_id, e.counter))
            .min_by_key(|e| e.seq)
            .map(|e| e.old.clone()))
    }

    /// Settles a conflict by a new write of this database, made having seen every value.
    pub fn resolve(&mut self, conflict_id: &str, take: Take) -> Result<()> {
        let conflict = self.conflicts()?.into_iter().find(|c| c.id == conflict_id).ok_or_else(|| {
            Error::not_found(format!("there is no open conflict {conflict_id} (see `indmap conflicts`)"))
        })?;
        let project = self.store.versioned_project(conflict.project_id)?.map(|(p, _)| p);
        let project =
            project.ok_or_else(|| Error::not_found(format!("there is no project {}", conflict.project_id)))?;
        if conflict.kind == ConflictKind::Code {
            return self.recode(&project, &conflict, take);
        }
        let handle = conflict.code.clone().unwrap_or_else(|| project.id.to_string());
        let id = handle.as_str();
        if conflict.field == DELETED {
            // Keep the deletion, or bring the project back with the edits made meanwhile.
            return match take {
                Take::Mine => self.delete_again(id),
                Take::Theirs => self.undelete(id),
                Take::Value(_) => {
                    let mut problems = indmap_core::Problems::new();
                    problems.error(
                        "take",
                        Rule::ResolveTake,
                        "a deletion is settled with --take mine (keep it deleted) or --take theirs (keep the project)",
                    );
                    Err(Error::invalid(problems))
                }
            };
        }
        let value = match take {
            Take::Mine => conflict.mine.clone(),
            Take::Theirs => conflict.theirs.first().map(|(v, _)| v.clone()).unwrap_or(Value::Null),
            Take::Value(v) => v,
        };
        let (settled, _) = crate::projects::with_values(self, &project, &[(conflict.key.clone(), value.clone())])?;
        let author = self.author();
        Ok(self.store.write(&author, |w| {
            w.replace_project(&project, &settled)?;
            w.settle(&conflict.key, project.id, &value)
        })?)
    }

    /// Gives a project whose code another holds a new one: the next free code under the same
    /// prefix (`theirs`: the code is theirs) or the code given. Written when this database owns
    /// the project's code, proposed to its owner otherwise.
    fn recode(&mut self, project: &Project, conflict: &ConflictView, take: Take) -> Result<()> {
        let refuse = |rule: Rule, message: String| {
            let mut problems = indmap_core::Problems::new();
            problems.error("code", rule, message);
            Error::invalid(problems)
        };
        let old =
            project.code.clone().ok_or_else(|| Error::not_found(format!("project {} has no code", project.id)))?;
        let code = match take {
            Take::Theirs => self.store.next_free_code(old.prefix())?,
            Take::Value(v) => v.as_str().and_then(ProjectCode::parse).ok_or_else(|| {
                refuse(
                    Rule::CodeFormat,
                    "must look like 35-0042 (a region's KATO prefix or RK, a dash, 4 or more digits)".into(),
                )
            })?,
            Take::Mine => {
                return Err(refuse(
                    Rule::CodeHeld,
                    format!(
                        "{old} is held by project {}, registered first: settle with --take theirs (the next free code) or a new code",
                        conflict.theirs.first().map_or("", |(_, by)| by.as_str())
                    ),
                ));
            }
        };
        if self.store.project_id_by_code(&code)?.is_some() {
            return Err(refuse(
                Rule::CodeTaken,
                format!("{code} is another project's code: choose one no project has"),
            ));
        }
        let value = Value::String(code.to_string());
        let (recoded, _) = crate::projects::with_values(self, project, &[(conflict.key.clone(), value.clone())])?;
        let change =
            FieldChange { key: conflict.key.clone(), project_id: project.id, old: conflict.mine.clone(), new: value };
        let (_, proposed) = self.split_by_owner(project, vec![change]);
        if !proposed.is_empty() {
            return self.propose(&recoded, &proposed);
        }
        let author = self.author();
        Ok(self.store.write(&author, |w| w.replace_project(project, &recoded))?)
    }

    /// Deletes an already deleted project again, having seen every edit made meanwhile.
    fn delete_again(&mut self, id_or_code: &str) -> Result<()> {
        let (project, vp) = self.versioned(id_or_code)?;
        let reason = vp.deletion().and_then(|(d, _)| d.value.get("reason").and_then(|r| r.as_str()).map(str::to_owned));
        let author = self.author();
        Ok(self.store.write(&author, |w| w.delete_project(&project, reason.as_deref()))?)
    }

    /// Brings a deleted project back.
    pub fn undelete(&mut self, id_or_code: &str) -> Result<()> {
        let (project, vp) = self.versioned(id_or_code)?;
        if vp.deletion().is_none() {
            return Err(Error::new(ErrorKind::Conflict, format!("project {id_or_code} is not deleted")));
        }
        let author = self.author();
        Ok(self.store.write(&author, |w| w.undelete_project(&project))?)
    }

    fn versioned(&self, id_or_code: &str) -> Result<(Project, VersionedProject)> {
        let id = self.resolve_id(id_or_code)?;
        self.store.versioned_project(id)?.ok_or_else(|| Error::not_found(format!("there is no project {id_or_code}")))
    }
}
