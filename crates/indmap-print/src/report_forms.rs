//! The official report forms, signed pages and workbooks in kk, ru or en: the information on
//! the support measures implemented (the totals by measure, region and year, then each
//! measure's projects) and the monitoring report of a period (each region's projects: plan,
//! approved baseline, what was reported, the variance, the problems). Each form's columns are
//! listed once and feed both the pages and the workbook.

use crate::context::PrintContext;
use crate::document::Document;
use crate::format;
use crate::lang::Lang;
use crate::listing::{Column, Listing, Section, fitted, listing_document};
use crate::listing_xlsx::{Cell, Sheet, sheets_xlsx};
use crate::words::Word;
use indmap_core::Money;
use indmap_core::report_forms::{MonitoringLine, SupportLine, SupportTotal};
use rust_xlsxwriter::XlsxError;

fn region_name(lang: Lang, kato: &str) -> String {
    indmap_core::RegionCode::parse(kato).map_or_else(|| kato.to_owned(), |r| lang.pick(&r.region().label()))
}

fn measure_name(lang: Lang, n: u8) -> String {
    indmap_core::reference::support_measure(n).map_or_else(|| n.to_string(), |l| format!("{n}. {}", lang.pick(&l)))
}

fn mln(m: Option<Money>, lang: Lang) -> String {
    m.map(|m| format::mln_number(m, lang)).unwrap_or_default()
}

fn year_text(lang: Lang, year: Option<i32>) -> String {
    year.map_or_else(|| Word::NoData.text(lang).to_owned(), |y| y.to_string())
}

/// The form's title, of one year if given.
fn titled(word: Word, lang: Lang, year: Option<i32>) -> String {
    match year {
        Some(y) => format!("{} ({y})", word.text(lang)),
        None => word.text(lang).to_owned(),
    }
}

/// The columns of the support information's two tables, the totals and the lines of every
/// measure: the pages' and the workbook's.
fn support_columns(lang: Lang) -> [Vec<Column>; 2] {
    let w = |word: Word| word.text(lang);
    let totals = vec![
        Column::text(w(Word::SupportMeasure), 40.0),
        Column::text(w(Word::Region), 24.0),
        Column::text(w(Word::Year), 8.0),
        Column::number(w(Word::MeasuresReceived), 10.0),
        Column::number(&format!("{}: {}", w(Word::MeasuresReceived), w(Word::Unpriced)), 12.0),
        Column::number(&format!("{}, {}", w(Word::Amount), w(Word::MlnKzt)), 14.0),
    ];
    let lines = vec![
        Column::text(w(Word::SupportMeasure), 30.0),
        Column::text(w(Word::Region), 20.0),
        Column::text(w(Word::Year), 7.0),
        Column::text(w(Word::Code), 10.0),
        Column::text(w(Word::Name), 36.0),
        Column::number(&format!("{}, {}", w(Word::Amount), w(Word::MlnKzt)), 12.0),
        Column::text(w(Word::Note), 24.0),
    ];
    [totals, lines]
}

/// The rows of the support information's two tables, as the pages print them.
fn support_rows(lang: Lang, lines: &[SupportLine], totals: &[SupportTotal]) -> [Vec<Vec<String>>; 2] {
    let total_rows = totals
        .iter()
        .map(|t| {
            vec![
                measure_name(lang, t.measure),
                region_name(lang, &t.region),
                year_text(lang, t.year),
                format::integer(i64::from(t.count)),
                format::integer(i64::from(t.unpriced)),
                // Support in kind only: no amount, rather than a zero.
                if t.unpriced == t.count { "—".to_owned() } else { format::mln_number(t.amount, lang) },
            ]
        })
        .collect();
    let line_rows = lines
        .iter()
        .map(|l| {
            vec![
                measure_name(lang, l.measure),
                region_name(lang, l.project.region.as_str()),
                year_text(lang, l.year),
                l.project.code_or_id(),
                l.project.name(lang.code()).to_owned(),
                mln(l.amount, lang),
                l.note.unwrap_or_default().to_owned(),
            ]
        })
        .collect();
    [total_rows, line_rows]
}

/// The information on the support measures implemented, as signed pages.
pub fn support_register_document(
    ctx: &PrintContext,
    lines: &[SupportLine],
    totals: &[SupportTotal],
    year: Option<i32>,
) -> Document {
    let lang = ctx.lang;
    let w = |word: Word| word.text(lang).to_owned();
    let [total_cols, line_cols] = support_columns(lang);
    let [total_rows, line_rows] = support_rows(lang, lines, totals);
    let amount: Money = lines.iter().filter_map(|l| l.amount).sum();
    let projects: std::collections::BTreeSet<uuid::Uuid> = lines.iter().map(|l| l.project.id).collect();
    let mut sections = vec![Section {
        title: w(Word::SupportTotals),
        columns: fitted(ctx, &total_cols, &total_rows),
        rows: total_rows,
        empty: w(Word::NoSupport),
        // The measure's name once over its regions.
        group_columns: 1,
        ..Section::default()
    }];
    // A table per measure, its name once in the heading rather than on every row; one set of
    // widths for them all.
    let all: Vec<Vec<String>> = line_rows.iter().map(|r| r[1..].to_vec()).collect();
    let line_cols = fitted(ctx, &line_cols[1..], &all);
    let mut measures: Vec<u8> = lines.iter().map(|l| l.measure).collect();
    measures.dedup();
    for m in measures {
        let rows: Vec<Vec<String>> =
            lines.iter().zip(&line_rows).filter(|(l, _)| l.measure == m).map(|(_, row)| row[1..].to_vec()).collect();
        sections.push(Section { title: measure_name(lang, m), columns: line_cols.clone(), rows, ..Section::default() });
    }
    let listing = Listing {
        title: titled(Word::SupportRegisterTitle, lang, year),
        subtitles: vec![ctx.filters_as_of()],
        facts: vec![
            (w(Word::SupportOfYear), year.map_or_else(|| w(Word::AllYears), |y| y.to_string())),
            (w(Word::Projects), format::integer(projects.len() as i64)),
            (w(Word::MeasuresReceived), format::integer(lines.len() as i64)),
            (w(Word::SupportGiven), format::money(amount, lang)),
        ],
        sections,
        signatures: vec![w(Word::PreparedBy), w(Word::ApprovedBy)],
        ..Listing::default()
    };
    listing_document(ctx, &listing)
}

/// The same as a workbook, numbers as numbers: the totals, then every line.
pub fn support_register_xlsx(
    ctx: &PrintContext,
    lines: &[SupportLine],
    totals: &[SupportTotal],
    year: Option<i32>,
) -> Result<Vec<u8>, XlsxError> {
    let lang = ctx.lang;
    let [total_cols, line_cols] = support_columns(lang);
    let titles = |cols: Vec<Column>| cols.into_iter().map(|c| c.title).collect();
    let year_cell = |y: Option<i32>| Cell::from(y.map(|y| Cell::Int(i64::from(y))));
    let totals = totals
        .iter()
        .map(|t| {
            vec![
                Cell::Text(measure_name(lang, t.measure)),
                Cell::Text(region_name(lang, &t.region)),
                year_cell(t.year),
                Cell::Int(i64::from(t.count)),
                Cell::Int(i64::from(t.unpriced)),
                Cell::Real(format::mln_f64(t.amount)),
            ]
        })
        .collect();
    let lines = lines
        .iter()
        .map(|l| {
            vec![
                Cell::Text(measure_name(lang, l.measure)),
                Cell::Text(region_name(lang, l.project.region.as_str())),
                year_cell(l.year),
                Cell::Text(l.project.code_or_id()),
                Cell::Text(l.project.name(lang.code()).to_owned()),
                Cell::from(l.amount.map(|a| Cell::Real(format::mln_f64(a)))),
                Cell::from(l.note.map(str::to_owned)),
            ]
        })
        .collect();
    sheets_xlsx(
        &titled(Word::SupportRegisterTitle, lang, year),
        &[
            Sheet { name: Word::Summary.text(lang).to_owned(), headers: titles(total_cols), rows: totals },
            Sheet { name: Word::Projects.text(lang).to_owned(), headers: titles(line_cols), rows: lines },
        ],
    )
}

/// The columns of the monitoring report and a project's row.
fn monitoring_table(ctx: &PrintContext, lines: &[MonitoringLine]) -> (Vec<Column>, Vec<Vec<String>>) {
    let lang = ctx.lang;
    let w = |word: Word| word.text(lang);
    let cols = vec![
        Column::text(w(Word::Code), 9.0),
        Column::text(w(Word::Name), 30.0),
        Column::text(
            &format!("{}, {}: {} / {}", w(Word::Cost), w(Word::MlnKzt), w(Word::Planned), w(Word::AsApprovedShort)),
            16.0,
        ),
        Column::text(
            &format!(
                "{}: {} / {} / {}",
                w(Word::Commissioning),
                w(Word::Planned),
                w(Word::AsApprovedShort),
                w(Word::Actual)
            ),
            22.0,
        ),
        Column::number(w(Word::SlipDays), 9.0),
        Column::number(&format!("{}, {}", w(Word::InvestedToDate), w(Word::MlnKzt)), 13.0),
        Column::number(w(Word::ProgressPct), 9.0),
        Column::number(&format!("{}: {} / {}", w(Word::JobsPermanent), w(Word::Actual), w(Word::Planned)), 13.0),
        Column::text(w(Word::Status), 15.0),
        Column::text(w(Word::ProblemsAndAlerts), 36.0),
    ];
    let date = |d: Option<chrono::NaiveDate>| d.map_or_else(|| "—".to_owned(), |d| format::date(d, lang));
    let amount = |m: Option<Money>| m.map_or_else(|| "—".to_owned(), |m| format::mln_number(m, lang));
    let rows = lines
        .iter()
        .map(|l| {
            let p = l.project;
            let report = l.report;
            let invested = match (report.and_then(|r| r.investment), l.invested_pct) {
                _ if report.is_none() => w(Word::NotReported).to_owned(),
                (Some(m), Some(pct)) => format!("{} ({})", format::mln_number(m, lang), format::percent(pct, lang)),
                (Some(m), None) => format::mln_number(m, lang),
                (None, _) => String::new(),
            };
            vec![
                p.code_or_id(),
                p.name(lang.code()).to_owned(),
                format!("{} / {}", amount(p.cost), amount(l.approved_cost)),
                format!(
                    "{} / {} / {}",
                    date(p.commissioning_planned),
                    date(l.approved_commissioning),
                    date(p.commissioning_actual)
                ),
                l.slip_days.map(format::integer).unwrap_or_default(),
                invested,
                report.and_then(|r| r.progress_pct).map(|v| format::decimal(v, 0, lang)).unwrap_or_default(),
                format!(
                    "{} / {}",
                    report
                        .and_then(|r| r.jobs_created)
                        .map_or_else(|| "—".to_owned(), |n| format::integer(i64::from(n))),
                    p.jobs_permanent.map_or_else(|| "—".to_owned(), |n| format::integer(i64::from(n)))
                ),
                lang.pick(&l.status.label()),
                problems(lang, l).join("; "),
            ]
        })
        .collect();
    (cols, rows)
}

fn monitoring_facts(lang: Lang, period: &str, lines: &[MonitoringLine]) -> Vec<(String, String)> {
    let w = |word: Word| word.text(lang).to_owned();
    let reported = lines.iter().filter(|l| l.report.is_some()).count();
    let alerts: usize = lines.iter().map(|l| l.alerts.len()).sum();
    vec![
        (w(Word::Period), period.to_owned()),
        (w(Word::Projects), format::integer(lines.len() as i64)),
        (w(Word::Reported), format::integer(reported as i64)),
        (w(Word::NotReportedCount), format::integer((lines.len() - reported) as i64)),
        (w(Word::AlertsCount), format::integer(alerts as i64)),
    ]
}

/// The monitoring report of `period`: a table per region of its projects due to report.
pub fn monitoring_report_document(ctx: &PrintContext, period: &str, lines: &[MonitoringLine]) -> Document {
    let lang = ctx.lang;
    let (cols, rows) = monitoring_table(ctx, lines);
    // One set of widths for every region's table, so they read as one form.
    let cols = fitted(ctx, &cols, &rows);
    let mut regions: Vec<&str> = lines.iter().map(|l| l.project.region.as_str()).collect();
    regions.sort_unstable();
    regions.dedup();
    let sections = regions
        .into_iter()
        .map(|region| {
            let rows: Vec<Vec<String>> = lines
                .iter()
                .zip(&rows)
                .filter(|(l, _)| l.project.region.as_str() == region)
                .map(|(_, r)| r.clone())
                .collect();
            Section { title: region_name(lang, region), columns: cols.clone(), rows, ..Section::default() }
        })
        .collect();
    let listing = Listing {
        title: format!("{}: {period}", Word::MonitoringReportTitle.text(lang)),
        subtitles: vec![ctx.filters_as_of()],
        facts: monitoring_facts(lang, period, lines),
        sections,
        signatures: vec![Word::PreparedBy.text(lang).to_owned(), Word::ApprovedBy.text(lang).to_owned()],
        ..Listing::default()
    };
    listing_document(ctx, &listing)
}

/// The same as a workbook: the facts, then every project with its region, each figure in a
/// column of its own.
pub fn monitoring_report_xlsx(
    ctx: &PrintContext,
    period: &str,
    lines: &[MonitoringLine],
) -> Result<Vec<u8>, XlsxError> {
    let lang = ctx.lang;
    let w = |word: Word| word.text(lang);
    let facts = monitoring_facts(lang, period, lines);
    let headers = [
        w(Word::Region).to_owned(),
        w(Word::Code).to_owned(),
        w(Word::Name).to_owned(),
        format!("{}, {}, {}", w(Word::Cost), w(Word::MlnKzt), w(Word::Planned)),
        format!("{}, {}, {}", w(Word::Cost), w(Word::MlnKzt), w(Word::AsApprovedShort)),
        format!("{}, {}", w(Word::Commissioning), w(Word::Planned)),
        format!("{}, {}", w(Word::Commissioning), w(Word::AsApprovedShort)),
        format!("{}, {}", w(Word::Commissioning), w(Word::Actual)),
        w(Word::SlipDays).to_owned(),
        w(Word::Reported).to_owned(),
        format!("{}, {}", w(Word::InvestedToDate), w(Word::MlnKzt)),
        format!("{}, %", w(Word::InvestedToDate)),
        w(Word::ProgressPct).to_owned(),
        format!("{}, {}", w(Word::JobsPermanent), w(Word::Actual)),
        format!("{}, {}", w(Word::JobsPermanent), w(Word::Planned)),
        w(Word::Status).to_owned(),
        w(Word::ProblemsAndAlerts).to_owned(),
    ]
    .to_vec();
    let mln = |m: Option<Money>| Cell::from(m.map(|m| Cell::Real(format::mln_f64(m))));
    let int = |n: Option<u32>| Cell::from(n.map(|n| Cell::Int(i64::from(n))));
    let rows = lines
        .iter()
        .map(|l| {
            let (p, r) = (l.project, l.report);
            vec![
                Cell::Text(region_name(lang, p.region.as_str())),
                Cell::Text(p.code_or_id()),
                Cell::Text(p.name(lang.code()).to_owned()),
                mln(p.cost),
                mln(l.approved_cost),
                Cell::from(p.commissioning_planned),
                Cell::from(l.approved_commissioning),
                Cell::from(p.commissioning_actual),
                Cell::from(l.slip_days.map(Cell::Int)),
                Cell::Text(w(if r.is_some() { Word::Reported } else { Word::NotReported }).to_owned()),
                mln(r.and_then(|r| r.investment)),
                Cell::from(l.invested_pct.map(Cell::Real)),
                Cell::from(r.and_then(|r| r.progress_pct).map(Cell::Real)),
                int(r.and_then(|r| r.jobs_created)),
                int(p.jobs_permanent),
                Cell::Text(lang.pick(&l.status.label())),
                Cell::Text(problems(lang, l).join("; ")),
            ]
        })
        .collect();
    sheets_xlsx(
        &format!("{}: {period}", Word::MonitoringReportTitle.text(lang)),
        &[
            Sheet::of_text(
                w(Word::Summary).to_owned(),
                vec![String::new(), String::new()],
                facts.into_iter().map(|(k, v)| vec![k, v]).collect(),
            ),
            Sheet { name: w(Word::Projects).to_owned(), headers, rows },
        ],
    )
}

/// What is wrong with a project, as people wrote it, then the alerts the map computes, each
/// kind once with how many there are.
fn problems(lang: Lang, l: &MonitoringLine) -> Vec<String> {
    let mut kinds: std::collections::BTreeMap<_, usize> = std::collections::BTreeMap::new();
    for a in &l.alerts {
        *kinds.entry(a.kind).or_default() += 1;
    }
    let alerts = kinds.into_iter().map(|(kind, n)| match n {
        1 => lang.pick(&kind.label()),
        n => format!("{} ({n})", lang.pick(&kind.label())),
    });
    l.problems.iter().map(|t| (*t).to_owned()).chain(alerts).collect()
}
