// Who has reported a period: per region, how many of the projects that report have, and which
// have not. The period is the last one that ended unless another is asked for.

import { api, type Reporting } from "../api";
import { clear, h } from "../dom";
import { formatNumber, lang, t } from "../i18n";
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
    h("thead", {}, h("tr", {}, h("th", {}, t("sx_rep_region")), h("th", {}, t("sx_rep_reported")), h("th", {}, t("sx_rep_missing")))),
    h(
      "tbody",
      {},
      r.regions.map((g) =>
        h(
          "tr",
          { "data-role": "sx-rep-row", "data-kato": g.kato, class: g.reported < g.due ? "hot" : "" },
          h("td", {}, l === "kk" ? g.label.kk : l === "en" ? g.label.en : g.label.ru),
          h("td", { "data-role": "sx-rep-count" }, `${formatNumber(g.reported)} / ${formatNumber(g.due)}`),
          h("td", { "data-role": "sx-rep-codes" }, g.missing.join(", ")),
        ),
      ),
    ),
    h("tfoot", {}, h("tr", {}, h("th", {}, t("sx_rep_total")), h("th", { "data-role": "sx-rep-total" }, `${formatNumber(reported)} / ${formatNumber(due)}`), h("th", {}))),
  );
}

export async function openReporting(): Promise<void> {
  const panel = openPanel("sx-reporting-panel", t("sx_reporting_title"), undefined, false);
  const period = h("input", { type: "text", "data-role": "sx-rep-period", "aria-label": t("sx_period"), placeholder: "2026-Q3", size: 10 });
  const result = h("div", {});
  const show = async () => {
    try {
      const r = await api.reporting(period.value.trim() || null);
      period.value = r.period;
      clear(result);
      result.append(table(r));
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
  );
  panel.buttons.append(h("button", { class: "primary", onclick: () => panel.close() }, t("sx_close")));
  await show();
}
