// The window's state: what is open, the filter every view shares, the filtered set, and the
// selected project. Views subscribe and redraw; nothing else holds a copy.

import type { MapView, OpenInfo, Reference, RegionInfo, ViewFilter } from "./api";
import { isLang, type Lang } from "./i18n";
import { parseLayerPrefs, type LayerPref } from "./layerprefs";

export type ColorBy = "status" | "sector";
export type Choropleth = "none" | "count" | "cost" | "jobs";

export interface State {
  lang: Lang;
  open: OpenInfo | null;
  regions: RegionInfo[];
  reference: Reference | null;
  filter: ViewFilter;
  view: MapView | null;
  selected: string | null;
  colorBy: ColorBy;
  choropleth: Choropleth;
}

export function emptyFilter(): ViewFilter {
  return {
    regions: [],
    district: null,
    level: null,
    statuses: [],
    sectors: [],
    year_from: null,
    year_to: null,
    support_measure: null,
    financing_source: null,
    search: null,
  };
}

/** Whether a filter narrows anything. */
export function isFilterEmpty(f: ViewFilter): boolean {
  const e = emptyFilter();
  return JSON.stringify(normaliseFilter(f)) === JSON.stringify(e);
}

/** Blank text and empty choices become "any". */
export function normaliseFilter(f: Partial<ViewFilter>): ViewFilter {
  const text = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);
  const list = (l: string[] | undefined) => (l ?? []).filter((x) => x !== "");
  const year = (y: number | null | undefined) => (typeof y === "number" && Number.isFinite(y) ? Math.trunc(y) : null);
  return {
    regions: list(f.regions),
    district: text(f.district),
    level: text(f.level),
    statuses: list(f.statuses),
    sectors: list(f.sectors),
    year_from: year(f.year_from),
    year_to: year(f.year_to),
    support_measure: typeof f.support_measure === "number" ? f.support_measure : null,
    financing_source: text(f.financing_source),
    search: text(f.search),
  };
}

type Listener = (s: State, changed: Set<keyof State>) => void;

export class Store {
  state: State;
  private listeners: Listener[] = [];

  constructor(initial?: Partial<State>) {
    this.state = {
      lang: "ru",
      open: null,
      regions: [],
      reference: null,
      filter: emptyFilter(),
      view: null,
      selected: null,
      colorBy: "status",
      choropleth: "count",
      ...initial,
    };
  }

  subscribe(l: Listener): () => void {
    this.listeners.push(l);
    return () => {
      this.listeners = this.listeners.filter((x) => x !== l);
    };
  }

  set(patch: Partial<State>): void {
    const changed = new Set<keyof State>();
    for (const [k, v] of Object.entries(patch) as [keyof State, unknown][]) {
      if (this.state[k] !== v) changed.add(k);
    }
    if (changed.size === 0) return;
    this.state = { ...this.state, ...patch };
    // A selection that left the filtered set is dropped, so the card never shows a hidden project.
    if (changed.has("view") && this.state.selected && this.state.view) {
      if (!this.state.view.rows.some((r) => r.id === this.state.selected)) {
        this.state = { ...this.state, selected: null };
        changed.add("selected");
      }
    }
    for (const l of this.listeners) l(this.state, changed);
  }
}

// ---- what the window remembers between starts ------------------------------------------------

export interface Prefs {
  lang: Lang;
  colorBy: ColorBy;
  choropleth: Choropleth;
  recent: string[];
  filters: Record<string, ViewFilter>;
  /** Extra map layers from the user's files (layers.ts); absent in older prefs. */
  layers?: LayerPref[];
}

const PREFS_KEY = "indmap.prefs.v1";

/** Reads remembered preferences, ignoring anything malformed. */
export function parsePrefs(raw: string | null | undefined): Prefs {
  const fallback: Prefs = { lang: "ru", colorBy: "status", choropleth: "count", recent: [], filters: {} };
  try {
    if (!raw) return fallback;
    const p = JSON.parse(raw) as Partial<Prefs>;
    return {
      lang: isLang(p.lang) ? p.lang : fallback.lang,
      colorBy: p.colorBy === "sector" ? "sector" : "status",
      choropleth: (["none", "count", "cost", "jobs"] as const).includes(p.choropleth as Choropleth)
        ? (p.choropleth as Choropleth)
        : "count",
      recent: Array.isArray(p.recent) ? p.recent.filter((x) => typeof x === "string").slice(0, 8) : [],
      filters: p.filters && typeof p.filters === "object" ? p.filters : {},
      layers: parseLayerPrefs(p.layers),
    };
  } catch {
    return fallback;
  }
}

export function loadPrefs(storage: Storage | null = globalThis.localStorage ?? null): Prefs {
  try {
    return parsePrefs(storage?.getItem(PREFS_KEY));
  } catch {
    return parsePrefs(null);
  }
}

export function savePrefs(p: Prefs, storage: Storage | null = globalThis.localStorage ?? null): void {
  try {
    storage?.setItem(PREFS_KEY, JSON.stringify(p));
  } catch {
    // A full or disabled storage only loses preferences.
  }
}

/** Puts `path` first in the recent list, without duplicates, at most 8. */
export function addRecent(recent: string[], path: string): string[] {
  return [path, ...recent.filter((p) => p !== path)].slice(0, 8);
}

// ---- sorting the table ---------------------------------------------------------------------

export type SortKey = "code" | "name" | "region" | "sector" | "status" | "cost" | "jobs" | "commissioning" | "cost_moved" | "slip";

export function compareValues(a: string | number | null | undefined, b: string | number | null | undefined): number {
  const an = a === null || a === undefined || a === "";
  const bn = b === null || b === undefined || b === "";
  if (an && bn) return 0;
  if (an) return 1; // blanks last, whichever direction
  if (bn) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "ru", { numeric: true });
}

export function sortRows<T>(rows: T[], key: (r: T) => string | number | null | undefined, dir: 1 | -1): T[] {
  return [...rows].sort((x, y) => {
    const kx = key(x);
    const ky = key(y);
    const blank = (v: unknown) => v === null || v === undefined || v === "";
    if (blank(kx) || blank(ky)) return compareValues(kx, ky);
    return dir * compareValues(kx, ky);
  });
}
