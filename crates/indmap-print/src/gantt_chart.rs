//! The schedule as a Gantt chart on paper: a row per project and per milestone and action under
//! it, years and quarters across, planned against actual, the approved baseline drawn behind in
//! grey, today's line in red and what is overdue in red. Rows that do not fit go on to the
//! next page with the axis repeated.

use crate::context::PrintContext;
use crate::document::Document;
use crate::fonts;
use crate::furniture;
use crate::paper::Rect;
use crate::svg::{Anchor, Canvas, TextStyle};
use crate::words::Word;
use chrono::{Datelike, NaiveDate};
use indmap_core::gantt::{Bar, BarKind, Lane};

const RED: &str = "#c62828";
const GREY: &str = "#9aa3ad";
const INK: &str = "#1f3a5f";

/// The chart of `lanes` (of `total` projects chosen: more when the chart was cut short), with
/// today's line at `today`.
pub fn gantt_document(ctx: &PrintContext, lanes: &[Lane], total: usize, today: NaiveDate) -> Document {
    let canvases = gantt_canvases(ctx, lanes, total, today);
    let count = canvases.len();
    let pages =
        canvases.into_iter().enumerate().map(|(i, canvas)| furniture::footed_page(ctx, canvas, i + 1, count)).collect();
    Document { title: Word::GanttTitle.text(ctx.lang).to_owned(), subject: crate::map_page::subject(ctx), pages }
}

/// The chart's pages, without their footers (a passport numbers them among its own).
pub(crate) fn gantt_canvases(ctx: &PrintContext, lanes: &[Lane], total: usize, today: NaiveDate) -> Vec<Canvas> {
    let lang = ctx.lang;
    let k = ctx.k();
    let (from, to) = indmap_core::gantt::span(lanes, today);
    // Whole years across, so the ticks fall on 1 January.
    let from = NaiveDate::from_ymd_opt(from.year(), 1, 1).unwrap_or(from);
    let to = NaiveDate::from_ymd_opt(to.year() + 1, 1, 1).unwrap_or(to);
    let title = Word::GanttTitle.text(lang).to_owned();
    let mut subtitles = vec![ctx.filters_as_of()];
    if lanes.len() < total {
        subtitles.push(format!("{} ({} / {})", Word::GanttCut.text(lang), lanes.len(), total));
    }
    let rows: Vec<(&Lane, Option<&Bar>)> = lanes
        .iter()
        .flat_map(|l| std::iter::once((l, None)).chain(l.bars.iter().skip(1).map(move |b| (l, Some(b)))))
        .collect();

    let (_, body) = ctx.setup.body().take_bottom(furniture::footer_height(k) + 2.0 * k);
    let row_h = 4.6 * k;
    let mut pages: Vec<Canvas> = Vec::new();
    let mut rest = &rows[..];
    loop {
        let mut canvas = Canvas::new();
        let used = furniture::title_block(&mut canvas, body, &title, &subtitles, k);
        let (_, area) = body.take_top(used + 1.0 * k);
        let legend_h = legend(&mut canvas, ctx, area);
        let (_, area) = area.take_top(legend_h + 1.5 * k);
        let axis = Axis { from, to, x: area.x + area.w * 0.32, w: area.w * 0.68 };
        let (_, chart) = area.take_top(Axis::header_h(k));
        let mut fit = ((chart.h / row_h).floor() as usize).max(1).min(rest.len());
        // A project's own row never ends a page alone: it goes over with its first item.
        if fit > 1 && fit < rest.len() && rest[fit - 1].1.is_none() {
            fit -= 1;
        }
        let (here, next) = rest.split_at(fit);
        let bottom = chart.y + here.len() as f64 * row_h;
        axis.draw_years(&mut canvas, area.y, bottom, k);
        for (i, (lane, bar)) in here.iter().enumerate() {
            let y = chart.y + i as f64 * row_h;
            draw_row(&mut canvas, ctx, &axis, Rect::new(chart.x, y, chart.w, row_h), lane, *bar);
        }
        let x = axis.at(today);
        canvas.raw(&format!(
            r#"<line x1="{x:.2}" y1="{:.2}" x2="{x:.2}" y2="{bottom:.2}" stroke="{RED}" stroke-width="0.35" stroke-dasharray="1.2 0.8"/>"#,
            chart.y - 1.0 * k,
        ));
        pages.push(canvas);
        rest = next;
        if rest.is_empty() {
            return pages;
        }
    }
}

/// Days across the page.
struct Axis {
    from: NaiveDate,
    to: NaiveDate,
    x: f64,
    w: f64,
}

impl Axis {
    fn at(&self, d: NaiveDate) -> f64 {
        let all = (self.to - self.from).num_days().max(1) as f64;
        self.x + (d - self.from).num_days() as f64 / all * self.w
    }

    fn year_style(k: f64) -> TextStyle {
        TextStyle::new(7.0 * k).bold().anchor(Anchor::Middle)
    }

    /// The height of the year labels.
    fn header_h(k: f64) -> f64 {
        Axis::year_style(k).line_mm() + 1.0 * k
    }

    /// Year labels from `top`, and lines at each year and quarter down to `bottom`.
    fn draw_years(&self, canvas: &mut Canvas, top: f64, bottom: f64, k: f64) {
        let style = Axis::year_style(k);
        let h = Axis::header_h(k);
        let years = (self.from.year()..self.to.year()).collect::<Vec<_>>();
        let small = years.len() > 12;
        for year in years {
            let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(self.from);
            let end = NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap_or(self.to);
            let (x0, x1) = (self.at(start), self.at(end));
            canvas.line(x0, top, x0, bottom, "#b8c0c8", 0.2);
            if !small || year % 2 == 0 {
                canvas.text((x0 + x1) / 2.0, top + style.size_pt * fonts::MM_PER_PT, &year.to_string(), style);
            }
            for month in [4, 7, 10] {
                if let Some(q) = NaiveDate::from_ymd_opt(year, month, 1) {
                    let x = self.at(q);
                    canvas.line(x, top + h, x, bottom, "#e6e9ed", 0.15);
                }
            }
        }
        let end = self.at(self.to);
        canvas.line(end, top, end, bottom, "#b8c0c8", 0.2);
        canvas.line(self.x, top + h, self.x + self.w, top + h, "#666666", 0.2);
    }
}

/// What the marks mean, in one line; its height.
fn legend(canvas: &mut Canvas, ctx: &PrintContext, area: Rect) -> f64 {
    let lang = ctx.lang;
    let k = ctx.k();
    let style = TextStyle::new(6.5 * k).color("#333333");
    let y = area.y + style.line_mm();
    let mut x = area.x;
    let mut item = |canvas: &mut Canvas, draw: &dyn Fn(&mut Canvas, f64, f64), word: Word| {
        draw(canvas, x + 1.5 * k, y - 0.9 * k);
        let text = word.text(lang);
        canvas.text(x + 4.0 * k, y, text, style);
        x += 6.0 * k + fonts::width_mm(text, style.size_pt, false);
    };
    item(
        canvas,
        &|c, x, y| c.rect(Rect::new(x - 1.5 * k, y - 0.9 * k, 3.0 * k, 1.8 * k), "#dbe4f0", INK, 0.2),
        Word::Planned,
    );
    item(
        canvas,
        &|c, x, y| c.rect(Rect::new(x - 1.5 * k, y - 0.4 * k, 3.0 * k, 0.8 * k), GREY, "none", 0.0),
        Word::AsApprovedShort,
    );
    item(canvas, &|c, x, y| diamond(c, x, y, 1.0 * k, "white", INK), Word::Milestone);
    item(canvas, &|c, x, y| square(c, x, y, 0.9 * k, "white", INK), Word::Action);
    item(canvas, &|c, x, y| diamond(c, x, y, 1.0 * k, INK, INK), Word::Actual);
    item(canvas, &|c, x, y| diamond(c, x, y, 1.0 * k, RED, RED), Word::Overdue);
    item(canvas, &|c, x, y| c.line(x, y - 1.2 * k, x, y + 1.2 * k, RED, 0.35), Word::Today);
    style.line_mm() + 0.5 * k
}

fn diamond(canvas: &mut Canvas, x: f64, y: f64, r: f64, fill: &str, stroke: &str) {
    canvas.raw(&format!(
        r#"<path d="M{:.2} {y:.2}L{x:.2} {:.2}L{:.2} {y:.2}L{x:.2} {:.2}Z" fill="{fill}" stroke="{stroke}" stroke-width="0.2"/>"#,
        x - r,
        y - r,
        x + r,
        y + r
    ));
}

fn square(canvas: &mut Canvas, x: f64, y: f64, r: f64, fill: &str, stroke: &str) {
    canvas.rect(Rect::new(x - r, y - r, 2.0 * r, 2.0 * r), fill, stroke, 0.2);
}

/// A project's own row (`bar` is none: its span) or one of its milestones or actions.
fn draw_row(canvas: &mut Canvas, ctx: &PrintContext, axis: &Axis, row: Rect, lane: &Lane, bar: Option<&Bar>) {
    let k = ctx.k();
    let mid = row.y + row.h / 2.0;
    let label_w = axis.x - row.x - 2.0 * k;
    match bar {
        None => {
            canvas.line(row.x, row.y, row.right(), row.y, "#c9ced6", 0.15);
            let name = if ctx.lang == crate::Lang::Kk { &lane.name_kk } else { &lane.name_ru };
            let text = format!("{} {name}", lane.code.as_deref().unwrap_or_default());
            let style = TextStyle::new(6.8 * k).bold();
            canvas.text(row.x, mid + 0.9 * k, &fonts::fit(&text, style.size_pt, true, label_w), style);
            let own = &lane.bars[0];
            let color = if own.overdue { RED } else { INK };
            if let (Some(start), Some(baseline)) = (own.start, own.baseline) {
                let (x0, x1) = (axis.at(start), axis.at(baseline));
                canvas.rect(Rect::new(x0, mid + 0.9 * k, (x1 - x0).max(0.3), 0.7 * k), GREY, "none", 0.0);
            }
            if let (Some(start), Some(planned)) = (own.start, own.planned) {
                let (x0, x1) = (axis.at(start), axis.at(planned));
                canvas.rect(Rect::new(x0, mid - 1.1 * k, (x1 - x0).max(0.3), 1.9 * k), "#dbe4f0", color, 0.25);
            } else if let Some(planned) = own.planned {
                diamond(canvas, axis.at(planned), mid, 1.1 * k, "white", color);
            }
            if let Some(actual) = own.actual {
                diamond(canvas, axis.at(actual), mid, 1.1 * k, INK, INK);
            }
        }
        Some(b) => {
            let style = TextStyle::new(6.2 * k).color(if b.cancelled { "#777777" } else { "#222222" });
            canvas.text(
                row.x + 3.0 * k,
                mid + 0.8 * k,
                &fonts::fit(&b.label, style.size_pt, false, label_w - 3.0 * k),
                style,
            );
            let color = if b.overdue {
                RED
            } else if b.cancelled {
                GREY
            } else {
                INK
            };
            let mark = |canvas: &mut Canvas, x: f64, fill: &str, stroke: &str| match b.kind {
                BarKind::Action => square(canvas, x, mid, 0.9 * k, fill, stroke),
                _ => diamond(canvas, x, mid, 1.1 * k, fill, stroke),
            };
            if let Some(baseline) = b.baseline.filter(|d| Some(*d) != b.planned) {
                let x = axis.at(baseline);
                canvas.line(x, mid - 1.3 * k, x, mid + 1.3 * k, GREY, 0.5);
            }
            if let (Some(planned), Some(actual)) = (b.planned, b.actual) {
                // How late or early it came: a thin line from the plan to what happened.
                canvas.line(axis.at(planned), mid, axis.at(actual), mid, GREY, 0.2);
            }
            if let Some(planned) = b.planned {
                mark(canvas, axis.at(planned), if b.overdue { RED } else { "white" }, color);
            }
            if let Some(actual) = b.actual {
                mark(canvas, axis.at(actual), INK, INK);
            }
        }
    }
}
