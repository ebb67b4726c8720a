//! Plan against actual for a set of projects, in totals and by region, sector and year of
//! commissioning: investment, permanent jobs, output, commissioning and how much of it came on
//! time; and financing planned, committed and disbursed by source and year. The plan is the
//! project's (its cost, its jobs); the actual is its latest report; on time is by the approved
//! baseline where an edition has the project, else by its own plan.

use crate::reference::FinancingStatus;
use crate::{Money, Project};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// The figures of a group of projects.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanActual {
    pub projects: u32,
    /// The projects' cost, in tiyn.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub investment_plan: Money,
    /// Invested to date by each project's latest report, in tiyn.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub investment_actual: Money,
    pub jobs_plan: u32,
    /// Jobs created by each project's latest report.
    pub jobs_actual: u32,
    /// Output over every report, in tiyn.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub output_actual: Money,
    /// Projects whose planned (or approved) commissioning has come by today.
    pub commissioning_due: u32,
    /// Projects with an actual commissioning date.
    pub commissioned: u32,
    /// Of those, commissioned by the approved date (else the planned one).
    pub commissioned_on_time: u32,
}

impl PlanActual {
    /// One project's figures.
    fn of(p: &Project, baseline: Option<&Project>, today: NaiveDate) -> PlanActual {
        let latest = latest_report(p);
        let due = baseline.and_then(|b| b.commissioning_planned).or(p.commissioning_planned);
        let commissioned = p.commissioning_actual;
        PlanActual {
            projects: 1,
            investment_plan: p.cost.unwrap_or_default(),
            investment_actual: latest.and_then(|r| r.investment).unwrap_or_default(),
            jobs_plan: p.jobs_permanent.unwrap_or(0),
            jobs_actual: latest.and_then(|r| r.jobs_created).unwrap_or(0),
            output_actual: p
                .monitoring
                .iter()
                .fold(Money::ZERO, |sum, r| sum.saturating_add(r.output.unwrap_or_default())),
            commissioning_due: u32::from(due.is_some_and(|d| d <= today)),
            commissioned: u32::from(commissioned.is_some()),
            commissioned_on_time: u32::from(matches!((commissioned, due), (Some(a), Some(d)) if a <= d)),
        }
    }

    /// Adds another group's (or one project's) figures.
    fn add(&mut self, o: &PlanActual) {
        self.projects += o.projects;
        self.investment_plan = self.investment_plan.saturating_add(o.investment_plan);
        self.investment_actual = self.investment_actual.saturating_add(o.investment_actual);
        self.jobs_plan = self.jobs_plan.saturating_add(o.jobs_plan);
        self.jobs_actual = self.jobs_actual.saturating_add(o.jobs_actual);
        self.output_actual = self.output_actual.saturating_add(o.output_actual);
        self.commissioning_due += o.commissioning_due;
        self.commissioned += o.commissioned;
        self.commissioned_on_time += o.commissioned_on_time;
    }
}

/// The report of the latest period, by when the period ends.
pub(crate) fn latest_report(p: &Project) -> Option<&crate::MonitoringReport> {
    p.monitoring
        .iter()
        .filter_map(|m| Some((crate::period::Period::parse(&m.period)?.end(), m)))
        .max_by_key(|(end, _)| *end)
        .map(|(_, m)| m)
}

/// A group's key (a region's KATO prefix, a sector's code, a year) and its figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Group {
    /// Empty where the projects do not say (no sector, no date).
    pub key: String,
    pub figures: PlanActual,
}

/// Financing of one source in one year, by status, in tiyn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FinancingCell {
    pub source: String,
    pub year: i32,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub planned: Money,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub committed: Money,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub disbursed: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Dashboard {
    pub total: PlanActual,
    /// In KATO order.
    pub by_region: Vec<Group>,
    /// By sector code, those without one last.
    pub by_sector: Vec<Group>,
    /// By year of commissioning (actual, else planned), those without a date last.
    pub by_year: Vec<Group>,
    /// By source, then year.
    pub financing: Vec<FinancingCell>,
}

/// The dashboard of `projects`, measured against their `baselines` (by id) on `today`.
pub fn of<'a>(
    projects: impl IntoIterator<Item = &'a Project>,
    baselines: &HashMap<Uuid, Project>,
    today: NaiveDate,
) -> Dashboard {
    // Keyed by what the projects hold (no copy of a key per project); sorted at the end.
    let mut total = PlanActual::default();
    let mut regions: HashMap<crate::RegionCode, PlanActual> = HashMap::new();
    let mut sectors: HashMap<Option<&'a str>, PlanActual> = HashMap::new();
    let mut years: HashMap<Option<i32>, PlanActual> = HashMap::new();
    let mut financing: HashMap<(&'a str, i32), [Money; 3]> = HashMap::new();
    for p in projects {
        let one = PlanActual::of(p, baselines.get(&p.id), today);
        total.add(&one);
        regions.entry(p.region).or_default().add(&one);
        sectors.entry(p.sector.as_deref()).or_default().add(&one);
        years.entry(crate::filter::commissioning_year(p)).or_default().add(&one);
        for f in &p.financing {
            let cell = financing.entry((f.source.as_str(), f.year)).or_default();
            let i = match f.status {
                FinancingStatus::Planned => 0,
                FinancingStatus::Committed => 1,
                FinancingStatus::Disbursed => 2,
            };
            cell[i] = cell[i].saturating_add(f.amount);
        }
    }
    let regions: BTreeMap<&str, PlanActual> = regions.into_iter().map(|(r, f)| (r.as_str(), f)).collect();
    // Those without a sector or a year last.
    let sectors: BTreeMap<(bool, &str), PlanActual> =
        sectors.into_iter().map(|(k, f)| ((k.is_none(), k.unwrap_or_default()), f)).collect();
    let years: BTreeMap<(bool, i32), PlanActual> =
        years.into_iter().map(|(k, f)| ((k.is_none(), k.unwrap_or(0)), f)).collect();
    let financing: BTreeMap<(&str, i32), [Money; 3]> = financing.into_iter().collect();
    let groups =
        |pairs: Vec<(String, PlanActual)>| pairs.into_iter().map(|(key, figures)| Group { key, figures }).collect();
    Dashboard {
        total,
        by_region: groups(regions.into_iter().map(|(k, f)| (k.to_owned(), f)).collect()),
        by_sector: groups(sectors.into_iter().map(|((_, k), f)| (k.to_owned(), f)).collect()),
        by_year: groups(
            years.into_iter().map(|((none, y), f)| (if none { String::new() } else { y.to_string() }, f)).collect(),
        ),
        financing: financing
            .into_iter()
            .map(|((source, year), [planned, committed, disbursed])| FinancingCell {
                source: source.to_owned(),
                year,
                planned,
                committed,
                disbursed,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Record;
    use crate::{FinancingRow, MonitoringReport, RegionCode};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn project(n: u128, region: &str, sector: Option<&str>) -> Project {
        let mut p = Project::new(Uuid::from_u128(n), "Ж".into(), "П".into(), RegionCode::parse(region).unwrap());
        p.sector = sector.map(str::to_owned);
        p
    }

    fn report(n: u128, period: &str, investment: i64, jobs: u32, output: i64) -> MonitoringReport {
        MonitoringReport {
            period: period.into(),
            investment: Some(Money::from_units(investment)),
            jobs_created: Some(jobs),
            output: Some(Money::from_units(output)),
            ..MonitoringReport::blank(Uuid::from_u128(n))
        }
    }

    #[test]
    fn plan_and_actual_add_up_by_group_with_the_latest_report_and_on_time_by_the_baseline() {
        let mut a = project(1, "35", Some("metallurgy"));
        a.cost = Some(Money::from_units(1_000));
        a.jobs_permanent = Some(100);
        a.commissioning_planned = Some(day(2026, 6, 30));
        a.commissioning_actual = Some(day(2026, 7, 15));
        // Stored out of order: the latest report is Q2's.
        a.monitoring = vec![report(10, "2026-Q2", 900, 80, 50), report(11, "2026-Q1", 600, 40, 30)];
        a.financing = vec![
            FinancingRow {
                source: "dbk".into(),
                amount: Money::from_units(700),
                year: 2026,
                status: FinancingStatus::Disbursed,
                ..FinancingRow::blank(Uuid::from_u128(12))
            },
            FinancingRow {
                source: "dbk".into(),
                amount: Money::from_units(300),
                year: 2026,
                status: FinancingStatus::Planned,
                ..FinancingRow::blank(Uuid::from_u128(13))
            },
        ];
        let mut baseline = a.clone();
        baseline.commissioning_planned = Some(day(2026, 9, 30));
        let mut b = project(2, "35", None);
        b.cost = Some(Money::from_units(500));
        b.commissioning_planned = Some(day(2027, 3, 31));
        let mut c = project(3, "10", Some("metallurgy"));
        c.commissioning_planned = Some(day(2026, 1, 31));
        c.commissioning_actual = Some(day(2026, 3, 1));
        let baselines = HashMap::from([(a.id, baseline)]);
        let d = of([&a, &b, &c], &baselines, day(2026, 12, 1));
        assert_eq!(
            d.total,
            PlanActual {
                projects: 3,
                investment_plan: Money::from_units(1_500),
                investment_actual: Money::from_units(900),
                jobs_plan: 100,
                jobs_actual: 80,
                output_actual: Money::from_units(80),
                commissioning_due: 2,
                commissioned: 2,
                // a: 15 July by the approved 30 September; c: 1 March after its planned 31 January.
                commissioned_on_time: 1,
            }
        );
        let keys = |g: &[Group]| g.iter().map(|g| (g.key.clone(), g.figures.projects)).collect::<Vec<_>>();
        assert_eq!(keys(&d.by_region), [("10".into(), 1), ("35".into(), 2)]);
        assert_eq!(keys(&d.by_sector), [("metallurgy".into(), 2), ("".into(), 1)], "no sector last");
        assert_eq!(keys(&d.by_year), [("2026".into(), 2), ("2027".into(), 1)]);
        assert_eq!(d.by_region[1].figures.investment_plan, Money::from_units(1_500));
        assert_eq!(
            d.financing,
            [FinancingCell {
                source: "dbk".into(),
                year: 2026,
                planned: Money::from_units(300),
                committed: Money::ZERO,
                disbursed: Money::from_units(700)
            }]
        );
    }
}
