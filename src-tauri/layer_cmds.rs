//! Commands for the extra map layers users load from their own GeoJSON or GeoPackage files.
//! They read files only; nothing of a layer enters the database. Which layers the window shows
//! is the window's own preference.

use crate::{Answer, path_arg};
use indmap_api::MapLayer;

/// Every layer of the file at `path`, as GeoJSON in WGS 84. Async, so a large file does not
/// hold up the window.
#[tauri::command]
pub async fn read_layers(path: String) -> Answer<Vec<MapLayer>> {
    Ok(indmap_api::read_map_layers(&path_arg(&path)?)?)
}
