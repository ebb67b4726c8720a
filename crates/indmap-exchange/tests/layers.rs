//! Users' own layers: GeoJSON and GeoPackage files made by GDAL (an independent writer), read
//! into GeoJSON in WGS 84; other coordinate systems, corrupt files and oversize files refused
//! with the file and the rule named. Needs `ogr2ogr` (gdal-bin, installed by scripts/setup.sh).

use indmap_exchange::layers::{LayerError, MAX_FEATURES, read_layers};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Two districts of Karaganda region with Kazakh property names, as a planner would get them.
fn districts() -> serde_json::Value {
    json!({
        "type": "FeatureCollection",
        "name": "аудандар",
        "features": [
            {"type": "Feature", "properties": {"атауы": "Абай ауданы", "халқы": 52000, "орталығы": "Абай"},
             "geometry": {"type": "Polygon", "coordinates": [[[72.6, 49.5], [73.2, 49.5], [73.2, 49.9], [72.6, 49.9], [72.6, 49.5]]]}},
            {"type": "Feature", "properties": {"атауы": "Бұқар жырау ауданы", "халқы": 61000, "орталығы": "Ботақара"},
             "geometry": {"type": "Polygon", "coordinates": [[[73.2, 49.9], [74.0, 49.9], [74.0, 50.6], [73.2, 50.6], [73.2, 49.9]]]}}
        ]
    })
}

fn zones() -> serde_json::Value {
    json!({
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"аймақ": "Сарыарқа АЭА", "ауданы_га": 467.5},
             "geometry": {"type": "Point", "coordinates": [73.15, 49.83]}}
        ]
    })
}

fn write(dir: &Path, name: &str, value: &serde_json::Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
    path
}

fn ogr2ogr(args: &[&str]) {
    let out = Command::new("ogr2ogr").args(args).output().expect("ogr2ogr (gdal-bin) is installed");
    assert!(out.status.success(), "ogr2ogr {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn geojson_with_kazakh_properties_is_read_with_its_extent() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "districts.geojson", &districts());
    let layers = read_layers(&path).unwrap();
    assert_eq!(layers.len(), 1);
    let l = &layers[0];
    assert_eq!(l.name, "аудандар", "the GeoJSON's own name names the layer");
    assert_eq!(l.collection.features.len(), 2);
    assert_eq!(l.bbox, Some([72.6, 49.5, 74.0, 50.6]));
    let props = l.collection.features[1].properties.as_ref().unwrap();
    assert_eq!(props["атауы"], json!("Бұқар жырау ауданы"));
    assert_eq!(props["халқы"], json!(61000));
}

#[test]
fn every_feature_table_of_a_gdal_geopackage_is_a_layer() {
    let dir = tempfile::tempdir().unwrap();
    let districts = write(dir.path(), "d.geojson", &districts());
    let zones = write(dir.path(), "z.geojson", &zones());
    let gpkg = dir.path().join("karaganda.gpkg");
    let gpkg_s = gpkg.to_str().unwrap();
    ogr2ogr(&["-f", "GPKG", gpkg_s, districts.to_str().unwrap(), "-nln", "districts"]);
    ogr2ogr(&["-f", "GPKG", "-update", gpkg_s, zones.to_str().unwrap(), "-nln", "industrial_zones"]);

    let layers = read_layers(&gpkg).unwrap();
    let names: Vec<&str> = layers.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["districts", "industrial_zones"]);

    let d = &layers[0];
    assert_eq!(d.collection.features.len(), 2);
    let g = d.collection.features[0].geometry.as_ref().unwrap();
    assert_eq!(g.value.type_name(), "Polygon");
    let props = d.collection.features[0].properties.as_ref().unwrap();
    assert_eq!(props["атауы"], json!("Абай ауданы"), "Kazakh column names and values survive");
    assert_eq!(props["халқы"], json!(52000));
    assert!(!props.contains_key("geom"), "the geometry column is the geometry, not a property");
    let [w, s, e, n] = d.bbox.unwrap();
    assert!((w - 72.6).abs() < 1e-9 && (s - 49.5).abs() < 1e-9 && (e - 74.0).abs() < 1e-9 && (n - 50.6).abs() < 1e-9);

    let z = &layers[1];
    assert_eq!(z.collection.features.len(), 1);
    let point = z.collection.features[0].geometry.as_ref().unwrap();
    assert_eq!(serde_json::to_value(point).unwrap()["coordinates"], json!([73.15, 49.83]));
    assert_eq!(z.collection.features[0].properties.as_ref().unwrap()["ауданы_га"], json!(467.5));
}

#[test]
fn a_layer_in_another_coordinate_system_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let src = write(dir.path(), "d.geojson", &districts());
    let gpkg = dir.path().join("utm.gpkg");
    ogr2ogr(&[
        "-f",
        "GPKG",
        gpkg.to_str().unwrap(),
        src.to_str().unwrap(),
        "-nln",
        "districts_utm",
        "-t_srs",
        "EPSG:32643",
    ]);
    let err = read_layers(&gpkg).unwrap_err();
    assert!(matches!(err, LayerError::WrongSrs { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("utm.gpkg") && msg.contains("districts_utm") && msg.contains("EPSG:32643"), "{msg}");

    // The same as GeoJSON with a 2008-style crs member.
    let geojson = dir.path().join("utm.geojson");
    ogr2ogr(&["-f", "GeoJSON", geojson.to_str().unwrap(), src.to_str().unwrap(), "-t_srs", "EPSG:32643"]);
    let msg = read_layers(&geojson).unwrap_err().to_string();
    assert!(msg.contains("utm.geojson") && msg.contains("32643"), "{msg}");

    // Projected numbers without any crs member are caught by their range.
    let mut projected = districts();
    projected["features"][0]["geometry"] = json!({"type": "Point", "coordinates": [512000.0, 5480000.0]});
    let path = write(dir.path(), "bare.geojson", &projected);
    let err = read_layers(&path).unwrap_err();
    assert!(matches!(err, LayerError::BadGeometry { feature: 1, .. }), "{err:?}");
}

#[test]
fn corrupt_and_foreign_files_are_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let src = write(dir.path(), "d.geojson", &districts());
    let gpkg = dir.path().join("broken.gpkg");
    ogr2ogr(&["-f", "GPKG", gpkg.to_str().unwrap(), src.to_str().unwrap(), "-nln", "districts"]);
    // Scribble over the middle of the file, past the SQLite header.
    let mut bytes = std::fs::read(&gpkg).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid - 2048..mid + 2048] {
        *b = 0xA5;
    }
    std::fs::write(&gpkg, &bytes).unwrap();
    let err = read_layers(&gpkg).unwrap_err();
    assert!(err.to_string().contains("broken.gpkg"), "{err}");
    assert!(matches!(err, LayerError::Malformed { .. } | LayerError::Unreadable { .. }), "{err:?}");

    let cut = write(dir.path(), "cut.geojson", &districts());
    let text = std::fs::read_to_string(&cut).unwrap();
    std::fs::write(&cut, &text[..text.len() / 2]).unwrap();
    let err = read_layers(&cut).unwrap_err();
    assert!(matches!(err, LayerError::Malformed { format: "GeoJSON", .. }), "{err:?}");
    assert!(err.to_string().contains("cut.geojson"));

    let pdf = dir.path().join("notes.pdf");
    std::fs::write(&pdf, b"%PDF-1.7 not a map").unwrap();
    assert!(matches!(read_layers(&pdf).unwrap_err(), LayerError::UnknownFormat { .. }));

    let missing = dir.path().join("gone.gpkg");
    assert!(matches!(read_layers(&missing).unwrap_err(), LayerError::Missing { .. }));
}

#[test]
fn a_file_over_the_feature_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let features: Vec<_> = (0..=MAX_FEATURES)
        .map(|i| json!({"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [70.0 + (i % 100) as f64 * 0.01, 48.0]}}))
        .collect();
    let path = write(dir.path(), "many.geojson", &json!({"type": "FeatureCollection", "features": features}));
    let err = read_layers(&path).unwrap_err();
    assert!(matches!(err, LayerError::TooManyFeatures { .. }), "{err:?}");
    assert!(err.to_string().contains("many.geojson") && err.to_string().contains("50000"), "{err}");
}
