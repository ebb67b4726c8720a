//! Progress reports are kept by period: a project has at most one report a period, and writing
//! the report of a period never touches another's. Which period is reported when, which
//! projects report, and how far each region has come with a period.

use crate::reference::Status;
use crate::{Project, RegionCode};
use chrono::{Datelike, NaiveDate};
use serde_json::Value;
use std::collections::BTreeMap;
use uuid::Uuid;

/// The reports `given` (as a file or a form writes them) put into `stored`, both lists of
/// report objects: a given report replaces the stored one of its period, keeping that one's id
/// (so the change merges field by field elsewhere); one of a new period is added. Reports of
/// other periods stay as they were. A given report without a period is added, for validation
/// to name it.
pub fn put_by_period(stored: &[Value], given: &[Value]) -> Vec<Value> {
    let period = |v: &Value| v.get("period").and_then(Value::as_str).map(str::to_owned);
    let mut out: Vec<Value> = stored.to_vec();
    for report in given {
        let mut report = report.clone();
        match out.iter().position(|s| period(s).is_some() && period(s) == period(&report)) {
            Some(i) => {
                if let (Some(id), Some(fields)) = (out[i].get("id").cloned(), report.as_object_mut()) {
                    fields.insert("id".into(), id);
                }
                out[i] = report;
            }
            None => out.push(report),
        }
    }
    out
}

/// How often projects report, as the `monitoring_period` setting says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Every {
    Quarter,
    Month,
    Year,
}

impl Every {
    pub fn parse(setting: &str) -> Option<Every> {
        match setting.trim() {
            "quarter" => Some(Every::Quarter),
            "month" => Some(Every::Month),
            "year" => Some(Every::Year),
            _ => None,
        }
    }

    /// The period reported on `today`: the last one that has ended (the third quarter is
    /// reported in October).
    pub fn reported_on(self, today: NaiveDate) -> String {
        let (y, m) = (today.year(), today.month());
        match self {
            Every::Quarter => match (m - 1) / 3 {
                0 => format!("{}-Q4", y - 1),
                q => format!("{y}-Q{q}"),
            },
            Every::Month => match m {
                1 => format!("{}-12", y - 1),
                m => format!("{y}-{:02}", m - 1),
            },
            Every::Year => format!("{}", y - 1),
        }
    }
}

/// Whether a project in this status reports its progress each period: those on the map
/// (`edition::is_on_map`).
pub fn reports(status: Status) -> bool {
    crate::edition::is_on_map(status)
}

/// How far one region's reporting of a period has come.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionProgress {
    pub region: RegionCode,
    /// The projects that report (`reports`).
    pub due: usize,
    /// Those with a report of the period.
    pub reported: usize,
    /// Those without one, by id, in the order given.
    pub missing: Vec<Uuid>,
}

/// Each region's reporting of `period`, by region code; regions with no project that reports
/// are left out.
pub fn progress<'a>(projects: impl IntoIterator<Item = &'a Project>, period: &str) -> Vec<RegionProgress> {
    let mut by_region: BTreeMap<&str, RegionProgress> = BTreeMap::new();
    for p in projects.into_iter().filter(|p| reports(p.status)) {
        let entry = by_region.entry(p.region.as_str()).or_insert(RegionProgress {
            region: p.region,
            due: 0,
            reported: 0,
            missing: Vec::new(),
        });
        entry.due += 1;
        if p.monitoring.iter().any(|m| m.period == period) {
            entry.reported += 1;
        } else {
            entry.missing.push(p.id);
        }
    }
    by_region.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MonitoringReport;
    use crate::schema::Record;
    use serde_json::json;

    #[test]
    fn the_period_reported_is_the_last_that_ended() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(Every::Quarter.reported_on(day(2026, 10, 5)), "2026-Q3");
        assert_eq!(Every::Quarter.reported_on(day(2026, 1, 10)), "2025-Q4");
        assert_eq!(Every::Quarter.reported_on(day(2026, 3, 31)), "2025-Q4");
        assert_eq!(Every::Quarter.reported_on(day(2026, 4, 1)), "2026-Q1");
        assert_eq!(Every::Month.reported_on(day(2026, 1, 3)), "2025-12");
        assert_eq!(Every::Month.reported_on(day(2026, 8, 3)), "2026-07");
        assert_eq!(Every::Year.reported_on(day(2026, 8, 3)), "2025");
        assert_eq!(Every::parse("half-year"), None);
    }

    #[test]
    fn progress_counts_the_projects_that_report_and_names_the_missing() {
        let region = |k| RegionCode::parse(k).unwrap();
        let project = |n: u128, kato, status, periods: &[&str]| {
            let mut p = Project::new(Uuid::from_u128(n), "Жоба".into(), "Проект".into(), region(kato));
            p.status = status;
            p.monitoring = periods
                .iter()
                .map(|period| MonitoringReport {
                    period: (*period).into(),
                    ..MonitoringReport::blank(Uuid::from_u128(100 + n))
                })
                .collect();
            p
        };
        let projects = [
            project(1, "35", Status::Construction, &["2026-Q2", "2026-Q3"]),
            project(2, "35", Status::Design, &["2026-Q2"]),
            project(3, "35", Status::Candidate, &[]),
            project(4, "75", Status::Delayed, &["2026-Q3"]),
            project(5, "71", Status::Rejected, &[]),
        ];
        let got = progress(&projects, "2026-Q3");
        assert_eq!(got.len(), 2, "Astana has no project that reports");
        assert_eq!((got[0].region, got[0].due, got[0].reported), (region("35"), 2, 1));
        assert_eq!(got[0].missing, [Uuid::from_u128(2)]);
        assert_eq!((got[1].region, got[1].due, got[1].reported, got[1].missing.len()), (region("75"), 1, 1, 0));
    }

    #[test]
    fn a_report_replaces_its_own_period_and_leaves_the_others() {
        let stored = [
            json!({"id": "a", "period": "2025-Q4", "progress_pct": 40}),
            json!({"id": "b", "period": "2026-Q1", "progress_pct": 55}),
        ];
        let given =
            [json!({"period": "2026-Q1", "progress_pct": 60}), json!({"period": "2026-Q3", "progress_pct": 80})];
        let put = put_by_period(&stored, &given);
        assert_eq!(
            put,
            [
                json!({"id": "a", "period": "2025-Q4", "progress_pct": 40}),
                json!({"id": "b", "period": "2026-Q1", "progress_pct": 60}),
                json!({"period": "2026-Q3", "progress_pct": 80}),
            ]
        );
        assert_eq!(put_by_period(&stored, &[]), stored);
    }
}
