//! The schema as TypeScript for the window.

use super::entity::Entity;
use super::field::FieldSpec;

/// `ui/src/generated/schema.ts`: the properties of each record as TypeScript types, and every
/// field with its kind and labels, so the window names fields as the printouts do.
pub fn typescript(fields: &[&FieldSpec]) -> String {
    let mut out = String::from("// Made from the schema in crates/indmap-core/src/project.rs; do not edit.\n\n");
    for entity in Entity::ALL {
        let mut members = vec!["id: string | null".to_owned()];
        members.extend(fields.iter().filter(|f| f.entity == entity).map(|f| format!("{}: {}", f.name, f.ts)));
        if entity == Entity::Project {
            members.extend(Entity::LISTS.map(|l| format!("{}: Array<{}>", l.as_str(), l.ts_type())));
        }
        out += &format!("export type {} = {{ {} }};\n\n", entity.ts_type(), members.join(", "));
    }
    out += "export type FieldKind = \"text\" | \"code\" | \"date\" | \"money\" | \"count\" | \"year\" | \"number\" | \"structured\";\n\n";
    out += "export interface FieldInfo {\n  name: string;\n  entity: string;\n  kind: FieldKind;\n  label_kk: string;\n  label_ru: string;\n  label_en: string;\n  /** What a new record holds in the field. */\n  blank: unknown;\n}\n\n";
    out += "/** Each kind of record with its label: the project, and each list of its rows. */\nexport const ENTITIES: readonly { entity: string; label: { kk: string; ru: string; en: string } }[] = [\n";
    for entity in Entity::ALL {
        let label = serde_json::to_string(&entity.label()).expect("a label serializes");
        out += &format!("  {{ \"entity\": \"{}\", \"label\": {label} }},\n", entity.as_str());
    }
    out += "];\n\n";
    out += "/** Every field of every record, as the schema describes it. */\nexport const FIELDS: readonly FieldInfo[] = [\n";
    for f in fields {
        let mut info = serde_json::to_value(f).expect("a field serializes");
        info["blank"] = (f.blank)();
        out += &format!("  {info},\n");
    }
    out += "];\n";
    out
}
