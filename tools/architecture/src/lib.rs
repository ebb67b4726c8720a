//! Reads the workspace's sources as text to check the shape ARCHITECTURE.md states: which crate
//! may use which, that no modules import each other around a circle, and that `lib.rs` files are
//! faces. The checks are in `tests/rooms.rs`; what they read is here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The workspace's root folder.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("the workspace root")
}

/// Files below `dir` whose names end with one of `exts`, sorted.
pub fn files(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())).flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "node_modules" && name != "generated" {
                    stack.push(path);
                }
            } else if exts.iter().any(|e| name.ends_with(e)) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The workspace crates a `Cargo.toml` names under `[dependencies]` (not dev- or build-).
pub fn crate_dependencies(manifest: &str) -> BTreeSet<String> {
    let mut in_deps = false;
    let mut out = BTreeSet::new();
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_deps = line == "[dependencies]";
        } else if in_deps && line.starts_with("indmap-") {
            let name = line.split(|c: char| c == '.' || c == '=' || c.is_whitespace()).next().unwrap_or_default();
            out.insert(name.to_owned());
        }
    }
    out
}

/// A directed graph of names, and the circles in it.
#[derive(Debug, Default)]
pub struct Graph(pub BTreeMap<String, BTreeSet<String>>);

impl Graph {
    pub fn edge(&mut self, from: &str, to: &str) {
        if from != to {
            self.0.entry(from.to_owned()).or_default().insert(to.to_owned());
        }
    }

    /// One circle through each strongly connected group of two or more names (Tarjan).
    pub fn circles(&self) -> Vec<Vec<String>> {
        struct Walk<'g> {
            graph: &'g Graph,
            index: BTreeMap<&'g str, usize>,
            low: BTreeMap<&'g str, usize>,
            stack: Vec<&'g str>,
            on_stack: BTreeSet<&'g str>,
            groups: Vec<Vec<String>>,
        }
        impl<'g> Walk<'g> {
            fn visit(&mut self, v: &'g str) {
                let n = self.index.len();
                self.index.insert(v, n);
                self.low.insert(v, n);
                self.stack.push(v);
                self.on_stack.insert(v);
                for w in self.graph.0.get(v).into_iter().flatten() {
                    let w = w.as_str();
                    if !self.index.contains_key(w) {
                        self.visit(w);
                        let low = self.low[w].min(self.low[v]);
                        self.low.insert(v, low);
                    } else if self.on_stack.contains(w) {
                        let low = self.index[w].min(self.low[v]);
                        self.low.insert(v, low);
                    }
                }
                if self.low[v] == self.index[v] {
                    let mut group = Vec::new();
                    while let Some(w) = self.stack.pop() {
                        self.on_stack.remove(w);
                        group.push(w.to_owned());
                        if w == v {
                            break;
                        }
                    }
                    if group.len() > 1 {
                        group.sort();
                        self.groups.push(group);
                    }
                }
            }
        }
        let mut walk = Walk {
            graph: self,
            index: BTreeMap::new(),
            low: BTreeMap::new(),
            stack: Vec::new(),
            on_stack: BTreeSet::new(),
            groups: Vec::new(),
        };
        for v in self.0.keys() {
            if !walk.index.contains_key(v.as_str()) {
                walk.visit(v);
            }
        }
        walk.groups
    }
}

/// The module a Rust source file is (`sync::import` for `src/sync/import.rs`, `sync` for
/// `src/sync/mod.rs`), or `None` for the crate root (`lib.rs`, `main.rs`).
pub fn rust_module(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?.with_extension("");
    let mut parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    let module = parts.join("::");
    (module != "lib" && module != "main" && !module.is_empty()).then_some(module)
}

/// The names a module re-exports, each with the path it comes from (`pub use views::{A, B}`
/// gives `A` → `views::A`).
pub fn reexports(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for stmt in text.split(';') {
        let stmt = stmt.trim_start();
        let Some(rest) = stmt.strip_prefix("pub use ").or_else(|| stmt.strip_prefix("pub(crate) use ")) else {
            continue;
        };
        for path in expand(rest.trim()) {
            let name = path.rsplit("::").next().unwrap_or_default().to_owned();
            out.insert(name, path);
        }
    }
    out
}

/// `a::{b, c::{d, e}}` as `a::b`, `a::c::d`, `a::c::e` (`as` renames dropped).
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.split(" as ").next().unwrap_or(tree).trim();
    let Some(open) = tree.find('{') else { return vec![tree.to_owned()] };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..open + 1 + matching_brace(&tree[open + 1..])];
    let mut out = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices().chain([(inner.len(), ',')]) {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                let part = inner[start..i].trim();
                if !part.is_empty() {
                    out.extend(expand(&format!("{prefix}{part}")));
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    out
}

/// The modules of its crate one module's code uses, by `crate::`, `super::` and `self::` paths
/// and through re-exports. `mod` and `pub use` lines are how a module shows its children, not
/// uses of them; test modules may reach anywhere and are left out.
pub fn rust_uses(
    module: Option<&str>,
    text: &str,
    modules: &BTreeSet<String>,
    reexported: &BTreeMap<String, BTreeMap<String, String>>,
) -> BTreeSet<String> {
    let product = text.split("#[cfg(test)]").next().unwrap_or_default();
    let code: String = product
        .lines()
        .filter(|l| {
            let l = l.trim_start();
            !(l.starts_with("//")
                || l.starts_with("mod ")
                || l.starts_with("pub mod ")
                || l.starts_with("pub use ")
                || l.starts_with("pub(crate) use ")
                || l.starts_with("pub(crate) mod "))
        })
        .collect::<Vec<_>>()
        .join("\n");
    let here: Vec<&str> = module.map(|m| m.split("::").collect()).unwrap_or_default();
    let parent = here[..here.len().saturating_sub(1)].to_vec();
    let mut out = BTreeSet::new();
    for (anchor, base) in [("crate::", Vec::new()), ("super::", parent), ("self::", here.clone())] {
        for (at, _) in code.match_indices(anchor) {
            if code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let rest = &code[at + anchor.len()..];
            let head = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(rest.len());
            let tree = match rest[head..].strip_prefix('{') {
                Some(group) => &rest[..head + 2 + matching_brace(group).min(group.len().saturating_sub(1))],
                None => &rest[..head],
            };
            let tree = tree.trim_end_matches(':');
            for path in expand(tree) {
                let mut parts: Vec<String> = base.iter().map(|s| s.to_string()).collect();
                parts.extend(path.split("::").map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()));
                if let Some(target) = resolve(&parts, modules, reexported)
                    && Some(target.as_str()) != module
                {
                    out.insert(target);
                }
            }
        }
    }
    out
}

/// The deepest module a path names, following re-exports of the module it passes through.
fn resolve(
    parts: &[String],
    modules: &BTreeSet<String>,
    reexported: &BTreeMap<String, BTreeMap<String, String>>,
) -> Option<String> {
    let mut found: Option<String> = None;
    for n in 1..=parts.len() {
        let candidate = parts[..n].join("::");
        if modules.contains(&candidate) {
            found = Some(candidate);
            continue;
        }
        // `crate::Name` or `crate::sync::Name`: a name the module before it re-exports.
        let owner = found.clone().unwrap_or_default();
        if let Some(path) = reexported.get(&owner).and_then(|r| r.get(&parts[n - 1])) {
            let (owner, path) = match path.strip_prefix("crate::") {
                Some(absolute) => (String::new(), absolute),
                None => (owner, path.strip_prefix("self::").unwrap_or(path)),
            };
            let mut full: Vec<String> =
                if owner.is_empty() { Vec::new() } else { owner.split("::").map(str::to_owned).collect() };
            full.extend(path.split("::").map(str::to_owned));
            full.pop();
            return resolve(&full, modules, reexported).or(found);
        }
        break;
    }
    found
}

/// The index of the `}` that closes a group whose `{` came just before `text`.
fn matching_brace(text: &str) -> usize {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return i,
            '}' => depth -= 1,
            _ => {}
        }
    }
    text.len()
}

/// The relative imports of a TypeScript file, as files (`./x` → `x.ts` beside it).
pub fn ts_imports(file: &Path, text: &str) -> Vec<PathBuf> {
    let dir = file.parent().expect("a file has a folder");
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if !(line.starts_with("import ") || line.starts_with("export ")) || !line.contains(" from ") {
            continue;
        }
        let Some(spec) = line.rsplit(" from ").next() else { continue };
        let spec = spec.trim().trim_end_matches(';').trim_matches(|c| c == '"' || c == '\'');
        if spec.starts_with('.') {
            out.push(normalise(&dir.join(format!("{spec}.ts"))));
        }
    }
    out
}

fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The items a `lib.rs` defines itself, besides modules, re-exports and constants: a face
/// defines none.
pub fn items_defined(lib: &str) -> Vec<String> {
    lib.lines()
        .map(str::trim_start)
        .filter(|l| !l.starts_with("//"))
        .filter(|l| {
            let l = l.strip_prefix("pub(crate) ").or_else(|| l.strip_prefix("pub ")).unwrap_or(l);
            ["fn ", "struct ", "enum ", "trait ", "impl ", "impl<", "type "].iter().any(|k| l.starts_with(k))
        })
        .map(str::to_owned)
        .collect()
}
