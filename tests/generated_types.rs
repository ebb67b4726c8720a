//! The window's TypeScript types (ui/src/generated/) are made from the Rust types by ts-rs, and
//! the project's properties and fields from the schema.
//! This test fails when they are stale; `UPDATE_GENERATED=1 cargo test -p indmap-desktop
//! --features ts --test generated_types` rewrites them.

use indmap_api::{MapView, Reference, RegionInfo, ViewFilter};
use indmap_desktop::{AppInfo, PickFile, Saved};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use ts_rs::TS;

fn files_in(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "ts") {
            out.insert(PathBuf::from(entry.file_name()), std::fs::read_to_string(&path).unwrap());
        }
    }
    out
}

#[test]
fn generated_typescript_is_up_to_date() {
    let fresh = tempfile::tempdir().unwrap();
    let cfg = ts_rs::Config::new().with_out_dir(fresh.path());
    MapView::export_all(&cfg).unwrap();
    ViewFilter::export_all(&cfg).unwrap();
    Reference::export_all(&cfg).unwrap();
    RegionInfo::export_all(&cfg).unwrap();
    AppInfo::export_all(&cfg).unwrap();
    Saved::export_all(&cfg).unwrap();
    PickFile::export_all(&cfg).unwrap();
    indmap_api::MapLayer::export_all(&cfg).unwrap();
    // sync
    indmap_desktop::ImportOutcome::export_all(&cfg).unwrap();
    indmap_desktop::Exported::export_all(&cfg).unwrap();
    indmap_api::ConflictView::export_all(&cfg).unwrap();
    indmap_api::ProposalView::export_all(&cfg).unwrap();
    indmap_api::Backup::export_all(&cfg).unwrap();
    indmap_api::LogEntry::export_all(&cfg).unwrap();
    indmap_api::Take::export_all(&cfg).unwrap();
    // print
    indmap_desktop::PrintRequest::export_all(&cfg).unwrap();
    indmap_desktop::AtlasProgress::export_all(&cfg).unwrap();
    // the project's fields: their properties' types, kinds and labels (crates/indmap-core/src/project.rs)
    std::fs::write(fresh.path().join("schema.ts"), indmap_api::core::schema_typescript()).unwrap();
    // the command names the window may call: those the app registers
    std::fs::write(fresh.path().join("commands.ts"), commands_typescript()).unwrap();
    // every rule a problem can name (its type, Rule.ts, comes with Problem), which the window
    // translates (ui/src/lang/rules.ts)
    std::fs::write(fresh.path().join("allRules.ts"), indmap_api::core::problem::rules_typescript()).unwrap();
    let committed_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/generated");
    let fresh_files = files_in(fresh.path());
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        let _ = std::fs::remove_dir_all(&committed_dir);
        std::fs::create_dir_all(&committed_dir).unwrap();
        for (name, text) in &fresh_files {
            std::fs::write(committed_dir.join(name), text).unwrap();
        }
        return;
    }
    let committed = files_in(&committed_dir);
    assert_eq!(
        committed.keys().collect::<Vec<_>>(),
        fresh_files.keys().collect::<Vec<_>>(),
        "ui/src/generated lists other files than the Rust types make; run with UPDATE_GENERATED=1"
    );
    for (name, text) in &fresh_files {
        assert_eq!(&committed[name], text, "ui/src/generated/{} is stale; run with UPDATE_GENERATED=1", name.display());
    }
}

/// The commands `src-tauri/lib.rs` registers with `generate_handler!`, by name.
fn registered_commands() -> Vec<String> {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/lib.rs")).unwrap();
    let start = lib.find("generate_handler![").expect("the app registers its commands") + "generate_handler![".len();
    let list = &lib[start..start + lib[start..].find(']').unwrap()];
    let mut names: Vec<String> = list
        .lines()
        .map(|l| l.split("//").next().unwrap_or_default())
        .flat_map(|l| l.split(','))
        .map(|path| path.trim().rsplit("::").next().unwrap_or_default().to_owned())
        .filter(|name| !name.is_empty())
        .collect();
    names.sort();
    names
}

fn commands_typescript() -> String {
    let names: Vec<String> = registered_commands().iter().map(|n| format!("  | \"{n}\"")).collect();
    format!(
        "// The commands the app registers (src-tauri/lib.rs); made by tests/generated_types.rs.\n\nexport type Command =\n{};\n",
        names.join("\n")
    )
}

/// The window calls exactly the commands the app registers: `ui/src/api.ts` names each by a
/// `Command` (tsc refuses any other), and none is registered that the window never calls.
#[test]
fn the_window_calls_every_registered_command() {
    let api = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/api.ts")).unwrap();
    let mut called: Vec<String> = api
        .split("call<")
        .skip(1)
        .filter_map(|rest| {
            rest.split_once(">(\"").map(|(_, after)| after.split('"').next().unwrap_or_default().to_owned())
        })
        .collect();
    called.sort();
    called.dedup();
    assert_eq!(called, registered_commands(), "ui/src/api.ts and src-tauri/lib.rs name other commands");
}
