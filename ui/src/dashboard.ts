// The dashboard: plan against actual of the filtered projects, in totals and by region, sector
// and year of commissioning, with a bar of how much of the plan is done; financing by source,
// year and status. It follows the filters; the workbook is saved from the print dialog.

import { api, type Dashboard, type PlanActual } from "./api";
import type { Group } from "./generated/Group";
import type { ViewFilter } from "./generated/ViewFilter";
import { h } from "./dom";
import { counted, formatMoney, formatNumber, t, tenge } from "./i18n";
import { openPanel } from "./sync/panel";
import { showError } from "./ui";

export interface DashboardContext {
  filter: ViewFilter;
  regionName(kato: string): string;
  sectorName(code: string): string;
  sourceName(code: string): string;
  /** Opens the print dialog on the dashboard's workbook. */
  save(): void;
}

/** `part` of `whole` in per cent, none when there is no whole. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? (part / whole) * 100 : null;
}

function bar(pct: number | null): HTMLElement {
  const fill = h("span", { class: "d-fill" });
  // Set through the DOM: the page's content policy refuses inline style attributes.
  fill.style.width = `${(pct === null ? 0 : Math.min(100, Math.max(0, pct))).toFixed(1)}%`;
  return h("div", { class: "d-bar", title: pct === null ? "" : `${formatNumber(pct, 1)} %` }, fill, h("em", {}, pct === null ? "—" : `${formatNumber(pct, 0)} %`));
}

function cells(f: PlanActual): HTMLElement[] {
  return [
    h("td", { class: "num" }, formatNumber(f.projects)),
    h("td", { class: "num" }, formatMoney(tenge(f.investment_plan))),
    h("td", { class: "num" }, formatMoney(tenge(f.investment_actual))),
    h("td", {}, bar(share(f.investment_actual, f.investment_plan))),
    h("td", { class: "num" }, `${formatNumber(f.jobs_actual)} / ${formatNumber(f.jobs_plan)}`),
    h("td", { class: "num" }, formatMoney(tenge(f.output_actual))),
    h("td", { class: "num" }, `${formatNumber(f.commissioned)} / ${formatNumber(f.commissioning_due)}`),
    h("td", {}, bar(share(f.commissioned_on_time, f.commissioned))),
  ];
}

function groupTable(role: string, title: string, groups: Group[], name: (key: string) => string): HTMLElement {
  const heads = ["d_projects", "d_invest_plan", "d_invest_actual", "d_invest_share", "d_jobs", "d_output", "d_commissioned", "d_on_time"] as const;
  return h(
    "section",
    { class: "d-section", "data-role": role },
    h("h3", {}, title),
    h(
      "table",
      { class: "sx-history d-table" },
      h("thead", {}, h("tr", {}, h("th", {}, ""), heads.map((k) => h("th", {}, t(k))))),
      h("tbody", {}, groups.map((g) => h("tr", { "data-key": g.key }, h("td", {}, name(g.key)), cells(g.figures)))),
    ),
  );
}

/** A bar's width in per cent of the widest value. */
export function widthOf(value: number, widest: number): number {
  return widest > 0 ? Math.min(100, Math.max(0, (value / widest) * 100)) : 0;
}

/** Plan against actual of each group as two bars (blue the plan, orange the actual). */
function pairChart(role: string, title: string, groups: Group[], name: (key: string) => string, of: (f: PlanActual) => [number, number], show: (v: number) => string): HTMLElement {
  const widest = Math.max(0, ...groups.flatMap((g) => of(g.figures)));
  const bar = (cls: string, v: number) => {
    const fill = h("span", { class: `d-pair-fill ${cls}`, title: show(v) });
    // Set through the DOM: the page's content policy refuses inline style attributes.
    fill.style.width = `${widthOf(v, widest).toFixed(1)}%`;
    return fill;
  };
  return h(
    "section",
    { class: "d-section", "data-role": role },
    h("h3", {}, title),
    h("div", { class: "d-legend" }, h("span", { class: "d-pair-fill plan" }), t("d_plan"), h("span", { class: "d-pair-fill actual" }), t("d_actual")),
    h(
      "div",
      { class: "e-chart d-pairs" },
      groups.map((g) => {
        const [plan, actual] = of(g.figures);
        return h(
          "div",
          { class: "e-row", "data-key": g.key },
          h("span", { class: "e-name" }, name(g.key)),
          h("div", { class: "d-pair" }, bar("plan", plan), bar("actual", actual)),
          h("em", {}, `${show(actual)} / ${show(plan)}`),
        );
      }),
    ),
  );
}

export async function openDashboard(ctx: DashboardContext): Promise<void> {
  let d: Dashboard;
  try {
    d = await api.dashboard(ctx.filter);
  } catch (e) {
    showError(e);
    return;
  }
  const panel = openPanel("dashboard", t("d_title"));
  const f = d.total;
  const tile = (role: string, value: string, label: string, extra?: HTMLElement) =>
    h("div", { class: "d-tile", "data-role": role }, h("strong", {}, value), h("span", {}, label), extra ?? null);
  panel.body.append(
    h(
      "div",
      { class: "d-tiles" },
      tile("d-projects", formatNumber(f.projects), counted(f.projects, "s_projects")),
      tile("d-investment", `${formatMoney(tenge(f.investment_actual))} / ${formatMoney(tenge(f.investment_plan))}`, t("d_invest_share"), bar(share(f.investment_actual, f.investment_plan))),
      tile("d-jobs", `${formatNumber(f.jobs_actual)} / ${formatNumber(f.jobs_plan)}`, t("d_jobs"), bar(share(f.jobs_actual, f.jobs_plan))),
      tile("d-output", formatMoney(tenge(f.output_actual)), t("d_output")),
      tile("d-on-time", `${formatNumber(f.commissioned_on_time)} / ${formatNumber(f.commissioned)}`, t("d_on_time"), bar(share(f.commissioned_on_time, f.commissioned))),
    ),
    pairChart("d-chart-investment", t("d_chart_investment"), d.by_region, ctx.regionName, (f) => [tenge(f.investment_plan), tenge(f.investment_actual)], (v) => formatMoney(v)),
    pairChart("d-chart-jobs", t("d_chart_jobs"), d.by_region, ctx.regionName, (f) => [f.jobs_plan, f.jobs_actual], (v) => formatNumber(v)),
    groupTable("d-by-region", t("d_by_region"), d.by_region, ctx.regionName),
    groupTable("d-by-sector", t("d_by_sector"), d.by_sector, (k) => (k ? ctx.sectorName(k) : t("d_no_sector"))),
    groupTable("d-by-year", t("d_by_year"), d.by_year, (k) => k || t("d_no_date")),
    h(
      "section",
      { class: "d-section", "data-role": "d-financing" },
      h("h3", {}, t("d_financing")),
      h(
        "table",
        { class: "sx-history d-table" },
        h("thead", {}, h("tr", {}, ["d_source", "d_year", "d_planned", "d_committed", "d_disbursed"].map((k) => h("th", {}, t(k as "d_source"))))),
        h(
          "tbody",
          {},
          d.financing.map((c) =>
            h(
              "tr",
              {},
              h("td", {}, ctx.sourceName(c.source)),
              h("td", {}, String(c.year)),
              h("td", { class: "num" }, formatMoney(tenge(c.planned))),
              h("td", { class: "num" }, formatMoney(tenge(c.committed))),
              h("td", { class: "num" }, formatMoney(tenge(c.disbursed))),
            ),
          ),
        ),
      ),
    ),
  );
  panel.buttons.append(
    h("button", { "data-role": "d-save", onclick: () => { panel.close(); ctx.save(); } }, t("d_save")),
    h("button", { "data-role": "d-close", onclick: () => panel.close() }, t("al_close")),
  );
}
