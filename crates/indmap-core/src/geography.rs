//! Where things are: the region boundaries shipped with the app, and the check of a project's
//! location against them.

use crate::Rule;
use std::sync::OnceLock;

use geo::{
    BoundingRect, Contains, Coord, CoordsIter, Distance, Euclidean, InteriorPoint, Intersects, MultiPolygon, Point,
    Rect, Validation,
};
use geojson::{GeometryValue, Position};

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
}

struct RegionShape {
    region: &'static Region,
    shape: MultiPolygon<f64>,
    bbox: Rect<f64>,
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
            regions.push(RegionShape { region, shape, bbox });
        }
        if let Some(r) = REGIONS.iter().find(|r| regions.iter().filter(|s| s.region.kato == r.kato).count() != 1) {
            return Err(format!("region {} must appear exactly once", r.kato));
        }
        Ok(Boundaries { regions })
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
        self.get(kato).is_some_and(|r| r.shape.contains(&p))
    }

    /// The region whose outline contains the point (longitude, latitude), or failing that the
    /// nearest one within [`NEAR_DEGREES`].
    pub fn region_at(&self, p: Point<f64>) -> Option<&'static Region> {
        if let Some(r) = self.regions.iter().find(|r| r.bbox.intersects(&p) && r.shape.contains(&p)) {
            return Some(r.region);
        }
        let near = Coord { x: NEAR_DEGREES, y: NEAR_DEGREES };
        self.regions
            .iter()
            .filter(|r| Rect::new(r.bbox.min() - near, r.bbox.max() + near).intersects(&p))
            .map(|r| (Euclidean.distance(&p, &r.shape), r.region))
            .filter(|(d, _)| *d <= NEAR_DEGREES)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, region)| region)
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
    if let Err(e) = geometry.check_validation() {
        problems.error(field, Rule::LocationInvalid, e.to_string());
        return None;
    }
    let Some(representative) = geometry.interior_point() else {
        problems.error(field, Rule::LocationInvalid, "the geometry has no coordinates");
        return None;
    };

    let mut outside: Vec<Coord<f64>> = Vec::new();
    for c in geometry.coords_iter() {
        if !outside.contains(&c) && boundaries().region_at(c.into()).is_none() {
            outside.push(c);
        }
    }
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
    let at = pair(x, y);
    if !x.is_finite() || !y.is_finite() {
        Some(format!("coordinate {at} is not a pair of finite numbers"))
    } else if !(-180.0..=180.0).contains(&x) {
        Some(format!("coordinate {at} has longitude {x} outside [-180, 180]"))
    } else if !(-90.0..=90.0).contains(&y) {
        Some(format!("coordinate {at} has latitude {y} outside [-90, 90]"))
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
