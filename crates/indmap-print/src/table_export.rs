//! The project table exported for spreadsheets (not drawn on a page): XLSX with a summary sheet and one sheet per region (every field,
//! numbers as numbers with formats, dates as dates, frozen header), and CSV in UTF-8 with a BOM so
//! Excel opens Cyrillic and Kazakh letters correctly.

use crate::context::PrintContext;
use crate::format;
use crate::lang::Lang;
use crate::listing_xlsx::sheet_name;
use crate::words::Word;
use chrono::{Datelike, NaiveDate};
use indmap_core::filter::commissioning_year;
use indmap_core::reference::{REGIONS, support_measure};
use indmap_core::schema::{self, Entity, FieldSpec, Kind, Record};
use indmap_core::{Money, Project, RegionCode};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};
use serde_json::Value;

/// The value of one cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// Millions of tenge.
    Mln(f64),
    Int(i64),
    Pct(f64),
    Date(NaiveDate),
}

fn text(s: impl Into<String>) -> Cell {
    let s = s.into();
    if s.is_empty() { Cell::Empty } else { Cell::Text(s) }
}

fn opt_text(s: &Option<String>) -> Cell {
    s.as_deref().map(text).unwrap_or(Cell::Empty)
}

fn mln(m: Option<Money>) -> Cell {
    m.map(|m| Cell::Mln(format::mln_f64(m))).unwrap_or(Cell::Empty)
}

fn int(n: Option<u32>) -> Cell {
    n.map(|n| Cell::Int(i64::from(n))).unwrap_or(Cell::Empty)
}

fn date(d: Option<NaiveDate>) -> Cell {
    d.map(Cell::Date).unwrap_or(Cell::Empty)
}

fn pct(v: Option<f64>) -> Cell {
    v.map(Cell::Pct).unwrap_or(Cell::Empty)
}

type Getter = fn(&Project, &PrintContext) -> Cell;

/// A curated column: what it shows, its width in characters and how to read it.
struct Column {
    shows: Shows,
    width: f64,
    get: Getter,
}

enum Shows {
    /// A field of the schema, headed by its label.
    Field(&'static str),
    /// A part of a field of the schema (or a figure worked out, `None`), headed by its own words.
    Words(Option<&'static str>, (&'static str, &'static str, &'static str)),
}

impl Column {
    const fn field(name: &'static str, width: f64, get: Getter) -> Column {
        Column { shows: Shows::Field(name), width, get }
    }

    const fn part(
        field: &'static str,
        words: (&'static str, &'static str, &'static str),
        width: f64,
        get: Getter,
    ) -> Column {
        Column { shows: Shows::Words(Some(field), words), width, get }
    }

    const fn derived(words: (&'static str, &'static str, &'static str), width: f64, get: Getter) -> Column {
        Column { shows: Shows::Words(None, words), width, get }
    }

    /// The schema's field this column shows (all or part of).
    fn field_name(&self) -> Option<&'static str> {
        match self.shows {
            Shows::Field(name) | Shows::Words(Some(name), _) => Some(name),
            Shows::Words(None, _) => None,
        }
    }
}

/// A column of the table: a curated one, or a field of the schema no curated column shows.
enum Layout {
    Curated(&'static Column),
    Field(&'static FieldSpec),
}

/// Every column, in order: the curated ones, then each field of the schema they leave out.
fn layout() -> Vec<Layout> {
    let shown: Vec<&str> = COLUMNS.iter().filter_map(Column::field_name).collect();
    let rest = Project::FIELDS.iter().filter(|f| !shown.contains(&f.name)).map(Layout::Field);
    COLUMNS.iter().map(Layout::Curated).chain(rest).collect()
}

fn spec(name: &str) -> &'static FieldSpec {
    indmap_core::field_spec(Entity::Project, name).expect("a curated column names a field of the schema")
}

/// A field's label as a header: money with the unit its cells are in.
fn field_header(f: &FieldSpec, lang: Lang) -> String {
    let label = lang.of(f.label_kk, f.label_ru, f.label_en);
    if f.kind == Kind::Money { format!("{label}, {}", Word::MlnKzt.text(lang)) } else { label.to_owned() }
}

impl Layout {
    fn header(&self, lang: Lang) -> String {
        match self {
            Layout::Curated(Column { shows: Shows::Field(name), .. }) => field_header(spec(name), lang),
            Layout::Curated(Column { shows: Shows::Words(_, (kk, ru, en)), .. }) => lang.of(kk, ru, en).to_owned(),
            Layout::Field(f) => field_header(f, lang),
        }
    }

    fn width(&self) -> f64 {
        match self {
            Layout::Curated(c) => c.width,
            Layout::Field(f) => match f.kind {
                Kind::Date | Kind::Count | Kind::Year => 11.0,
                Kind::Money | Kind::Number => 14.0,
                _ => 24.0,
            },
        }
    }
}

/// A field no curated column shows, as its property reads: by its kind.
fn field_cell(f: &FieldSpec, props: &serde_json::Map<String, Value>) -> Cell {
    let v = props.get(f.name).unwrap_or(&Value::Null);
    match (f.kind, v) {
        (_, Value::Null) => Cell::Empty,
        (Kind::Date, Value::String(s)) => {
            NaiveDate::parse_from_str(s, "%Y-%m-%d").map_or_else(|_| text(s.as_str()), Cell::Date)
        }
        (Kind::Money, Value::Number(n)) => n.as_f64().map_or(Cell::Empty, |kzt| Cell::Mln(kzt / 1e6)),
        (Kind::Count | Kind::Year, Value::Number(n)) => n.as_i64().map_or(Cell::Empty, Cell::Int),
        (_, Value::Number(n)) => n.as_f64().map_or(Cell::Empty, Cell::Pct),
        (_, Value::String(s)) => text(s.as_str()),
        (_, other) => text(other.to_string()),
    }
}

/// How far `field` of the project has moved from its baseline (`edition::variance`), as a cell:
/// 0 when it has not, empty without a baseline or when one side has no value.
fn drift(p: &Project, c: &PrintContext, field: &str, cell: fn(i128) -> Cell) -> Cell {
    let Some(baseline) = c.baselines.get(&p.id) else { return Cell::Empty };
    indmap_core::edition::moved_by(baseline, p, field).map_or(Cell::Empty, cell)
}

fn region_name(r: RegionCode, lang: Lang) -> String {
    let r = r.region();
    lang.of(r.name_kk, r.name_ru, r.name_en).to_string()
}

fn lonlat(p: &Project) -> Option<(f64, f64)> {
    use geo::InteriorPoint;
    p.location.as_ref()?.interior_point().map(|pt| (pt.x(), pt.y()))
}

/// The curated columns, in the order of the README's table: a field of the schema is headed by
/// its label; parts of a field and figures worked out from several have words of their own.
/// Every field of the schema that no column here shows gets a column of its own after these
/// (`layout`), so a new field reaches the table without a word here.
const COLUMNS: &[Column] = &[
    Column::field("code", 10.0, |p, _| opt_text(&p.code.as_ref().map(|c| c.to_string()))),
    Column::field("name_kk", 50.0, |p, _| text(p.name_kk.clone())),
    Column::field("name_ru", 50.0, |p, _| text(p.name_ru.clone())),
    Column::field("name_en", 30.0, |p, _| opt_text(&p.name_en)),
    Column::part("region", ("ҚАТО", "КАТО", "KATO"), 6.0, |p, _| text(p.region.as_str())),
    Column::part("region", ("Өңір", "Регион", "Region"), 26.0, |p, c| text(region_name(p.region, c.lang))),
    Column::field("district", 16.0, |p, _| opt_text(&p.district)),
    Column::field("settlement", 16.0, |p, _| opt_text(&p.settlement)),
    Column::field("zone", 16.0, |p, _| opt_text(&p.zone)),
    Column::field("level", 14.0, |p, c| text(c.lang.pick(&p.level.label()))),
    Column::field("status", 20.0, |p, c| text(c.lang.pick(&p.status.label()))),
    Column::field("sector", 24.0, |p, c| text(c.sector_label(p.sector.as_deref()))),
    Column::field("oked", 8.0, |p, _| opt_text(&p.oked)),
    Column::field("initiator", 30.0, |p, _| opt_text(&p.initiator)),
    Column::field("initiator_bin", 14.0, |p, _| opt_text(&p.initiator_bin.as_ref().map(|b| b.as_str().to_string()))),
    Column::field("cost_kzt", 14.0, |p, _| mln(p.cost)),
    Column::part(
        "cost_original",
        ("Бастапқы валюта", "Исходная валюта", "Original currency"),
        8.0,
        |p, _| opt_text(&p.cost_original.as_ref().map(|o| o.currency.clone())),
    ),
    Column::part(
        "cost_original",
        ("Бастапқы сомасы, млн", "Исходная сумма, млн", "Original amount, mln"),
        12.0,
        |p, _| mln(p.cost_original.as_ref().map(|o| o.amount)),
    ),
    Column::part("cost_original", ("Бағамы", "Курс", "Rate"), 8.0, |p, _| {
        p.cost_original.as_ref().map(|o| Cell::Pct(o.rate)).unwrap_or(Cell::Empty)
    }),
    Column::part("capacity", ("Қуаты", "Мощность", "Capacity"), 10.0, |p, _| {
        p.capacity.as_ref().map(|c| Cell::Pct(c.value)).unwrap_or(Cell::Empty)
    }),
    Column::part("capacity", ("Өлшем бірлігі", "Единица", "Unit"), 10.0, |p, _| {
        opt_text(&p.capacity.as_ref().map(|c| c.unit.clone()))
    }),
    Column::part("capacity", ("Өнім", "Продукция", "Product"), 20.0, |p, _| {
        opt_text(&p.capacity.as_ref().and_then(|c| c.product.clone()))
    }),
    Column::field("jobs_construction", 10.0, |p, _| int(p.jobs_construction)),
    Column::field("jobs_permanent", 10.0, |p, _| int(p.jobs_permanent)),
    Column::field("start_date", 11.0, |p, _| date(p.start_date)),
    Column::field("commissioning_planned", 11.0, |p, _| date(p.commissioning_planned)),
    Column::field("commissioning_actual", 11.0, |p, _| date(p.commissioning_actual)),
    Column::derived(("Іске қосу жылы", "Год ввода", "Commissioning year"), 8.0, |p, _| {
        commissioning_year(p).map(|y| Cell::Int(i64::from(y))).unwrap_or(Cell::Empty)
    }),
    // How far the plan has moved from the latest approved edition (the baseline).
    Column::derived(
        ("Бекітілген құны, млн ₸", "Утверждённая стоимость, млн ₸", "Approved cost, mln KZT"),
        14.0,
        |p, c| c.baselines.get(&p.id).map_or(Cell::Empty, |b| mln(b.cost)),
    ),
    Column::derived(
        ("Құнның ауытқуы, млн ₸", "Отклонение стоимости, млн ₸", "Cost variance, mln KZT"),
        14.0,
        |p, c| drift(p, c, "cost_kzt", |tiyn| Cell::Mln(tiyn as f64 / 1e8)),
    ),
    Column::derived(
        ("Бекітілген іске қосу мерзімі", "Утверждённый срок ввода", "Approved commissioning"),
        11.0,
        |p, c| c.baselines.get(&p.id).map_or(Cell::Empty, |b| date(b.commissioning_planned)),
    ),
    Column::derived(
        ("Іске қосудың жылжуы, күн", "Сдвиг ввода, дней", "Commissioning slip, days"),
        10.0,
        |p, c| drift(p, c, "commissioning_planned", |days| Cell::Int(i64::try_from(days).unwrap_or(i64::MAX))),
    ),
    Column::derived(
        ("Тұрақты жұмыс орнының ауытқуы", "Отклонение постоянных рабочих мест", "Permanent jobs variance"),
        10.0,
        |p, c| drift(p, c, "jobs_permanent", |n| Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))),
    ),
    Column::field("design_capacity_date", 11.0, |p, _| date(p.design_capacity_date)),
    Column::field("criteria", 20.0, |p, c| {
        text(p.criteria.iter().map(|k| c.lang.pick(&k.label())).collect::<Vec<_>>().join(", "))
    }),
    Column::field("local_content_labour_pct", 10.0, |p, _| pct(p.local_content_labour_pct)),
    Column::field("local_content_goods_pct", 10.0, |p, _| pct(p.local_content_goods_pct)),
    Column::field("local_content_expertise_date", 11.0, |p, _| date(p.local_content_expertise_date)),
    Column::field("local_content_expertise_ref", 14.0, |p, _| opt_text(&p.local_content_expertise_ref)),
    Column::field("responsible_body", 24.0, |p, _| opt_text(&p.responsible_body)),
    Column::field("inclusion_act", 16.0, |p, _| opt_text(&p.inclusion_act)),
    Column::field("inclusion_date", 11.0, |p, _| date(p.inclusion_date)),
    Column::field("exclusion_act", 16.0, |p, _| opt_text(&p.exclusion_act)),
    Column::field("exclusion_date", 11.0, |p, _| date(p.exclusion_date)),
    Column::field("exclusion_reason", 20.0, |p, _| opt_text(&p.exclusion_reason)),
    Column::derived(
        ("Қаржыландыру жиыны, млн ₸", "Финансирование всего, млн ₸", "Financing total, mln KZT"),
        14.0,
        |p, _| {
            if p.financing.is_empty() { Cell::Empty } else { mln(Some(p.financing_total())) }
        },
    ),
    Column::derived(
        ("Қаржыландыру көздері", "Источники финансирования", "Financing sources"),
        40.0,
        |p, c| {
            text(
                p.financing
                    .iter()
                    .map(|f| {
                        format!("{} {}: {}", c.source_label(&f.source), f.year, format::mln_number(f.amount, c.lang))
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        },
    ),
    Column::derived(("Кезеңдер", "Этапы", "Milestones"), 30.0, |p, c| {
        text(
            p.milestones
                .iter()
                .map(|m| format!("{} {}", m.name, format::opt_date(m.actual.or(m.planned), c.lang)))
                .collect::<Vec<_>>()
                .join("; "),
        )
    }),
    Column::derived(("Іс-шаралар", "Мероприятия", "Actions"), 30.0, |p, c| {
        text(
            p.actions
                .iter()
                .map(|a| format!("{} ({})", a.title, c.lang.pick(&a.status.label())))
                .collect::<Vec<_>>()
                .join("; "),
        )
    }),
    Column::derived(
        ("Қолдау шаралары", "Меры поддержки", "Support measures"),
        30.0,
        |p, c| {
            text(
                p.support_measures
                    .iter()
                    .filter_map(|s| support_measure(s.measure).map(|l| format!("{}. {}", s.measure, c.lang.pick(&l))))
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        },
    ),
    Column::derived(
        ("Соңғы мониторинг кезеңі", "Последний период мониторинга", "Last monitoring period"),
        10.0,
        |p, _| opt_text(&p.monitoring.last().map(|m| m.period.clone())),
    ),
    Column::derived(
        ("Игерілген инвестиция, млн ₸", "Освоено инвестиций, млн ₸", "Investment made, mln KZT"),
        14.0,
        |p, _| mln(p.monitoring.last().and_then(|m| m.investment)),
    ),
    Column::derived(("Құрылыс барысы, %", "Готовность, %", "Progress, %"), 8.0, |p, _| {
        pct(p.monitoring.last().and_then(|m| m.progress_pct))
    }),
    Column::field("problems", 30.0, |p, _| opt_text(&p.problems)),
    Column::field("notes", 30.0, |p, _| opt_text(&p.notes)),
    Column::derived(("Бойлық", "Долгота", "Longitude"), 10.0, |p, _| {
        lonlat(p).map(|l| Cell::Pct(l.0)).unwrap_or(Cell::Empty)
    }),
    Column::derived(("Ендік", "Широта", "Latitude"), 10.0, |p, _| {
        lonlat(p).map(|l| Cell::Pct(l.1)).unwrap_or(Cell::Empty)
    }),
    Column::derived(("Идентификатор", "Идентификатор", "Id"), 36.0, |p, _| {
        text(p.id.to_string())
    }),
];

/// The header row in the context's language.
pub fn headers(ctx: &PrintContext) -> Vec<String> {
    layout().iter().map(|c| c.header(ctx.lang)).collect()
}

/// The cells of a project's row.
pub fn cells(ctx: &PrintContext, p: &Project) -> Vec<Cell> {
    project_row(&layout(), ctx, p)
}

fn project_row(layout: &[Layout], ctx: &PrintContext, p: &Project) -> Vec<Cell> {
    // The properties are written once a row, and only when a column reads them.
    let props = layout.iter().any(|c| matches!(c, Layout::Field(_))).then(|| schema::record_json(p));
    layout
        .iter()
        .map(|c| match (c, &props) {
            (Layout::Curated(col), _) => (col.get)(p, ctx),
            (Layout::Field(f), Some(props)) => field_cell(f, props),
            (Layout::Field(_), None) => Cell::Empty,
        })
        .collect()
}

struct Formats {
    header: Format,
    mln: Format,
    int: Format,
    pct: Format,
    date: Format,
    total: Format,
}

impl Formats {
    fn new() -> Self {
        // Excel shows these with the reader's own separators: a space and a comma in a Kazakh or
        // Russian Excel.
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_background_color("#E3E8EE")
                .set_align(FormatAlign::Top),
            mln: Format::new().set_num_format("#,##0.0"),
            int: Format::new().set_num_format("#,##0"),
            pct: Format::new().set_num_format("0.0##"),
            date: Format::new().set_num_format("dd.mm.yyyy"),
            total: Format::new().set_bold().set_num_format("#,##0.0"),
        }
    }
}

fn write_cell(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    f: &Formats,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => {
            ws.write_string(row, col, s)?;
        }
        Cell::Mln(v) => {
            ws.write_number_with_format(row, col, *v, &f.mln)?;
        }
        Cell::Int(v) => {
            ws.write_number_with_format(row, col, *v as f64, &f.int)?;
        }
        Cell::Pct(v) => {
            ws.write_number_with_format(row, col, *v, &f.pct)?;
        }
        Cell::Date(d) => {
            let excel = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
            ws.write_datetime_with_format(row, col, &excel, &f.date)?;
        }
    }
    Ok(())
}

/// The workbook: a summary sheet (projects, cost and jobs per region, with totals) and one sheet
/// per region that has projects, with every field.
pub fn xlsx(ctx: &PrintContext, projects: &[Project]) -> Result<Vec<u8>, XlsxError> {
    let lang = ctx.lang;
    let f = Formats::new();
    let mut wb = Workbook::new();
    wb.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title(Word::MapTitle.text(lang))
            .set_subject(crate::map_page::subject(ctx))
            .set_author("indmap"),
    );

    let summary = wb.add_worksheet();
    summary.set_name(sheet_name(Word::Summary.text(lang)))?;
    let heads = [
        Word::Region.text(lang).to_string(),
        "KATO".to_string(),
        Word::Projects.text(lang).to_string(),
        format!("{}, {}", Word::Cost.text(lang), Word::MlnKzt.text(lang)),
        Word::JobsPermanent.text(lang).to_string(),
    ];
    for (c, h) in heads.iter().enumerate() {
        summary.write_string_with_format(0, c as u16, h, &f.header)?;
    }
    summary.set_column_width(0, 32)?;
    summary.set_column_width(1, 6)?;
    for c in 2..5 {
        summary.set_column_width(c, 16)?;
    }
    summary.set_freeze_panes(1, 0)?;
    let mut row = 1u32;
    for r in REGIONS.iter() {
        let chosen: Vec<&Project> = projects.iter().filter(|p| p.region.as_str() == r.kato).collect();
        if chosen.is_empty() {
            continue;
        }
        let cost: Money = chosen.iter().filter_map(|p| p.cost).sum();
        let jobs: i64 = chosen.iter().filter_map(|p| p.jobs_permanent).map(i64::from).sum();
        summary.write_string(row, 0, lang.of(r.name_kk, r.name_ru, r.name_en))?;
        summary.write_string(row, 1, r.kato)?;
        summary.write_number_with_format(row, 2, chosen.len() as f64, &f.int)?;
        summary.write_number_with_format(row, 3, format::mln_f64(cost), &f.mln)?;
        summary.write_number_with_format(row, 4, jobs as f64, &f.int)?;
        row += 1;
    }
    let cost: Money = projects.iter().filter_map(|p| p.cost).sum();
    let jobs: i64 = projects.iter().filter_map(|p| p.jobs_permanent).map(i64::from).sum();
    summary.write_string_with_format(row, 0, Word::Total.text(lang), &f.header)?;
    summary.write_number_with_format(row, 2, projects.len() as f64, &f.int)?;
    summary.write_number_with_format(row, 3, format::mln_f64(cost), &f.total)?;
    summary.write_number_with_format(row, 4, jobs as f64, &f.int)?;
    summary.write_string(row + 2, 0, crate::map_page::subject(ctx))?;
    if let Some(approved) = ctx.approved_line() {
        summary.write_string(row + 3, 0, approved)?;
    }

    for r in REGIONS.iter() {
        let chosen: Vec<&Project> = projects.iter().filter(|p| p.region.as_str() == r.kato).collect();
        if chosen.is_empty() {
            continue;
        }
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(lang.of(r.name_kk, r.name_ru, r.name_en)))?;
        let columns = layout();
        for (c, col) in columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, col.header(lang), &f.header)?;
            ws.set_column_width(c as u16, col.width())?;
        }
        ws.set_row_height(0, 45)?;
        ws.set_freeze_panes(1, 1)?;
        for (i, p) in chosen.iter().enumerate() {
            for (c, cell) in project_row(&columns, ctx, p).iter().enumerate() {
                write_cell(ws, i as u32 + 1, c as u16, cell, &f)?;
            }
        }
        ws.autofilter(0, 0, chosen.len() as u32, columns.len() as u16 - 1)?;
    }
    long_sheets(&mut wb, ctx, projects, &f)?;
    for ws in wb.worksheets_mut() {
        print_setup(ws, lang, 0);
    }
    wb.save_to_buffer()
}

/// Every sheet prints landscape, as wide as the page, its header row (`header_row`) on every
/// page, numbered.
pub(crate) fn print_setup(ws: &mut rust_xlsxwriter::Worksheet, lang: Lang, header_row: u32) {
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    let _ = ws.set_repeat_rows(header_row, header_row);
    ws.set_footer(format!("&C{} &P {} &N", Word::Page.text(lang), Word::Of.text(lang)));
}

/// A sheet per list of rows (financing, milestones, actions, support measures, monitoring):
/// one row per row of a project, with the project's code, name and region before the row's own
/// fields, so a ministry analyst can pivot them.
fn long_sheets(wb: &mut Workbook, ctx: &PrintContext, projects: &[Project], f: &Formats) -> Result<(), XlsxError> {
    let lang = ctx.lang;
    for list in Entity::LISTS {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&lang.pick(&list.label())))?;
        let fields = indmap_core::fields_of(list);
        let mut heads = vec![
            (Word::Code.text(lang).to_owned(), 11.0),
            (Word::Name.text(lang).to_owned(), 40.0),
            (Word::Region.text(lang).to_owned(), 24.0),
            ("KATO".to_owned(), 6.0),
        ];
        for spec in fields {
            heads.push((field_header(spec, lang), if spec.kind == Kind::Text { 30.0 } else { 14.0 }));
            if list == Entity::SupportMeasures && spec.name == "measure" {
                heads.push((Word::SupportMeasure.text(lang).to_owned(), 36.0));
            }
        }
        for (c, (head, width)) in heads.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, head, &f.header)?;
            ws.set_column_width(c as u16, *width)?;
        }
        ws.set_row_height(0, 30)?;
        ws.set_freeze_panes(1, 2)?;
        let mut row = 0u32;
        for p in projects {
            for values in indmap_core::list_rows(p, list) {
                row += 1;
                let mut cells = vec![
                    text(p.code_or_id()),
                    text(p.name(lang.code())),
                    text(region_name(p.region, lang)),
                    text(p.region.as_str()),
                ];
                for spec in fields {
                    cells.push(long_cell(ctx, spec, &values));
                    if list == Entity::SupportMeasures && spec.name == "measure" {
                        let number = values.get("measure").and_then(Value::as_u64).and_then(|n| u8::try_from(n).ok());
                        cells.push(number.and_then(support_measure).map_or(Cell::Empty, |l| text(lang.pick(&l))));
                    }
                }
                for (c, cell) in cells.iter().enumerate() {
                    write_cell(ws, row, c as u16, cell, f)?;
                }
            }
        }
        ws.autofilter(0, 0, row, heads.len() as u16 - 1)?;
    }
    Ok(())
}

/// A row's field in a long sheet: a code by its label (a closed list's, or this database's
/// financing sources and sectors), the rest as the project sheets write it.
fn long_cell(ctx: &PrintContext, spec: &FieldSpec, values: &serde_json::Map<String, Value>) -> Cell {
    let Some(code) = values.get(spec.name).and_then(Value::as_str).filter(|_| spec.kind == Kind::Code) else {
        return field_cell(spec, values);
    };
    text(match (spec.code_label)(code) {
        Some(label) => ctx.lang.pick(&label),
        None if spec.name == "source" => ctx.source_label(code),
        None => ctx.sector_label(Some(code)),
    })
}

/// The table as CSV: UTF-8 with a BOM, `;` between fields and a decimal comma in Kazakh and
/// Russian (what a Kazakh or Russian Excel expects), `,` and a decimal point in English.
pub fn csv(ctx: &PrintContext, projects: &[Project]) -> Vec<u8> {
    let sep = if ctx.lang == Lang::En { ',' } else { ';' };
    let mut out = String::from("\u{FEFF}");
    let field = |s: &str| {
        // A cell that starts like a formula is one to Excel, which would run it on opening
        // (CSV injection): it is written as text, after an apostrophe as Excel itself does.
        let s = &if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_owned() };
        if s.contains(sep) || s.contains('"') || s.contains('\n') || s.contains('\r') {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let number = |v: f64, places: usize| {
        let s = format!("{v:.places$}");
        if ctx.lang == Lang::En { s } else { s.replace('.', ",") }
    };
    let header: Vec<String> = headers(ctx).iter().map(|h| field(h)).collect();
    out.push_str(&header.join(&sep.to_string()));
    out.push_str("\r\n");
    let columns = layout();
    for p in projects {
        let fields: Vec<String> = project_row(&columns, ctx, p)
            .iter()
            .map(|c| match c {
                Cell::Empty => String::new(),
                Cell::Text(s) => field(s),
                Cell::Mln(v) => number(*v, 6),
                Cell::Int(v) => v.to_string(),
                Cell::Pct(v) => {
                    let s = v.to_string();
                    if ctx.lang == Lang::En { s } else { s.replace('.', ",") }
                }
                Cell::Date(d) => format::date(*d, ctx.lang),
            })
            .collect();
        out.push_str(&fields.join(&sep.to_string()));
        out.push_str("\r\n");
    }
    out.into_bytes()
}
