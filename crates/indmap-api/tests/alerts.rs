//! A region's year, quarter by quarter: plans approved, dates slipping, reports coming in or
//! not, support given without a criterion. The alerts the map shows at the end are checked one
//! by one against the days and sums worked out by hand below.

mod common;

use chrono::{TimeZone, Utc};
use common::region;
use indmap_api::core::alert::{AlertKind, Figures};
use indmap_api::core::{Money, ProjectFilter, Status};
use indmap_api::{AlertList, Approval, Env, Indmap, Tally, ViewFilter};
use serde_json::json;
use std::path::Path;

const BODY: &str = "Қарағанды облысының әкімдігі";

/// The region's database as it is opened on `date` (09:00 UTC).
fn on(path: &Path, date: (i32, u32, u32)) -> Indmap {
    let at = Utc.with_ymd_and_hms(date.0, date.1, date.2, 9, 0, 0).unwrap();
    Indmap::open(path, Env::fixed("planner", at)).unwrap()
}

fn feature(properties: serde_json::Value) -> String {
    json!({"type": "Feature", "geometry": null, "properties": properties}).to_string()
}

fn mln(n: i64) -> i64 {
    n * 1_000_000
}

/// Builds the year. What each step does to the alerts is worked out at the end.
fn the_year(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("k.sqlite");
    drop(Indmap::init(&path, region("35"), Env::fixed("planner", Utc.with_ymd_and_hms(2026, 1, 10, 9, 0, 0).unwrap())));

    // 1 March: three projects; the map is approved as it stands.
    let mut db = on(&path, (2026, 3, 1));
    let plant = feature(json!({
        "name_kk": "Зауыт", "name_ru": "Завод", "region": "35", "status": "construction",
        "responsible_body": BODY, "inclusion_date": "2026-01-15",
        "cost_kzt": mln(1_000), "commissioning_planned": "2026-12-31",
        "financing": [
            {"source": "own_funds", "amount_kzt": mln(600), "year": 2026, "status": "committed"},
            {"source": "dbk", "amount_kzt": mln(400), "year": 2026, "status": "planned"}],
        "milestones": [{"name": "Жабдық монтажы", "planned": "2026-09-30"}],
        "actions": [
            {"title": "Кірме жол салу", "responsible": "Әкімдік", "due": "2026-06-30", "status": "in_progress"},
            {"title": "Газ тарту", "due": "2026-10-31", "status": "done", "done": "2026-10-20"}],
        "support_measures": [{"measure": 3, "amount_kzt": mln(50)}], "criteria": ["innovativeness"]}));
    let factory = feature(json!({
        "name_kk": "Фабрика", "name_ru": "Фабрика", "region": "35", "status": "design",
        "responsible_body": BODY, "inclusion_date": "2026-02-01",
        "cost_kzt": mln(500), "commissioning_planned": "2026-06-30",
        "financing": [{"source": "own_funds", "amount_kzt": mln(300), "year": 2026, "status": "planned"}],
        "support_measures": [{"measure": 1, "amount_kzt": mln(20)}]}));
    let candidate = feature(json!({
        "name_kk": "Кеніш", "name_ru": "Рудник", "region": "35", "status": "candidate",
        "cost_kzt": mln(900), "commissioning_planned": "2026-01-01",
        "actions": [{"title": "Өтінім беру", "due": "2026-02-01"}]}));
    for f in [plant, factory, candidate] {
        db.add_projects(&f).unwrap();
    }
    db.approve_edition(&Approval {
        act: "№ 12".into(), date: "2026-03-01".into(), body: BODY.into(), signatory: None
    })
    .unwrap();

    // 1 May: the first quarter is reported.
    let mut db = on(&path, (2026, 5, 1));
    db.set_report("35-0001", "2026-Q1", &json!({"investment_kzt": mln(200), "progress_pct": 20}).to_string()).unwrap();
    db.set_report("35-0002", "2026-Q1", &json!({"investment_kzt": mln(100), "progress_pct": 10}).to_string()).unwrap();

    // 1 August: the plant's dates move; the second quarter is reported, the factory's with
    // less invested than it reported before.
    let mut db = on(&path, (2026, 8, 1));
    let milestone = db.find("35-0001").unwrap().milestones[0].id;
    let moved = feature(json!({"commissioning_planned": "2027-03-31",
        "milestones": [{"id": milestone.to_string(), "name": "Жабдық монтажы", "planned": "2026-11-15"}]}));
    db.update_project("35-0001", &moved).unwrap();
    db.set_report("35-0001", "2026-Q2", &json!({"investment_kzt": mln(350), "progress_pct": 35}).to_string()).unwrap();
    db.set_report("35-0002", "2026-Q2", &json!({"investment_kzt": mln(80), "progress_pct": 15}).to_string()).unwrap();

    // 20 October: the plant reports the third quarter with less progress; the factory does not.
    let mut db = on(&path, (2026, 10, 20));
    db.set_report("35-0001", "2026-Q3", &json!({"investment_kzt": mln(500), "progress_pct": 30}).to_string()).unwrap();
    path
}

fn seen(list: &AlertList) -> Vec<(&str, AlertKind, &str, Option<i64>)> {
    list.alerts.iter().map(|a| (a.code.as_deref().unwrap(), a.kind, a.field.as_str(), a.days)).collect()
}

fn count(tallies: &[Tally], key: &str) -> u32 {
    tallies.iter().find(|t| t.key == key).map_or(0, |t| t.count)
}

#[test]
fn a_regions_year_ends_with_the_alerts_worked_out_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let path = the_year(dir.path());
    // 25 November: the third quarter's reports were due on 10 October.
    let db = on(&path, (2026, 11, 25));
    let list = db.alerts(&ProjectFilter::default()).unwrap();
    assert_eq!((list.today.as_str(), list.due_period.as_str()), ("2026-11-25", "2026-Q3"));
    assert_eq!(
        seen(&list),
        [
            // The road was due on 30 June: July 31 + August 31 + September 30 + October 31 +
            // November 25 = 148 days. The gas line is done.
            ("35-0001", AlertKind::ActionOverdue, "actions[0].due", Some(148)),
            // The milestone, moved to 15 November, has no actual date 10 days later.
            ("35-0001", AlertKind::MilestoneOverdue, "milestones[0].actual", Some(10)),
            // Commissioning: 31 December 2026 approved, 31 March 2027 now: 31 + 28 + 31 = 90.
            ("35-0001", AlertKind::CommissioningSlipped, "commissioning_planned", Some(90)),
            // The milestone: 30 September approved, 15 November now: 31 + 15 = 46 > 30.
            ("35-0001", AlertKind::MilestoneSlipped, "milestones[0].planned", Some(46)),
            // Q3 reported 30% after Q2's 35%.
            ("35-0001", AlertKind::ProgressFalling, "monitoring[2].progress_pct", None),
            // Planned for 30 June, no actual date: 148 days, as the road.
            ("35-0002", AlertKind::CommissioningOverdue, "commissioning_actual", Some(148)),
            // No Q3 report, 56 days after the quarter ended on 30 September (31 + 25).
            ("35-0002", AlertKind::ReportMissing, "monitoring", Some(56)),
            // 300 mln of financing for a cost of 500 mln.
            ("35-0002", AlertKind::FinancingMismatch, "financing", None),
            // Measure 1 received, no criterion given.
            ("35-0002", AlertKind::SupportWithoutCriteria, "criteria", None),
            // Q2 invested 80 mln after Q1's 100 mln.
            ("35-0002", AlertKind::InvestmentFalling, "monitoring[1].investment_kzt", None),
        ],
        "the candidate is not on the map: its overdue action alerts no one"
    );
    let by_code =
        |code: &str, kind| list.alerts.iter().find(|a| a.code.as_deref() == Some(code) && a.kind == kind).unwrap();
    let road = by_code("35-0001", AlertKind::ActionOverdue);
    assert_eq!((road.subject.as_deref(), road.responsible.as_deref()), (Some("Кірме жол салу"), Some("Әкімдік")));
    assert_eq!(by_code("35-0001", AlertKind::MilestoneSlipped).subject.as_deref(), Some("Жабдық монтажы"));
    assert_eq!(by_code("35-0002", AlertKind::ReportMissing).subject.as_deref(), Some("2026-Q3"));
    assert_eq!(
        by_code("35-0002", AlertKind::FinancingMismatch).figures,
        Some(Figures::Money { expected: Money::from_units(mln(500)), found: Money::from_units(mln(300)) })
    );
    assert_eq!(
        by_code("35-0002", AlertKind::InvestmentFalling).figures,
        Some(Figures::Money { expected: Money::from_units(mln(100)), found: Money::from_units(mln(80)) })
    );
    assert_eq!(
        by_code("35-0001", AlertKind::ProgressFalling).figures,
        Some(Figures::Percent { expected: 35.0, found: 30.0 })
    );

    // Counted: every kind listed, zero included; the region; who is to act, most first.
    assert_eq!(list.by_kind.len(), AlertKind::ALL.len());
    assert_eq!(count(&list.by_kind, "action_overdue"), 1);
    assert_eq!(count(&list.by_kind, "expertise_missing"), 0);
    assert_eq!(list.by_region, [Tally { key: "35".into(), count: 10 }]);
    assert_eq!(list.by_responsible, [Tally { key: BODY.into(), count: 9 }, Tally { key: "Әкімдік".into(), count: 1 }]);

    // The window's top bar counts the same, and follows the filter.
    assert_eq!(db.view(&ViewFilter::default()).unwrap().summary.alerts, 10);
    let design = ViewFilter { statuses: vec!["design".into()], ..Default::default() };
    assert_eq!(db.view(&design).unwrap().summary.alerts, 5);
    assert_eq!(db.alerts(&design.project_filter().unwrap()).unwrap().alerts.len(), 5);
    let filter = ProjectFilter { statuses: vec![Status::Construction], ..Default::default() };
    assert!(db.alerts(&filter).unwrap().alerts.iter().all(|a| a.code.as_deref() == Some("35-0001")));
}

#[test]
fn how_late_is_late_is_a_setting() {
    let dir = tempfile::tempdir().unwrap();
    let path = the_year(dir.path());
    let mut db = on(&path, (2026, 11, 25));
    db.set_setting("alert_slip_days", "60").unwrap();
    db.set_setting("alert_late_days", "20").unwrap();
    db.set_setting("alert_financing_tolerance_pct", "50").unwrap();
    let kinds: Vec<AlertKind> = db.alerts(&ProjectFilter::default()).unwrap().alerts.iter().map(|a| a.kind).collect();
    assert_eq!(
        kinds,
        [
            AlertKind::ActionOverdue,
            // 10 days late is within 20; 46 days' slip within 60; 200 mln of 500 within 50%.
            AlertKind::CommissioningSlipped,
            AlertKind::ProgressFalling,
            AlertKind::CommissioningOverdue,
            AlertKind::ReportMissing,
            AlertKind::SupportWithoutCriteria,
            AlertKind::InvestmentFalling,
        ]
    );
    for (key, value) in
        [("alert_slip_days", "-1"), ("alert_late_days", "a week"), ("alert_financing_tolerance_pct", "101")]
    {
        let e = db.set_setting(key, value).unwrap_err();
        assert_eq!(e.problems[0].field, key, "{value} is refused naming the setting");
    }
}

/// The printed list says the same as the window's, in Kazakh: each kind a table, the region,
/// the days, the sums, the period due.
#[test]
fn the_printed_list_reads_back_in_kazakh_with_its_days_and_sums() {
    use indmap_api::{PrintLang, PrintOutput, PrintRequest, Printout};
    let dir = tempfile::tempdir().unwrap();
    let path = the_year(dir.path());
    let db = on(&path, (2026, 11, 25));
    let request = PrintRequest::<ProjectFilter> {
        printout: Printout::Alerts,
        lang: PrintLang::Kk,
        landscape: true,
        ..Default::default()
    };
    let output = PrintOutput::new(indmap_api::PrintFormat::Pdf);
    let pdf = db.print(&request, &output, &mut |_, _| std::ops::ControlFlow::Continue(())).unwrap().unwrap();
    let text = common::pdf_text(&pdf[0], dir.path(), "alerts.pdf");
    for part in [
        "Ескертулер тізімі",
        "жағдай бойынша 25.11.2026",
        "2026-Q3",
        "Ескертулер 10",
        "Жобалар 2",
        "Іс-шараның мерзімі өтті (1)",
        "Кірме жол салу 148 Әкімдік",
        "Іске қосу бекітілген жоспардан кешіктірілді (1)",
        "Қарағанды облысы",
        "Қаржыландыру құнымен сәйкес емес (1)",
        "500,0 млн ₸ → 300,0 млн ₸",
        "2026-Q3: 35,0 % → 30,0 %",
        "Дайындаған",
    ] {
        assert!(text.contains(part), "the list prints {part:?}: {text}");
    }
    assert!(!text.contains("Рудник") && !text.contains("Кеніш"), "the candidate is not listed");
    let mut with_edition = request.clone();
    with_edition.edition = Some("latest".into());
    let e = db.print(&with_edition, &output, &mut |_, _| std::ops::ControlFlow::Continue(())).unwrap_err();
    assert_eq!(e.problems[0].field, "edition", "the list is of the map as it stands");
}

/// The schedule chart draws each project with its milestones and actions, the approved dates
/// behind, and marks overdue exactly what the alert list calls overdue; on paper too, and as
/// the passport's last page.
#[test]
fn the_schedule_chart_draws_the_baseline_today_and_what_is_overdue() {
    use indmap_api::core::gantt::BarKind;
    use indmap_api::{PrintLang, PrintOutput, PrintRequest, Printout};
    let dir = tempfile::tempdir().unwrap();
    let path = the_year(dir.path());
    let db = on(&path, (2026, 11, 25));
    let chart = db.gantt(&ProjectFilter::default(), None).unwrap();
    assert_eq!(
        (chart.today.as_str(), chart.from.as_str(), chart.to.as_str()),
        ("2026-11-25", "2026-01-01", "2027-03-31")
    );
    assert_eq!(chart.total, 3);
    let plant = &chart.lanes[0];
    type Seen<'a> = (BarKind, &'a str, Option<String>, Option<String>, bool);
    let bars: Vec<Seen> = plant
        .bars
        .iter()
        .map(|b| {
            (b.kind, b.field.as_str(), b.planned.map(|d| d.to_string()), b.baseline.map(|d| d.to_string()), b.overdue)
        })
        .collect();
    let date = |d: &str| Some(d.to_owned());
    assert_eq!(
        bars,
        [
            (BarKind::Project, "commissioning_planned", date("2027-03-31"), date("2026-12-31"), false),
            (BarKind::Milestone, "milestones[0].planned", date("2026-11-15"), date("2026-09-30"), true),
            (BarKind::Action, "actions[0].due", date("2026-06-30"), date("2026-06-30"), true),
            (BarKind::Action, "actions[1].due", date("2026-10-31"), date("2026-10-31"), false),
        ]
    );
    assert!(chart.lanes[1].bars[0].overdue, "the factory's commissioning, overdue as the alert says");
    assert!(chart.lanes[2].bars.iter().all(|b| !b.overdue), "the candidate is not monitored");
    let one = db.gantt(&ProjectFilter::default(), Some("35-0002")).unwrap();
    assert_eq!((one.lanes.len(), one.lanes[0].code.as_deref()), (1, Some("35-0002")));

    let print = |printout| {
        let request = PrintRequest::<ProjectFilter> { printout, lang: PrintLang::Kk, ..Default::default() };
        let output = PrintOutput::new(indmap_api::PrintFormat::Pdf);
        db.print(&request, &output, &mut |_, _| std::ops::ControlFlow::Continue(())).unwrap().unwrap().remove(0)
    };
    let text = common::pdf_text(&print(Printout::Gantt { project: None }), dir.path(), "gantt.pdf");
    for part in [
        "Жобалар кестесі: жоспар мен нақты",
        "35-0001 Зауыт",
        "Жабдық монтажы",
        "Кірме жол салу",
        "Бүгін",
        "Бекітілгені",
        "Мерзімі өтті",
        "2026",
        "2027",
    ] {
        assert!(text.contains(part), "the chart prints {part:?}: {text}");
    }
    let passport =
        common::pdf_text(&print(Printout::Passport { project: "35-0001".into() }), dir.path(), "passport.pdf");
    assert!(
        passport.contains("Жобалар кестесі") && passport.contains("Бет 3 / 3"),
        "the passport's third page: {passport}"
    );
}

/// The dashboard of the year, worked out by hand, and its workbook read back cell by cell.
#[test]
fn the_dashboard_adds_up_plan_and_actual_as_worked_out_by_hand() {
    use calamine::{Data, Reader, Xlsx};
    use indmap_api::core::dashboard::FinancingCell;
    use indmap_api::{PrintLang, PrintOutput, PrintRequest, Printout};
    let dir = tempfile::tempdir().unwrap();
    let path = the_year(dir.path());
    let db = on(&path, (2026, 11, 25));
    let d = db.dashboard(&ProjectFilter::default()).unwrap();
    let tiyn = |m: i64| Money::from_units(mln(m));
    assert_eq!(d.total.projects, 3);
    assert_eq!(d.total.investment_plan, tiyn(1_000 + 500 + 900));
    // The plant's latest report (Q3) says 500 mln; the factory's (Q2) 80; the candidate none.
    assert_eq!(d.total.investment_actual, tiyn(580));
    // Due by 25 November: the factory (30 June) and the candidate (1 January); the plant's
    // approved date is 31 December.
    assert_eq!((d.total.commissioning_due, d.total.commissioned, d.total.commissioned_on_time), (2, 0, 0));
    assert_eq!(d.by_region.iter().map(|g| (g.key.as_str(), g.figures.projects)).collect::<Vec<_>>(), [("35", 3)]);
    assert_eq!(
        d.by_year.iter().map(|g| (g.key.as_str(), g.figures.projects)).collect::<Vec<_>>(),
        [("2026", 2), ("2027", 1)]
    );
    assert_eq!(
        d.financing,
        [
            FinancingCell {
                source: "dbk".into(),
                year: 2026,
                planned: tiyn(400),
                committed: Money::ZERO,
                disbursed: Money::ZERO
            },
            FinancingCell {
                source: "own_funds".into(),
                year: 2026,
                planned: tiyn(300),
                committed: tiyn(600),
                disbursed: Money::ZERO
            },
        ]
    );

    let request =
        PrintRequest::<ProjectFilter> { printout: Printout::Dashboard, lang: PrintLang::Kk, ..Default::default() };
    let output = PrintOutput::new(indmap_api::PrintFormat::Xlsx);
    let book = db.print(&request, &output, &mut |_, _| std::ops::ControlFlow::Continue(())).unwrap().unwrap().remove(0);
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(book)).unwrap();
    assert_eq!(book.sheet_names(), ["Жиынтық", "Өңір", "Сала", "Жылы", "Қаржыландыру көзі"]);
    let summary = book.worksheet_range("Жиынтық").unwrap();
    assert_eq!(summary.get_value((1, 0)), Some(&Data::String("Барлығы".into())));
    assert_eq!(summary.get_value((1, 1)), Some(&Data::Float(3.0)));
    assert_eq!(summary.get_value((1, 2)), Some(&Data::Float(2_400.0)));
    assert_eq!(summary.get_value((1, 3)), Some(&Data::Float(580.0)));
    let Some(Data::Float(share)) = summary.get_value((1, 4)) else { panic!("the share invested is a number") };
    assert!((share - 580.0 / 2_400.0).abs() < 1e-9);
    let regions = book.worksheet_range("Өңір").unwrap();
    assert_eq!(regions.get_value((1, 0)), Some(&Data::String("Қарағанды облысы".into())));
    let financing = book.worksheet_range("Қаржыландыру көзі").unwrap();
    assert_eq!(financing.get_value((2, 3)), Some(&Data::Float(600.0)), "own funds committed, mln");

    // On paper: the totals, the charts and the tables, across the sheet.
    let output = PrintOutput::new(indmap_api::PrintFormat::Pdf);
    let pdf = db.print(&request, &output, &mut |_, _| std::ops::ControlFlow::Continue(())).unwrap().unwrap();
    let text = common::pdf_text(&pdf[0], dir.path(), "dashboard.pdf");
    for part in [
        "Жоспар мен нақты: жиынтық көрсеткіштер",
        "Жобалар 3",
        // 580 of 2 400 mln invested.
        "Инвестициялар 580,0 млн ₸ / 2,4 млрд ₸ (24,2 %)",
        "Инвестициялар өңірлер бойынша, млн ₸",
        "Қаржыландыру көздер мен мәртебелер бойынша, млн ₸",
        // The tables: Karaganda's three projects; by year, the plant's 2027 (moved) with its 500.
        "Өңір (1)",
        "3 2 400,0 580,0 24,2 %",
        "Жылы (2)",
        "2027 1 1 000,0 500,0 50,0 %",
    ] {
        assert!(text.contains(part), "the dashboard prints {part:?}: {text}");
    }
    let page = indmap_api::PrintOutput { page: Some(1), ..PrintOutput::new(indmap_api::PrintFormat::Svg) };
    let svg = db.print(&request, &page, &mut |_, _| std::ops::ControlFlow::Continue(())).unwrap().unwrap().remove(0);
    let svg = String::from_utf8(svg).unwrap();
    assert!(svg.contains("width=\"297mm\""), "across an A4 sheet: {}", &svg[..svg.len().min(300)]);
}

/// The monitoring report of the period due: each project due to report, its plan against the
/// approved baseline, its report and the variance, its problems and alerts; signed pages in
/// Kazakh read back, the workbook cell by cell; a period written wrong is refused by name.
#[test]
fn the_monitoring_report_sets_each_projects_report_against_plan_and_baseline() {
    use calamine::{Data, Reader, Xlsx};
    use indmap_api::core::Rule;
    use indmap_api::{PrintLang, PrintOutput, PrintRequest, Printout};
    let dir = tempfile::tempdir().unwrap();
    let path = the_year(dir.path());
    let db = on(&path, (2026, 11, 25));
    let request = PrintRequest::<ProjectFilter> {
        printout: Printout::MonitoringReport { period: None },
        lang: PrintLang::Kk,
        ..Default::default()
    };
    let go_on = &mut |_, _| std::ops::ControlFlow::Continue(());
    let pdf = db.print(&request, &PrintOutput::new(indmap_api::PrintFormat::Pdf), go_on).unwrap().unwrap();
    let text = common::pdf_text(&pdf[0], dir.path(), "monitoring.pdf");
    for part in [
        // The period due on 25 November is the third quarter; the candidate does not report.
        "Индустрияландыру картасының мониторингі туралы есеп: 2026-Q3",
        "Жобалар 2",
        "Есеп тапсырылды 1",
        "Есеп тапсырмағандар 1",
        "Ескертулер 10",
        "Қарағанды облысы (2)",
        // The plant: cost as approved; commissioning moved from 31.12.2026 to 31.03.2027, 90
        // days; 500 of 1000 invested; 30 % done.
        "1 000,0 / 1 000,0",
        "31.03.2027 / 31.12.2026 / —",
        "90 500,0 (50,0 %) 30",
        "Іске қосу бекітілген жоспардан кешіктірілді",
        // The factory did not report the quarter.
        "есеп тапсырылмады",
        "Кезең бойынша есеп жоқ",
        "Бекіткен",
    ] {
        assert!(text.contains(part), "the report prints {part:?}: {text}");
    }
    assert!(!text.contains("Кеніш"), "the candidate is not due to report");

    let book = db.print(&request, &PrintOutput::new(indmap_api::PrintFormat::Xlsx), go_on).unwrap().unwrap().remove(0);
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(book)).unwrap();
    assert_eq!(book.sheet_names(), ["Жиынтық", "Жобалар"]);
    let rows = book.worksheet_range("Жобалар").unwrap();
    let cell = |r: u32, c: u32| rows.get_value((r, c)).cloned();
    assert_eq!(cell(1, 1), Some(Data::String("35-0001".into())));
    assert_eq!((cell(1, 3), cell(1, 4)), (Some(Data::Float(1_000.0)), Some(Data::Float(1_000.0))));
    let Some(Data::DateTime(planned)) = cell(1, 5) else {
        panic!("the planned commissioning is a date: {:?}", cell(1, 5))
    };
    assert_eq!(planned.as_datetime().map(|d| d.date().to_string()), Some("2027-03-31".into()));
    assert_eq!(cell(1, 8), Some(Data::Float(90.0)), "slip, days");
    assert_eq!(
        (cell(1, 10), cell(1, 11), cell(1, 12)),
        (Some(Data::Float(500.0)), Some(Data::Float(50.0)), Some(Data::Float(30.0)))
    );
    assert_eq!(
        (cell(2, 1), cell(2, 9), cell(2, 10)),
        (Some(Data::String("35-0002".into())), Some(Data::String("есеп тапсырылмады".into())), Some(Data::Empty))
    );

    let wrong = PrintRequest { printout: Printout::MonitoringReport { period: Some("2026-Q5".into()) }, ..request };
    let e = db.print(&wrong, &PrintOutput::new(indmap_api::PrintFormat::Pdf), go_on).unwrap_err();
    assert_eq!((e.problems[0].field.as_str(), e.problems[0].rule), ("period", Rule::PeriodFormat));
}
