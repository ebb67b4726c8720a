//! Lines and sites are printed as what they are: a pipeline as a stroke along its route, a site
//! as a tinted area with its outline, in the class colour; the legend shows the kinds drawn.

mod common;

use common::*;
use geo::{Geometry, LineString, Point, Polygon};
use indmap_core::{Money, Project, RegionCode, Status};
use indmap_print::*;
use resvg::tiny_skia::Pixmap;

fn project(n: u128, status: Status, location: Geometry<f64>) -> Project {
    let region = RegionCode::parse("35").unwrap();
    let mut p = Project::new(uuid::Uuid::from_u128(n), format!("Жоба {n}"), format!("Проект {n}"), region);
    p.status = status;
    p.location = Some(location);
    p.cost = Some(Money(n as i64 * 10_000_000_000));
    p
}

/// A site of about 110 × 110 km and a pipeline of about 300 km, well inside Karaganda region.
const SITE: [(f64, f64); 5] = [(73.0, 47.6), (74.5, 47.6), (74.5, 48.6), (73.0, 48.6), (73.0, 47.6)];
const PIPELINE: [(f64, f64); 3] = [(72.5, 47.0), (74.5, 47.3), (76.3, 47.0)];

fn site() -> Geometry<f64> {
    Geometry::Polygon(Polygon::new(LineString::from(SITE.to_vec()), vec![]))
}

fn pipeline() -> Geometry<f64> {
    Geometry::LineString(LineString::from(PIPELINE.to_vec()))
}

#[test]
fn the_shapes_lie_inside_the_region_so_their_tint_is_over_its_fill() {
    let b = indmap_core::geography::boundaries();
    for (lon, lat) in SITE.iter().chain(&PIPELINE) {
        assert!(b.contains("35", Point::new(*lon, *lat)), "{lon} {lat} is not in Karaganda region");
    }
}

fn rgb(hex: &str) -> [f64; 3] {
    let v = |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap());
    [v(1), v(3), v(5)]
}

/// `colour` at `alpha` over `under`.
fn over(colour: &str, alpha: f64, under: &str) -> [f64; 3] {
    let (c, u) = (rgb(colour), rgb(under));
    [0, 1, 2].map(|i| c[i] * alpha + u[i] * (1.0 - alpha))
}

/// How many pixels of the PNG are within a few levels of `colour`.
fn pixels_of(png: &[u8], colour: [f64; 3]) -> usize {
    let pixmap = Pixmap::decode_png(png).unwrap();
    pixmap
        .pixels()
        .iter()
        .filter(|p| {
            let p = p.demultiply();
            let got = [p.red(), p.green(), p.blue()].map(f64::from);
            (0..3).all(|i| (got[i] - colour[i]).abs() <= 6.0)
        })
        .count()
}

const CHOSEN_REGION_FILL: &str = "#fff8e1";

#[test]
fn a_site_is_a_tinted_area_and_a_pipeline_a_line_on_the_map_page() {
    let site_colour = symbology::status_colour(Status::Construction);
    let line_colour = symbology::status_colour(Status::Delayed);
    let shaped = vec![project(1, Status::Construction, site()), project(2, Status::Delayed, pipeline())];
    let ctx = ctx(Lang::Ru, PageSetup::new(Paper::A4, false));
    let options = MapOptions { region: RegionCode::parse("35"), by: SymbolBy::Status };
    let png = map_document(&ctx, &shaped, options).pages[0].to_png(100.0).unwrap();
    std::fs::create_dir_all("/tmp/print-backend").ok();
    std::fs::write("/tmp/print-backend/shapes-map.png", &png).ok();

    // The same projects as points, for comparison: a dot each.
    let as_points = vec![
        project(1, Status::Construction, Geometry::Point(Point::new(73.75, 48.1))),
        project(2, Status::Delayed, Geometry::Point(Point::new(74.5, 47.3))),
    ];
    let dots = map_document(&ctx, &as_points, options).pages[0].to_png(100.0).unwrap();

    let tint = over(site_colour, symbology::AREA_OPACITY, CHOSEN_REGION_FILL);
    let (area_px, dot_px) = (pixels_of(&png, tint), pixels_of(&dots, tint));
    // About 25 × 25 mm of the page at 100 dpi is some 15,000 pixels; a legend swatch is ~100.
    assert!(area_px > 8_000, "the site is not filled with its tint: {area_px} pixels");
    assert!(dot_px < 500, "points are drawn with a tint: {dot_px} pixels");
    let (line_px, line_dots) = (pixels_of(&png, rgb(line_colour)), pixels_of(&dots, rgb(line_colour)));
    // 300 km at about 1:4.3 million is ~70 mm, 275 pixels long at 100 dpi, with a core of full
    // colour one or two pixels wide (the edges are anti-aliased).
    assert!(
        line_px > 250 && line_px > 3 * line_dots,
        "the pipeline is not drawn along its route: {line_px} vs {line_dots}"
    );

    // The legend shows the kind of symbol each class is drawn with.
    let svg = map_document(&ctx, &shaped, options).pages[0].to_svg();
    assert!(svg.contains(&format!("fill=\"{site_colour}\" fill-opacity=\"0.40\"")), "no tinted area in the SVG");
    assert!(svg.contains(&format!("fill=\"none\" stroke=\"{line_colour}\"")), "no stroked line in the SVG");
    let text = pdftotext(
        &write(tempfile::tempdir().unwrap().path(), "m.pdf", &map_document(&ctx, &shaped, options).to_pdf().unwrap()),
        None,
    );
    assert!(text.contains("Проект 1") && text.contains("Проект 2"), "both are labelled: {text}");
}

#[test]
fn a_small_site_on_the_national_map_is_a_point_symbol_not_a_speck() {
    // 1 km² is a fraction of a millimetre at 1:10 million: it prints as a point symbol.
    let ring = vec![(73.0, 49.8), (73.014, 49.8), (73.014, 49.809), (73.0, 49.809), (73.0, 49.8)];
    let tiny = project(3, Status::Commissioned, Geometry::Polygon(Polygon::new(LineString::from(ring), vec![])));
    let ctx = ctx(Lang::En, PageSetup::new(Paper::A4, true));
    let svg = map_document(&ctx, &[tiny], MapOptions::default()).pages[0].to_svg();
    let colour = symbology::status_colour(Status::Commissioned);
    assert!(svg.contains("<circle") && svg.contains(&format!("fill=\"{colour}\" stroke=\"#ffffff\"")));
    assert!(!svg.contains(&format!("fill=\"{colour}\" fill-opacity")), "a speck of an area was drawn");
}

#[test]
fn the_passport_map_draws_the_site_as_an_area() {
    let mut p = project(4, Status::Construction, site());
    p.code = indmap_core::ProjectCode::parse("35-0004");
    let ctx = ctx(Lang::Kk, PageSetup::new(Paper::A4, false));
    let doc = passport_document(&ctx, &p);
    let png = doc.pages[0].to_png(100.0).unwrap();
    std::fs::write("/tmp/print-backend/shapes-passport.png", &png).ok();
    let tint = over(symbology::status_colour(Status::Construction), symbology::AREA_OPACITY, CHOSEN_REGION_FILL);
    let px = pixels_of(&png, tint);
    assert!(px > 1_000, "the passport's location map does not show the site's area: {px} pixels");
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "passport.pdf", &doc.to_pdf().unwrap());
    assert_matches_reference("passport-site-p1-kk.png", &pdftoppm(&pdf, 1, 30), 0.025);
}
