//! Placing a project on the map: a point near a town (or somewhere in the region), sometimes a
//! short line (pipeline, road) or a site of about 1 km², always inside the project's region.

use crate::draw::Draw;
use crate::places::{RegionInfo, Town};
use geo::{Coord, Geometry, InteriorPoint, LineString, Point, Polygon};
use indmap_core::geography::boundaries;

/// What shape a project's location takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Point,
    Line,
    Site,
}

/// Tries per anchor before falling back to a wider area; cheap, since a miss costs one
/// point-in-polygon test.
const TRIES: usize = 40;

/// Where to put the location, once the town is chosen.
pub(crate) fn locate(draw: &mut Draw, info: &RegionInfo, town: Option<&Town>, shape: Shape) -> Geometry<f64> {
    let anchor = town.unwrap_or(&info.towns[0]);
    // The region's cities are small: stay close to the centre so points do not cluster on the border.
    let radius = match (town, info.is_city()) {
        (_, true) => 0.06,
        (Some(_), false) => 0.05,
        (None, false) => 0.0,
    };
    let point = |draw: &mut Draw| -> Point<f64> {
        if town.is_none() {
            return point_anywhere(draw, info.kato);
        }
        point_near(draw, info.kato, anchor, radius)
            .or_else(|| point_near(draw, info.kato, &info.towns[0], radius))
            .unwrap_or_else(|| point_anywhere(draw, info.kato))
    };
    let p = point(draw);
    match shape {
        Shape::Point => Geometry::Point(p),
        Shape::Line => line_from(draw, info.kato, p).map_or(Geometry::Point(p), Geometry::LineString),
        Shape::Site => site_at(draw, info.kato, p).map_or(Geometry::Point(p), Geometry::Polygon),
    }
}

/// Strictly inside the region's outline, and in no other region's outline first: simplified
/// outlines of neighbours may overlap a little, and the app would place the point in the other.
pub(crate) fn fits(kato: &str, p: Point<f64>) -> bool {
    let b = boundaries();
    b.contains(kato, p) && b.region_at(p).is_some_and(|r| r.kato == kato)
}

/// 5 decimals of a degree are about a metre: what a planner's GPS or a map click gives.
fn round5(v: f64) -> f64 {
    (v * 1e5).round() / 1e5
}

fn rounded(lon: f64, lat: f64) -> Point<f64> {
    Point::new(round5(lon), round5(lat))
}

/// A point within `radius` degrees (north–south; east–west is widened by latitude) of the town.
fn point_near(draw: &mut Draw, kato: &str, town: &Town, radius: f64) -> Option<Point<f64>> {
    let stretch = 1.0 / town.lat.to_radians().cos();
    (0..TRIES).find_map(|_| {
        // Uniform over the disc: the square root keeps points from crowding the centre.
        let r = radius * draw.unit().sqrt();
        let angle = draw.range(0.0..std::f64::consts::TAU);
        let p = rounded(town.lon + r * angle.cos() * stretch, town.lat + r * angle.sin());
        fits(kato, p).then_some(p)
    })
}

/// A point anywhere in the region: uniform over its bounding box, keeping those inside.
fn point_anywhere(draw: &mut Draw, kato: &str) -> Point<f64> {
    let b = boundaries();
    if let Some(rect) = b.bounding_rect(kato) {
        let (min, max) = (rect.min(), rect.max());
        for _ in 0..TRIES * 50 {
            let p = rounded(draw.range(min.x..max.x), draw.range(min.y..max.y));
            if fits(kato, p) {
                return p;
            }
        }
    }
    // Every region's box is mostly its own, so this is not reached in practice.
    let inside = b.shape(kato).and_then(|s| s.interior_point()).expect("every region has an outline");
    rounded(inside.x(), inside.y())
}

/// A line of 3 to 6 vertices wandering from `start` in steps of 2–6 km, all inside the region.
fn line_from(draw: &mut Draw, kato: &str, start: Point<f64>) -> Option<LineString<f64>> {
    let stretch = 1.0 / start.y().to_radians().cos();
    let vertices = draw.range(3..=6);
    for _ in 0..10 {
        let mut heading = draw.range(0.0..std::f64::consts::TAU);
        let mut line = vec![start.0];
        while line.len() < vertices {
            let last = *line.last().expect("the line starts with a point");
            let step = (0..TRIES).find_map(|_| {
                let turn = heading + draw.range(-0.5..0.5);
                let length = draw.range(0.02..0.06);
                let p = rounded(last.x + length * turn.cos() * stretch, last.y + length * turn.sin());
                fits(kato, p).then_some((p, turn))
            });
            let Some((p, turn)) = step else { break };
            heading = turn;
            line.push(p.0);
        }
        if line.len() == vertices {
            return Some(LineString::new(line));
        }
    }
    None
}

/// A square site of about 1 km × 1 km centred near `centre`, corners and middle inside the region.
fn site_at(draw: &mut Draw, kato: &str, centre: Point<f64>) -> Option<Polygon<f64>> {
    let half_lat = 0.0045;
    let half_lon = half_lat / centre.y().to_radians().cos();
    (0..10).find_map(|_| {
        let (x, y) = (centre.x() + draw.range(-0.01..0.01), centre.y() + draw.range(-0.01..0.01));
        let corners = [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0), (-1.0, -1.0)]
            .map(|(dx, dy)| rounded(x + dx * half_lon, y + dy * half_lat).0);
        let polygon = Polygon::new(LineString::new(corners.to_vec()), vec![]);
        let inside = corners.iter().all(|c: &Coord<f64>| fits(kato, (*c).into()))
            && polygon.interior_point().is_some_and(|p| fits(kato, p));
        inside.then_some(polygon)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::REGIONS;

    /// Anchors outside their region would push every project of the town to the fallbacks.
    #[test]
    fn every_town_lies_in_its_region() {
        let outside: Vec<String> = REGIONS
            .iter()
            .flat_map(|r| r.towns.iter().map(move |t| (r, t)))
            .filter(|(r, t)| !fits(r.kato, Point::new(t.lon, t.lat)))
            .map(|(r, t)| {
                let found = boundaries().region_at(Point::new(t.lon, t.lat)).map(|f| f.kato);
                format!("{} ({}) is in {found:?}", t.en, r.kato)
            })
            .collect();
        assert!(outside.is_empty(), "{outside:#?}");
    }
}
