// Pure helpers of the exchange screens: how values, fields and counts are shown. No DOM, no API.

import { fieldAt, splitPath } from "../fields";
import type { ConflictView } from "../generated/ConflictView";
import type { ImportReport } from "../generated/ImportReport";
import type { LogEntry } from "../generated/LogEntry";
import type { ProposalView } from "../generated/ProposalView";
import { formatDate, formatMoney, formatNumber, type Lang } from "../i18n";

/** The words a value needs that come from the dictionary. */
export interface ValueWords {
  deleted: string;
}

interface GeoJsonGeometry {
  type: string;
  coordinates: unknown;
}

export function isGeometry(v: unknown): v is GeoJsonGeometry {
  return !!v && typeof v === "object" && typeof (v as GeoJsonGeometry).type === "string" && "coordinates" in (v as object);
}

/** Every [lon, lat] pair of a GeoJSON geometry's coordinates. */
export function positions(coordinates: unknown): [number, number][] {
  if (!Array.isArray(coordinates)) return [];
  if (typeof coordinates[0] === "number") return [[Number(coordinates[0]), Number(coordinates[1])]];
  return coordinates.flatMap((c) => positions(c));
}

/** A number of a field as people read it, by the field's kind in the schema: money in млн ₸, a
 * year as it is written (2027, never "2 027"), other numbers grouped. */
function formatNumberOf(field: string, v: number, l: Lang): string {
  const kind = fieldAt(field)?.kind;
  if (kind === "money") return formatMoney(v, l);
  if (kind === "year") return String(v);
  return formatNumber(v, Number.isInteger(v) ? 0 : 2, l);
}

/** A value of a field as people read it: money in млн ₸, numbers grouped, geometry in words. */
export function formatValue(field: string, v: unknown, words: ValueWords, l: Lang): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return v ? "✓" : "✗";
  if (typeof v === "number") return formatNumberOf(field, v, l);
  if (Array.isArray(v) && v.every((x) => typeof x !== "object" || x === null)) return v.length ? v.join(", ") : "—";
  if (typeof v === "string") return /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : v;
  if (isGeometry(v)) {
    const pts = positions(v.coordinates);
    if (v.type === "Point" && pts.length === 1) return `${pts[0][1].toFixed(4)}, ${pts[0][0].toFixed(4)}`;
    return `${v.type} (${pts.length})`;
  }
  if (field === "deleted" && typeof v === "object" && !Array.isArray(v)) {
    const reason = (v as { reason?: unknown }).reason;
    return reason ? `${words.deleted}: ${String(reason)}` : words.deleted;
  }
  return JSON.stringify(v);
}

/** A field path (`cost_kzt`, `financing/<row id>/amount_kzt`) as its list, row and field. */
export function splitField(path: string): { list: string | null; row: string | null; field: string } {
  const { entity, row, field } = splitPath(path);
  return { list: entity === "project" ? null : entity, row, field };
}

/** Counts for the Exchange button's badges: open conflicts, and open proposals this database decides. */
export function badgeCounts(conflicts: ConflictView[], proposals: ProposalView[]): { conflicts: number; proposals: number } {
  return { conflicts: conflicts.length, proposals: proposals.filter((p) => p.status === "open" && p.ours_to_decide).length };
}

/** Proposals in the order they are read: those this database must decide first, then open ones, then decided. */
export function sortProposals(list: ProposalView[]): ProposalView[] {
  const rank = (p: ProposalView) => (p.status !== "open" ? 2 : p.ours_to_decide ? 0 : 1);
  return list.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i).map((x) => x.p);
}

/** Conflicts grouped by project, in the order they came. */
export function groupByProject<T extends { project_id: string }>(items: T[]): { project_id: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const g = groups.get(item.project_id);
    if (g) g.push(item);
    else groups.set(item.project_id, [item]);
  }
  return [...groups].map(([project_id, items]) => ({ project_id, items }));
}

export type SectionKey = "added" | "changed" | "deleted" | "conflicts" | "refused";

/** How many items each section of a preview holds, and whether the file changes anything. */
export function reportCounts(r: ImportReport): Record<SectionKey | "proposals", number> & { any: boolean } {
  const c = {
    added: r.added.length,
    changed: r.changed.length,
    deleted: r.deleted.length,
    conflicts: r.conflicts.length,
    refused: r.refused.length,
    proposals: r.proposals,
  };
  return { ...c, any: Object.values(c).some((n) => n > 0) };
}

/** Totals of a batch that was applied: the first file's "before" to the last file's "after".
 * (Not of a preview: each file's dry run starts from the map as it is.) */
export function batchTotals(reports: ImportReport[]): { before: ImportReport["before"]; after: ImportReport["after"] } | null {
  if (reports.length === 0) return null;
  return { before: reports[0].before, after: reports[reports.length - 1].after };
}

/** The default name of an export: `indmap-35-2026-11-25.gpkg`, `indmap-ministry-….gpkg`. */
export function defaultExportName(scope: string, region: string | null, today: Date): string {
  const who = region ?? (scope.startsWith("region:") ? scope.slice(7) : scope);
  const day = today.toISOString().slice(0, 10);
  return `indmap-${who}-${day}.gpkg`;
}

/** A file path next to `path` named `name`. */
export function besides(path: string | null | undefined, name: string): string {
  if (!path) return name;
  const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return cut < 0 ? name : path.slice(0, cut + 1) + name;
}

/** The file's name without its folder. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/** `2026-06-01T09:00:00Z` in the user's locale; text that is not a time is returned as it is. */
export function formatTime(iso: string, l: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const locale = { kk: "kk-KZ", ru: "ru-RU", en: "en-GB" }[l];
  return d.toLocaleString(locale, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
}

/** The file a logged change came with, or null for a change made in this database. */
export function originFile(e: LogEntry): string | null {
  return e.origin && e.origin !== "local" ? e.origin : null;
}

/** How the change log names a record's birth (indmap_store::BIRTH). */
export const BIRTH = "*";

/** A history entry's changed fields: a birth lists every value the record was born with. */
export function entryChanges(e: LogEntry): { field: string; old: unknown; new: unknown }[] {
  if (e.field === BIRTH && e.new && typeof e.new === "object" && !Array.isArray(e.new) && !isGeometry(e.new)) {
    return Object.entries(e.new as Record<string, unknown>).map(([field, v]) => ({ field, old: null, new: v }));
  }
  return [{ field: e.field, old: e.old, new: e.new }];
}
