//! The table of projects that continues across pages: the header repeats on every page, long
//! names wrap to two lines, and the last page ends with the totals.

use crate::context::PrintContext;
use crate::fonts;
use crate::format;
use crate::furniture;
use crate::i18n::Word;
use crate::paper::Rect;
use crate::svg::{Anchor, Canvas, TextStyle};
use indmap_core::filter::commissioning_year;
use indmap_core::{Money, Project};

/// Column widths on a 190 mm wide A4 portrait body; other sheets scale them.
const WIDTHS: [f64; 7] = [17.0, 62.0, 36.0, 20.0, 14.0, 11.0, 30.0];
const MAX_LINES: usize = 2;

fn font_pt(ctx: &PrintContext) -> f64 {
    7.0 * ctx.k()
}

fn line_h(ctx: &PrintContext) -> f64 {
    TextStyle::new(font_pt(ctx)).line_mm()
}

fn header_h(ctx: &PrintContext) -> f64 {
    line_h(ctx) * 2.0 + 2.0 * ctx.k()
}

fn columns(ctx: &PrintContext, width: f64) -> Vec<(String, f64, Anchor)> {
    let lang = ctx.lang;
    let scale = width / WIDTHS.iter().sum::<f64>();
    let titles = [
        (Word::Code.text(lang).to_string(), Anchor::Start),
        (Word::Name.text(lang).to_string(), Anchor::Start),
        (Word::Initiator.text(lang).to_string(), Anchor::Start),
        (format!("{}, {}", Word::Cost.text(lang), Word::MlnKzt.text(lang)), Anchor::End),
        (Word::JobsShort.text(lang).to_string(), Anchor::End),
        (Word::Year.text(lang).to_string(), Anchor::End),
        (Word::Status.text(lang).to_string(), Anchor::Start),
    ];
    titles.into_iter().zip(WIDTHS).map(|((t, a), w)| (t, w * scale, a)).collect()
}

/// The text of each cell of a project's row, wrapped to its column.
fn cells(ctx: &PrintContext, p: &Project, cols: &[(String, f64, Anchor)]) -> Vec<Vec<String>> {
    let lang = ctx.lang;
    let pt = font_pt(ctx);
    let texts = [
        p.code.as_ref().map(|c| c.to_string()).unwrap_or_default(),
        p.name(lang.code()).to_string(),
        p.initiator.clone().unwrap_or_default(),
        p.cost.map(|c| format::mln_number(c, lang)).unwrap_or_default(),
        p.jobs_permanent.map(|j| format::integer(i64::from(j))).unwrap_or_default(),
        commissioning_year(p).map(|y| y.to_string()).unwrap_or_default(),
        lang.pick(&p.status.label()),
    ];
    texts.iter().zip(cols).map(|(t, (_, w, _))| fonts::wrap(t, pt, false, w - 1.6, MAX_LINES)).collect()
}

fn row_h(ctx: &PrintContext, cells: &[Vec<String>]) -> f64 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    lines as f64 * line_h(ctx) + 1.2 * ctx.k()
}

/// How the rows split into pages: the row ranges of each page, given the table's height on
/// each page (the first page may have less room).
pub fn paginate(ctx: &PrintContext, projects: &[&Project], first_h: f64, other_h: f64) -> Vec<std::ops::Range<usize>> {
    let cols = columns(ctx, ctx.setup.body().w);
    let totals_h = line_h(ctx) + 2.0 * ctx.k();
    let mut pages = Vec::new();
    let mut start = 0;
    let mut used = header_h(ctx);
    let mut room = first_h;
    for (i, p) in projects.iter().enumerate() {
        let h = row_h(ctx, &cells(ctx, p, &cols));
        let last = i + 1 == projects.len();
        if used + h + if last { totals_h } else { 0.0 } > room && i > start {
            pages.push(start..i);
            start = i;
            used = header_h(ctx);
            room = other_h;
        }
        used += h;
    }
    pages.push(start..projects.len());
    pages
}

/// Draws rows `rows` of the table in `area`; the totals follow when `with_totals`.
pub fn draw(
    canvas: &mut Canvas,
    ctx: &PrintContext,
    area: Rect,
    all: &[&Project],
    rows: std::ops::Range<usize>,
    with_totals: bool,
) {
    let k = ctx.k();
    let cols = columns(ctx, area.w);
    let pt = font_pt(ctx);
    let lh = line_h(ctx);
    let head = TextStyle::new(pt).bold();
    let body = TextStyle::new(pt);
    let hh = header_h(ctx);
    canvas.rect(Rect::new(area.x, area.y, area.w, hh), "#e3e8ee", "none", 0.0);
    let text_x = |x: f64, w: f64, a: Anchor| match a {
        Anchor::End => x + w - 0.8,
        _ => x + 0.8,
    };
    let mut x = area.x;
    for (title, w, a) in &cols {
        let lines = fonts::wrap(title, pt, true, w - 1.6, 2);
        let mut y = area.y + 1.0 * k + lh * 0.8;
        for line in lines {
            canvas.text(text_x(x, *w, *a), y, &line, head.anchor(*a));
            y += lh;
        }
        x += w;
    }
    let mut y = area.y + hh;
    for (n, p) in all[rows.clone()].iter().enumerate() {
        let cells = cells(ctx, p, &cols);
        let h = row_h(ctx, &cells);
        if n % 2 == 1 {
            canvas.rect(Rect::new(area.x, y, area.w, h), "#f6f7f9", "none", 0.0);
        }
        let mut x = area.x;
        for (lines, (_, w, a)) in cells.iter().zip(&cols) {
            let mut ty = y + 0.6 * k + lh * 0.8;
            for line in lines {
                canvas.text(text_x(x, *w, *a), ty, line, body.anchor(*a));
                ty += lh;
            }
            x += w;
        }
        y += h;
        canvas.line(area.x, y, area.right(), y, "#d0d4da", 0.1);
    }
    if with_totals {
        let cost: Money = all.iter().filter_map(|p| p.cost).sum();
        let jobs: i64 = all.iter().filter_map(|p| p.jobs_permanent).map(i64::from).sum();
        let h = lh + 2.0 * k;
        canvas.rect(Rect::new(area.x, y, area.w, h), "#e3e8ee", "none", 0.0);
        let ty = y + 1.0 * k + lh * 0.8;
        let total = format!("{}: {} ", Word::Total.text(ctx.lang), format::integer(all.len() as i64));
        canvas.text(area.x + 0.8, ty, &total, head);
        let cost_x: f64 = area.x + cols[..4].iter().map(|c| c.1).sum::<f64>();
        canvas.text(cost_x - 0.8, ty, &format::mln_number(cost, ctx.lang), head.anchor(Anchor::End));
        canvas.text(cost_x + cols[4].1 - 0.8, ty, &format::integer(jobs), head.anchor(Anchor::End));
    }
    canvas.line(area.x, area.y, area.right(), area.y, "#666666", 0.2);
}

/// The pages of a table with a title above it on each page.
pub struct TablePages<'a> {
    pub title: String,
    pub projects: Vec<&'a Project>,
    pub ranges: Vec<std::ops::Range<usize>>,
}

impl<'a> TablePages<'a> {
    pub fn new(ctx: &PrintContext, title: String, projects: Vec<&'a Project>) -> Self {
        let room = Self::room(ctx);
        let ranges = paginate(ctx, &projects, room, room);
        TablePages { title, projects, ranges }
    }

    fn room(ctx: &PrintContext) -> f64 {
        let k = ctx.k();
        ctx.setup.body().h - furniture::footer_height(k) - 14.0 * k
    }

    pub fn page_count(&self) -> usize {
        self.ranges.len()
    }

    /// Page `i` of the table, numbered `page` of `pages` in the document.
    pub fn page(&self, ctx: &PrintContext, i: usize, page: usize, pages: usize) -> crate::document::Page {
        let k = ctx.k();
        let mut canvas = Canvas::new();
        let body = ctx.setup.body();
        let (footer_area, rest) = body.take_bottom(furniture::footer_height(k));
        let title =
            if i == 0 { self.title.clone() } else { format!("{} ({})", self.title, Word::Continued.text(ctx.lang)) };
        let style = TextStyle::new(12.0 * k).bold();
        canvas.text(
            rest.x,
            rest.y + 12.0 * k * fonts::MM_PER_PT,
            &fonts::fit(&title, style.size_pt, true, rest.w),
            style,
        );
        let (_, table_area) = rest.take_top(9.0 * k);
        let last = i + 1 == self.ranges.len();
        draw(&mut canvas, ctx, table_area, &self.projects, self.ranges[i].clone(), last);
        furniture::footer(&mut canvas, ctx, footer_area, page, pages);
        let (width_mm, height_mm) = ctx.setup.size_mm();
        crate::document::Page { width_mm, height_mm, body: canvas.into_body() }
    }
}
