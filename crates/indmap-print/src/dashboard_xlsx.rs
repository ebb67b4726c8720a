//! The dashboard as an XLSX workbook: plan against actual in totals and by region, sector and
//! year, and financing by source, year and status; numbers as numbers, so they sum and chart.

use crate::context::PrintContext;
use crate::format;
use crate::listing_xlsx::sheet_name;
use crate::words::Word;
use indmap_core::dashboard::{Dashboard, Group, PlanActual};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// How a sheet names a group's key.
type KeyName<'a> = dyn Fn(&str) -> String + 'a;

/// The headings of a group's figures, after the column naming the group: the workbook's and
/// the pages' tables.
pub(crate) fn headings(lang: crate::lang::Lang) -> [String; 12] {
    let w = |word: Word| word.text(lang).to_owned();
    let mln_kzt = w(Word::MlnKzt);
    [
        String::new(),
        w(Word::Projects),
        format!("{}, {}, {mln_kzt}", w(Word::InvestmentWord), w(Word::Planned)),
        format!("{}, {}, {mln_kzt}", w(Word::InvestmentWord), w(Word::Actual)),
        format!("{}, %", w(Word::InvestmentWord)),
        format!("{}, {}", w(Word::JobsPermanent), w(Word::Planned)),
        format!("{}, {}", w(Word::JobsPermanent), w(Word::Actual)),
        format!("{}, {mln_kzt}", w(Word::Output)),
        w(Word::CommissioningDue),
        w(Word::Commissioned),
        w(Word::OnTime),
        format!("{}, %", w(Word::OnTime)),
    ]
}

/// How a group's key reads, owned.
pub(crate) type KeyNamer<'a> = Box<dyn Fn(&str) -> String + 'a>;

/// How a group's key reads: a region's name, a sector's, a year, or "not given".
pub(crate) fn key_names(ctx: &PrintContext) -> [KeyNamer<'_>; 3] {
    let lang = ctx.lang;
    let none = move |word: Word| word.text(lang).to_owned();
    [
        Box::new(move |k: &str| {
            indmap_core::RegionCode::parse(k).map_or_else(|| k.to_owned(), |r| lang.pick(&r.region().label()))
        }),
        Box::new(move |k: &str| if k.is_empty() { none(Word::NoSector) } else { ctx.sector_label(Some(k)) }),
        Box::new(move |k: &str| if k.is_empty() { none(Word::NoData) } else { k.to_owned() }),
    ]
}

/// The workbook of `d`; `label` names a group's key on its sheet (a region, a sector, a year).
pub fn xlsx(ctx: &PrintContext, d: &Dashboard) -> Result<Vec<u8>, XlsxError> {
    let lang = ctx.lang;
    let w = |word: Word| word.text(lang).to_owned();
    let mut wb = Workbook::new();
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_title(w(Word::DashboardTitle)).set_author("indmap"));
    let header = Format::new().set_bold().set_text_wrap().set_background_color("#E3E8EE");
    let mln = Format::new().set_num_format("#,##0.0");
    let int = Format::new().set_num_format("#,##0");
    let pct = Format::new().set_num_format("0.0%");
    let [region, sector, year] = key_names(ctx);
    let total = [Group { key: w(Word::Total), figures: d.total }];
    let sheets: [(Word, &[Group], &KeyName); 4] = [
        (Word::Summary, &total, &|k: &str| k.to_owned()),
        (Word::Region, &d.by_region, &*region),
        (Word::Sector, &d.by_sector, &*sector),
        (Word::Year, &d.by_year, &*year),
    ];
    let heads = headings(lang);
    let mln_kzt = w(Word::MlnKzt);
    for (title, groups, label) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&w(title)))?;
        for (c, h) in heads.iter().enumerate() {
            let h = if c == 0 { w(title) } else { h.clone() };
            ws.write_string_with_format(0, c as u16, &h, &header)?;
            ws.set_column_width(c as u16, if c == 0 { 32.0 } else { 14.0 })?;
        }
        ws.set_row_height(0, 45)?;
        ws.set_freeze_panes(1, 1)?;
        for (i, g) in groups.iter().enumerate() {
            let r = i as u32 + 1;
            let f: &PlanActual = &g.figures;
            let share = |a: f64, b: f64| if b > 0.0 { Some(a / b) } else { None };
            ws.write_string(r, 0, label(&g.key))?;
            ws.write_number_with_format(r, 1, f64::from(f.projects), &int)?;
            ws.write_number_with_format(r, 2, format::mln_f64(f.investment_plan), &mln)?;
            ws.write_number_with_format(r, 3, format::mln_f64(f.investment_actual), &mln)?;
            if let Some(s) = share(f.investment_actual.minor() as f64, f.investment_plan.minor() as f64) {
                ws.write_number_with_format(r, 4, s, &pct)?;
            }
            ws.write_number_with_format(r, 5, f64::from(f.jobs_plan), &int)?;
            ws.write_number_with_format(r, 6, f64::from(f.jobs_actual), &int)?;
            ws.write_number_with_format(r, 7, format::mln_f64(f.output_actual), &mln)?;
            ws.write_number_with_format(r, 8, f64::from(f.commissioning_due), &int)?;
            ws.write_number_with_format(r, 9, f64::from(f.commissioned), &int)?;
            ws.write_number_with_format(r, 10, f64::from(f.commissioned_on_time), &int)?;
            if let Some(s) = share(f64::from(f.commissioned_on_time), f64::from(f.commissioned)) {
                ws.write_number_with_format(r, 11, s, &pct)?;
            }
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(&w(Word::FinancingSource)))?;
    let heads = [
        w(Word::FinancingSource),
        w(Word::Year),
        format!("{}, {mln_kzt}", lang.pick(&indmap_core::reference::FinancingStatus::Planned.label())),
        format!("{}, {mln_kzt}", lang.pick(&indmap_core::reference::FinancingStatus::Committed.label())),
        format!("{}, {mln_kzt}", lang.pick(&indmap_core::reference::FinancingStatus::Disbursed.label())),
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &header)?;
        ws.set_column_width(c as u16, if c == 0 { 36.0 } else { 14.0 })?;
    }
    for (i, cell) in d.financing.iter().enumerate() {
        let r = i as u32 + 1;
        let source = ctx
            .sources
            .iter()
            .find(|s| s.code == cell.source)
            .map_or_else(|| cell.source.clone(), |s| lang.pick(&s.label));
        ws.write_string(r, 0, &source)?;
        ws.write_number_with_format(r, 1, f64::from(cell.year), &Format::new())?;
        ws.write_number_with_format(r, 2, format::mln_f64(cell.planned), &mln)?;
        ws.write_number_with_format(r, 3, format::mln_f64(cell.committed), &mln)?;
        ws.write_number_with_format(r, 4, format::mln_f64(cell.disbursed), &mln)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for ws in wb.worksheets_mut() {
        crate::table_export::print_setup(ws, lang, 0);
    }
    wb.save_to_buffer()
}
