//! Progress reports are kept by period: a project has at most one report a period, and writing
//! the report of a period never touches another's. Which period is reported when, which
//! projects report, and how far each region has come with a period.

pub use crate::period::{Every, Period};
use crate::period_act::Stage;
use crate::reference::Status;
use crate::{Project, RegionCode};
use chrono::NaiveDate;
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

/// Whether a project in this status reports its progress each period: those on the map
/// (`edition::is_on_map`).
pub fn reports(status: Status) -> bool {
    crate::edition::is_on_map(status)
}

/// Whether `p` reports `period`: it is on the map, and was included in it by the period's end
/// (a period written otherwise has no end to compare).
pub fn is_due(p: &Project, period: &str) -> bool {
    let end = Period::parse(period).map(Period::end);
    reports(p.status) && !matches!((p.inclusion_date, end), (Some(included), Some(end)) if included > end)
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

/// Where a region stands with a period's reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// No project has reported it.
    NotStarted,
    /// Some have.
    InProgress,
    /// Every project that reports has.
    Reported,
}

/// The days after a period's end by which its reports are due, when the setting says nothing.
pub const DEADLINE_DAYS: u32 = 10;

impl RegionProgress {
    pub fn standing(&self) -> Standing {
        match self.reported {
            0 => Standing::NotStarted,
            n if n < self.due => Standing::InProgress,
            _ => Standing::Reported,
        }
    }

    /// Whether the region is late with the period at `stage` of its cycle: its deadline has
    /// passed on `today` and nothing is handed in (however many reports are entered).
    pub fn late(&self, stage: Stage, deadline: NaiveDate, today: NaiveDate) -> bool {
        today > deadline && stage.late_after_deadline()
    }
}

/// The `count` periods that have ended by `today`, the latest last.
pub fn last_periods(every: Every, today: NaiveDate, count: usize) -> Vec<Period> {
    let mut out: Vec<Period> =
        std::iter::successors(Some(every.last_ended(today)), |p| Some(p.before())).take(count).collect();
    out.reverse();
    out
}

/// Each region's reporting of `period`, by region code; regions with no project that reports
/// are left out. A project included in the map after the period ended does not report it.
pub fn progress<'a>(projects: impl IntoIterator<Item = &'a Project>, period: &str) -> Vec<RegionProgress> {
    let mut by_region: BTreeMap<&str, RegionProgress> = BTreeMap::new();
    for p in projects.into_iter().filter(|p| is_due(p, period)) {
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
    fn the_last_periods_end_with_the_one_reported_today() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let last: Vec<String> =
            last_periods(Every::Quarter, day(2026, 2, 1), 3).iter().map(|p| p.to_string()).collect();
        assert_eq!(last, ["2025-Q2", "2025-Q3", "2025-Q4"]);
    }

    #[test]
    fn a_region_is_late_once_its_deadline_passes_with_a_report_missing() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let region = RegionCode::parse("35").unwrap();
        let progress = |reported| RegionProgress { region, due: 3, reported, missing: Vec::new() };
        let deadline = Period::parse("2026-Q3").unwrap().deadline(DEADLINE_DAYS);
        assert_eq!(progress(0).standing(), Standing::NotStarted);
        assert_eq!(progress(2).standing(), Standing::InProgress);
        assert_eq!(progress(3).standing(), Standing::Reported);
        assert!(!progress(2).late(Stage::Open, deadline, day(10, 10)), "the deadline's own day is in time");
        assert!(progress(2).late(Stage::Open, deadline, day(10, 11)));
        assert!(progress(3).late(Stage::Open, deadline, day(12, 1)), "every report entered, none handed in");
        assert!(!progress(2).late(Stage::Submitted, deadline, day(12, 1)), "handed in, if short");
        assert!(!progress(3).late(Stage::Accepted, deadline, day(12, 1)));
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
            // Included on 01.10.2026: it reports from the fourth quarter.
            Project { inclusion_date: NaiveDate::from_ymd_opt(2026, 10, 1), ..project(6, "71", Status::Design, &[]) },
        ];
        let got = progress(&projects, "2026-Q3");
        assert_eq!(got.len(), 2, "Astana has no project that reports the third quarter");
        assert_eq!(progress(&projects, "2026-Q4").iter().find(|r| r.region == region("71")).map(|r| r.due), Some(1));
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
