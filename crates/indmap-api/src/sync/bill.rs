//! The merge bill: what an import does (or would do), to sign off. One content, two forms: a PDF
//! to print and sign (the printouts' renderer, A4) or an XLSX workbook to filter and check.

use super::{ImportReport, ProjectUpdate};
use crate::{Error, ErrorKind, Result};
use indmap_core::reference::{MapLevel, Status, default_sectors};
use indmap_core::schema::Entity;
use indmap_core::{Money, RegionCode};
use indmap_print::Lang;
use indmap_print::format;
use indmap_print::words::Word;
use indmap_print::listing::{Column, Listing, Section, listing_document};
use indmap_print::listing_xlsx::{Sheet, sheets_xlsx};
use indmap_print::{PageSetup, PrintContext, Trace};
use serde_json::Value;
use std::path::Path;

/// What a merge bill is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BillFormat {
    Pdf,
    Xlsx,
}

impl BillFormat {
    /// The format a file name asks for, by its extension (`.pdf`, `.xlsx`).
    pub fn of_path(path: &Path) -> Option<BillFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "pdf" => Some(BillFormat::Pdf),
            "xlsx" => Some(BillFormat::Xlsx),
            _ => None,
        }
    }
}

/// The merge bill of an import, in `lang`: a PDF (A4, vector, searchable, with lines to sign)
/// or an XLSX workbook. The PDF's footer traces it to the file (its database id and SHA-256)
/// and carries today's date.
pub fn merge_bill(report: &ImportReport, lang: Lang, format: BillFormat) -> Result<Vec<u8>> {
    let bill = Bill::of(report, lang);
    match format {
        BillFormat::Xlsx => xlsx_of(&bill, lang),
        BillFormat::Pdf => {
            let today = chrono::Local::now().date_naive();
            pdf_of(&bill, report, lang, today)
        }
    }
}

/// The bill as XLSX: a summary, then a sheet per kind of change.
pub fn xlsx(report: &ImportReport, lang: Lang) -> Result<Vec<u8>> {
    xlsx_of(&Bill::of(report, lang), lang)
}

/// What the bill says, in one language, whatever it is written as.
struct Bill {
    title: String,
    facts: Vec<(String, String)>,
    /// Counts for the workbook's summary (the PDF's section headings carry them).
    counts: Vec<(String, String)>,
    added: Section,
    changed: Section,
    deleted: Section,
    conflicts: Section,
    proposals: Section,
    refused: Section,
}

fn text(v: &Value) -> String {
    match v {
        Value::Null => "—".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A field's name as an official reads it, with the property after it: "Мәртебесі (status)";
/// a row's field with its list: "Қаржыландыру жоспары · Сомасы (financing/<row>/amount_kzt)".
/// Names come from the schema; a path it does not describe is printed as it is.
fn field_name(lang: Lang, field: &str) -> String {
    if field == "geometry" {
        return format!("{} ({field})", Word::Location.text(lang));
    }
    let (entity, name) = match field.split('/').collect::<Vec<_>>()[..] {
        [list, _, name] => (Entity::parse(list), name),
        _ => (Some(Entity::Project), field),
    };
    match entity.and_then(|e| indmap_core::field_spec(e, name)) {
        Some(f) if f.entity == Entity::Project => format!("{} ({field})", lang.pick(&f.label())),
        Some(f) => format!("{} · {} ({field})", lang.pick(&f.entity.label()), lang.pick(&f.label())),
        None => field.to_owned(),
    }
}

/// A field's value as printed: a status, level or sector by its name, an amount in tenge with
/// its thousands apart, a location by its kind and point; the rest as is.
fn value(lang: Lang, field: &str, v: &Value) -> String {
    let code = v.as_str().unwrap_or_default();
    let named = match field {
        "status" => Status::from_code(code).map(|s| lang.pick(&s.label())),
        "level" => MapLevel::from_code(code).map(|l| lang.pick(&l.label())),
        "sector" => default_sectors().into_iter().find(|s| s.code == code).map(|s| lang.pick(&s.label)),
        _ => None,
    };
    if let Some(name) = named {
        return name;
    }
    match (v.as_i64(), v.get("type").and_then(Value::as_str), v.get("coordinates")) {
        (Some(n), _, _) if field.ends_with("_kzt") => format!("{} ₸", format::integer(n)),
        (_, Some("Point"), Some(Value::Array(xy))) => {
            let xy: Vec<String> = xy.iter().map(text).collect();
            format!("Point {}", xy.join(", "))
        }
        (_, Some(kind), Some(coordinates)) => {
            format!("{kind} ({} {})", positions(coordinates), lang.of("нүкте", "точек", "points"))
        }
        _ => text(v),
    }
}

/// How many positions (arrays of numbers) GeoJSON coordinates hold.
fn positions(coordinates: &Value) -> usize {
    match coordinates {
        Value::Array(items) if items.first().is_some_and(Value::is_number) => 1,
        Value::Array(items) => items.iter().map(positions).sum(),
        _ => 0,
    }
}

fn code(p: &ProjectUpdate) -> String {
    p.code.clone().unwrap_or_else(|| p.id.to_string())
}

fn author(p: &ProjectUpdate) -> String {
    let mut users: Vec<&str> = p.fields.iter().map(|f| f.by_user.as_str()).collect();
    users.sort_unstable();
    users.dedup();
    users.join(", ")
}

/// Whole tenge with thousands apart; tiyn only when there are some.
fn tenge(m: Money) -> String {
    let minor = m.minor();
    let whole = format::integer(minor / 100);
    match minor % 100 {
        0 => format!("{whole} ₸"),
        t => format!("{whole},{:02} ₸", t.abs()),
    }
}

fn change<T: std::fmt::Display>(before: T, after: T, delta: i64, show: impl Fn(i64) -> String) -> String {
    if delta == 0 {
        format!("{before} → {after}")
    } else {
        let sign = if delta > 0 { "+" } else { "−" };
        format!("{before} → {after} ({sign}{})", show(delta.abs()))
    }
}

/// `region:35` as "Карагандинская область (region:35)"; `ministry` as the ministry.
fn scope(lang: Lang, scope: &str) -> String {
    let name = match scope.strip_prefix("region:").and_then(RegionCode::parse) {
        Some(code) => {
            let r = code.region();
            lang.of(r.name_kk, r.name_ru, r.name_en).to_owned()
        }
        None if scope == "ministry" => lang.of("Министрлік", "Министерство", "Ministry").to_owned(),
        None => return scope.to_owned(),
    };
    format!("{name} ({scope})")
}

impl Bill {
    fn of(report: &ImportReport, lang: Lang) -> Bill {
        let t = |kk: &str, ru: &str, en: &str| lang.of(kk, ru, en).to_owned();
        let m = &report.manifest;
        let (b, a) = (&report.before, &report.after);
        let mode = match (&report.already_imported, report.dry_run) {
            (Some(at), _) => format!(
                "{} {at}",
                lang.of(
                    "Бұл файл бұрын импортталған, ештеңе өзгермейді:",
                    "Этот файл уже импортирован, ничего не меняется:",
                    "This file was imported already, nothing changes:"
                )
            ),
            (None, true) => t(
                "Алдын ала қарау: дерекқор әлі өзгертілмеген",
                "Предварительный просмотр: база данных ещё не изменена",
                "Preview: the database is not changed yet",
            ),
            (None, false) => t("Импортталды", "Импортировано", "Imported"),
        };
        let mut facts = vec![
            (t("Файл", "Файл", "File"), report.file.clone()),
            (t("Жіберуші дерекқор", "База данных отправителя", "Exporting database"), scope(lang, &m.scope.code())),
            (t("Дерекқор белгісі", "Идентификатор базы", "Database id"), m.db_id.to_string()),
            (t("Экспортталды", "Экспортирован", "Exported"), format!("{} · {}", m.exported_at, m.user)),
            (t("Файлдағы жобалар", "Проектов в файле", "Projects in the file"), format::integer(m.projects as i64)),
            ("SHA-256".to_owned(), m.sha256.clone()),
            (t("Күйі", "Состояние", "State"), mode),
        ];
        if let Some(backup) = &report.backup {
            facts.push((t("Сақтық көшірме", "Резервная копия", "Backup"), backup.display().to_string()));
        }
        if report.out_of_scope > 0 {
            facts.push((
                t("Басқа өңірлердің жобалары", "Проекты других регионов", "Projects of other regions"),
                format!(
                    "{} {}",
                    report.out_of_scope,
                    lang.of(
                        "(бұл дерекқор оларды сақтамайды)",
                        "(эта база их не хранит)",
                        "(this database does not keep them)"
                    )
                ),
            ));
        }
        facts.extend([
            (
                t("Жобалар: бұрын → кейін", "Проектов: до → после", "Projects: before → after"),
                change(
                    format::integer(b.projects as i64),
                    format::integer(a.projects as i64),
                    a.projects as i64 - b.projects as i64,
                    format::integer,
                ),
            ),
            (
                t("Инвестициялар: бұрын → кейін", "Инвестиции: до → после", "Investment: before → after"),
                change(tenge(b.cost_kzt), tenge(a.cost_kzt), a.cost_kzt.minor() - b.cost_kzt.minor(), |d| {
                    tenge(Money(d))
                }),
            ),
            (
                t(
                    "Тұрақты жұмыс орындары: бұрын → кейін",
                    "Постоянные рабочие места: до → после",
                    "Permanent jobs: before → after",
                ),
                change(
                    format::integer(b.jobs_permanent as i64),
                    format::integer(a.jobs_permanent as i64),
                    a.jobs_permanent as i64 - b.jobs_permanent as i64,
                    format::integer,
                ),
            ),
        ]);

        let none = t("жоқ", "нет", "none");
        let code_col = || Column::text(&t("Коды", "Код", "Code"), 12.0);
        let name_col = |w: f64| Column::text(&t("Атауы", "Наименование", "Name"), w);
        let by_col = || Column::text(&t("Кім", "Кем", "By"), 12.0);
        let listed = |title: String, list: &[ProjectUpdate]| Section {
            title,
            columns: vec![code_col(), name_col(60.0), by_col()],
            rows: list.iter().map(|p| vec![code(p), p.name.clone(), author(p)]).collect(),
            empty: none.clone(),
            ..Section::default()
        };
        let changed = Section {
            title: t("Өзгерістер", "Изменения", "Changes"),
            columns: vec![
                code_col(),
                name_col(28.0),
                Column::text(&t("Өріс", "Поле", "Field"), 24.0),
                Column::text(&t("Болды", "Было", "Before"), 19.0),
                Column::text(&t("Болады", "Стало", "After"), 19.0),
                by_col(),
            ],
            rows: report
                .changed
                .iter()
                .flat_map(|p| {
                    p.fields.iter().map(move |f| {
                        vec![
                            code(p),
                            p.name.clone(),
                            field_name(lang, &f.field),
                            value(lang, &f.field, &f.old),
                            value(lang, &f.field, &f.new),
                            f.by_user.clone(),
                        ]
                    })
                })
                .collect(),
            empty: none.clone(),
            group_columns: 2,
            count: Some(report.changed.len()),
        };
        let conflicts = Section {
            title: t("Қайшылықтар", "Конфликты", "Conflicts"),
            columns: vec![
                Column::text(&t("Белгі", "Идентификатор", "Id"), 22.0),
                name_col(24.0),
                Column::text(&t("Мұнда", "Здесь", "Here"), 22.0),
                Column::text(&t("Басқа", "Другое", "Other"), 22.0),
            ],
            rows: report
                .conflicts
                .iter()
                .map(|c| {
                    let field = c.id.rsplit(':').next().unwrap_or_default();
                    vec![
                        c.id.clone(),
                        c.name.clone(),
                        format!("{} — {}", value(lang, field, &c.mine), c.mine_by),
                        c.theirs
                            .iter()
                            .map(|(v, by)| format!("{} — {by}", value(lang, field, v)))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ]
                })
                .collect(),
            empty: none.clone(),
            ..Section::default()
        };
        let proposals = Section {
            title: t("Ұсыныстар", "Предложения", "Proposals"),
            empty: if report.proposals == 0 {
                none.clone()
            } else {
                t(
                    "Келген ұсыныстарды «indmap proposals» тізімінен қарап, қабылдаңыз немесе қабылдамаңыз",
                    "Поступившие предложения смотрите в «indmap proposals» и примите или отклоните их",
                    "See the proposals that arrived with `indmap proposals`; accept or reject them",
                )
            },
            count: Some(report.proposals),
            ..Section::default()
        };
        let refused = Section {
            title: t("Қабылданбады", "Отклонено", "Refused"),
            columns: vec![code_col(), Column::text(&t("Себебі", "Причина", "Reason"), 74.0)],
            rows: report
                .refused
                .iter()
                .map(|r| vec![r.code.clone().unwrap_or_else(|| r.id.to_string()), r.reason.clone()])
                .collect(),
            empty: none.clone(),
            ..Section::default()
        };
        let counts = vec![
            (t("Қосылды", "Добавлено", "Added"), report.added.len().to_string()),
            (t("Өзгертілді", "Изменено", "Changed"), report.changed.len().to_string()),
            (t("Жойылды", "Удалено", "Deleted"), report.deleted.len().to_string()),
            (t("Қайшылықтар", "Конфликты", "Conflicts"), report.conflicts.len().to_string()),
            (t("Ұсыныстар", "Предложения", "Proposals"), report.proposals.to_string()),
            (t("Қабылданбады", "Отклонено", "Refused"), report.refused.len().to_string()),
        ];
        Bill {
            title: t("Біріктіру тізімдемесі", "Ведомость слияния", "Merge bill"),
            facts,
            counts,
            added: listed(t("Қосылды", "Добавлено", "Added"), &report.added),
            changed,
            deleted: listed(t("Жойылды", "Удалено", "Deleted"), &report.deleted),
            conflicts,
            proposals,
            refused,
        }
    }
}

fn xlsx_of(bill: &Bill, lang: Lang) -> Result<Vec<u8>> {
    let mut summary: Vec<Vec<String>> = bill.facts.iter().map(|(k, v)| vec![k.clone(), v.clone()]).collect();
    summary.extend(bill.counts.iter().map(|(k, v)| vec![k.clone(), v.clone()]));
    let sheet = |s: &Section| Sheet {
        name: s.title.clone(),
        headers: s.columns.iter().map(|c| c.title.clone()).collect(),
        rows: s.rows.clone(),
    };
    let sheets = vec![
        Sheet {
            name: lang.of("Жиынтық", "Сводка", "Summary").to_owned(),
            headers: vec![String::new(), String::new()],
            rows: summary,
        },
        sheet(&bill.changed),
        sheet(&bill.added),
        sheet(&bill.deleted),
        sheet(&bill.conflicts),
        sheet(&bill.refused),
    ];
    sheets_xlsx(&bill.title, &sheets)
        .map_err(|e| Error::new(ErrorKind::Io, format!("the merge bill could not be written: {e}")))
}

fn pdf_of(bill: &Bill, report: &ImportReport, lang: Lang, today: chrono::NaiveDate) -> Result<Vec<u8>> {
    let m = &report.manifest;
    let trace =
        Trace { database_id: m.db_id.to_string(), content_hash: format!("sha256:{}", m.sha256), printed_on: today };
    let ctx = PrintContext::new(lang, PageSetup::default(), trace);
    let subtitle = format!(
        "{} · {}",
        report.file,
        lang.of("импорт нәтижесі, қол қоюға", "результат импорта, на подпись", "what the import does, for sign-off")
    );
    let listing = Listing {
        title: bill.title.clone(),
        subtitles: vec![subtitle],
        facts: bill.facts.clone(),
        sections: [&bill.added, &bill.changed, &bill.deleted, &bill.conflicts, &bill.proposals, &bill.refused]
            .into_iter()
            .cloned()
            .collect(),
        signatures: vec![
            lang.of("Дайындаған", "Подготовил", "Prepared by").to_owned(),
            lang.of("Бекіткен", "Утвердил", "Approved by").to_owned(),
        ],
    };
    listing_document(&ctx, &listing)
        .to_pdf()
        .map_err(|e| Error::new(ErrorKind::Io, format!("the merge bill could not be written: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bill_format_follows_the_extension() {
        assert_eq!(BillFormat::of_path(Path::new("a/bill.PDF")), Some(BillFormat::Pdf));
        assert_eq!(BillFormat::of_path(Path::new("bill.xlsx")), Some(BillFormat::Xlsx));
        assert_eq!(BillFormat::of_path(Path::new("bill.docx")), None);
    }

    #[test]
    fn amounts_read_as_tenge_and_changes_show_their_difference() {
        assert_eq!(tenge(Money(500_000_000_000)), "5\u{a0}000\u{a0}000\u{a0}000 ₸");
        assert_eq!(tenge(Money(150)), "1,50 ₸");
        assert_eq!(change("1", "3", 2, format::integer), "1 → 3 (+2)");
        assert_eq!(value(Lang::Ru, "cost_kzt", &serde_json::json!(1500)), "1\u{a0}500 ₸");
        assert_eq!(value(Lang::Ru, "start_year", &serde_json::json!(2027)), "2027");
    }

    #[test]
    fn fields_and_codes_are_named_in_the_bill_language() {
        assert_eq!(field_name(Lang::Kk, "status"), "Мәртебесі (status)");
        assert_eq!(field_name(Lang::Ru, "financing[r1].amount_kzt"), "financing[r1].amount_kzt");
        assert_eq!(value(Lang::Kk, "status", &serde_json::json!("construction")), "Құрылыс");
        assert_eq!(value(Lang::Ru, "status", &serde_json::json!("no-such")), "no-such");
        let point = serde_json::json!({"type": "Point", "coordinates": [73.1, 49.8]});
        assert_eq!(value(Lang::En, "geometry", &point), "Point 73.1, 49.8");
        let line = serde_json::json!({"type": "LineString", "coordinates": [[1, 2], [3, 4], [5, 6]]});
        assert_eq!(value(Lang::En, "geometry", &line), "LineString (3 points)");
        let site = serde_json::json!({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]});
        assert_eq!(value(Lang::En, "geometry", &site), "Polygon (4 points)");
    }
}
