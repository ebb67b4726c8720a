//! A map page: title block, the map of Kazakhstan or of one region with its furniture (locator
//! inset, scale bar, north arrow), the legend with counts, and the traceable footer.

use crate::charts::{self, ChartKind, ChartSize};
use crate::context::PrintContext;
use crate::document::{Document, Page};
use crate::format;
use crate::furniture;
use crate::mapframe::{self, MapContent};
use crate::paper::{Paper, Rect};
use crate::projection::{EARTH_RADIUS_M, Projection};
use crate::svg::{Anchor, Canvas, TextStyle};
use crate::symbology::{SymbolBy, Symbology};
use crate::words::Word;
use indmap_core::{Money, Project, RegionCode};
use plotters::style::RGBColor;

/// What a map page shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct MapOptions {
    /// One region, or the whole country.
    pub region: Option<RegionCode>,
    pub by: SymbolBy,
}

/// The name of what is printed: the region, or Kazakhstan.
pub fn scope_name(ctx: &PrintContext, region: Option<RegionCode>) -> String {
    match region {
        Some(code) => {
            let r = code.region();
            ctx.lang.of(r.name_kk, r.name_ru, r.name_en).to_string()
        }
        None => Word::Kazakhstan.text(ctx.lang).to_string(),
    }
}

/// "Projects: 123 · Total cost: 1 234,5 млрд ₸ · Jobs: 4 560".
pub fn totals_line(ctx: &PrintContext, projects: &[&Project]) -> String {
    let cost: Money = projects.iter().filter_map(|p| p.cost).sum();
    let jobs: i64 = projects.iter().filter_map(|p| p.jobs_permanent).map(i64::from).sum();
    let lang = ctx.lang;
    format!(
        "{}: {} · {}: {} · {}: {}",
        Word::Projects.text(lang),
        format::integer(projects.len() as i64),
        Word::TotalCost.text(lang),
        format::money(cost, lang),
        Word::Jobs.text(lang),
        format::integer(jobs)
    )
}

/// A one-page document with the map.
pub fn map_document(ctx: &PrintContext, projects: &[Project], options: MapOptions) -> Document {
    let chosen: Vec<&Project> = projects.iter().filter(|p| options.region.is_none_or(|r| r == p.region)).collect();
    let title = format!("{} — {}", Word::MapTitle.text(ctx.lang), scope_name(ctx, options.region));
    let page = map_page(ctx, &chosen, options, &title, 1, 1);
    Document { title, subject: subject(ctx), pages: vec![page] }
}

/// What the PDF's properties say about the data.
pub fn subject(ctx: &PrintContext) -> String {
    format!(
        "{}: {} · {}: {}",
        Word::Database.text(ctx.lang),
        ctx.trace.database_id,
        Word::ContentHash.text(ctx.lang),
        ctx.trace.content_hash
    )
}

/// The width:height ratio of a region's (or the country's) map in the projection.
fn aspect(region: Option<RegionCode>) -> f64 {
    let e = mapframe::extent(region).padded(0.03);
    let lat0 = ((e.south + e.north) / 2.0).to_radians();
    let w = (e.east - e.west).to_radians() * lat0.cos() * EARTH_RADIUS_M;
    let h = (e.north - e.south).to_radians() * EARTH_RADIUS_M;
    (w / h).clamp(0.3, 4.0)
}

/// One map page of `projects` (already chosen), numbered `page` of `pages`.
pub fn map_page(
    ctx: &PrintContext,
    projects: &[&Project],
    options: MapOptions,
    title: &str,
    page: usize,
    pages: usize,
) -> Page {
    let k = ctx.k();
    let lang = ctx.lang;
    let setup = ctx.setup;
    let mut canvas = Canvas::new();
    let body = setup.body();
    let (footer_area, rest) = body.take_bottom(furniture::footer_height(k));
    // The level is part of the filters when one was chosen; otherwise say the page shows both.
    let level = match ctx.level {
        Some(_) => String::new(),
        None => format!("{}: {} · ", Word::Level.text(lang), Word::AllLevels.text(lang)),
    };
    let level_scope = format!("{level}{}", ctx.filters_as_of());
    let lines: Vec<String> = ctx.approved_line().into_iter().chain([level_scope, totals_line(ctx, projects)]).collect();
    let used = furniture::title_block(&mut canvas, rest, title, &lines, k);
    let (_, rest) = rest.take_top(used + 1.5 * k);

    let symbology = Symbology::new(options.by, &ctx.sectors, lang);
    let mut entries = symbology.legend(projects.iter().copied());
    let columns = match (setup.landscape, setup.paper) {
        (true, _) => 4,
        (false, Paper::A3) => 3,
        (false, Paper::A4) => 2,
    };
    let (_, legend_h) = furniture::legend_size(entries.len().max(1), columns, 1.0, k);
    let available = Rect::new(rest.x, rest.y, rest.w, rest.h - legend_h - 2.0 * k);
    let frame_h = (available.w / aspect(options.region)).min(available.h);
    let frame = Rect::new(available.x, available.y, available.w, frame_h);
    let legend_area = Rect::new(rest.x, frame.bottom() + 2.0 * k, rest.w, legend_h);

    // Furniture inside the frame: the scale bar bottom-left, the locator inset and the north
    // arrow in the corners the map leaves emptiest.
    let (sb_w, sb_h) = furniture::scale_bar_size(k, frame.w);
    let scale_area = Rect::new(frame.x + 1.5 * k, frame.bottom() - sb_h - 1.5 * k, sb_w, sb_h);
    let projection = Projection::fit(mapframe::extent(options.region).padded(0.03), frame.inset(1.0));
    let inset_w = (frame.w * 0.24).min(70.0 * k);
    let inset_h = inset_w / aspect(None);
    let arrow = (8.0 * k, 12.0 * k);
    let pad = 1.5 * k;
    let corners = |w: f64, h: f64| {
        [
            Rect::new(frame.right() - w - pad, frame.y + pad, w, h),
            Rect::new(frame.x + pad, frame.y + pad, w, h),
            Rect::new(frame.right() - w - pad, frame.bottom() - h - pad, w, h),
        ]
    };
    let crowd = |r: &Rect| {
        let points = projects.iter().filter_map(|p| mapframe::anchor(p)).map(|(lon, lat)| projection.to_page(lon, lat));
        points.filter(|(x, y)| *x >= r.x && *x <= r.right() && *y >= r.y && *y <= r.bottom()).count()
    };
    let mut reserved = vec![scale_area];
    let inset = options.region.map(|_| {
        let best = corners(inset_w, inset_h).into_iter().min_by_key(|r| crowd(r)).unwrap_or(frame);
        reserved.push(best);
        best
    });
    let arrow_area =
        corners(arrow.0, arrow.1).into_iter().take(2).find(|r| inset.is_none_or(|i| !i.intersects(r))).unwrap_or_else(
            || Rect::new(frame.right() - arrow.0 - pad, frame.y + inset_h + 2.0 * pad, arrow.0, arrow.1),
        );
    reserved.push(arrow_area);
    // An empty map says so in the middle, in a box that region names keep out of.
    let empty_style = TextStyle::new(12.0 * k).bold().anchor(Anchor::Middle).color("#555555");
    let empty_box = projects.is_empty().then(|| {
        let w = crate::fonts::width_mm(Word::NoProjects.text(lang), empty_style.size_pt, true) + 8.0 * k;
        let h = empty_style.line_mm() + 4.0 * k;
        let r = Rect::new(frame.x + (frame.w - w) / 2.0, frame.y + (frame.h - h) / 2.0, w, h);
        reserved.push(r);
        r
    });

    let content = MapContent {
        projects,
        region: options.region,
        symbology: &symbology,
        lang,
        k,
        max_labels: match (setup.paper, options.region.is_some()) {
            (Paper::A4, false) => 30,
            (Paper::A3, false) => 60,
            (Paper::A4, true) => 40,
            (Paper::A3, true) => 80,
        },
        region_names: true,
    };
    let drawn = mapframe::draw(&mut canvas, frame, &content, &reserved, &format!("map{page}"));
    furniture::scale_bar(&mut canvas, ctx, scale_area, &drawn.projection);
    if let (Some(inset), Some(region)) = (inset, options.region) {
        mapframe::locator(&mut canvas, inset, region, k);
    }
    furniture::north_arrow(&mut canvas, ctx, arrow_area);

    if let Some(r) = empty_box {
        canvas.rect(r, "#ffffff", "#999999", 0.2 * k);
        let baseline = r.y + r.h / 2.0 + empty_style.size_pt * crate::fonts::MM_PER_PT * 0.35;
        canvas.text(r.x + r.w / 2.0, baseline, Word::NoProjects.text(lang), empty_style);
    }
    for e in entries.iter_mut() {
        e.shapes = drawn.shapes.get(&e.class).copied().unwrap_or(e.shapes);
    }
    let radius = mapframe::symbol_radius(projects.len(), k);
    furniture::legend(&mut canvas, ctx, legend_area, symbology.title(), &entries, columns, radius);
    let mut notes = Vec::new();
    if drawn.labels_omitted > 0 {
        notes.push(format!("{} {}", format::integer(drawn.labels_omitted as i64), Word::LabelsOmitted.text(lang)));
    }
    if drawn.unlocated > 0 {
        notes.push(format!("{}: {} {}", Word::Projects.text(lang), drawn.unlocated, Word::WithoutLocation.text(lang)));
    }
    if !notes.is_empty() {
        let style = TextStyle::new(6.0 * k).color("#555555").anchor(Anchor::End);
        canvas.text(legend_area.right() - 2.0 * k, legend_area.bottom() - 1.5 * k, &notes.join(" · "), style);
    }
    // A portrait sheet has room under the legend: a chart of the same projects fills it.
    let leftover =
        Rect::new(rest.x, legend_area.bottom() + 4.0 * k, rest.w, footer_area.y - legend_area.bottom() - 6.0 * k);
    if leftover.h > 45.0 * k && !projects.is_empty() {
        crate::fonts::register_with_plotters();
        let kind = if options.region.is_some() { ChartKind::ProjectsBySector } else { ChartKind::InvestmentByRegion };
        let (bars, unit) = charts::summary_bars(ctx, kind, projects);
        let h = leftover.h.min((22.0 + 6.0 * bars.len() as f64) * k);
        let size = ChartSize { w_mm: leftover.w, h_mm: h };
        let svg = charts::bar_chart(ctx, kind.title().text(lang), &unit, &bars, size, RGBColor(21, 101, 192));
        canvas.embed_svg(&svg, Rect::new(leftover.x, leftover.y, size.w_mm, size.h_mm));
    }
    furniture::footer(&mut canvas, ctx, footer_area, page, pages);
    let (width_mm, height_mm) = setup.size_mm();
    Page { width_mm, height_mm, body: canvas.into_body() }
}
