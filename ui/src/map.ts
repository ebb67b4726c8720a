// The map: region outlines shaded by the chosen figure, projects as clustered points (lines and
// polygons drawn as they are), coloured by status or sector. Fully offline: the style has no
// remote source, no glyphs (labels use local fonts) and the worker is bundled.
// Without WebGL 2 a static SVG picture takes its place (staticmap.ts).

import { Map as MlMap, NavigationControl, Popup, ScaleControl, setWorkerUrl } from "maplibre-gl";
import type { GeoJSONSource, MapGeoJSONFeature, MapMouseEvent } from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import "maplibre-gl/dist/maplibre-gl.css";
import type { Geometry, MapView, ProjectRow, RegionInfo } from "./api";
import { rampColor } from "./colors";
import { h } from "./dom";
import { tenge } from "./i18n";
import { DrawSession, type DrawCallbacks } from "./draw";
import type { GeomKind } from "./geometry";

setWorkerUrl(workerUrl);

export const KZ_BOUNDS: [[number, number], [number, number]] = [
  [46.4, 40.4],
  [87.4, 55.5],
];

export interface MapHandlers {
  onSelect: (id: string | null) => void;
  pointColor: (row: ProjectRow) => string;
  projectName: (row: ProjectRow) => string;
  regionName: (r: RegionInfo) => string;
}

type FC = { type: "FeatureCollection"; features: unknown[] };

/** An extra layer from the user's file, drawn under the projects. */
export interface UserLayerView {
  id: string;
  data: unknown;
  color: string;
  visible: boolean;
}

let current: GlMap | null = null;

/** The window's WebGL map, if it has one (the editor draws on it). */
export function currentGlMap(): GlMap | null {
  return current;
}

export function hasWebGL2(): boolean {
  try {
    const c = document.createElement("canvas");
    return !!c.getContext("webgl2");
  } catch {
    return false;
  }
}

export function choroplethValue(r: { count: number; cost_kzt: number; jobs_permanent: number }, by: string): number {
  return by === "count" ? r.count : by === "cost" ? tenge(r.cost_kzt) : by === "jobs" ? r.jobs_permanent : 0;
}

export class GlMap {
  private map: MlMap;
  private loaded = false;
  private pending: (() => void)[] = [];
  private hover: Popup;
  private pickCallback: ((lngLat: [number, number]) => void) | null = null;
  private firstPaint = false;
  private drawSession: DrawSession | null = null;
  private userLayers: UserLayerView[] = [];
  private userLayerIds: string[] = [];
  private infoPopup: Popup;

  constructor(
    private container: HTMLElement,
    boundaries: FC,
    private handlers: MapHandlers,
  ) {
    this.map = new MlMap({
      container,
      style: {
        version: 8,
        sources: {},
        layers: [{ id: "background", type: "background", paint: { "background-color": "#dce6ef" } }],
      },
      bounds: KZ_BOUNDS,
      fitBoundsOptions: { padding: 16 },
      attributionControl: false,
      maxZoom: 16,
      minZoom: 2,
      dragRotate: false,
      pitchWithRotate: false,
    });
    // Top left: the legend stands at the bottom right and grows up to the top on a low screen.
    this.map.addControl(new NavigationControl({ showCompass: false }), "top-left");
    this.map.addControl(new ScaleControl({ unit: "metric" }), "bottom-left");
    this.hover = new Popup({ closeButton: false, closeOnClick: false, className: "hover-popup", offset: 8 });
    this.infoPopup = new Popup({ closeButton: true, closeOnClick: true, className: "layer-popup", maxWidth: "320px" });
    current = this;
    this.map.on("load", () => {
      this.addLayers(boundaries);
      this.loaded = true;
      for (const f of this.pending.splice(0)) f();
    });
    this.map.on("idle", () => this.reportRendered());
  }

  private whenLoaded(f: () => void): void {
    if (this.loaded) f();
    else this.pending.push(f);
  }

  private addLayers(boundaries: FC): void {
    const m = this.map;
    m.addSource("regions", { type: "geojson", data: boundaries as never, promoteId: "kato" });
    m.addLayer({
      id: "region-fill",
      type: "fill",
      source: "regions",
      paint: { "fill-color": ["coalesce", ["feature-state", "fill"], "#f4f1ea"], "fill-opacity": 0.75 },
    });
    m.addLayer({
      id: "region-line",
      type: "line",
      source: "regions",
      paint: { "line-color": "#6b7a89", "line-width": ["interpolate", ["linear"], ["zoom"], 3, 0.6, 8, 1.6] },
    });
    m.addSource("region-labels", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
    m.addLayer({
      id: "region-labels",
      type: "symbol",
      source: "region-labels",
      layout: {
        "text-field": ["get", "name"],
        "text-size": 11,
        "text-max-width": 8,
        "text-allow-overlap": false,
      },
      paint: { "text-color": "#34495e", "text-halo-color": "#ffffff", "text-halo-width": 1.2 },
    });
    m.addSource("shapes", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
    m.addLayer({
      id: "shape-fill",
      type: "fill",
      source: "shapes",
      filter: ["==", ["geometry-type"], "Polygon"],
      paint: { "fill-color": ["get", "c"], "fill-opacity": ["case", ["==", ["get", "o"], 1], 0.12, 0.35] },
    });
    m.addLayer({
      id: "shape-line",
      type: "line",
      source: "shapes",
      paint: { "line-color": ["get", "c"], "line-width": 2.5, "line-opacity": ["case", ["==", ["get", "o"], 1], 0.45, 1] },
    });
    m.addSource("projects", {
      type: "geojson",
      data: { type: "FeatureCollection", features: [] },
      cluster: true,
      clusterRadius: 36,
      clusterMaxZoom: 9,
    });
    m.addLayer({
      id: "clusters",
      type: "circle",
      source: "projects",
      filter: ["has", "point_count"],
      paint: {
        "circle-color": ["step", ["get", "point_count"], "#5b8fc7", 25, "#3d6fa8", 100, "#274f80"],
        "circle-radius": ["step", ["get", "point_count"], 13, 25, 17, 100, 22],
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 1.5,
        "circle-opacity": 0.9,
      },
    });
    m.addLayer({
      id: "cluster-count",
      type: "symbol",
      source: "projects",
      filter: ["has", "point_count"],
      layout: { "text-field": ["get", "point_count_abbreviated"], "text-size": 11, "text-allow-overlap": true },
      paint: { "text-color": "#ffffff" },
    });
    m.addLayer({
      id: "points",
      type: "circle",
      source: "projects",
      filter: ["!", ["has", "point_count"]],
      paint: {
        "circle-color": ["get", "c"],
        "circle-radius": ["interpolate", ["linear"], ["zoom"], 3, 4.5, 10, 7],
        "circle-opacity": ["case", ["==", ["get", "o"], 1], 0.4, 1],
        "circle-stroke-color": ["case", ["==", ["get", "o"], 1], "#56606b", "#ffffff"],
        "circle-stroke-width": ["case", ["==", ["get", "o"], 1], 1.6, 1.2],
      },
    });
    m.addSource("selected", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
    m.addLayer({
      id: "selected",
      type: "circle",
      source: "selected",
      paint: {
        "circle-color": "rgba(0,0,0,0)",
        "circle-radius": 11,
        "circle-stroke-color": "#d81b60",
        "circle-stroke-width": 3,
      },
    });

    m.on("click", (e: MapMouseEvent) => {
      if (this.drawSession) return;
      if (this.pickCallback) {
        const cb = this.pickCallback;
        this.setPickMode(null);
        cb([round6(e.lngLat.lng), round6(e.lngLat.lat)]);
        return;
      }
      const hit = m.queryRenderedFeatures(e.point, { layers: ["points", "clusters", "shape-line", "shape-fill"] });
      const f = hit[0];
      if (!f) {
        this.handlers.onSelect(null);
        this.showLayerFeature(e);
        return;
      }
      if (f.layer.id === "clusters") {
        const id = Number(f.properties?.cluster_id);
        const src = m.getSource("projects") as GeoJSONSource;
        void src.getClusterExpansionZoom(id).then((zoom) => {
          const g = f.geometry as unknown as { coordinates: [number, number] };
          m.easeTo({ center: g.coordinates, zoom: Math.min(zoom, 14) });
        });
        return;
      }
      this.handlers.onSelect(String(f.properties?.id));
    });
    for (const layer of ["points", "clusters", "shape-line", "shape-fill"]) {
      m.on("mouseenter", layer, () => (m.getCanvas().style.cursor = "pointer"));
      m.on("mouseleave", layer, () => {
        m.getCanvas().style.cursor = this.pickCallback ? "crosshair" : "";
        this.hover.remove();
      });
    }
    for (const layer of ["points", "shape-line", "shape-fill"]) {
      m.on("mousemove", layer, (e) => {
        const f = e.features?.[0] as MapGeoJSONFeature | undefined;
        if (!f) return;
        this.hover.setLngLat(e.lngLat).setText(String(f.properties?.name ?? "")).addTo(m);
      });
    }
  }

  /** Marks the container once the projects are painted, and says how many it painted. */
  private reportRendered(): void {
    if (!this.loaded) return;
    // How many features of the user's layers are painted (tests read it; nothing else does).
    const userLayers = this.userStyleLayers().filter((id) => this.map.getLayer(id));
    this.container.dataset.layerRendered = String(userLayers.length ? this.map.queryRenderedFeatures({ layers: userLayers }).length : 0);
    if (!this.container.dataset.hasData) return;
    const feats = this.map.queryRenderedFeatures({ layers: ["points", "clusters"] });
    let n = 0;
    for (const f of feats) n += f.layer.id === "clusters" ? Number(f.properties?.point_count ?? 0) : 1;
    this.container.dataset.rendered = String(n);
    if (!this.firstPaint) {
      this.firstPaint = true;
      document.body.dataset.mapReady = "1";
    }
  }

  setRegionLabels(regions: RegionInfo[]): void {
    this.whenLoaded(() => {
      const features = regions.map((r) => ({
        type: "Feature",
        geometry: { type: "Point", coordinates: labelPoint(r) },
        properties: { name: this.handlers.regionName(r) },
      }));
      (this.map.getSource("region-labels") as GeoJSONSource).setData({ type: "FeatureCollection", features } as never);
    });
  }

  setView(view: MapView, choropleth: string): void {
    this.whenLoaded(() => {
      const points = [];
      const shapes = [];
      for (const r of view.rows) {
        // `o`: on another region's map, drawn faint (read-only here).
        const props = { id: r.id, c: this.handlers.pointColor(r), name: this.handlers.projectName(r), o: r.other_map ? 1 : 0 };
        if (r.point) points.push({ type: "Feature", geometry: { type: "Point", coordinates: r.point }, properties: props });
        if (r.shape) shapes.push({ type: "Feature", geometry: r.shape, properties: props });
      }
      (this.map.getSource("projects") as GeoJSONSource).setData({ type: "FeatureCollection", features: points } as never);
      (this.map.getSource("shapes") as GeoJSONSource).setData({ type: "FeatureCollection", features: shapes } as never);
      this.setChoropleth(view, choropleth);
      this.container.dataset.points = String(points.length);
      this.container.dataset.hasData = "1";
      this.map.triggerRepaint();
    });
  }

  private setChoropleth(view: MapView, by: string): void {
    const max = Math.max(0, ...view.regions.map((r) => choroplethValue(r, by)));
    for (const r of view.regions) {
      const fill = by === "none" ? "#f4f1ea" : rampColor(choroplethValue(r, by), max);
      this.map.setFeatureState({ source: "regions", id: r.kato }, { fill });
    }
  }

  setSelected(row: ProjectRow | null, fly: boolean): void {
    this.whenLoaded(() => {
      const features = row?.point ? [{ type: "Feature", geometry: { type: "Point", coordinates: row.point }, properties: {} }] : [];
      (this.map.getSource("selected") as GeoJSONSource).setData({ type: "FeatureCollection", features } as never);
      if (fly && row?.point) this.map.easeTo({ center: row.point, zoom: Math.max(this.map.getZoom(), 5.5) });
    });
  }

  fitRegions(bounds: [[number, number], [number, number]] | null): void {
    this.whenLoaded(() => this.map.fitBounds(bounds ?? KZ_BOUNDS, { padding: 24, duration: 300 }));
  }

  setPickMode(cb: ((lngLat: [number, number]) => void) | null): void {
    this.pickCallback = cb;
    this.map.getCanvas().style.cursor = cb ? "crosshair" : "";
  }

  resize(): void {
    this.map.resize();
  }

  // ---- drawing a project's location (draw.ts) -------------------------------------------------

  /** Starts drawing `kind` on the map, showing `initial` for editing; ends any earlier session. */
  startDrawing(kind: GeomKind, initial: Geometry | null, cb: DrawCallbacks): DrawSession {
    this.stopDrawing();
    this.hover.remove();
    const session = new DrawSession(this.map, kind, initial, cb);
    this.drawSession = session;
    this.map.getContainer().dataset.drawing = kind;
    if (initial) this.fitGeometry(initial);
    return session;
  }

  stopDrawing(): void {
    this.drawSession?.stop();
    this.drawSession = null;
    delete this.map.getContainer().dataset.drawing;
  }

  private fitGeometry(g: Geometry): void {
    let [w, s, e, n] = [180, 90, -180, -90];
    const walk = (c: unknown): void => {
      if (!Array.isArray(c)) return;
      if (typeof c[0] === "number") {
        w = Math.min(w, c[0]); e = Math.max(e, c[0]); s = Math.min(s, c[1] as number); n = Math.max(n, c[1] as number);
      } else c.forEach(walk);
    };
    walk(g.coordinates);
    if (w > e) return;
    if (w === e && s === n) this.map.easeTo({ center: [w, s], zoom: Math.max(this.map.getZoom(), 8), duration: 0 });
    else this.map.fitBounds([[w, s], [e, n]], { padding: 80, maxZoom: 12, duration: 0 });
  }

  // ---- the user's own layers (layers.ts) ------------------------------------------------------

  /** Shows these layers, in this order, under the projects; removes any others. */
  setUserLayers(layers: UserLayerView[]): void {
    this.userLayers = layers;
    this.whenLoaded(() => this.applyUserLayers());
  }

  private applyUserLayers(): void {
    const m = this.map;
    for (const id of this.userLayerIds) {
      for (const suffix of ["-fill", "-line", "-point"]) if (m.getLayer(id + suffix)) m.removeLayer(id + suffix);
      if (m.getSource(id)) m.removeSource(id);
    }
    this.userLayerIds = [];
    for (const l of this.userLayers) {
      m.addSource(l.id, { type: "geojson", data: l.data as never });
      const visibility = l.visible ? "visible" : "none";
      const polygons: ["match", ["geometry-type"], string[], boolean, boolean] = ["match", ["geometry-type"], ["Polygon", "MultiPolygon"], true, false];
      const points: ["match", ["geometry-type"], string[], boolean, boolean] = ["match", ["geometry-type"], ["Point", "MultiPoint"], true, false];
      // Under the projects' shapes and points, over the regions.
      m.addLayer({ id: `${l.id}-fill`, type: "fill", source: l.id, filter: polygons, layout: { visibility }, paint: { "fill-color": l.color, "fill-opacity": 0.18 } }, "shape-fill");
      m.addLayer({ id: `${l.id}-line`, type: "line", source: l.id, filter: ["!", points], layout: { visibility }, paint: { "line-color": l.color, "line-width": 1.6 } }, "shape-fill");
      m.addLayer({ id: `${l.id}-point`, type: "circle", source: l.id, filter: points, layout: { visibility }, paint: { "circle-color": l.color, "circle-radius": 4.5, "circle-stroke-color": "#ffffff", "circle-stroke-width": 1 } }, "shape-fill");
      this.userLayerIds.push(l.id);
    }
  }

  /** The map layers drawn for the user's layers (for clicks and tests). */
  private userStyleLayers(): string[] {
    return this.userLayers.filter((l) => l.visible).flatMap((l) => [`${l.id}-point`, `${l.id}-line`, `${l.id}-fill`]);
  }

  /** A click on a feature of a user layer shows its properties, as text. */
  private showLayerFeature(e: MapMouseEvent): void {
    const layers = this.userStyleLayers().filter((id) => this.map.getLayer(id));
    if (!layers.length) return;
    const f = this.map.queryRenderedFeatures(e.point, { layers })[0];
    if (!f) return;
    const entries = Object.entries(f.properties ?? {});
    const body = h(
      "div",
      { class: "layer-props", "data-role": "layer-popup" },
      entries.length
        ? h("table", {}, entries.map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", {}, v === null ? "" : String(v)))))
        : h("em", {}, "—"),
    );
    this.infoPopup.setLngLat(e.lngLat).setDOMContent(body).addTo(this.map);
  }
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Region labels sit at the administrative centre, except for oblasts whose centre is a city
 * that is a region of its own; there a label at the centre would cover the city's. */
function labelPoint(r: RegionInfo): [number, number] {
  return [r.centre[0], r.centre[1]];
}
