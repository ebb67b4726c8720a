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
    HalfYear,
    Year,
}

impl Every {
    pub fn parse(setting: &str) -> Option<Every> {
        match setting.trim() {
            "quarter" => Some(Every::Quarter),
            "month" => Some(Every::Month),
            "half-year" => Some(Every::HalfYear),
            "year" => Some(Every::Year),
            _ => None,
        }
    }

    /// How many months a period lasts.
    fn months(self) -> u32 {
        match self {
            Every::Month => 1,
            Every::Quarter => 3,
            Every::HalfYear => 6,
            Every::Year => 12,
        }
    }

    /// The period reported on `today`: the last one that has ended (the third quarter is
    /// reported in October).
    pub fn reported_on(self, today: NaiveDate) -> String {
        self.last_ended(today).to_string()
    }

    /// The last period that has ended on `today`.
    pub fn last_ended(self, today: NaiveDate) -> Period {
        Period::containing(self, today).before()
    }
}

/// A reporting period: `2026` (a year), `2026-H1` (a half-year), `2026-Q3` (a quarter) or
/// `2026-07` (a month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    year: i32,
    every: u32,
    /// Which one of the year, from 1.
    index: u32,
}

impl Period {
    /// The period `text` names, written as `Display` writes it (so `2026-Q03` or `2026-7` is
    /// none).
    pub fn parse(text: &str) -> Option<Period> {
        let (year, every, index) = match text.split_once('-') {
            None => (text, Every::Year, "1"),
            Some((y, rest)) if rest.starts_with('Q') => (y, Every::Quarter, &rest[1..]),
            Some((y, rest)) if rest.starts_with('H') => (y, Every::HalfYear, &rest[1..]),
            Some((y, rest)) => (y, Every::Month, rest),
        };
        let year: i32 = year.parse().ok().filter(|y| (1000..=9999).contains(y))?;
        let index: u32 = index.parse().ok().filter(|i| (1..=12 / every.months()).contains(i))?;
        let period = Period { year, every: every.months(), index };
        (period.to_string() == text).then_some(period)
    }

    fn containing(every: Every, day: NaiveDate) -> Period {
        Period { year: day.year(), every: every.months(), index: (day.month() - 1) / every.months() + 1 }
    }

    /// The period just before this one.
    pub fn before(self) -> Period {
        match self.index {
            1 => Period { year: self.year - 1, index: 12 / self.every, ..self },
            i => Period { index: i - 1, ..self },
        }
    }

    /// The last day of the period.
    pub fn end(self) -> NaiveDate {
        let month = self.index * self.every;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year, month + 1, 1)
        };
        next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
    }

    /// The day its reports are due: `days` after its end.
    pub fn deadline(self, days: u32) -> NaiveDate {
        self.end().checked_add_days(chrono::Days::new(days.into())).unwrap_or(NaiveDate::MAX)
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.every {
            12 => write!(f, "{}", self.year),
            6 => write!(f, "{}-H{}", self.year, self.index),
            3 => write!(f, "{}-Q{}", self.year, self.index),
            _ => write!(f, "{}-{:02}", self.year, self.index),
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

    /// Whether the region is late with the period: its deadline has passed on `today` and a
    /// report is still missing.
    pub fn late(&self, deadline: NaiveDate, today: NaiveDate) -> bool {
        today > deadline && self.standing() != Standing::Reported
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
    let end = Period::parse(period).map(Period::end);
    let included = |p: &Project| match (p.inclusion_date, end) {
        (Some(included), Some(end)) => included <= end,
        _ => true,
    };
    let mut by_region: BTreeMap<&str, RegionProgress> = BTreeMap::new();
    for p in projects.into_iter().filter(|p| reports(p.status) && included(p)) {
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
        assert_eq!(Every::parse("half-year"), Some(Every::HalfYear));
        assert_eq!(Every::parse("week"), None);
    }

    #[test]
    fn periods_are_read_and_written_one_way_and_end_on_their_last_day() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        for text in ["2026", "2026-H1", "2026-H2", "2026-Q1", "2026-Q4", "2026-01", "2026-12"] {
            assert_eq!(Period::parse(text).map(|p| p.to_string()).as_deref(), Some(text));
        }
        for bad in [
            "2026-Q5", "2026-Q0", "2026-H3", "2026-13", "2026-7", "2026-Q03", "26", "2026-", "-Q1", "2026-X1", "2026-Q",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        let end = |text| Period::parse(text).unwrap().end();
        assert_eq!(end("2026-Q1"), day(2026, 3, 31));
        assert_eq!(end("2026-H2"), day(2026, 12, 31));
        assert_eq!(end("2024-02"), day(2024, 2, 29), "a leap year's February");
        assert_eq!(end("2026"), day(2026, 12, 31));
        assert_eq!(Period::parse("2026-Q3").unwrap().deadline(10), day(2026, 10, 10));
        assert_eq!(Period::parse("2026-Q4").unwrap().deadline(10), day(2027, 1, 10));
        assert_eq!(Every::HalfYear.reported_on(day(2026, 7, 1)), "2026-H1");
        assert_eq!(Every::HalfYear.reported_on(day(2026, 6, 30)), "2025-H2");
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
        assert!(!progress(2).late(deadline, day(10, 10)), "the deadline's own day is in time");
        assert!(progress(2).late(deadline, day(10, 11)));
        assert!(progress(0).late(deadline, day(12, 1)));
        assert!(!progress(3).late(deadline, day(12, 1)), "a region that has reported is never late");
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
