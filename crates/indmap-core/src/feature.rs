//! The interchange format: one project is one GeoJSON Feature whose geometry is its location and
//! whose properties carry every field (README, "Project interchange"). Reading never panics and
//! never stops at the first mistake: it returns what it could read and every problem, each naming
//! the property path.

use crate::geography;
use crate::ident::{Bin, IdSource, ProjectCode, RegionCode};
use crate::money::Money;
use crate::problem::Problems;
use crate::project::*;
use crate::reference::{ActionStatus, Criterion, FinancingStatus, MapLevel, Status};
use chrono::NaiveDate;
use serde_json::{Map, Value, json};
use uuid::Uuid;

/// Every property a project Feature may carry. Anything else is reported and ignored.
pub const PROPERTIES: &[&str] = &[
    "id",
    "code",
    "name_kk",
    "name_ru",
    "name_en",
    "region",
    "district",
    "settlement",
    "zone",
    "level",
    "status",
    "sector",
    "oked",
    "initiator",
    "initiator_bin",
    "cost_kzt",
    "cost_original",
    "capacity",
    "jobs_construction",
    "jobs_permanent",
    "start_date",
    "commissioning_planned",
    "commissioning_actual",
    "design_capacity_date",
    "criteria",
    "local_content_labour_pct",
    "local_content_goods_pct",
    "local_content_expertise_date",
    "local_content_expertise_ref",
    "responsible_body",
    "inclusion_act",
    "inclusion_date",
    "exclusion_act",
    "exclusion_date",
    "exclusion_reason",
    "problems",
    "notes",
    "financing",
    "milestones",
    "actions",
    "support_measures",
    "monitoring",
];

/// Splits a file's text into project Features: a Feature, or a FeatureCollection of them.
pub fn parse_features(text: &str) -> Result<Vec<geojson::Feature>, Problems> {
    let mut problems = Problems::new();
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        problems.error("file", "json.syntax", format!("is not valid JSON ({e})"));
        return Err(problems);
    }
    match text.parse::<geojson::GeoJson>() {
        Ok(geojson::GeoJson::Feature(f)) => Ok(vec![f]),
        Ok(geojson::GeoJson::FeatureCollection(fc)) => Ok(fc.features),
        Ok(geojson::GeoJson::Geometry(_)) => {
            problems.error(
                "file",
                "geojson.type",
                "is a bare geometry; a project is a GeoJSON Feature with properties",
            );
            Err(problems)
        }
        Err(e) => {
            problems.error("file", "geojson.syntax", format!("is not a GeoJSON Feature or FeatureCollection ({e})"));
            Err(problems)
        }
    }
}

/// Reads one project from a Feature. Ids missing from the file (the project's, its rows') are
/// made with `ids`. Returns `None` when a required property could not be read.
pub fn project_from_feature(feature: &geojson::Feature, ids: &mut dyn IdSource) -> (Option<Project>, Problems) {
    let empty = Map::new();
    let props = feature.properties.as_ref().unwrap_or(&empty);
    let mut problems = Problems::new();
    for key in props.keys().filter(|k| !PROPERTIES.contains(&k.as_str())) {
        problems.warning(key.as_str(), "property.unknown", "is not a property indmap knows; it was ignored");
    }
    let mut r = Reader { props, prefix: String::new(), problems: &mut problems };

    let id = r.uuid("id").or_else(|| feature_id_uuid(feature));
    let code = r.parsed(
        "code",
        "code.format",
        "must look like 35-0042 (a region's KATO prefix or RK, a dash, 4 or more digits)",
        ProjectCode::parse,
    );
    let name_kk = r.name("name_kk");
    let name_ru = r.name("name_ru");
    let name_en = r.text("name_en");
    let region = match r.raw("region") {
        None => {
            r.error("region", "region.required", "is required: the KATO prefix of the region, e.g. \"35\"");
            None
        }
        // A number is accepted too: spreadsheets turn "35" into 35.
        Some(Value::Number(n)) => r.known_region(&n.to_string()),
        Some(Value::String(s)) => r.known_region(s),
        Some(_) => {
            r.error("region", "type.text", "must be a KATO prefix as text, e.g. \"35\"");
            None
        }
    };
    let location = match &feature.geometry {
        Some(g) => geography::check_location("geometry", g, r.problems).map(|(geom, _)| geom),
        None => None,
    };
    let level = r.coded("level", MapLevel::from_code, MapLevel::codes).unwrap_or(MapLevel::Regional);
    let status = r.coded("status", Status::from_code, Status::codes).unwrap_or(Status::Candidate);

    let mut project =
        Project::new(Uuid::nil(), String::new(), String::new(), RegionCode::parse("71").expect("Astana exists"));
    project.code = code;
    project.name_en = name_en;
    project.district = r.text("district");
    project.settlement = r.text("settlement");
    project.zone = r.text("zone");
    project.location = location;
    project.level = level;
    project.status = status;
    project.sector = r.text("sector");
    project.oked = r.text("oked");
    project.initiator = r.text("initiator");
    project.initiator_bin = r.parsed("initiator_bin", "bin.digits", "must be exactly 12 digits", Bin::parse);
    project.cost = r.money("cost_kzt");
    project.cost_original = r.object("cost_original", |o| {
        Some(OriginalCost {
            currency: o.required_text("currency")?,
            amount: o.required("amount", Reader::money)?,
            rate: o.required("rate", Reader::float)?,
        })
    });
    project.capacity = r.object("capacity", |o| {
        Some(Capacity {
            value: o.required("value", Reader::float)?,
            unit: o.required_text("unit")?,
            product: o.text("product"),
        })
    });
    project.jobs_construction = r.count("jobs_construction");
    project.jobs_permanent = r.count("jobs_permanent");
    project.start_date = r.date("start_date");
    project.commissioning_planned = r.date("commissioning_planned");
    project.commissioning_actual = r.date("commissioning_actual");
    project.design_capacity_date = r.date("design_capacity_date");
    project.criteria = r.list("criteria", |item, path, problems| match item.as_str().and_then(Criterion::from_code) {
        Some(c) => Some(c),
        None => {
            problems.error(path, "code.unknown", format!("must be one of {}", Criterion::codes().join(", ")));
            None
        }
    });
    project.local_content = LocalContent {
        labour_pct: r.float("local_content_labour_pct"),
        goods_pct: r.float("local_content_goods_pct"),
        expertise_date: r.date("local_content_expertise_date"),
        expertise_ref: r.text("local_content_expertise_ref"),
    };
    project.responsible_body = r.text("responsible_body");
    project.inclusion_act = r.text("inclusion_act");
    project.inclusion_date = r.date("inclusion_date");
    project.exclusion_act = r.text("exclusion_act");
    project.exclusion_date = r.date("exclusion_date");
    project.exclusion_reason = r.text("exclusion_reason");
    project.problems = r.text("problems");
    project.notes = r.text("notes");
    project.financing = r.rows("financing", |o| {
        Some(FinancingRow {
            id: o.uuid("id").unwrap_or_else(|| ids.new_id()),
            source: o.required_text("source")?,
            amount: o.required("amount_kzt", Reader::money)?,
            year: o.required("year", Reader::year)?,
            status: o
                .coded("status", FinancingStatus::from_code, FinancingStatus::codes)
                .unwrap_or(FinancingStatus::Planned),
            note: o.text("note"),
        })
    });
    project.milestones = r.rows("milestones", |o| {
        Some(Milestone {
            id: o.uuid("id").unwrap_or_else(|| ids.new_id()),
            name: o.required_text("name")?,
            planned: o.date("planned"),
            actual: o.date("actual"),
        })
    });
    project.actions = r.rows("actions", |o| {
        Some(ActionItem {
            id: o.uuid("id").unwrap_or_else(|| ids.new_id()),
            title: o.required_text("title")?,
            responsible: o.text("responsible"),
            due: o.date("due"),
            status: o.coded("status", ActionStatus::from_code, ActionStatus::codes).unwrap_or(ActionStatus::Planned),
            done: o.date("done"),
            note: o.text("note"),
        })
    });
    project.support_measures = r.rows("support_measures", |o| {
        Some(SupportReceived {
            id: o.uuid("id").unwrap_or_else(|| ids.new_id()),
            measure: o.required("measure", Reader::measure)?,
            amount: o.money("amount_kzt"),
            note: o.text("note"),
        })
    });
    project.monitoring = r.rows("monitoring", |o| {
        Some(MonitoringReport {
            id: o.uuid("id").unwrap_or_else(|| ids.new_id()),
            period: o.required_text("period")?,
            investment: o.money("investment_kzt"),
            progress_pct: o.float("progress_pct"),
            jobs_created: o.count("jobs_created"),
            output: o.money("output_kzt"),
            output_natural: o.float("output_natural"),
            exports_usd: o.money("exports_usd"),
            utilisation_pct: o.float("utilisation_pct"),
            taxes: o.money("taxes_kzt"),
            local_content_pct: o.float("local_content_pct"),
            status: o.coded("status", Status::from_code, Status::codes),
            comment: o.text("comment"),
            reported_by: o.text("reported_by"),
            reported_on: o.date("reported_on"),
        })
    });

    let (Some(name_kk), Some(name_ru), Some(region)) = (name_kk, name_ru, region) else {
        return (None, problems);
    };
    project.id = id.unwrap_or_else(|| ids.new_id());
    project.name_kk = name_kk;
    project.name_ru = name_ru;
    project.region = region;
    (Some(project), problems)
}

fn feature_id_uuid(feature: &geojson::Feature) -> Option<Uuid> {
    match &feature.id {
        Some(geojson::feature::Id::String(s)) => Uuid::parse_str(s).ok(),
        _ => None,
    }
}

/// Reads typed values out of a JSON object, recording a problem for each one it cannot read.
struct Reader<'a, 'p> {
    props: &'a Map<String, Value>,
    /// Path of this object inside the Feature's properties, e.g. `financing[2].`.
    prefix: String,
    problems: &'p mut Problems,
}

impl<'a, 'p> Reader<'a, 'p> {
    fn path(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    fn error(&mut self, key: &str, rule: &'static str, message: impl Into<String>) {
        let path = self.path(key);
        self.problems.error(path, rule, message);
    }

    /// The value, treating `null` as absent.
    fn raw(&self, key: &str) -> Option<&'a Value> {
        self.props.get(key).filter(|v| !v.is_null())
    }

    fn text(&mut self, key: &str) -> Option<String> {
        match self.raw(key)? {
            Value::String(s) if s.trim().is_empty() => None,
            Value::String(s) => Some(s.trim().to_owned()),
            _ => {
                self.error(key, "type.text", "must be text");
                None
            }
        }
    }

    fn required_text(&mut self, key: &str) -> Option<String> {
        let value = self.text(key);
        if value.is_none() && !matches!(self.raw(key), Some(v) if !v.is_string()) {
            self.error(key, "required", "is required and must not be empty");
        }
        value
    }

    /// A project name: required, and an empty one is refused rather than taken as absent.
    fn name(&mut self, key: &str) -> Option<String> {
        if self.raw(key).is_none() {
            self.error(key, "name.required", "is required: a project needs its name in Kazakh and in Russian");
            return None;
        }
        let name = self.text(key);
        if name.is_none() && self.raw(key).is_some_and(Value::is_string) {
            self.error(key, "name.empty", "must not be empty");
        }
        name
    }

    fn required<T>(&mut self, key: &str, read: fn(&mut Self, &str) -> Option<T>) -> Option<T> {
        if self.raw(key).is_none() {
            self.error(key, "required", "is required");
            return None;
        }
        read(self, key)
    }

    fn parsed<T>(&mut self, key: &str, rule: &'static str, expected: &str, parse: fn(&str) -> Option<T>) -> Option<T> {
        let text = self.text(key)?;
        let value = parse(&text);
        if value.is_none() {
            self.error(key, rule, format!("{expected}; got {text:?}"));
        }
        value
    }

    fn coded<T>(&mut self, key: &str, parse: fn(&str) -> Option<T>, codes: fn() -> Vec<&'static str>) -> Option<T> {
        self.parsed(key, "code.unknown", &format!("must be one of {}", codes().join(", ")), parse)
    }

    fn known_region(&mut self, kato: &str) -> Option<RegionCode> {
        let region = RegionCode::parse(kato);
        if region.is_none() {
            self.error(
                "region",
                "region.unknown",
                format!("{kato:?} is not the KATO prefix of one of the 20 regions (see `indmap regions`)"),
            );
        }
        region
    }

    fn uuid(&mut self, key: &str) -> Option<Uuid> {
        self.parsed(key, "id.format", "must be a UUID", |s| Uuid::parse_str(s).ok())
    }

    fn date(&mut self, key: &str) -> Option<NaiveDate> {
        self.parsed(key, "date.format", "must be a date written YYYY-MM-DD", |s| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
        })
    }

    fn number(&mut self, key: &str, expected: &str) -> Option<&'a serde_json::Number> {
        match self.raw(key)? {
            Value::Number(n) => Some(n),
            _ => {
                self.error(key, "type.number", format!("must be {expected}"));
                None
            }
        }
    }

    fn money(&mut self, key: &str) -> Option<Money> {
        let n = self.number(key, "a number (an amount of money)")?;
        match Money::from_json(n) {
            Ok(m) => Some(m),
            Err(e) => {
                self.error(key, "money.format", format!("{e}: amounts are kept to the tiyn"));
                None
            }
        }
    }

    fn float(&mut self, key: &str) -> Option<f64> {
        self.number(key, "a number")?.as_f64()
    }

    fn integer(&mut self, key: &str, expected: &str, range: std::ops::RangeInclusive<i64>) -> Option<i64> {
        let n = self.number(key, expected)?;
        match n.as_i64().filter(|v| range.contains(v)) {
            Some(v) => Some(v),
            None => {
                self.error(key, "number.range", format!("must be {expected}; got {n}"));
                None
            }
        }
    }

    fn count(&mut self, key: &str) -> Option<u32> {
        self.integer(key, "a whole number, 0 or more", 0..=i64::from(u32::MAX)).map(|v| v as u32)
    }

    fn year(&mut self, key: &str) -> Option<i32> {
        self.integer(key, "a year from 1990 to 2100", 1990..=2100).map(|v| v as i32)
    }

    fn measure(&mut self, key: &str) -> Option<u8> {
        self.integer(key, "the number of a support measure of Art. 20 p.2, 1 to 13", 1..=13).map(|v| v as u8)
    }

    /// A nested object read with its own reader, so problems carry the full path.
    fn object<T>(&mut self, key: &str, read: impl FnOnce(&mut Reader<'a, '_>) -> Option<T>) -> Option<T> {
        match self.raw(key)? {
            Value::Object(map) => {
                let mut inner = Reader { props: map, prefix: format!("{}.", self.path(key)), problems: self.problems };
                read(&mut inner)
            }
            _ => {
                self.error(key, "type.object", "must be an object");
                None
            }
        }
    }

    fn list<T>(&mut self, key: &str, mut read: impl FnMut(&'a Value, String, &mut Problems) -> Option<T>) -> Vec<T> {
        match self.raw(key) {
            None => Vec::new(),
            Some(Value::Array(items)) => {
                let base = self.path(key);
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| read(item, format!("{base}[{i}]"), self.problems))
                    .collect()
            }
            Some(_) => {
                self.error(key, "type.array", "must be an array");
                Vec::new()
            }
        }
    }

    /// An array of objects, each read with `read`; rows that cannot be read are left out, with
    /// their problems recorded.
    fn rows<T>(&mut self, key: &str, mut read: impl FnMut(&mut Reader<'a, '_>) -> Option<T>) -> Vec<T> {
        self.list(key, |item, path, problems| match item {
            Value::Object(map) => read(&mut Reader { props: map, prefix: format!("{path}."), problems }),
            _ => {
                problems.error(path, "type.object", "must be an object");
                None
            }
        })
    }
}

/// The Feature that carries a project: what `project show --json` prints.
pub fn project_to_feature(p: &Project) -> geojson::Feature {
    geojson::Feature {
        bbox: None,
        geometry: p.location.as_ref().map(geojson::Geometry::from),
        id: Some(geojson::feature::Id::String(p.id.to_string())),
        properties: Some(project_properties(p)),
        foreign_members: None,
    }
}

fn date(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| json!(d.format("%Y-%m-%d").to_string()))
}

fn money(m: Option<Money>) -> Value {
    m.map_or(Value::Null, Money::to_json)
}

/// A measured number; whole values are written as integers, as a person or spreadsheet writes
/// them, so `240000` read from a file is written back as `240000`, not `240000.0`.
fn num(v: Option<f64>) -> Value {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => json!(x as i64),
        Some(x) => json!(x),
        None => Value::Null,
    }
}

/// Every property of a project; unknown values are `null`, so every Feature has the same fields.
pub fn project_properties(p: &Project) -> Map<String, Value> {
    project_properties_with_rows(p, |_, _| true)
}

/// `project_properties`, with only the rows `keep` takes (given their list and id).
pub fn project_properties_with_rows(p: &Project, keep: impl Fn(&'static str, Uuid) -> bool) -> Map<String, Value> {
    let value = json!({
        "id": p.id.to_string(),
        "code": p.code.as_ref().map(|c| c.as_str()),
        "name_kk": p.name_kk,
        "name_ru": p.name_ru,
        "name_en": p.name_en,
        "region": p.region.as_str(),
        "district": p.district,
        "settlement": p.settlement,
        "zone": p.zone,
        "level": p.level.code(),
        "status": p.status.code(),
        "sector": p.sector,
        "oked": p.oked,
        "initiator": p.initiator,
        "initiator_bin": p.initiator_bin.as_ref().map(|b| b.as_str()),
        "cost_kzt": money(p.cost),
        "cost_original": p.cost_original.as_ref().map(|c| json!({"currency": c.currency, "amount": c.amount.to_json(), "rate": num(Some(c.rate))})),
        "capacity": p.capacity.as_ref().map(|c| json!({"value": num(Some(c.value)), "unit": c.unit, "product": c.product})),
        "jobs_construction": p.jobs_construction,
        "jobs_permanent": p.jobs_permanent,
        "start_date": date(p.start_date),
        "commissioning_planned": date(p.commissioning_planned),
        "commissioning_actual": date(p.commissioning_actual),
        "design_capacity_date": date(p.design_capacity_date),
        "criteria": p.criteria.iter().map(|c| c.code()).collect::<Vec<_>>(),
        "local_content_labour_pct": num(p.local_content.labour_pct),
        "local_content_goods_pct": num(p.local_content.goods_pct),
        "local_content_expertise_date": date(p.local_content.expertise_date),
        "local_content_expertise_ref": p.local_content.expertise_ref,
        "responsible_body": p.responsible_body,
        "inclusion_act": p.inclusion_act,
        "inclusion_date": date(p.inclusion_date),
        "exclusion_act": p.exclusion_act,
        "exclusion_date": date(p.exclusion_date),
        "exclusion_reason": p.exclusion_reason,
        "problems": p.problems,
        "notes": p.notes,
        "financing": p.financing.iter().filter(|r| keep("financing", r.id)).map(|f| json!({
            "id": f.id.to_string(), "source": f.source, "amount_kzt": f.amount.to_json(),
            "year": f.year, "status": f.status.code(), "note": f.note,
        })).collect::<Vec<_>>(),
        "milestones": p.milestones.iter().filter(|r| keep("milestones", r.id)).map(|m| json!({
            "id": m.id.to_string(), "name": m.name, "planned": date(m.planned), "actual": date(m.actual),
        })).collect::<Vec<_>>(),
        "actions": p.actions.iter().filter(|r| keep("actions", r.id)).map(|a| json!({
            "id": a.id.to_string(), "title": a.title, "responsible": a.responsible, "due": date(a.due),
            "status": a.status.code(), "done": date(a.done), "note": a.note,
        })).collect::<Vec<_>>(),
        "support_measures": p.support_measures.iter().filter(|r| keep("support_measures", r.id)).map(|s| json!({
            "id": s.id.to_string(), "measure": s.measure, "amount_kzt": money(s.amount), "note": s.note,
        })).collect::<Vec<_>>(),
        "monitoring": p.monitoring.iter().filter(|r| keep("monitoring", r.id)).map(|m| json!({
            "id": m.id.to_string(), "period": m.period, "investment_kzt": money(m.investment),
            "progress_pct": num(m.progress_pct), "jobs_created": m.jobs_created, "output_kzt": money(m.output),
            "output_natural": num(m.output_natural), "exports_usd": money(m.exports_usd),
            "utilisation_pct": num(m.utilisation_pct), "taxes_kzt": money(m.taxes),
            "local_content_pct": num(m.local_content_pct), "status": m.status.map(Status::code),
            "comment": m.comment, "reported_by": m.reported_by, "reported_on": date(m.reported_on),
        })).collect::<Vec<_>>(),
    });
    match value {
        Value::Object(map) => map,
        _ => unreachable!("json! of an object literal is an object"),
    }
}

/// A FeatureCollection of projects: what `project list --json` prints.
pub fn projects_to_collection<'a>(projects: impl IntoIterator<Item = &'a Project>) -> geojson::FeatureCollection {
    geojson::FeatureCollection {
        bbox: None,
        features: projects.into_iter().map(project_to_feature).collect(),
        foreign_members: None,
    }
}
