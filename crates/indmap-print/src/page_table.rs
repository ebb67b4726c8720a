//! Tables drawn on a page: the cells every printed table is made of, and the table of projects
//! that continues across the atlas's pages: the header repeats on every page, long names wrap to two lines, and
//! the last page ends with the totals.

use crate::context::PrintContext;
use crate::fonts;
use crate::format;
use crate::furniture;
use crate::paper::Rect;
use crate::svg::{Anchor, Canvas, TextStyle};
use crate::words::Word;
use indmap_core::filter::commissioning_year;
use indmap_core::{Money, Project};

/// A column of a printed table: its title, its width (millimetres, or relative where the table
/// scales them) and the side its text keeps to.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    pub width: f64,
    pub anchor: Anchor,
}

impl Column {
    /// A column of text, kept to the left.
    pub fn text(title: &str, width: f64) -> Column {
        Column { title: title.to_owned(), width, anchor: Anchor::Start }
    }

    /// A column of numbers, kept to the right.
    pub fn number(title: &str, width: f64) -> Column {
        Column { title: title.to_owned(), width, anchor: Anchor::End }
    }
}

/// Each cell's text broken into lines that fit its column.
pub fn wrap_cells(texts: &[String], cols: &[Column], pt: f64, bold: bool, max_lines: usize) -> Vec<Vec<String>> {
    texts.iter().zip(cols).map(|(t, c)| fonts::wrap(t, pt, bold, c.width - 1.6, max_lines)).collect()
}

/// The height of a row of wrapped cells set at `pt`.
pub fn cells_height(ctx: &PrintContext, pt: f64, cells: &[Vec<String>]) -> f64 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    lines as f64 * TextStyle::new(pt).line_mm() + 1.2 * ctx.k()
}

/// Draws a row of wrapped cells whose top is at `y`, starting at `x`.
pub fn draw_cells(
    canvas: &mut Canvas,
    ctx: &PrintContext,
    x: f64,
    y: f64,
    cells: &[Vec<String>],
    cols: &[Column],
    style: TextStyle,
) {
    let lh = style.line_mm();
    let mut x = x;
    for (lines, c) in cells.iter().zip(cols) {
        let tx = if c.anchor == Anchor::End { x + c.width - 0.8 } else { x + 0.8 };
        let mut ty = y + 0.6 * ctx.k() + lh * 0.8;
        for line in lines {
            canvas.text(tx, ty, line, style.anchor(c.anchor));
            ty += lh;
        }
        x += c.width;
    }
}

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

fn columns(ctx: &PrintContext, width: f64) -> Vec<Column> {
    let lang = ctx.lang;
    let scale = width / WIDTHS.iter().sum::<f64>();
    let titles = [
        Column::text(Word::Code.text(lang), 0.0),
        Column::text(Word::Name.text(lang), 0.0),
        Column::text(Word::Initiator.text(lang), 0.0),
        Column::number(&format!("{}, {}", Word::Cost.text(lang), Word::MlnKzt.text(lang)), 0.0),
        Column::number(Word::JobsShort.text(lang), 0.0),
        Column::number(Word::Year.text(lang), 0.0),
        Column::text(Word::Status.text(lang), 0.0),
    ];
    titles.into_iter().zip(WIDTHS).map(|(c, w)| Column { width: w * scale, ..c }).collect()
}

/// The text of each cell of a project's row, wrapped to its column.
fn cells(ctx: &PrintContext, p: &Project, cols: &[Column]) -> Vec<Vec<String>> {
    let lang = ctx.lang;
    let texts = [
        p.code.as_ref().map(|c| c.to_string()).unwrap_or_default(),
        p.name(lang.code()).to_string(),
        p.initiator.clone().unwrap_or_default(),
        p.cost.map(|c| format::mln_number(c, lang)).unwrap_or_default(),
        p.jobs_permanent.map(|j| format::integer(i64::from(j))).unwrap_or_default(),
        commissioning_year(p).map(|y| y.to_string()).unwrap_or_default(),
        lang.pick(&p.status.label()),
    ];
    wrap_cells(&texts, cols, font_pt(ctx), false, MAX_LINES)
}

fn row_h(ctx: &PrintContext, cells: &[Vec<String>]) -> f64 {
    cells_height(ctx, font_pt(ctx), cells)
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
    let titles: Vec<String> = cols.iter().map(|c| c.title.clone()).collect();
    draw_cells(canvas, ctx, area.x, area.y + 0.4 * k, &wrap_cells(&titles, &cols, pt, true, 2), &cols, head);
    let mut y = area.y + hh;
    for (n, p) in all[rows.clone()].iter().enumerate() {
        let cells = cells(ctx, p, &cols);
        let h = row_h(ctx, &cells);
        if n % 2 == 1 {
            canvas.rect(Rect::new(area.x, y, area.w, h), "#f6f7f9", "none", 0.0);
        }
        draw_cells(canvas, ctx, area.x, y, &cells, &cols, body);
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
        let cost_x: f64 = area.x + cols[..4].iter().map(|c| c.width).sum::<f64>();
        canvas.text(cost_x - 0.8, ty, &format::mln_number(cost, ctx.lang), head.anchor(Anchor::End));
        canvas.text(cost_x + cols[4].width - 0.8, ty, &format::integer(jobs), head.anchor(Anchor::End));
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
