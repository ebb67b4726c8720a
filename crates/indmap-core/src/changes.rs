//! What changed between two versions of a project, field by field: the unit of the change log
//! (and, later, of the merge). Records are compared through their interchange properties, so a
//! field has the same name in the log, in files and in messages.

use crate::feature::project_properties;
use crate::project::Project;
use serde_json::{Map, Value};
use uuid::Uuid;

/// The child lists of a project; each row is a record of its own, with its own id.
pub const CHILD_LISTS: [&str; 5] = ["financing", "milestones", "actions", "support_measures", "monitoring"];

/// One field of one record that changed. `old` is null for a record that is born, `new` is null
/// for a field of a record that is removed.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// `project`, or the child list the row belongs to (`financing`, ...).
    pub entity: &'static str,
    pub record_id: Uuid,
    pub project_id: Uuid,
    pub field: String,
    pub old: Value,
    pub new: Value,
}

/// The project's own fields and, per child list, its rows' fields by row id.
struct Flat {
    fields: Map<String, Value>,
    lists: Vec<Vec<(Uuid, Map<String, Value>)>>,
}

fn flatten(p: &Project) -> Flat {
    let mut fields = project_properties(p);
    let lists = CHILD_LISTS.iter().map(|list| child_rows(fields.remove(*list))).collect();
    fields.remove("id");
    let geometry = p.location.as_ref().map(|g| serde_json::to_value(geojson::Geometry::from(g)).unwrap_or(Value::Null));
    fields.insert("geometry".into(), geometry.unwrap_or(Value::Null));
    Flat { fields, lists }
}

fn child_rows(list: Option<Value>) -> Vec<(Uuid, Map<String, Value>)> {
    let Some(Value::Array(rows)) = list else { return Vec::new() };
    rows.into_iter()
        .filter_map(|row| {
            let Value::Object(mut row) = row else { return None };
            let id = row.remove("id")?.as_str().and_then(|s| Uuid::parse_str(s).ok())?;
            Some((id, row))
        })
        .collect()
}

fn diff_fields(
    entity: &'static str,
    record_id: Uuid,
    project_id: Uuid,
    old: &Map<String, Value>,
    new: &Map<String, Value>,
    out: &mut Vec<FieldChange>,
) {
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let before = old.get(key).unwrap_or(&Value::Null);
        let after = new.get(key).unwrap_or(&Value::Null);
        if before != after {
            out.push(FieldChange {
                entity,
                record_id,
                project_id,
                field: key.clone(),
                old: before.clone(),
                new: after.clone(),
            });
        }
    }
}

/// Every field that differs between `old` and `new` (either may be absent: a birth or a removal).
pub fn project_changes(old: Option<&Project>, new: Option<&Project>) -> Vec<FieldChange> {
    let Some(project_id) = new.or(old).map(|p| p.id) else { return Vec::new() };
    let mut out = Vec::new();
    let (old, new) = (old.map(flatten), new.map(flatten));
    let fields = |f: &Option<Flat>| f.as_ref().map(|f| f.fields.clone()).unwrap_or_default();
    diff_fields("project", project_id, project_id, &fields(&old), &fields(&new), &mut out);
    for (i, list) in CHILD_LISTS.into_iter().enumerate() {
        let rows = |f: &Option<Flat>| f.as_ref().map(|f| f.lists[i].clone()).unwrap_or_default();
        let (old_rows, new_rows) = (rows(&old), rows(&new));
        let find =
            |rows: &[(Uuid, Map<String, Value>)], id: Uuid| rows.iter().find(|(r, _)| *r == id).map(|(_, r)| r.clone());
        let mut ids: Vec<Uuid> = old_rows.iter().chain(&new_rows).map(|(id, _)| *id).collect();
        ids.sort();
        ids.dedup();
        for id in ids {
            let (before, after) = (find(&old_rows, id).unwrap_or_default(), find(&new_rows, id).unwrap_or_default());
            diff_fields(list, id, project_id, &before, &after, &mut out);
        }
    }
    out
}
