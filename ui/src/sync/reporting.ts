// Who has reported a period: per region, how many of the projects that report have, which have
// not, and who is late; below, the last periods side by side (region × period). The period is
// the last one that ended unless another is asked for.

import { api, type Reporting, type ReportingTable, type Standing } from "../api";
import { clear, h } from "../dom";
import { formatDate, formatNumber, lang, pick, t, type Key } from "../i18n";
import { showError } from "../ui";
import { openReportGrid } from "./grid";
import { openPanel } from "./panel";

function table(r: Reporting): HTMLElement {
  if (r.regions.length === 0) return h("p", { class: "muted", "data-role": "sx-rep-none" }, t("sx_rep_none"));
  const l = lang();
  const due = r.regions.reduce((n, g) => n + g.due, 0);
  const reported = r.regions.reduce((n, g) => n + g.reported, 0);
  return h(
    "table",
    { class: "sx-history", "data-role": "sx-rep-table" },
    h("thead", {}, h("tr", {}, h("th", {}, t("sx_rep_region")), h("th", {}, t("sx_rep_reported")), h("th", {}, t("sx_rep_state")), h("th", {}, t("sx_rep_missing")))),
    h(
      "tbody",
      {},
      r.regions.map((g) =>
        h(
          "tr",
          { "data-role": "sx-rep-row", "data-kato": g.kato, class: g.reported < g.due ? "hot" : "" },
          h("td", {}, pick(g.label, l)),
          h("td", { "data-role": "sx-rep-count" }, `${formatNumber(g.reported)} / ${formatNumber(g.due)}`),
          h("td", { "data-role": "sx-rep-state" }, t(STANDING[g.standing]), g.late ? lateBadge() : ""),
          h("td", { "data-role": "sx-rep-codes" }, g.missing.join(", ")),
        ),
      ),
    ),
    h("tfoot", {}, h("tr", {}, h("th", {}, t("sx_rep_total")), h("th", { "data-role": "sx-rep-total" }, `${formatNumber(reported)} / ${formatNumber(due)}`), h("th", {}), h("th", {}))),
  );
}

const STANDING: Record<Standing, Key> = { not_started: "sx_rep_not_started", in_progress: "sx_rep_in_progress", reported: "sx_rep_done" };

function lateBadge(): HTMLElement {
  return h("span", { class: "sx-late", "data-role": "sx-rep-late" }, t("sx_rep_late"));
}

/** Region × period: "reported / due" in each cell, the late ones red, with a legend below. */
function periodsTable(r: ReportingTable): HTMLElement[] {
  if (r.regions.length === 0) return [];
  const l = lang();
  const legend = h("p", { class: "muted sx-rep-legend" }, h("span", { class: "sx-late-cell" }, "0 / 1"), ` — ${t("sx_rep_late")}`);
  return [h("h3", {}, t("sx_rep_periods")), h(
    "table",
    { class: "sx-history sx-rep-periods", "data-role": "sx-rep-periods" },
    h("thead", {}, h("tr", {}, h("th", {}, t("sx_rep_region")), r.periods.map((p) => h("th", { title: `${t("sx_rep_due")} ${formatDate(p.deadline)}` }, p.period)))),
    h(
      "tbody",
      {},
      r.regions.map((g) =>
        h(
          "tr",
          { "data-kato": g.kato },
          h("td", {}, pick(g.label, l)),
          g.cells.map((c, i) =>
            h(
              "td",
              { class: c.late ? "num late sx-late-cell" : "num", "data-period": r.periods[i]?.period ?? "", title: t(STANDING[c.standing]) + (c.late ? `, ${t("sx_rep_late")}` : "") },
              c.due === 0 ? "–" : `${formatNumber(c.reported)} / ${formatNumber(c.due)}`,
            ),
          ),
        ),
      ),
    ),
  ), legend];
}

export async function openReporting(): Promise<void> {
  const panel = openPanel("sx-reporting-panel", t("sx_reporting_title"));
  const period = h("input", { type: "text", "data-role": "sx-rep-period", "aria-label": t("sx_period"), placeholder: "2026-Q3", size: 10 });
  const result = h("div", {});
  const periods = h("section", {});
  const show = async () => {
    try {
      const [r, last] = await Promise.all([api.reporting(period.value.trim() || null), api.reportingTable(4)]);
      period.value = r.period;
      clear(result);
      clear(periods);
      result.append(h("p", { class: "muted", "data-role": "sx-rep-deadline" }, `${t("sx_rep_due")}: ${formatDate(r.deadline)}`), table(r));
      periods.append(...periodsTable(last));
    } catch (e) {
      showError(e);
    }
  };
  period.addEventListener("keydown", (e) => {
    if (e.key === "Enter") void show();
  });
  panel.body.append(
    h("div", { class: "sx-rep-bar" }, h("label", {}, t("sx_period"), period), h("button", { "data-role": "sx-rep-show", onclick: () => void show() }, t("sx_rep_show")),
      h("button", { "data-role": "sx-rep-grid", onclick: () => void openReportGrid(period.value.trim() || null, () => void show()) }, t("sx_rep_grid")),
    ),
    result,
    periods,
  );
  panel.buttons.append(h("button", { class: "primary", onclick: () => panel.close() }, t("sx_close")));
  await show();
}
