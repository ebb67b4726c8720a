//! Who has a database file open. Every open `Store` holds a shared lock on the file for as long
//! as it is open; putting another file in its place (a restore) takes the lock exclusively, so it
//! waits for, or is refused by, every other window and command on the map: none of them can go on
//! writing into a file that is no longer the map. (These are `flock` locks, which on Linux do not
//! touch the byte-range locks SQLite itself takes.)

use crate::{Result, StoreError};
use std::fs::File;
use std::path::Path;
use std::time::{Duration, Instant};

/// A lock on a database file, held until dropped.
#[derive(Debug)]
pub struct FileLock {
    // The lock goes with the file handle.
    _file: File,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> StoreError + '_ {
    |source| StoreError::Io { path: path.to_owned(), source }
}

/// Whether `file` is still what `path` names (a restore renames another file over it).
#[cfg(unix)]
fn is_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(held), Ok(named)) => held.dev() == named.dev() && held.ino() == named.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_at(_: &File, _: &Path) -> bool {
    // Elsewhere a file that is open cannot be renamed over.
    true
}

/// Takes the lock every open database holds, waiting up to `wait` for a restore under way to end.
/// The lock is on the file `path` names once it is taken: a file replaced while this waited is
/// opened again.
pub(crate) fn shared(path: &Path, wait: Duration) -> Result<FileLock> {
    take(path, wait, File::try_lock_shared)
}

/// Takes the lock no other open database may hold, waiting up to `wait` for them to close.
pub fn exclusive(path: &Path, wait: Duration) -> Result<FileLock> {
    take(path, wait, File::try_lock)
}

fn take(
    path: &Path,
    wait: Duration,
    try_lock: fn(&File) -> std::result::Result<(), std::fs::TryLockError>,
) -> Result<FileLock> {
    let started = Instant::now();
    loop {
        let file = File::open(path).map_err(io(path))?;
        match try_lock(&file) {
            Ok(()) if is_at(&file, path) => return Ok(FileLock { _file: file }),
            // Replaced meanwhile: the lock is on a file that is no longer the map.
            Ok(()) => continue,
            Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::WouldBlock) => return Err(StoreError::OpenElsewhere(path.to_owned())),
            Err(std::fs::TryLockError::Error(e)) => return Err(io(path)(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exclusive_lock_waits_for_shared_ones_and_a_replaced_file_is_locked_anew() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.sqlite");
        std::fs::write(&path, b"old").unwrap();
        let reader = shared(&path, Duration::ZERO).unwrap();
        let second = shared(&path, Duration::ZERO).unwrap();
        assert!(matches!(exclusive(&path, Duration::from_millis(50)), Err(StoreError::OpenElsewhere(_))));
        drop((reader, second));
        let restore = exclusive(&path, Duration::ZERO).unwrap();
        assert!(matches!(shared(&path, Duration::from_millis(50)), Err(StoreError::OpenElsewhere(_))));
        // The restore puts another file in place, then lets go.
        std::fs::write(dir.path().join("new"), b"new").unwrap();
        std::fs::rename(dir.path().join("new"), &path).unwrap();
        drop(restore);
        let reopened = shared(&path, Duration::ZERO).unwrap();
        assert!(is_at(&reopened._file, &path));
    }
}
