//! What the official report forms list, computed from the projects: the information on the
//! support measures implemented (Art. 7 p.4, Art. 8 p.4: measure × region × year × amount, with
//! the projects), and the monitoring report of a period (Art. 19 p.2: each project's plan, its
//! approved baseline, what it reported, how far they differ, and its problems). The print crate
//! lays them out; nothing here is typed by anyone.

use crate::alert::Alert;
use crate::{Money, Project, Status};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// One support measure a project received.
#[derive(Debug, Clone, PartialEq)]
pub struct SupportLine<'a> {
    pub measure: u8,
    pub year: Option<i32>,
    pub project: &'a Project,
    pub amount: Option<Money>,
    pub note: Option<&'a str>,
}

/// The support of one measure in one region and year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportTotal {
    pub measure: u8,
    /// The region's KATO prefix.
    pub region: String,
    pub year: Option<i32>,
    pub count: u32,
    /// Of them, without an amount (support in kind, or not yet priced).
    pub unpriced: u32,
    pub amount: Money,
}

/// The support measures `projects` received (of `year` only, if given): every line by measure,
/// region, year and project code, and their totals by measure, region and year.
pub fn support_register<'a>(
    projects: impl IntoIterator<Item = &'a Project>,
    year: Option<i32>,
) -> (Vec<SupportLine<'a>>, Vec<SupportTotal>) {
    let mut lines: Vec<SupportLine<'a>> = projects
        .into_iter()
        .flat_map(|p| {
            p.support_measures.iter().filter(move |s| year.is_none() || s.year == year).map(move |s| SupportLine {
                measure: s.measure,
                year: s.year,
                project: p,
                amount: s.amount,
                note: s.note.as_deref(),
            })
        })
        .collect();
    // A year unknown sorts after the known ones.
    lines.sort_by_cached_key(|l| {
        (l.measure, l.project.region.as_str().to_owned(), l.year.is_none(), l.year, l.project.code_or_id())
    });
    let mut totals: BTreeMap<(u8, String, bool, Option<i32>), SupportTotal> = BTreeMap::new();
    for l in &lines {
        let region = l.project.region.as_str().to_owned();
        let t = totals.entry((l.measure, region.clone(), l.year.is_none(), l.year)).or_insert_with(|| SupportTotal {
            measure: l.measure,
            region,
            year: l.year,
            count: 0,
            unpriced: 0,
            amount: Money::ZERO,
        });
        t.count += 1;
        match l.amount {
            Some(a) => t.amount = t.amount.saturating_add(a),
            None => t.unpriced += 1,
        }
    }
    (lines, totals.into_values().collect())
}

/// One project's line of the monitoring report of a period.
#[derive(Debug, Clone, PartialEq)]
pub struct MonitoringLine<'a> {
    pub project: &'a Project,
    /// The approved baseline's cost and commissioning, where an edition has the project.
    pub approved_cost: Option<Money>,
    pub approved_commissioning: Option<NaiveDate>,
    /// Days the planned commissioning lies past the approved one (negative: earlier).
    pub slip_days: Option<i64>,
    /// The cost now less the approved one.
    pub cost_change: Option<Money>,
    /// The period's report, if the project sent it.
    pub report: Option<&'a crate::MonitoringReport>,
    /// Invested to date in per cent of the cost.
    pub invested_pct: Option<f64>,
    /// The project's status by its report, else as it stands.
    pub status: Status,
    /// What is wrong, in the words people wrote (the project's problems, the report's comment),
    /// and how many alerts the map computes for it.
    pub problems: Vec<&'a str>,
    pub alerts: Vec<&'a Alert>,
}

/// The line of `project` in the report of `period`, against its `baseline` (the latest approved
/// edition's plan), with the `alerts` computed for it.
pub fn monitoring_line<'a>(
    project: &'a Project,
    baseline: Option<&Project>,
    period: &str,
    alerts: &'a [Alert],
) -> MonitoringLine<'a> {
    let report = project.monitoring.iter().find(|m| m.period == period);
    let approved_cost = baseline.and_then(|b| b.cost);
    let approved_commissioning = baseline.and_then(|b| b.commissioning_planned);
    let slip_days = match (approved_commissioning, project.commissioning_planned) {
        (Some(approved), Some(planned)) => Some((planned - approved).num_days()),
        _ => None,
    };
    let cost_change = match (approved_cost, project.cost) {
        (Some(approved), Some(cost)) => Some(Money(cost.0.saturating_sub(approved.0))),
        _ => None,
    };
    let invested_pct = match (report.and_then(|r| r.investment), project.cost) {
        (Some(invested), Some(cost)) if cost.0 > 0 => Some(invested.0 as f64 / cost.0 as f64 * 100.0),
        _ => None,
    };
    let problems = [project.problems.as_deref(), report.and_then(|r| r.comment.as_deref())]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    MonitoringLine {
        project,
        approved_cost,
        approved_commissioning,
        slip_days,
        cost_change,
        report,
        invested_pct,
        status: report.and_then(|r| r.status).unwrap_or(project.status),
        problems,
        alerts: alerts.iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Record;
    use crate::{MonitoringReport, RegionCode, SupportReceived};
    use uuid::Uuid;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn project(n: u128, region: &str, code: &str) -> Project {
        let mut p = Project::new(Uuid::from_u128(n), "Ж".into(), "П".into(), RegionCode::parse(region).unwrap());
        p.code = crate::ProjectCode::parse(code);
        p
    }

    fn support(n: u128, measure: u8, year: Option<i32>, amount: Option<i64>) -> SupportReceived {
        SupportReceived {
            measure,
            year,
            amount: amount.map(Money::from_units),
            ..SupportReceived::blank(Uuid::from_u128(n))
        }
    }

    #[test]
    fn the_register_lists_each_measure_by_region_and_year_and_totals_them() {
        let mut a = project(1, "35", "35-0002");
        a.support_measures = vec![support(10, 4, Some(2026), Some(300)), support(11, 1, Some(2025), Some(100))];
        let mut b = project(2, "35", "35-0001");
        b.support_measures = vec![support(20, 4, Some(2026), Some(200)), support(21, 4, None, None)];
        let mut c = project(3, "10", "10-0001");
        c.support_measures = vec![support(30, 4, Some(2026), Some(50))];
        let (lines, totals) = support_register([&a, &b, &c], None);
        let seen: Vec<(u8, &str, Option<i32>, String)> =
            lines.iter().map(|l| (l.measure, l.project.region.as_str(), l.year, l.project.code_or_id())).collect();
        assert_eq!(
            seen,
            [
                (1, "35", Some(2025), "35-0002".to_owned()),
                (4, "10", Some(2026), "10-0001".to_owned()),
                (4, "35", Some(2026), "35-0001".to_owned()),
                (4, "35", Some(2026), "35-0002".to_owned()),
                (4, "35", None, "35-0001".to_owned()),
            ]
        );
        let by = |m: u8, r: &str, y: Option<i32>| {
            totals.iter().find(|t| (t.measure, t.region.as_str(), t.year) == (m, r, y)).unwrap()
        };
        assert_eq!((by(4, "35", Some(2026)).count, by(4, "35", Some(2026)).amount), (2, Money::from_units(500)));
        assert_eq!((by(4, "35", None).count, by(4, "35", None).unpriced), (1, 1));
        assert_eq!(totals.len(), 4);
        let (of_2025, _) = support_register([&a, &b, &c], Some(2025));
        assert_eq!(of_2025.len(), 1);
    }

    #[test]
    fn a_monitoring_line_sets_the_period_report_against_plan_and_baseline() {
        let mut p = project(1, "35", "35-0001");
        p.cost = Some(Money::from_units(1_000));
        p.commissioning_planned = Some(day(2027, 3, 31));
        p.status = Status::Construction;
        p.problems = Some("Жабдық кешікті".into());
        p.monitoring = vec![
            MonitoringReport {
                period: "2026-Q2".into(),
                investment: Some(Money::from_units(100)),
                ..MonitoringReport::blank(Uuid::from_u128(2))
            },
            MonitoringReport {
                period: "2026-Q3".into(),
                investment: Some(Money::from_units(250)),
                status: Some(Status::Delayed),
                comment: Some("  ".into()),
                ..MonitoringReport::blank(Uuid::from_u128(3))
            },
        ];
        let mut baseline = p.clone();
        baseline.cost = Some(Money::from_units(800));
        baseline.commissioning_planned = Some(day(2026, 12, 31));
        let line = monitoring_line(&p, Some(&baseline), "2026-Q3", &[]);
        assert_eq!(line.report.map(|r| r.id), Some(Uuid::from_u128(3)));
        assert_eq!((line.slip_days, line.cost_change), (Some(90), Some(Money::from_units(200))));
        assert_eq!((line.invested_pct, line.status), (Some(25.0), Status::Delayed));
        assert_eq!(line.problems, ["Жабдық кешікті"], "a blank comment is no problem");
        // Not reported: no figures, the status as it stands; no baseline: no variance.
        let missing = monitoring_line(&p, None, "2026-Q4", &[]);
        assert_eq!((missing.report, missing.invested_pct, missing.status), (None, None, Status::Construction));
        assert_eq!((missing.slip_days, missing.cost_change), (None, None));
    }
}
