//! The shape ARCHITECTURE.md states, checked on the sources: arrows between crates only point
//! down, no modules of a crate (or files of the window) import each other around a circle, and
//! every crate's `lib.rs` is a face that names its modules.

use architecture::{
    Graph, crate_dependencies, files, items_defined, reexports, root, rust_module, rust_uses, ts_imports,
};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The crates each crate may depend on (ARCHITECTURE.md's picture).
const ALLOWED: &[(&str, &[&str])] = &[
    ("indmap-core", &[]),
    ("indmap-store", &["indmap-core"]),
    ("indmap-exchange", &["indmap-core"]),
    ("indmap-print", &["indmap-core"]),
    ("indmap-sample", &["indmap-core"]),
    ("indmap-sheet", &["indmap-core"]),
    (
        "indmap-api",
        &["indmap-core", "indmap-store", "indmap-exchange", "indmap-print", "indmap-sheet", "indmap-sample"],
    ),
    ("indmap-cli", &["indmap-api"]),
];

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn crates_depend_only_on_those_below_them() {
    let root = root();
    for (krate, allowed) in ALLOWED {
        let deps = crate_dependencies(&read(&root.join("crates").join(krate).join("Cargo.toml")));
        let extra: Vec<&String> = deps.iter().filter(|d| !allowed.contains(&d.as_str())).collect();
        assert!(extra.is_empty(), "{krate} depends on {extra:?}, which ARCHITECTURE.md does not draw");
    }
    let listed: BTreeSet<&str> = ALLOWED.iter().map(|(k, _)| *k).collect();
    for dir in std::fs::read_dir(root.join("crates")).unwrap().flatten() {
        let name = dir.file_name().to_string_lossy().into_owned();
        assert!(listed.contains(name.as_str()), "crates/{name} is missing from ALLOWED and from ARCHITECTURE.md");
    }
    let desktop = crate_dependencies(&read(&root.join("Cargo.toml")));
    assert_eq!(desktop, BTreeSet::from(["indmap-api".to_owned()]), "the desktop app calls the API alone");
}

/// The modules of one crate (its `src` folder) and whom each uses.
fn module_graph(src: &Path) -> Graph {
    let sources = files(src, &[".rs"]);
    let modules: BTreeSet<String> = sources.iter().filter_map(|f| rust_module(src, f)).collect();
    let mut reexported: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for file in &sources {
        let module = rust_module(src, file).unwrap_or_default();
        reexported.entry(module).or_default().extend(reexports(&read(file)));
    }
    let mut graph = Graph::default();
    for file in &sources {
        let module = rust_module(src, file);
        for used in rust_uses(module.as_deref(), &read(file), &modules, &reexported) {
            graph.edge(module.as_deref().unwrap_or("<root>"), &used);
        }
    }
    graph
}

#[test]
fn no_modules_of_a_crate_import_each_other_around_a_circle() {
    let root = root();
    let mut srcs = vec![root.join("src-tauri")];
    for dir in std::fs::read_dir(root.join("crates")).unwrap().flatten() {
        srcs.push(dir.path().join("src"));
    }
    let mut circles = Vec::new();
    for src in &srcs {
        for circle in module_graph(src).circles() {
            circles.push(format!("{}: {}", src.strip_prefix(&root).unwrap().display(), circle.join(" ↔ ")));
        }
    }
    assert!(circles.is_empty(), "modules that import each other around a circle:\n{}", circles.join("\n"));
}

#[test]
fn the_scan_sees_a_circle_through_a_reexport_and_super() {
    let dir = std::env::temp_dir().join(format!("architecture-scan-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sync")).unwrap();
    std::fs::write(dir.join("lib.rs"), "mod views;\nmod sync;\npub use views::View;\n").unwrap();
    std::fs::write(dir.join("views.rs"), "use crate::sync::merge::plan;\npub struct View;\n").unwrap();
    std::fs::write(dir.join("sync/mod.rs"), "mod merge;\nmod report;\npub use merge::plan;\n").unwrap();
    std::fs::write(dir.join("sync/merge.rs"), "use super::report::Report;\npub fn plan() {}\n").unwrap();
    std::fs::write(dir.join("sync/report.rs"), "use crate::{View, Other};\npub struct Report;\n").unwrap();
    let circles = module_graph(&dir).circles();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(circles, vec![vec!["sync::merge".to_owned(), "sync::report".to_owned(), "views".to_owned()]]);
}

#[test]
fn no_files_of_the_window_import_each_other_around_a_circle() {
    let ui = root().join("ui/src");
    let mut graph = Graph::default();
    for file in files(&ui, &[".ts"]).iter().filter(|f| !f.to_string_lossy().ends_with(".test.ts")) {
        let name = file.strip_prefix(&ui).unwrap().display().to_string();
        for import in ts_imports(file, &read(file)) {
            if let Ok(target) = import.strip_prefix(&ui) {
                graph.edge(&name, &target.display().to_string());
            }
        }
    }
    assert!(graph.0.len() > 20, "the scan reads the window's imports: {:?}", graph.0.keys());
    let circles = graph.circles();
    assert!(circles.is_empty(), "files of ui/src that import each other around a circle: {circles:?}");
}

#[test]
fn every_crates_lib_rs_is_a_face() {
    let root = root();
    // The sample generator is one algorithm whose lib.rs is the algorithm; the desktop shell's
    // lib.rs holds Tauri's `run`, by Tauri's convention.
    let faces = ["indmap-api", "indmap-core", "indmap-exchange", "indmap-print", "indmap-store"];
    for krate in faces {
        let lib = read(&root.join("crates").join(krate).join("src/lib.rs"));
        let items = items_defined(&lib);
        assert!(
            items.is_empty(),
            "{krate}/src/lib.rs defines {items:?}: give them a module whose name says what they are"
        );
    }
}
