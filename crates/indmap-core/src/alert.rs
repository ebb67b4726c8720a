//! What is late or does not add up on the map, computed from the projects, never typed: the
//! monitoring the law asks of the map (Art. 19 p.2 and p.4). An alert names its project and the
//! field the editor opens, so whoever reads the list can go and fix it.

use crate::edition;
use crate::period::{Every, Period};
use crate::reference::{ActionStatus, Label};
use crate::{Money, Project};
use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

/// What an alert is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    /// An action of the plan is past its due date and neither done nor cancelled.
    ActionOverdue,
    /// A milestone is past its planned date with no actual one.
    MilestoneOverdue,
    /// The planned commissioning has passed with no actual date.
    CommissioningOverdue,
    /// The planned commissioning is later than the approved baseline.
    CommissioningSlipped,
    /// A milestone is planned later than the approved baseline.
    MilestoneSlipped,
    /// No report for the last period whose reports are due.
    ReportMissing,
    /// The financing rows do not add up to the cost.
    FinancingMismatch,
    /// Support is received, but no criterion of Art. 20 p.6 is given.
    SupportWithoutCriteria,
    /// On the republican map without a local-content expertise (Art. 1 p.2).
    ExpertiseMissing,
    /// A report gives less invested to date than the report before it.
    InvestmentFalling,
    /// A report gives less progress than the report before it.
    ProgressFalling,
}

impl AlertKind {
    pub const ALL: [AlertKind; 11] = [
        AlertKind::ActionOverdue,
        AlertKind::MilestoneOverdue,
        AlertKind::CommissioningOverdue,
        AlertKind::CommissioningSlipped,
        AlertKind::MilestoneSlipped,
        AlertKind::ReportMissing,
        AlertKind::FinancingMismatch,
        AlertKind::SupportWithoutCriteria,
        AlertKind::ExpertiseMissing,
        AlertKind::InvestmentFalling,
        AlertKind::ProgressFalling,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AlertKind::ActionOverdue => "action_overdue",
            AlertKind::MilestoneOverdue => "milestone_overdue",
            AlertKind::CommissioningOverdue => "commissioning_overdue",
            AlertKind::CommissioningSlipped => "commissioning_slipped",
            AlertKind::MilestoneSlipped => "milestone_slipped",
            AlertKind::ReportMissing => "report_missing",
            AlertKind::FinancingMismatch => "financing_mismatch",
            AlertKind::SupportWithoutCriteria => "support_without_criteria",
            AlertKind::ExpertiseMissing => "expertise_missing",
            AlertKind::InvestmentFalling => "investment_falling",
            AlertKind::ProgressFalling => "progress_falling",
        }
    }

    pub fn from_code(code: &str) -> Option<AlertKind> {
        AlertKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// What the alert list calls it, in kk, ru and en.
    pub fn label(self) -> Label {
        let [kk, ru, en] = match self {
            AlertKind::ActionOverdue => ["Іс-шараның мерзімі өтті", "Просрочено мероприятие", "Action overdue"],
            AlertKind::MilestoneOverdue => ["Кезеңнің мерзімі өтті", "Просрочен этап", "Milestone overdue"],
            AlertKind::CommissioningOverdue => ["Іске қосу мерзімі өтті", "Просрочен ввод", "Commissioning overdue"],
            AlertKind::CommissioningSlipped => [
                "Іске қосу бекітілген жоспардан кешіктірілді",
                "Ввод сдвинут от утверждённого плана",
                "Commissioning slipped past the approved plan",
            ],
            AlertKind::MilestoneSlipped => [
                "Кезең бекітілген жоспардан кешіктірілді",
                "Этап сдвинут от утверждённого плана",
                "Milestone slipped past the approved plan",
            ],
            AlertKind::ReportMissing => ["Кезең бойынша есеп жоқ", "Нет отчёта за период", "No report for the period"],
            AlertKind::FinancingMismatch => [
                "Қаржыландыру құнымен сәйкес емес",
                "Финансирование не сходится со стоимостью",
                "Financing does not add up to the cost",
            ],
            AlertKind::SupportWithoutCriteria => [
                "Қолдау өлшемшартсыз (20-бап 6-т.)",
                "Поддержка без критерия (ст. 20 п. 6)",
                "Support without a criterion (Art. 20 p.6)",
            ],
            AlertKind::ExpertiseMissing => {
                ["Жергілікті қамту сараптамасы жоқ", "Нет экспертизы местного содержания", "No local-content expertise"]
            }
            AlertKind::InvestmentFalling => {
                ["Игерілген инвестиция азайып кетті", "Освоенные инвестиции уменьшились", "Investment to date fell"]
            }
            AlertKind::ProgressFalling => ["Дайындық азайып кетті", "Готовность уменьшилась", "Progress fell"],
        };
        Label::new(kk, ru, en)
    }
}

/// The two figures that disagree: what was expected (the cost, the earlier report) and what
/// was found.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "unit", rename_all = "snake_case")]
pub enum Figures {
    /// In tiyn, exact.
    Money {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        expected: Money,
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        found: Money,
    },
    Percent {
        expected: f64,
        found: f64,
    },
}

/// One thing that is late or does not add up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alert {
    pub kind: AlertKind,
    pub project: Uuid,
    /// The field to open, as the editor and the problems name it: `actions[2].due`,
    /// `commissioning_actual`, `monitoring`, `financing`.
    pub field: String,
    /// Days late, or slipped past the baseline.
    pub days: Option<i64>,
    /// The row or period it is about: the action's title, the milestone's name, the period.
    pub subject: Option<String>,
    pub figures: Option<Figures>,
    /// Who is to act: the action's responsible, else the project's responsible body.
    pub responsible: Option<String>,
}

impl Alert {
    /// An alert of `kind` at `field` of `project`, for its responsible body to act on; the
    /// rest is filled by the kind.
    fn on(project: &Project, kind: AlertKind, field: String) -> Alert {
        Alert {
            kind,
            project: project.id,
            field,
            days: None,
            subject: None,
            figures: None,
            responsible: project.responsible_body.clone(),
        }
    }
}

/// How late is late: the settings behind the alerts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Days past a due or planned date before an item is overdue.
    pub late_days: u32,
    /// Days past the baseline before a date has slipped.
    pub slip_days: u32,
    /// How far, in per cent of the cost, the financing may be from it.
    pub financing_tolerance_pct: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { late_days: 0, slip_days: 30, financing_tolerance_pct: 1.0 }
    }
}

/// What every project's alerts are computed against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Context {
    pub today: NaiveDate,
    /// The last period whose reports are due by `today` (`due_period`).
    pub due_period: Period,
    pub thresholds: Thresholds,
}

/// The last period whose deadline (`deadline_days` after its end) has passed by `today`.
pub fn due_period(every: Every, today: NaiveDate, deadline_days: u32) -> Period {
    let ended = every.last_ended(today);
    if today > ended.deadline(deadline_days) { ended } else { ended.before() }
}

/// The alerts of one project, against its baseline (the latest approved edition's plan, if
/// any), in the order of `AlertKind` and then of the rows. Only a project on the map is
/// monitored: a candidate's or an excluded project's plan alerts no one.
pub fn of(project: &Project, baseline: Option<&Project>, cx: &Context) -> Vec<Alert> {
    let mut out = Vec::new();
    if !edition::is_on_map(project.status) {
        return out;
    }
    let at = |kind, field: String| Alert::on(project, kind, field);
    let late = |date: Option<NaiveDate>| {
        let days = (cx.today - date?).num_days();
        (days > i64::from(cx.thresholds.late_days)).then_some(days)
    };

    for (i, a) in project.actions.iter().enumerate() {
        let open = !matches!(a.status, ActionStatus::Done | ActionStatus::Cancelled);
        if let Some(days) = late(a.due).filter(|_| open) {
            let alert = at(AlertKind::ActionOverdue, format!("actions[{i}].due"));
            let responsible = a.responsible.clone().or(alert.responsible.clone());
            out.push(Alert { days: Some(days), subject: Some(a.title.clone()), responsible, ..alert });
        }
    }
    for (i, m) in project.milestones.iter().enumerate() {
        if let Some(days) = late(m.planned).filter(|_| m.actual.is_none()) {
            let alert = at(AlertKind::MilestoneOverdue, format!("milestones[{i}].actual"));
            out.push(Alert { days: Some(days), subject: Some(m.name.clone()), ..alert });
        }
    }
    if project.commissioning_actual.is_none()
        && let Some(days) = late(project.commissioning_planned)
    {
        out.push(Alert { days: Some(days), ..at(AlertKind::CommissioningOverdue, "commissioning_actual".into()) });
    }
    if let Some(baseline) = baseline {
        slips(project, baseline, cx.thresholds.slip_days, &mut out);
    }
    if !reported(project, cx.due_period) {
        let days = (cx.today - cx.due_period.end()).num_days();
        let subject = Some(cx.due_period.to_string());
        out.push(Alert { days: Some(days), subject, ..at(AlertKind::ReportMissing, "monitoring".into()) });
    }
    if let Some(figures) = financing_mismatch(project, cx.thresholds.financing_tolerance_pct) {
        out.push(Alert { figures: Some(figures), ..at(AlertKind::FinancingMismatch, "financing".into()) });
    }
    if !project.support_measures.is_empty() && project.criteria.is_empty() {
        out.push(at(AlertKind::SupportWithoutCriteria, "criteria".into()));
    }
    if crate::validate::lacks_expertise(project) {
        out.push(at(AlertKind::ExpertiseMissing, "local_content_expertise_date".into()));
    }
    contradictions(project, &mut out);
    out.sort_by_key(|a| a.kind);
    out
}

/// Whether the project has the report of `period`, or does not owe one (`monitoring::is_due`).
fn reported(project: &Project, period: Period) -> bool {
    let period = period.to_string();
    !crate::monitoring::is_due(project, &period) || project.monitoring.iter().any(|m| m.period == period)
}

/// Commissioning and milestones planned later than the baseline by more than `slip_days`.
fn slips(project: &Project, baseline: &Project, slip_days: u32, out: &mut Vec<Alert>) {
    for drift in edition::variance(baseline, project) {
        let Some(days) = drift.by.and_then(|d| i64::try_from(d).ok()).filter(|d| *d > i64::from(slip_days)) else {
            continue;
        };
        let (kind, field, subject) = match drift.field.strip_prefix("milestones/") {
            None if drift.field == "commissioning_planned" => {
                (AlertKind::CommissioningSlipped, drift.field.clone(), None)
            }
            None => continue,
            Some(rest) => {
                let id = rest.trim_end_matches("/planned");
                let Some(i) = project.milestones.iter().position(|m| m.id.to_string() == id) else { continue };
                (AlertKind::MilestoneSlipped, format!("milestones[{i}].planned"), drift.row.clone())
            }
        };
        out.push(Alert { days: Some(days), subject, ..Alert::on(project, kind, field) });
    }
}

/// The cost and the financing total, when a cost is given and the rows miss it by more than
/// `tolerance_pct` of it.
fn financing_mismatch(project: &Project, tolerance_pct: f64) -> Option<Figures> {
    let cost = project.cost?;
    let total = project.financing_total();
    let gap = (i128::from(total.minor()) - i128::from(cost.minor())).unsigned_abs() as f64;
    (gap > cost.minor().unsigned_abs() as f64 * tolerance_pct / 100.0)
        .then_some(Figures::Money { expected: cost, found: total })
}

/// Reports whose figures to date fall below the report of the period before.
fn contradictions(project: &Project, out: &mut Vec<Alert>) {
    // By when each period ends: a month and a quarter compare by time.
    let mut reports: Vec<(NaiveDate, usize)> =
        project.monitoring.iter().enumerate().filter_map(|(i, m)| Some((Period::parse(&m.period)?.end(), i))).collect();
    reports.sort();
    for pair in reports.windows(2) {
        let (before, now) = (&project.monitoring[pair[0].1], &project.monitoring[pair[1].1]);
        let i = pair[1].1;
        let mut push = |kind, field: &str, figures| {
            let alert = Alert::on(project, kind, format!("monitoring[{i}].{field}"));
            out.push(Alert { subject: Some(now.period.clone()), figures: Some(figures), ..alert })
        };
        if let (Some(expected), Some(found)) = (before.investment, now.investment)
            && found < expected
        {
            push(AlertKind::InvestmentFalling, "investment_kzt", Figures::Money { expected, found });
        }
        if let (Some(expected), Some(found)) = (before.progress_pct, now.progress_pct)
            && found < expected
        {
            push(AlertKind::ProgressFalling, "progress_pct", Figures::Percent { expected, found });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::{MapLevel, Status};
    use crate::schema::Record;
    use crate::{ActionItem, FinancingRow, Milestone, MonitoringReport, RegionCode, SupportReceived};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn project() -> Project {
        let mut p = Project::new(id(1), "Зауыт".into(), "Завод".into(), RegionCode::parse("35").unwrap());
        p.status = Status::Construction;
        p.responsible_body = Some("Әкімдік".into());
        p.monitoring = vec![report(10, "2026-Q2", None, None)];
        p
    }

    fn report(n: u128, period: &str, investment: Option<i64>, progress: Option<f64>) -> MonitoringReport {
        MonitoringReport {
            period: period.into(),
            investment: investment.map(Money::from_units),
            progress_pct: progress,
            ..MonitoringReport::blank(id(n))
        }
    }

    /// 15 August 2026: 2026-Q2's reports were due on 10 July.
    fn cx() -> Context {
        let today = day(2026, 8, 15);
        Context { today, due_period: due_period(Every::Quarter, today, 10), thresholds: Thresholds::default() }
    }

    fn kinds(alerts: &[Alert]) -> Vec<(AlertKind, &str, Option<i64>)> {
        alerts.iter().map(|a| (a.kind, a.field.as_str(), a.days)).collect()
    }

    #[test]
    fn the_period_due_is_the_last_whose_deadline_has_passed() {
        let due = |today| due_period(Every::Quarter, today, 10).to_string();
        assert_eq!(due(day(2026, 7, 10)), "2026-Q1", "the deadline's own day is in time");
        assert_eq!(due(day(2026, 7, 11)), "2026-Q2");
        assert_eq!(due(day(2026, 9, 30)), "2026-Q2");
    }

    #[test]
    fn a_project_in_order_has_no_alert() {
        assert_eq!(of(&project(), None, &cx()), []);
    }

    #[test]
    fn open_actions_past_due_are_overdue_by_their_days_and_name_who_acts() {
        let mut p = project();
        let action =
            |n, due, status| ActionItem { title: format!("Іс {n}"), due, status, ..ActionItem::blank(id(n)) };
        p.actions = vec![
            action(20, Some(day(2026, 8, 5)), ActionStatus::InProgress),
            action(21, Some(day(2026, 8, 1)), ActionStatus::Done),
            action(22, Some(day(2026, 7, 1)), ActionStatus::Cancelled),
            action(23, Some(day(2026, 8, 15)), ActionStatus::Planned),
            action(24, None, ActionStatus::Planned),
            ActionItem {
                responsible: Some("KEGOC".into()),
                ..action(25, Some(day(2026, 6, 16)), ActionStatus::Planned)
            },
        ];
        let alerts = of(&p, None, &cx());
        assert_eq!(
            kinds(&alerts),
            [
                (AlertKind::ActionOverdue, "actions[0].due", Some(10)),
                (AlertKind::ActionOverdue, "actions[5].due", Some(60))
            ]
        );
        assert_eq!(alerts[0].subject.as_deref(), Some("Іс 20"));
        assert_eq!(alerts[0].responsible.as_deref(), Some("Әкімдік"), "the project's body when the action names none");
        assert_eq!(alerts[1].responsible.as_deref(), Some("KEGOC"));
        let lenient = Context { thresholds: Thresholds { late_days: 30, ..Thresholds::default() }, ..cx() };
        assert_eq!(kinds(&of(&p, None, &lenient)), [(AlertKind::ActionOverdue, "actions[5].due", Some(60))]);
    }

    #[test]
    fn commissioning_and_milestones_past_their_date_without_an_actual_one_are_overdue() {
        let mut p = project();
        p.commissioning_planned = Some(day(2026, 6, 30));
        p.milestones = vec![
            Milestone {
                name: "ҚТҚ".into(), planned: Some(day(2026, 3, 1)), actual: None, ..Milestone::blank(id(30))
            },
            Milestone { planned: Some(day(2026, 3, 1)), actual: Some(day(2026, 4, 1)), ..Milestone::blank(id(31)) },
        ];
        assert_eq!(
            kinds(&of(&p, None, &cx())),
            [
                (AlertKind::MilestoneOverdue, "milestones[0].actual", Some(167)),
                (AlertKind::CommissioningOverdue, "commissioning_actual", Some(46)),
            ]
        );
        p.commissioning_actual = Some(day(2026, 7, 20));
        assert_eq!(of(&p, None, &cx()).len(), 1, "commissioned: only the milestone");
        p.status = Status::Excluded;
        p.monitoring.clear();
        assert_eq!(of(&p, None, &cx()), [], "off the map, nothing is monitored");
    }

    #[test]
    fn dates_slipped_past_the_baseline_beyond_the_threshold_are_named_with_their_days() {
        let mut baseline = project();
        baseline.commissioning_planned = Some(day(2027, 1, 1));
        baseline.milestones =
            vec![Milestone { name: "ҚТҚ".into(), planned: Some(day(2026, 10, 1)), ..Milestone::blank(id(30)) }];
        let mut now = baseline.clone();
        now.commissioning_planned = Some(day(2027, 1, 31));
        now.milestones.insert(0, Milestone { name: "Жаңа".into(), ..Milestone::blank(id(31)) });
        now.milestones[1].planned = Some(day(2026, 12, 1));
        assert_eq!(
            kinds(&of(&now, Some(&baseline), &cx())),
            [(AlertKind::MilestoneSlipped, "milestones[1].planned", Some(61))],
            "30 days is within the default 30"
        );
        now.commissioning_planned = Some(day(2027, 2, 1));
        let alerts = of(&now, Some(&baseline), &cx());
        assert_eq!(alerts[0].kind, AlertKind::CommissioningSlipped);
        assert_eq!(alerts[0].days, Some(31));
        assert_eq!(alerts[1].subject.as_deref(), Some("ҚТҚ"));
        now.commissioning_planned = Some(day(2026, 6, 1));
        assert_eq!(of(&now, Some(&baseline), &cx())[0].kind, AlertKind::CommissioningOverdue, "earlier is no slip");
    }

    #[test]
    fn a_project_on_the_map_without_the_due_report_is_missing_it_unless_it_joined_later() {
        let mut p = project();
        p.monitoring = vec![report(11, "2026-Q1", None, None)];
        let alerts = of(&p, None, &cx());
        assert_eq!(kinds(&alerts), [(AlertKind::ReportMissing, "monitoring", Some(46))]);
        assert_eq!(alerts[0].subject.as_deref(), Some("2026-Q2"));
        p.inclusion_date = Some(day(2026, 7, 1));
        assert_eq!(of(&p, None, &cx()), [], "included after the period ended");
        p.inclusion_date = Some(day(2026, 6, 30));
        assert_eq!(of(&p, None, &cx()).len(), 1, "on the map on the period's last day");
        p.status = Status::Excluded;
        assert_eq!(of(&p, None, &cx()), [], "off the map, it reports nothing");
    }

    #[test]
    fn financing_off_the_cost_by_more_than_the_tolerance_is_a_mismatch() {
        let mut p = project();
        p.cost = Some(Money::from_units(1_000));
        let row = |n, tenge| FinancingRow { amount: Money::from_units(tenge), ..FinancingRow::blank(id(n)) };
        p.financing = vec![row(40, 600), row(41, 380)];
        let alerts = of(&p, None, &cx());
        assert_eq!(kinds(&alerts), [(AlertKind::FinancingMismatch, "financing", None)]);
        assert_eq!(
            alerts[0].figures,
            Some(Figures::Money { expected: Money::from_units(1_000), found: Money::from_units(980) })
        );
        p.financing[1].amount = Money::from_units(390 + 20);
        assert_eq!(of(&p, None, &cx()), [], "1% of the cost either way is in order");
        p.cost = None;
        assert_eq!(of(&p, None, &cx()), [], "no cost, nothing to add up to");
    }

    #[test]
    fn support_without_criteria_and_a_republican_project_without_expertise_are_named() {
        let mut p = project();
        p.support_measures = vec![SupportReceived { measure: 3, ..SupportReceived::blank(id(50)) }];
        p.level = MapLevel::Republican;
        assert_eq!(
            kinds(&of(&p, None, &cx())),
            [
                (AlertKind::SupportWithoutCriteria, "criteria", None),
                (AlertKind::ExpertiseMissing, "local_content_expertise_date", None)
            ]
        );
        p.criteria = vec![crate::Criterion::Innovativeness];
        p.local_content_expertise_date = Some(day(2026, 1, 10));
        assert_eq!(of(&p, None, &cx()), []);
    }

    #[test]
    fn a_report_below_the_period_before_contradicts_it_whatever_order_they_are_stored_in() {
        let mut p = project();
        p.monitoring = vec![
            report(12, "2026-Q2", Some(700), Some(40.0)),
            report(13, "2025-Q4", Some(500), Some(50.0)),
            report(14, "2026-Q1", Some(800), Some(45.0)),
        ];
        let alerts = of(&p, None, &cx());
        assert_eq!(
            kinds(&alerts),
            [
                (AlertKind::InvestmentFalling, "monitoring[0].investment_kzt", None),
                (AlertKind::ProgressFalling, "monitoring[2].progress_pct", None),
                (AlertKind::ProgressFalling, "monitoring[0].progress_pct", None),
            ]
        );
        assert_eq!(alerts[0].subject.as_deref(), Some("2026-Q2"));
        assert_eq!(
            alerts[0].figures,
            Some(Figures::Money { expected: Money::from_units(800), found: Money::from_units(700) })
        );
        assert_eq!(alerts[1].figures, Some(Figures::Percent { expected: 50.0, found: 45.0 }));
    }

    #[test]
    fn every_kind_reads_back_from_its_code() {
        for kind in AlertKind::ALL {
            assert_eq!(AlertKind::from_code(kind.code()), Some(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.code());
        }
    }
}
