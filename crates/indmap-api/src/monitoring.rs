//! Who has reported a period: per region, the projects that report and those whose report is
//! missing (the ministry's first question each quarter).

use crate::{Indmap, Result};
use indmap_core::Rule;
use indmap_core::monitoring::{self, Every};
use indmap_core::reference::{Label, region};
use serde::Serialize;

/// How far each region's reporting of a period has come.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reporting {
    /// `2026-Q3`, `2026-07` or `2026`.
    pub period: String,
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
    /// The codes of the projects whose report is missing.
    pub missing: Vec<String>,
}

impl Indmap {
    /// Each region's reporting of `period`; without one, of the last period that has ended (by
    /// the `monitoring_period` setting and this database's clock).
    pub fn reporting(&self, period: Option<&str>) -> Result<Reporting> {
        let period = self.period_or_default(period)?;
        let projects = self.store.projects(&Default::default())?;
        let code = |id: uuid::Uuid| {
            projects
                .iter()
                .find(|p| p.id == id)
                .and_then(|p| p.code.as_ref())
                .map_or_else(|| id.to_string(), |c| c.to_string())
        };
        let regions = monitoring::progress(&projects, &period)
            .into_iter()
            .map(|r| RegionReporting {
                kato: r.region.as_str().to_owned(),
                label: region(r.region.as_str()).map_or_else(
                    || Label::new(r.region.as_str(), r.region.as_str(), r.region.as_str()),
                    |info| info.label(),
                ),
                due: r.due,
                reported: r.reported,
                missing: r.missing.into_iter().map(code).collect(),
            })
            .collect();
        Ok(Reporting { period, regions })
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
                    format!("must be written 2026-Q3, 2026-07 or 2026; got {p:?}"),
                );
                return Err(crate::Error::invalid(problems));
            }
            None => {
                let every = self.store.setting("monitoring_period")?.as_deref().and_then(Every::parse);
                every.unwrap_or(Every::Quarter).reported_on(self.env.clock.now().date_naive())
            }
        })
    }
}
