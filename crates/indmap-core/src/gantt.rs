//! The schedule of projects as a Gantt chart reads it: per project, its span from start to
//! commissioning, its milestones and its action plan, each planned against actual, with the
//! approved baseline behind and what is overdue marked (by the alerts' own rule, so the chart
//! and the alert list never disagree).

use crate::Project;
use crate::alert::{self, AlertKind, Context};
use crate::reference::ActionStatus;
use chrono::NaiveDate;
use serde::Serialize;

/// What a bar of the chart is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BarKind {
    /// The project from its start to its commissioning.
    Project,
    Milestone,
    Action,
}

/// One bar or mark: planned and actual dates, the baseline's, and whether it is overdue.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Bar {
    pub kind: BarKind,
    /// The field the editor opens for it: `commissioning_planned`, `milestones[1].planned`,
    /// `actions[0].due`.
    pub field: String,
    /// The milestone's name or the action's title (empty for the project).
    pub label: String,
    /// Where the bar begins: the project's start (milestones and actions are marks).
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub start: Option<NaiveDate>,
    /// The planned date: commissioning, the milestone's, the action's due date.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub planned: Option<NaiveDate>,
    /// What happened: the actual commissioning or milestone, the day the action was done.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub actual: Option<NaiveDate>,
    /// The planned date as the latest approved edition has it.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub baseline: Option<NaiveDate>,
    /// Past its date and not done (an alert says so).
    pub overdue: bool,
    /// An action cancelled: drawn, but not counted late.
    pub cancelled: bool,
}

/// A project's lane: its own bar first, then its milestones and actions.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Lane {
    pub id: String,
    pub code: Option<String>,
    pub name_kk: String,
    pub name_ru: String,
    pub bars: Vec<Bar>,
}

/// The lane of `project`, measured against its baseline (if an edition approved it).
pub fn lane(project: &Project, baseline: Option<&Project>, cx: &Context) -> Lane {
    let overdue: Vec<String> = alert::of(project, baseline, cx)
        .into_iter()
        .filter(|a| {
            matches!(a.kind, AlertKind::ActionOverdue | AlertKind::MilestoneOverdue | AlertKind::CommissioningOverdue)
        })
        .map(|a| a.field)
        .collect();
    let late = |field: &str| overdue.iter().any(|f| f == field);
    let mut bars = vec![Bar {
        kind: BarKind::Project,
        field: "commissioning_planned".into(),
        label: String::new(),
        start: project.start_date,
        planned: project.commissioning_planned,
        actual: project.commissioning_actual,
        baseline: baseline.and_then(|b| b.commissioning_planned),
        overdue: late("commissioning_actual"),
        cancelled: false,
    }];
    bars.extend(project.milestones.iter().enumerate().map(|(i, m)| Bar {
        kind: BarKind::Milestone,
        field: format!("milestones[{i}].planned"),
        label: m.name.clone(),
        start: None,
        planned: m.planned,
        actual: m.actual,
        baseline: baseline.and_then(|b| b.milestones.iter().find(|o| o.id == m.id)).and_then(|o| o.planned),
        overdue: late(&format!("milestones[{i}].actual")),
        cancelled: false,
    }));
    bars.extend(project.actions.iter().enumerate().map(|(i, a)| {
        let field = format!("actions[{i}].due");
        Bar {
            kind: BarKind::Action,
            overdue: late(&field),
            field,
            label: a.title.clone(),
            start: None,
            planned: a.due,
            actual: a.done,
            baseline: baseline.and_then(|b| b.actions.iter().find(|o| o.id == a.id)).and_then(|o| o.due),
            cancelled: a.status == ActionStatus::Cancelled,
        }
    }));
    Lane {
        id: project.id.to_string(),
        code: project.code.as_ref().map(ToString::to_string),
        name_kk: project.name_kk.clone(),
        name_ru: project.name_ru.clone(),
        bars,
    }
}

/// The first and last day any bar of `lanes` or `today` falls on: the chart's whole span.
pub fn span(lanes: &[Lane], today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let dates = lanes
        .iter()
        .flat_map(|l| &l.bars)
        .flat_map(|b| [b.start, b.planned, b.actual, b.baseline])
        .flatten()
        .chain([today]);
    dates.fold((today, today), |(lo, hi), d| (lo.min(d), hi.max(d)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alert::Thresholds;
    use crate::monitoring::Every;
    use crate::reference::Status;
    use crate::schema::Record;
    use crate::{ActionItem, Milestone, RegionCode};
    use uuid::Uuid;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn cx() -> Context {
        let today = day(2026, 8, 15);
        Context { today, due_period: alert::due_period(Every::Quarter, today, 10), thresholds: Thresholds::default() }
    }

    fn project() -> Project {
        let mut p = Project::new(Uuid::from_u128(1), "Зауыт".into(), "Завод".into(), RegionCode::parse("35").unwrap());
        p.status = Status::Construction;
        p.start_date = Some(day(2025, 3, 1));
        p.commissioning_planned = Some(day(2026, 6, 30));
        p.milestones = vec![
            Milestone {
                name: "Іргетас".into(),
                planned: Some(day(2025, 9, 1)),
                actual: Some(day(2025, 10, 1)),
                ..Milestone::blank(Uuid::from_u128(2))
            },
            Milestone {
                name: "Монтаж".into(), planned: Some(day(2026, 5, 1)), ..Milestone::blank(Uuid::from_u128(3))
            },
        ];
        p.actions = vec![
            ActionItem { title: "Жол".into(), due: Some(day(2026, 7, 1)), ..ActionItem::blank(Uuid::from_u128(4)) },
            ActionItem {
                title: "Газ".into(),
                due: Some(day(2026, 1, 1)),
                status: ActionStatus::Cancelled,
                ..ActionItem::blank(Uuid::from_u128(5))
            },
        ];
        p
    }

    #[test]
    fn a_lane_holds_the_project_its_milestones_and_actions_with_what_is_overdue_marked() {
        let p = project();
        let mut baseline = p.clone();
        baseline.commissioning_planned = Some(day(2026, 3, 31));
        baseline.milestones[1].planned = Some(day(2026, 2, 1));
        let lane = lane(&p, Some(&baseline), &cx());
        let seen: Vec<(BarKind, &str, bool, bool)> =
            lane.bars.iter().map(|b| (b.kind, b.field.as_str(), b.overdue, b.cancelled)).collect();
        assert_eq!(
            seen,
            [
                (BarKind::Project, "commissioning_planned", true, false),
                (BarKind::Milestone, "milestones[0].planned", false, false),
                (BarKind::Milestone, "milestones[1].planned", true, false),
                (BarKind::Action, "actions[0].due", true, false),
                (BarKind::Action, "actions[1].due", false, true),
            ]
        );
        assert_eq!(lane.bars[0].start, Some(day(2025, 3, 1)));
        assert_eq!(lane.bars[0].baseline, Some(day(2026, 3, 31)));
        assert_eq!(lane.bars[2].baseline, Some(day(2026, 2, 1)), "the milestone's approved date, by its id");
        assert_eq!(lane.bars[1].actual, Some(day(2025, 10, 1)));
        assert_eq!(lane.code, None);
    }

    #[test]
    fn without_a_baseline_nothing_is_drawn_behind_and_the_span_covers_today() {
        let lane = lane(&project(), None, &cx());
        assert!(lane.bars.iter().all(|b| b.baseline.is_none()));
        assert_eq!(span(std::slice::from_ref(&lane), day(2027, 1, 1)), (day(2025, 3, 1), day(2027, 1, 1)));
        assert_eq!(span(&[lane], day(2026, 1, 1)), (day(2025, 3, 1), day(2026, 7, 1)));
        assert_eq!(span(&[], day(2026, 1, 1)), (day(2026, 1, 1), day(2026, 1, 1)));
    }
}
