// How a value box reads what a person types and shows what is stored, in the unit its label
// names: money in millions of tenge, dates as DD.MM.YYYY, comma decimals in kk/ru. The editor's
// fields and the conflict review's value box read through the same functions, so a box that
// says "млн ₸" never stores tenge.

import { formatDate, lang, parseDate, parseNumber, t, type Lang } from "./i18n";
import { boxKind, fieldAt, type ValueKind } from "./fields";
import { kztToMln, mlnToKzt } from "./properties";

export type { ValueKind };

export const DATE_HINT: Record<Lang, string> = { kk: "КК.АА.ЖЖЖЖ", ru: "ДД.ММ.ГГГГ", en: "DD.MM.YYYY" };

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/** A number as a person types it: comma decimals in kk/ru, no grouping, no trailing zeros. */
export function formatPlain(n: number, l: Lang = lang()): string {
  if (!Number.isFinite(n)) return "";
  const s = String(Number(n.toFixed(6)));
  return l === "en" ? s : s.replace(".", ",");
}

/** A stored value as its box shows it. */
export function displayValue(kind: ValueKind, v: unknown, l: Lang = lang()): string {
  if (v === null || v === undefined) return "";
  if (kind === "date") return formatDate(String(v));
  if (kind === "mln") return formatPlain(kztToMln(Number(v)), l);
  if (kind === "decimal") return formatPlain(Number(v), l);
  return String(v);
}

/** What a person typed into a box of `kind`, as the value to store (money in tenge). */
export function parseValue(kind: ValueKind, text: string): Parsed {
  if (kind === "text" || kind === "textarea") return { ok: true, value: text.trim() === "" ? null : text };
  if (kind === "date") {
    const d = parseDate(text);
    return d === undefined ? { ok: false, error: t("r_date") } : { ok: true, value: d };
  }
  const n = parseNumber(text);
  if (n === undefined) return { ok: false, error: t("r_number") };
  if (n === null) return { ok: true, value: null };
  if ((kind === "int" || kind === "year") && !Number.isInteger(n)) return { ok: false, error: t("r_number") };
  return { ok: true, value: kind === "mln" ? mlnToKzt(n) : n };
}

/** The kind of box for a field known by its path and a value it holds (a conflict's): as the
 * schema describes the field, so money is typed in millions as in the editor; a field the schema
 * does not describe is boxed as its value is. `null` when the value is structured (a location,
 * an object): no box for it. */
export function kindOfField(path: string, sample: unknown): ValueKind | null {
  const info = fieldAt(path);
  if (info) return boxKind(info);
  if (typeof sample === "number") return Number.isInteger(sample) ? "int" : "decimal";
  if (sample !== null && typeof sample === "object") return null;
  return "text";
}

/** True when `value` is more than ten times larger or smaller than every value it replaces: the
 * size of a slip of unit (tenge for millions) rather than of a correction. */
export function changesScale(value: unknown, before: unknown[]): boolean {
  if (typeof value !== "number") return false;
  const refs = before.filter((b): b is number => typeof b === "number" && b !== 0);
  if (refs.length === 0) return false;
  if (value === 0) return true;
  return refs.every((b) => {
    const ratio = Math.abs(value / b);
    return ratio > 10 || ratio < 0.1;
  });
}
