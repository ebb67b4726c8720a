//! The inputs fuzzing found (fuzz/regressions/geojson_feature/) and its seeds
//! (fuzz/seeds/geojson_feature/), read as the `geojson_feature` fuzz target reads them: parse the
//! file, read every Feature, check the rules, write the project back. Each must return, with
//! projects or with problems, and never panic. See fuzz/README.md.

use indmap_core::feature::{parse_features, project_from_feature, project_to_feature};
use indmap_core::reference::{default_financing_sources, default_sectors};
use indmap_core::validate::{Rules, check};
use indmap_core::{IdSource, Money, Problems, Project};
use std::path::{Path, PathBuf};

/// Inputs whose bug is in code this test's crate does not fix here: (file name, why). They are
/// left out of `every_input_returns` and run by the ignored test below.
const OPEN: &[(&str, &str)] = &[];

struct Counter(u64);
impl IdSource for Counter {
    fn new_id(&mut self) -> uuid::Uuid {
        self.0 += 1;
        let mut random = [0u8; 10];
        random[2..].copy_from_slice(&self.0.to_be_bytes());
        indmap_core::ident::uuid_v7(1_700_000_000_000, random)
    }
}

fn rules() -> Rules {
    Rules {
        sectors: default_sectors().into_iter().map(|i| i.code).collect(),
        financing_sources: default_financing_sources().into_iter().map(|i| i.code).collect(),
        republican_threshold: Some(Money::from_mln(20_000)),
    }
}

fn fuzz_dir(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz").join(kind).join("geojson_feature")
}

/// Every file of fuzz/<kind>/geojson_feature/; none when there is no such directory (yet).
fn files(kind: &str) -> Vec<PathBuf> {
    let Ok(dir) = std::fs::read_dir(fuzz_dir(kind)) else { return vec![] };
    let mut files: Vec<PathBuf> = dir.map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

/// What the fuzz target does with one input: the projects read (with their rule problems), or
/// the file's problems.
fn read(bytes: &[u8]) -> Result<Vec<(Option<Project>, Problems)>, Problems> {
    let Ok(text) = std::str::from_utf8(bytes) else { return Ok(vec![]) };
    let features = parse_features(text)?;
    let mut ids = Counter(0);
    let rules = rules();
    Ok(features
        .iter()
        .map(|f| {
            let (project, mut problems) = project_from_feature(f, &mut ids);
            if let Some(p) = &project {
                problems.extend(check(p, &rules));
                let _ = project_to_feature(p).to_string();
            }
            (project, problems)
        })
        .collect())
}

/// Reads each file, catching a panic so that every failing file is named at once.
fn run_all(files: &[PathBuf]) {
    let failed: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let bytes = std::fs::read(path).unwrap();
            std::panic::catch_unwind(|| drop(read(&bytes))).err().map(|_| path.display().to_string())
        })
        .collect();
    assert!(failed.is_empty(), "these inputs panicked: {failed:#?}");
}

fn is_open(path: &Path) -> bool {
    OPEN.iter().any(|(name, _)| path.file_name().is_some_and(|n| n == *name))
}

#[test]
fn every_input_returns() {
    let mut all = files("seeds");
    all.extend(files("regressions").into_iter().filter(|p| !is_open(p)));
    run_all(&all);
}

#[test]
#[ignore = "inputs whose bug is not fixed yet: see OPEN"]
fn open_findings_return() {
    let open: Vec<PathBuf> = files("regressions").into_iter().filter(|p| is_open(p)).collect();
    run_all(&open);
}

fn seed(name: &str) -> Result<Vec<(Option<Project>, Problems)>, Problems> {
    read(&std::fs::read(fuzz_dir("seeds").join(name)).unwrap())
}

#[test]
fn the_seeds_read_as_they_should() {
    let three = seed("three-projects-collection.geojson").unwrap();
    assert_eq!(three.len(), 3);
    assert!(three.iter().all(|(p, _)| p.is_some()), "{three:#?}");
    let codes: Vec<String> =
        three.iter().map(|(p, _)| p.as_ref().unwrap().code.as_ref().unwrap().to_string()).collect();
    assert_eq!(codes, ["35-0001", "35-0002", "35-0003"]);

    let one = seed("one-project-feature.geojson").unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].0.as_ref().unwrap().id.to_string(), "01941f29-7c00-778a-bf7e-e0df09768e48");

    let valid = seed("minimal-valid.geojson").unwrap();
    let (project, problems) = &valid[0];
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(project.as_ref().unwrap().financing.len(), 2);

    let mixed = seed("polygon-site.geojson").unwrap();
    assert_eq!(mixed.len(), 3);
    assert!(mixed[0].1.warnings().any(|p| p.field == "extra"), "an unknown property is a warning");
    assert!(mixed[2].1.has_errors(), "a GeometryCollection is not a location");

    let bare = seed("bare-geometry.geojson").unwrap_err();
    assert!(bare.has_errors());
}
