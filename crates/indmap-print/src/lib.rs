//! Printouts and reports of industrialization maps: map pages of Kazakhstan or one region, the
//! region atlas, project passports, charts, XLSX/CSV tables, and the merge bill of an import.
//!
//! Everything here is a pure function of what it is given: the projects, the language, the
//! paper, and the traceability data (database id, content hash, print date) that the footer
//! prints. Nothing reads a clock, a file or the database, so the same input gives the same page.
//!
//! How a page is made: every page is first an SVG in millimetres ([`Page`]). Maps, tables and
//! furniture are written directly as SVG (vector outlines need no pixel grid); charts come from
//! plotters' SVG backend and are embedded. usvg lays text out with the bundled DejaVu Sans
//! ([`fonts`]), svg2pdf writes the PDF with the font embedded as a subset (text stays
//! searchable and copyable), resvg draws the PNG. Maps use an equidistant cylindrical
//! projection with its standard parallel at the centre of the printed extent ([`projection`]);
//! the scale bar is true there and along every meridian, and the page says so.

pub mod alert_list;
pub mod atlas;
pub mod charts;
pub mod context;
pub mod dashboard_pages;
pub mod dashboard_xlsx;
pub mod document;
pub mod effectiveness_report;
pub mod filter_text;
pub mod fonts;
pub mod format;
mod furniture;
pub mod gantt_chart;
pub mod lang;
pub mod listing;
pub mod listing_xlsx;
mod map_labels;
pub mod map_page;
mod mapframe;
pub mod merge_bill;
pub mod page_table;
pub mod paper;
pub mod passport;
pub mod projection;
pub mod report_forms;
mod svg;
pub mod symbology;
pub mod table_export;
pub mod words;

pub use atlas::atlas_document;
pub use charts::{ChartKind, chart_page};
pub use context::{PrintContext, Trace};
pub use document::{Document, Page, RenderError};
pub use lang::Lang;
pub use map_page::{MapOptions, map_document};
pub use paper::{PageSetup, Paper};
pub use passport::passport_document;
pub use symbology::SymbolBy;
