//! A versioned project as one JSON text in the file.

use indmap_core::changes::{FieldKey, entity};
use indmap_core::version::{Context, Sibling, VersionedProject};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Serialize, Deserialize)]
struct WireProject {
    project_id: Uuid,
    context: Context,
    fields: Vec<WireField>,
}

#[derive(Serialize, Deserialize)]
struct WireField {
    entity: String,
    record_id: Uuid,
    field: String,
    values: Vec<Sibling>,
}

#[derive(Debug, thiserror::Error)]
pub enum WireError {
    #[error("a record cannot be read: {0}")]
    Syntax(#[from] serde_json::Error),
    #[error("a record names an unknown kind of row {0:?}")]
    UnknownEntity(String),
    #[error("a record has a field with no value")]
    Empty,
}

pub fn encode(vp: &VersionedProject) -> String {
    let fields = vp
        .fields
        .iter()
        .map(|(k, values)| WireField { entity: k.entity.into(), record_id: k.record_id, field: k.field.clone(), values: values.clone() })
        .collect();
    serde_json::to_string(&WireProject { project_id: vp.project_id, context: vp.context.clone(), fields }).unwrap_or_default()
}

pub fn decode(text: &str) -> Result<VersionedProject, WireError> {
    let wire: WireProject = serde_json::from_str(text)?;
    let mut vp = VersionedProject { project_id: wire.project_id, context: wire.context, ..Default::default() };
    for f in wire.fields {
        let entity = entity(&f.entity).ok_or(WireError::UnknownEntity(f.entity))?;
        if f.values.is_empty() {
            return Err(WireError::Empty);
        }
        let mut values = f.values;
        values.sort_by(|a, b| b.stamp.dot.cmp(&a.stamp.dot));
        vp.fields.insert(FieldKey { entity, record_id: f.record_id, field: f.field }, values);
    }
    Ok(vp)
}
