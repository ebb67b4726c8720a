// The project's fields as the schema in Rust describes them (generated/schema.ts): their labels
// in the window's language and the kind of box each takes. The editor, the conflict review and
// every list of changes name fields through here, as the printouts do.

import { ENTITIES, FIELDS, type FieldInfo } from "./generated/schema";
import { lang, pick, t, type Key, type Lang } from "./i18n";

/** The kinds of value box: how typed text is read and stored values are shown (`values.ts`). */
export type ValueKind = "text" | "textarea" | "int" | "decimal" | "mln" | "date" | "year";

const UNIT_MLN: Record<Lang, string> = { kk: "млн ₸", ru: "млн ₸", en: "mln ₸" };

/** The list, row and field a property path names: `cost_kzt`, `financing[2].amount_kzt` (the
 * editor's and the rules', `row` the index), `financing/<row id>/amount_kzt` (the log's and the
 * merge's, `row` the id). */
export function splitPath(path: string): { entity: string; row: string | null; field: string } {
  const parts = path.split("/");
  if (parts.length === 3) return { entity: parts[0], row: parts[1], field: parts[2] };
  const m = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(path);
  return m ? { entity: m[1], row: m[2], field: m[3] } : { entity: "project", row: null, field: path };
}

/** The schema's description of the field at `path`, if it names one. */
export function fieldAt(path: string): FieldInfo | undefined {
  const { entity, field } = splitPath(path);
  return FIELDS.find((f) => f.entity === entity && f.name === field);
}

/** A field's label; money names the unit its box takes ("Общая стоимость, млн ₸"). */
export function fieldName(info: FieldInfo, l: Lang = lang()): string {
  const label = l === "kk" ? info.label_kk : l === "ru" ? info.label_ru : info.label_en;
  return info.kind === "money" ? `${label}, ${UNIT_MLN[l]}` : label;
}

/** `cost_kzt` → "Общая стоимость, млн ₸"; `financing/<row>/amount_kzt` (or
 * `features[2].financing[0].amount_kzt`, as a refusal names it) → "План финансирования · Сумма,
 * млн ₸": as the schema names the field, never its key. */
export function fieldLabel(path: string): string {
  const own = path.replace(/^features\[\d+\]\./, "");
  const special = SPECIAL_FIELDS[own];
  if (special) return t(special);
  const { entity, field } = splitPath(own);
  const info = fieldAt(own);
  const name = info ? fieldName(info) : field;
  return entity === "project" ? name : `${entityName(entity)} · ${name}`;
}

const SPECIAL_FIELDS: Record<string, Key> = { geometry: "sx_f_geometry", deleted: "sx_f_deleted" };

/** The label of a list of rows (`financing`) or of the project. */
export function entityName(entity: string, l: Lang = lang()): string {
  const e = ENTITIES.find((x) => x.entity === entity);
  return e ? pick(e.label, l) : entity;
}

/** The box a field is typed in: money in millions of tenge, dates as DD.MM.YYYY, counts whole.
 * `null` for a structured value (a location, an object), which has no box. */
export function boxKind(info: FieldInfo): ValueKind | null {
  switch (info.kind) {
    case "money":
      return "mln";
    case "date":
      return "date";
    case "count":
      return "int";
    case "year":
      return "year";
    case "number":
      return "decimal";
    case "structured":
      return null;
    default:
      return "text";
  }
}

/** A new record of `entity` as the schema says it starts (every field blank, a project's lists
 * empty), with the values `given`. */
export function blank<T>(entity: string, given: Partial<T> = {}): T {
  const record: Record<string, unknown> = { id: null };
  for (const f of FIELDS) if (f.entity === entity) record[f.name] = structuredClone(f.blank);
  if (entity === "project") for (const e of ENTITIES) if (e.entity !== "project") record[e.entity] = [];
  return { ...record, ...given } as T;
}
