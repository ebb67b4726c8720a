// The schedule chart in the window: a row per project and per milestone and action under it,
// years across, planned against actual, the approved baseline behind in grey, today's line in
// red and what is overdue in red. Ctrl + wheel, + and − zoom over the years; a click on an item
// opens its project at the field.

import { api, type Bar, type Gantt, type Lane } from "./api";
import type { ViewFilter } from "./generated/ViewFilter";
import { append, clear, h } from "./dom";
import { formatDate, formatNumber, lang, t } from "./i18n";
import { openPanel } from "./sync/panel";
import { showError } from "./ui";

export interface GanttContext {
  filter: ViewFilter;
  /** One project's chart (its id) instead of the filtered set's. */
  project: string | null;
  open(projectId: string, field: string, note: string): void;
}

const SVG = "http://www.w3.org/2000/svg";
const ROW = 22;
const AXIS = 24;
const RED = "#c62828";
const INK = "#1f3a5f";
const GREY = "#8a949e";

function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, ...children: (SVGElement | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

const day = (iso: string) => Date.parse(iso + "T00:00:00Z") / 86_400_000;

/** The rows drawn: each lane's own row, then its milestones and actions. */
export function rowsOf(lanes: Lane[]): { lane: Lane; bar: Bar; own: boolean }[] {
  return lanes.flatMap((lane) => lane.bars.map((bar, i) => ({ lane, bar, own: i === 0 })));
}

/** The first of January on or before `from`, and the one after `to`: whole years across. */
export function yearsSpan(from: string, to: string): [number, number] {
  const a = Number(from.slice(0, 4));
  const b = Number(to.slice(0, 4)) + 1;
  return [a, b];
}

export async function openGantt(ctx: GanttContext): Promise<void> {
  let chart: Gantt;
  try {
    chart = await api.gantt(ctx.filter, ctx.project);
  } catch (e) {
    showError(e);
    return;
  }
  const panel = openPanel("gantt", t("g_title"));
  const rows = rowsOf(chart.lanes);
  const [y0, y1] = yearsSpan(chart.from, chart.to);
  const start = day(`${y0}-01-01`);
  const end = day(`${y1}-01-01`);
  const labels = h("div", { class: "g-labels" });
  const scroll = h("div", { class: "g-scroll", "data-role": "gantt-scroll" });
  const note = chart.lanes.length < chart.total
    ? h("p", { class: "g-cut", "data-role": "gantt-cut" }, t("g_cut").replace("{shown}", formatNumber(chart.lanes.length)).replace("{total}", formatNumber(chart.total)))
    : null;
  let perDay = 0;
  const draw = () => {
    clear(scroll);
    const width = Math.max(200, Math.round((end - start) * perDay));
    const height = AXIS + rows.length * ROW + 4;
    const x = (iso: string) => (day(iso) - start) * perDay;
    const svg = s("svg", { width, height, "data-role": "gantt-chart", "data-per-day": perDay.toFixed(4) });
    for (let year = y0; year < y1; year++) {
      const xa = x(`${year}-01-01`);
      const xb = x(`${year + 1}-01-01`);
      svg.append(s("line", { x1: xa, y1: 0, x2: xa, y2: height, stroke: "#b8c0c8" }));
      for (const m of ["04", "07", "10"]) {
        const xq = x(`${year}-${m}-01`);
        if (perDay > 0.15) svg.append(s("line", { x1: xq, y1: AXIS, x2: xq, y2: height, stroke: "#eceff2" }));
      }
      if (xb - xa > 34 || year % 2 === 0) svg.append(s("text", { x: (xa + xb) / 2, y: 16, "text-anchor": "middle", class: "g-year" }, String(year)));
    }
    svg.append(s("line", { x1: 0, y1: AXIS, x2: width, y2: AXIS, stroke: "#666" }));
    rows.forEach((r, i) => {
      const mid = AXIS + i * ROW + ROW / 2;
      if (r.own) svg.append(s("line", { x1: 0, y1: AXIS + i * ROW, x2: width, y2: AXIS + i * ROW, stroke: "#d6dbe1" }));
      svg.append(item(r.lane, r.bar, r.own, mid, x, ctx, panel.close));
    });
    const today = x(chart.today);
    svg.append(s("line", { x1: today, y1: AXIS - 6, x2: today, y2: height, stroke: RED, "stroke-width": 1.5, "stroke-dasharray": "5 3", "data-role": "gantt-today" }));
    scroll.append(svg);
  };
  const zoom = (factor: number, anchorPx?: number) => {
    const at = anchorPx ?? scroll.clientWidth / 2;
    const dayAt = (scroll.scrollLeft + at) / perDay;
    perDay = Math.min(40, Math.max(0.02, perDay * factor));
    draw();
    scroll.scrollLeft = dayAt * perDay - at;
  };
  const fit = () => {
    perDay = Math.max(0.02, (scroll.clientWidth - 8) / Math.max(1, end - start));
    draw();
  };
  scroll.addEventListener("wheel", (e: WheelEvent) => {
    if (!e.ctrlKey) return;
    e.preventDefault();
    zoom(e.deltaY < 0 ? 1.25 : 0.8, e.clientX - scroll.getBoundingClientRect().left);
  }, { passive: false });
  panel.overlay.addEventListener("keydown", (e: KeyboardEvent) => {
    if ((e.target as HTMLElement).tagName === "INPUT") return;
    if (e.key === "+" || e.key === "=") zoom(1.5);
    else if (e.key === "-" || e.key === "−") zoom(1 / 1.5);
    else if (e.key === "0") fit();
    else return;
    e.preventDefault();
  });
  for (const r of rows) {
    const name = lang() === "kk" ? r.lane.name_kk : r.lane.name_ru;
    labels.append(
      r.own
        ? h("div", { class: "g-label own", title: name }, h("strong", {}, r.lane.code ?? ""), " ", name)
        : h("div", { class: `g-label${r.bar.cancelled ? " cancelled" : ""}`, title: r.bar.label }, r.bar.label),
    );
  }
  append(panel.body, [
    h(
      "div",
      { class: "g-tools" },
      h("button", { "data-role": "gantt-zoom-out", title: "−", "aria-label": t("g_zoom_out"), onclick: () => zoom(1 / 1.5) }, "−"),
      h("button", { "data-role": "gantt-zoom-in", title: "+", "aria-label": t("g_zoom_in"), onclick: () => zoom(1.5) }, "+"),
      h("button", { "data-role": "gantt-fit", onclick: () => fit() }, t("g_fit")),
      legend(),
      h("span", { class: "g-hint" }, t("g_hint")),
    ),
    note,
    rows.length === 0 ? h("p", { "data-role": "gantt-empty" }, t("g_none")) : h("div", { class: "g-body" }, h("div", { class: "g-labels-wrap" }, h("div", { class: "g-axis-gap" }), labels), scroll),
  ]);
  panel.buttons.append(h("button", { "data-role": "gantt-close", onclick: () => panel.close() }, t("al_close")));
  if (rows.length) requestAnimationFrame(() => fit());
  (panel.overlay.querySelector("[data-role=gantt-zoom-in]") as HTMLElement | null)?.focus();
}

function legend(): HTMLElement {
  const mark = (cls: string) => h("span", { class: `g-mark ${cls}` });
  return h(
    "span",
    { class: "g-legend", "data-role": "gantt-legend" },
    mark("planned"), t("g_planned"), " ", mark("baseline"), t("g_baseline"), " ", mark("actual"), t("g_actual"), " ", mark("overdue"), t("g_overdue"), " ", mark("today"), t("g_today"),
  );
}

/** A bar or mark, with what it is in its tooltip; a click opens it in the editor. */
function item(lane: Lane, bar: Bar, own: boolean, mid: number, x: (iso: string) => number, ctx: GanttContext, close: () => void): SVGElement {
  const g = s("g", { class: "g-item", "data-role": "gantt-item", "data-project": lane.id, "data-field": bar.field, "data-overdue": String(bar.overdue), tabindex: 0 });
  const color = bar.overdue ? RED : bar.cancelled ? GREY : INK;
  const diamond = (cx: number, r: number, fill: string, stroke: string) =>
    s("path", { d: `M${cx - r} ${mid}L${cx} ${mid - r}L${cx + r} ${mid}L${cx} ${mid + r}Z`, fill, stroke, "stroke-width": 1.2 });
  const square = (cx: number, r: number, fill: string, stroke: string) => s("rect", { x: cx - r, y: mid - r, width: 2 * r, height: 2 * r, fill, stroke, "stroke-width": 1.2 });
  const mark = bar.kind === "action" ? square : diamond;
  if (own && bar.start && bar.baseline) {
    g.append(s("rect", { x: x(bar.start), y: mid + 5, width: Math.max(1, x(bar.baseline) - x(bar.start)), height: 3, fill: GREY, "data-role": "gantt-baseline" }));
  } else if (bar.baseline && bar.baseline !== bar.planned) {
    g.append(s("line", { x1: x(bar.baseline), y1: mid - 8, x2: x(bar.baseline), y2: mid + 8, stroke: GREY, "stroke-width": 3, "data-role": "gantt-baseline" }));
  }
  if (own && bar.start && bar.planned) {
    g.append(s("rect", { x: x(bar.start), y: mid - 6, width: Math.max(2, x(bar.planned) - x(bar.start)), height: 11, fill: "#dbe4f0", stroke: color, "stroke-width": 1.2, rx: 2 }));
  } else if (bar.planned) {
    if (bar.actual) g.append(s("line", { x1: x(bar.planned), y1: mid, x2: x(bar.actual), y2: mid, stroke: GREY }));
    g.append(mark(x(bar.planned), 5, bar.overdue ? RED : "white", color));
  }
  if (bar.actual) g.append(mark(x(bar.actual), 5, INK, INK));
  const name = own ? `${lane.code ?? ""} ${lang() === "kk" ? lane.name_kk : lane.name_ru}` : bar.label;
  const dates = [
    bar.planned ? `${t("g_planned")}: ${formatDate(bar.planned)}` : "",
    bar.actual ? `${t("g_actual")}: ${formatDate(bar.actual)}` : "",
    bar.baseline ? `${t("g_baseline")}: ${formatDate(bar.baseline)}` : "",
    bar.overdue ? t("g_overdue") : "",
  ].filter(Boolean);
  const tip = [name.trim(), ...dates].join("\n");
  g.append(s("title", {}, tip));
  const open = () => {
    close();
    ctx.open(lane.id, bar.field, tip.replace(/\n/g, " · "));
  };
  g.addEventListener("click", open);
  g.addEventListener("keydown", (e: KeyboardEvent) => { if (e.key === "Enter") open(); });
  return g;
}
