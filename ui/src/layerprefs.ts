// Which extra layers the window shows, remembered between starts in the window preferences:
// the file, the layer's name inside it, whether it is visible and its colour. Pure, so state.ts
// can read it without loading the map.

export interface LayerPref {
  path: string;
  /** The layer's name inside the file (a GeoPackage table; a GeoJSON file has one). */
  name: string;
  visible: boolean;
  /** `#rrggbb`. */
  color: string;
}

export const LAYER_COLORS = ["#7b1fa2", "#00897b", "#ef6c00", "#3949ab", "#c2185b", "#558b2f", "#6d4c41", "#0277bd"];

/** Reads remembered layers, dropping anything malformed (old prefs have none). */
export function parseLayerPrefs(raw: unknown): LayerPref[] {
  if (!Array.isArray(raw)) return [];
  const out: LayerPref[] = [];
  for (const x of raw) {
    if (!x || typeof x !== "object") continue;
    const o = x as Record<string, unknown>;
    if (typeof o.path !== "string" || !o.path || typeof o.name !== "string") continue;
    if (out.some((l) => l.path === o.path && l.name === o.name)) continue;
    out.push({
      path: o.path,
      name: o.name,
      visible: o.visible !== false,
      color: typeof o.color === "string" && /^#[0-9a-fA-F]{6}$/.test(o.color) ? o.color : LAYER_COLORS[out.length % LAYER_COLORS.length],
    });
  }
  return out.slice(0, 32);
}

/** The colour for the next layer: the first of the palette not in use. */
export function nextColor(used: LayerPref[]): string {
  return LAYER_COLORS.find((c) => !used.some((l) => l.color === c)) ?? LAYER_COLORS[used.length % LAYER_COLORS.length];
}

/** Adds the layers of a file (replacing ones of the same file and name, keeping their colour and visibility). */
export function addLayerPrefs(prefs: LayerPref[], path: string, names: string[]): LayerPref[] {
  const out = [...prefs];
  for (const name of names) {
    if (out.some((l) => l.path === path && l.name === name)) continue;
    out.push({ path, name, visible: true, color: nextColor(out) });
  }
  return out;
}

/** A stable id for a layer's map source. */
export function layerId(l: { path: string; name: string }): string {
  let h = 0;
  for (const ch of `${l.path}\n${l.name}`) h = (Math.imul(h, 31) + ch.codePointAt(0)!) | 0;
  return `ul-${(h >>> 0).toString(36)}`;
}
