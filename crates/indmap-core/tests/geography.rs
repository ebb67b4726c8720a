use geo::{Contains, Coord, CoordsIter, Distance, Euclidean, InteriorPoint, Intersects, Point};
use geojson::Geometry;
use indmap_core::geography::{LocationCheck, boundaries, check_location};
use indmap_core::reference::{REGIONS, region};
use indmap_core::{Problems, Rule};

const KARAGANDA: [f64; 2] = [73.103, 49.816];
const ASTANA: [f64; 2] = [71.458, 51.166];
const BEIJING: [f64; 2] = [116.40, 39.90];
const TASHKENT: [f64; 2] = [69.24, 41.31];
/// Mid-Caspian, about 100 km off the Mangystau coast.
const CASPIAN: [f64; 2] = [50.0, 43.0];

fn at(c: [f64; 2]) -> Point<f64> {
    Point::new(c[0], c[1])
}

fn check(g: Geometry) -> (Option<(geo::Geometry<f64>, LocationCheck)>, Problems) {
    let mut problems = Problems::new();
    let result = check_location("geometry", &g, &mut problems);
    assert_eq!(result.is_some(), !problems.has_errors(), "{problems:?}");
    (result, problems)
}

/// The one error the geometry gets, as (rule, message).
fn refused(g: Geometry) -> (indmap_core::Rule, String) {
    let (result, problems) = check(g);
    assert!(result.is_none());
    assert_eq!(problems.0.len(), 1, "{problems:?}");
    assert_eq!(problems.0[0].field, "geometry");
    (problems.0[0].rule, problems.0[0].message.clone())
}

#[test]
fn the_asset_has_every_region() {
    let text: geojson::FeatureCollection = boundaries().geojson_text().parse().unwrap();
    assert_eq!(text.features.len(), 20);
    for r in &REGIONS {
        assert!(boundaries().shape(r.kato).is_some(), "{}", r.kato);
        let rect = boundaries().bounding_rect(r.kato).unwrap();
        assert!(rect.min().x > 46.0 && rect.max().x < 88.0 && rect.min().y > 40.0 && rect.max().y < 56.0);
    }
    assert!(boundaries().shape("36").is_none());
}

#[test]
fn each_centre_is_in_its_region() {
    for r in &REGIONS {
        let (lat, lon) = r.centre;
        let p = Point::new(lon, lat);
        assert_eq!(boundaries().region_at(p).map(|f| f.kato), Some(r.kato), "{}", r.name_en);
        assert!(boundaries().contains(r.kato, p), "{}", r.name_en);
    }
}

#[test]
fn every_part_of_a_city_belongs_to_the_city_not_its_oblast() {
    for r in REGIONS.iter().filter(|r| r.is_city) {
        for polygon in boundaries().shape(r.kato).unwrap() {
            let inside = polygon.interior_point().unwrap();
            assert_eq!(boundaries().region_at(inside).map(|f| f.kato), Some(r.kato));
        }
    }
}

#[test]
fn foreign_places_are_outside() {
    for p in [BEIJING, TASHKENT, CASPIAN] {
        assert_eq!(boundaries().region_at(at(p)), None, "{p:?}");
    }
    assert!(!boundaries().contains("35", at(BEIJING)));
    assert!(!boundaries().contains("99", at(KARAGANDA)));
}

#[test]
fn a_point_just_past_a_simplified_border_counts_as_in() {
    // The easternmost vertex of East Kazakhstan is on the border with China.
    let east = boundaries().shape("63").unwrap().coords_iter().max_by(|a, b| a.x.total_cmp(&b.x)).unwrap();
    let off = |dx: f64| Point::from(east + Coord { x: dx, y: 0.0 });
    assert!(!boundaries().contains("63", off(0.01)));
    assert_eq!(boundaries().region_at(off(0.01)).map(|r| r.kato), Some("63"));
    assert_eq!(boundaries().region_at(off(0.05)), None);
}

#[test]
fn a_point_in_karaganda() {
    let (result, problems) = check(Geometry::new_point(KARAGANDA));
    let (geometry, found) = result.unwrap();
    assert!(problems.is_empty());
    assert_eq!(geometry, geo::Geometry::Point(at(KARAGANDA)));
    assert_eq!(found, LocationCheck { representative: at(KARAGANDA), region: region("35") });
}

#[test]
fn a_third_dimension_is_ignored() {
    let (result, _) = check(Geometry::new_point([73.103, 49.816, 550.0]));
    assert_eq!(result.unwrap().1.region, region("35"));
}

#[test]
fn a_road_from_karaganda_to_astana() {
    let (result, _) = check(Geometry::new_line_string([KARAGANDA, ASTANA]));
    let (geometry, found) = result.unwrap();
    assert!(matches!(geometry, geo::Geometry::LineString(_)));
    assert!(matches!(found.region.map(|r| r.kato), Some("35" | "71")));
}

#[test]
fn a_site_in_karaganda() {
    let site = [[73.0, 49.8], [73.1, 49.8], [73.1, 49.9], [73.0, 49.9], [73.0, 49.8]];
    let (result, _) = check(Geometry::new_polygon([site]));
    let found = result.unwrap().1;
    assert_eq!(found.region, region("35"));
    assert!(found.representative.x() > 73.0 && found.representative.y() < 49.9);
}

#[test]
fn a_geometry_collection_is_refused() {
    let g = Geometry::new_geometry_collection([Geometry::new_point(KARAGANDA)]);
    assert_eq!(refused(g).0, indmap_core::Rule::LocationType);
}

#[test]
fn an_unclosed_ring_is_refused() {
    let ring = [[73.0, 49.8], [73.1, 49.8], [73.1, 49.9], [73.0, 49.9]];
    let (rule, message) = refused(Geometry::new_polygon([ring]));
    assert_eq!(rule, indmap_core::Rule::LocationRing);
    assert!(message.contains("not closed"), "{message}");
}

#[test]
fn a_ring_of_three_positions_is_refused() {
    let (rule, _) = refused(Geometry::new_polygon([[[73.0, 49.8], [73.1, 49.8], [73.0, 49.8]]]));
    assert_eq!(rule, indmap_core::Rule::LocationRing);
}

#[test]
fn a_self_intersecting_polygon_is_refused() {
    let bowtie = [[73.0, 49.8], [73.1, 49.9], [73.1, 49.8], [73.0, 49.9], [73.0, 49.8]];
    let (rule, message) = refused(Geometry::new_polygon([bowtie]));
    assert_eq!(rule, indmap_core::Rule::LocationInvalid);
    assert!(message.contains("self-intersection"), "{message}");
}

#[test]
fn a_line_of_one_position_is_refused() {
    assert_eq!(refused(Geometry::new_line_string([KARAGANDA])).0, indmap_core::Rule::LocationInvalid);
}

#[test]
fn latitude_95_is_refused() {
    let (rule, message) = refused(Geometry::new_point([73.1, 95.0]));
    assert_eq!(rule, indmap_core::Rule::LocationWgs84);
    assert!(message.contains("(73.10, 95.00)") && message.contains("latitude"), "{message}");
}

#[test]
fn nan_is_refused() {
    let (rule, message) = refused(Geometry::new_line_string([KARAGANDA, [f64::NAN, 51.0]]));
    assert_eq!(rule, indmap_core::Rule::LocationWgs84);
    assert!(message.contains("NaN"), "{message}");
}

#[test]
fn beijing_is_outside_kazakhstan() {
    let (rule, message) = refused(Geometry::new_point(BEIJING));
    assert_eq!(rule, indmap_core::Rule::LocationOutsideKazakhstan);
    assert_eq!(message, "point (116.40, 39.90) lies outside Kazakhstan");
}

#[test]
fn many_vertices_outside_are_counted() {
    let g = Geometry::new_multi_point([KARAGANDA, TASHKENT, BEIJING, CASPIAN]);
    let (rule, message) = refused(g);
    assert_eq!(rule, indmap_core::Rule::LocationOutsideKazakhstan);
    assert_eq!(message, "point (69.24, 41.31) and 2 other vertices lie outside Kazakhstan");
}

#[test]
fn a_line_ending_abroad_is_refused() {
    let (rule, _) = refused(Geometry::new_line_string([KARAGANDA, TASHKENT]));
    assert_eq!(rule, indmap_core::Rule::LocationOutsideKazakhstan);
}

#[test]
fn an_empty_geometry_is_refused() {
    let (rule, message) = refused(Geometry::new_multi_point(Vec::<[f64; 2]>::new()));
    assert_eq!(rule, indmap_core::Rule::LocationInvalid);
    assert_eq!(message, "the geometry has no coordinates");
}

#[test]
fn a_ring_that_is_not_closed_names_its_ends() {
    let ring = [[73.0, 49.8], [73.1, 49.8], [73.1, 49.9], [73.0, 49.9]];
    let hole = [[73.02, 49.82], [73.05, 49.82], [73.05, 49.85], [73.02, 49.82]];
    let (_, message) = refused(Geometry::new_polygon([ring.to_vec(), hole.to_vec()]));
    assert_eq!(
        message,
        "the outer ring of the polygon is not closed: it starts at (73.00, 49.80) but ends at (73.00, 49.90)"
    );
}

/// The message of the one error, which must be `Rule::LocationInvalid`.
fn invalid(g: Geometry) -> String {
    let (rule, message) = refused(g);
    assert_eq!(rule, Rule::LocationInvalid, "{message}");
    message
}

/// A closed ring of `n` vertices on a circle around Karaganda, `radius` degrees wide.
fn circle(radius: f64, n: usize) -> Vec<[f64; 2]> {
    let mut ring: Vec<[f64; 2]> = (0..n)
        .map(|i| {
            let a = std::f64::consts::TAU * i as f64 / n as f64;
            [KARAGANDA[0] + radius * a.cos(), KARAGANDA[1] + radius * a.sin()]
        })
        .collect();
    ring.push(ring[0]);
    ring
}

/// A square ring with its south-west corner at (x, y) and sides `d` degrees long.
fn square(x: f64, y: f64, d: f64) -> Vec<[f64; 2]> {
    vec![[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]
}

#[test]
fn a_ring_that_crosses_itself_is_refused() {
    // Round a square, then back down across its first side.
    let ring = [[73.0, 49.8], [73.2, 49.8], [73.2, 49.9], [73.1, 49.9], [73.1, 49.7], [73.0, 49.7], [73.0, 49.8]];
    assert_eq!(invalid(Geometry::new_polygon([ring])), "exterior ring has a self-intersection");
}

#[test]
fn a_bow_tie_is_refused_by_name() {
    let bowtie = vec![[73.0, 49.8], [73.1, 49.9], [73.1, 49.8], [73.0, 49.9], [73.0, 49.8]];
    assert_eq!(invalid(Geometry::new_polygon([bowtie.clone()])), "exterior ring has a self-intersection");
    let g = Geometry::new_multi_polygon([vec![square(73.3, 49.8, 0.1)], vec![bowtie]]);
    assert_eq!(invalid(g), "polygon at index 1 is invalid: exterior ring has a self-intersection");
}

#[test]
fn a_ring_that_touches_itself_at_a_vertex_is_refused() {
    // A spike out of the north side and back to where it left.
    let ring = [
        [73.0, 49.8],
        [73.1, 49.8],
        [73.1, 49.9],
        [73.05, 49.9],
        [73.05, 49.95],
        [73.05, 49.9],
        [73.0, 49.9],
        [73.0, 49.8],
    ];
    assert_eq!(invalid(Geometry::new_polygon([ring])), "exterior ring has a self-intersection");
}

#[test]
fn a_hole_that_crosses_its_shell_is_refused() {
    let g = Geometry::new_polygon([square(73.0, 49.8, 0.1), square(73.05, 49.85, 0.1)]);
    assert_eq!(invalid(g), "interior ring at index 0 is not contained within the polygon's exterior");
}

#[test]
fn a_hole_outside_its_shell_is_refused() {
    let g = Geometry::new_polygon([square(73.0, 49.8, 0.1), square(73.3, 49.8, 0.05)]);
    assert_eq!(invalid(g), "interior ring at index 0 is not contained within the polygon's exterior");
}

#[test]
fn a_hole_along_its_shell_is_refused() {
    let g = Geometry::new_polygon([square(73.0, 49.8, 0.1), square(73.0, 49.82, 0.05)]);
    assert_eq!(invalid(g), "exterior ring and interior ring at index 0 intersect on a line");
}

#[test]
fn holes_that_overlap_are_refused() {
    let g = Geometry::new_polygon([square(73.0, 49.8, 0.1), square(73.01, 49.81, 0.04), square(73.03, 49.83, 0.04)]);
    assert_eq!(invalid(g), "interior ring at index 0 and interior ring at index 1 intersect on an area");
}

#[test]
fn a_hole_inside_another_hole_is_refused() {
    let (outer, inner) = (square(73.01, 49.81, 0.08), square(73.03, 49.83, 0.02));
    let g = Geometry::new_polygon([square(73.0, 49.8, 0.1), outer.clone(), inner.clone()]);
    assert_eq!(invalid(g), "interior ring at index 0 and interior ring at index 1 intersect on an area");
    let g = Geometry::new_polygon([square(73.0, 49.8, 0.1), inner, outer]);
    assert_eq!(invalid(g), "interior ring at index 0 and interior ring at index 1 intersect on an area");
}

#[test]
fn holes_that_share_a_side_are_refused() {
    let g = Geometry::new_polygon([square(73.0, 49.8, 0.1), square(73.01, 49.81, 0.03), square(73.04, 49.81, 0.03)]);
    assert_eq!(invalid(g), "interior ring at index 0 and interior ring at index 1 intersect on a line");
}

#[test]
fn holes_may_touch_at_a_point_each_other_and_their_shell() {
    // Two diamonds in a row, the first with its west corner on the shell's west side.
    let diamond = |x: f64| vec![[x, 49.83], [x + 0.02, 49.81], [x + 0.04, 49.83], [x + 0.02, 49.85], [x, 49.83]];
    let g = Geometry::new_polygon([square(73.0, 49.8, 0.1), diamond(73.0), diamond(73.04)]);
    assert!(check(g).0.is_some());
}

#[test]
fn overlapping_polygons_of_a_multipolygon_are_refused() {
    let g = Geometry::new_multi_polygon([vec![square(73.0, 49.8, 0.1)], vec![square(73.05, 49.85, 0.1)]]);
    assert_eq!(invalid(g), "polygons at indices 0 and 1 overlap");
    // One wholly inside the other, listed far apart.
    let parts = [square(73.0, 49.8, 0.1), square(73.5, 49.8, 0.1), square(73.02, 49.82, 0.02)];
    let g = Geometry::new_multi_polygon(parts.map(|ring| vec![ring]));
    assert_eq!(invalid(g), "polygons at indices 0 and 2 overlap");
}

#[test]
fn polygons_of_a_multipolygon_sharing_a_side_are_refused() {
    let g = Geometry::new_multi_polygon([vec![square(73.0, 49.8, 0.1)], vec![square(73.1, 49.8, 0.1)]]);
    assert_eq!(invalid(g), "polygons at indices 0 and 1 touch on a line");
}

#[test]
fn polygons_of_a_multipolygon_may_touch_at_a_corner_or_sit_in_a_hole() {
    let corner = Geometry::new_multi_polygon([vec![square(73.0, 49.8, 0.1)], vec![square(73.1, 49.9, 0.1)]]);
    assert!(check(corner).0.is_some());
    let island = Geometry::new_multi_polygon([
        vec![square(73.0, 49.8, 0.1), square(73.02, 49.82, 0.06)],
        vec![square(73.04, 49.84, 0.02)],
    ]);
    assert!(check(island).0.is_some());
}

#[test]
fn a_ring_of_fewer_than_3_distinct_points_is_refused() {
    let ring = [[73.0, 49.8], [73.1, 49.8], [73.1, 49.8], [73.0, 49.8]];
    assert_eq!(invalid(Geometry::new_polygon([ring])), "exterior ring must have at least 3 distinct points");
}

#[test]
fn repeated_positions_in_a_ring_are_allowed() {
    let ring = [
        [73.0, 49.8],
        [73.0, 49.8],
        [73.1, 49.8],
        [73.1, 49.8],
        [73.1, 49.8],
        [73.1, 49.9],
        [73.0, 49.8],
        [73.0, 49.8],
    ];
    assert!(check(Geometry::new_polygon([ring])).0.is_some());
}

#[test]
fn a_line_that_stays_in_one_place_is_refused() {
    assert_eq!(
        invalid(Geometry::new_line_string([KARAGANDA, KARAGANDA])),
        "line string must have at least 2 distinct points"
    );
}

#[test]
fn a_polygon_of_100_000_vertices_is_checked() {
    // About 6 m between vertices, 1.1 km from the centre of Karaganda.
    let ring = circle(0.01, 100_000);
    let (result, _) = check(Geometry::new_polygon([ring.clone()]));
    assert_eq!(result.unwrap().1.region, region("35"));

    // Two neighbours swapped: a crossing 6 m wide, half way round.
    let mut crossed = ring;
    crossed.swap(50_000, 50_001);
    assert_eq!(invalid(Geometry::new_polygon([crossed])), "exterior ring has a self-intersection");
}

#[test]
fn each_vertex_outside_is_counted_once() {
    let g = Geometry::new_multi_point([TASHKENT, KARAGANDA, TASHKENT, BEIJING, [-0.0, 0.0], [0.0, -0.0]]);
    let (rule, message) = refused(g);
    assert_eq!(rule, Rule::LocationOutsideKazakhstan);
    assert_eq!(message, "point (69.24, 41.31) and 2 other vertices lie outside Kazakhstan");
}

/// `region_at` as it was written first: every outline tested whole.
fn region_at_measured_whole(p: Point<f64>) -> Option<&'static str> {
    if let Some(r) = REGIONS.iter().find(|r| boundaries().shape(r.kato).unwrap().contains(&p)) {
        return Some(r.kato);
    }
    let near = Coord { x: 0.02, y: 0.02 };
    REGIONS
        .iter()
        .filter(|r| {
            let rect = boundaries().bounding_rect(r.kato).unwrap();
            geo::Rect::new(rect.min() - near, rect.max() + near).intersects(&p)
        })
        .map(|r| (Euclidean.distance(&p, boundaries().shape(r.kato).unwrap()), r.kato))
        .filter(|(d, _)| *d <= 0.02)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, kato)| kato)
}

#[test]
fn region_at_agrees_with_testing_every_outline_whole() {
    // A grid over the country and beyond, and points just off every 40th vertex of the outlines,
    // where the indexed tests and the nearest-region fallback have to decide.
    let mut points: Vec<Point<f64>> = (0..=40)
        .flat_map(|i| (0..=16).map(move |j| Point::new(46.0 + 42.0 * i as f64 / 40.0, 40.0 + 16.0 * j as f64 / 16.0)))
        .collect();
    for r in &REGIONS {
        for c in boundaries().shape(r.kato).unwrap().coords_iter().step_by(40) {
            for (dx, dy) in [(0.0, 0.0), (0.004, 0.0), (-0.011, 0.007), (0.0, 0.019), (0.015, -0.015), (0.03, 0.0)] {
                points.push(Point::new(c.x + dx, c.y + dy));
            }
        }
    }
    for p in points {
        assert_eq!(boundaries().region_at(p).map(|r| r.kato), region_at_measured_whole(p), "{p:?}");
    }
}
