//! Copying a database file for a backup without filling the page cache with it.
//!
//! A national map is gigabytes. Written through the page cache, the backup would crowd out of
//! memory the pages the merge beside it reads, for a file nobody reads; and writing those dirty
//! pages back later costs the kernel seconds of CPU, on the cores the merge needs. So the copy is
//! written with direct I/O, and the disk moves it while the copy waits.
//!
//! It is read through the page cache: the database is mostly there already (the merge reads the
//! same file), and what is not is then there for the merge. Reading it with direct I/O as well
//! doubled what the disk moves. The file is mapped into memory and the mapped pages are handed
//! to the direct writes, so the disk takes them straight from the page cache: copying them into
//! a buffer first cost 0.3 to 1.5 s of CPU for 1.8 GB, on a core the merge needs.
//!
//! The copy never touches the mapped bytes itself, only the kernel does, inside `write`; so a
//! page that cannot be read fails that `write` with an error instead of killing the process
//! with SIGBUS.

use memmap2::Mmap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// Direct I/O wants buffers, offsets and lengths aligned to the device's blocks; 4 KiB covers
/// the disks in use, and a file system that wants more refuses, so the copy falls back. A
/// mapping starts on a page, so every chunk of it is aligned.
const ALIGN: usize = 4096;
const CHUNK: usize = 8 << 20;

/// Copies `from` to `to` (created or truncated), writing with direct I/O where the file system
/// allows it, and with an ordinary copy where it does not. `from` must not change meanwhile
/// (the batch that copies it holds off every writer and checkpoint).
pub(crate) fn copy_file(from: &Path, to: &Path) -> std::io::Result<()> {
    match direct_copy(from, to) {
        Ok(()) => Ok(()),
        // EINVAL: this file system (tmpfs, some network ones) has no direct I/O or no mapping.
        Err(e) if e.raw_os_error() == Some(libc::EINVAL) => std::fs::copy(from, to).map(|_| ()),
        Err(e) => Err(e),
    }
}

fn direct_copy(from: &Path, to: &Path) -> std::io::Result<()> {
    let source = File::open(from)?;
    // SAFETY: the mapping is only ever passed to `write`, never read here (see above), and the
    // caller guarantees that nobody changes the file while it is copied.
    let mapped = unsafe { Mmap::map(&source)? };
    let mut target =
        OpenOptions::new().write(true).create(true).truncate(true).custom_flags(libc::O_DIRECT).open(to)?;
    let whole = mapped.len() - mapped.len() % ALIGN;
    for chunk in mapped[..whole].chunks(CHUNK) {
        target.write_all(chunk)?;
    }
    if whole < mapped.len() {
        // The end of a file whose size is not a whole number of blocks (SQLite's never is such,
        // but the copy does not rely on it): written without direct I/O.
        drop(target);
        OpenOptions::new().append(true).open(to)?.write_all(&mapped[whole..])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_files_of_every_size_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        for size in [0, 1, ALIGN - 1, ALIGN, ALIGN + 7, CHUNK, CHUNK + ALIGN, 2 * CHUNK + 13] {
            let bytes: Vec<u8> = (0..size).map(|i| (i * 31 % 251) as u8).collect();
            let (from, to) = (dir.path().join(format!("{size}.in")), dir.path().join(format!("{size}.out")));
            std::fs::write(&from, &bytes).unwrap();
            std::fs::write(&to, b"an older, longer backup that must not linger at the end").unwrap();
            copy_file(&from, &to).unwrap();
            assert!(std::fs::read(&to).unwrap() == bytes, "a file of {size} bytes");
        }
    }
}
