// Two versions of a project's location drawn over the region outlines, ours and theirs in
// distinct colours with a legend: enough to see which site is meant, with no map engine.

import { h } from "../dom";
import { t } from "../i18n";
import { isGeometry, positions } from "./present";
import { syncHooks } from "./hooks";

const NS = "http://www.w3.org/2000/svg";
export const MINE_COLOR = "#1565c0";
export const THEIRS_COLOR = "#e65100";

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** The rings or lines of a geometry, as lists of [lon, lat]. */
function parts(g: { type: string; coordinates: unknown }): [number, number][][] {
  const c = g.coordinates as never;
  switch (g.type) {
    case "Point":
      return [positions(c)];
    case "LineString":
    case "MultiPoint":
      return [positions(c)];
    case "Polygon":
    case "MultiLineString":
      return (c as unknown[]).map((r) => positions(r));
    case "MultiPolygon":
      return (c as unknown[][]).flatMap((p) => p.map((r) => positions(r)));
    default:
      return [positions(c)];
  }
}

/** An SVG of both geometries, or null when neither is a geometry. */
export function geometrySketch(mine: unknown, theirs: unknown[]): HTMLElement | null {
  const shapes = [mine, ...theirs].filter(isGeometry);
  if (shapes.length === 0) return null;
  const pts = shapes.flatMap((g) => positions(g.coordinates));
  let [w, s, e, n] = [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))];
  // At least a district's width around the sites, so the outline around them shows.
  const pad = Math.max(0.3, (e - w) * 0.3, (n - s) * 0.3);
  [w, s, e, n] = [w - pad, s - pad, e + pad, n + pad];
  const k = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const [W, H] = [320, 220];
  const scale = Math.min(W / ((e - w) * k), H / (n - s));
  const x = (lon: number) => ((lon - w) * k * scale).toFixed(1);
  const y = (lat: number) => ((n - lat) * scale).toFixed(1);
  const path = (rings: [number, number][][]) => rings.map((r) => r.map((p, i) => `${i ? "L" : "M"}${x(p[0])},${y(p[1])}`).join("")).join("");
  const root = svg("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, "data-role": "sx-sketch-svg" });
  for (const f of syncHooks().boundaries()?.features ?? []) {
    root.appendChild(svg("path", { d: path(parts(f.geometry)), fill: "#fff", stroke: "#9aa5b1", "stroke-width": 1 }));
  }
  const draw = (g: unknown, color: string, role: string) => {
    if (!isGeometry(g)) return;
    if (g.type === "Point" || g.type === "MultiPoint") {
      for (const p of positions(g.coordinates)) root.appendChild(svg("circle", { cx: x(p[0]), cy: y(p[1]), r: 6, fill: color, "fill-opacity": 0.8, stroke: "#fff", "stroke-width": 1.5, "data-role": role }));
    } else {
      const closed = g.type.includes("Polygon");
      root.appendChild(svg("path", { d: path(parts(g)), fill: closed ? color : "none", "fill-opacity": 0.25, stroke: color, "stroke-width": 2.5, "data-role": role }));
    }
  };
  theirs.forEach((g) => draw(g, THEIRS_COLOR, "sx-sketch-theirs"));
  draw(mine, MINE_COLOR, "sx-sketch-mine");
  const swatch = (color: string, label: string) => {
    const i = h("i", {});
    i.style.background = color;
    return h("span", {}, i, label);
  };
  return h("div", { class: "sx-sketch", "data-role": "sx-sketch" }, root as unknown as HTMLElement, h("div", { class: "sx-legend" }, swatch(MINE_COLOR, t("sx_legend_mine")), swatch(THEIRS_COLOR, t("sx_legend_theirs"))));
}
