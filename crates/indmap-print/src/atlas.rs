//! The region atlas: a national overview map, then for each region its map and the table of its
//! projects, numbered as one document.

use crate::context::PrintContext;
use crate::document::{Document, Page};
use crate::map_page::{self, MapOptions, scope_name};
use crate::page_table::TablePages;
use crate::symbology::SymbolBy;
use crate::words::Word;
use indmap_core::reference::REGIONS;
use indmap_core::{Project, RegionCode};

/// Called after each page is made, with (pages done, pages in all): for a progress bar.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// The atlas of `projects`. Regions with no project are left out; with no project at all it is
/// the overview page alone, saying so.
pub fn atlas_document(ctx: &PrintContext, projects: &[Project], by: SymbolBy, progress: Progress) -> Document {
    let lang = ctx.lang;
    let all: Vec<&Project> = projects.iter().collect();
    let regions: Vec<RegionCode> = REGIONS
        .iter()
        .filter_map(|r| RegionCode::parse(r.kato))
        .filter(|code| projects.iter().any(|p| p.region == *code))
        .collect();
    let tables: Vec<TablePages> = regions
        .iter()
        .map(|code| {
            let chosen: Vec<&Project> = projects.iter().filter(|p| p.region == *code).collect();
            let title = format!("{} — {}", scope_name(ctx, Some(*code)), Word::Projects.text(lang));
            TablePages::new(ctx, title, chosen)
        })
        .collect();
    let total = 1 + tables.iter().map(|t| 1 + t.page_count()).sum::<usize>();
    let mut pages: Vec<Page> = Vec::with_capacity(total);
    let title = format!("{} — {}", Word::AtlasTitle.text(lang), Word::Kazakhstan.text(lang));
    pages.push(map_page::map_page(ctx, &all, MapOptions { region: None, by }, &title, 1, total));
    progress(pages.len(), total);
    for (code, table) in regions.iter().zip(&tables) {
        let map_title = format!("{} — {}", Word::MapTitle.text(lang), scope_name(ctx, Some(*code)));
        let options = MapOptions { region: Some(*code), by };
        pages.push(map_page::map_page(ctx, &table.projects, options, &map_title, pages.len() + 1, total));
        progress(pages.len(), total);
        for i in 0..table.page_count() {
            pages.push(table.page(ctx, i, pages.len() + 1, total));
            progress(pages.len(), total);
        }
    }
    Document { title, subject: map_page::subject(ctx), pages }
}
