// A project's location as the editor handles it: the kind the user chose (point, line, polygon),
// and the coordinates as editable GeoJSON text. Only the shape of the text is checked here
// (is it JSON, a geometry, numbers in the right nesting); whether the place is valid
// (WGS 84 ranges, closed rings, inside Kazakhstan, in the region) is the API's rule, shown next
// to the location field when saving.

import type { Geometry } from "./api";

export type GeomKind = "Point" | "LineString" | "Polygon";
export const GEOM_KINDS: GeomKind[] = ["Point", "LineString", "Polygon"];

const TYPES = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"];
/** How deep each type nests its positions: Point 0, LineString 1, Polygon 2... */
const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

/** The kind the editor offers for a geometry (a Multi- form counts as its simple kind). */
export function kindOf(g: Geometry | null): GeomKind | null {
  if (!g) return null;
  const t = g.type.replace(/^Multi/, "");
  return (GEOM_KINDS as string[]).includes(t) ? (t as GeomKind) : null;
}

export type ParseResult = { ok: true; geometry: Geometry | null } | { ok: false; error: GeomTextError; detail?: string };
export type GeomTextError = "json" | "type" | "coordinates";

/** Parses what the user typed: a GeoJSON geometry, a Feature (its geometry is taken), a bare
 * `[lon, lat]` pair, or nothing (no location). */
export function parseGeometryText(text: string): ParseResult {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, geometry: null };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (e) {
    return { ok: false, error: "json", detail: e instanceof Error ? e.message : String(e) };
  }
  if (Array.isArray(value)) value = { type: "Point", coordinates: value };
  if (isObject(value) && value.type === "Feature") value = value.geometry ?? null;
  if (value === null) return { ok: true, geometry: null };
  if (!isObject(value) || typeof value.type !== "string" || !TYPES.includes(value.type)) {
    return { ok: false, error: "type", detail: isObject(value) ? String(value.type) : undefined };
  }
  const coords = value.coordinates;
  const bad = nestingProblem(coords, DEPTH[value.type]);
  if (bad) return { ok: false, error: "coordinates", detail: bad };
  return { ok: true, geometry: { type: value.type, coordinates: coords } };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Why `c` is not positions nested `depth` deep, or null. */
function nestingProblem(c: unknown, depth: number): string | null {
  if (depth === 0) {
    if (!Array.isArray(c) || c.length < 2 || !c.every((x) => typeof x === "number" && Number.isFinite(x))) {
      return JSON.stringify(c) ?? "undefined";
    }
    return null;
  }
  if (!Array.isArray(c) || c.length === 0) return JSON.stringify(c) ?? "undefined";
  for (const part of c) {
    const p = nestingProblem(part, depth - 1);
    if (p) return p;
  }
  return null;
}

/** The geometry as text for the text area: one position per line, so it is easy to edit. */
export function geometryText(g: Geometry | null): string {
  if (!g) return "";
  const body = JSON.stringify(g.coordinates);
  // Break after each position of a line or ring: `],[` between two numbers' arrays.
  const coords = body.replace(/\],\[(?=-?\d)/g, "],\n  [");
  return `{"type": "${g.type}", "coordinates": ${coords}}`;
}

/** Rounds every coordinate to 6 decimals (about 10 cm), as the map reports them. */
export function roundGeometry(g: Geometry): Geometry {
  const round = (c: unknown): unknown => (typeof c === "number" ? Math.round(c * 1e6) / 1e6 : Array.isArray(c) ? c.map(round) : c);
  return { type: g.type, coordinates: round(g.coordinates) };
}
