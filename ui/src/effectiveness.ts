// The effectiveness of state support (Art. 19 p.4) of the filtered projects: the support given
// against what the projects it reached achieved, per support and in totals, by measure, region,
// sector and year of support, with the index the methodology's weights give (settings). A bar
// per measure charts the index; the signed report and its workbook are saved from the print
// dialog. Everything here is computed in Rust (indmap_core::effectiveness).

import { api } from "./api";
import type { Effect } from "./generated/Effect";
import type { EffectGroup } from "./generated/EffectGroup";
import type { Effectiveness } from "./generated/Effectiveness";
import { INDICATORS } from "./generated/allIndicators";
import type { ViewFilter } from "./generated/ViewFilter";
import { clear, h, option } from "./dom";
import { counted, formatMoney, formatNumber, lang, t, tenge } from "./i18n";
import { openPanel } from "./sync/panel";
import { showError } from "./ui";

export interface EffectivenessContext {
  filter: ViewFilter;
  regionName(kato: string): string;
  sectorName(code: string): string;
  measureName(number: number): string;
  /** Opens the print dialog on the report, of `year`'s support only if given. */
  save(year: number | null): void;
}

/** An indicator's column name and the unit of its figure per support, in the window's language. */
export function indicatorTexts(): { name: string; per: string }[] {
  const l = lang();
  return INDICATORS.map((i) => ({ name: i.name[l], per: i.per[l] }));
}

/** A figure per support or an index as the table shows it: two decimals, a dash when there is none. */
export function ratio(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : formatNumber(value, 2);
}

/** The width of an index's bar, in per cent of the widest: an index of 0 draws nothing. */
export function barWidth(index: number | null, widest: number): number {
  return index === null || widest <= 0 ? 0 : Math.min(100, (index / widest) * 100);
}

function cells(e: Effect): HTMLElement[] {
  const num = (text: string) => h("td", { class: "num" }, text);
  return [
    num(formatNumber(e.projects)),
    num(e.unpriced ? `${formatNumber(e.measures)} (${formatNumber(e.unpriced)})` : formatNumber(e.measures)),
    num(formatMoney(tenge(e.support))),
    num(formatMoney(tenge(e.investment))),
    num(formatNumber(e.jobs)),
    num(formatMoney(tenge(e.output))),
    num(formatMoney(tenge(e.taxes))),
    num(formatNumber(e.exports_usd / 100)),
    ...e.per_support.map((v) => num(ratio(v))),
    h("td", { class: "num e-index" }, ratio(e.index)),
  ];
}

function heads(): HTMLElement[] {
  const names = indicatorTexts();
  return [
    t("e_projects"),
    t("e_measures"),
    t("e_support"),
    // The exports are in dollars, the rest of the money in tenge (each cell says so).
    ...names.map((n, i) => (INDICATORS[i].indicator === "exports" ? `${n.name}, USD` : n.name)),
    ...names.map((n) => `${n.name} ${n.per}`),
    t("e_index"),
  ].map((text) => h("th", {}, text));
}

function groupTable(role: string, title: string, groups: EffectGroup[], name: (key: string) => string): HTMLElement {
  return h(
    "section",
    { class: "d-section", "data-role": role },
    h("h3", {}, title),
    groups.length === 0
      ? h("p", { class: "muted" }, t("e_none"))
      : h(
          "table",
          { class: "sx-history d-table e-table" },
          h("thead", {}, h("tr", {}, h("th", {}, ""), heads())),
          h("tbody", {}, groups.map((g) => h("tr", { "data-key": g.key }, h("td", {}, name(g.key)), cells(g.effect)))),
        ),
  );
}

/** The index of each measure as a bar; 1 (the average) is marked. */
function indexChart(groups: EffectGroup[], name: (key: string) => string): HTMLElement {
  const widest = Math.max(1, ...groups.map((g) => g.effect.index ?? 0));
  const average = h("span", { class: "e-average", title: t("e_average") });
  average.style.left = `${barWidth(1, widest).toFixed(1)}%`;
  return h(
    "section",
    { class: "d-section", "data-role": "e-chart" },
    h("h3", {}, t("e_chart")),
    h(
      "div",
      { class: "e-chart" },
      groups.map((g) => {
        const fill = h("span", { class: "d-fill" });
        // Set through the DOM: the page's content policy refuses inline style attributes.
        fill.style.width = `${barWidth(g.effect.index, widest).toFixed(1)}%`;
        const track = h("div", { class: "e-track" }, fill, average.cloneNode() as HTMLElement);
        return h("div", { class: "e-row", "data-key": g.key }, h("span", { class: "e-name" }, name(g.key)), track, h("em", {}, ratio(g.effect.index)));
      }),
    ),
  );
}

export async function openEffectiveness(ctx: EffectivenessContext): Promise<void> {
  let year: number | null = null;
  let e: Effectiveness;
  try {
    e = await api.effectiveness(ctx.filter, year);
  } catch (err) {
    showError(err);
    return;
  }
  const years = e.by_year.map((g) => g.key).filter((k) => k !== "");
  const panel = openPanel("effectiveness", t("e_title"));
  const content = h("div", { "data-role": "e-content" });
  const yearSel = h("select", { "data-role": "e-year" }, option("", t("e_all_years")), years.map((y) => option(y, y)));
  yearSel.addEventListener("change", () => {
    year = yearSel.value ? Number(yearSel.value) : null;
    api.effectiveness(ctx.filter, year).then(render, showError);
  });
  const measure = (k: string) => ctx.measureName(Number(k));
  function render(data: Effectiveness): void {
    const f = data.total;
    const weights = data.methodology.weights.map((w, i) => `${indicatorTexts()[i].name} ${formatNumber(w.weight, 2)}`).join("; ");
    const tile = (role: string, value: string, label: string) => h("div", { class: "d-tile", "data-role": role }, h("strong", {}, value), h("span", {}, label));
    clear(content);
    content.append(
      h("p", { class: "muted", "data-role": "e-methodology" }, `${t("e_methodology")}: ${data.methodology.name ?? t("e_equal_weights")}. ${t("e_weights")}: ${weights}.`),
      h(
        "div",
        { class: "d-tiles" },
        tile("e-projects", formatNumber(f.projects), counted(f.projects, "e_projects_n")),
        tile("e-support", formatMoney(tenge(f.support)), t("e_support")),
        tile("e-investment", formatMoney(tenge(f.investment)), indicatorTexts()[0].name),
        tile("e-per-tenge", ratio(f.per_support[0]), `${indicatorTexts()[0].name} ${indicatorTexts()[0].per}`),
        tile("e-jobs", formatNumber(f.jobs), indicatorTexts()[1].name),
      ),
      indexChart(data.by_measure.filter((g) => g.effect.index !== null), measure),
      groupTable("e-by-measure", t("e_by_measure"), data.by_measure, measure),
      groupTable("e-by-region", t("d_by_region"), data.by_region, ctx.regionName),
      groupTable("e-by-sector", t("d_by_sector"), data.by_sector, (k) => (k ? ctx.sectorName(k) : t("d_no_sector"))),
      groupTable("e-by-year", t("e_by_year"), data.by_year, (k) => k || t("d_no_date")),
      h("p", { class: "muted" }, t("e_note")),
    );
  }
  render(e);
  panel.body.append(h("label", { class: "e-year-field" }, t("e_year"), yearSel), content);
  panel.buttons.append(
    h("button", { "data-role": "e-save", onclick: () => { panel.close(); ctx.save(year); } }, t("e_save")),
    h("button", { "data-role": "e-close", onclick: () => panel.close() }, t("al_close")),
  );
}
