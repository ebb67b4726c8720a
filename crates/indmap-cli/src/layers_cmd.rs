//! `indmap layers FILE`: the layers of a GeoJSON or GeoPackage file as the window's Layers panel
//! loads them, with their feature counts and extents; `--json` prints them with their GeoJSON.

use crate::output::{emit, emit_json, table};
use clap::Args;
use indmap_api::{Error, ErrorKind, MapLayer};
use std::path::PathBuf;

#[derive(Args)]
pub struct LayersArgs {
    /// A GeoJSON (.geojson, .json) or GeoPackage (.gpkg) file in EPSG:4326
    pub file: PathBuf,
    /// Print only this layer, as a plain GeoJSON FeatureCollection
    #[arg(long, value_name = "NAME")]
    pub layer: Option<String>,
}

pub fn layers(args: LayersArgs, json: bool) -> Result<(), Error> {
    let layers = indmap_api::read_map_layers(&args.file)?;
    if let Some(name) = &args.layer {
        let layer = layers
            .into_iter()
            .find(|l| &l.name == name)
            .ok_or_else(|| Error::new(ErrorKind::NotFound, format!("{} has no layer {name:?}", args.file.display())))?;
        emit_json(&layer.data);
        return Ok(());
    }
    if json {
        emit_json(&layers);
    } else {
        emit(&summary(&layers).to_string());
    }
    Ok(())
}

fn summary(layers: &[MapLayer]) -> comfy_table::Table {
    let mut t = table(&["layer", "features", "geometry", "west", "south", "east", "north"]);
    for l in layers {
        let mut row = vec![l.name.clone(), l.features.to_string(), l.geometry_types.join(", ")];
        match l.bbox {
            Some(b) => row.extend(b.iter().map(|v| format!("{v:.5}"))),
            None => row.extend(std::iter::repeat_n(String::new(), 4)),
        }
        t.add_row(row);
    }
    t
}
