//! The map itself, drawn into a frame: region outlines, project symbols and their labels.

use crate::fonts;
use crate::lang::Lang;
use crate::map_labels::{self, Occupied};
use crate::paper::Rect;
use crate::projection::{Extent, Projection};
use crate::svg::{Canvas, TextStyle};
use crate::symbology::{AREA_OPACITY, LINE_MM, Shape, Shapes, Symbology};
use geo::{Area, Geometry, InteriorPoint, LineString, Polygon, Simplify};
use indmap_core::geography::boundaries;
use indmap_core::reference::REGIONS;
use indmap_core::{Project, RegionCode};
use std::collections::BTreeMap;

/// What a drawn map tells the furniture around it.
pub struct DrawnMap {
    pub projection: Projection,
    pub labels_omitted: usize,
    /// Projects with no location, which cannot be drawn.
    pub unlocated: usize,
    /// The kinds of symbol each colour class was drawn with, for the legend.
    pub shapes: BTreeMap<usize, Shapes>,
}

/// What to draw.
pub struct MapContent<'a> {
    pub projects: &'a [&'a Project],
    /// One region, or the whole country.
    pub region: Option<RegionCode>,
    pub symbology: &'a Symbology,
    pub lang: Lang,
    /// Text and symbol size factor (A3 is larger).
    pub k: f64,
    /// How many project labels at most; the largest projects by cost are labelled first.
    pub max_labels: usize,
    /// Whether to name the regions (the national map does; a passport's small map does not).
    pub region_names: bool,
}

pub fn extent(region: Option<RegionCode>) -> Extent {
    let b = boundaries();
    let of = |kato: &str| b.bounding_rect(kato).map(Extent::of);
    match region {
        Some(code) => of(code.as_str()).unwrap_or(Extent { west: 46.0, south: 40.5, east: 87.5, north: 55.5 }),
        None => REGIONS.iter().filter_map(|r| of(r.kato)).reduce(Extent::union).unwrap_or(Extent {
            west: 46.0,
            south: 40.5,
            east: 87.5,
            north: 55.5,
        }),
    }
}

/// An outline's vertices closer than this to the line through their neighbours are left out:
/// 0.05 mm is finer than a printer or an eye resolves, and on a region's page it drops about two
/// thirds of the points (a smaller PDF that draws faster).
const OUTLINE_TOLERANCE_MM: f64 = 0.05;

/// A region's outline as page rings, simplified to what the page can show.
fn region_rings(kato: &str, projection: &Projection) -> Vec<Vec<(f64, f64)>> {
    let Some(shape) = boundaries().shape(kato) else { return Vec::new() };
    let mut rings = Vec::new();
    for polygon in &shape.0 {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            let on_page: Vec<(f64, f64)> = ring.0.iter().map(|c| projection.to_page(c.x, c.y)).collect();
            let simplified = LineString::from(on_page).simplify(OUTLINE_TOLERANCE_MM);
            rings.push(simplified.0.iter().map(|c| (c.x, c.y)).collect());
        }
    }
    rings
}

/// Where a region's name goes: inside its largest polygon.
fn region_anchor(kato: &str) -> Option<(f64, f64)> {
    let shape = boundaries().shape(kato)?;
    let largest = shape.0.iter().max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))?;
    let p = largest.interior_point()?;
    Some((p.x(), p.y()))
}

/// Where a project's symbol or label goes: on its point, inside its area, or halfway along its
/// line (the longest part of a multi-line).
pub fn anchor(p: &Project) -> Option<(f64, f64)> {
    let location = p.location.as_ref()?;
    if let Some(lines) = line_parts(location) {
        let runs: Vec<Vec<(f64, f64)>> = lines.iter().map(|l| l.0.iter().map(|c| (c.x, c.y)).collect()).collect();
        return longest(&runs).and_then(|run| halfway(run));
    }
    let point = location.interior_point()?;
    Some((point.x(), point.y()))
}

fn line_parts(g: &Geometry<f64>) -> Option<Vec<&LineString<f64>>> {
    match g {
        Geometry::LineString(l) => Some(vec![l]),
        Geometry::MultiLineString(m) => Some(m.0.iter().collect()),
        _ => None,
    }
}

fn polygon_parts(g: &Geometry<f64>) -> Option<Vec<&Polygon<f64>>> {
    match g {
        Geometry::Polygon(p) => Some(vec![p]),
        Geometry::MultiPolygon(m) => Some(m.0.iter().collect()),
        _ => None,
    }
}

fn run_length(run: &[(f64, f64)]) -> f64 {
    run.windows(2).map(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1)).sum()
}

fn longest(runs: &[Vec<(f64, f64)>]) -> Option<&Vec<(f64, f64)>> {
    runs.iter().max_by(|a, b| run_length(a).total_cmp(&run_length(b)))
}

/// The point halfway along a run of points.
fn halfway(run: &[(f64, f64)]) -> Option<(f64, f64)> {
    let mut left = run_length(run) / 2.0;
    for w in run.windows(2) {
        let len = (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1);
        if left <= len && len > 0.0 {
            let t = left / len;
            return Some((w[0].0 + t * (w[1].0 - w[0].0), w[0].1 + t * (w[1].1 - w[0].1)));
        }
        left -= len;
    }
    run.first().copied()
}

fn bounds_of(points: &[(f64, f64)]) -> Rect {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (x, y) in points {
        (x0, y0, x1, y1) = (x0.min(*x), y0.min(*y), x1.max(*x), y1.max(*y));
    }
    Rect::new(x0, y0, x1 - x0, y1 - y0)
}

/// A project as it is drawn on this page.
struct Located<'a> {
    project: &'a Project,
    shape: Shape,
    /// Where its point symbol or its label goes.
    anchor: (f64, f64),
    /// The page points of its lines or area rings.
    runs: Vec<Vec<(f64, f64)>>,
    bounds: Rect,
}

/// How a project is drawn at this projection: lines and areas as what they are, unless they are
/// smaller than `min_mm` on paper, when a point symbol shows them better than a speck.
fn locate<'a>(p: &'a Project, projection: &Projection, min_mm: f64) -> Option<Located<'a>> {
    let location = p.location.as_ref()?;
    let to_page =
        |ls: &LineString<f64>| -> Vec<(f64, f64)> { ls.0.iter().map(|c| projection.to_page(c.x, c.y)).collect() };
    let (shape, runs) = if let Some(lines) = line_parts(location) {
        (Shape::Line, lines.into_iter().map(to_page).collect::<Vec<_>>())
    } else if let Some(polygons) = polygon_parts(location) {
        let rings = polygons.into_iter().flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()));
        (Shape::Area, rings.map(to_page).collect())
    } else {
        (Shape::Point, Vec::new())
    };
    let all: Vec<(f64, f64)> = runs.iter().flatten().copied().collect();
    let bounds = bounds_of(&all);
    let big_enough = !all.is_empty() && bounds.w.max(bounds.h) >= min_mm;
    let anchor = match shape {
        Shape::Line if big_enough => longest(&runs).and_then(|r| halfway(r))?,
        _ => {
            let (lon, lat) = anchor(p)?;
            projection.to_page(lon, lat)
        }
    };
    if !big_enough {
        let point = Rect::new(anchor.0, anchor.1, 0.0, 0.0);
        return Some(Located { project: p, shape: Shape::Point, anchor, runs: Vec::new(), bounds: point });
    }
    Some(Located { project: p, shape, anchor, runs, bounds })
}

/// The radius of a symbol, smaller on crowded maps so the map does not turn into one blot.
pub fn symbol_radius(count: usize, k: f64) -> f64 {
    let base = 1.1 * k;
    (base * (300.0 / count.max(1) as f64).sqrt()).clamp(0.45 * k, base)
}

/// Draws the map into `frame`. `reserved` are rectangles the furniture will cover (inset, scale
/// bar): labels keep out of them.
pub fn draw(canvas: &mut Canvas, frame: Rect, content: &MapContent, reserved: &[Rect], clip_id: &str) -> DrawnMap {
    let projection = Projection::fit(extent(content.region).padded(0.03), frame.inset(1.0));
    // What lies beyond the frame's edges (the frame may be wider than the region): outlines
    // wholly outside are left out, which keeps a region's page small.
    let (west, north) = projection.to_lonlat(frame.x, frame.y);
    let (east, south) = projection.to_lonlat(frame.right(), frame.bottom());
    let visible = |kato: &str| {
        boundaries()
            .bounding_rect(kato)
            .is_some_and(|b| b.min().x <= east && b.max().x >= west && b.min().y <= north && b.max().y >= south)
    };
    canvas.begin_clip(clip_id, frame);
    canvas.rect(frame, "#dbe9f4", "none", 0.0);
    let k = content.k;
    for r in REGIONS.iter() {
        let chosen = content.region.is_none_or(|c| c.as_str() == r.kato);
        let (fill, stroke, width) = match (content.region, chosen) {
            (None, _) => ("#fbf8ef", "#7a7a7a", 0.25 * k),
            (Some(_), true) => ("#fffdf5", "#333333", 0.5 * k),
            (Some(_), false) => ("#e2e2e2", "#a8a8a8", 0.2 * k),
        };
        if chosen && content.region.is_some() || !visible(r.kato) {
            continue; // the chosen region is drawn last, so its outline lies on top of its neighbours'
        }
        canvas.rings(&region_rings(r.kato, &projection), fill, stroke, width);
    }
    if let Some(code) = content.region {
        canvas.rings(&region_rings(code.as_str(), &projection), "#fff8e1", "#333333", 0.5 * k);
    }

    let mut occupied = Occupied::new(frame, 8.0);
    for r in reserved {
        occupied.add(*r);
    }
    let name_style = TextStyle::new(6.5 * k).color("#6d6d6d");
    if content.region_names {
        for r in REGIONS.iter().filter(|r| !r.is_city && content.region.is_none()) {
            let Some((lon, lat)) = region_anchor(r.kato) else { continue };
            let (x, y) = projection.to_page(lon, lat);
            let name = content.lang.of(r.name_kk, r.name_ru, r.name_en).to_uppercase();
            let w = fonts::width_mm(&name, name_style.size_pt, false);
            let h = name_style.line_mm();
            let bounds = Rect::new(x - w / 2.0, y - h / 2.0, w, h);
            if frame.contains(&bounds) && occupied.is_free(&bounds) {
                occupied.add(bounds);
                canvas.text(x - w / 2.0, y + h * 0.28, &name, name_style);
            }
        }
    }

    // Small projects first, so the large ones are drawn on top; areas under lines under points.
    let radius = symbol_radius(content.projects.len(), k);
    let mut located: Vec<Located> = content
        .projects
        .iter()
        // A line or site spanning less than two symbols would read as a speck: it gets the symbol.
        .filter_map(|p| locate(p, &projection, 4.0 * radius))
        .filter(|l| frame.contains(&Rect::new(l.anchor.0, l.anchor.1, 0.0, 0.0)))
        .collect();
    let unlocated = content.projects.iter().filter(|p| anchor(p).is_none()).count();
    located.sort_by_key(|l| l.project.cost.unwrap_or_default());
    let halo = (0.12 * k).min(radius * 0.25);
    let mut shapes: BTreeMap<usize, Shapes> = BTreeMap::new();
    for layer in [Shape::Area, Shape::Line, Shape::Point] {
        for l in located.iter().filter(|l| l.shape == layer) {
            let class = content.symbology.class_of(l.project);
            let colour = content.symbology.colour(class);
            shapes.entry(class).or_default().add(l.shape);
            match l.shape {
                Shape::Area => {
                    canvas.area(&l.runs, colour, AREA_OPACITY, colour, 0.35 * k);
                    occupied.add(l.bounds);
                }
                Shape::Line => {
                    canvas.polylines(&l.runs, "#ffffff", LINE_MM * k + 2.0 * halo);
                    canvas.polylines(&l.runs, colour, LINE_MM * k);
                    for run in &l.runs {
                        for w in run.windows(2) {
                            occupied.add(bounds_of(w));
                        }
                    }
                }
                Shape::Point => {
                    let (x, y) = l.anchor;
                    canvas.circle(x, y, radius, colour, "#ffffff", halo);
                    occupied.add(Rect::new(x - radius, y - radius, 2.0 * radius, 2.0 * radius));
                }
            }
        }
    }

    let label_style = TextStyle::new(6.0 * k);
    let max_label_mm = 48.0 * k;
    let mut shown = 0;
    let mut omitted = 0;
    for l in located.iter().rev() {
        if shown >= content.max_labels {
            omitted += 1;
            continue;
        }
        let text = fonts::fit(l.project.name(content.lang.code()), label_style.size_pt, false, max_label_mm);
        let w = fonts::width_mm(&text, label_style.size_pt, false);
        // An area's label goes beside the area, not over it.
        let (x, y) = l.anchor;
        let b = l.bounds;
        let r = match l.shape {
            Shape::Area => (x - b.x).max(b.right() - x).max(y - b.y).max(b.bottom() - y),
            _ => radius,
        };
        match map_labels::place(&mut occupied, &frame, l.anchor, r, w, label_style.line_mm()) {
            Some(placed) => {
                canvas.halo_text(placed.x, placed.baseline, &text, label_style);
                shown += 1;
            }
            None => omitted += 1,
        }
    }
    canvas.end_group();
    canvas.rect(frame, "none", "#333333", 0.3 * k);
    DrawnMap { projection, labels_omitted: omitted, unlocated, shapes }
}

/// A small map of Kazakhstan with one region marked: where the printed region lies.
pub fn locator(canvas: &mut Canvas, frame: Rect, region: RegionCode, k: f64) {
    let projection = Projection::fit(extent(None).padded(0.02), frame.inset(0.8));
    canvas.rect(frame, "#ffffff", "#333333", 0.25 * k);
    for r in REGIONS.iter() {
        let (fill, stroke) = if r.kato == region.as_str() { ("#d84315", "#8a2a0d") } else { ("#e6e6e6", "#9a9a9a") };
        canvas.rings(&region_rings(r.kato, &projection), fill, stroke, 0.1 * k);
    }
    // A city is too small to see at this scale: ring its place.
    let r = region.region();
    if r.is_city {
        let (x, y) = projection.to_page(r.centre.1, r.centre.0);
        canvas.circle(x, y, 1.6 * k, "none", "#d84315", 0.5 * k);
    }
}
