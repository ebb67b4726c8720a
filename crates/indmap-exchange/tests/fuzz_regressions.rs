//! The inputs fuzzing found (fuzz/regressions/<target>/) and its seeds (fuzz/seeds/<target>/),
//! read as the `exchange_file` and `user_layer` fuzz targets read them. Each must return Ok or
//! Err, never panic. Every input is copied into a temporary directory first, so that SQLite's
//! side files never land in the work tree. See fuzz/README.md.

use indmap_exchange::ExchangeFile;
use indmap_exchange::layers::{LayerError, read_layers};
use std::path::{Path, PathBuf};

/// Inputs whose bug is in code not fixed yet: (target, file name, why). They are left out of the
/// `*_returns` tests and run by the ignored `open_findings_return`.
const OPEN: &[(&str, &str, &str)] = &[];

fn fuzz_dir(kind: &str, target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz").join(kind).join(target)
}

/// Every file of fuzz/<kind>/<target>/; none when there is no such directory (yet).
fn files(kind: &str, target: &str) -> Vec<PathBuf> {
    let Ok(dir) = std::fs::read_dir(fuzz_dir(kind, target)) else { return vec![] };
    let mut files: Vec<PathBuf> = dir.map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

fn is_open(target: &str, path: &Path) -> bool {
    OPEN.iter().any(|(t, name, _)| *t == target && path.file_name().is_some_and(|n| n == *name))
}

/// A copy of `path` in a fresh temporary directory, under the name the fuzz target gives it.
fn copy(path: &Path, name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join(name);
    std::fs::copy(path, &to).unwrap();
    (dir, to)
}

fn read_exchange(path: &Path) {
    let (_dir, path) = copy(path, "exchange.gpkg");
    if let Ok(file) = ExchangeFile::read(&path) {
        let _ = format!("{:?}", file.manifest);
    }
}

fn read_layer(path: &Path) {
    let (_dir, path) = copy(path, "layer.gpkg");
    if let Ok(layers) = read_layers(&path) {
        for l in &layers {
            let _ = l.collection.to_string();
        }
    }
}

/// Reads each file, catching a panic so that every failing file is named at once.
fn run_all(files: &[PathBuf], read: fn(&Path)) {
    let failed: Vec<String> = files
        .iter()
        .filter(|p| std::panic::catch_unwind(|| read(p)).is_err())
        .map(|p| p.display().to_string())
        .collect();
    assert!(failed.is_empty(), "these inputs panicked: {failed:#?}");
}

fn inputs(target: &str) -> Vec<PathBuf> {
    let mut all = files("seeds", target);
    all.extend(files("regressions", target).into_iter().filter(|p| !is_open(target, p)));
    all
}

#[test]
fn every_exchange_input_returns() {
    run_all(&inputs("exchange_file"), read_exchange);
}

#[test]
fn every_layer_input_returns() {
    run_all(&inputs("user_layer"), read_layer);
}

#[test]
#[ignore = "inputs whose bug is not fixed yet: see OPEN"]
fn open_findings_return() {
    for (target, read) in [("exchange_file", read_exchange as fn(&Path)), ("user_layer", read_layer)] {
        let open: Vec<PathBuf> = files("regressions", target).into_iter().filter(|p| is_open(target, p)).collect();
        run_all(&open, read);
    }
}

#[test]
fn the_exchange_seeds_read_as_they_should() {
    let read = |name: &str| {
        let (_dir, path) = copy(&fuzz_dir("seeds", "exchange_file").join(name), "exchange.gpkg");
        ExchangeFile::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let three = read("region-35-three-projects.gpkg");
    assert_eq!(three.content.projects.len(), 3);
    assert_eq!(three.manifest.projects, 3);
    assert_eq!(read("region-35-empty.gpkg").content.projects.len(), 0);
    assert_eq!(read("ministry-one-project.gpkg").content.projects.len(), 1);
}

#[test]
fn the_layer_seeds_read_as_they_should() {
    let read = |name: &str| {
        let (_dir, path) = copy(&fuzz_dir("seeds", "user_layer").join(name), "layer.gpkg");
        read_layers(&path)
    };
    for name in ["two-layers.gpkg", "two-layers-rtree.gpkg"] {
        let layers = read(name).unwrap();
        let names: Vec<&str> = layers.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["districts", "industrial_zones"], "{name}");
        assert_eq!(layers[0].collection.features.len(), 2);
        assert_eq!(layers[0].bbox, Some([72.6, 49.5, 74.0, 50.6]));
    }
    let districts = read("districts.geojson").unwrap();
    assert_eq!(districts[0].name, "аудандар");
    assert_eq!(districts[0].collection.features.len(), 2);
    assert_eq!(read("zones-crs84.geojson").unwrap()[0].collection.features.len(), 3);
    assert_eq!(read("bare-multipolygon.geojson").unwrap()[0].collection.features.len(), 1);
    assert!(matches!(read("utm-43n.gpkg"), Err(LayerError::WrongSrs { .. })));
}

/// GeoPackages of a few KB that would make SQLite compute without end: a layer that is a view over
/// an endless recursive query; a virtual generated column of 900 MB per row (which `PRAGMA
/// quick_check` computes too: over 5 GB and 20 s for 3 rows); a CHECK constraint of 900 MB per row
/// (SQLite leaves CHECK constraints out of read-only connections, so it stays cheap while layers
/// are opened read only). They are refused, or read, without computing any of it.
#[test]
fn computed_values_are_not_computed() {
    let (_dir, path) = copy(&fuzz_dir("regressions", "user_layer").join("check-constraint-900mb.gpkg"), "layer.gpkg");
    let start = std::time::Instant::now();
    assert!(matches!(read_layers(&path), Err(LayerError::Malformed { .. })));
    assert!(start.elapsed().as_secs() < 5, "the CHECK constraint was computed: {:?}", start.elapsed());
    for (name, says) in
        [("view-recursive-cte.gpkg", "is a view"), ("generated-column-900mb.gpkg", "virtual generated column")]
    {
        let (_dir, path) = copy(&fuzz_dir("regressions", "user_layer").join(name), "layer.gpkg");
        match read_layers(&path) {
            Err(LayerError::Malformed { reason, .. }) => assert!(reason.contains(says), "{name}: {reason}"),
            other => panic!("{name}: {other:?}"),
        }
    }
}

/// A GeoPackage whose column name is not UTF-8 (found by fuzzing two-layers.gpkg; the `-min` one
/// is the same bug in 3 KB, written by hand): rusqlite's `Statement::column_names` panicked on it.
#[test]
fn a_column_name_that_is_not_utf8_is_refused() {
    for name in ["column-name-not-utf8.gpkg", "column-name-not-utf8-min.gpkg"] {
        let (_dir, path) = copy(&fuzz_dir("regressions", "user_layer").join(name), "layer.gpkg");
        match read_layers(&path) {
            Err(LayerError::Malformed { reason, .. }) => assert!(reason.contains("not UTF-8"), "{name}: {reason}"),
            other => panic!("{name}: {other:?}"),
        }
    }
}
