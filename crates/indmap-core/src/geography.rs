//! Where things are: the region boundaries shipped with the app, and the check of a project's
//! location against them.

use crate::Rule;
use std::cell::OnceCell;
use std::cmp::Ordering;
use std::collections::HashSet;
use std::sync::OnceLock;

use geo::coordinate_position::CoordPos;
use geo::dimensions::Dimensions;
use geo::indexed::IntervalTreeMultiPolygon;
use geo::line_intersection::{LineIntersection, line_intersection};
use geo::orient::{Direction, Orient};
use geo::relate::IntersectionMatrix;
use geo::validation::{GeometryIndex, InvalidGeometry, InvalidMultiPolygon, InvalidPolygon, RingRole};
use geo::{
    BoundingRect, Contains, Coord, CoordsIter, Distance, Euclidean, InteriorPoint, Intersects, Line, LineString,
    LinesIter, MultiPolygon, Point, Polygon, PreparedGeometry, Rect, Relate, RemoveRepeatedPoints, Validation,
};
use geojson::{GeometryValue, Position};
use rstar::primitives::GeomWithData;
use rstar::{AABB, RTree};

use crate::problem::Problems;
use crate::reference::{self, REGIONS, Region};

/// Built by tools/build-region-asset; assets/regions/README.md says from what and how.
const ASSET: &str = include_str!("../../../assets/regions/regions.geojson");

/// How far outside every polygon a point may lie and still count as in the nearest region.
/// The asset's outlines were simplified one region at a time, which moved borders by up to 1.4 km
/// and left slivers between neighbours and along coasts; a real place there must not be refused. 0.02° is 2.2 km north–south and 1.3–1.7 km east–west at Kazakhstan's latitudes:
/// wide enough for that error, narrow enough that a point a few km into a neighbouring country
/// stays outside. Degrees rather than metres because the simplification error is in degrees too.
const NEAR_DEGREES: f64 = 0.02;

/// The outlines of the 20 regions.
pub struct Boundaries {
    regions: Vec<RegionShape>,
    /// Every segment of every outline, with the index in `regions` of its region: which outlines
    /// pass near a point, without measuring the distance to each whole outline.
    edges: RTree<GeomWithData<Line<f64>, usize>>,
}

struct RegionShape {
    region: &'static Region,
    shape: MultiPolygon<f64>,
    bbox: Rect<f64>,
    /// `shape` indexed for point-in-polygon tests that look at a few segments, not all of them.
    index: IntervalTreeMultiPolygon<f64>,
}

/// The region boundaries shipped with the app, parsed on first use.
pub fn boundaries() -> &'static Boundaries {
    static BOUNDARIES: OnceLock<Boundaries> = OnceLock::new();
    BOUNDARIES.get_or_init(|| Boundaries::parse(ASSET).unwrap_or_else(|e| panic!("the bundled region asset: {e}")))
}

impl Boundaries {
    fn parse(text: &str) -> Result<Self, String> {
        let collection: geojson::FeatureCollection = text.parse().map_err(|e| format!("{e}"))?;
        let mut regions = Vec::new();
        for feature in collection.features {
            let kato = feature.property("kato").and_then(|v| v.as_str()).ok_or("a feature has no kato")?;
            let region = reference::region(kato).ok_or(format!("unknown kato {kato:?}"))?;
            let geometry = feature.geometry.ok_or(format!("region {} has no geometry", region.kato))?;
            let shape = MultiPolygon::try_from(geometry).map_err(|e| format!("region {}: {e}", region.kato))?;
            let bbox = shape.bounding_rect().ok_or(format!("region {} is empty", region.kato))?;
            // The index counts windings, so holes must turn the other way from their shells.
            let index = IntervalTreeMultiPolygon::new(&shape.orient(Direction::Default));
            regions.push(RegionShape { region, shape, bbox, index });
        }
        if let Some(r) = REGIONS.iter().find(|r| regions.iter().filter(|s| s.region.kato == r.kato).count() != 1) {
            return Err(format!("region {} must appear exactly once", r.kato));
        }
        let edges = regions
            .iter()
            .enumerate()
            .flat_map(|(i, r)| r.shape.lines_iter().map(move |line| GeomWithData::new(line, i)))
            .collect();
        Ok(Boundaries { regions, edges: RTree::bulk_load(edges) })
    }

    fn get(&self, kato: &str) -> Option<&RegionShape> {
        self.regions.iter().find(|r| r.region.kato == kato)
    }

    /// The GeoJSON text of the asset, for the map view.
    pub fn geojson_text(&self) -> &'static str {
        ASSET
    }

    pub fn shape(&self, kato: &str) -> Option<&MultiPolygon<f64>> {
        self.get(kato).map(|r| &r.shape)
    }

    pub fn bounding_rect(&self, kato: &str) -> Option<Rect<f64>> {
        self.get(kato).map(|r| r.bbox)
    }

    /// Strictly inside the region's outline, not on it: for placing generated points well inside.
    pub fn contains(&self, kato: &str, p: Point<f64>) -> bool {
        self.get(kato).is_some_and(|r| r.index.contains(&p))
    }

    /// The region whose outline contains the point (longitude, latitude), or failing that the
    /// nearest one within [`NEAR_DEGREES`]. Takes microseconds, not a pass over every outline.
    pub fn region_at(&self, p: Point<f64>) -> Option<&'static Region> {
        if let Some(r) = self.regions.iter().find(|r| r.bbox.intersects(&p) && r.index.contains(&p)) {
            return Some(r.region);
        }
        // Inside no outline, a point is as far from a region as from its nearest segment. The
        // tree measures its own way, which may differ in the last bit: ask it a little wider and
        // measure what it finds as everywhere else. Ties go to the region listed first.
        let reach = NEAR_DEGREES * (1.0 + 1e-9);
        self.edges
            .locate_within_distance(p, reach * reach)
            .map(|edge| (Euclidean.distance(&p, edge.geom()), edge.data))
            .filter(|(d, _)| *d <= NEAR_DEGREES)
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
            .map(|(_, i)| self.regions[i].region)
    }
}

/// The result of checking a project's location.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LocationCheck {
    /// A point on the geometry (inside it, for areas): where a marker goes.
    pub representative: Point<f64>,
    /// The region of the representative point.
    pub region: Option<&'static Region>,
}

/// Checks a location given as GeoJSON: a point, line or area of WGS 84 longitude/latitude whose
/// every vertex lies in Kazakhstan. Reports problems under `field`; returns the geometry and where
/// it is when there are none.
pub fn check_location(
    field: &str,
    g: &geojson::Geometry,
    problems: &mut Problems,
) -> Option<(geo::Geometry<f64>, LocationCheck)> {
    let Some(parts) = Parts::of(&g.value) else {
        problems.error(
            field,
            Rule::LocationType,
            "a location must be a Point, LineString, Polygon or their Multi- form, not a GeometryCollection",
        );
        return None;
    };

    let bad: Vec<String> = parts.positions().iter().filter_map(|p| wgs84_problem(p)).collect();
    if let Some(first) = bad.first() {
        problems.error(
            field,
            Rule::LocationWgs84,
            and_more(first, bad.len(), "positions are not WGS 84 longitude/latitude"),
        );
        return None;
    }
    // geo closes rings silently, so shape problems must be found in the GeoJSON itself.
    if !parts.check_shape(field, problems) {
        return None;
    }

    let geometry = geo::Geometry::<f64>::try_from(&g.value)
        .map_err(|e| problems.error(field, Rule::LocationInvalid, e.to_string()))
        .ok()?;
    if let Some(e) = invalidity(&geometry) {
        problems.error(field, Rule::LocationInvalid, e.to_string());
        return None;
    }
    let Some(representative) = representative_point(&geometry) else {
        problems.error(field, Rule::LocationInvalid, "the geometry has no coordinates");
        return None;
    };

    // Each vertex once, in order; `+ 0.0` turns -0.0 into 0.0, which `==` holds equal.
    let mut seen = HashSet::new();
    let outside: Vec<Coord<f64>> = geometry
        .coords_iter()
        .filter(|c| boundaries().region_at((*c).into()).is_none())
        .filter(|c| seen.insert(((c.x + 0.0).to_bits(), (c.y + 0.0).to_bits())))
        .collect();
    if let Some(c) = outside.first() {
        let first = format!("point {}", pair(c.x, c.y));
        let message = match outside.len() {
            1 => format!("{first} lies outside Kazakhstan"),
            2 => format!("{first} and 1 other vertex lie outside Kazakhstan"),
            n => format!("{first} and {} other vertices lie outside Kazakhstan", n - 1),
        };
        problems.error(field, Rule::LocationOutsideKazakhstan, message);
        return None;
    }

    let region = boundaries().region_at(representative);
    Some((geometry, LocationCheck { representative, region }))
}

/// The first thing geo's [`Validation`] finds wrong with the geometry, as geo words it, but found
/// in about O(n log n) for n vertices: geo compares every segment of a ring with every other,
/// relates every hole to the shell and every polygon of a MultiPolygon to every other, and each
/// relation walks the whole of both. Areas are checked here, rule by rule and in geo's order, and
/// the rest by geo. Expects finite coordinates (geo's `NonFiniteCoord` is not looked for).
fn invalidity(geometry: &geo::Geometry<f64>) -> Option<InvalidGeometry> {
    match geometry {
        geo::Geometry::Polygon(p) => polygon_invalidity(p).map(InvalidGeometry::InvalidPolygon),
        geo::Geometry::MultiPolygon(mp) => multi_polygon_invalidity(mp).map(InvalidGeometry::InvalidMultiPolygon),
        // Points and lines: finite, and a line has 2 distinct positions; linear in geo.
        other => other.check_validation().err(),
    }
}

/// geo's checks of a polygon: each ring has 3 distinct points and doesn't touch itself; each hole
/// lies within the shell and meets it and every other hole at most in points.
///
/// Two rings that don't meet at all are apart: one inside the other or each outside the other,
/// as any one vertex tells. Only rings that meet are related, the way geo does it.
fn polygon_invalidity(polygon: &Polygon<f64>) -> Option<InvalidPolygon> {
    if polygon.exterior().0.is_empty() {
        return None;
    }
    let role = |i: usize| if i == 0 { RingRole::Exterior } else { RingRole::Interior(i - 1) };
    let mut segments = Vec::with_capacity(1 + polygon.interiors().len());
    for (i, ring) in std::iter::once(polygon.exterior()).chain(polygon.interiors()).enumerate() {
        if ring.0.is_empty() {
            continue;
        }
        if ring.remove_repeated_points().0.len() < 4 {
            return Some(InvalidPolygon::TooFewPointsInRing(role(i)));
        }
        let ring_segments = Segments::of([ring]);
        if ring_segments.touch_each_other() {
            return Some(InvalidPolygon::SelfIntersection(role(i)));
        }
        segments.push(ring_segments);
    }
    // The holes, each as a polygon; empty ones are skipped, as geo skips them.
    let holes: Vec<(RingRole, Area)> = (polygon.interiors().iter().enumerate())
        .filter(|(_, ring)| !ring.0.is_empty())
        .map(|(i, ring)| (RingRole::Interior(i), Area::new(Polygon::new(ring.clone(), vec![]))))
        .collect();
    if holes.is_empty() {
        return None;
    }
    let (shell, holes_segments) = segments.split_first().expect("the shell is not empty");
    let shell_area = Area::new(Polygon::new(polygon.exterior().clone(), vec![]));
    let later = later_overlapping(&holes.iter().map(|(_, hole)| hole.polygon.bounding_rect()).collect::<Vec<_>>());
    for (k, (hole_role, hole)) in holes.iter().enumerate() {
        if holes_segments[k].meet(shell) {
            let m = shell_area.prepared().relate(hole.prepared());
            if !m.is_contains() {
                return Some(InvalidPolygon::InteriorRingNotContainedInExteriorRing(*hole_role));
            }
            if boundaries_share_a_line(&m) {
                return Some(InvalidPolygon::IntersectingRingsOnALine(RingRole::Exterior, *hole_role));
            }
        } else if !shell_area.holds_a_vertex_of(&hole.polygon) {
            return Some(InvalidPolygon::InteriorRingNotContainedInExteriorRing(*hole_role));
        }
        for &l in &later[k] {
            let (other_role, other) = &holes[l];
            let (on_an_area, on_a_line) = if holes_segments[k].meet(&holes_segments[l]) {
                let m = hole.prepared().relate(&other.polygon);
                (interiors_overlap(&m), boundaries_share_a_line(&m))
            } else {
                (hole.holds_a_vertex_of(&other.polygon) || other.holds_a_vertex_of(&hole.polygon), false)
            };
            if on_an_area {
                return Some(InvalidPolygon::IntersectingRingsOnAnArea(*hole_role, *other_role));
            }
            if on_a_line {
                return Some(InvalidPolygon::IntersectingRingsOnALine(*hole_role, *other_role));
            }
        }
    }
    None
}

/// geo's checks of a MultiPolygon: each polygon is valid, and no two overlap or touch on a line.
/// Only polygons whose bounding rectangles meet are compared; valid ones whose rings don't meet
/// are apart, and overlap only if a ring of one lies inside the other, as any of its vertices
/// tells. The rest are related, the way geo does it.
fn multi_polygon_invalidity(mp: &MultiPolygon<f64>) -> Option<InvalidMultiPolygon> {
    let later = later_overlapping(&mp.0.iter().map(BoundingRect::bounding_rect).collect::<Vec<_>>());
    // Worked out once each, when first needed: whether it is valid, its segments, its area.
    let invalidity: Vec<OnceCell<Option<InvalidPolygon>>> = mp.0.iter().map(|_| OnceCell::new()).collect();
    let invalidity = |i: usize| invalidity[i].get_or_init(|| polygon_invalidity(&mp.0[i])).clone();
    let segments: Vec<OnceCell<Segments>> = mp.0.iter().map(|_| OnceCell::new()).collect();
    let segments = |i: usize| segments[i].get_or_init(|| Segments::of(rings(&mp.0[i])));
    let areas: Vec<OnceCell<Area>> = mp.0.iter().map(|_| OnceCell::new()).collect();
    let area = |i: usize| areas[i].get_or_init(|| Area::new(mp.0[i].orient(Direction::Default)));

    for (i, later) in later.iter().enumerate() {
        if let Some(e) = invalidity(i) {
            return Some(InvalidMultiPolygon::InvalidPolygon(GeometryIndex(i), e));
        }
        for &j in later {
            // geo relates a polygon to the later ones before checking them: an invalid one is
            // related too, its rings being no guide to where it is.
            let (overlap, on_a_line) = if invalidity(j).is_some() || segments(i).meet(segments(j)) {
                let m = area(i).prepared().relate(&mp.0[j]);
                (interiors_overlap(&m), boundaries_share_a_line(&m))
            } else {
                let inside = |a: usize, b: usize| rings(&mp.0[b]).any(|ring| area(a).holds_a_vertex_of_ring(ring));
                (inside(i, j) || inside(j, i), false)
            };
            if overlap {
                return Some(InvalidMultiPolygon::ElementsOverlaps(GeometryIndex(i), GeometryIndex(j)));
            }
            if on_a_line {
                return Some(InvalidMultiPolygon::ElementsTouchOnALine(GeometryIndex(i), GeometryIndex(j)));
            }
        }
    }
    None
}

/// The non-empty rings of a polygon, shell first.
fn rings(polygon: &Polygon<f64>) -> impl Iterator<Item = &LineString<f64>> {
    std::iter::once(polygon.exterior()).chain(polygon.interiors()).filter(|ring| !ring.0.is_empty())
}

fn interiors_overlap(m: &IntersectionMatrix) -> bool {
    m.get(CoordPos::Inside, CoordPos::Inside) == Dimensions::TwoDimensional
}

fn boundaries_share_a_line(m: &IntersectionMatrix) -> bool {
    m.get(CoordPos::OnBoundary, CoordPos::OnBoundary) == Dimensions::OneDimensional
}

/// For each rectangle, the later ones (by index, ascending) that it meets, edges included: the
/// only pairs whose shapes can meet. `None`, for an empty shape, meets nothing.
fn later_overlapping(rects: &[Option<Rect<f64>>]) -> Vec<Vec<usize>> {
    let tree = RTree::bulk_load(
        (rects.iter().enumerate()).filter_map(|(i, r)| r.map(|r| GeomWithData::new(r, i))).collect::<Vec<_>>(),
    );
    let mut later = vec![Vec::new(); rects.len()];
    for (a, b) in tree.intersection_candidates_with_other_tree(&tree).filter(|(a, b)| a.data < b.data) {
        later[a.data].push(b.data);
    }
    later.iter_mut().for_each(|l| l.sort_unstable());
    later
}

/// The segments of some rings in an R-tree, numbered in order.
struct Segments(RTree<GeomWithData<Line<f64>, usize>>);

impl Segments {
    fn of<'a>(rings: impl IntoIterator<Item = &'a LineString<f64>>) -> Self {
        // A run of repeated positions is a run of identical zero-length segments. They meet each
        // other only end to start, and meet any other segment all alike: keep one of them.
        let mut segments: Vec<Line<f64>> = Vec::new();
        for line in rings.into_iter().flat_map(|ring| ring.lines()) {
            if !(line.start == line.end && segments.last() == Some(&line)) {
                segments.push(line);
            }
        }
        Segments(RTree::bulk_load(segments.into_iter().enumerate().map(|(i, l)| GeomWithData::new(l, i)).collect()))
    }

    /// geo's test of a ring for a self-intersection — two of its segments meet, and neither is
    /// where the other starts from or ends at — asked only of segments whose bounding rectangles
    /// meet. For the segments of one ring.
    fn touch_each_other(&self) -> bool {
        self.0.intersection_candidates_with_other_tree(&self.0).any(|(a, b)| {
            let (s, t) = (a.geom(), b.geom());
            a.data < b.data && s.intersects(t) && s.start != t.end && s.end != t.start
        })
    }

    /// Whether a segment here passes through the point.
    fn touch(&self, p: Point<f64>) -> bool {
        self.0.locate_in_envelope_intersecting(&AABB::from_point(p)).any(|segment| segment.geom().intersects(&p))
    }

    /// Whether a segment here meets one there, even at a single point.
    fn meet(&self, other: &Segments) -> bool {
        self.0.intersection_candidates_with_other_tree(&other.0).any(|(a, b)| a.geom().intersects(b.geom()))
    }
}

/// A polygon with what tells where things are in it, each made when first asked for.
struct Area {
    polygon: Polygon<f64>,
    /// For geo's relate, which keeps what it works out about one side between calls.
    prepared: OnceCell<PreparedGeometry<'static, Polygon<f64>>>,
    /// For points: a winding count over the few segments level with the point.
    index: OnceCell<IntervalTreeMultiPolygon<f64>>,
}

impl Area {
    /// `polygon` is oriented (holes turning against the shell) if it has holes.
    fn new(polygon: Polygon<f64>) -> Self {
        Area { polygon, prepared: OnceCell::new(), index: OnceCell::new() }
    }

    fn prepared(&self) -> &PreparedGeometry<'static, Polygon<f64>> {
        self.prepared.get_or_init(|| PreparedGeometry::from(self.polygon.clone()))
    }

    /// Whether the point is strictly inside.
    fn holds(&self, p: Point<f64>) -> bool {
        let index =
            self.index.get_or_init(|| IntervalTreeMultiPolygon::new(&MultiPolygon::new(vec![self.polygon.clone()])));
        index.contains(&p)
    }

    /// Whether the first vertex of `ring` is strictly inside: for a ring that doesn't meet this
    /// polygon's rings, whether the whole ring is.
    fn holds_a_vertex_of_ring(&self, ring: &LineString<f64>) -> bool {
        ring.0.first().is_some_and(|&c| self.holds(c.into()))
    }

    fn holds_a_vertex_of(&self, polygon: &Polygon<f64>) -> bool {
        self.holds_a_vertex_of_ring(polygon.exterior())
    }
}

/// geo's [`InteriorPoint`], worked out the same way to the same point, but in O(n log n) for
/// areas. geo draws a line across each polygon half way up and takes the middle of the widest
/// stretch of it inside; it finds where the line crosses the outline with its sweep, which
/// compares every pair of segments whose x ranges overlap (all of them, for a comb), and tests
/// each stretch with `relate`, O(n) apiece.
fn representative_point(geometry: &geo::Geometry<f64>) -> Option<Point<f64>> {
    let polygons = match geometry {
        geo::Geometry::Polygon(p) => std::slice::from_ref(p),
        geo::Geometry::MultiPolygon(mp) => mp.0.as_slice(),
        other => return other.interior_point(),
    };
    let mut best = Vec::with_capacity(polygons.len());
    for p in polygons {
        match polygon_interior_point(p) {
            Ok(Some(found)) => best.push(found),
            Ok(None) => {}
            Err(Flat) => return geometry.interior_point(),
        }
    }
    // The widest, the first of equals, as geo picks.
    best.into_iter().min_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(Ordering::Less)).map(|(point, _)| point)
}

/// A polygon with a side along the line geo draws across it: then geo's sweep counts where
/// that side meets others too, which only geo's own sweep repeats exactly.
struct Flat;

/// geo's `polygon_interior_point_with_segment_length`: the middle of the widest stretch of a
/// line across the polygon, and how wide (0 on the outline).
fn polygon_interior_point(polygon: &Polygon<f64>) -> Result<Option<(Point<f64>, f64)>, Flat> {
    if polygon.exterior().0.len() == 1 {
        return Ok(Some((polygon.exterior().0[0].into(), 0.0)));
    }
    let Some(bounds) = polygon.bounding_rect() else {
        return Ok(None);
    };
    // Half way up, or if a vertex is there, half way to the nearest vertex above or below.
    let mut y_mid = (bounds.min().y + bounds.max().y) / 2.0;
    if polygon.coords_iter().any(|c| c.y == y_mid) {
        let next_closest = (polygon.coords_iter())
            .filter(|c| c.y != y_mid)
            .map(|c| (c.y, (c.y - y_mid).abs()))
            .min_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(Ordering::Less));
        if let Some((closest, _)) = next_closest {
            y_mid = (y_mid + closest) / 2.0;
        }
    }
    let scan_line = Line::new(Coord { x: bounds.min().x, y: y_mid }, Coord { x: bounds.max().x, y: y_mid });

    // geo's sweep takes segments from west to east by their western ends, the line after those
    // that start as far west as it does, and intersects each pair in that order.
    let mut crossings: Vec<Coord<f64>> = Vec::new();
    for line in polygon.lines_iter() {
        if line == scan_line {
            return Err(Flat);
        }
        let west = if line.start.x < line.end.x { line.start.x } else { line.end.x };
        let crossing = if west.total_cmp(&scan_line.start.x).is_le() {
            line_intersection(line, scan_line)
        } else {
            line_intersection(scan_line, line)
        };
        match crossing {
            Some(LineIntersection::Collinear { intersection }) => {
                crossings.extend([intersection.start, intersection.end])
            }
            Some(LineIntersection::SinglePoint { intersection, .. }) => crossings.push(intersection),
            None => {}
        }
    }
    crossings.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut stretches: Vec<(Point<f64>, f64)> =
        crossings.windows(2).map(|w| (Point::new((w[0].x + w[1].x) / 2.0, y_mid), w[1].x - w[0].x)).collect();
    stretches.sort_by(|a, b| b.1.total_cmp(&a.1));

    // Where geo relates each middle to the polygon: the same question, asked of indexes.
    let area = Area::new(polygon.orient(Direction::Default));
    let outline = OnceCell::new();
    for (middle, width) in stretches {
        if area.holds(middle) {
            return Ok(Some((middle, width)));
        }
        if outline.get_or_init(|| Segments::of(rings(polygon))).touch(middle) {
            return Ok(Some((middle, 0.0)));
        }
    }
    Ok(polygon.coords_iter().next().map(|c| (c.into(), 0.0)))
}

/// A geometry's positions as GeoJSON nests them.
enum Parts<'a> {
    Points(Vec<&'a Position>),
    Lines(Vec<&'a [Position]>),
    Polygons(Vec<&'a [Vec<Position>]>),
}

impl<'a> Parts<'a> {
    fn of(value: &'a GeometryValue) -> Option<Self> {
        Some(match value {
            GeometryValue::Point { coordinates } => Parts::Points(vec![coordinates]),
            GeometryValue::MultiPoint { coordinates } => Parts::Points(coordinates.iter().collect()),
            GeometryValue::LineString { coordinates } => Parts::Lines(vec![coordinates]),
            GeometryValue::MultiLineString { coordinates } => {
                Parts::Lines(coordinates.iter().map(Vec::as_slice).collect())
            }
            GeometryValue::Polygon { coordinates } => Parts::Polygons(vec![coordinates]),
            GeometryValue::MultiPolygon { coordinates } => {
                Parts::Polygons(coordinates.iter().map(Vec::as_slice).collect())
            }
            GeometryValue::GeometryCollection { .. } => return None,
        })
    }

    fn positions(&self) -> Vec<&'a Position> {
        match self {
            Parts::Points(points) => points.clone(),
            Parts::Lines(lines) => lines.iter().flat_map(|l| l.iter()).collect(),
            Parts::Polygons(polygons) => polygons.iter().flat_map(|p| p.iter().flatten()).collect(),
        }
    }

    /// Lines of at least 2 positions; polygons with rings that are closed and have at least 4.
    fn check_shape(&self, field: &str, problems: &mut Problems) -> bool {
        let before = problems.errors().count();
        match self {
            Parts::Points(_) => {}
            Parts::Lines(lines) => {
                for (i, line) in lines.iter().enumerate().filter(|(_, l)| l.len() < 2) {
                    let name = if lines.len() > 1 { format!("line {i}") } else { "the line".into() };
                    problems.error(
                        field,
                        Rule::LocationInvalid,
                        format!("{name} has {} position(s); a line needs at least 2", line.len()),
                    );
                }
            }
            Parts::Polygons(polygons) => {
                for (i, rings) in polygons.iter().enumerate() {
                    let polygon = if polygons.len() > 1 { format!("polygon {i}") } else { "the polygon".into() };
                    if rings.is_empty() {
                        problems.error(field, Rule::LocationRing, format!("{polygon} has no rings"));
                    }
                    for (j, ring) in rings.iter().enumerate() {
                        if let Some(problem) = ring_problem(ring) {
                            let name = if j == 0 {
                                format!("the outer ring of {polygon}")
                            } else {
                                format!("hole {j} of {polygon}")
                            };
                            problems.error(field, Rule::LocationRing, format!("{name} {problem}"));
                        }
                    }
                }
            }
        }
        problems.errors().count() == before
    }
}

fn ring_problem(ring: &[Position]) -> Option<String> {
    if ring.len() < 4 {
        return Some(format!("has {} position(s); a ring needs at least 4, the last repeating the first", ring.len()));
    }
    let (a, b) = (&ring[0], &ring[ring.len() - 1]);
    (a[..2] != b[..2])
        .then(|| format!("is not closed: it starts at {} but ends at {}", pair(a[0], a[1]), pair(b[0], b[1])))
}

/// What is wrong with a position as WGS 84 longitude/latitude, if anything.
fn wgs84_problem(p: &Position) -> Option<String> {
    let &[x, y, ..] = p.as_slice() else {
        return Some(format!("position {:?} needs a longitude and a latitude", p.as_slice()));
    };
    // Written out only for a problem: formatting every vertex took a tenth of a big check.
    let at = || pair(x, y);
    if !x.is_finite() || !y.is_finite() {
        Some(format!("coordinate {} is not a pair of finite numbers", at()))
    } else if !(-180.0..=180.0).contains(&x) {
        Some(format!("coordinate {} has longitude {x} outside [-180, 180]", at()))
    } else if !(-90.0..=90.0).contains(&y) {
        Some(format!("coordinate {} has latitude {y} outside [-90, 90]", at()))
    } else {
        None
    }
}

fn and_more(first: &str, count: usize, what: &str) -> String {
    if count == 1 { first.to_string() } else { format!("{first}; {count} {what}") }
}

/// `(x, y)` with as many decimals as matter, at least 2 and at most 5 (about 1 m).
fn pair(x: f64, y: f64) -> String {
    fn number(v: f64) -> String {
        let s = format!("{v:.5}");
        let zeros = s.len() - s.trim_end_matches('0').len();
        s[..s.len() - zeros.min(3)].to_string()
    }
    format!("({}, {})", number(x), number(y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::collection::vec;
    use proptest::prelude::*;

    /// A position on a 9 × 9 grid: coarse, so that random rings often touch, cross, run along
    /// each other, repeat positions or lie on one line.
    fn grid_coord() -> impl Strategy<Value = Coord<f64>> {
        (0..9u8, 0..9u8).prop_map(|(x, y)| Coord { x: f64::from(x), y: f64::from(y) })
    }

    /// A rectangle with corners on the grid, `at` to `at + 4` from the origin and 1 to `most`
    /// long each way.
    fn rectangle(at: std::ops::Range<u8>, most: u8) -> impl Strategy<Value = LineString<f64>> {
        (at.clone(), at, 1..=most, 1..=most).prop_map(|(x, y, w, h)| {
            let (x0, y0, x1, y1) = (f64::from(x), f64::from(y), f64::from(x + w), f64::from(y + h));
            LineString::from(vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)])
        })
    }

    /// A closed ring: mostly rectangles and triangles, which are simple and so get as far as
    /// the tests between rings, and some of 4 to 6 positions anywhere.
    fn grid_ring() -> impl Strategy<Value = LineString<f64>> {
        let any = prop_oneof![vec(grid_coord(), 3..4), vec(grid_coord(), 4..7)].prop_map(|coords| {
            let mut ring = LineString::new(coords);
            ring.close();
            ring
        });
        prop_oneof![
            2 => rectangle(0..5, 4),
            // Small and off the edges of the grid: apart from a shell that is the whole grid.
            2 => rectangle(1..6, 2),
            1 => any,
        ]
    }

    /// A shell, often the whole grid so that holes fit in it, and up to 3 holes; or a frame
    /// round the grid, for the other polygons to sit in its hole.
    fn grid_polygon() -> impl Strategy<Value = Polygon<f64>> {
        let square = |a: f64, b: f64| LineString::from(vec![(a, a), (b, a), (b, b), (a, b), (a, a)]);
        let shell = prop_oneof![1 => Just(square(0.0, 8.0)), 2 => grid_ring()];
        prop_oneof![
            3 => (shell, vec(grid_ring(), 0..4)).prop_map(|(shell, holes)| Polygon::new(shell, holes)),
            1 => Just(Polygon::new(square(-1.0, 9.0), vec![square(0.0, 8.0)])),
        ]
    }

    /// A closed ring of `n` vertices on an ellipse, clockwise for a hole.
    fn ellipse(centre: (f64, f64), radii: (f64, f64), n: usize, clockwise: bool) -> LineString<f64> {
        let sign = if clockwise { -1.0 } else { 1.0 };
        let mut ring: LineString<f64> = (0..n)
            .map(|i| {
                let a = sign * std::f64::consts::TAU * i as f64 / n as f64 + 0.1;
                (centre.0 + radii.0 * a.cos(), centre.1 + radii.1 * a.sin())
            })
            .collect();
        ring.close();
        ring
    }

    #[test]
    fn curved_areas_are_marked_where_geo_marks_them() {
        let karaganda = (73.1, 49.8);
        let shapes = [
            Polygon::new(ellipse(karaganda, (0.05, 0.03), 999, false), vec![]),
            Polygon::new(
                ellipse(karaganda, (0.05, 0.05), 500, false),
                vec![ellipse(karaganda, (0.02, 0.03), 333, true), ellipse((73.13, 49.8), (0.01, 0.01), 77, true)],
            ),
        ];
        for p in shapes {
            assert_eq!(invalidity(&p.clone().into()), None);
            let several = MultiPolygon::new(vec![
                p.clone(),
                Polygon::new(ellipse((73.1, 49.8), (0.01, 0.01), 50, false), vec![]),
                Polygon::new(ellipse((73.3, 49.9), (0.04, 0.04), 100, false), vec![]),
            ]);
            for g in [geo::Geometry::Polygon(p), geo::Geometry::MultiPolygon(several)] {
                assert_eq!(representative_point(&g), g.interior_point(), "{g:?}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]

        /// The check finds what geo's own quadratic validation finds, and finds it first.
        #[test]
        fn areas_are_judged_as_geo_judges_them(polygons in vec(grid_polygon(), 1..4)) {
            let geometries = [
                geo::Geometry::Polygon(polygons[0].clone()),
                geo::Geometry::MultiPolygon(MultiPolygon::new(polygons)),
            ];
            for g in geometries {
                // In debug builds geo's relate asserts on some shapes geo's validation lets
                // through; those prove nothing here.
                let geo_says = std::panic::catch_unwind(|| g.check_validation().err());
                prop_assume!(geo_says.is_ok());
                prop_assert_eq!(invalidity(&g), geo_says.unwrap(), "{:?}", g);
            }
        }

        /// The marker goes where geo's `InteriorPoint` puts it, for every area geo finds valid.
        #[test]
        fn areas_are_marked_where_geo_marks_them(polygons in vec(grid_polygon(), 1..4)) {
            let geometries = [
                geo::Geometry::Polygon(polygons[0].clone()),
                geo::Geometry::MultiPolygon(MultiPolygon::new(polygons)),
            ];
            for g in geometries.into_iter().filter(|g| invalidity(g).is_none()) {
                let geo_says = std::panic::catch_unwind(|| g.interior_point());
                prop_assume!(geo_says.is_ok());
                prop_assert_eq!(representative_point(&g), geo_says.unwrap(), "{:?}", g);
            }
        }
    }
}
