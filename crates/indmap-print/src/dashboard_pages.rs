//! The dashboard on paper: plan against actual of the printed projects, its totals, charts of
//! investment and jobs by region, investment by sector, commissioning on time by year and
//! financing by source and status, then its tables by region, sector and year. The workbook
//! (`dashboard_xlsx`) holds the same figures under the same headings.

use crate::charts::{ChartSize, Series, grouped_bars};
use crate::context::PrintContext;
use crate::dashboard_xlsx::{headings, key_names};
use crate::document::Document;
use crate::format;
use crate::listing::{Column, Figure, Listing, Section, figure_width, fitted, listing_document};
use crate::words::Word;
use indmap_core::dashboard::{Dashboard, Group, PlanActual};
use indmap_core::reference::FinancingStatus;
use plotters::style::RGBColor;
use std::collections::BTreeMap;

const PLAN: RGBColor = RGBColor(21, 101, 192);
const ACTUAL: RGBColor = RGBColor(239, 108, 0);
const THIRD: RGBColor = RGBColor(46, 158, 111);

/// `part` of `whole` in per cent, written; a dash without a whole.
fn share(part: f64, whole: f64, lang: crate::lang::Lang) -> String {
    if whole > 0.0 { format::percent(part / whole * 100.0, lang) } else { "—".to_owned() }
}

fn row(name: String, f: &PlanActual, lang: crate::lang::Lang) -> Vec<String> {
    let count = |n: u32| format::integer(i64::from(n));
    vec![
        name,
        count(f.projects),
        format::mln_number(f.investment_plan, lang),
        format::mln_number(f.investment_actual, lang),
        share(f.investment_actual.minor() as f64, f.investment_plan.minor() as f64, lang),
        count(f.jobs_plan),
        count(f.jobs_actual),
        format::mln_number(f.output_actual, lang),
        count(f.commissioning_due),
        count(f.commissioned),
        count(f.commissioned_on_time),
        share(f64::from(f.commissioned_on_time), f64::from(f.commissioned), lang),
    ]
}

/// A chart's height for `labels` labels of `series` bars each: no taller than what the first
/// page leaves under the totals, so the twenty regions share it with their jobs.
fn height(ctx: &PrintContext, labels: usize, series: usize) -> f64 {
    let wanted = (22.0 + labels.max(2) as f64 * (2.0 + 3.2 * series as f64)) * ctx.k();
    wanted.min(ctx.setup.body().h * 0.62)
}

pub fn dashboard_document(ctx: &PrintContext, d: &Dashboard) -> Document {
    crate::fonts::register_with_plotters();
    let lang = ctx.lang;
    let w = |word: Word| word.text(lang).to_owned();
    let [region, sector, year] = key_names(ctx);
    let width = figure_width(ctx);
    let (plan, actual) = (w(Word::Planned), w(Word::Actual));
    let pair = |groups: &[Group],
                name: &dyn Fn(&str) -> String,
                title: Word,
                of: fn(&PlanActual) -> (f64, f64),
                unit: &str| {
        let labels: Vec<String> = groups.iter().map(|g| name(&g.key)).collect();
        let (p, a): (Vec<f64>, Vec<f64>) = groups.iter().map(|g| of(&g.figures)).unzip();
        let series =
            [Series { name: &plan, colour: PLAN, values: p }, Series { name: &actual, colour: ACTUAL, values: a }];
        let h = height(ctx, labels.len(), 2);
        Figure {
            svg: grouped_bars(ctx, title.text(lang), unit, &labels, &series, ChartSize { w_mm: width, h_mm: h }),
            height_mm: h,
        }
    };
    let investment = |f: &PlanActual| (format::mln_f64(f.investment_plan), format::mln_f64(f.investment_actual));
    let jobs = |f: &PlanActual| (f64::from(f.jobs_plan), f64::from(f.jobs_actual));
    let mln = w(Word::MlnKzt);
    let mut figures = vec![
        pair(&d.by_region, &*region, Word::InvestmentByRegion, investment, &mln),
        pair(&d.by_region, &*region, Word::JobsByRegion, jobs, ""),
        pair(&d.by_sector, &*sector, Word::InvestmentBySector, investment, &mln),
    ];
    // Commissioning by year: due, done, and done on time.
    let labels: Vec<String> = d.by_year.iter().map(|g| year(&g.key)).collect();
    let of = |f: fn(&PlanActual) -> u32| d.by_year.iter().map(|g| f64::from(f(&g.figures))).collect::<Vec<_>>();
    let (due, done, on_time) = (w(Word::CommissioningDue), w(Word::Commissioned), w(Word::OnTime));
    let series = [
        Series { name: &due, colour: PLAN, values: of(|f| f.commissioning_due) },
        Series { name: &done, colour: ACTUAL, values: of(|f| f.commissioned) },
        Series { name: &on_time, colour: THIRD, values: of(|f| f.commissioned_on_time) },
    ];
    let h = height(ctx, labels.len(), 3);
    let size = ChartSize { w_mm: width, h_mm: h };
    figures.push(Figure {
        svg: grouped_bars(ctx, Word::CommissioningByYear.text(lang), "", &labels, &series, size),
        height_mm: h,
    });
    // Financing by source over the years, by status.
    let mut sources: BTreeMap<&str, [f64; 3]> = BTreeMap::new();
    for c in &d.financing {
        let s = sources.entry(c.source.as_str()).or_default();
        for (i, m) in [c.planned, c.committed, c.disbursed].into_iter().enumerate() {
            s[i] += format::mln_f64(m);
        }
    }
    let labels: Vec<String> = sources.keys().map(|k| ctx.source_label(k)).collect();
    let statuses = [FinancingStatus::Planned, FinancingStatus::Committed, FinancingStatus::Disbursed]
        .map(|s| lang.pick(&s.label()));
    let series: Vec<Series> = statuses
        .iter()
        .zip([PLAN, ACTUAL, THIRD])
        .enumerate()
        .map(|(i, (name, colour))| Series { name, colour, values: sources.values().map(|v| v[i]).collect() })
        .collect();
    let h = height(ctx, labels.len(), 3);
    let size = ChartSize { w_mm: width, h_mm: h };
    figures.push(Figure {
        svg: grouped_bars(ctx, Word::FinancingBySourceStatus.text(lang), &mln, &labels, &series, size),
        height_mm: h,
    });

    let heads = headings(lang);
    let table = |title: Word, groups: &[Group], name: &dyn Fn(&str) -> String| {
        let rows: Vec<Vec<String>> = groups.iter().map(|g| row(name(&g.key), &g.figures, lang)).collect();
        let columns: Vec<Column> = heads
            .iter()
            .enumerate()
            .map(|(i, h)| if i == 0 { Column::text(title.text(lang), 1.0) } else { Column::number(h, 1.0) })
            .collect();
        Section { title: w(title), columns: fitted(ctx, &columns, &rows), rows, ..Section::default() }
    };
    let t = &d.total;
    let listing = Listing {
        title: w(Word::DashboardTitle),
        subtitles: vec![ctx.filters_as_of()],
        facts: vec![
            (w(Word::Projects), format::integer(i64::from(t.projects))),
            (
                w(Word::InvestmentWord),
                format!(
                    "{} / {} ({})",
                    format::money(t.investment_actual, lang),
                    format::money(t.investment_plan, lang),
                    share(t.investment_actual.minor() as f64, t.investment_plan.minor() as f64, lang)
                ),
            ),
            (
                w(Word::JobsPermanent),
                format!("{} / {}", format::integer(i64::from(t.jobs_actual)), format::integer(i64::from(t.jobs_plan))),
            ),
            (w(Word::Output), format::money(t.output_actual, lang)),
            (
                w(Word::OnTime),
                format!(
                    "{} / {} ({})",
                    format::integer(i64::from(t.commissioned_on_time)),
                    format::integer(i64::from(t.commissioned)),
                    share(f64::from(t.commissioned_on_time), f64::from(t.commissioned), lang)
                ),
            ),
        ],
        figures,
        sections: vec![
            table(Word::Region, &d.by_region, &*region),
            table(Word::Sector, &d.by_sector, &*sector),
            table(Word::Year, &d.by_year, &*year),
        ],
        signatures: vec![w(Word::PreparedBy)],
    };
    listing_document(ctx, &listing)
}
