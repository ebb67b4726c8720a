//! A project as a flat set of fields, and what changed between two versions of it, field by
//! field: the unit of the change log and of the merge. Fields are named as in the interchange
//! properties, so a field has the same name in the log, in files and in messages.

use crate::project::Project;
use crate::schema::{Entity, Record};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use uuid::Uuid;

/// One field of one record.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldKey {
    /// The project's own record, or the child list the row belongs to.
    pub entity: Entity,
    pub record_id: Uuid,
    pub field: String,
}

impl FieldKey {
    /// How people and files name the field: `cost_kzt`, or `financing/<row id>/amount_kzt`.
    pub fn path(&self) -> String {
        match self.entity {
            Entity::Project => self.field.clone(),
            list => format!("{}/{}/{}", list.as_str(), self.record_id, self.field),
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
pub fn flatten_records(p: &Project, keep: impl Fn(Entity, Uuid) -> bool) -> Fields {
    let mut fields = Fields::new();
    let mut own = Map::new();
    p.write_json(&mut own);
    let geometry = p.location.as_ref().map(|g| serde_json::to_value(geojson::Geometry::from(g)).unwrap_or(Value::Null));
    own.insert("geometry".into(), geometry.unwrap_or(Value::Null));
    for (field, value) in own {
        fields.insert(FieldKey { entity: Entity::Project, record_id: p.id, field }, value);
    }
    flatten_rows(&mut fields, &p.financing, &keep);
    flatten_rows(&mut fields, &p.milestones, &keep);
    flatten_rows(&mut fields, &p.actions, &keep);
    flatten_rows(&mut fields, &p.support_measures, &keep);
    flatten_rows(&mut fields, &p.monitoring, &keep);
    fields
}

fn flatten_rows<R: Record>(fields: &mut Fields, rows: &[R], keep: &impl Fn(Entity, Uuid) -> bool) {
    for row in rows.iter().filter(|r| keep(R::ENTITY, r.id())) {
        let mut values = Map::new();
        row.write_json(&mut values);
        for (field, value) in values {
            fields.insert(FieldKey { entity: R::ENTITY, record_id: row.id(), field }, value);
        }
    }
}

/// The Feature that carries these fields, for reading back into a project. Rows keep the order
/// of `row_order` (ids known to be in that order), then the rest in id order, which for UUID v7
/// is the order they were made in. A row whose fields are all null has been removed.
pub fn unflatten(project_id: Uuid, fields: &Fields, row_order: &[Uuid]) -> geojson::Feature {
    let mut props = Map::new();
    props.insert("id".into(), Value::String(project_id.to_string()));
    let mut rows: BTreeMap<(Entity, Uuid), Map<String, Value>> = BTreeMap::new();
    let mut geometry = None;
    for (key, value) in fields {
        match (key.entity, key.field.as_str()) {
            (Entity::Project, "geometry") => geometry = serde_json::from_value::<geojson::Geometry>(value.clone()).ok(),
            (Entity::Project, field) => {
                props.insert(field.to_owned(), value.clone());
            }
            (list, field) => {
                rows.entry((list, key.record_id)).or_default().insert(field.to_owned(), value.clone());
            }
        }
    }
    let rank = |id: &Uuid| row_order.iter().position(|o| o == id).unwrap_or(usize::MAX);
    for list in Entity::LISTS {
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
        props.insert(list.as_str().into(), Value::Array(values));
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
pub fn with_other_rows(merged: &mut Project, stored: &Project, carried: impl Fn(Entity, Uuid) -> bool) {
    fn splice<R: Record + Clone>(stored: &[R], merged: &mut Vec<R>, carried: &dyn Fn(Entity, Uuid) -> bool) {
        let mut arrived = std::mem::take(merged);
        for row in stored {
            if !carried(R::ENTITY, row.id()) {
                merged.push(row.clone());
            } else if let Some(i) = arrived.iter().position(|m| m.id() == row.id()) {
                merged.push(arrived.remove(i));
            }
        }
        merged.extend(arrived);
    }
    splice(&stored.financing, &mut merged.financing, &carried);
    splice(&stored.milestones, &mut merged.milestones, &carried);
    splice(&stored.actions, &mut merged.actions, &carried);
    splice(&stored.support_measures, &mut merged.support_measures, &carried);
    splice(&stored.monitoring, &mut merged.monitoring, &carried);
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
        let only_3 = |_: Entity, id: Uuid| id == Uuid::from_u128(3);
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
