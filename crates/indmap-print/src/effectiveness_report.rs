//! The annual information on the effectiveness of state support (Art. 19 p.4) as a signed
//! document and as an XLSX workbook: the support given against what the supported projects
//! achieved, in totals and per support, by measure, region, sector and year, with the
//! methodology and its weights named. Both forms take their columns from one list.

use crate::context::PrintContext;
use crate::document::Document;
use crate::format;
use crate::lang::Lang;
use crate::listing::{Column, Listing, Section, listing_document};
use crate::listing_xlsx::sheet_name;
use crate::words::Word;
use indmap_core::Money;
use indmap_core::effectiveness::{Effect, EffectGroup, Effectiveness, Indicator};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// A figure of a group, as the table prints it and as the workbook stores it.
enum Figure {
    Count(u32),
    /// Money shown in millions (of tenge).
    Mln(Money),
    /// US cents shown in thousands of dollars.
    ThousandUsd(Money),
    Ratio(Option<f64>),
}

impl Figure {
    fn text(&self, lang: Lang) -> String {
        match self {
            Figure::Count(n) => format::integer(i64::from(*n)),
            Figure::Mln(m) => format::mln_number(*m, lang),
            Figure::ThousandUsd(m) => format::decimal(m.as_units_f64() / 1e3, 1, lang),
            Figure::Ratio(r) => r.map_or_else(|| "—".to_owned(), |r| format::decimal(r, 2, lang)),
        }
    }

    fn number(&self) -> Option<f64> {
        match self {
            Figure::Count(n) => Some(f64::from(*n)),
            Figure::Mln(m) => Some(m.as_units_f64() / 1e6),
            Figure::ThousandUsd(m) => Some(m.as_units_f64() / 1e3),
            Figure::Ratio(r) => *r,
        }
    }
}

/// The columns after a group's name: their headings and each group's figures.
fn headings(lang: Lang) -> Vec<String> {
    let w = |word: Word| word.text(lang);
    let mln = w(Word::MlnKzt);
    let short = |i: Indicator| lang.pick(&i.short_label());
    let per = |i: Indicator| format!("{} {}", short(i), lang.pick(&i.per_support_unit()));
    vec![
        w(Word::Projects).to_owned(),
        w(Word::MeasuresReceived).to_owned(),
        format!("{}, {mln}", w(Word::SupportShort)),
        format!("{}, {mln}", short(Indicator::Investment)),
        short(Indicator::Jobs),
        format!("{}, {mln}", short(Indicator::Output)),
        format!("{}, {mln}", short(Indicator::Taxes)),
        format!("{}, {}", short(Indicator::Exports), w(Word::ThousandUsd)),
        per(Indicator::Investment),
        per(Indicator::Jobs),
        per(Indicator::Output),
        per(Indicator::Taxes),
        per(Indicator::Exports),
        w(Word::EffectIndex).to_owned(),
    ]
}

/// The columns of the first table of a grouping (counts, support, results) and of the second
/// (support, each result per support, the index), by their place in `headings`.
const RESULTS: [usize; 8] = [0, 1, 2, 3, 4, 5, 6, 7];
const PER_SUPPORT: [usize; 7] = [2, 8, 9, 10, 11, 12, 13];

fn figures(e: &Effect) -> Vec<Figure> {
    let mut out = vec![
        Figure::Count(e.projects),
        Figure::Count(e.measures),
        Figure::Mln(e.support),
        Figure::Mln(e.investment),
        Figure::Count(e.jobs),
        Figure::Mln(e.output),
        Figure::Mln(e.taxes),
        Figure::ThousandUsd(e.exports_usd),
    ];
    out.extend(Indicator::ALL.iter().enumerate().map(|(k, _)| Figure::Ratio(e.per_support.get(k).copied().flatten())));
    out.push(Figure::Ratio(e.index));
    out
}

/// The tables of the report: (heading, the name of each row, the rows).
fn tables(ctx: &PrintContext, e: &Effectiveness) -> Vec<(String, Vec<(String, Effect)>)> {
    let lang = ctx.lang;
    let w = |word: Word| word.text(lang).to_owned();
    let named = |groups: &[EffectGroup], name: &dyn Fn(&str) -> String| {
        groups.iter().map(|g| (name(&g.key), g.effect.clone())).collect::<Vec<_>>()
    };
    let measure = |k: &str| {
        let number = k.parse::<u8>().ok();
        let label = number.and_then(indmap_core::reference::support_measure);
        label.map_or_else(|| k.to_owned(), |l| format!("{k}. {}", lang.pick(&l)))
    };
    let region =
        |k: &str| indmap_core::RegionCode::parse(k).map_or_else(|| k.to_owned(), |r| lang.pick(&r.region().label()));
    let sector = |k: &str| if k.is_empty() { w(Word::NoSector) } else { ctx.sector_label(Some(k)) };
    let year = |k: &str| if k.is_empty() { w(Word::NoData) } else { k.to_owned() };
    vec![
        (w(Word::Total), vec![(w(Word::Total), e.total.clone())]),
        (w(Word::SupportMeasure), named(&e.by_measure, &measure)),
        (w(Word::Region), named(&e.by_region, &region)),
        (w(Word::Sector), named(&e.by_sector, &sector)),
        (w(Word::SupportOfYear), named(&e.by_year, &year)),
    ]
}

/// The methodology as the report names it: its title, or that none is set; and its weights.
fn methodology_facts(ctx: &PrintContext, e: &Effectiveness) -> Vec<(String, String)> {
    let lang = ctx.lang;
    let name = e.methodology.name.clone().unwrap_or_else(|| Word::EqualWeights.text(lang).to_owned());
    let weights = e
        .methodology
        .weights
        .iter()
        .map(|w| format!("{} {}", lang.pick(&w.indicator.label()), format::decimal(w.weight, 2, lang)))
        .collect::<Vec<_>>()
        .join("; ");
    let year = e.year.map_or_else(|| Word::AllYears.text(lang).to_owned(), |y| y.to_string());
    vec![
        (Word::SupportOfYear.text(lang).to_owned(), year),
        (Word::Methodology.text(lang).to_owned(), name),
        (Word::Weights.text(lang).to_owned(), weights),
    ]
}

fn title(lang: Lang, e: &Effectiveness) -> String {
    match e.year {
        Some(y) => format!("{} ({y})", Word::EffectTitle.text(lang)),
        None => Word::EffectTitle.text(lang).to_owned(),
    }
}

/// The report as pages (landscape: its tables are wide): the methodology and the totals, then a
/// table per grouping, then the lines to sign.
pub fn effectiveness_document(ctx: &PrintContext, e: &Effectiveness) -> Document {
    let lang = ctx.lang;
    let w = |word: Word| word.text(lang).to_owned();
    let heads = headings(lang);
    let mut facts = methodology_facts(ctx, e);
    facts.extend([
        (w(Word::Projects), Figure::Count(e.total.projects).text(lang)),
        (w(Word::MeasuresReceived), Figure::Count(e.total.measures).text(lang)),
        (format!("{}: {}", w(Word::MeasuresReceived), w(Word::Unpriced)), Figure::Count(e.total.unpriced).text(lang)),
        (w(Word::SupportGiven), format::money(e.total.support, lang)),
        (lang.pick(&Indicator::Investment.label()), format::money(e.total.investment, lang)),
        (lang.pick(&Indicator::Jobs.label()), Figure::Count(e.total.jobs).text(lang)),
    ]);
    let mut sections = Vec::new();
    for (heading, rows) in tables(ctx, e).into_iter().skip(1) {
        // Fourteen columns of figures do not fit one sheet: the results, then per support.
        for (part, columns) in [(Word::SupportAndResults, &RESULTS[..]), (Word::PerSupportAndIndex, &PER_SUPPORT[..])] {
            let heads: Vec<String> = columns.iter().map(|&c| heads[c].clone()).collect();
            let rows: Vec<Vec<String>> = rows
                .iter()
                .map(|(name, effect)| {
                    let figures = figures(effect);
                    std::iter::once(name.clone()).chain(columns.iter().map(|&c| figures[c].text(lang))).collect()
                })
                .collect();
            let columns: Vec<Column> = std::iter::once(Column::text(&heading, 1.0))
                .chain(heads.iter().map(|h| Column::number(h, 1.0)))
                .collect();
            sections.push(Section {
                columns: crate::listing::fitted(ctx, &columns, &rows),
                title: format!("{heading}: {}", part.text(lang)),
                rows,
                empty: w(Word::NoSupport),
                ..Section::default()
            });
        }
    }
    let listing = Listing {
        title: title(lang, e),
        subtitles: vec![ctx.filters_as_of(), w(Word::EffectNote)],
        facts,
        sections,
        signatures: vec![w(Word::PreparedBy), w(Word::ApprovedBy)],
        ..Listing::default()
    };
    listing_document(ctx, &listing)
}

/// The report as a workbook: a sheet for the methodology and the total, and one per grouping,
/// numbers as numbers.
pub fn effectiveness_xlsx(ctx: &PrintContext, e: &Effectiveness) -> Result<Vec<u8>, XlsxError> {
    let lang = ctx.lang;
    let mut wb = Workbook::new();
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_title(title(lang, e)).set_author("indmap"));
    let header = Format::new().set_bold().set_text_wrap().set_background_color("#E3E8EE");
    let formats = [
        Format::new().set_num_format("#,##0"),
        Format::new().set_num_format("#,##0.0"),
        Format::new().set_num_format("0.00"),
    ];
    let heads = headings(lang);
    for (n, (heading, rows)) in tables(ctx, e).into_iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&heading))?;
        let mut r = 0;
        if n == 0 {
            ws.write_string_with_format(0, 0, title(lang, e), &Format::new().set_bold())?;
            ws.write_string(1, 0, ctx.filters_as_of())?;
            for (i, (label, value)) in methodology_facts(ctx, e).into_iter().enumerate() {
                ws.write_string(2 + i as u32, 0, label)?;
                ws.write_string(2 + i as u32, 1, value)?;
            }
            ws.write_string(5, 0, Word::EffectNote.text(lang))?;
            r = 7;
        }
        ws.write_string_with_format(r, 0, &heading, &header)?;
        ws.set_column_width(0, 36.0)?;
        for (c, h) in heads.iter().enumerate() {
            ws.write_string_with_format(r, c as u16 + 1, h, &header)?;
            ws.set_column_width(c as u16 + 1, 14.0)?;
        }
        ws.set_row_height(r, 60)?;
        ws.set_freeze_panes(r + 1, 1)?;
        for (i, (name, effect)) in rows.iter().enumerate() {
            let row = r + 1 + i as u32;
            ws.write_string(row, 0, name)?;
            for (c, f) in figures(effect).iter().enumerate() {
                let format = match f {
                    Figure::Count(_) => &formats[0],
                    Figure::Mln(_) | Figure::ThousandUsd(_) => &formats[1],
                    Figure::Ratio(_) => &formats[2],
                };
                if let Some(v) = f.number() {
                    ws.write_number_with_format(row, c as u16 + 1, v, format)?;
                }
            }
        }
        crate::table_export::print_setup(ws, lang, r);
    }
    wb.save_to_buffer()
}
