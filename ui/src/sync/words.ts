// Field names and values in the user's language, over the pure formatting of present.ts.

import { fieldLabel } from "../fields";
import { lang, pick, t } from "../i18n";
import { syncHooks } from "./hooks";
import { formatValue, splitField } from "./present";

export { fieldLabel };

/** `ministry` or `region:35` as people name them. */
export function scopeText(scope: string): string {
  if (scope === "ministry") return t("sx_export_for_ministry");
  const kato = scope.startsWith("region:") ? scope.slice(7) : null;
  const region = kato ? syncHooks().regions().find((r) => r.kato === kato) : undefined;
  return region ? pick(region.label) : scope;
}

/** Fields whose values are codes of a reference list, shown by their labels. */
const CODED = { status: "statuses", sector: "sectors", level: "levels", source: "financing_sources" } as const;

function codeLabel(field: string, v: unknown): string | null {
  if (typeof v !== "string") return null;
  const hooks = syncHooks();
  if (field === "region") {
    const r = hooks.regions().find((x) => x.kato === v);
    return r ? pick(r.label) : null;
  }
  const list = CODED[field as keyof typeof CODED];
  const item = list ? hooks.reference()?.[list].find((i) => i.code === v) : undefined;
  return item ? pick(item.label) : null;
}

export function valueText(path: string, v: unknown): string {
  const field = splitField(path).field;
  return codeLabel(field, v) ?? formatValue(field, v, { deleted: t("sx_deleted_value") }, lang());
}

/** A conflict's concurrent value; against a deletion, the edits made without seeing it ({field: value}). */
export function theirsText(field: string, v: unknown): string {
  if (field !== "deleted" || !v || typeof v !== "object") return valueText(field, v);
  return Object.entries(v as Record<string, unknown>).map(([f, x]) => `${fieldLabel(f)}: ${valueText(f, x)}`).join("; ");
}
