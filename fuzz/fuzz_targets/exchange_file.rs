//! Any bytes as an exchange file: `ExchangeFile::read` returns Ok or Err, never panics, hangs
//! or runs out of memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "scratch.rs"]
mod scratch;

fuzz_target!(|data: &[u8]| {
    let path = scratch::write("exchange.gpkg", data);
    if let Ok(file) = indmap_exchange::ExchangeFile::read(&path) {
        // What callers do next with a file that was read: count and show it.
        let _ = file.content.projects.len() + file.content.proposals.len();
        let _ = format!("{:?}", file.manifest);
    }
});
