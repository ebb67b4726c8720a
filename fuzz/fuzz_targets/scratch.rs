//! A file for the file-reading targets: in tmpfs (/dev/shm) so that no exec touches a disk, one
//! directory per fuzzing process, rewritten for every input. SQLite's side files (-wal, -shm,
//! -journal) a previous input may have left are removed so that every input is read alone.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = if Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
        let dir = base.join(format!("indmap-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        dir
    })
}

/// Writes `data` to `<scratch>/<name>` and returns the path.
pub fn write(name: &str, data: &[u8]) -> PathBuf {
    let path = dir().join(name);
    for side in ["-wal", "-shm", "-journal"] {
        let mut p = path.clone().into_os_string();
        p.push(side);
        let _ = std::fs::remove_file(p);
    }
    std::fs::write(&path, data).expect("writing the scratch file");
    path
}
