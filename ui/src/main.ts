// The window: start screen, filters, summary bar, map, table and project card, all showing the
// same filtered set from one API call. The editor lives in editor.ts.

import "./style.css";
import { api, type MapView, type OpenInfo, type ProjectRow, type ProjectVariance, type RegionInfo, type ViewFilter } from "./api";
import { by, varianceLines } from "./variance";
import { RAMP, STATUS_COLORS, sectorColor } from "./colors";
import { append, clear, h, option } from "./dom";
import { openAlerts } from "./alerts";
import { openGantt } from "./gantt";
import { openDashboard } from "./dashboard";
import { openEffectiveness } from "./effectiveness";
import { openSettings } from "./settings";
import { openEditor } from "./editor";
import { fieldAt, fieldName } from "./fields";
import { counted, formatDate, formatMoney, formatNumber, tenge, LANGS, DICTS, pick, setLang, t, lang, type Lang } from "./i18n";
import { choroplethValue, GlMap, hasWebGL2 } from "./map";
import { StaticMap } from "./staticmap";
import {
  addRecent,
  emptyFilter,
  loadPrefs,
  normaliseFilter,
  parsePrefs,
  savePrefs as savePrefsLocal,
  sortRows,
  type Prefs,
  Store,
  type Choropleth,
  type ColorBy,
  type SortKey,
} from "./state";
import { ask, showError, toast } from "./ui";
// geo: the Layers panel (ui/src/layers.ts).
import { LayersPanel } from "./layers";
// sync: the Exchange menu, the import wizard and the history panel (ui/src/sync/).
import { exchangeButton } from "./sync/exchange";
import { initSync } from "./sync/hooks";
import { historyButton } from "./sync/history";
// print: the print dialog with its live preview and the atlas (ui/src/print.ts).
import { openPrint } from "./print";

let prefs = loadPrefs();
const store = new Store({ lang: prefs.lang, colorBy: prefs.colorBy, choropleth: prefs.choropleth });
setLang(prefs.lang);

let boundaries: { type: "FeatureCollection"; features: any[] } | null = null;
let glMap: GlMap | null = null;
let staticMap: StaticMap | null = null;
let sort: { key: SortKey; dir: 1 | -1 } = { key: "code", dir: 1 };
let viewSeq = 0;

const app = document.getElementById("app")!;

/** Remembers preferences in the window's storage and in the app's own file (which survives
 * however the app is closed). */
function savePrefs(p: Prefs): void {
  savePrefsLocal(p);
  void api.savePrefs(JSON.stringify(p)).catch(() => undefined);
}

// ---- helpers ---------------------------------------------------------------------------------

function regionByKato(kato: string): RegionInfo | undefined {
  return store.state.regions.find((r) => r.kato === kato);
}

function regionName(kato: string): string {
  return pick(regionByKato(kato)?.label) || kato;
}

function refLabel(list: "statuses" | "sectors" | "levels" | "financing_sources", code: string | null | undefined): string {
  if (!code) return "";
  const item = store.state.reference?.[list].find((i) => i.code === code);
  return item ? pick(item.label) : code;
}

export function projectName(r: { name_kk: string; name_ru: string; name_en: string | null }, l: Lang = lang()): string {
  const preferred = l === "kk" ? r.name_kk : l === "en" ? r.name_en : r.name_ru;
  return preferred || r.name_ru || r.name_kk;
}

function pointColor(r: ProjectRow): string {
  if (store.state.colorBy === "sector") {
    return sectorColor(r.sector, (store.state.reference?.sectors ?? []).map((s) => s.code));
  }
  return STATUS_COLORS[r.status] ?? "#777";
}

function scopeLabel(open: OpenInfo): string {
  return open.region ? `${t("scope_region")}: ${regionName(open.region)}` : t("scope_ministry");
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

// ---- layout ----------------------------------------------------------------------------------

const el = {
  topbar: h("header", { class: "topbar" }),
  filters: h("aside", { class: "filters", "aria-label": "filters" }),
  summary: h("div", { class: "summary", "data-role": "summary" }),
  mapWrap: h("div", { class: "map-wrap" }),
  map: h("div", { id: "map", class: "map", "data-role": "map" }),
  legend: h("div", { class: "legend", "data-role": "legend" }),
  card: h("div", { class: "card", "data-role": "card", hidden: true }),
  notice: h("div", { class: "map-notice", hidden: true }),
  tableWrap: h("div", { class: "table-wrap", "data-role": "table-wrap" }),
  status: h("footer", { class: "statusbar", "data-role": "statusbar" }),
  start: h("div", { class: "start", "data-role": "start", hidden: true }),
};

append(el.mapWrap, [el.map, el.legend, el.card, el.notice]);
// geo: the user's own GeoJSON/GeoPackage layers, remembered in prefs.
const layersPanel = new LayersPanel({ get: () => prefs.layers ?? [], set: (layers) => { prefs.layers = layers; savePrefs(prefs); }, map: () => glMap });
el.mapWrap.appendChild(layersPanel.el);
append(app, [
  el.topbar,
  h("div", { class: "body" }, el.filters, h("section", { class: "center" }, el.summary, h("div", { class: "split" }, el.mapWrap, el.tableWrap))),
  el.status,
  el.start,
]);

// ---- top bar ---------------------------------------------------------------------------------

function renderTopbar(): void {
  const s = store.state;
  clear(el.topbar);
  const langSel = h("select", { "data-role": "lang", "aria-label": "language" }, LANGS.map((l) => option(l, DICTS[l].lang_name, l === s.lang)));
  langSel.addEventListener("change", () => changeLang(langSel.value as Lang));
  append(el.topbar, [
    h("div", { class: "brand" }, h("span", { class: "logo", "aria-hidden": "true" }, "◆"), h("span", { "data-role": "app-title" }, t("app_title"))),
    s.open ? h("span", { class: "scope-badge", "data-role": "scope", title: s.open.path }, scopeLabel(s.open), s.open.opened === "sample" ? h("em", {}, ` · ${t("sample_badge")}`) : null) : null,
    h("span", { class: "spacer" }),
    s.open ? h("button", { class: "primary", "data-role": "new-project", title: "Ctrl+N", onclick: () => editProject(null) }, "+ " + t("new_project")) : null,
    s.open ? h("button", { "data-role": "print", title: "Ctrl+P", onclick: () => openPrint(store.state) }, t("pr_button")) : null,
    langSel,
    s.open ? exchangeButton() : null,
    s.open ? h("button", { "data-role": "layers-button", onclick: () => layersPanel.toggle() }, t("geo_layers")) : null,
    s.open ? h("button", { "data-role": "settings-button", title: t("st_title"), "aria-label": t("st_button"), onclick: () => void openSettings({ changed: () => void refresh() }) }, "⚙") : null,
    h("button", { "data-role": "maps-menu", onclick: () => showStart() }, t("menu_file")),
  ]);
}

async function changeLang(l: Lang): Promise<void> {
  setLang(l);
  store.set({ lang: l });
  prefs.lang = l;
  savePrefs(prefs);
}

// ---- filters ---------------------------------------------------------------------------------

let searchTimer: ReturnType<typeof setTimeout> | undefined;

function renderFilters(): void {
  const s = store.state;
  const f = s.filter;
  const ref = s.reference;
  clear(el.filters);
  if (!s.open || !ref) return;
  const any = () => option("", t("f_any"));
  const select = (role: string, label: string, opts: HTMLOptionElement[], value: string, apply: (v: string) => Partial<ViewFilter>) => {
    const sel = h("select", { "data-role": role }, any(), opts);
    sel.value = value;
    sel.addEventListener("change", () => setFilter(apply(sel.value)));
    return h("label", {}, label, sel);
  };
  // Every region: a region's database shows the others' projects too (read-only).
  const regionOpts = [...s.regions].sort((a, b) => pick(a.label).localeCompare(pick(b.label), lang())).map((r) => option(r.kato, pick(r.label)));
  const text = (role: string, label: string, value: string | null, apply: (v: string) => Partial<ViewFilter>) => {
    const input = h("input", { type: "search", "data-role": role, value: value ?? "", placeholder: "…" });
    input.addEventListener("input", () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => setFilter(apply(input.value)), 250);
    });
    return h("label", {}, label, input);
  };
  const year = (role: string, label: string, value: number | null, apply: (v: number | null) => Partial<ViewFilter>) => {
    const input = h("input", { type: "number", min: 1990, max: 2100, step: 1, "data-role": role, value: value ?? "" });
    input.addEventListener("change", () => setFilter(apply(input.value ? Number(input.value) : null)));
    return h("label", { class: "year" }, label, input);
  };
  append(el.filters, [
    h("h2", {}, t("filters")),
    text("f-search", t("f_search"), f.search, (v) => ({ search: v })),
    select("f-level", t("f_level"), ref.levels.map((i) => option(i.code, pick(i.label))), f.level ?? "", (v) => ({ level: v || null })),
    select("f-region", t("f_region"), regionOpts, f.regions[0] ?? "", (v) => ({ regions: v ? [v] : [] })),
    text("f-district", t("f_district"), f.district, (v) => ({ district: v })),
    select("f-sector", t("f_sector"), ref.sectors.map((i) => option(i.code, pick(i.label))), f.sectors[0] ?? "", (v) => ({ sectors: v ? [v] : [] })),
    select("f-status", t("f_status"), ref.statuses.map((i) => option(i.code, pick(i.label))), f.statuses[0] ?? "", (v) => ({ statuses: v ? [v] : [] })),
    h(
      "fieldset",
      { class: "years" },
      h("legend", {}, t("f_years")),
      year("f-year-from", t("f_year_from"), f.year_from, (v) => ({ year_from: v })),
      year("f-year-to", t("f_year_to"), f.year_to, (v) => ({ year_to: v })),
    ),
    select(
      "f-measure",
      t("f_measure"),
      ref.support_measures.map((i) => option(i.code, `${i.code}. ${pick(i.label)}`)),
      f.support_measure ? String(f.support_measure) : "",
      (v) => ({ support_measure: v ? Number(v) : null }),
    ),
    select("f-source", t("f_source"), ref.financing_sources.map((i) => option(i.code, pick(i.label))), f.financing_source ?? "", (v) => ({ financing_source: v || null })),
    h("button", { "data-role": "f-reset", onclick: () => { store.set({ filter: emptyFilter() }); renderFilters(); void refresh(); } }, t("f_reset")),
  ]);
}

function setFilter(patch: Partial<ViewFilter>): void {
  const filter = normaliseFilter({ ...store.state.filter, ...patch });
  store.set({ filter });
  if (store.state.open) {
    prefs.filters[store.state.open.path] = filter;
    savePrefs(prefs);
  }
  if (patch.regions !== undefined) fitToRegions(filter.regions);
  void refresh();
}

function fitToRegions(katos: string[]): void {
  if (!glMap || !boundaries) return;
  if (katos.length === 0) return glMap.fitRegions(null);
  let [w, s, e, n] = [180, 90, -180, -90];
  for (const f of boundaries.features.filter((f) => katos.includes(f.properties.kato))) {
    const walk = (c: any): void => {
      if (typeof c[0] === "number") {
        w = Math.min(w, c[0]); e = Math.max(e, c[0]); s = Math.min(s, c[1]); n = Math.max(n, c[1]);
      } else c.forEach(walk);
    };
    walk(f.geometry.coordinates);
  }
  if (w < e) glMap.fitRegions([[w, s], [e, n]]);
}

/** Asks the API for the filtered set; a newer request wins over a slower older one. */
async function refresh(): Promise<void> {
  if (!store.state.open) return;
  const seq = ++viewSeq;
  try {
    const view = await api.view(store.state.filter);
    if (seq === viewSeq) store.set({ view });
  } catch (e) {
    showError(e);
  }
}

// ---- summary bar -----------------------------------------------------------------------------

function renderSummary(view: MapView | null): void {
  clear(el.summary);
  if (!view) return;
  const s = view.summary;
  const stat = (role: string, value: string, label: string) => h("div", { class: "stat", "data-role": role }, h("strong", {}, value), h("span", {}, label));
  const sources = s.financing.slice(0, 4).map((f) => h("span", { class: "chip" }, `${refLabel("financing_sources", f.source)}: ${formatMoney(tenge(f.amount_kzt))}`));
  append(el.summary, [
    stat("s-count", formatNumber(s.count), counted(s.count, "s_projects")),
    stat("s-cost", formatMoney(tenge(s.cost_kzt)), t("s_cost")),
    stat("s-jobs", formatNumber(s.jobs_permanent), t("s_jobs")),
    stat("s-delayed", formatNumber(s.delayed), t("s_delayed")),
    h(
      "button",
      { class: `stat alerts${s.alerts ? " hot" : ""}`, "data-role": "s-alerts", title: t("al_title"), onclick: () => showAlerts() },
      h("strong", {}, formatNumber(s.alerts)),
      h("span", {}, counted(s.alerts, "s_alerts")),
    ),
    // What the set shows over time and against its plan.
    h("button", { class: "summary-view", "data-role": "gantt-button", title: t("g_title"), onclick: () => showGantt(null) }, t("g_button")),
    h("button", { class: "summary-view", "data-role": "dashboard-button", title: t("d_title"), onclick: () => showDashboard() }, t("d_button")),
    h("button", { class: "summary-view", "data-role": "effectiveness-button", title: t("e_title"), onclick: () => showEffectiveness() }, t("e_button")),
    h("div", { class: "financing", title: t("s_financing") }, h("span", { class: "muted" }, t("s_financing") + ":"), sources),
  ]);
}

/** The schedule chart of the filtered set, or of one project. */
function showGantt(project: string | null): void {
  void openGantt({ filter: store.state.filter, project, open: (id, field, note) => void editProject(id, field, note) });
}

function showDashboard(): void {
  void openDashboard({
    filter: store.state.filter,
    regionName,
    sectorName: (code) => refLabel("sectors", code),
    sourceName: (code) => refLabel("financing_sources", code),
    save: () => openPrint(store.state, "dashboard"),
  });
}

function showEffectiveness(): void {
  void openEffectiveness({
    filter: store.state.filter,
    regionName,
    sectorName: (code) => refLabel("sectors", code),
    measureName: (n) => {
      const item = store.state.reference?.support_measures.find((i) => Number(i.code) === n);
      return item ? `${n}. ${pick(item.label)}` : String(n);
    },
    save: (year) => openPrint(store.state, "effectiveness", year),
  });
}

function showAlerts(): void {
  void openAlerts({ filter: store.state.filter, regionName, open: (id, field, note) => void editProject(id, field, note), print: () => openPrint(store.state, "alerts") });
}

// ---- legend ----------------------------------------------------------------------------------

function renderLegend(view: MapView | null): void {
  clear(el.legend);
  const s = store.state;
  if (!view || !s.reference) return;
  const colorSel = h(
    "select",
    { "data-role": "color-by" },
    option("status", t("color_status"), s.colorBy === "status"),
    option("sector", t("color_sector"), s.colorBy === "sector"),
  );
  colorSel.addEventListener("change", () => store.set({ colorBy: colorSel.value as ColorBy }));
  const choroSel = h(
    "select",
    { "data-role": "choropleth" },
    (["none", "count", "cost", "jobs"] as const).map((c) => option(c, t(`choropleth_${c}`), s.choropleth === c)),
  );
  choroSel.addEventListener("change", () => store.set({ choropleth: choroSel.value as Choropleth }));
  const sectorCodes = s.reference.sectors.map((x) => x.code);
  const present = new Set(view.rows.map((r) => (s.colorBy === "sector" ? r.sector ?? "" : r.status)));
  const items =
    s.colorBy === "sector"
      ? s.reference.sectors.filter((i) => present.has(i.code)).map((i) => [sectorColor(i.code, sectorCodes), pick(i.label)])
      : s.reference.statuses.filter((i) => present.has(i.code)).map((i) => [STATUS_COLORS[i.code] ?? "#777", pick(i.label)]);
  const max = Math.max(0, ...view.regions.map((r) => choroplethValue(r, s.choropleth)));
  const fmt = (v: number) => (s.choropleth === "cost" ? formatMoney(v) : formatNumber(v));
  append(el.legend, [
    h("label", {}, t("color_by"), colorSel),
    h("div", { class: "legend-items" }, items.map(([c, label]) => {
      const sw = h("span", { class: "swatch" });
      sw.style.background = c;
      return h("div", { class: "legend-item" }, sw, label);
    })),
    view.rows.some((r) => r.other_map)
      ? h("div", { class: "legend-item other-map-item", "data-role": "legend-other-map" }, h("span", { class: "swatch other-map" }), t("other_map"))
      : null,
    h("label", {}, t("choropleth"), choroSel),
    s.choropleth !== "none"
      ? h("div", { class: "ramp", "data-role": "legend-ramp" }, h("div", { class: "ramp-bar" }, RAMP.map((c) => {
          const cell = h("span", {});
          cell.style.background = c;
          return cell;
        })), h("div", { class: "ramp-labels" }, h("span", {}, "0"), h("span", {}, fmt(max))))
      : null,
  ]);
}

// ---- table -----------------------------------------------------------------------------------

const COLUMNS: { key: SortKey; label: () => string; value: (r: ProjectRow) => string | number | null; show: (r: ProjectRow) => string; cls?: string; width: number }[] = [
  { key: "code", label: () => t("col_code"), value: (r) => r.code, show: (r) => r.code ?? "", width: 72 },
  { key: "name", label: () => t("col_name"), value: (r) => projectName(r), show: (r) => projectName(r), width: 300 },
  { key: "region", label: () => t("col_region"), value: (r) => regionName(r.region), show: (r) => regionName(r.region), width: 150 },
  { key: "sector", label: () => t("col_sector"), value: (r) => refLabel("sectors", r.sector), show: (r) => refLabel("sectors", r.sector), width: 150 },
  { key: "status", label: () => t("col_status"), value: (r) => refLabel("statuses", r.status), show: (r) => refLabel("statuses", r.status), width: 130 },
  { key: "cost", label: () => t("col_cost"), value: (r) => r.cost_kzt, show: (r) => formatMoney(tenge(r.cost_kzt)), cls: "num", width: 110 },
  { key: "jobs", label: () => t("col_jobs"), value: (r) => r.jobs_permanent, show: (r) => (r.jobs_permanent === null ? "" : formatNumber(r.jobs_permanent)), cls: "num", width: 80 },
  { key: "commissioning", label: () => t("col_commissioning"), value: (r) => r.commissioning, show: (r) => formatDate(r.commissioning), width: 100 },
];
/** How far a plan has moved from its baseline: shown once some project's map has an edition. */
const moved = (amount: number | null | undefined, kind: "money" | "date") => (amount === null || amount === undefined ? "" : amount === 0 ? "0" : by(kind, amount));
const VARIANCE_COLUMNS: typeof COLUMNS = [
  { key: "cost_moved", label: () => t("col_cost_moved"), value: (r) => r.baseline?.cost_kzt ?? null, show: (r) => moved(r.baseline?.cost_kzt, "money"), cls: "num", width: 110 },
  { key: "slip", label: () => t("col_slip"), value: (r) => r.baseline?.commissioning_days ?? null, show: (r) => moved(r.baseline?.commissioning_days, "date"), cls: "num", width: 90 },
];
const widths: Record<string, number> = Object.fromEntries([...COLUMNS, ...VARIANCE_COLUMNS].map((c) => [c.key, c.width]));

/** The table's columns: the variance ones only where there is a baseline to measure against. */
function columnsOf(view: MapView): typeof COLUMNS {
  return view.rows.some((r) => r.baseline) ? [...COLUMNS, ...VARIANCE_COLUMNS] : COLUMNS;
}

function sortedRows(view: MapView): ProjectRow[] {
  const col = columnsOf(view).find((c) => c.key === sort.key) ?? COLUMNS[0];
  return sortRows(view.rows, col.value, sort.dir);
}

function renderTable(view: MapView | null): void {
  clear(el.tableWrap);
  if (!view) return;
  const columns = columnsOf(view);
  const cols = h("colgroup", {}, columns.map((c) => {
    const col = h("col", {});
    col.style.width = `${widths[c.key]}px`;
    return col;
  }));
  const head = h("tr", {}, columns.map((c, i) => {
    const arrow = sort.key === c.key ? (sort.dir === 1 ? " ▲" : " ▼") : "";
    const grip = h("span", { class: "grip", "aria-hidden": "true" });
    grip.addEventListener("mousedown", (e) => startResize(e, c.key, cols.children[i] as HTMLElement));
    grip.addEventListener("click", (e) => e.stopPropagation());
    return h(
      "th",
      {
        class: c.cls ?? "",
        "data-sort": c.key,
        "aria-sort": sort.key === c.key ? (sort.dir === 1 ? "ascending" : "descending") : "none",
        tabindex: 0,
        onclick: () => { sort = { key: c.key, dir: sort.key === c.key ? (-sort.dir as 1 | -1) : 1 }; renderTable(store.state.view); },
        onkeydown: (e: Event) => { if ((e as KeyboardEvent).key === "Enter") (e.currentTarget as HTMLElement).click(); },
      },
      c.label() + arrow,
      grip,
    );
  }));
  const body = h("tbody", { "data-role": "rows" });
  const rows = sortedRows(view);
  for (const r of rows) {
    const cls = [r.id === store.state.selected ? "selected" : "", r.other_map ? "other-map" : ""].filter(Boolean).join(" ");
    const tr = h("tr", { "data-id": r.id, class: cls, title: r.other_map ? t("other_map") : undefined }, columns.map((c) => h("td", { class: c.cls ?? "", "data-col": c.key }, c.show(r))));
    body.appendChild(tr);
  }
  body.addEventListener("click", (e) => {
    const tr = (e.target as Element).closest("tr");
    if (tr?.dataset.id) select(tr.dataset.id, true);
  });
  body.addEventListener("dblclick", (e) => {
    const tr = (e.target as Element).closest("tr");
    if (tr?.dataset.id) void editProject(tr.dataset.id);
  });
  const table = h("table", { class: "projects", "data-role": "table", tabindex: 0 }, cols, h("thead", {}, head), body);
  table.addEventListener("keydown", (e) => tableKey(e, rows));
  el.tableWrap.appendChild(rows.length ? table : h("p", { class: "empty" }, t("no_projects")));
  if (!rows.length) el.tableWrap.prepend(table);
}

function tableKey(e: KeyboardEvent, rows: ProjectRow[]): void {
  const i = rows.findIndex((r) => r.id === store.state.selected);
  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    e.preventDefault();
    const next = rows[Math.max(0, Math.min(rows.length - 1, i + (e.key === "ArrowDown" ? 1 : -1)))];
    if (next) select(next.id, true);
  } else if (e.key === "Enter" && store.state.selected) {
    void editProject(store.state.selected);
  }
}

function startResize(e: MouseEvent, key: string, col: HTMLElement): void {
  e.preventDefault();
  e.stopPropagation();
  const x0 = e.clientX;
  const w0 = widths[key];
  const move = (m: MouseEvent) => {
    widths[key] = Math.max(50, w0 + m.clientX - x0);
    col.style.width = `${widths[key]}px`;
  };
  const up = () => {
    document.removeEventListener("mousemove", move);
    document.removeEventListener("mouseup", up);
  };
  document.addEventListener("mousemove", move);
  document.addEventListener("mouseup", up);
}

function markSelectedRow(scroll: boolean): void {
  for (const tr of el.tableWrap.querySelectorAll("tr.selected")) tr.classList.remove("selected");
  const id = store.state.selected;
  if (!id) return;
  const tr = el.tableWrap.querySelector(`tr[data-id="${CSS.escape(id)}"]`);
  tr?.classList.add("selected");
  if (scroll) tr?.scrollIntoView({ block: "nearest" });
}

// ---- selection and card ----------------------------------------------------------------------

function select(id: string | null, fromTable = false): void {
  store.set({ selected: id });
  const row = store.state.view?.rows.find((r) => r.id === id) ?? null;
  glMap?.setSelected(row, fromTable);
  markSelectedRow(!fromTable);
}

function renderCard(): void {
  const s = store.state;
  const row = s.view?.rows.find((r) => r.id === s.selected);
  clear(el.card);
  el.card.hidden = !row;
  if (!row) return;
  const line = (label: string, value: string) => (value ? h("div", { class: "kv" }, h("span", {}, label), h("b", {}, value)) : null);
  const chip = h("span", { class: "status-chip" }, refLabel("statuses", row.status));
  chip.style.background = STATUS_COLORS[row.status] ?? "#777";
  append(el.card, [
    h("div", { class: "card-head" }, h("span", { class: "code" }, row.code ?? ""), chip, h("button", { class: "icon", "aria-label": t("card_close"), title: t("card_close"), onclick: () => select(null) }, "×")),
    h("h3", { "data-role": "card-name" }, projectName(row)),
    line(t("col_region"), [regionName(row.region), row.district].filter(Boolean).join(", ")),
    line(t("col_sector"), refLabel("sectors", row.sector)),
    line(t("card_level"), refLabel("levels", row.level)),
    line(t("card_initiator"), row.initiator ?? ""),
    line(t("col_cost"), formatMoney(tenge(row.cost_kzt))),
    line(fieldName(fieldAt("jobs_permanent")!), row.jobs_permanent === null ? "" : formatNumber(row.jobs_permanent)),
    line(t("col_commissioning"), formatDate(row.commissioning)),
    row.other_map ? h("p", { class: "other-map-note", "data-role": "card-other-map" }, otherMapText(row)) : null,
    h(
      "div",
      { class: "card-buttons" },
      row.other_map ? null : h("button", { class: "primary", "data-role": "card-edit", onclick: () => editProject(row.id) }, t("card_edit")),
      row.other_map ? null : h("button", { class: "danger", "data-role": "card-delete", onclick: () => deleteProject(row) }, t("card_delete")),
      h("button", { "data-role": "card-gantt", onclick: () => showGantt(row.id) }, t("g_button")),
      historyButton(row.id, `${row.code ?? ""} ${projectName(row)}`.trim()),
    ),
  ]);
  void showVariance(row.id);
}

/** Under the card: how far the plan has moved from the edition that approved it last. */
async function showVariance(id: string): Promise<void> {
  let v: ProjectVariance | null;
  try {
    v = await api.variance(id);
  } catch {
    return; // The card stands without it.
  }
  if (!v || store.state.selected !== id) return;
  const e = v.edition;
  const lines = varianceLines(v);
  const head = lines.length ? `${t("card_variance")} ${e.number} (${e.act}, ${formatDate(e.date)})` : `${t("card_as_approved")} ${e.number} (${e.act}, ${formatDate(e.date)})`;
  el.card.append(h("div", { class: "card-variance", "data-role": "card-variance" }, h("b", {}, head), ...lines.map((l) => h("div", { "data-role": "card-drift" }, l))));
}

async function deleteProject(row: ProjectRow): Promise<void> {
  const reason = await ask({ title: t("del_title"), text: `${projectName(row)} — ${t("del_text")}`, ok: t("del_confirm"), cancel: t("cancel"), danger: true, input: t("del_reason") });
  if (reason === null) return;
  try {
    const proposed = await api.deleteProject(row.id, reason || null);
    toast(`${t(proposed ? "delete_proposed" : "deleted")}: ${row.code ?? projectName(row)}`);
    store.set({ selected: null });
    await refresh();
  } catch (e) {
    showError(e);
  }
}

/** Why a project of another region's map is not edited here. */
function otherMapText(row: ProjectRow): string {
  return t("other_map_card").replace("{region}", regionName(row.region));
}

async function editProject(id: string | null, focus?: string, focusNote?: string): Promise<void> {
  const s = store.state;
  if (!s.open || !s.reference) return;
  const row = id ? s.view?.rows.find((r) => r.id === id) : undefined;
  if (row?.other_map) {
    toast(otherMapText(row), "warning", 8000);
    return;
  }
  await openEditor({
    id,
    open: s.open,
    reference: s.reference,
    regions: s.regions,
    pickOnMap: glMap ? (cb) => glMap!.setPickMode(cb) : null,
    focus,
    focusNote,
    onSaved: async (savedId) => {
      await refresh();
      if (store.state.view?.rows.some((r) => r.id === savedId)) select(savedId, true);
    },
  });
}

// ---- status bar and title --------------------------------------------------------------------

function renderStatus(): void {
  clear(el.status);
  const open = store.state.open;
  if (!open) return;
  append(el.status, [
    h("span", { "data-role": "status-scope" }, scopeLabel(open)),
    h("span", { class: "sep" }, "·"),
    h("span", { class: "muted" }, t("status_file") + ":"),
    h("span", { "data-role": "status-file", title: open.path }, open.path),
  ]);
  void api.setTitle(`indmap — ${scopeLabel(open)} — ${baseName(open.path)}`).catch(() => undefined);
}

// ---- start screen ----------------------------------------------------------------------------

function showStart(error?: string): void {
  const s = store.state;
  clear(el.start);
  el.start.hidden = false;
  const scopeSel = h("select", { "data-role": "start-scope" }, option("ministry", t("start_ministry")), [...s.regions].sort((a, b) => pick(a.label).localeCompare(pick(b.label), lang())).map((r) => option(`region:${r.kato}`, pick(r.label))));
  const defaultPath = startDefaults.defaultPath ?? "";
  const createPath = h("input", { type: "text", "data-role": "start-create-path", value: defaultPath, spellcheck: "false" });
  const openPath = h("input", { type: "text", "data-role": "start-open-path", value: prefs.recent[0] ?? defaultPath, spellcheck: "false" });
  const langSel = h("select", { "aria-label": "language" }, LANGS.map((l) => option(l, DICTS[l].lang_name, l === s.lang)));
  langSel.addEventListener("change", async () => { await changeLang(langSel.value as Lang); showStart(error); });
  const act = (f: () => Promise<OpenInfo>) => async () => {
    try {
      await opened(await f());
    } catch (e) {
      showError(e);
    }
  };
  append(el.start, [
    h(
      "div",
      { class: "start-box" },
      h("div", { class: "start-lang" }, langSel),
      h("h1", {}, t("start_title")),
      h("p", {}, t("start_intro")),
      error ? h("p", { class: "error", "data-role": "start-error" }, error) : null,
      h(
        "div",
        { class: "start-cards" },
        h(
          "section",
          {},
          h("h2", {}, t("start_create")),
          h("label", {}, t("start_create_for"), scopeSel),
          h("label", {}, t("start_path"), createPath),
          h("button", { class: "primary", "data-role": "start-create", onclick: act(() => api.createDatabase(createPath.value, scopeSel.value)) }, t("start_create_btn")),
        ),
        h(
          "section",
          {},
          h("h2", {}, t("start_open")),
          h("label", {}, t("start_path"), openPath),
          h("button", { class: "primary", "data-role": "start-open", onclick: act(() => api.openDatabase(openPath.value)) }, t("start_open_btn")),
          h("h3", {}, t("start_recent")),
          prefs.recent.length
            ? h("ul", { class: "recent", "data-role": "recent" }, prefs.recent.map((p) => h("li", {}, h("button", { class: "link", title: p, onclick: act(() => api.openDatabase(p)) }, p))))
            : h("p", { class: "muted" }, t("start_no_recent")),
        ),
        h(
          "section",
          {},
          h("h2", {}, t("start_sample")),
          h("p", {}, t("start_sample_text")),
          h("button", { class: "primary", "data-role": "start-sample", onclick: act(() => api.openSample()) }, t("start_sample_btn")),
        ),
      ),
      s.open ? h("button", { class: "start-close", onclick: () => (el.start.hidden = true) }, t("cancel")) : null,
    ),
  ]);
}

const startDefaults: { defaultPath: string | null; noWebgl: boolean } = { defaultPath: null, noWebgl: false };

async function opened(open: OpenInfo): Promise<void> {
  el.start.hidden = true;
  if (open.opened === "user") {
    prefs.recent = addRecent(prefs.recent, open.path);
    savePrefs(prefs);
  }
  const reference = await api.reference();
  const filter = normaliseFilter(prefs.filters[open.path] ?? emptyFilter());
  store.set({ open, reference, filter, view: null, selected: null });
  ensureMap();
  renderFilters();
  await refresh();
  if (filter.regions.length) fitToRegions(filter.regions);
}

function ensureMap(): void {
  if (glMap || staticMap || !boundaries) return;
  const onSelect = (id: string | null) => select(id);
  if (!startDefaults.noWebgl && hasWebGL2()) {
    try {
      glMap = new GlMap(el.map, boundaries, {
        onSelect,
        pointColor,
        projectName: (r) => projectName(r),
        regionName: (r) => pick(r.label),
      });
      glMap.setRegionLabels(store.state.regions);
      new ResizeObserver(() => glMap?.resize()).observe(el.map);
      void layersPanel.restore();
      return;
    } catch (e) {
      console.error("the WebGL map failed", e);
    }
  }
  el.notice.hidden = false;
  el.notice.textContent = t("webgl_missing");
  el.notice.dataset.role = "webgl-missing";
  staticMap = new StaticMap(el.map, boundaries, onSelect, pointColor);
}

// ---- wiring ----------------------------------------------------------------------------------

store.subscribe((s, changed) => {
  if (changed.has("lang")) {
    renderTopbar();
    renderFilters();
    renderSummary(s.view);
    renderTable(s.view);
    renderLegend(s.view);
    renderCard();
    renderStatus();
    glMap?.setRegionLabels(s.regions);
    if (s.view) glMap?.setView(s.view, s.choropleth);
    if (!el.start.hidden) showStart();
    if (staticMap) el.notice.textContent = t("webgl_missing");
    if (!layersPanel.el.hidden) layersPanel.render();
    return;
  }
  if (changed.has("open") || changed.has("reference")) {
    renderTopbar();
    renderStatus();
  }
  if (changed.has("colorBy") || changed.has("choropleth")) {
    prefs.colorBy = s.colorBy;
    prefs.choropleth = s.choropleth;
    savePrefs(prefs);
  }
  if (changed.has("view") || changed.has("colorBy") || changed.has("choropleth")) {
    if (s.view) {
      glMap?.setView(s.view, s.choropleth);
      staticMap?.setView(s.view, s.choropleth, s.selected);
    }
    renderLegend(s.view);
  }
  if (changed.has("view")) {
    renderSummary(s.view);
    renderTable(s.view);
  }
  if (changed.has("selected") || changed.has("view")) {
    renderCard();
    if (changed.has("selected") && s.view) staticMap?.setView(s.view, s.choropleth, s.selected);
    if (changed.has("selected") && !s.selected) glMap?.setSelected(null, false);
  }
});

document.addEventListener("keydown", (e) => {
  if (document.querySelector(".overlay")) return;
  const inField = (e.target as Element).closest("input, select, textarea");
  if ((e.ctrlKey && e.key === "f") || (!inField && e.key === "/")) {
    e.preventDefault();
    (el.filters.querySelector('[data-role="f-search"]') as HTMLInputElement | null)?.focus();
  } else if (e.ctrlKey && e.key === "p" && store.state.open) {
    e.preventDefault();
    openPrint(store.state);
  } else if (e.ctrlKey && e.key === "n" && store.state.open) {
    e.preventDefault();
    void editProject(null);
  } else if (e.key === "Escape" && !inField) {
    select(null);
  }
});

async function boot(): Promise<void> {
  try {
    const [info, regions, geo, saved] = await Promise.all([api.appInfo(), api.regions(), api.boundaries(), api.loadPrefs().catch(() => null)]);
    if (saved) {
      prefs = parsePrefs(saved);
      setLang(prefs.lang);
      store.set({ lang: prefs.lang, colorBy: prefs.colorBy, choropleth: prefs.choropleth });
    }
    boundaries = JSON.parse(geo);
    startDefaults.defaultPath = info.default_path;
    startDefaults.noWebgl = info.no_webgl;
    store.set({ regions });
    renderTopbar();
    if (info.open) {
      await opened(info.open);
    } else {
      showStart(info.start_error ? `${info.start_error.message}` : undefined);
    }
  } catch (e) {
    showError(e);
  }
}

// sync: the exchange screens reload the view after an import and draw over the region outlines.
initSync({ reload: refresh, open: () => store.state.open, regions: () => store.state.regions, reference: () => store.state.reference, boundaries: () => boundaries });

void boot();
