//! Who has reported a period: per region, the projects that report and those whose report is
//! missing, where the region stands and whether it is late (the ministry's first question each
//! quarter); and the same for the last periods side by side.

use crate::period_cycle::{ActsByPeriod, region_label, stage_in};
use crate::{Indmap, Result};
use indmap_core::RegionCode;
use indmap_core::Rule;
use indmap_core::monitoring::{self, DEADLINE_DAYS, Every, Period, RegionProgress, Standing};
use indmap_core::period_act::Stage;
use indmap_core::reference::Label;
use serde::Serialize;

/// How far each region's reporting of a period has come.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reporting {
    /// `2026-Q3`, `2026-H1`, `2026-07` or `2026`.
    pub period: String,
    /// The day its reports are due (`report_deadline_days` after its end), `2026-10-10`.
    pub deadline: String,
    pub regions: Vec<RegionReporting>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegionReporting {
    /// The region's KATO prefix, and its name.
    pub kato: String,
    pub label: Label,
    /// The projects that report this period (those on the map), and those that have.
    pub due: usize,
    pub reported: usize,
    pub standing: Standing,
    /// Where the period's cycle is: open, submitted, approved, accepted.
    pub stage: Stage,
    /// The deadline has passed (by this database's clock) with nothing submitted.
    pub late: bool,
    /// The codes of the projects whose report is missing.
    pub missing: Vec<String>,
}

/// Each region's reporting of the last periods, side by side: the ministry's table of who is
/// late.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportingTable {
    /// The periods, the earliest first, each with its deadline.
    pub periods: Vec<PeriodDeadline>,
    pub regions: Vec<RegionPeriods>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PeriodDeadline {
    pub period: String,
    pub deadline: String,
}

/// One region's row: a cell per period, in the order of the table's periods.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegionPeriods {
    pub kato: String,
    pub label: Label,
    pub cells: Vec<PeriodCell>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PeriodCell {
    pub due: usize,
    pub reported: usize,
    pub standing: Standing,
    pub stage: Stage,
    pub late: bool,
}

impl PeriodCell {
    /// A period in which no project of the region reports.
    const NOTHING_DUE: PeriodCell =
        PeriodCell { due: 0, reported: 0, standing: Standing::NotStarted, stage: Stage::Open, late: false };
}

/// The most periods the table shows (five years of quarters).
const MOST_PERIODS: usize = 20;

impl Indmap {
    /// Each region's reporting of `period`; without one, of the last period that has ended (by
    /// the `monitoring_period` setting and this database's clock).
    pub fn reporting(&self, period: Option<&str>) -> Result<Reporting> {
        let period = self.period_or_default(period)?;
        let projects = self.store.projects(&Default::default())?;
        // By id once: a national map's missing projects are thousands, its projects 100,000.
        let codes: std::collections::HashMap<uuid::Uuid, String> =
            projects.iter().map(|p| (p.id, p.code_or_id())).collect();
        let code = |id: uuid::Uuid| codes.get(&id).cloned().unwrap_or_else(|| id.to_string());
        let (deadline, today) = (self.deadline(&period)?, self.env.clock.now().date_naive());
        let acts = self.acts_by_period(None)?;
        let regions = monitoring::progress(&projects, &period)
            .into_iter()
            .map(|r| {
                let stage = stage_in(&acts, r.region, &period);
                RegionReporting {
                    kato: r.region.as_str().to_owned(),
                    label: region_label(r.region),
                    due: r.due,
                    reported: r.reported,
                    standing: r.standing(),
                    stage,
                    late: deadline.is_some_and(|d| r.late(stage, d, today)),
                    missing: r.missing.iter().map(|id| code(*id)).collect(),
                }
            })
            .collect();
        Ok(Reporting { deadline: deadline.map(|d| d.to_string()).unwrap_or_default(), period, regions })
    }

    /// Each region's reporting of the last `count` periods that have ended (by the
    /// `monitoring_period` setting), at most twenty.
    pub fn reporting_table(&self, count: usize) -> Result<ReportingTable> {
        let today = self.env.clock.now().date_naive();
        let periods = monitoring::last_periods(self.every()?, today, count.clamp(1, MOST_PERIODS));
        let days = self.deadline_days()?;
        let projects = self.store.projects(&Default::default())?;
        let acts = self.acts_by_period(None)?;
        let mut rows: std::collections::BTreeMap<RegionCode, Vec<PeriodCell>> = Default::default();
        for (i, period) in periods.iter().enumerate() {
            let deadline = period.deadline(days);
            for r in monitoring::progress(&projects, &period.to_string()) {
                let cells = rows.entry(r.region).or_default();
                // A region with nothing due in the earlier periods: empty cells before.
                cells.resize(i, PeriodCell::NOTHING_DUE);
                cells.push(cell(&r, &acts, &period.to_string(), deadline, today));
            }
        }
        let regions = rows
            .into_iter()
            .map(|(code, mut cells)| {
                cells.resize(periods.len(), PeriodCell::NOTHING_DUE);
                RegionPeriods { kato: code.as_str().to_owned(), label: region_label(code), cells }
            })
            .collect();
        let periods = periods
            .iter()
            .map(|p| PeriodDeadline { period: p.to_string(), deadline: p.deadline(days).to_string() })
            .collect();
        Ok(ReportingTable { periods, regions })
    }

    pub(crate) fn every(&self) -> Result<Every> {
        let every = self.store.setting("monitoring_period")?.as_deref().and_then(Every::parse);
        Ok(every.unwrap_or(Every::Quarter))
    }

    /// The `report_deadline_days` setting, or the default.
    pub(crate) fn deadline_days(&self) -> Result<u32> {
        self.setting_or("report_deadline_days", DEADLINE_DAYS)
    }

    /// The deadline of a period (checked already); none for one written otherwise.
    fn deadline(&self, period: &str) -> Result<Option<chrono::NaiveDate>> {
        let days = self.deadline_days()?;
        Ok(Period::parse(period).map(|p| p.deadline(days)))
    }

    /// The period asked for, checked; without one, the last period that has ended (by the
    /// `monitoring_period` setting and this database's clock).
    pub(crate) fn period_or_default(&self, period: Option<&str>) -> Result<String> {
        Ok(match period.map(str::trim) {
            Some(p) if indmap_core::project::is_valid_period(p) => p.to_owned(),
            Some(p) => {
                let mut problems = indmap_core::Problems::new();
                problems.error(
                    "period",
                    Rule::PeriodFormat,
                    format!("must be written 2026-Q3, 2026-H1, 2026-07 or 2026; got {p:?}"),
                );
                return Err(crate::Error::invalid(problems));
            }
            None => self.every()?.reported_on(self.env.clock.now().date_naive()),
        })
    }
}

fn cell(
    progress: &RegionProgress,
    acts: &ActsByPeriod,
    period: &str,
    deadline: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> PeriodCell {
    let stage = stage_in(acts, progress.region, period);
    PeriodCell {
        due: progress.due,
        reported: progress.reported,
        standing: progress.standing(),
        stage,
        late: progress.late(stage, deadline, today),
    }
}
