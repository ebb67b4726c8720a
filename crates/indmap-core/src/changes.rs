//! A project as a flat set of fields, and what changed between two versions of it, field by
//! field: the unit of the change log and of the merge. Fields are named as in the interchange
//! properties, so a field has the same name in the log, in files and in messages.

use crate::feature::project_properties_with_rows;
use crate::project::Project;
use crate::schema::Entity;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The child lists of a project; each row is a record of its own, with its own id.
pub const CHILD_LISTS: [&str; 5] = [
    Entity::Financing.as_str(),
    Entity::Milestones.as_str(),
    Entity::Actions.as_str(),
    Entity::SupportMeasures.as_str(),
    Entity::Monitoring.as_str(),
];

/// The entity a field belongs to: `project`, or the child list of its row.
pub fn entity(name: &str) -> Option<&'static str> {
    std::iter::once("project").chain(CHILD_LISTS).find(|e| *e == name)
}

/// One field of one record.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldKey {
    /// `project`, or the child list the row belongs to (`financing`, ...).
    pub entity: &'static str,
    pub record_id: Uuid,
    pub field: String,
}

impl FieldKey {
    /// How people and files name the field: `cost_kzt`, or `financing/<row id>/amount_kzt`.
    pub fn path(&self) -> String {
        match self.entity {
            "project" => self.field.clone(),
            list => format!("{list}/{}/{}", self.record_id, self.field),
        }
    }
}

/// Every field of a project and of its rows. A row that is removed simply has no fields; a
/// project's own fields include `geometry` and exclude `id`.
pub type Fields = BTreeMap<FieldKey, Value>;

pub fn flatten(p: &Project) -> Fields {
    flatten_records(p, |_, _| true)
}

/// `flatten`, of the project's own record and the rows `keep` takes (given their list and id).
pub fn flatten_records(p: &Project, keep: impl Fn(&'static str, Uuid) -> bool) -> Fields {
    let mut props = project_properties_with_rows(p, keep);
    let mut fields = Fields::new();
    for list in CHILD_LISTS {
        let Some(Value::Array(rows)) = props.remove(list) else { continue };
        for row in rows {
            let Value::Object(mut row) = row else { continue };
            let Some(id) = row.remove("id").and_then(|v| v.as_str().and_then(|s| Uuid::parse_str(s).ok())) else {
                continue;
            };
            for (field, value) in row {
                fields.insert(FieldKey { entity: list, record_id: id, field }, value);
            }
        }
    }
    props.remove("id");
    let geometry = p.location.as_ref().map(|g| serde_json::to_value(geojson::Geometry::from(g)).unwrap_or(Value::Null));
    props.insert("geometry".into(), geometry.unwrap_or(Value::Null));
    for (field, value) in props {
        fields.insert(FieldKey { entity: "project", record_id: p.id, field }, value);
    }
    fields
}

/// The Feature that carries these fields, for reading back into a project. Rows keep the order
/// of `row_order` (ids known to be in that order), then the rest in id order, which for UUID v7
/// is the order they were made in. A row whose fields are all null has been removed.
pub fn unflatten(project_id: Uuid, fields: &Fields, row_order: &[Uuid]) -> geojson::Feature {
    let mut props = Map::new();
    props.insert("id".into(), Value::String(project_id.to_string()));
    let mut rows: BTreeMap<(&str, Uuid), Map<String, Value>> = BTreeMap::new();
    let mut geometry = None;
    for (key, value) in fields {
        match (key.entity, key.field.as_str()) {
            ("project", "geometry") => geometry = serde_json::from_value::<geojson::Geometry>(value.clone()).ok(),
            ("project", field) => {
                props.insert(field.to_owned(), value.clone());
            }
            (list, field) => {
                rows.entry((list, key.record_id)).or_default().insert(field.to_owned(), value.clone());
            }
        }
    }
    let rank = |id: &Uuid| row_order.iter().position(|o| o == id).unwrap_or(usize::MAX);
    for list in CHILD_LISTS {
        let mut items: Vec<(Uuid, Map<String, Value>)> = rows
            .iter()
            .filter(|((l, _), row)| *l == list && row.values().any(|v| !v.is_null()))
            .map(|((_, id), row)| (*id, row.clone()))
            .collect();
        items.sort_by_key(|(id, _)| (rank(id), *id));
        let values = items
            .into_iter()
            .map(|(id, mut row)| {
                row.insert("id".into(), Value::String(id.to_string()));
                Value::Object(row)
            })
            .collect();
        props.insert(list.into(), Value::Array(values));
    }
    geojson::Feature { geometry, properties: Some(props), ..Default::default() }
}

/// The ids of a project's rows in the order it shows them (what `unflatten` keeps).
pub fn row_order(p: &Project) -> Vec<Uuid> {
    let ids = p.financing.iter().map(|r| r.id);
    let ids = ids.chain(p.milestones.iter().map(|r| r.id)).chain(p.actions.iter().map(|r| r.id));
    ids.chain(p.support_measures.iter().map(|r| r.id)).chain(p.monitoring.iter().map(|r| r.id)).collect()
}

/// Completes a project read back from some of its records (its own record and the rows
/// `carried` takes, as `unflatten` gives them) with the other rows of `stored`. The rows come in
/// the order `unflatten` would give the whole project: `stored`'s, then new ones.
pub fn with_other_rows(merged: &mut Project, stored: &Project, carried: impl Fn(&str, Uuid) -> bool) {
    fn splice<T: Clone>(
        list: &str,
        stored: &[T],
        merged: &mut Vec<T>,
        id: fn(&T) -> Uuid,
        carried: &dyn Fn(&str, Uuid) -> bool,
    ) {
        let mut arrived = std::mem::take(merged);
        for row in stored {
            if !carried(list, id(row)) {
                merged.push(row.clone());
            } else if let Some(i) = arrived.iter().position(|m| id(m) == id(row)) {
                merged.push(arrived.remove(i));
            }
        }
        merged.extend(arrived);
    }
    splice("financing", &stored.financing, &mut merged.financing, |r| r.id, &carried);
    splice("milestones", &stored.milestones, &mut merged.milestones, |r| r.id, &carried);
    splice("actions", &stored.actions, &mut merged.actions, |r| r.id, &carried);
    splice("support_measures", &stored.support_measures, &mut merged.support_measures, |r| r.id, &carried);
    splice("monitoring", &stored.monitoring, &mut merged.monitoring, |r| r.id, &carried);
}

/// One field of one record that changed. `old` is null for a record that is born, `new` is null
/// for a field of a record that is removed.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub key: FieldKey,
    pub project_id: Uuid,
    pub old: Value,
    pub new: Value,
}

/// Every field that differs between two flat versions of a project.
pub fn diff(project_id: Uuid, old: &Fields, new: &Fields) -> Vec<FieldChange> {
    let mut keys: Vec<&FieldKey> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|key| {
            let before = old.get(key).unwrap_or(&Value::Null);
            let after = new.get(key).unwrap_or(&Value::Null);
            (before != after).then(|| FieldChange {
                key: key.clone(),
                project_id,
                old: before.clone(),
                new: after.clone(),
            })
        })
        .collect()
}

/// Every field that differs between `old` and `new` (either may be absent: a birth or a removal).
pub fn project_changes(old: Option<&Project>, new: Option<&Project>) -> Vec<FieldChange> {
    let Some(project_id) = new.or(old).map(|p| p.id) else { return Vec::new() };
    diff(project_id, &old.map(flatten).unwrap_or_default(), &new.map(flatten).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FinancingRow, Money, RegionCode, reference::FinancingStatus};

    #[test]
    fn flatten_and_unflatten_are_inverse() {
        let mut p =
            Project::new(Uuid::from_u128(1), "Атауы".into(), "Название".into(), RegionCode::parse("35").unwrap());
        for n in [9u128, 3] {
            p.financing.push(FinancingRow {
                id: Uuid::from_u128(n),
                source: "dbk".into(),
                amount: Money(100),
                year: 2026,
                status: FinancingStatus::Planned,
                note: None,
            });
        }
        let fields = flatten(&p);
        let feature = unflatten(p.id, &fields, &[Uuid::from_u128(9)]);
        let (back, problems) = crate::feature::project_from_feature(&feature, &mut crate::ident::tests_support::NoIds);
        assert!(!problems.has_errors(), "{problems:?}");
        assert_eq!(back.unwrap(), p);
        assert!(project_changes(Some(&p), Some(&p)).is_empty());
        // Read back from its own record and row 3 only, it gets row 9 from the stored version.
        let only_3 = |_: &str, id: Uuid| id == Uuid::from_u128(3);
        let partial = unflatten(p.id, &flatten_records(&p, only_3), &[Uuid::from_u128(9)]);
        let (mut back, _) = crate::feature::project_from_feature(&partial, &mut crate::ident::tests_support::NoIds);
        let back = back.as_mut().unwrap();
        assert_eq!(back.financing.len(), 1);
        with_other_rows(back, &p, only_3);
        assert_eq!(*back, p);
        let mut removed = p.clone();
        removed.financing.remove(0);
        let changes = project_changes(Some(&p), Some(&removed));
        assert!(changes.iter().all(|c| c.key.record_id == Uuid::from_u128(9) && c.new.is_null()));
    }
}
