//! What surrounds a map on a page: title block, legend, scale bar, north arrow and the footer
//! that traces the page to its data.

use crate::context::PrintContext;
use crate::fonts;
use crate::format;
use crate::paper::Rect;
use crate::projection::Projection;
use crate::svg::{Anchor, Canvas, TextStyle};
use crate::symbology::{AREA_OPACITY, Category, LINE_MM, Shape, Shapes};
use crate::words::Word;

/// Draws the title and the subtitle lines at the top of `area`; returns the height used.
pub fn title_block(canvas: &mut Canvas, area: Rect, title: &str, subtitles: &[String], k: f64) -> f64 {
    let title_style = TextStyle::new(15.0 * k).bold();
    let sub_style = TextStyle::new(8.5 * k).color("#333333");
    let mut y = area.y + title_style.size_pt * fonts::MM_PER_PT;
    for line in fonts::wrap(title, title_style.size_pt, true, area.w, 2) {
        canvas.text(area.x, y, &line, title_style);
        y += title_style.line_mm();
    }
    y -= title_style.line_mm() * 0.2;
    for sub in subtitles {
        for line in fonts::wrap(sub, sub_style.size_pt, false, area.w, 3) {
            canvas.text(area.x, y, &line, sub_style);
            y += sub_style.line_mm();
        }
    }
    y - area.y + 1.0 * k
}

/// The height of the footer band.
pub fn footer_height(k: f64) -> f64 {
    8.0 * k
}

/// Page number, print date, database id and content hash: which data this page was made from.
pub fn footer(canvas: &mut Canvas, ctx: &PrintContext, area: Rect, page: usize, pages: usize) {
    let k = ctx.k();
    let lang = ctx.lang;
    let style = TextStyle::new(6.5 * k).color("#333333");
    let t = &ctx.trace;
    canvas.line(area.x, area.y + 1.0, area.right(), area.y + 1.0, "#999999", 0.2);
    let y1 = area.y + 1.0 + style.line_mm();
    let page_text = format!("{} {page} {} {pages}", Word::Page.text(lang), Word::Of.text(lang));
    canvas.text(area.right(), y1, &page_text, style.anchor(Anchor::End).bold());
    let page_w = fonts::width_mm(&page_text, style.size_pt, true) + 4.0;
    let first = format!(
        "{}: {} · {}: {}",
        Word::Printed.text(lang),
        format::date(t.printed_on, lang),
        Word::Database.text(lang),
        t.database_id
    );
    canvas.text(area.x, y1, &fonts::fit(&first, style.size_pt, false, area.w - page_w), style);
    let second = format!("{}: {}", Word::ContentHash.text(lang), t.content_hash);
    canvas.text(area.x, y1 + style.line_mm(), &fonts::fit(&second, style.size_pt, false, area.w - page_w), style);
}

/// `canvas` as page `page` of `pages`, its footer drawn.
pub fn footed_page(ctx: &PrintContext, mut canvas: Canvas, page: usize, pages: usize) -> crate::document::Page {
    let (footer_area, _) = ctx.setup.body().take_bottom(footer_height(ctx.k()));
    let (width_mm, height_mm) = ctx.setup.size_mm();
    footer(&mut canvas, ctx, footer_area, page, pages);
    crate::document::Page { width_mm, height_mm, body: canvas.into_body() }
}

/// The legend's size for `entries` in `columns` columns of `col_w` millimetres.
pub fn legend_size(entries: usize, columns: usize, col_w: f64, k: f64) -> (f64, f64) {
    let rows = entries.div_ceil(columns.max(1));
    let row_h = TextStyle::new(7.5 * k).line_mm() * 1.15;
    (col_w * columns as f64 + 4.0 * k, (rows as f64 + 1.6) * row_h + 3.0 * k)
}

/// The legend: the symbol of each class with its name and count, and the total.
pub fn legend(
    canvas: &mut Canvas,
    ctx: &PrintContext,
    area: Rect,
    title: &str,
    entries: &[Category],
    columns: usize,
    radius: f64,
) {
    let k = ctx.k();
    let head = TextStyle::new(8.0 * k).bold();
    let style = TextStyle::new(7.5 * k);
    let row_h = style.line_mm() * 1.15;
    canvas.rect(area, "#ffffff", "#666666", 0.2 * k);
    let inner = area.inset(2.0 * k);
    let total: usize = entries.iter().map(|e| e.count).sum();
    let heading = format!("{} · {}: {}", Word::Legend.text(ctx.lang), title, format::integer(total as i64));
    canvas.text(
        inner.x,
        inner.y + head.size_pt * fonts::MM_PER_PT,
        &fonts::fit(&heading, head.size_pt, true, inner.w),
        head,
    );
    let columns = columns.max(1);
    let rows = entries.len().div_ceil(columns);
    let col_w = inner.w / columns as f64;
    // Every entry shows the kinds of symbol its class is drawn with; labels line up after the
    // widest set.
    let slot = 3.4 * k;
    let slots = entries.iter().map(|e| e.shapes.list().len()).max().unwrap_or(1).max(1);
    let icons_w = (slots - 1) as f64 * slot;
    for (i, e) in entries.iter().enumerate() {
        let (col, row) = (i / rows.max(1), i % rows.max(1));
        let x = inner.x + col as f64 * col_w;
        let y = inner.y + (row as f64 + 1.5) * row_h;
        let cy = y - row_h * 0.3;
        let shapes = if e.shapes.list().is_empty() { Shapes::POINT } else { e.shapes };
        for (n, shape) in shapes.list().into_iter().enumerate() {
            let cx = x + 1.6 * k + n as f64 * slot;
            match shape {
                Shape::Point => canvas.circle(cx, cy, radius.max(1.0 * k), e.colour, "#ffffff", 0.1),
                Shape::Line => {
                    let run =
                        vec![(cx - 1.4 * k, cy + 0.6 * k), (cx - 0.3 * k, cy - 0.5 * k), (cx + 1.4 * k, cy + 0.2 * k)];
                    canvas.polylines(&[run], e.colour, LINE_MM * k);
                }
                Shape::Area => {
                    let (w, h) = (2.8 * k, 2.2 * k);
                    let ring = vec![
                        (cx - w / 2.0, cy - h / 2.0),
                        (cx + w / 2.0, cy - h / 2.0),
                        (cx + w / 2.0, cy + h / 2.0),
                        (cx - w / 2.0, cy + h / 2.0),
                    ];
                    canvas.area(&[ring], e.colour, AREA_OPACITY, e.colour, 0.35 * k);
                }
            }
        }
        let count = format::integer(e.count as i64);
        let count_w = fonts::width_mm(&count, style.size_pt, false);
        canvas.text(x + col_w - 1.5 * k, y, &count, style.anchor(Anchor::End));
        let label = fonts::fit(&e.label, style.size_pt, false, col_w - 5.0 * k - icons_w - count_w - 2.0 * k);
        canvas.text(x + 3.8 * k + icons_w, y, &label, style);
    }
}

/// A length of 1, 2 or 5 times a power of ten kilometres, near `target_km`.
pub fn nice_km(target_km: f64) -> f64 {
    let power = 10f64.powf(target_km.max(0.001).log10().floor());
    [5.0, 2.0, 1.0].into_iter().map(|m| m * power).find(|v| *v <= target_km).unwrap_or(power)
}

/// The scale denominator rounded to two significant figures: 1 : 7 500 000.
fn nice_denominator(metres_per_mm: f64) -> i64 {
    let d = metres_per_mm * 1000.0;
    let power = 10f64.powf(d.log10().floor() - 1.0);
    ((d / power).round() * power) as i64
}

/// The size of the scale-bar box for a frame of width `frame_w`.
pub fn scale_bar_size(k: f64, frame_w: f64) -> (f64, f64) {
    ((frame_w * 0.3).max(45.0 * k).min(frame_w - 4.0), 13.0 * k)
}

/// A true scale bar: its length in kilometres is measured in the projection at its standard
/// parallel. Drawn at the bottom-left of `area`.
pub fn scale_bar(canvas: &mut Canvas, ctx: &PrintContext, area: Rect, projection: &Projection) {
    let k = ctx.k();
    let lang = ctx.lang;
    canvas.rect(area, "#ffffff", "#999999", 0.15);
    let inner = area.inset(1.5 * k);
    let km = nice_km(inner.w * 0.75 * projection.metres_per_mm() / 1000.0);
    let bar_mm = km * 1000.0 / projection.metres_per_mm();
    let style = TextStyle::new(6.0 * k);
    let bar_y = inner.y + style.line_mm() + 0.3;
    let bar_h = 1.2 * k;
    for i in 0..4 {
        let seg = bar_mm / 4.0;
        let fill = if i % 2 == 0 { "#1a1a1a" } else { "#ffffff" };
        canvas.rect(Rect::new(inner.x + seg * i as f64, bar_y, seg, bar_h), fill, "#1a1a1a", 0.15);
    }
    let km_text = |v: f64| if v >= 1.0 { format::integer(v.round() as i64) } else { format::decimal(v, 1, lang) };
    canvas.text(inner.x, bar_y - 0.6, "0", style.anchor(Anchor::Middle));
    canvas.text(inner.x + bar_mm / 2.0, bar_y - 0.6, &km_text(km / 2.0), style.anchor(Anchor::Middle));
    canvas.text(
        inner.x + bar_mm,
        bar_y - 0.6,
        &format!("{} {}", km_text(km), Word::Km.text(lang)),
        style.anchor(Anchor::Middle),
    );
    let note = format!(
        "{} 1 : {} · {} {}° · {}",
        Word::Scale.text(lang),
        format::integer(nice_denominator(projection.metres_per_mm())),
        Word::ScaleNote.text(lang),
        format::decimal(projection.standard_parallel(), 1, lang),
        Word::Projection.text(lang)
    );
    let small = TextStyle::new(5.0 * k).color("#333333");
    let lines = fonts::wrap(&note, small.size_pt, false, inner.w, 2);
    let mut y = bar_y + bar_h + small.line_mm();
    for line in lines {
        canvas.text(inner.x, y, &line, small);
        y += small.line_mm();
    }
}

/// A north arrow at the centre-top of `area`. North is straight up in this projection.
pub fn north_arrow(canvas: &mut Canvas, ctx: &PrintContext, area: Rect) {
    let k = ctx.k();
    let cx = area.x + area.w / 2.0;
    let top = area.y + 1.0;
    let h = area.h * 0.62;
    let w = area.w * 0.32;
    canvas.raw(&format!(
        "<path d=\"M{cx:.2} {top:.2}L{:.2} {:.2}L{cx:.2} {:.2}Z\" fill=\"#1a1a1a\"/><path d=\"M{cx:.2} {top:.2}L{:.2} {:.2}L{cx:.2} {:.2}Z\" fill=\"#ffffff\" stroke=\"#1a1a1a\" stroke-width=\"0.2\"/>",
        cx - w,
        top + h,
        top + h * 0.75,
        cx + w,
        top + h,
        top + h * 0.75,
    ));
    let style = TextStyle::new(8.0 * k).bold().anchor(Anchor::Middle);
    canvas.halo_text(cx, area.bottom() - 0.5, Word::North.text(ctx.lang), style);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_bar_lengths_are_round() {
        assert_eq!(nice_km(340.0), 200.0);
        assert_eq!(nice_km(560.0), 500.0);
        assert_eq!(nice_km(99.0), 50.0);
        assert_eq!(nice_km(1.0), 1.0);
        assert_eq!(nice_denominator(7_512.3), 7_500_000);
    }
}
