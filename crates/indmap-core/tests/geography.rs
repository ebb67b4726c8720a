use geo::{Coord, CoordsIter, InteriorPoint, Point};
use geojson::Geometry;
use indmap_core::Problems;
use indmap_core::geography::{LocationCheck, boundaries, check_location};
use indmap_core::reference::{REGIONS, region};

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
