//! A project of an industrialization map and the rows that belong to it (DOMAIN.md, "A project
//! record"). Every record, child rows included, has a UUID v7 made where it was born.

use crate::ident::{Bin, ProjectCode, RegionCode};
use crate::money::Money;
use crate::reference::{ActionStatus, Criterion, FinancingStatus, MapLevel, Status};
use chrono::NaiveDate;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub id: Uuid,
    /// Given by the database that registers the project, unless the project arrives with one.
    pub code: Option<ProjectCode>,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: Option<String>,
    pub region: RegionCode,
    pub district: Option<String>,
    pub settlement: Option<String>,
    /// Special economic zone or industrial zone.
    pub zone: Option<String>,
    /// A point, a site polygon or a line (pipeline, road), WGS84.
    pub location: Option<geo::Geometry<f64>>,
    pub level: MapLevel,
    pub status: Status,
    /// A code of the editable sector list.
    pub sector: Option<String>,
    pub oked: Option<String>,
    pub initiator: Option<String>,
    pub initiator_bin: Option<Bin>,
    pub cost: Option<Money>,
    pub cost_original: Option<OriginalCost>,
    pub capacity: Option<Capacity>,
    pub jobs_construction: Option<u32>,
    pub jobs_permanent: Option<u32>,
    pub start_date: Option<NaiveDate>,
    pub commissioning_planned: Option<NaiveDate>,
    pub commissioning_actual: Option<NaiveDate>,
    pub design_capacity_date: Option<NaiveDate>,
    pub criteria: Vec<Criterion>,
    pub local_content: LocalContent,
    pub responsible_body: Option<String>,
    pub inclusion_act: Option<String>,
    pub inclusion_date: Option<NaiveDate>,
    pub exclusion_act: Option<String>,
    pub exclusion_date: Option<NaiveDate>,
    pub exclusion_reason: Option<String>,
    pub problems: Option<String>,
    pub notes: Option<String>,
    pub financing: Vec<FinancingRow>,
    pub milestones: Vec<Milestone>,
    pub actions: Vec<ActionItem>,
    pub support_measures: Vec<SupportReceived>,
    pub monitoring: Vec<MonitoringReport>,
}

impl Project {
    /// A project with only what every project must have; the rest is unknown.
    pub fn new(id: Uuid, name_kk: String, name_ru: String, region: RegionCode) -> Project {
        Project {
            id,
            code: None,
            name_kk,
            name_ru,
            name_en: None,
            region,
            district: None,
            settlement: None,
            zone: None,
            location: None,
            level: MapLevel::Regional,
            status: Status::Candidate,
            sector: None,
            oked: None,
            initiator: None,
            initiator_bin: None,
            cost: None,
            cost_original: None,
            capacity: None,
            jobs_construction: None,
            jobs_permanent: None,
            start_date: None,
            commissioning_planned: None,
            commissioning_actual: None,
            design_capacity_date: None,
            criteria: Vec::new(),
            local_content: LocalContent::default(),
            responsible_body: None,
            inclusion_act: None,
            inclusion_date: None,
            exclusion_act: None,
            exclusion_date: None,
            exclusion_reason: None,
            problems: None,
            notes: None,
            financing: Vec::new(),
            milestones: Vec::new(),
            actions: Vec::new(),
            support_measures: Vec::new(),
            monitoring: Vec::new(),
        }
    }

    /// The name to show in a language, falling back to the other names.
    pub fn name(&self, lang: &str) -> &str {
        let preferred = match lang {
            "kk" => Some(self.name_kk.as_str()),
            "en" => self.name_en.as_deref(),
            _ => Some(self.name_ru.as_str()),
        };
        [preferred, Some(self.name_ru.as_str()), Some(self.name_kk.as_str())]
            .into_iter()
            .flatten()
            .find(|n| !n.is_empty())
            .unwrap_or_default()
    }

    pub fn financing_total(&self) -> Money {
        self.financing.iter().map(|f| f.amount).sum()
    }
}

/// The cost as the investor stated it, before conversion to tenge.
#[derive(Debug, Clone, PartialEq)]
pub struct OriginalCost {
    /// ISO 4217 code, e.g. `USD`.
    pub currency: String,
    pub amount: Money,
    /// Tenge per unit of `currency` used for the conversion.
    pub rate: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Capacity {
    pub value: f64,
    pub unit: String,
    pub product: Option<String>,
}

/// Local content (Art. 1 p.1-2) and its expertise, needed for the republican map.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LocalContent {
    pub labour_pct: Option<f64>,
    pub goods_pct: Option<f64>,
    pub expertise_date: Option<NaiveDate>,
    pub expertise_ref: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FinancingRow {
    pub id: Uuid,
    /// A code of the editable financing-source list.
    pub source: String,
    pub amount: Money,
    pub year: i32,
    pub status: FinancingStatus,
    /// E.g. the investor's country for foreign direct investment.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    pub id: Uuid,
    pub name: String,
    pub planned: Option<NaiveDate>,
    pub actual: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActionItem {
    pub id: Uuid,
    pub title: String,
    pub responsible: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
    pub done: Option<NaiveDate>,
    pub note: Option<String>,
}

/// A state support measure (Art. 20 p.2) the project receives.
#[derive(Debug, Clone, PartialEq)]
pub struct SupportReceived {
    pub id: Uuid,
    /// 1 to 13, numbered as in the law.
    pub measure: u8,
    pub amount: Option<Money>,
    pub note: Option<String>,
}

/// What a project reported for one monitoring period.
#[derive(Debug, Clone, PartialEq)]
pub struct MonitoringReport {
    pub id: Uuid,
    /// `2026-Q3` by default; `2026-07` or `2026` where the period is configured so.
    pub period: String,
    /// Investment made to date, all sources.
    pub investment: Option<Money>,
    pub progress_pct: Option<f64>,
    pub jobs_created: Option<u32>,
    pub output: Option<Money>,
    pub output_natural: Option<f64>,
    pub exports_usd: Option<Money>,
    pub utilisation_pct: Option<f64>,
    pub taxes: Option<Money>,
    pub local_content_pct: Option<f64>,
    pub status: Option<Status>,
    pub comment: Option<String>,
    pub reported_by: Option<String>,
    pub reported_on: Option<NaiveDate>,
}

/// Whether a monitoring period is written `YYYY`, `YYYY-Qn` or `YYYY-MM`.
pub fn is_valid_period(period: &str) -> bool {
    let year_ok = |y: &str| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit());
    match period.split_once('-') {
        None => year_ok(period),
        Some((y, q)) if q.starts_with('Q') => year_ok(y) && matches!(&q[1..], "1" | "2" | "3" | "4"),
        Some((y, m)) => year_ok(y) && m.len() == 2 && matches!(m.parse::<u8>(), Ok(1..=12)),
    }
}
