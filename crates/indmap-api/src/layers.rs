//! Extra map layers from users' own GeoJSON or GeoPackage files (districts, industrial zones).
//! They are only drawn under the projects: nothing of them enters the database.

use crate::{Error, ErrorKind, Result};
use indmap_exchange::layers::{LayerError, UserLayer};
use serde::Serialize;
use std::path::Path;

/// One layer of a file, ready to draw: its features as a GeoJSON FeatureCollection in WGS 84.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MapLayer {
    /// The GeoPackage table, or the GeoJSON's name (else the file's name).
    pub name: String,
    pub features: usize,
    /// [west, south, east, north]; `None` when no feature has a geometry.
    pub bbox: Option<[f64; 4]>,
    /// The geometry types present, e.g. `["Polygon", "MultiPolygon"]`.
    pub geometry_types: Vec<String>,
    /// The GeoJSON FeatureCollection.
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub data: serde_json::Value,
}

impl From<UserLayer> for MapLayer {
    fn from(l: UserLayer) -> MapLayer {
        let mut geometry_types: Vec<String> = Vec::new();
        for f in &l.collection.features {
            if let Some(g) = &f.geometry {
                let t = g.value.type_name().to_string();
                if !geometry_types.contains(&t) {
                    geometry_types.push(t);
                }
            }
        }
        MapLayer {
            features: l.collection.features.len(),
            bbox: l.bbox,
            geometry_types,
            data: serde_json::to_value(&l.collection).unwrap_or(serde_json::Value::Null),
            name: l.name,
        }
    }
}

/// Reads every layer of a GeoJSON or GeoPackage file. Refuses (naming the file, layer and rule)
/// files over the size or feature limits, layers not in EPSG:4326, and damaged files.
pub fn read_map_layers(path: &Path) -> Result<Vec<MapLayer>> {
    let layers = indmap_exchange::layers::read_layers(path).map_err(|e| {
        let kind = match e {
            LayerError::Missing { .. } => ErrorKind::NotFound,
            LayerError::Unreadable { .. } => ErrorKind::Io,
            _ => ErrorKind::Invalid,
        };
        Error::new(kind, e.to_string())
    })?;
    Ok(layers.into_iter().map(MapLayer::from).collect())
}
