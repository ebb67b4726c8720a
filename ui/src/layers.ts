// The Layers panel: extra layers from the user's own GeoJSON or GeoPackage files (districts,
// industrial zones), drawn under the projects. Reading and checking a file is the API's
// (`read_layers`); which layers are shown, in which colour, is a window preference remembered
// between starts. A file gone missing since is listed with a notice, once, never retried in a loop.

import { api, ApiError, type MapLayer } from "./api";
import { append, clear, h } from "./dom";
import { FILTERS, fileField } from "./files";
import { formatNumber, t } from "./i18n";
import { addLayerPrefs, layerId, type LayerPref } from "./layerprefs";
import type { GlMap } from "./map";
import { errorText, showError, toast } from "./ui";
import "./geo.css";

export interface LayersHost {
  /** The remembered layers. */
  get: () => LayerPref[];
  /** Remembers the layers (window preferences). */
  set: (layers: LayerPref[]) => void;
  map: () => GlMap | null;
}

type Loaded = { ok: true; layer: MapLayer } | { ok: false; missing: boolean; message: string };

export class LayersPanel {
  readonly el: HTMLElement;
  private loaded = new Map<string, Loaded>();
  private restored = false;

  constructor(private host: LayersHost) {
    this.el = h("div", { class: "layers-panel", "data-role": "layers-panel", hidden: true, role: "dialog", "aria-label": t("geo_layers_title") });
    this.el.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        this.el.hidden = true;
      }
    });
  }

  toggle(): void {
    this.el.hidden = !this.el.hidden;
    if (!this.el.hidden) {
      this.render();
      (this.el.querySelector('[data-role="layer-path"]') as HTMLElement | null)?.focus();
    }
  }

  /** Loads the remembered layers once per start; missing files are reported together, once. */
  async restore(): Promise<void> {
    if (this.restored) return;
    this.restored = true;
    const missing = await this.loadFiles([...new Set(this.host.get().map((l) => l.path))]);
    if (missing.length) toast(`${t("geo_layer_missing")}: ${missing.join(", ")}`, "warning", 8000);
    this.render();
    this.apply();
  }

  /** Reads each file and keeps its layers; returns the files that are gone. */
  private async loadFiles(paths: string[]): Promise<string[]> {
    const missing: string[] = [];
    for (const path of paths) {
      try {
        for (const layer of await api.readLayers(path)) this.loaded.set(layerId({ path, name: layer.name }), { ok: true, layer });
      } catch (e) {
        const gone = e instanceof ApiError && e.kind === "not_found";
        if (gone) missing.push(path);
        for (const l of this.host.get().filter((l) => l.path === path)) {
          this.loaded.set(layerId(l), { ok: false, missing: gone, message: errorText(e) });
        }
      }
    }
    return missing;
  }

  private async add(path: string): Promise<void> {
    path = path.trim();
    if (!path) return;
    try {
      const layers = await api.readLayers(path);
      for (const layer of layers) this.loaded.set(layerId({ path, name: layer.name }), { ok: true, layer });
      this.host.set(addLayerPrefs(this.host.get(), path, layers.map((l) => l.name)));
      toast(`${t("geo_layer_added")}: ${layers.map((l) => `${l.name} (${formatNumber(l.features)})`).join(", ")}`);
      this.render();
      this.apply();
    } catch (e) {
      showError(e);
    }
  }

  private update(pref: LayerPref, patch: Partial<LayerPref>): void {
    this.host.set(this.host.get().map((l) => (l.path === pref.path && l.name === pref.name ? { ...l, ...patch } : l)));
    this.apply();
  }

  private remove(pref: LayerPref): void {
    this.host.set(this.host.get().filter((l) => !(l.path === pref.path && l.name === pref.name)));
    this.loaded.delete(layerId(pref));
    this.render();
    this.apply();
  }

  /** Hands the map every readable layer, in list order. */
  private apply(): void {
    const views = [];
    for (const pref of this.host.get()) {
      const got = this.loaded.get(layerId(pref));
      if (got?.ok) views.push({ id: layerId(pref), data: got.layer.data, color: pref.color, visible: pref.visible });
    }
    this.host.map()?.setUserLayers(views);
  }

  render(): void {
    clear(this.el);
    this.el.setAttribute("aria-label", t("geo_layers_title"));
    const field = fileField({ role: "layer-path", label: t("geo_layer_file"), mode: "open", filters: [FILTERS.geojson, FILTERS.exchange] });
    const addBtn = h("button", { class: "primary", "data-role": "layer-add", onclick: () => void this.add(field.input.value) }, t("geo_layer_add"));
    field.input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") void this.add(field.input.value);
    });
    const prefs = this.host.get();
    append(this.el, [
      h(
        "div",
        { class: "panel-head" },
        h("h3", {}, t("geo_layers_title")),
        h("button", { class: "icon", "aria-label": t("card_close"), title: t("card_close"), onclick: () => (this.el.hidden = true) }, "×"),
      ),
      h("p", {}, t("geo_layers_intro")),
      this.host.map() ? null : h("p", { class: "warn" }, t("geo_layer_webgl")),
      h("div", { class: "add-row" }, field.el, addBtn),
      prefs.length ? h("ul", { "data-role": "layer-list" }, prefs.map((p) => this.row(p))) : h("p", { class: "muted" }, t("geo_layers_none")),
    ]);
  }

  private row(pref: LayerPref): HTMLElement {
    const got = this.loaded.get(layerId(pref));
    const visible = h("input", { type: "checkbox", "data-role": "layer-visible", checked: pref.visible, title: t("geo_layer_visible"), "aria-label": t("geo_layer_visible") });
    visible.addEventListener("change", () => this.update(pref, { visible: visible.checked }));
    const color = h("input", { type: "color", "data-role": "layer-color", value: pref.color, title: t("geo_layer_color"), "aria-label": t("geo_layer_color") });
    color.addEventListener("change", () => this.update(pref, { color: color.value }));
    const bbox = got?.ok ? got.layer.bbox : null;
    const zoom = bbox
      ? h("button", { class: "icon", "data-role": "layer-zoom", title: t("geo_layer_zoom"), "aria-label": t("geo_layer_zoom"), onclick: () => this.host.map()?.fitRegions([[bbox[0], bbox[1]], [bbox[2], bbox[3]]]) }, "⤢")
      : null;
    return h(
      "li",
      { class: got && !got.ok ? "missing" : "", "data-layer": pref.name, title: got && !got.ok ? got.message : pref.path },
      visible,
      color,
      h("span", { class: "name", "data-role": "layer-name" }, pref.name),
      got?.ok ? h("span", { class: "count", "data-role": "layer-count" }, `${formatNumber(got.layer.features)} ${t("geo_layer_features")}`) : null,
      zoom,
      h("button", { class: "icon", "data-role": "layer-remove", title: t("geo_layer_remove"), "aria-label": t("geo_layer_remove"), onclick: () => this.remove(pref) }, "×"),
    );
  }
}
