//! Documents that are lists rather than maps (the merge bill of an import): a title, a block of
//! facts, then sections of tables that continue across pages with their heading and header
//! repeated, and signature lines at the end. Every page carries the traceable footer.

use crate::context::PrintContext;
use crate::document::{Document, Page};
use crate::fonts;
use crate::furniture;
use crate::page_table;
pub use crate::page_table::Column;
use crate::paper::Rect;
use crate::svg::{Anchor, Canvas, TextStyle};
use crate::words::Word;

/// One section: a heading and a table (or, with no rows, the `empty` sentence).
#[derive(Debug, Clone, Default)]
pub struct Section {
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// What to print when there are no rows ("none").
    pub empty: String,
    /// How many leading columns name a group of rows (a project's code and name over its
    /// changed fields): repeated values print once, and again at the top of a new page.
    pub group_columns: usize,
    /// The count the heading shows, when it is not the number of rows (changed projects, not
    /// their fields).
    pub count: Option<usize>,
}

/// A list document.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub title: String,
    pub subtitles: Vec<String>,
    /// Label and value pairs under the title (file, sender, totals).
    pub facts: Vec<(String, String)>,
    pub sections: Vec<Section>,
    /// Charts after the facts, drawn `figure_width` wide: side by side on a sheet across.
    pub figures: Vec<Figure>,
    /// Who signs at the end ("Prepared by", "Approved by"); each gets a name line and a date line.
    pub signatures: Vec<String>,
}

/// A chart of a list document: an SVG drawn `figure_width` wide and `height_mm` high.
#[derive(Debug, Clone, Default)]
pub struct Figure {
    pub svg: String,
    pub height_mm: f64,
}

/// How wide a figure is drawn: half the sheet across (two in a row), else all of it.
pub fn figure_width(ctx: &PrintContext) -> f64 {
    let w = ctx.setup.body().w;
    if w > 200.0 { (w - FIGURE_GAP * ctx.k()) / 2.0 } else { w }
}

const FIGURE_GAP: f64 = 6.0;

fn figures(flow: &mut Flow, figures: &[Figure]) {
    let ctx = flow.ctx;
    let width = figure_width(ctx);
    let per_row = if width < flow.area.w { 2 } else { 1 };
    for row in figures.chunks(per_row) {
        let h = row.iter().map(|f| f.height_mm).fold(0.0, f64::max);
        flow.make_room(h);
        let mut x = flow.area.x;
        for f in row {
            flow.canvas.embed_svg(&f.svg, Rect::new(x, flow.y, width, f.height_mm));
            x += width + FIGURE_GAP * ctx.k();
        }
        flow.y += h + 3.0 * ctx.k();
    }
}

const MAX_LINES: usize = 4;
/// A column heading wraps to as many lines (a narrow column of figures under a long name).
const HEADER_LINES: usize = 4;

/// Pages filled from the top, a new one started when the next block does not fit.
struct Flow<'a> {
    ctx: &'a PrintContext,
    area: Rect,
    done: Vec<Canvas>,
    canvas: Canvas,
    y: f64,
}

impl<'a> Flow<'a> {
    fn new(ctx: &'a PrintContext) -> Self {
        let k = ctx.k();
        let (_, area) = ctx.setup.body().take_bottom(furniture::footer_height(k) + 2.0 * k);
        Flow { ctx, area, done: Vec::new(), canvas: Canvas::new(), y: area.y }
    }

    /// Starts a new page unless `h` millimetres still fit on this one (or the page is empty).
    /// Returns whether a page was started.
    fn make_room(&mut self, h: f64) -> bool {
        if self.y + h <= self.area.bottom() || self.y <= self.area.y {
            return false;
        }
        self.done.push(std::mem::take(&mut self.canvas));
        self.y = self.area.y;
        true
    }

    fn into_pages(mut self) -> Vec<Page> {
        self.done.push(self.canvas);
        let count = self.done.len();
        self.done
            .into_iter()
            .enumerate()
            .map(|(i, canvas)| furniture::footed_page(self.ctx, canvas, i + 1, count))
            .collect()
    }
}

pub(crate) fn font_pt(ctx: &PrintContext) -> f64 {
    7.5 * ctx.k()
}

fn heading_style(ctx: &PrintContext) -> TextStyle {
    TextStyle::new(10.0 * ctx.k()).bold().color("#1f3a5f")
}

fn heading_h(ctx: &PrintContext) -> f64 {
    heading_style(ctx).line_mm() + 1.5 * ctx.k()
}

fn heading(flow: &mut Flow, text: &str) {
    let style = heading_style(flow.ctx);
    let y = flow.y + style.size_pt * fonts::MM_PER_PT;
    let text = fonts::fit(text, style.size_pt, true, flow.area.w);
    flow.canvas.text(flow.area.x, y, &text, style);
    flow.y += heading_h(flow.ctx);
}

/// `columns` fitted to the page for `rows`: a column of figures (kept to the right) as wide as
/// its widest cell or the longest word of its heading, so no figure and no word of a heading is
/// cut; the columns of text share what is left by their relative widths, none narrower than
/// its longest word nor wider than its longest cell on one line; what is still left widens the
/// figures.
pub fn fitted(ctx: &PrintContext, columns: &[Column], rows: &[Vec<String>]) -> Vec<Column> {
    let pt = font_pt(ctx);
    let pad = 2.4 * ctx.k();
    let body = ctx.setup.body().w;
    let longest_word =
        |t: &str, bold: bool| t.split_whitespace().map(|w| fonts::width_mm(w, pt, bold)).fold(0.0, f64::max);
    let cells = |c: usize| rows.iter().filter_map(move |r| r.get(c));
    let widest = |c: usize| cells(c).map(|t| fonts::width_mm(t, pt, false)).fold(0.0, f64::max);
    let figure = |c: &Column| c.anchor == Anchor::End;
    let mut widths: Vec<f64> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| if figure(c) { longest_word(&c.title, true).max(widest(i)) + pad } else { 0.0 })
        .collect();
    let figures: f64 = widths.iter().sum();
    let text_weight: f64 = columns.iter().filter(|c| !figure(c)).map(|c| c.width).sum::<f64>().max(f64::EPSILON);
    let room = (body - figures).max(body * 0.2);
    for (i, c) in columns.iter().enumerate().filter(|(_, c)| !figure(c)) {
        let floor = cells(i).map(|t| longest_word(t, false)).fold(longest_word(&c.title, true), f64::max) + pad;
        let ceiling = widest(i).max(longest_word(&c.title, true)) + pad;
        widths[i] = (room * c.width / text_weight).min(ceiling).max(floor);
    }
    let figure_count = columns.iter().filter(|c| figure(c)).count();
    let left = body - widths.iter().sum::<f64>();
    if left > 0.0 && figure_count > 0 {
        for (w, c) in widths.iter_mut().zip(columns) {
            if figure(c) {
                *w += left / figure_count as f64;
            }
        }
    }
    columns.iter().zip(widths).map(|(c, width)| Column { width, ..c.clone() }).collect()
}

/// The columns scaled from their relative widths to the page's width.
fn scaled(columns: &[Column], width: f64) -> Vec<Column> {
    let total: f64 = columns.iter().map(|c| c.width).sum::<f64>().max(f64::EPSILON);
    columns.iter().map(|c| Column { width: c.width / total * width, ..c.clone() }).collect()
}

fn header_row(flow: &mut Flow, cols: &[Column], cells: &[Vec<String>]) {
    let ctx = flow.ctx;
    let h = page_table::cells_height(ctx, font_pt(ctx), cells);
    let area = flow.area;
    flow.canvas.rect(Rect::new(area.x, flow.y, area.w, h), "#e3e8ee", "none", 0.0);
    page_table::draw_cells(&mut flow.canvas, ctx, area.x, flow.y, cells, cols, TextStyle::new(font_pt(ctx)).bold());
    flow.y += h;
    flow.canvas.line(area.x, flow.y, area.right(), flow.y, "#666666", 0.2);
}

fn section(flow: &mut Flow, s: &Section) {
    let ctx = flow.ctx;
    let k = ctx.k();
    let pt = font_pt(ctx);
    let cols = scaled(&s.columns, flow.area.w);
    let title = format!("{} ({})", s.title, s.count.unwrap_or(s.rows.len()));
    if s.rows.is_empty() {
        let style = TextStyle::new(pt).color("#555555");
        flow.make_room(heading_h(ctx) + style.line_mm() + 3.0 * k);
        heading(flow, &title);
        flow.canvas.text(flow.area.x, flow.y + style.line_mm() * 0.8, &s.empty, style);
        flow.y += style.line_mm() + 4.0 * k;
        return;
    }
    let body = TextStyle::new(pt);
    let titles: Vec<String> = cols.iter().map(|c| c.title.clone()).collect();
    let header = page_table::wrap_cells(&titles, &cols, pt, true, HEADER_LINES);
    let header_h = page_table::cells_height(ctx, pt, &header);
    let mut previous: Option<&Vec<String>> = None;
    for (n, row) in s.rows.iter().enumerate() {
        let first = n == 0;
        let full = page_table::wrap_cells(row, &cols, pt, false, MAX_LINES);
        // Group cells equal to the previous row's print once, and again at the top of a page.
        let same_group = s.group_columns > 0
            && previous.is_some_and(|prev| (0..s.group_columns.min(row.len())).all(|i| prev.get(i) == row.get(i)));
        let mut grouped = full.clone();
        if same_group {
            grouped.iter_mut().take(s.group_columns).for_each(|c| c.clear());
        }
        // A heading never ends a page alone: it goes over with its first row.
        let top = if first { heading_h(ctx) + header_h } else { 0.0 };
        let new_page = flow.make_room(top + page_table::cells_height(ctx, pt, &grouped));
        if first || new_page {
            let continued = format!("{} — {}", title, Word::Continued.text(ctx.lang));
            heading(flow, if first { &title } else { &continued });
            header_row(flow, &cols, &header);
        }
        let shown = if new_page { full } else { grouped };
        let h = page_table::cells_height(ctx, pt, &shown);
        if s.group_columns > 0 && !same_group && !first && !new_page {
            flow.canvas.line(flow.area.x, flow.y, flow.area.right(), flow.y, "#9aa3ad", 0.25);
        }
        if n % 2 == 1 && s.group_columns == 0 {
            flow.canvas.rect(Rect::new(flow.area.x, flow.y, flow.area.w, h), "#f6f7f9", "none", 0.0);
        }
        page_table::draw_cells(&mut flow.canvas, ctx, flow.area.x, flow.y, &shown, &cols, body);
        flow.y += h;
        flow.canvas.line(flow.area.x, flow.y, flow.area.right(), flow.y, "#d0d4da", 0.1);
        previous = Some(row);
    }
    flow.y += 4.0 * k;
}

fn facts(flow: &mut Flow, facts: &[(String, String)]) {
    let ctx = flow.ctx;
    let pt = font_pt(ctx);
    let cols = scaled(&[Column::text("", 0.3), Column::text("", 0.7)], flow.area.w);
    for (label, value) in facts {
        let cells = page_table::wrap_cells(&[label.clone(), value.clone()], &cols, pt, false, MAX_LINES);
        let h = page_table::cells_height(ctx, pt, &cells);
        flow.make_room(h);
        let label_style = TextStyle::new(pt).color("#444444");
        page_table::draw_cells(&mut flow.canvas, ctx, flow.area.x, flow.y, &cells[..1], &cols[..1], label_style.bold());
        let x = flow.area.x + cols[0].width;
        page_table::draw_cells(&mut flow.canvas, ctx, x, flow.y, &cells[1..], &cols[1..], TextStyle::new(pt));
        flow.y += h;
        flow.canvas.line(flow.area.x, flow.y, flow.area.right(), flow.y, "#e0e3e7", 0.1);
    }
    flow.y += 5.0 * ctx.k();
}

/// Lines to sign on: "Prepared by ______ (name, signature)   Date ______".
fn signatures(flow: &mut Flow, who: &[String]) {
    let ctx = flow.ctx;
    let k = ctx.k();
    let lang = ctx.lang;
    let style = TextStyle::new(9.0 * k);
    let small = TextStyle::new(6.0 * k).color("#555555").anchor(Anchor::Middle);
    let row_h = 16.0 * k;
    flow.make_room(row_h * who.len() as f64 + 4.0 * k);
    flow.y += 4.0 * k;
    let area = flow.area;
    let label_w = who.iter().map(|w| fonts::width_mm(w, style.size_pt, true)).fold(30.0 * k, f64::max) + 3.0 * k;
    let date = Word::Date.text(lang);
    let date_w = fonts::width_mm(date, style.size_pt, false) + 3.0 * k;
    let date_line = 35.0 * k;
    let name_end = area.right() - date_line - date_w - 8.0 * k;
    for label in who {
        let base = flow.y + 9.0 * k;
        flow.canvas.text(area.x, base, label, style.bold());
        flow.canvas.line(area.x + label_w, base + 0.8, name_end, base + 0.8, "#1a1a1a", 0.25);
        let caption = Word::NameAndSignature.text(lang);
        flow.canvas.text((area.x + label_w + name_end) / 2.0, base + 0.8 + small.line_mm(), caption, small);
        let date_x = area.right() - date_line - date_w;
        flow.canvas.text(date_x, base, date, style);
        flow.canvas.line(date_x + date_w, base + 0.8, area.right(), base + 0.8, "#1a1a1a", 0.25);
        flow.y += row_h;
    }
}

/// The listing as pages: title and facts on the first, sections flowing over as many pages as
/// they need, signatures at the end.
pub fn listing_document(ctx: &PrintContext, listing: &Listing) -> Document {
    let mut flow = Flow::new(ctx);
    let k = ctx.k();
    let used = furniture::title_block(&mut flow.canvas, flow.area, &listing.title, &listing.subtitles, k);
    flow.y += used + 3.0 * k;
    facts(&mut flow, &listing.facts);
    figures(&mut flow, &listing.figures);
    for s in &listing.sections {
        section(&mut flow, s);
    }
    signatures(&mut flow, &listing.signatures);
    Document { title: listing.title.clone(), subject: crate::map_page::subject(ctx), pages: flow.into_pages() }
}
