//! The window's TypeScript types (ui/src/generated/) are made from the Rust types by ts-rs, and
//! the project's properties and fields from the schema.
//! This test fails when they are stale; `UPDATE_GENERATED=1 cargo test -p indmap-desktop
//! --features ts --test generated_types` rewrites them.

use indmap_api::{MapView, Reference, RegionInfo, ViewFilter};
use indmap_desktop::{AppInfo, PickFile, Saved};
use std::collections::{BTreeMap, BTreeSet};
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
    indmap_api::ExportReceipt::export_all(&cfg).unwrap();
    indmap_api::Reporting::export_all(&cfg).unwrap();
    indmap_api::ReportingTable::export_all(&cfg).unwrap();
    indmap_api::PeriodStage::export_all(&cfg).unwrap();
    indmap_api::ReportSheet::export_all(&cfg).unwrap();
    indmap_api::ReportsTaken::export_all(&cfg).unwrap();
    indmap_api::core::table::Table::export_all(&cfg).unwrap();
    indmap_api::Approval::export_all(&cfg).unwrap();
    indmap_api::EditionView::export_all(&cfg).unwrap();
    indmap_api::EditionDiff::export_all(&cfg).unwrap();
    indmap_api::ProjectVariance::export_all(&cfg).unwrap();
    indmap_api::LogEntry::export_all(&cfg).unwrap();
    indmap_api::Take::export_all(&cfg).unwrap();
    indmap_api::AlertList::export_all(&cfg).unwrap();
    indmap_api::Gantt::export_all(&cfg).unwrap();
    indmap_api::core::dashboard::Dashboard::export_all(&cfg).unwrap();
    indmap_api::core::effectiveness::Effectiveness::export_all(&cfg).unwrap();
    indmap_api::SettingView::export_all(&cfg).unwrap();
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
    // every summary chart, in the order the print dialog offers them
    std::fs::write(fresh.path().join("allCharts.ts"), charts_typescript()).unwrap();
    // every kind of alert with its label, in the order the alert list counts them
    std::fs::write(fresh.path().join("allAlertKinds.ts"), alert_kinds_typescript()).unwrap();
    // every indicator of the effectiveness of support, with its names, in the order its figures come
    std::fs::write(fresh.path().join("allIndicators.ts"), indicators_typescript()).unwrap();
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

/// Every `#[tauri::command]` in `src-tauri/`, by name: its arguments, each as the window sends
/// it (camelCase, as Tauri reads it) with its Rust type, and the Rust type it answers. What
/// Tauri itself passes (the state, the app, the window) is left out.
fn command_signatures() -> BTreeMap<String, (Vec<(String, String)>, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri");
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap().flatten().filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
    {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for after in text.split("#[tauri::command]").skip(1) {
            let signature = &after[after.find("fn ").expect("a command is a function") + 3..];
            let name = signature[..signature.find('(').unwrap()].trim().to_owned();
            let params = &signature[signature.find('(').unwrap() + 1..];
            let end = closing_paren(params);
            let rest = &params[end + 1..];
            let answer = match rest[..rest.find('{').unwrap()].trim().strip_prefix("->") {
                Some(ty) => ty.trim().to_owned(),
                None => "()".to_owned(),
            };
            let answer = answer.strip_prefix("Answer<").and_then(|a| a.strip_suffix('>')).unwrap_or(&answer).to_owned();
            let mut args = Vec::new();
            for param in split_top_level(&params[..end]) {
                let Some((arg, ty)) = param.split_once(':') else { continue };
                let ty = ty.trim().to_owned();
                if !ty.starts_with("tauri::") {
                    args.push((camel_case(arg.trim()), ty));
                }
            }
            out.insert(name, (args, answer));
        }
    }
    out
}

fn closing_paren(text: &str) -> usize {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '<' => depth += 1,
            ')' if depth == 0 => return i,
            ')' | '>' => depth -= 1,
            _ => {}
        }
    }
    panic!("a command's arguments end")
}

/// Splits at commas outside `<...>`.
fn split_top_level(text: &str) -> Vec<&str> {
    let (mut depth, mut start, mut out) = (0, 0, Vec::new());
    for (i, c) in text.char_indices() {
        match c {
            '<' | '(' => depth += 1,
            '>' | ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(text[start..].trim());
    out.into_iter().filter(|p| !p.is_empty()).collect()
}

fn camel_case(snake: &str) -> String {
    let mut parts = snake.split('_');
    let first = parts.next().unwrap_or_default().to_owned();
    first + &parts.map(|p| p[..1].to_uppercase() + &p[1..]).collect::<String>()
}

/// A Rust argument type as TypeScript, and the generated types it names.
fn ts_type(rust: &str, names: &mut BTreeSet<String>) -> String {
    let inner = |prefix: &str| rust.strip_prefix(prefix).and_then(|r| r.strip_suffix('>'));
    if let Some(t) = inner("Option<") {
        return format!("{} | null", ts_type(t, names));
    }
    if let Some(t) = inner("Vec<") {
        return format!("Array<{}>", ts_type(t, names));
    }
    if let Some(t) = inner("Channel<") {
        names.insert("Channel".into());
        return format!("Channel<{}>", ts_type(t, names));
    }
    match rust {
        "String" | "&'static str" | "RegionCode" | "ScopeArg" => "string".into(),
        "()" => "void".into(),
        // Raw bytes (`tauri::ipc::Response`) and any JSON.
        "Response" => "ArrayBuffer".into(),
        "serde_json::Value" => "unknown".into(),
        "u32" | "u64" | "usize" | "i32" | "i64" | "f64" => "number".into(),
        "bool" => "boolean".into(),
        named => {
            names.insert(named.to_owned());
            named.to_owned()
        }
    }
}

fn charts_typescript() -> String {
    let items: String = indmap_api::ChartKind::ALL.iter().map(|c| format!("  \"{}\",\n", c.code())).collect();
    format!(
        "// Every summary chart (indmap_print::ChartKind::ALL); made by tests/generated_types.rs.\n\n\
         import type {{ ChartKind }} from \"./ChartKind\";\n\nexport const CHARTS: readonly ChartKind[] = [\n{items}];\n"
    )
}

fn alert_kinds_typescript() -> String {
    use indmap_api::core::alert::AlertKind;
    let items: String = AlertKind::ALL
        .iter()
        .map(|k| {
            let [kk, ru, en] = k.label().all().map(|t| serde_json::to_string(t).unwrap());
            format!("  {{ kind: \"{}\", kk: {kk}, ru: {ru}, en: {en} }},\n", k.code())
        })
        .collect();
    format!(
        "// Every kind of alert and its label (indmap_core::alert::AlertKind); made by tests/generated_types.rs.\n\n\
         import type {{ AlertKind }} from \"./AlertKind\";\n\n\
         export const ALERT_KINDS: readonly {{ kind: AlertKind; kk: string; ru: string; en: string }}[] = [\n{items}];\n"
    )
}

fn indicators_typescript() -> String {
    use indmap_api::core::effectiveness::Indicator;
    let json = |label: indmap_api::core::Label| label.all().map(|t| serde_json::to_string(t).unwrap());
    let items: String = Indicator::ALL
        .iter()
        .map(|i| {
            let [kk, ru, en] = json(i.short_label());
            let [per_kk, per_ru, per_en] = json(i.per_support_unit());
            format!(
                "  {{ indicator: \"{}\", name: {{ kk: {kk}, ru: {ru}, en: {en} }}, per: {{ kk: {per_kk}, ru: {per_ru}, en: {per_en} }} }},\n",
                i.code()
            )
        })
        .collect();
    format!(
        "// Every indicator of the effectiveness of support, its column name and the unit of its figure per\n\
         // support (indmap_core::effectiveness::Indicator), in the order of `per_support`; made by\n\
         // tests/generated_types.rs.\n\n\
         import type {{ Indicator }} from \"./Indicator\";\n\n\
         type Text = {{ kk: string; ru: string; en: string }};\n\n\
         export const INDICATORS: readonly {{ indicator: Indicator; name: Text; per: Text }}[] = [\n{items}];\n"
    )
}

fn commands_typescript() -> String {
    let registered = registered_commands();
    let signatures = command_signatures();
    let mut names = BTreeSet::new();
    let (mut members, mut answers) = (String::new(), String::new());
    for command in &registered {
        let (args, answer) = signatures.get(command).unwrap_or_else(|| panic!("{command} is registered but not found"));
        let fields: Vec<String> = args.iter().map(|(arg, ty)| format!("{arg}: {}", ts_type(ty, &mut names))).collect();
        let object =
            if fields.is_empty() { "Record<string, never>".to_owned() } else { format!("{{ {} }}", fields.join("; ")) };
        members += &format!("  {command}: {object};\n");
        answers += &format!("  {command}: {};\n", ts_type(answer, &mut names));
    }
    let imports: String = names
        .iter()
        .map(|n| match n.as_str() {
            "Channel" => "import type { Channel } from \"@tauri-apps/api/core\";\n".to_owned(),
            _ => format!("import type {{ {n} }} from \"./{n}\";\n"),
        })
        .collect();
    format!(
        "// The commands the app registers (src-tauri/lib.rs), the arguments each takes as the window\n\
         // sends them, and what each answers; made by tests/generated_types.rs.\n\n{imports}\n\
         export interface CommandArgs {{\n{members}}}\n\n\
         export interface CommandAnswers {{\n{answers}}}\n\nexport type Command = keyof CommandArgs;\n"
    )
}

/// The window calls exactly the commands the app registers: `ui/src/api.ts` names each by a
/// `Command` (tsc refuses any other), and none is registered that the window never calls.
#[test]
fn the_window_calls_every_registered_command() {
    let api = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/api.ts")).unwrap();
    let mut called: Vec<String> =
        api.split("call(\"").skip(1).map(|rest| rest.split('"').next().unwrap_or_default().to_owned()).collect();
    called.sort();
    called.dedup();
    assert_eq!(called, registered_commands(), "ui/src/api.ts and src-tauri/lib.rs name other commands");
}
