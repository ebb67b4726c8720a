//! Writes sample printouts to a folder, to look at: `cargo run -p indmap-print --example preview -- OUT_DIR`.

use chrono::NaiveDate;
use indmap_core::{RegionCode, Scope};
use indmap_print::*;

fn main() {
    let out = std::env::args().nth(1).unwrap_or_else(|| "/tmp/indmap-preview".into());
    std::fs::create_dir_all(&out).unwrap();
    let projects = indmap_sample::generate(2000, 1, Scope::Ministry);
    let trace = Trace {
        database_id: "0193a5b2-0000-7000-8000-000000000001".into(),
        content_hash: "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".into(),
        printed_on: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
    };
    for (name, lang, setup, region, by) in [
        ("kz-a4-landscape-kk", Lang::Kk, PageSetup::new(Paper::A4, true), None, SymbolBy::Status),
        ("kz-a4-portrait-ru", Lang::Ru, PageSetup::new(Paper::A4, false), None, SymbolBy::Sector),
        ("kz-a3-landscape-en", Lang::En, PageSetup::new(Paper::A3, true), None, SymbolBy::Status),
        ("r35-a4-portrait-ru", Lang::Ru, PageSetup::new(Paper::A4, false), RegionCode::parse("35"), SymbolBy::Status),
        ("r71-a4-landscape-kk", Lang::Kk, PageSetup::new(Paper::A4, true), RegionCode::parse("71"), SymbolBy::Sector),
    ] {
        let ctx = PrintContext::new(lang, setup, trace.clone());
        let t = std::time::Instant::now();
        let doc = map_document(&ctx, &projects, MapOptions { region, by });
        let pdf = doc.to_pdf().unwrap();
        std::fs::write(format!("{out}/{name}.pdf"), pdf).unwrap();
        std::fs::write(format!("{out}/{name}.png"), doc.pages[0].to_png(60.0).unwrap()).unwrap();
        std::fs::write(format!("{out}/{name}.svg"), doc.pages[0].to_svg()).unwrap();
        println!("{name}: {:?}", t.elapsed());
    }
    let ctx = PrintContext::new(Lang::Kk, PageSetup::new(Paper::A4, false), trace.clone());
    let rich = projects
        .iter()
        .max_by_key(|p| p.financing.len() + p.actions.len() + p.monitoring.len() + p.milestones.len())
        .unwrap();
    let doc = passport_document(&ctx, rich);
    std::fs::write(format!("{out}/passport.pdf"), doc.to_pdf().unwrap()).unwrap();
    for kind in ChartKind::ALL {
        let page = chart_page(&ctx, kind, &projects);
        std::fs::write(format!("{out}/chart-{}.png", kind.code()), page.to_png(100.0).unwrap()).unwrap();
    }
    let mut long_named: Vec<_> = projects.iter().filter(|p| p.region.as_str() == "35").take(15).cloned().collect();
    let long: String = "Строительство завода по производству высокотехнологичной продукции глубокой переработки "
        .repeat(3)
        .chars()
        .take(200)
        .collect();
    for p in &mut long_named {
        p.name_ru = long.clone();
        p.initiator = Some(long.clone());
    }
    let ctx_ru = PrintContext::new(Lang::Ru, PageSetup::new(Paper::A4, false), trace.clone());
    let doc = atlas_document(&ctx_ru, &long_named, SymbolBy::Status, &mut |_, _| {});
    std::fs::write(format!("{out}/long.pdf"), doc.to_pdf().unwrap()).unwrap();
    std::fs::write(format!("{out}/passport-long.pdf"), passport_document(&ctx_ru, &long_named[0]).to_pdf().unwrap())
        .unwrap();
    if std::env::var("ATLAS").is_err() {
        return;
    }
    let ctx = PrintContext::new(Lang::Ru, PageSetup::new(Paper::A4, false), trace.clone());
    let t = std::time::Instant::now();
    let doc = atlas_document(&ctx, &projects, SymbolBy::Status, &mut |_, _| {});
    let pdf = doc.to_pdf().unwrap();
    println!("atlas: {} pages, {:?}", doc.pages.len(), t.elapsed());
    std::fs::write(format!("{out}/atlas.pdf"), pdf).unwrap();
}
