//! The merge bill: what an import does (or would do), to sign off. One content, two forms: a PDF
//! to print and sign (a [`listing`](crate::listing), A4) or an XLSX workbook to filter and check.
//! Fields are named by the schema's labels and their values written by the schema's kinds.

use crate::context::{PrintContext, Trace};
use crate::document::RenderError;
use crate::format;
use crate::lang::Lang;
use crate::listing::{Column, Listing, Section, listing_document};
use crate::listing_xlsx::{Sheet, sheets_xlsx};
use crate::paper::PageSetup;
use crate::words::Word;
use chrono::NaiveDate;
use indmap_core::reference::{MapLevel, Status, default_sectors};
use indmap_core::schema::{Entity, FieldSpec, Kind};
use indmap_core::{Money, Scope};
use rust_xlsxwriter::XlsxError;
use serde_json::Value;

/// What the bill is of: one exchange file and what importing it does.
#[derive(Debug, Clone)]
pub struct MergeBill {
    /// The file's name.
    pub file: String,
    pub sender: Sender,
    pub state: ImportState,
    /// Where the backup taken before the import is.
    pub backup: Option<String>,
    /// Projects of other regions' maps the file added or changed, kept read-only.
    pub other_maps: usize,
    pub before: MapTotals,
    pub after: MapTotals,
    pub added: Vec<BillProject>,
    pub changed: Vec<BillProject>,
    pub deleted: Vec<BillProject>,
    pub conflicts: Vec<BillConflict>,
    /// How many proposals arrived.
    pub proposals: usize,
    pub refused: Vec<BillRefusal>,
}

/// Who wrote the file, as its manifest says.
#[derive(Debug, Clone)]
pub struct Sender {
    pub scope: Scope,
    pub db_id: String,
    pub exported_at: String,
    pub user: String,
    pub projects: usize,
    /// The file's SHA-256 (hex): the bill's footer traces it to the file.
    pub sha256: String,
    /// The fingerprint of the key that signed the file (`None`: unsigned), and whether this
    /// import pins it (the first signed file from that database).
    pub fingerprint: Option<String>,
    pub first_sight: bool,
    /// Whether the file waits for its key to be confirmed before it is imported (a new
    /// database that says it is the ministry).
    pub confirm: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportState {
    /// The same file was imported before (when): nothing changes.
    AlreadyImported(String),
    /// A preview: nothing is written yet.
    Preview,
    Imported,
}

/// The map's totals before or after the import.
#[derive(Debug, Clone, Copy)]
pub struct MapTotals {
    pub projects: usize,
    pub cost: Money,
    pub jobs_permanent: u64,
}

/// A project the import adds, changes or deletes.
#[derive(Debug, Clone)]
pub struct BillProject {
    /// Its code, or its id when it has none.
    pub code: String,
    pub name: String,
    pub changes: Vec<FieldChange>,
}

/// One field a file changes: its path (`status`, `financing/<row>/amount_kzt`), its values as
/// the property reads, and who wrote the new one.
#[derive(Debug, Clone)]
pub struct FieldChange {
    pub field: String,
    pub before: Value,
    pub after: Value,
    pub by: String,
}

/// A field holding concurrent values.
#[derive(Debug, Clone)]
pub struct BillConflict {
    pub id: String,
    pub name: String,
    /// The field's path, as in [`FieldChange::field`].
    pub field: String,
    /// The value here and who wrote it.
    pub mine: (Value, String),
    pub theirs: Vec<(Value, String)>,
}

/// A project of the file that was refused, and why.
#[derive(Debug, Clone)]
pub struct BillRefusal {
    pub code: String,
    pub reason: String,
}

/// The bill as a PDF in `lang`: A4, vector, searchable, with lines to sign. The footer traces it
/// to the file (its database id and SHA-256) and carries `printed_on`.
pub fn pdf(bill: &MergeBill, lang: Lang, printed_on: NaiveDate) -> Result<Vec<u8>, RenderError> {
    let trace = Trace {
        database_id: bill.sender.db_id.clone(),
        content_hash: format!("sha256:{}", bill.sender.sha256),
        printed_on,
    };
    let ctx = PrintContext::new(lang, PageSetup::default(), trace);
    let w = |word: Word| word.text(lang).to_owned();
    let s = Sections::of(bill, lang);
    let listing = Listing {
        title: w(Word::BillTitle),
        subtitles: vec![format!("{} · {}", bill.file, Word::BillSubtitle.text(lang))],
        facts: facts(bill, lang),
        sections: vec![s.added, s.changed, s.deleted, s.conflicts, s.proposals, s.refused],
        signatures: vec![w(Word::PreparedBy), w(Word::ApprovedBy)],
        ..Listing::default()
    };
    listing_document(&ctx, &listing).to_pdf()
}

/// The bill as an XLSX workbook in `lang`: a summary, then a sheet per kind of change.
pub fn xlsx(bill: &MergeBill, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let counts = [
        (Word::Added, bill.added.len()),
        (Word::Changed, bill.changed.len()),
        (Word::Deleted, bill.deleted.len()),
        (Word::Conflicts, bill.conflicts.len()),
        (Word::Proposals, bill.proposals),
        (Word::Refused, bill.refused.len()),
    ];
    let mut summary: Vec<Vec<String>> = facts(bill, lang).into_iter().map(|(k, v)| vec![k, v]).collect();
    summary.extend(counts.iter().map(|(word, n)| vec![word.text(lang).to_owned(), n.to_string()]));
    let sheet = |s: Section| Sheet::of_text(s.title, s.columns.into_iter().map(|c| c.title).collect(), s.rows);
    let s = Sections::of(bill, lang);
    let sheets = vec![
        Sheet::of_text(Word::Summary.text(lang).to_owned(), vec![String::new(), String::new()], summary),
        sheet(s.changed),
        sheet(s.added),
        sheet(s.deleted),
        sheet(s.conflicts),
        sheet(s.refused),
    ];
    sheets_xlsx(Word::BillTitle.text(lang), &sheets)
}

/// The facts under the title: the file, its sender, what the import does to the map's totals.
fn facts(bill: &MergeBill, lang: Lang) -> Vec<(String, String)> {
    let w = |word: Word| word.text(lang).to_owned();
    let m = &bill.sender;
    let (b, a) = (&bill.before, &bill.after);
    let state = match &bill.state {
        ImportState::AlreadyImported(at) => format!("{} {at}", Word::AlreadyImported.text(lang)),
        ImportState::Preview => w(Word::Preview),
        ImportState::Imported => w(Word::Imported),
    };
    let mut facts = vec![
        (w(Word::File), bill.file.clone()),
        (w(Word::ExportingDatabase), scope_name(lang, m.scope)),
        (w(Word::DatabaseId), m.db_id.clone()),
        (w(Word::Exported), format!("{} · {}", m.exported_at, m.user)),
        (w(Word::ProjectsInFile), format::integer(m.projects as i64)),
        ("SHA-256".to_owned(), m.sha256.clone()),
        (
            w(Word::Signature),
            match (&m.fingerprint, m.first_sight) {
                (Some(f), _) if m.confirm => format!("{f} · {}", w(Word::KeyToConfirm)),
                (Some(f), false) => format!("{f} · {}", w(Word::KeyPinned)),
                (Some(f), true) => format!("{f} · {}", w(Word::KeyFirstSeen)),
                (None, _) => w(Word::Unsigned),
            },
        ),
        (w(Word::ImportState), state),
    ];
    if let Some(backup) = &bill.backup {
        facts.push((w(Word::Backup), backup.clone()));
    }
    if bill.other_maps > 0 {
        facts.push((w(Word::OtherRegionsProjects), format!("{} {}", bill.other_maps, Word::KeptReadOnly.text(lang))));
    }
    let count = |n: usize| n as i64;
    let jobs = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    facts.extend([
        (w(Word::ProjectsBeforeAfter), change(count(b.projects), count(a.projects), format::integer)),
        (w(Word::InvestmentBeforeAfter), change(b.cost.minor(), a.cost.minor(), |tiyn| format::tenge(Money(tiyn)))),
        (w(Word::JobsBeforeAfter), change(jobs(b.jobs_permanent), jobs(a.jobs_permanent), format::integer)),
    ]);
    facts
}

/// The bill's tables, each a heading and its rows.
struct Sections {
    added: Section,
    changed: Section,
    deleted: Section,
    conflicts: Section,
    proposals: Section,
    refused: Section,
}

impl Sections {
    fn of(bill: &MergeBill, lang: Lang) -> Sections {
        let w = |word: Word| word.text(lang).to_owned();
        let none = w(Word::NoneListed);
        let code_col = || Column::text(Word::Code.text(lang), 12.0);
        let name_col = |width: f64| Column::text(Word::Name.text(lang), width);
        let by_col = || Column::text(Word::By.text(lang), 12.0);
        let listed = |title: Word, list: &[BillProject]| Section {
            title: w(title),
            columns: vec![code_col(), name_col(60.0), by_col()],
            rows: list.iter().map(|p| vec![p.code.clone(), p.name.clone(), authors(p)]).collect(),
            empty: none.clone(),
            ..Section::default()
        };
        let changed = Section {
            title: w(Word::Changes),
            columns: vec![
                code_col(),
                name_col(28.0),
                Column::text(Word::Field.text(lang), 24.0),
                Column::text(Word::Before.text(lang), 19.0),
                Column::text(Word::After.text(lang), 19.0),
                by_col(),
            ],
            rows: bill
                .changed
                .iter()
                .flat_map(|p| {
                    p.changes.iter().map(move |f| {
                        vec![
                            p.code.clone(),
                            p.name.clone(),
                            field_name(lang, &f.field),
                            value(lang, &f.field, &f.before),
                            value(lang, &f.field, &f.after),
                            f.by.clone(),
                        ]
                    })
                })
                .collect(),
            empty: none.clone(),
            group_columns: 2,
            count: Some(bill.changed.len()),
        };
        let conflicts = Section {
            title: w(Word::Conflicts),
            columns: vec![
                Column::text(Word::Id.text(lang), 22.0),
                name_col(24.0),
                Column::text(Word::Here.text(lang), 22.0),
                Column::text(Word::Other.text(lang), 22.0),
            ],
            rows: bill
                .conflicts
                .iter()
                .map(|c| {
                    let written = |(v, by): &(Value, String)| format!("{} — {by}", value(lang, &c.field, v));
                    vec![
                        c.id.clone(),
                        c.name.clone(),
                        written(&c.mine),
                        c.theirs.iter().map(written).collect::<Vec<_>>().join("; "),
                    ]
                })
                .collect(),
            empty: none.clone(),
            ..Section::default()
        };
        let proposals = Section {
            title: w(Word::Proposals),
            empty: if bill.proposals == 0 { none.clone() } else { w(Word::ProposalsArrived) },
            count: Some(bill.proposals),
            ..Section::default()
        };
        let refused = Section {
            title: w(Word::Refused),
            columns: vec![code_col(), Column::text(Word::Reason.text(lang), 74.0)],
            rows: bill.refused.iter().map(|r| vec![r.code.clone(), r.reason.clone()]).collect(),
            empty: none.clone(),
            ..Section::default()
        };
        Sections {
            added: listed(Word::Added, &bill.added),
            changed,
            deleted: listed(Word::Deleted, &bill.deleted),
            conflicts,
            proposals,
            refused,
        }
    }
}

/// Who wrote what the file carries of a project, each once.
fn authors(p: &BillProject) -> String {
    let mut users: Vec<&str> = p.changes.iter().map(|f| f.by.as_str()).collect();
    users.sort_unstable();
    users.dedup();
    users.join(", ")
}

/// "1 → 3 (+2)"; without the difference when there is none.
fn change(before: i64, after: i64, show: impl Fn(i64) -> String) -> String {
    let delta = after.saturating_sub(before);
    if delta == 0 {
        format!("{} → {}", show(before), show(after))
    } else {
        let sign = if delta > 0 { "+" } else { "−" };
        format!("{} → {} ({sign}{})", show(before), show(after), show(delta.saturating_abs()))
    }
}

/// `region:35` as "Карагандинская область (region:35)"; the ministry by its name.
fn scope_name(lang: Lang, scope: Scope) -> String {
    let name = match scope {
        Scope::Region(code) => {
            let r = code.region();
            lang.of(r.name_kk, r.name_ru, r.name_en)
        }
        Scope::Ministry => Word::Ministry.text(lang),
    };
    format!("{name} ({})", scope.code())
}

/// The schema's description of a field path: a project's field (`status`) or a row's
/// (`financing/<row>/amount_kzt`); `None` for a path it does not describe.
fn spec_of(field: &str) -> Option<&'static FieldSpec> {
    let (entity, name) = match field.split('/').collect::<Vec<_>>()[..] {
        [list, _, name] => (Entity::parse(list)?, name),
        _ => (Entity::Project, field),
    };
    indmap_core::field_spec(entity, name)
}

/// A field's name as an official reads it, with the property after it: "Мәртебесі (status)";
/// a row's field with its list: "Қаржыландыру жоспары · Сомасы (financing/<row>/amount_kzt)".
/// A path the schema does not describe is printed as it is.
fn field_name(lang: Lang, field: &str) -> String {
    if field == "geometry" {
        return format!("{} ({field})", Word::Location.text(lang));
    }
    match spec_of(field) {
        Some(f) if f.entity == Entity::Project => format!("{} ({field})", lang.pick(&f.label())),
        Some(f) => format!("{} · {} ({field})", lang.pick(&f.entity.label()), lang.pick(&f.label())),
        None => field.to_owned(),
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::Null => "—".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A field's value as printed: a status, level or sector by its name, money (by the schema's
/// kind) in tenge with its thousands apart, a location by its kind and points; the rest as is.
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
    let money = spec_of(field).is_some_and(|f| f.kind == Kind::Money);
    match (v, v.get("type").and_then(Value::as_str), v.get("coordinates")) {
        (Value::Number(n), _, _) if money => Money::from_json(n).map_or_else(|_| text(v), format::tenge),
        (_, Some("Point"), Some(Value::Array(xy))) => {
            let xy: Vec<String> = xy.iter().map(text).collect();
            format!("Point {}", xy.join(", "))
        }
        (_, Some(kind), Some(coordinates)) => {
            format!("{kind} ({} {})", positions(coordinates), Word::Points.text(lang))
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changes_show_their_difference() {
        assert_eq!(change(1, 3, format::integer), "1 → 3 (+2)");
        assert_eq!(change(3, 3, format::integer), "3 → 3");
        assert_eq!(change(5, 2, format::integer), "5 → 2 (−3)");
    }

    #[test]
    fn money_is_known_by_the_schema_kind_not_by_the_name() {
        assert_eq!(value(Lang::Ru, "cost_kzt", &json!(1500)), "1\u{a0}500 ₸");
        let row = "financing/0190a1b2-0000-7000-8000-000000000001/amount_kzt";
        assert_eq!(value(Lang::Ru, row, &json!(2_000_000)), "2\u{a0}000\u{a0}000 ₸");
        assert_eq!(value(Lang::Ru, "start_year", &json!(2027)), "2027");
        // A name ending in `_kzt` that the schema does not describe is no amount.
        assert_eq!(value(Lang::Ru, "no_such_kzt", &json!(1500)), "1500");
    }

    #[test]
    fn fields_and_codes_are_named_in_the_bill_language() {
        assert_eq!(field_name(Lang::Kk, "status"), "Мәртебесі (status)");
        assert_eq!(field_name(Lang::Ru, "financing[r1].amount_kzt"), "financing[r1].amount_kzt");
        assert_eq!(value(Lang::Kk, "status", &json!("construction")), "Құрылыс");
        assert_eq!(value(Lang::Ru, "status", &json!("no-such")), "no-such");
        let point = json!({"type": "Point", "coordinates": [73.1, 49.8]});
        assert_eq!(value(Lang::En, "geometry", &point), "Point 73.1, 49.8");
        let line = json!({"type": "LineString", "coordinates": [[1, 2], [3, 4], [5, 6]]});
        assert_eq!(value(Lang::En, "geometry", &line), "LineString (3 points)");
        let site = json!({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]});
        assert_eq!(value(Lang::En, "geometry", &site), "Polygon (4 points)");
    }

    #[test]
    fn the_sender_is_named_by_its_region_or_as_the_ministry() {
        let karaganda = Scope::Region(indmap_core::RegionCode::parse("35").unwrap());
        assert_eq!(scope_name(Lang::Ru, karaganda), "Карагандинская область (region:35)");
        assert_eq!(scope_name(Lang::Kk, Scope::Ministry), "Министрлік (ministry)");
    }
}
