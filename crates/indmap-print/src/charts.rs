//! Charts drawn with plotters' SVG backend: financing by source and by year, projects by status,
//! sector and region, investment and jobs by region, a project's schedule and its monitoring.
//! Each chart is an SVG that a page embeds, or a page of its own for a standalone PNG/SVG.

use crate::context::PrintContext;
use crate::document::Page;
use crate::fonts;
use crate::format;
use crate::paper::Rect;
use crate::svg::Canvas;
use crate::words::Word;
use chrono::{Datelike, NaiveDate};
use indmap_core::reference::REGIONS;
use indmap_core::{Money, Project, Status};
use plotters::prelude::*;
use std::collections::BTreeMap;

/// Plotters draws in pixels; charts are drawn at this many pixels per page millimetre.
const PX_PER_MM: f64 = 4.0;

fn px(mm: f64) -> u32 {
    (mm * PX_PER_MM).round() as u32
}

/// A font size in pixels for `pt` points.
fn font_px(pt: f64) -> f64 {
    pt * fonts::MM_PER_PT * PX_PER_MM
}

/// A chart's size on paper.
#[derive(Debug, Clone, Copy)]
pub struct ChartSize {
    pub w_mm: f64,
    pub h_mm: f64,
}

/// Which summary chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
#[serde(try_from = "String")]
pub enum ChartKind {
    FinancingBySource,
    FinancingByYear,
    ProjectsByStatus,
    ProjectsBySector,
    ProjectsByRegion,
    InvestmentByRegion,
    JobsByRegion,
}

impl ChartKind {
    pub const ALL: [ChartKind; 7] = [
        ChartKind::FinancingBySource,
        ChartKind::FinancingByYear,
        ChartKind::ProjectsByStatus,
        ChartKind::ProjectsBySector,
        ChartKind::ProjectsByRegion,
        ChartKind::InvestmentByRegion,
        ChartKind::JobsByRegion,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ChartKind::FinancingBySource => "financing-by-source",
            ChartKind::FinancingByYear => "financing-by-year",
            ChartKind::ProjectsByStatus => "projects-by-status",
            ChartKind::ProjectsBySector => "projects-by-sector",
            ChartKind::ProjectsByRegion => "projects-by-region",
            ChartKind::InvestmentByRegion => "investment-by-region",
            ChartKind::JobsByRegion => "jobs-by-region",
        }
    }

    pub fn parse(code: &str) -> Option<ChartKind> {
        ChartKind::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    pub fn title(self) -> Word {
        match self {
            ChartKind::FinancingBySource => Word::FinancingBySource,
            ChartKind::FinancingByYear => Word::FinancingByYear,
            ChartKind::ProjectsByStatus => Word::ProjectsByStatus,
            ChartKind::ProjectsBySector => Word::ProjectsBySector,
            ChartKind::ProjectsByRegion => Word::ProjectsByRegion,
            ChartKind::InvestmentByRegion => Word::InvestmentByRegion,
            ChartKind::JobsByRegion => Word::JobsByRegion,
        }
    }
}

/// A request's `chart`, refused with a message that names the field and the charts there are.
impl TryFrom<String> for ChartKind {
    type Error = String;

    fn try_from(code: String) -> Result<ChartKind, String> {
        ChartKind::parse(&code).ok_or_else(|| {
            let codes: Vec<&str> = ChartKind::ALL.iter().map(|k| k.code()).collect();
            format!("chart must be one of {}; got {code:?}", codes.join(", "))
        })
    }
}

/// The bars of a summary chart: (label, value), and the unit of the values.
pub fn summary_bars(ctx: &PrintContext, kind: ChartKind, projects: &[&Project]) -> (Vec<(String, f64)>, String) {
    let lang = ctx.lang;
    let mln = Word::MlnKzt.text(lang).to_string();
    let count = Word::Projects.text(lang).to_string();
    let region_bars = |value: &dyn Fn(&&Project) -> f64| -> Vec<(String, f64)> {
        REGIONS
            .iter()
            .map(|r| {
                let v: f64 = projects.iter().filter(|p| p.region.as_str() == r.kato).map(value).sum();
                (lang.of(r.name_kk, r.name_ru, r.name_en).to_string(), v)
            })
            .filter(|(_, v)| *v > 0.0)
            .collect()
    };
    match kind {
        ChartKind::FinancingBySource => {
            let mut sums: BTreeMap<usize, Money> = BTreeMap::new();
            for f in projects.iter().flat_map(|p| &p.financing) {
                let i = ctx.sources.iter().position(|s| s.code == f.source).unwrap_or(ctx.sources.len());
                let e = sums.entry(i).or_default();
                *e = Money(e.0.saturating_add(f.amount.0));
            }
            let bars = sums
                .into_iter()
                .map(|(i, m)| {
                    let label = ctx.sources.get(i).map(|s| lang.pick(&s.label)).unwrap_or_else(|| "—".into());
                    (label, format::mln_f64(m))
                })
                .collect();
            (bars, mln)
        }
        ChartKind::FinancingByYear => {
            let mut sums: BTreeMap<i32, Money> = BTreeMap::new();
            for f in projects.iter().flat_map(|p| &p.financing) {
                let e = sums.entry(f.year).or_default();
                *e = Money(e.0.saturating_add(f.amount.0));
            }
            (sums.into_iter().map(|(y, m)| (y.to_string(), format::mln_f64(m))).collect(), mln)
        }
        ChartKind::ProjectsByStatus => {
            let bars = Status::ALL
                .iter()
                .map(|s| (lang.pick(&s.label()), projects.iter().filter(|p| p.status == *s).count() as f64))
                .filter(|(_, n)| *n > 0.0)
                .collect();
            (bars, count)
        }
        ChartKind::ProjectsBySector => {
            let mut bars: Vec<(String, f64)> = ctx
                .sectors
                .iter()
                .map(|s| {
                    let n = projects.iter().filter(|p| p.sector.as_deref() == Some(s.code.as_str())).count();
                    (lang.pick(&s.label), n as f64)
                })
                .filter(|(_, n)| *n > 0.0)
                .collect();
            let unknown = projects
                .iter()
                .filter(|p| p.sector.as_ref().is_none_or(|c| !ctx.sectors.iter().any(|s| &s.code == c)))
                .count();
            if unknown > 0 {
                bars.push((Word::NoSector.text(lang).to_string(), unknown as f64));
            }
            (bars, count)
        }
        ChartKind::ProjectsByRegion => (region_bars(&|_| 1.0), count),
        ChartKind::InvestmentByRegion => (region_bars(&|p| p.cost.map(format::mln_f64).unwrap_or(0.0)), mln),
        ChartKind::JobsByRegion => {
            (region_bars(&|p| f64::from(p.jobs_permanent.unwrap_or(0))), Word::JobsPermanent.text(lang).to_string())
        }
    }
}

/// A horizontal bar chart: one bar per label, the value printed at its end.
pub fn bar_chart(
    ctx: &PrintContext,
    title: &str,
    unit: &str,
    bars: &[(String, f64)],
    size: ChartSize,
    colour: RGBColor,
) -> String {
    let k = ctx.k();
    let lang = ctx.lang;
    let (w, h) = (px(size.w_mm), px(size.h_mm));
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let label_pt = 7.0 * k;
        let label_mm = size.w_mm * 0.38;
        // Plotters' y axis grows upwards: reverse, so the first bar is at the top.
        let bars: Vec<(String, f64)> = bars.iter().rev().cloned().collect();
        let labels: Vec<String> = bars.iter().map(|(l, _)| fonts::fit(l, label_pt, false, label_mm - 2.0)).collect();
        let max = bars.iter().map(|b| b.1).fold(0.0, f64::max).max(1.0) * 1.18;
        let n = bars.len().max(1);
        let caption = format!("{title}, {unit}");
        let mut chart = match ChartBuilder::on(&root)
            .caption(caption, ("sans-serif", font_px(9.0 * k)).into_font().style(FontStyle::Bold))
            .margin(px(2.0))
            .x_label_area_size(px(6.0 * k))
            .y_label_area_size(px(label_mm))
            .build_cartesian_2d(0.0..max, (0..n).into_segmented())
        {
            Ok(c) => c,
            Err(_) => return svg_fallback(size, title),
        };
        let _ = chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(WHITE)
            .bold_line_style(RGBColor(225, 225, 225))
            // Whole ticks on a short axis (a few projects): "0 0 1 2 2" otherwise.
            .x_labels((max.floor() as usize + 1).clamp(2, 5))
            .x_label_formatter(&|v| format::decimal(*v, 0, lang))
            .y_labels(n)
            .y_label_formatter(&|seg| match seg {
                SegmentValue::CenterOf(i) => labels.get(*i).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .label_style(("sans-serif", font_px(label_pt)))
            .draw();
        let _ = chart.draw_series(bars.iter().enumerate().map(|(i, (_, v))| {
            let mut bar =
                Rectangle::new([(0.0, SegmentValue::Exact(i)), (*v, SegmentValue::Exact(i + 1))], colour.filled());
            bar.set_margin(px(0.6), px(0.6), 0, 0);
            bar
        }));
        let value_style = ("sans-serif", font_px(6.5 * k)).into_font().color(&BLACK);
        let _ = chart.draw_series(bars.iter().enumerate().map(|(i, (_, v))| {
            Text::new(
                format!(" {}", format::decimal(*v, if *v >= 100.0 || v.fract() == 0.0 { 0 } else { 1 }, lang)),
                (*v, SegmentValue::CenterOf(i)),
                value_style.clone(),
            )
        }));
        let _ = root.present();
    }
    svg
}

/// One series of a grouped bar chart: its name in the legend, its colour, a value per label.
pub struct Series<'a> {
    pub name: &'a str,
    pub colour: RGBColor,
    pub values: Vec<f64>,
}

/// A horizontal grouped bar chart: per label, a bar of each series (plan against actual), the
/// value printed at its end, the series named in a legend.
pub fn grouped_bars(
    ctx: &PrintContext,
    title: &str,
    unit: &str,
    labels: &[String],
    series: &[Series],
    size: ChartSize,
) -> String {
    let k = ctx.k();
    let lang = ctx.lang;
    let (w, h) = (px(size.w_mm), px(size.h_mm));
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let label_pt = 7.0 * k;
        let label_mm = size.w_mm * 0.3;
        let n = labels.len().max(1);
        // Plotters' y axis grows upwards: the first label at the top.
        let fitted: Vec<String> = labels.iter().rev().map(|l| fonts::fit(l, label_pt, false, label_mm - 2.0)).collect();
        let max = series.iter().flat_map(|s| s.values.iter().copied()).fold(0.0, f64::max).max(1.0) * 1.22;
        let caption = if unit.is_empty() { title.to_owned() } else { format!("{title}, {unit}") };
        let Ok(mut chart) = ChartBuilder::on(&root)
            .caption(caption, ("sans-serif", font_px(9.0 * k)).into_font().style(FontStyle::Bold))
            .margin(px(2.0))
            .x_label_area_size(px(6.0 * k))
            .y_label_area_size(px(label_mm))
            .build_cartesian_2d(0.0..max, (0..n).into_segmented())
        else {
            return svg_fallback(size, title);
        };
        let _ = chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(WHITE)
            .bold_line_style(RGBColor(225, 225, 225))
            .x_labels(5)
            .x_label_formatter(&|v| format::decimal(*v, 0, lang))
            .y_labels(n)
            .y_label_formatter(&|seg| match seg {
                SegmentValue::CenterOf(i) => fitted.get(*i).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .label_style(("sans-serif", font_px(label_pt)))
            .draw();
        // Each label's band split between the series, top to bottom in their order.
        let band = f64::from(chart.plotting_area().dim_in_pixel().1) / n as f64;
        let m = series.len().max(1) as f64;
        let value_style = ("sans-serif", font_px(5.5 * k)).into_font().color(&BLACK);
        for (j, s) in series.iter().enumerate() {
            let (top, bottom) = ((j as f64 * band / m) as u32 + 1, ((m - j as f64 - 1.0) * band / m) as u32 + 1);
            let colour = s.colour;
            let bars = s.values.iter().rev().enumerate().map(|(i, v)| {
                let mut bar =
                    Rectangle::new([(0.0, SegmentValue::Exact(i)), (*v, SegmentValue::Exact(i + 1))], colour.filled());
                bar.set_margin(top, bottom, 0, 0);
                bar
            });
            if let Ok(drawn) = chart.draw_series(bars) {
                drawn
                    .label(s.name)
                    .legend(move |(x, y)| Rectangle::new([(x, y - 4), (x + 14, y + 4)], colour.filled()));
            }
            // The value at the bar's end, in the middle of its part of the band.
            let _ = chart.draw_series(s.values.iter().rev().enumerate().filter(|(_, v)| **v > 0.0).map(|(i, v)| {
                let text =
                    format!(" {}", format::decimal(*v, if *v >= 100.0 || v.fract() == 0.0 { 0 } else { 1 }, lang));
                // Pixels below the band's middle (plotters' pixels grow downwards), less half a line.
                let shift = (((j as f64 + 0.5) / m - 0.5) * band - font_px(5.5 * k) / 2.0) as i32;
                EmptyElement::at((*v, SegmentValue::CenterOf(i))) + Text::new(text, (0, shift), value_style.clone())
            }));
        }
        let _ = chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.9))
            .border_style(RGBColor(160, 160, 160))
            .label_font(("sans-serif", font_px(6.5 * k)))
            .draw();
        let _ = root.present();
    }
    svg
}

fn svg_fallback(size: ChartSize, title: &str) -> String {
    let (w, h) = (px(size.w_mm), px(size.h_mm));
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\"><text x=\"4\" y=\"20\">{}</text></svg>",
        crate::svg::escape(title)
    )
}

/// A line chart of two cumulative series over periods: plan against actual.
pub fn plan_vs_actual(
    ctx: &PrintContext,
    title: &str,
    periods: &[String],
    plan: &[f64],
    actual: &[f64],
    size: ChartSize,
) -> String {
    let k = ctx.k();
    let lang = ctx.lang;
    let (w, h) = (px(size.w_mm), px(size.h_mm));
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let max = plan.iter().chain(actual).copied().fold(0.0, f64::max).max(1.0) * 1.1;
        let n = periods.len().max(1);
        let Ok(mut chart) = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", font_px(9.0 * k)).into_font().style(FontStyle::Bold))
            .margin(px(2.0))
            .x_label_area_size(px(7.0 * k))
            .y_label_area_size(px(16.0 * k))
            .build_cartesian_2d((0..n).into_segmented(), 0.0..max)
        else {
            return svg_fallback(size, title);
        };
        let step = n.div_ceil(10).max(1);
        let _ = chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(WHITE)
            .bold_line_style(RGBColor(225, 225, 225))
            .x_labels(n)
            .x_label_formatter(&|seg| match seg {
                SegmentValue::CenterOf(i) if i % step == 0 => periods.get(*i).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .y_label_formatter(&|v| format::decimal(*v, 0, lang))
            .label_style(("sans-serif", font_px(6.5 * k)))
            .draw();
        let blue = RGBColor(21, 101, 192);
        let orange = RGBColor(239, 108, 0);
        let line_w = px(0.5 * k).max(1);
        let plan_name = Word::Planned.text(lang);
        let actual_name = Word::Actual.text(lang);
        if let Ok(series) = chart.draw_series(LineSeries::new(
            plan.iter().enumerate().map(|(i, v)| (SegmentValue::CenterOf(i), *v)),
            blue.stroke_width(line_w),
        )) {
            series
                .label(plan_name)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], blue.stroke_width(3)));
        }
        if let Ok(series) = chart.draw_series(LineSeries::new(
            actual.iter().enumerate().map(|(i, v)| (SegmentValue::CenterOf(i), *v)),
            orange.stroke_width(line_w),
        )) {
            series
                .label(actual_name)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], orange.stroke_width(3)));
        }
        let _ = chart.draw_series(
            actual
                .iter()
                .enumerate()
                .map(|(i, v)| Circle::new((SegmentValue::CenterOf(i), *v), px(0.6 * k), orange.filled())),
        );
        let _ = chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.9))
            .border_style(RGBColor(160, 160, 160))
            .label_font(("sans-serif", font_px(6.5 * k)))
            .draw();
        let _ = root.present();
    }
    svg
}

/// One row of a schedule chart: what, when planned, when done.
pub struct ScheduleRow {
    pub label: String,
    pub planned: Option<(NaiveDate, NaiveDate)>,
    pub actual: Option<(NaiveDate, NaiveDate)>,
}

fn day(d: NaiveDate) -> f64 {
    f64::from(d.num_days_from_ce())
}

/// A Gantt-like chart: for each row a thin planned bar and a thick actual bar over a time axis.
pub fn schedule_chart(ctx: &PrintContext, title: &str, rows: &[ScheduleRow], size: ChartSize) -> String {
    let k = ctx.k();
    let lang = ctx.lang;
    let (w, h) = (px(size.w_mm), px(size.h_mm));
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let dates: Vec<f64> = rows
            .iter()
            .flat_map(|r| r.planned.into_iter().chain(r.actual))
            .flat_map(|(a, b)| [day(a), day(b)])
            .collect();
        let (lo, hi) = match (dates.iter().copied().reduce(f64::min), dates.iter().copied().reduce(f64::max)) {
            (Some(lo), Some(hi)) => (lo - 30.0, hi.max(lo + 60.0) + 30.0),
            _ => return svg_fallback(size, title),
        };
        let n = rows.len().max(1);
        let label_mm = size.w_mm * 0.3;
        let rows: Vec<&ScheduleRow> = rows.iter().rev().collect();
        let labels: Vec<String> = rows.iter().map(|r| fonts::fit(&r.label, 6.5 * k, false, label_mm - 2.0)).collect();
        let Ok(mut chart) = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", font_px(9.0 * k)).into_font().style(FontStyle::Bold))
            .margin(px(2.0))
            .x_label_area_size(px(6.0 * k))
            .y_label_area_size(px(label_mm))
            .build_cartesian_2d(lo..hi, (0..n).into_segmented())
        else {
            return svg_fallback(size, title);
        };
        let _ = chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(WHITE)
            .bold_line_style(RGBColor(225, 225, 225))
            .x_labels(8)
            .x_label_formatter(&|v| {
                NaiveDate::from_num_days_from_ce_opt(*v as i32)
                    .map(|d| format!("{:02}.{}", d.month(), d.year()))
                    .unwrap_or_default()
            })
            .y_labels(n)
            .y_label_formatter(&|seg| match seg {
                SegmentValue::CenterOf(i) => labels.get(*i).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .label_style(("sans-serif", font_px(6.5 * k)))
            .draw();
        let blue = RGBColor(144, 202, 249);
        let green = RGBColor(46, 125, 50);
        let _ = chart.draw_series(rows.iter().enumerate().filter_map(|(i, r)| {
            let (a, b) = r.planned?;
            let mut bar = Rectangle::new(
                [(day(a), SegmentValue::Exact(i)), (day(b).max(day(a) + 3.0), SegmentValue::Exact(i + 1))],
                blue.filled(),
            );
            bar.set_margin(px(0.8), px(0.8), 0, 0);
            Some(bar)
        }));
        let _ = chart.draw_series(rows.iter().enumerate().filter_map(|(i, r)| {
            let (a, b) = r.actual?;
            let mut bar = Rectangle::new(
                [(day(a), SegmentValue::Exact(i)), (day(b).max(day(a) + 3.0), SegmentValue::Exact(i + 1))],
                green.filled(),
            );
            bar.set_margin(px(2.2), px(2.2), 0, 0);
            Some(bar)
        }));
        let legend_font = ("sans-serif", font_px(6.5 * k)).into_font();
        let (lx, ly) = (w as i32 - px(55.0 * k) as i32, px(2.5) as i32);
        let _ = root.draw(&Rectangle::new([(lx, ly), (lx + px(4.0) as i32, ly + px(2.5) as i32)], blue.filled()));
        let _ = root.draw(&Text::new(Word::Planned.text(lang), (lx + px(5.0) as i32, ly), legend_font.clone()));
        let lx2 = lx + px(25.0 * k) as i32;
        let _ = root.draw(&Rectangle::new([(lx2, ly), (lx2 + px(4.0) as i32, ly + px(2.5) as i32)], green.filled()));
        let _ = root.draw(&Text::new(Word::Actual.text(lang), (lx2 + px(5.0) as i32, ly), legend_font));
        let _ = root.present();
    }
    svg
}

/// A summary chart on a page of its own, for a standalone PNG or SVG.
pub fn chart_page(ctx: &PrintContext, kind: ChartKind, projects: &[Project]) -> Page {
    crate::fonts::register_with_plotters();
    let projects: Vec<&Project> = projects.iter().collect();
    let (bars, unit) = summary_bars(ctx, kind, &projects);
    let size = ChartSize { w_mm: 180.0 * ctx.k(), h_mm: (20.0 + 7.0 * bars.len().max(3) as f64) * ctx.k() };
    let svg = bar_chart(ctx, kind.title().text(ctx.lang), &unit, &bars, size, RGBColor(21, 101, 192));
    let mut canvas = Canvas::new();
    canvas.embed_svg(&svg, Rect::new(0.0, 0.0, size.w_mm, size.h_mm));
    Page { width_mm: size.w_mm, height_mm: size.h_mm, body: canvas.into_body() }
}
