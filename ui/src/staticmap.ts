// The map for computers without WebGL 2: a still SVG picture of the regions (shaded like the
// real map) and the projects as dots. Clicking a dot selects the project.

import type { MapView, ProjectRow } from "./api";
import { rampColor } from "./colors";
import { choroplethValue, KZ_BOUNDS } from "./map";

const SVG = "http://www.w3.org/2000/svg";
type Ring = [number, number][];

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

export class StaticMap {
  private root: SVGSVGElement;
  private regionPaths = new Map<string, SVGPathElement>();
  private dots: SVGGElement;
  private width = 1000;
  private height: number;
  private k: number;

  constructor(
    container: HTMLElement,
    boundaries: { features: { properties: { kato: string }; geometry: { type: string; coordinates: unknown } }[] },
    private onSelect: (id: string | null) => void,
    private pointColor: (r: ProjectRow) => string,
  ) {
    const [[w, s], [e, n]] = KZ_BOUNDS;
    const midLat = ((s + n) / 2) * (Math.PI / 180);
    this.k = this.width / ((e - w) * Math.cos(midLat));
    this.height = Math.round((n - s) * this.k);
    this.root = svg("svg", { viewBox: `0 0 ${this.width} ${this.height}`, class: "static-map", role: "img" });
    for (const f of boundaries.features) {
      const polys = (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates) as Ring[][];
      const d = polys.map((poly) => poly.map((ring) => "M" + ring.map((p) => this.xy(p).join(",")).join("L") + "Z").join("")).join("");
      const path = svg("path", { d, fill: "#f4f1ea", stroke: "#6b7a89", "stroke-width": 0.8 });
      this.regionPaths.set(f.properties.kato, path);
      this.root.appendChild(path);
    }
    this.dots = svg("g", {});
    this.root.appendChild(this.dots);
    this.root.addEventListener("click", (e) => {
      const id = (e.target as Element).getAttribute("data-id");
      this.onSelect(id);
    });
    container.appendChild(this.root);
  }

  private xy([lon, lat]: [number, number]): [number, number] {
    const [[w], [, n]] = KZ_BOUNDS;
    const midLat = ((KZ_BOUNDS[0][1] + n) / 2) * (Math.PI / 180);
    return [Math.round((lon - w) * Math.cos(midLat) * this.k * 10) / 10, Math.round((n - lat) * this.k * 10) / 10];
  }

  setView(view: MapView, choropleth: string, selected: string | null): void {
    const max = Math.max(0, ...view.regions.map((r) => choroplethValue(r, choropleth)));
    for (const r of view.regions) {
      const fill = choropleth === "none" ? "#f4f1ea" : rampColor(choroplethValue(r, choropleth), max);
      this.regionPaths.get(r.kato)?.setAttribute("fill", fill);
    }
    while (this.dots.firstChild) this.dots.removeChild(this.dots.firstChild);
    for (const row of view.rows) {
      if (!row.point) continue;
      const [x, y] = this.xy(row.point);
      const c = svg("circle", {
        cx: x,
        cy: y,
        r: row.id === selected ? 6 : 3.5,
        fill: this.pointColor(row),
        stroke: row.id === selected ? "#d81b60" : row.other_map ? "#56606b" : "#fff",
        "stroke-width": row.id === selected ? 2 : 0.6,
        "fill-opacity": row.other_map ? 0.4 : 1,
        "data-id": row.id,
      });
      const title = svg("title", {});
      title.textContent = row.name_ru;
      c.appendChild(title);
      this.dots.appendChild(c);
    }
    this.root.parentElement!.dataset.points = String(view.rows.filter((r) => r.point).length);
    this.root.parentElement!.dataset.rendered = this.root.parentElement!.dataset.points;
    document.body.dataset.mapReady = "1";
  }
}
