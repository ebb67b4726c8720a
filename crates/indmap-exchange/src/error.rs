//! Why a file could not be read or written, naming the file.

use crate::FORMAT_VERSION;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    #[error("{0} cannot be read as a file: {1}")]
    Unreadable(String, String),
    #[error("{0} is not an indmap exchange file ({1})")]
    Foreign(String, String),
    #[error(
        "{file} was written by a newer indmap (exchange format {found}, this build reads up to {FORMAT_VERSION}); update indmap to import it"
    )]
    TooNew { file: String, found: u32 },
    #[error("{0} is damaged or was changed after export: its content does not match its checksum")]
    Tampered(String),
    #[error("{0} is not signed by the key it names: it was changed after its database signed it")]
    BadSignature(String),
    #[error("{file} is damaged: {reason}")]
    Damaged { file: String, reason: String },
    #[error("{file} has a manifest that cannot be read: {reason}")]
    BadManifest { file: String, reason: String },
    /// A file beyond what any real map needs: refused before it is read, so a hostile file
    /// cannot fill the memory or the disk.
    #[error("{file} is too big to be an exchange file: {what} is {found}, where at most {limit} is read")]
    TooBig { file: String, what: &'static str, found: u64, limit: u64 },
    #[error("writing {0} failed: {1}")]
    Write(String, String),
}

pub(crate) fn name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}
