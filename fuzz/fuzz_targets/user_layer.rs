//! Any bytes as a user's layer file (GeoJSON or GeoPackage, told apart by their first bytes):
//! `read_layers` returns Ok or Err, never panics, hangs or runs out of memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "scratch.rs"]
mod scratch;

fuzz_target!(|data: &[u8]| {
    let path = scratch::write("layer.gpkg", data);
    if let Ok(layers) = indmap_exchange::layers::read_layers(&path) {
        for l in &layers {
            // What the window does with a layer: send it as GeoJSON text.
            let _ = l.collection.to_string();
        }
    }
});
