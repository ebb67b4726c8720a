//! The exchange file regions and the ministry send each other. It is a valid GeoPackage: QGIS
//! opens its `projects` layer as a map (EPSG:4326), while the tables `indmap_manifest` and
//! `indmap_records` carry what merging needs: every project with the version of every field.
//!
//! A file is checked before anything in it is believed: its format and version, and a SHA-256
//! over the manifest and the records, so a truncated, corrupted or hand-edited file is refused.

mod error;
mod geopackage;
pub mod layers;
mod manifest;
mod reader;
mod signature;
mod wire;
mod writer;

pub use error::ExchangeError;
pub use manifest::{KnownDatabase, Manifest, Vouch, scope_code};
pub use reader::{Content, ExchangeFile};
pub use signature::public_key;
pub use wire::WireError;
pub use writer::{FileWriter, partial_path, write};

/// What `indmap_manifest.format` says in every exchange file.
pub const FORMAT: &str = "indmap-exchange";
/// The version of the exchange format this build writes; it reads this and every older one.
/// Version 2 carries approved editions (`indmap_editions`, `indmap_plans`); version 3 the acts
/// of reporting periods (`indmap_period_acts`).
pub const FORMAT_VERSION: u32 = 3;
/// The version of a file that carries editions and no acts of periods: builds before those
/// acts read it.
pub const FORMAT_VERSION_WITHOUT_PERIOD_ACTS: u32 = 2;
/// The version of a file that carries neither: builds before editions read it.
pub const FORMAT_VERSION_WITHOUT_EDITIONS: u32 = 1;
