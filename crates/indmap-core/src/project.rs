//! A project of an industrialization map, with its financing sources, schedule and action plan
//! (Law of 2012, Art. 19 p.2), and the rows that belong to it. Every record, child rows included,
//! has a UUID v7 made where it was born.
//!
//! This file is the schema: each field is declared once, with how it reads and writes (its
//! codec), its property name, its store column and its label in kk/ru/en (`schema::record!`).
//! Readers, writers, columns and labels everywhere else are derived from it.

use crate::ident::{Bin, ProjectCode, RegionCode};
use crate::money::Money;
use crate::record;
use crate::reference::{ActionStatus, Criterion, FinancingStatus, MapLevel, Status};
use crate::schema::codec::*;
use crate::schema::{Cell, CellSource, Cells, Entity, FieldSpec, Kind, Reader, Record};
use chrono::NaiveDate;
use serde_json::{Value, json};
use uuid::Uuid;

record! {
    #[derive(Debug, Clone, PartialEq)]
    pub struct Project(Project) {
        pub id: Uuid,
        /// Given by the database that registers the project, unless the project arrives with one.
        pub code: Option<ProjectCode> as Code = "code", "code", ["Коды", "Код", "Code"];
        pub name_kk: String as Name = "name_kk", "name_kk", ["Атауы (қаз.)", "Наименование (каз.)", "Name (kk)"];
        pub name_ru: String as Name = "name_ru", "name_ru", ["Атауы (орыс.)", "Наименование (рус.)", "Name (ru)"];
        pub name_en: Option<String> as Text = "name_en", "name_en", ["Атауы (ағыл.)", "Наименование (англ.)", "Name (en)"];
        pub region: RegionCode as Region = "region", "region", ["Өңір", "Регион", "Region"];
        pub district: Option<String> as Text = "district", "district", ["Аудан", "Район", "District"];
        pub settlement: Option<String> as Text = "settlement", "settlement", ["Елді мекен", "Населённый пункт", "Settlement"];
        /// Special economic zone or industrial zone.
        pub zone: Option<String> as Text = "zone", "zone", ["АЭА немесе индустриялық аймақ", "СЭЗ или индустриальная зона", "SEZ or industrial zone"];
        pub level: MapLevel as Coded<MapLevel> = "level", "level", ["Карта деңгейі", "Уровень карты", "Map level"];
        pub status: Status as Coded<Status> = "status", "status", ["Мәртебесі", "Статус", "Status"];
        /// A code of the editable sector list.
        pub sector: Option<String> as ListCode = "sector", "sector", ["Сала", "Отрасль", "Sector"];
        pub oked: Option<String> as Text = "oked", "oked", ["ЭҚЖЖ коды", "Код ОКЭД", "OKED code"];
        pub initiator: Option<String> as Text = "initiator", "initiator", ["Бастамашы (компания)", "Инициатор (компания)", "Initiator (company)"];
        pub initiator_bin: Option<Bin> as BinNo = "initiator_bin", "initiator_bin", ["Бастамашының БСН", "БИН инициатора", "Initiator's BIN"];
        pub cost: Option<Money> as Amount = "cost_kzt", "cost_tiyn", ["Жалпы құны", "Общая стоимость", "Total cost"];
        pub cost_original: Option<OriginalCost> as OriginalCostCodec = "cost_original", ["cost_currency", "cost_original_minor", "cost_rate"],
            ["Бастапқы валютадағы құны", "Стоимость в исходной валюте", "Cost in the original currency"];
        pub capacity: Option<Capacity> as CapacityCodec = "capacity", ["capacity_value", "capacity_unit", "capacity_product"],
            ["Жобалық қуаты", "Проектная мощность", "Design capacity"];
        pub jobs_construction: Option<u32> as Count = "jobs_construction", "jobs_construction", ["Құрылыс кезіндегі жұмыс орны", "Рабочие места на стройке", "Jobs during construction"];
        pub jobs_permanent: Option<u32> as Count = "jobs_permanent", "jobs_permanent", ["Тұрақты жұмыс орны", "Постоянные рабочие места", "Permanent jobs"];
        pub start_date: Option<NaiveDate> as Date = "start_date", "start_date", ["Басталуы", "Начало", "Start"];
        pub commissioning_planned: Option<NaiveDate> as Date = "commissioning_planned", "commissioning_planned", ["Іске қосу, жоспар", "Ввод, план", "Commissioning, planned"];
        pub commissioning_actual: Option<NaiveDate> as Date = "commissioning_actual", "commissioning_actual", ["Іске қосу, нақты", "Ввод, факт", "Commissioning, actual"];
        pub design_capacity_date: Option<NaiveDate> as Date = "design_capacity_date", "design_capacity_date", ["Жобалық қуатқа шығу", "Выход на проектную мощность", "Design capacity reached"];
        /// The criteria on which support is decided (Art. 20 p.6).
        pub criteria: Vec<Criterion> as CodeSet<Criterion> = "criteria", "criteria", ["Өлшемшарттар (20-бап 6-т.)", "Критерии (ст. 20 п. 6)", "Criteria (Art. 20 p.6)"];
        /// Local content (Art. 1 p.1-2) and its expertise, needed for the republican map.
        pub local_content_labour_pct: Option<f64> as Real = "local_content_labour_pct", "lc_labour_pct", ["Жергілікті кадрлар, %", "Местные кадры, %", "Local labour, %"];
        pub local_content_goods_pct: Option<f64> as Real = "local_content_goods_pct", "lc_goods_pct", ["Жергілікті тауарлар, жұмыстар, қызметтер, %", "Местные товары, работы, услуги, %", "Local goods, works, services, %"];
        pub local_content_expertise_date: Option<NaiveDate> as Date = "local_content_expertise_date", "lc_expertise_date", ["Жергілікті қамту сараптамасының күні", "Дата экспертизы местного содержания", "Local content expertise date"];
        pub local_content_expertise_ref: Option<String> as Text = "local_content_expertise_ref", "lc_expertise_ref", ["Жергілікті қамту сараптамасының нөмірі", "Номер экспертизы местного содержания", "Local content expertise reference"];
        pub responsible_body: Option<String> as Text = "responsible_body", "responsible_body", ["Жауапты орган", "Ответственный орган", "Responsible body"];
        /// Who answers for the project and reports on it each period.
        pub responsible_person: Option<String> as Text = "responsible_person", "responsible_person", ["Жауапты тұлға", "Ответственное лицо", "Responsible person"];
        pub inclusion_act: Option<String> as Text = "inclusion_act", "inclusion_act", ["Енгізу туралы акт", "Акт о включении", "Inclusion act"];
        pub inclusion_date: Option<NaiveDate> as Date = "inclusion_date", "inclusion_date", ["Енгізу күні", "Дата включения", "Inclusion date"];
        pub exclusion_act: Option<String> as Text = "exclusion_act", "exclusion_act", ["Шығару туралы акт", "Акт об исключении", "Exclusion act"];
        pub exclusion_date: Option<NaiveDate> as Date = "exclusion_date", "exclusion_date", ["Шығару күні", "Дата исключения", "Exclusion date"];
        pub exclusion_reason: Option<String> as Text = "exclusion_reason", "exclusion_reason", ["Шығару себебі", "Причина исключения", "Exclusion reason"];
        pub problems: Option<String> as Text = "problems", "problems", ["Проблемалар", "Проблемы", "Problems"];
        pub notes: Option<String> as Text = "notes", "notes", ["Ескертпелер", "Примечания", "Notes"];
        rest {
            /// A point, a site polygon or a line (pipeline, road), WGS84: the Feature's geometry.
            pub location: Option<geo::Geometry<f64>>,
            pub financing: Vec<FinancingRow>,
            pub milestones: Vec<Milestone>,
            pub actions: Vec<ActionItem>,
            pub support_measures: Vec<SupportReceived>,
            pub monitoring: Vec<MonitoringReport>,
        }
    }
}

impl Project {
    /// A project with only what every project must have; the rest is unknown.
    pub fn new(id: Uuid, name_kk: String, name_ru: String, region: RegionCode) -> Project {
        Project { name_kk, name_ru, region, ..Project::blank(id) }
    }

    /// The name to show in a language, falling back to the other names.
    pub fn name(&self, lang: &str) -> &str {
        let preferred = match lang {
            "kk" => Some(self.name_kk.as_str()),
            "en" => self.name_en.as_deref(),
            _ => Some(self.name_ru.as_str()),
        };
        [preferred, Some(self.name_ru.as_str()), Some(self.name_kk.as_str())]
            .into_iter()
            .flatten()
            .find(|n| !n.is_empty())
            .unwrap_or_default()
    }

    /// The project's code as people name it, or its id while it has none.
    pub fn code_or_id(&self) -> String {
        self.code.as_ref().map_or_else(|| self.id.to_string(), |c| c.to_string())
    }

    pub fn financing_total(&self) -> Money {
        self.financing.iter().map(|f| f.amount).sum()
    }
}

/// The cost as the investor stated it, before conversion to tenge.
#[derive(Debug, Clone, PartialEq)]
pub struct OriginalCost {
    /// ISO 4217 code, e.g. `USD`.
    pub currency: String,
    pub amount: Money,
    /// Tenge per unit of `currency` used for the conversion.
    pub rate: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Capacity {
    pub value: f64,
    pub unit: String,
    pub product: Option<String>,
}

record! {
    #[derive(Debug, Clone, PartialEq)]
    pub struct FinancingRow(Financing) {
        pub id: Uuid,
        /// A code of the editable financing-source list.
        pub source: String as RequiredListCode = "source", "source", ["Көзі", "Источник", "Source"];
        pub amount: Money as RequiredAmount = "amount_kzt", "amount_tiyn", ["Сомасы", "Сумма", "Amount"];
        pub year: i32 as Year = "year", "year", ["Жылы", "Год", "Year"];
        pub status: FinancingStatus as Coded<FinancingStatus> = "status", "status", ["Мәртебесі", "Статус", "Status"];
        /// E.g. the investor's country for foreign direct investment.
        pub note: Option<String> as Text = "note", "note", ["Ескертпе", "Примечание", "Note"];
        rest {}
    }
}

record! {
    #[derive(Debug, Clone, PartialEq)]
    pub struct Milestone(Milestones) {
        pub id: Uuid,
        pub name: String as RequiredText = "name", "name", ["Кезең", "Этап", "Milestone"];
        pub planned: Option<NaiveDate> as Date = "planned", "planned", ["Жоспар", "План", "Planned"];
        pub actual: Option<NaiveDate> as Date = "actual", "actual", ["Нақты", "Факт", "Actual"];
        rest {}
    }
}

record! {
    #[derive(Debug, Clone, PartialEq)]
    pub struct ActionItem(Actions) {
        pub id: Uuid,
        pub title: String as RequiredText = "title", "title", ["Не істеу керек", "Что сделать", "What"];
        pub responsible: Option<String> as Text = "responsible", "responsible", ["Жауапты", "Ответственный", "Responsible"];
        pub due: Option<NaiveDate> as Date = "due", "due", ["Мерзімі", "Срок", "Due"];
        pub status: ActionStatus as Coded<ActionStatus> = "status", "status", ["Мәртебесі", "Статус", "Status"];
        pub done: Option<NaiveDate> as Date = "done", "done", ["Орындалған күні", "Исполнено", "Done on"];
        pub note: Option<String> as Text = "note", "note", ["Ескертпе", "Примечание", "Note"];
        rest {}
    }
}

record! {
    /// A state support measure (Art. 20 p.2) the project receives.
    #[derive(Debug, Clone, PartialEq)]
    pub struct SupportReceived(SupportMeasures) {
        pub id: Uuid,
        /// 1 to 13, numbered as in the law.
        pub measure: u8 as Measure = "measure", "measure", ["Шара", "Мера", "Measure"];
        /// The year the support was given: what the effectiveness of support is counted by.
        pub year: Option<i32> as OptionalYear = "year", "year", ["Жылы", "Год", "Year"];
        pub amount: Option<Money> as Amount = "amount_kzt", "amount_tiyn", ["Сомасы", "Сумма", "Amount"];
        pub note: Option<String> as Text = "note", "note", ["Ескертпе", "Примечание", "Note"];
        rest {}
    }
}

record! {
    /// What a project reported for one monitoring period.
    #[derive(Debug, Clone, PartialEq)]
    pub struct MonitoringReport(Monitoring) {
        pub id: Uuid,
        /// `2026-Q3` by default; `2026-07` or `2026` where the period is configured so.
        pub period: String as RequiredText = "period", "period", ["Кезең", "Период", "Period"];
        /// Investment made to date, all sources.
        pub investment: Option<Money> as Amount = "investment_kzt", "investment_tiyn", ["Игерілгені", "Освоено на дату", "Invested to date"];
        pub progress_pct: Option<f64> as Real = "progress_pct", "progress_pct", ["Дайындығы, %", "Готовность, %", "Progress, %"];
        pub jobs_created: Option<u32> as Count = "jobs_created", "jobs_created", ["Құрылған жұмыс орны", "Создано рабочих мест", "Jobs created"];
        pub output: Option<Money> as Amount = "output_kzt", "output_tiyn", ["Өнім көлемі", "Выпуск", "Output"];
        pub output_natural: Option<f64> as Real = "output_natural", "output_natural", ["Заттай өнім", "Выпуск в натуральном выражении", "Output in kind"];
        pub exports_usd: Option<Money> as UsdAmount = "exports_usd", "exports_usd_cents", ["Экспорт, USD", "Экспорт, USD", "Exports, USD"];
        pub utilisation_pct: Option<f64> as Real = "utilisation_pct", "utilisation_pct", ["Қуат жүктемесі, %", "Загрузка мощности, %", "Utilisation, %"];
        pub taxes: Option<Money> as Amount = "taxes_kzt", "taxes_tiyn", ["Салықтар", "Налоги", "Taxes"];
        pub local_content_pct: Option<f64> as Real = "local_content_pct", "local_content_pct", ["Жергілікті қамту, %", "Местное содержание, %", "Local content, %"];
        pub status: Option<Status> as MaybeCoded<Status> = "status", "status", ["Мәртебе", "Статус", "Status"];
        pub comment: Option<String> as Text = "comment", "comment", ["Түсініктеме", "Комментарий", "Comment"];
        pub reported_by: Option<String> as Text = "reported_by", "reported_by", ["Кім хабарлады", "Кто сообщил", "Reported by"];
        pub reported_on: Option<NaiveDate> as Date = "reported_on", "reported_on", ["Есеп күні", "Дата отчёта", "Reported on"];
        rest {}
    }
}

/// Every field the schema describes: the project's, then each list's.
pub fn all_fields() -> impl Iterator<Item = &'static FieldSpec> {
    Entity::ALL.into_iter().flat_map(fields_of)
}

/// The fields of a record kind: the project's, or a list's (`Entity::LISTS`).
pub fn fields_of(entity: Entity) -> &'static [FieldSpec] {
    match entity {
        Entity::Project => Project::FIELDS,
        Entity::Financing => FinancingRow::FIELDS,
        Entity::Milestones => Milestone::FIELDS,
        Entity::Actions => ActionItem::FIELDS,
        Entity::SupportMeasures => SupportReceived::FIELDS,
        Entity::Monitoring => MonitoringReport::FIELDS,
    }
}

/// A project's rows of a list (`Entity::LISTS`; the project itself for `Entity::Project`) as
/// property objects (`schema::record_json`), in order, each with the fields `fields_of` names:
/// what a long-format sheet, one row per row, is made of.
pub fn list_rows(p: &Project, list: Entity) -> Vec<serde_json::Map<String, Value>> {
    fn rows<R: Record>(rows: &[R]) -> Vec<serde_json::Map<String, Value>> {
        rows.iter().map(crate::schema::record_json).collect()
    }
    match list {
        Entity::Project => vec![crate::schema::record_json(p)],
        Entity::Financing => rows(&p.financing),
        Entity::Milestones => rows(&p.milestones),
        Entity::Actions => rows(&p.actions),
        Entity::SupportMeasures => rows(&p.support_measures),
        Entity::Monitoring => rows(&p.monitoring),
    }
}

/// The field of `entity` named `name`, if the schema describes one.
pub fn field_spec(entity: Entity, name: &str) -> Option<&'static FieldSpec> {
    all_fields().find(|f| f.entity == entity && f.name == name)
}

/// `ui/src/generated/schema.ts`, from the fields above.
pub fn schema_typescript() -> String {
    crate::schema::typescript(&all_fields().collect::<Vec<_>>())
}

/// How the cost as the investor stated it reads and is kept: `{currency, amount, rate}`; three
/// columns.
pub struct OriginalCostCodec;

impl Codec for OriginalCostCodec {
    type Value = Option<OriginalCost>;
    const KIND: Kind = Kind::Structured;
    const TS: &'static str = "{ currency: string, amount: number, rate: number } | null";
    fn read(r: &mut Reader, key: &str) -> Option<Option<OriginalCost>> {
        r.object(key, |o| {
            Some(OriginalCost {
                currency: o.required_text("currency")?,
                amount: o.required("amount", Reader::money)?,
                rate: o.required("rate", Reader::float)?,
            })
        })
        .map(Some)
    }
    fn fallback() -> Option<Option<OriginalCost>> {
        Some(None)
    }
    fn placeholder() -> Option<OriginalCost> {
        None
    }
    fn json(v: &Option<OriginalCost>) -> Value {
        v.as_ref().map_or(
            Value::Null,
            |c| json!({"currency": c.currency, "amount": c.amount.to_json(), "rate": number_json(Some(c.rate))}),
        )
    }
    fn cells(v: &Option<OriginalCost>, columns: &[&'static str], out: &mut Cells) {
        out.push((columns[0], text_cell(v.as_ref().map(|c| c.currency.as_str()))));
        out.push((columns[1], v.as_ref().map_or(Cell::Null, |c| Cell::Integer(c.amount.minor()))));
        out.push((columns[2], v.as_ref().map_or(Cell::Null, |c| Cell::Real(c.rate))));
    }
    fn from_cells(row: &dyn CellSource, columns: &[&'static str]) -> Result<Option<OriginalCost>, String> {
        Ok(match (cell_text(row, columns[0])?, cell_int(row, columns[1])?, cell_real(row, columns[2])?) {
            (Some(currency), Some(amount), Some(rate)) => Some(OriginalCost { currency, amount: Money(amount), rate }),
            _ => None,
        })
    }
}

/// How design capacity reads and is kept: `{value, unit, product}`; three columns.
pub struct CapacityCodec;

impl Codec for CapacityCodec {
    type Value = Option<Capacity>;
    const KIND: Kind = Kind::Structured;
    const TS: &'static str = "{ value: number, unit: string, product: string | null } | null";
    fn read(r: &mut Reader, key: &str) -> Option<Option<Capacity>> {
        r.object(key, |o| {
            Some(Capacity {
                value: o.required("value", Reader::float)?,
                unit: o.required_text("unit")?,
                product: o.text("product"),
            })
        })
        .map(Some)
    }
    fn fallback() -> Option<Option<Capacity>> {
        Some(None)
    }
    fn placeholder() -> Option<Capacity> {
        None
    }
    fn json(v: &Option<Capacity>) -> Value {
        v.as_ref()
            .map_or(Value::Null, |c| json!({"value": number_json(Some(c.value)), "unit": c.unit, "product": c.product}))
    }
    fn cells(v: &Option<Capacity>, columns: &[&'static str], out: &mut Cells) {
        out.push((columns[0], v.as_ref().map_or(Cell::Null, |c| Cell::Real(c.value))));
        out.push((columns[1], text_cell(v.as_ref().map(|c| c.unit.as_str()))));
        out.push((columns[2], text_cell(v.as_ref().and_then(|c| c.product.as_deref()))));
    }
    fn from_cells(row: &dyn CellSource, columns: &[&'static str]) -> Result<Option<Capacity>, String> {
        Ok(match (cell_real(row, columns[0])?, cell_text(row, columns[1])?) {
            (Some(value), Some(unit)) => Some(Capacity { value, unit, product: cell_text(row, columns[2])? }),
            _ => None,
        })
    }
}

/// Whether a monitoring period is written `YYYY`, `YYYY-Hn`, `YYYY-Qn` or `YYYY-MM`.
pub fn is_valid_period(period: &str) -> bool {
    crate::period::Period::parse(period).is_some()
}
