//! Any text as a GeoJSON project file: `parse_features`, then `project_from_feature` for every
//! Feature, then the rules (`validate::check`) and the way back (`project_to_feature`) for every
//! project read. None of them may panic, hang or run out of memory.
#![no_main]

use indmap_core::feature::{parse_features, project_from_feature, project_to_feature};
use indmap_core::reference::{default_financing_sources, default_sectors};
use indmap_core::validate::{Rules, check};
use indmap_core::{IdSource, Money};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// Ids as the CLI makes them, but from a counter: the same input reads the same way.
struct Counter(u64);
impl IdSource for Counter {
    fn new_id(&mut self) -> uuid::Uuid {
        self.0 += 1;
        let mut random = [0u8; 10];
        random[2..].copy_from_slice(&self.0.to_be_bytes());
        indmap_core::ident::uuid_v7(1_700_000_000_000, random)
    }
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules {
        sectors: default_sectors().into_iter().map(|i| i.code).collect(),
        financing_sources: default_financing_sources().into_iter().map(|i| i.code).collect(),
        republican_threshold: Some(Money::from_mln(20_000)),
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(features) = parse_features(text) else { return };
    let mut ids = Counter(0);
    for f in &features {
        let (project, _problems) = project_from_feature(f, &mut ids);
        if let Some(p) = project {
            let _ = check(&p, rules());
            let _ = project_to_feature(&p).to_string();
        }
    }
});
