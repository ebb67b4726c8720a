//! What is late or does not add up in a filtered set of projects (`indmap_core::alert`),
//! counted by kind, region and who is to act: the window's alert list, `indmap alerts` and its
//! printout all read this.

use crate::{Indmap, Result};
use indmap_core::alert::{self, AlertKind, Context, Figures, Thresholds};
use indmap_core::{Project, ProjectFilter};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// One alert, with what is needed to name its project and open it at the field.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AlertRow {
    pub kind: AlertKind,
    pub project_id: String,
    pub code: Option<String>,
    pub name_kk: String,
    pub name_ru: String,
    pub region: String,
    /// The field to open, as the editor names it (`actions[2].due`, `financing`).
    pub field: String,
    /// Days late, or slipped past the baseline.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub days: Option<i64>,
    /// The action's title, the milestone's name or the period.
    pub subject: Option<String>,
    pub figures: Option<Figures>,
    /// Who is to act: the action's responsible, else the project's responsible body.
    pub responsible: Option<String>,
}

/// How many alerts share a key: a kind's code, a region's KATO prefix, a responsible's name
/// (empty: none named).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Tally {
    pub key: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AlertList {
    /// The day the alerts are computed for (this database's clock), `2026-12-07`.
    pub today: String,
    /// The last period whose reports are due, `2026-Q3`.
    pub due_period: String,
    /// Project by project, in the order the filter lists them; a project's by kind.
    pub alerts: Vec<AlertRow>,
    /// Every kind, in order, zero included.
    pub by_kind: Vec<Tally>,
    /// Regions with an alert, in KATO order.
    pub by_region: Vec<Tally>,
    /// The most alerts first, then by name.
    pub by_responsible: Vec<Tally>,
}

impl Indmap {
    /// The alerts of the projects the filter lists, against the latest approved edition of
    /// their map and the settings' thresholds.
    pub fn alerts(&self, filter: &ProjectFilter) -> Result<AlertList> {
        let projects = self.list(filter)?;
        let (cx, alerts) = self.computed_alerts(&projects)?;
        let rows: Vec<AlertRow> = alerts.into_iter().map(|(i, a)| row(&projects[i], a)).collect();
        Ok(tally(rows, &cx))
    }

    /// The alerts of `projects`, each with its project's index, and what they were computed
    /// against.
    pub(crate) fn computed_alerts(&self, projects: &[Project]) -> Result<(Context, Vec<(usize, alert::Alert)>)> {
        let baselines = self.baselines(projects)?;
        let cx = self.alert_context()?;
        let alerts = projects
            .iter()
            .enumerate()
            .flat_map(|(i, p)| alert::of(p, baselines.get(&p.id), &cx).into_iter().map(move |a| (i, a)))
            .collect();
        Ok((cx, alerts))
    }

    /// How many alerts the projects have (the window's top bar).
    pub(crate) fn alert_count(&self, projects: &[Project], baselines: &HashMap<Uuid, Project>) -> Result<u32> {
        let cx = self.alert_context()?;
        Ok(projects.iter().map(|p| alert::of(p, baselines.get(&p.id), &cx).len() as u32).sum())
    }

    /// Today, the period due and the thresholds, from the clock and the settings.
    pub(crate) fn alert_context(&self) -> Result<Context> {
        let today = self.env.clock.now().date_naive();
        let defaults = Thresholds::default();
        let thresholds = Thresholds {
            late_days: self.setting_or("alert_late_days", defaults.late_days)?,
            slip_days: self.setting_or("alert_slip_days", defaults.slip_days)?,
            financing_tolerance_pct: self
                .setting_or("alert_financing_tolerance_pct", defaults.financing_tolerance_pct)?,
        };
        Ok(Context { today, due_period: alert::due_period(self.every()?, today, self.deadline_days()?), thresholds })
    }
}

fn row(p: &Project, a: alert::Alert) -> AlertRow {
    AlertRow {
        kind: a.kind,
        project_id: p.id.to_string(),
        code: p.code.as_ref().map(ToString::to_string),
        name_kk: p.name_kk.clone(),
        name_ru: p.name_ru.clone(),
        region: p.region.as_str().to_owned(),
        field: a.field,
        days: a.days,
        subject: a.subject,
        figures: a.figures,
        responsible: a.responsible,
    }
}

fn tally(alerts: Vec<AlertRow>, cx: &Context) -> AlertList {
    let mut kinds: BTreeMap<AlertKind, u32> = AlertKind::ALL.into_iter().map(|k| (k, 0)).collect();
    let mut regions: BTreeMap<&str, u32> = BTreeMap::new();
    let mut responsible: HashMap<&str, u32> = HashMap::new();
    for a in &alerts {
        *kinds.entry(a.kind).or_default() += 1;
        *regions.entry(&a.region).or_default() += 1;
        *responsible.entry(a.responsible.as_deref().unwrap_or_default()).or_default() += 1;
    }
    let counts = |pairs: Vec<(String, u32)>| pairs.into_iter().map(|(key, count)| Tally { key, count }).collect();
    let by_kind = counts(kinds.into_iter().map(|(k, n)| (k.code().to_owned(), n)).collect());
    let by_region = counts(regions.into_iter().map(|(k, n)| (k.to_owned(), n)).collect());
    let mut bodies: Vec<(String, u32)> = responsible.into_iter().map(|(k, n)| (k.to_owned(), n)).collect();
    bodies.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    AlertList {
        today: cx.today.to_string(),
        due_period: cx.due_period.to_string(),
        alerts,
        by_kind,
        by_region,
        by_responsible: counts(bodies),
    }
}
