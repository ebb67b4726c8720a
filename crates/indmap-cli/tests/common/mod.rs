//! A database file in a temporary folder, and the real `indmap` binary pointed at it.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub struct Db {
    pub dir: TempDir,
    pub path: PathBuf,
}

impl Db {
    pub fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.sqlite");
        Db { dir, path }
    }

    pub fn init(args: &[&str]) -> Db {
        let db = Db::new();
        db.cmd(&[&["init"], args].concat()).assert().success();
        db
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("indmap").unwrap();
        c.env("INDMAP_DB", &self.path).env("INDMAP_USER", "test-planner").args(args);
        c
    }

    pub fn file(&self, name: &str, content: &Value) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, serde_json::to_string_pretty(content).unwrap()).unwrap();
        path.to_string_lossy().into_owned()
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.cmd(&[args, &["--json"]].concat()).output().unwrap();
        assert!(out.status.success(), "indmap {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// Trusts the database that signed `file` as a person does: reads the fingerprint the
    /// preview shows (as the sender would read it out) and confirms it.
    pub fn trust(&self, file: &str) {
        let preview = self.json(&["import", "--dry-run", file]);
        let fingerprint = preview["signature"]["fingerprint"].as_str().unwrap().to_owned();
        self.cmd(&["trust", file, "--fingerprint", &fingerprint]).assert().success();
    }

    /// Every row of every table, in a stable order: the database's content.
    pub fn content(&self) -> String {
        content_of(&self.path)
    }
}

pub fn content_of(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = String::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| Ok((0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect::<Vec<_>>().join("|")))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        // Some tables have no rowid; the content is the same whatever order rows are read in.
        rows.sort();
        for row in rows {
            out.push_str(&format!("{t}: {row}\n"));
        }
    }
    out
}
