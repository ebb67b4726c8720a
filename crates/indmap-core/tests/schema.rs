//! The schema (`project.rs`) against what is derived from it: the Feature writer's properties,
//! the window's TypeScript types, kinds and labels.

use indmap_core::feature::{project_properties, properties};
use indmap_core::ident::RegionCode;
use indmap_core::money::Money;
use indmap_core::project::*;
use indmap_core::reference::{ActionStatus, FinancingStatus};
use indmap_core::schema::Entity;
use serde_json::Value;
use std::collections::BTreeSet;
use uuid::Uuid;

/// A project with one row of every kind and every optional object set, so every key shows.
fn full_project() -> Project {
    let mut p = Project::new(Uuid::nil(), "Атау".into(), "Название".into(), RegionCode::parse("35").unwrap());
    p.cost_original = Some(OriginalCost { currency: "USD".into(), amount: Money::from_units(10), rate: 470.5 });
    p.capacity = Some(Capacity { value: 1.5, unit: "t".into(), product: None });
    p.financing.push(FinancingRow {
        id: Uuid::nil(),
        source: "own_funds".into(),
        amount: Money::from_units(5),
        year: 2026,
        status: FinancingStatus::Planned,
        note: None,
    });
    p.milestones.push(Milestone { id: Uuid::nil(), name: "m".into(), planned: None, actual: None });
    p.actions.push(ActionItem {
        id: Uuid::nil(),
        title: "a".into(),
        responsible: None,
        due: None,
        status: ActionStatus::Planned,
        done: None,
        note: None,
    });
    p.support_measures.push(SupportReceived { id: Uuid::nil(), measure: 1, year: None, amount: None, note: None });
    p.monitoring.push(MonitoringReport {
        id: Uuid::nil(),
        period: "2026-Q1".into(),
        investment: None,
        progress_pct: None,
        jobs_created: None,
        output: None,
        output_natural: None,
        exports_usd: None,
        utilisation_pct: None,
        taxes: None,
        local_content_pct: None,
        status: None,
        comment: None,
        reported_by: None,
        reported_on: None,
    });
    p
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().expect("an object").keys().cloned().collect()
}

/// The Feature writer writes exactly the properties the schema describes, at every level,
/// and the window's TypeScript types name the same ones.
#[test]
fn the_feature_writer_and_the_typescript_types_follow_the_schema() {
    let written = Value::Object(project_properties(&full_project()));
    assert_eq!(keys(&written), properties().map(str::to_owned).collect());
    let ts = schema_typescript();
    for entity in Entity::ALL {
        let list = if entity == Entity::Project { written.clone() } else { written[entity.as_str()][0].clone() };
        let described: BTreeSet<String> = std::iter::once("id")
            .chain(all_fields().filter(|f| f.entity == entity).map(|f| f.name))
            .map(str::to_owned)
            .collect();
        let own: BTreeSet<String> =
            keys(&list).into_iter().filter(|k| Entity::parse(k).is_none_or(|e| e == Entity::Project)).collect();
        assert_eq!(own, described, "{entity:?}");
        let line = ts.lines().find(|l| l.starts_with(&format!("export type {} ", entity.ts_type()))).unwrap();
        for key in &described {
            assert!(line.contains(&format!(" {key}: ")), "{entity:?} {key} in {line}");
        }
    }
    for nested in ["cost_original", "capacity"] {
        let ts_keys: BTreeSet<String> = keys(&written[nested]);
        let spec = field_spec(Entity::Project, nested).unwrap();
        for k in ts_keys {
            assert!(spec.ts.contains(&format!("{k}: ")), "{nested}.{k} in {}", spec.ts);
        }
    }
}

/// A field's kind reaches the window by the names the TypeScript union lists.
#[test]
fn kinds_are_named_as_the_window_names_them() {
    let ts = schema_typescript();
    for f in all_fields() {
        let kind = serde_json::to_value(f.kind).unwrap();
        assert!(ts.contains(&format!("{kind}")), "{kind}");
    }
}

/// Every field has a label in each language, and no two fields of a record share a name or
/// a column.
#[test]
fn fields_are_labelled_and_distinct() {
    for entity in Entity::ALL {
        let fields: Vec<_> = all_fields().filter(|f| f.entity == entity).collect();
        let names: BTreeSet<_> = fields.iter().map(|f| f.name).collect();
        let columns: BTreeSet<_> = fields.iter().flat_map(|f| f.columns.iter()).collect();
        assert_eq!(names.len(), fields.len(), "{entity:?}");
        assert_eq!(columns.len(), fields.iter().map(|f| f.columns.len()).sum::<usize>(), "{entity:?}");
        for f in fields {
            assert!(![f.label_kk, f.label_ru, f.label_en].contains(&""), "{}", f.name);
        }
    }
}
