//! Versions without clocks. Every write of a database takes the next value of that database's
//! counter; the pair (database, counter) is the write's *dot*. Every field remembers the dot of
//! its value; every project remembers, per database, the last write of that database it has
//! taken in (its *context*, a version vector). Two values of a field are ordered when one side
//! had seen the other's dot; otherwise they are concurrent, and both are kept. Nothing depends
//! on wall-clock time or on the order files arrive in.

use crate::changes::{FieldKey, Fields};
use crate::schema::Entity;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use uuid::Uuid;

/// One write of one database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Dot {
    pub counter: i64,
    pub db: Uuid,
}

/// A dot with who made the write and when, as the writer's clock said (for history only).
/// Every field a write made carries its stamp: the texts are shared, not copied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub dot: Dot,
    pub at: std::sync::Arc<str>,
    pub user: std::sync::Arc<str>,
}

/// Per database, the last of its writes taken in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Context(pub BTreeMap<Uuid, i64>);

impl Context {
    pub fn contains(&self, dot: Dot) -> bool {
        self.0.get(&dot.db).is_some_and(|&c| c >= dot.counter)
    }

    pub fn add(&mut self, dot: Dot) {
        let c = self.0.entry(dot.db).or_insert(0);
        *c = (*c).max(dot.counter);
    }

    /// Whether a project this database has seen as `self` needs merging with another's version
    /// of it seen as `remote`: it is new here, or the other has seen writes this one has not.
    pub fn needs_merge_with(&self, remote: &Context) -> bool {
        self.0.is_empty() || !self.covers(remote)
    }

    /// Whether every write `other` has seen, this has seen too.
    pub fn covers(&self, other: &Context) -> bool {
        other.0.iter().all(|(&db, &counter)| self.contains(Dot { db, counter }))
    }

    pub fn join(&mut self, other: &Context) {
        for (&db, &counter) in &other.0 {
            self.add(Dot { db, counter });
        }
    }
}

/// One value of a field with the write that made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sibling {
    pub stamp: Stamp,
    pub value: Value,
}

/// Orders a field's values as every database shows them: the newest write first, so all show
/// the same value in force.
pub fn newest_first(siblings: &mut [Sibling]) {
    siblings.sort_by_key(|s| std::cmp::Reverse(s.stamp.dot));
}

/// The field that records a project's deletion: `null` while it lives, else
/// `{"reason": ..., "context": ...}` with what the deleting database had seen.
pub const DELETED: &str = "deleted";

/// Records of a project (its own and its rows), by entity and id.
pub type Records = std::collections::HashSet<(Entity, Uuid)>;

/// A project (with its rows) as merging sees it: every written field with its value or
/// concurrent values, newest dot first, and the project's context.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VersionedProject {
    pub project_id: Uuid,
    pub fields: BTreeMap<FieldKey, Vec<Sibling>>,
    pub context: Context,
}

impl VersionedProject {
    /// The current value of every field: the first of its siblings.
    pub fn values(&self) -> Fields {
        self.fields.iter().filter_map(|(k, s)| s.first().map(|s| (k.clone(), s.value.clone()))).collect()
    }

    /// Fields with more than one value.
    pub fn conflicts(&self) -> impl Iterator<Item = (&FieldKey, &Vec<Sibling>)> {
        self.fields.iter().filter(|(_, s)| s.len() > 1)
    }

    /// Leaves out the rows (not the project's own record) whose every value was written in a
    /// write that each of `contexts` had seen: a file for databases that have seen them need not
    /// carry them, since a merge keeps a row a file leaves out as it is (see `merge`).
    pub fn leave_out_rows_seen_by(&mut self, contexts: &[Context]) {
        let seen = |s: &Sibling| contexts.iter().all(|c| c.contains(s.stamp.dot));
        let mut unseen = Records::new();
        for (key, siblings) in &self.fields {
            if key.entity == Entity::Project || !siblings.iter().all(seen) {
                unseen.insert((key.entity, key.record_id));
            }
        }
        self.fields.retain(|k, _| unseen.contains(&(k.entity, k.record_id)));
    }

    /// The records of a project a merge with this version of it needs from the other side: the
    /// project's own record and the rows it carries (a merge keeps every other row as it is),
    /// or all of them (`None`) when it carries a deletion, which puts every record in question
    /// (edits against it).
    pub fn records_a_merge_needs(&self) -> Option<Records> {
        let deletes = self.fields.get(&self.deleted_key()).is_some_and(|s| s.iter().any(|s| !s.value.is_null()));
        let own = (Entity::Project, self.project_id);
        (!deletes).then(|| self.fields.keys().map(|k| (k.entity, k.record_id)).chain([own]).collect())
    }

    fn deleted_key(&self) -> FieldKey {
        FieldKey { entity: Entity::Project, record_id: self.project_id, field: DELETED.into() }
    }

    /// The deletion in force, if the project is deleted: its stamp and what it had seen.
    pub fn deletion(&self) -> Option<(&Sibling, Context)> {
        let current = self.fields.get(&self.deleted_key())?.first()?;
        let seen = current.value.get("context").and_then(|c| serde_json::from_value(c.clone()).ok());
        (!current.value.is_null()).then(|| (current, seen.unwrap_or_default()))
    }

    /// Writes made without having seen the deletion in force: edits against the deletion.
    pub fn edits_against_deletion(&self) -> Vec<(&FieldKey, &Sibling)> {
        let Some((deletion, seen)) = self.deletion() else { return Vec::new() };
        let deleted_key = self.deleted_key();
        self.fields
            .iter()
            .filter(|(k, _)| **k != deleted_key)
            .flat_map(|(k, siblings)| siblings.iter().map(move |s| (k, s)))
            .filter(|(_, s)| s.stamp.dot != deletion.stamp.dot && !seen.contains(s.stamp.dot))
            .collect()
    }
}

/// What a merge did to one field's current value.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedField {
    pub key: FieldKey,
    pub old: Value,
    pub new: Value,
    pub stamp: Stamp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    pub result: VersionedProject,
    /// Fields whose current value changed.
    pub changed: Vec<MergedField>,
    /// Fields that now hold concurrent values and did not before.
    pub new_conflicts: Vec<FieldKey>,
}

/// Merges what another database holds of a project into what this one holds. A value survives
/// unless the other side had seen it and replaced it; values neither side had seen of the other
/// stay side by side. Commutative, associative and idempotent, so files may come in any order,
/// any number of times.
///
/// Merged record by record (the project itself, each of its rows). A record `remote` does not
/// carry is kept as it is here: a side that had seen a write to a record holds the record, so
/// the other side has nothing of it to drop. A record both sides hold with the same dots is
/// the same on both and kept as it is: a regular exchange changes a field or two of a project
/// with dozens of rows.
pub fn merge(local: &VersionedProject, remote: &VersionedProject) -> Merge {
    // The two are the same project; a project new here comes with an empty local side.
    let mut result = VersionedProject { project_id: remote.project_id, ..Default::default() };
    result.context = local.context.clone();
    result.context.join(&remote.context);
    let (mut changed, mut new_conflicts) = (Vec::new(), Vec::new());
    let mut pairs: BTreeMap<(Entity, Uuid), (RecordFields, RecordFields)> = BTreeMap::new();
    for (record, fields) in records(local) {
        pairs.entry(record).or_default().0 = fields;
    }
    for (record, fields) in records(remote) {
        pairs.entry(record).or_default().1 = fields;
    }
    for (mine, theirs) in pairs.into_values() {
        if !mine.is_empty() && (theirs.is_empty() || same_dots(&mine, &theirs)) {
            result.fields.extend(mine.iter().map(|(k, s)| ((*k).clone(), (*s).clone())));
        } else {
            merge_record(&mine, &theirs, local, remote, &mut result, &mut changed, &mut new_conflicts);
        }
    }
    Merge { result, changed, new_conflicts }
}

/// A record's fields, in key order.
type RecordFields<'a> = Vec<(&'a FieldKey, &'a Vec<Sibling>)>;

/// A project's fields grouped by record (entity and row id), in key order.
fn records(vp: &VersionedProject) -> impl Iterator<Item = ((Entity, Uuid), RecordFields<'_>)> {
    let mut fields = vp.fields.iter().peekable();
    std::iter::from_fn(move || {
        let (first, siblings) = fields.next()?;
        let record = (first.entity, first.record_id);
        let mut all = vec![(first, siblings)];
        while let Some(next) = fields.next_if(|(k, _)| (k.entity, k.record_id) == record) {
            all.push(next);
        }
        Some((record, all))
    })
}

/// Whether two versions of a record hold the same fields with the same dots.
fn same_dots(a: &RecordFields, b: &RecordFields) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|((ka, sa), (kb, sb))| {
            ka == kb && sa.len() == sb.len() && sa.iter().zip(sb.iter()).all(|(x, y)| x.stamp.dot == y.stamp.dot)
        })
}

/// Merges one record, field by field.
fn merge_record(
    mine: &RecordFields,
    theirs: &RecordFields,
    local: &VersionedProject,
    remote: &VersionedProject,
    result: &mut VersionedProject,
    changed: &mut Vec<MergedField>,
    new_conflicts: &mut Vec<FieldKey>,
) {
    let mut fields: BTreeMap<&FieldKey, (&[Sibling], &[Sibling])> = BTreeMap::new();
    for (key, siblings) in mine {
        fields.entry(key).or_default().0 = siblings;
    }
    for (key, siblings) in theirs {
        fields.entry(key).or_default().1 = siblings;
    }
    for (key, (mine, theirs)) in fields {
        // The same writes on both sides: nothing to merge.
        if mine.len() == theirs.len() && mine.iter().zip(theirs).all(|(a, b)| a.stamp.dot == b.stamp.dot) {
            result.fields.insert(key.clone(), mine.to_vec());
            continue;
        }
        let has = |list: &[Sibling], dot: Dot| list.iter().any(|s| s.stamp.dot == dot);
        let mut kept: Vec<Sibling> = mine
            .iter()
            .filter(|s| has(theirs, s.stamp.dot) || !remote.context.contains(s.stamp.dot))
            .chain(theirs.iter().filter(|s| !has(mine, s.stamp.dot) && !local.context.contains(s.stamp.dot)))
            .cloned()
            .collect();
        newest_first(&mut kept);
        kept.dedup_by(|a, b| a.stamp.dot == b.stamp.dot);
        let old = mine.first().map_or(&Value::Null, |s| &s.value);
        if let Some(first) = kept.first()
            && first.value != *old
        {
            let (old, new, stamp) = (old.clone(), first.value.clone(), first.stamp.clone());
            changed.push(MergedField { key: key.clone(), old, new, stamp });
        }
        if kept.len() > 1 && mine.len() <= 1 {
            new_conflicts.push(key.clone());
        }
        if !kept.is_empty() {
            result.fields.insert(key.clone(), kept);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn db(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn key(field: &str) -> FieldKey {
        FieldKey { entity: Entity::Project, record_id: db(100), field: field.into() }
    }

    fn write(p: &mut VersionedProject, writer: u128, counter: i64, field: &str, value: Value) {
        let dot = Dot { db: db(writer), counter };
        p.context.add(dot);
        let stamp = Stamp { dot, at: "".into(), user: "".into() };
        p.fields.insert(key(field), vec![Sibling { stamp, value }]);
    }

    fn start() -> VersionedProject {
        let mut p = VersionedProject { project_id: db(100), ..Default::default() };
        write(&mut p, 1, 1, "cost_kzt", Value::from(100));
        write(&mut p, 1, 1, "status", Value::from("design"));
        p
    }

    #[test]
    fn edits_of_different_fields_both_survive() {
        let (mut a, mut b) = (start(), start());
        write(&mut a, 1, 2, "cost_kzt", Value::from(150));
        write(&mut b, 2, 1, "status", Value::from("construction"));
        let m = merge(&a, &b).result;
        assert_eq!(m.values()[&key("cost_kzt")], 150);
        assert_eq!(m.values()[&key("status")], "construction");
        assert_eq!(m.conflicts().count(), 0);
        assert_eq!(merge(&b, &a).result, m, "order does not matter");
    }

    #[test]
    fn concurrent_edits_of_one_field_keep_both() {
        let (mut a, mut b) = (start(), start());
        write(&mut a, 1, 2, "cost_kzt", Value::from(150));
        write(&mut b, 2, 1, "cost_kzt", Value::from(170));
        let m = merge(&a, &b);
        assert_eq!(m.new_conflicts, vec![key("cost_kzt")]);
        let values: Vec<&Value> = m.result.fields[&key("cost_kzt")].iter().map(|s| &s.value).collect();
        assert_eq!(values.len(), 2);
        assert_eq!(merge(&b, &a).result, m.result);
        assert_eq!(merge(&m.result, &b).result, m.result, "idempotent");
    }

    #[test]
    fn a_later_edit_that_saw_the_earlier_one_replaces_it() {
        let mut a = start();
        write(&mut a, 1, 2, "cost_kzt", Value::from(150));
        let mut b = merge(&start(), &a).result;
        write(&mut b, 2, 1, "cost_kzt", Value::from(180));
        let m = merge(&a, &b);
        assert_eq!(m.result.values()[&key("cost_kzt")], 180);
        assert!(m.new_conflicts.is_empty());
    }

    #[test]
    fn a_record_the_other_side_does_not_carry_is_kept_as_it_is() {
        let mut a = start();
        let row = FieldKey { entity: Entity::Financing, record_id: db(7), field: "amount_kzt".into() };
        let stamp = Stamp { dot: Dot { db: db(1), counter: 2 }, at: "".into(), user: "".into() };
        a.context.add(stamp.dot);
        a.fields.insert(row.clone(), vec![Sibling { stamp, value: Value::from(40) }]);
        // The other side has seen the row's write but sends only what changed since: the cost.
        let mut b = a.clone();
        b.fields.remove(&row);
        write(&mut b, 2, 1, "cost_kzt", Value::from(120));
        let m = merge(&a, &b);
        assert_eq!(m.result.values()[&row], 40, "the row stays");
        assert_eq!(m.result.values()[&key("cost_kzt")], 120);
        assert_eq!(m.changed.iter().map(|c| &c.key).collect::<Vec<_>>(), vec![&key("cost_kzt")]);
    }

    #[test]
    fn rows_the_other_side_has_seen_are_left_out_and_merging_without_them_gives_the_same() {
        let mut a = start();
        let row =
            |id: u128, field: &str| FieldKey { entity: Entity::Financing, record_id: db(id), field: field.into() };
        let stamp = |counter| Stamp { dot: Dot { db: db(1), counter }, at: "".into(), user: "".into() };
        for (id, counter) in [(7, 2), (8, 3)] {
            a.context.add(stamp(counter).dot);
            for field in ["amount_kzt", "year"] {
                a.fields.insert(row(id, field), vec![Sibling { stamp: stamp(counter), value: Value::from(id as i64) }]);
            }
        }
        let b = merge(&VersionedProject { project_id: db(100), ..Default::default() }, &a).result;
        // Then a writes the cost and a field of row 8; b has seen everything before that.
        write(&mut a, 1, 4, "cost_kzt", Value::from(300));
        a.fields.insert(row(8, "year"), vec![Sibling { stamp: stamp(4), value: Value::from(2027) }]);
        let mut file = a.clone();
        file.leave_out_rows_seen_by(std::slice::from_ref(&b.context));
        let records: BTreeSet<(Entity, Uuid)> = file.fields.keys().map(|k| (k.entity, k.record_id)).collect();
        assert_eq!(
            records,
            BTreeSet::from([(Entity::Financing, db(8)), (Entity::Project, db(100))]),
            "row 7 left out, row 8 whole"
        );
        assert_eq!(file.fields.len(), a.fields.len() - 2);
        assert_eq!(merge(&b, &file), merge(&b, &a));
    }

    #[test]
    fn an_edit_the_deleter_had_not_seen_is_against_the_deletion() {
        let (mut a, mut b) = (start(), start());
        let seen = serde_json::to_value(&a.context).unwrap();
        write(&mut a, 1, 2, DELETED, serde_json::json!({"reason": "duplicate", "context": seen}));
        write(&mut b, 2, 1, "cost_kzt", Value::from(170));
        let m = merge(&a, &b).result;
        assert!(m.deletion().is_some());
        let against = m.edits_against_deletion();
        assert_eq!(against.len(), 1);
        assert_eq!(against[0].0, &key("cost_kzt"));
    }
}
