//! Files written at paths a user chose (exports): a killed export leaves `NAME.partial` there,
//! where nothing else would find it. While one is written it is noted in `MAP.sqlite.writing/`;
//! the next start, alone on the map, deletes what a killed run left (`backup_files`).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Where a database notes the files being written for it.
fn folder(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".writing");
    db.with_file_name(name)
}

/// A file being written at `partial`, noted until this is dropped. Best effort: a note that
/// cannot be made only means a kill's leftover is not cleaned.
pub(crate) struct Writing {
    note: Option<PathBuf>,
}

impl Writing {
    pub(crate) fn begin(db: &Path, partial: &Path) -> Writing {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let dir = folder(db);
        let note = dir.join(format!("{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed)));
        // (A path that is not UTF-8 is not noted.)
        let written =
            partial.to_str().map(|text| std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&note, text)));
        Writing { note: written.is_some_and(|w| w.is_ok()).then_some(note) }
    }
}

impl Drop for Writing {
    fn drop(&mut self) {
        if let Some(note) = &self.note {
            let _ = std::fs::remove_file(note);
            // Gone once no other file is being written (else it stays for them).
            let _ = note.parent().map(std::fs::remove_dir);
        }
    }
}

/// Deletes the `.partial` files noted by runs that never ended, and their notes. The caller
/// holds the map alone: no run of another process is under way.
pub(crate) fn clean(db: &Path) {
    let dir = folder(db);
    let Ok(notes) = std::fs::read_dir(&dir) else { return };
    for note in notes.flatten() {
        if let Ok(text) = std::fs::read_to_string(note.path()) {
            let partial = PathBuf::from(text);
            if partial.extension().is_some_and(|x| x == "partial") && partial.is_file() {
                let _ = std::fs::remove_file(&partial);
            }
        }
        let _ = std::fs::remove_file(note.path());
    }
    let _ = std::fs::remove_dir(&dir);
}
