//! The interchange format: one project is one GeoJSON Feature whose geometry is its location and
//! whose properties carry every field (README, "Projects as GeoJSON"). The properties are those
//! the schema describes (`project.rs`); reading never panics and never stops at the first
//! mistake: it returns what it could read and every problem, each naming the property path.

use crate::Rule;
use crate::geography;
use crate::ident::IdSource;
use crate::problem::Problems;
use crate::project::*;
use crate::schema::{Entity, Reader, Record, record_json};
use serde_json::{Map, Value};
use uuid::Uuid;

/// Every property a project Feature may carry: its id, the fields the schema describes and its
/// lists of rows. Anything else is reported and ignored.
pub fn properties() -> impl Iterator<Item = &'static str> {
    let lists = Entity::LISTS.map(Entity::as_str);
    std::iter::once("id").chain(Project::FIELDS.iter().map(|f| f.name)).chain(lists)
}

/// Splits a file's text into project Features: a Feature, or a FeatureCollection of them.
pub fn parse_features(text: &str) -> Result<Vec<geojson::Feature>, Problems> {
    let mut problems = Problems::new();
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        problems.error("file", Rule::JsonSyntax, format!("is not valid JSON ({e})"));
        return Err(problems);
    }
    match text.parse::<geojson::GeoJson>() {
        Ok(geojson::GeoJson::Feature(f)) => Ok(vec![f]),
        Ok(geojson::GeoJson::FeatureCollection(fc)) => Ok(fc.features),
        Ok(geojson::GeoJson::Geometry(_)) => {
            problems.error(
                "file",
                Rule::GeojsonType,
                "is a bare geometry; a project is a GeoJSON Feature with properties",
            );
            Err(problems)
        }
        Err(e) => {
            problems.error("file", Rule::GeojsonSyntax, format!("is not a GeoJSON Feature or FeatureCollection ({e})"));
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
    for key in props.keys().filter(|k| !properties().any(|p| p == k.as_str())) {
        problems.warning(key.as_str(), Rule::PropertyUnknown, "is not a property indmap knows; it was ignored");
    }
    let mut r = Reader::new(props, &mut problems);
    let id = r.uuid("id").or_else(|| feature_id_uuid(feature));
    let project = Project::read_json(&mut r, Uuid::nil());
    let location = match &feature.geometry {
        Some(g) => geography::check_location("geometry", g, r.problems).map(|(geom, _)| geom),
        None => None,
    };
    let financing = read_rows(&mut r, ids);
    let milestones = read_rows(&mut r, ids);
    let actions = read_rows(&mut r, ids);
    let support_measures = read_rows(&mut r, ids);
    let monitoring = read_rows(&mut r, ids);
    let Some(project) = project else { return (None, problems) };
    let project = Project {
        id: id.unwrap_or_else(|| ids.new_id()),
        location,
        financing,
        milestones,
        actions,
        support_measures,
        monitoring,
        ..project
    };
    (Some(project), problems)
}

/// The rows of one list; a row without an id gets a new one, a row that cannot be read is left
/// out with its problems recorded.
fn read_rows<R: Record>(r: &mut Reader, ids: &mut dyn IdSource) -> Vec<R> {
    r.rows(R::ENTITY.as_str(), |o| {
        let id = o.uuid("id").unwrap_or_else(|| ids.new_id());
        R::read_json(o, id)
    })
}

fn feature_id_uuid(feature: &geojson::Feature) -> Option<Uuid> {
    match &feature.id {
        Some(geojson::feature::Id::String(s)) => Uuid::parse_str(s).ok(),
        _ => None,
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

/// Every property of a project; unknown values are `null`, so every Feature has the same fields.
pub fn project_properties(p: &Project) -> Map<String, Value> {
    let mut out = record_json(p);
    out.insert(Entity::Financing.as_str().into(), rows_json(&p.financing));
    out.insert(Entity::Milestones.as_str().into(), rows_json(&p.milestones));
    out.insert(Entity::Actions.as_str().into(), rows_json(&p.actions));
    out.insert(Entity::SupportMeasures.as_str().into(), rows_json(&p.support_measures));
    out.insert(Entity::Monitoring.as_str().into(), rows_json(&p.monitoring));
    out
}

fn rows_json<R: Record>(rows: &[R]) -> Value {
    Value::Array(rows.iter().map(|r| Value::Object(record_json(r))).collect())
}

/// A FeatureCollection of projects: what `project list --json` prints.
pub fn projects_to_collection<'a>(projects: impl IntoIterator<Item = &'a Project>) -> geojson::FeatureCollection {
    geojson::FeatureCollection {
        bbox: None,
        features: projects.into_iter().map(project_to_feature).collect(),
        foreign_members: None,
    }
}
