//! The properties of a project Feature as a typed record, so front ends (the window's TypeScript
//! through ts-rs) see the same names `feature::project_properties` writes. A test below keeps
//! the two from drifting apart. Money is a number of tenge, dates are `YYYY-MM-DD` text, and an
//! unknown value is `null`, exactly as in the Feature.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProjectProperties {
    pub id: Option<String>,
    pub code: Option<String>,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: Option<String>,
    /// KATO prefix as text, e.g. `"35"`.
    pub region: String,
    pub district: Option<String>,
    pub settlement: Option<String>,
    pub zone: Option<String>,
    /// `republican` or `regional`.
    pub level: String,
    pub status: String,
    pub sector: Option<String>,
    pub oked: Option<String>,
    pub initiator: Option<String>,
    pub initiator_bin: Option<String>,
    pub cost_kzt: Option<f64>,
    pub cost_original: Option<OriginalCostProperties>,
    pub capacity: Option<CapacityProperties>,
    pub jobs_construction: Option<u32>,
    pub jobs_permanent: Option<u32>,
    pub start_date: Option<String>,
    pub commissioning_planned: Option<String>,
    pub commissioning_actual: Option<String>,
    pub design_capacity_date: Option<String>,
    pub criteria: Vec<String>,
    pub local_content_labour_pct: Option<f64>,
    pub local_content_goods_pct: Option<f64>,
    pub local_content_expertise_date: Option<String>,
    pub local_content_expertise_ref: Option<String>,
    pub responsible_body: Option<String>,
    pub inclusion_act: Option<String>,
    pub inclusion_date: Option<String>,
    pub exclusion_act: Option<String>,
    pub exclusion_date: Option<String>,
    pub exclusion_reason: Option<String>,
    pub problems: Option<String>,
    pub notes: Option<String>,
    pub financing: Vec<FinancingProperties>,
    pub milestones: Vec<MilestoneProperties>,
    pub actions: Vec<ActionProperties>,
    pub support_measures: Vec<SupportProperties>,
    pub monitoring: Vec<MonitoringProperties>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OriginalCostProperties {
    pub currency: String,
    pub amount: f64,
    pub rate: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CapacityProperties {
    pub value: f64,
    pub unit: String,
    pub product: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FinancingProperties {
    pub id: Option<String>,
    pub source: String,
    pub amount_kzt: f64,
    pub year: i32,
    /// `planned`, `committed` or `disbursed`.
    pub status: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MilestoneProperties {
    pub id: Option<String>,
    pub name: String,
    pub planned: Option<String>,
    pub actual: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionProperties {
    pub id: Option<String>,
    pub title: String,
    pub responsible: Option<String>,
    pub due: Option<String>,
    pub status: String,
    pub done: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SupportProperties {
    pub id: Option<String>,
    /// 1 to 13, numbered as in Art. 20 p.2.
    pub measure: u8,
    pub amount_kzt: Option<f64>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MonitoringProperties {
    pub id: Option<String>,
    pub period: String,
    pub investment_kzt: Option<f64>,
    pub progress_pct: Option<f64>,
    pub jobs_created: Option<u32>,
    pub output_kzt: Option<f64>,
    pub output_natural: Option<f64>,
    pub exports_usd: Option<f64>,
    pub utilisation_pct: Option<f64>,
    pub taxes_kzt: Option<f64>,
    pub local_content_pct: Option<f64>,
    pub status: Option<String>,
    pub comment: Option<String>,
    pub reported_by: Option<String>,
    pub reported_on: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feature::{PROPERTIES, project_properties};
    use crate::ident::RegionCode;
    use crate::project::*;
    use crate::reference::{ActionStatus, FinancingStatus};
    use crate::{Money, Project};
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
        p.support_measures.push(SupportReceived { id: Uuid::nil(), measure: 1, amount: None, note: None });
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

    /// The typed record has exactly the keys the Feature writer writes, at every level, and reads
    /// what it writes.
    #[test]
    fn typed_properties_match_the_feature_writer() {
        let written = Value::Object(project_properties(&full_project()));
        let typed: ProjectProperties = serde_json::from_value(written.clone()).expect("the writer's output reads");
        let back = serde_json::to_value(&typed).unwrap();
        assert_eq!(keys(&back), keys(&written));
        assert_eq!(keys(&written), PROPERTIES.iter().map(|k| k.to_string()).collect());
        for nested in ["cost_original", "capacity"] {
            assert_eq!(keys(&back[nested]), keys(&written[nested]), "{nested}");
        }
        for rows in ["financing", "milestones", "actions", "support_measures", "monitoring"] {
            assert_eq!(keys(&back[rows][0]), keys(&written[rows][0]), "{rows}");
        }
    }
}
