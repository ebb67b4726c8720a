// The Export dialog: where to write the exchange file, which region (the ministry), and whether
// to hold only what one scope has not seen yet (a file of changes).

import { api, type ExportReceipt } from "../api";
import { h, option } from "../dom";
import { fileField, FILTERS } from "../files";
import { counted, formatNumber, pick, t, lang } from "../i18n";
import { showError, toast } from "../ui";
import { syncHooks } from "./hooks";
import { baseName, besides, defaultExportName, formatTime } from "./present";
import { openPanel } from "./panel";

export function openExport(): void {
  const hooks = syncHooks();
  const open = hooks.open();
  if (!open) return;
  const regions = [...hooks.regions()].sort((a, b) => pick(a.label).localeCompare(pick(b.label), lang()));
  const file = fileField({
    role: "sx-export-path",
    label: t("sx_export_file"),
    mode: "save",
    filters: [FILTERS.exchange],
    value: besides(open.path, defaultExportName(open.scope, open.region, new Date())),
  });
  // Only the ministry keeps several regions; a region exports its own map.
  const region = open.region
    ? null
    : h("select", { "data-role": "sx-export-region" }, option("", t("sx_export_all_regions")), regions.map((r) => option(r.kato, pick(r.label))));
  // Whom a file of changes can be for: the ministry, and the databases of a region (a region's
  // own colleagues on other laptops, or for the ministry any region).
  const scopes = [
    option("", t("sx_export_for_none")),
    option("ministry", t("sx_export_for_ministry")),
    ...regions.filter((r) => !open.region || r.kato === open.region).map((r) => option(`region:${r.kato}`, pick(r.label))),
  ];
  const forScope = h("select", { "data-role": "sx-export-for" }, scopes);
  const run = h("button", { class: "primary", "data-role": "sx-export-run" }, t("sx_export_btn"));
  const panel = openPanel("sx-export", t("sx_export_title"), undefined, false);
  panel.body.append(
    file.el,
    region ? h("label", {}, t("sx_export_region"), region) : "",
    h("label", {}, t("sx_export_for"), forScope),
  );
  const sent = h("section", { class: "sx-sent", "data-role": "sx-export-sent" });
  panel.body.append(sent);
  void api.exports().then(
    (list) => sent.append(...sentList(list, (scope) => scopeName(scope, regions))),
    () => sent.remove(),
  );
  panel.buttons.append(h("button", { onclick: () => panel.close() }, t("cancel")), run);
  const go = async () => {
    run.disabled = true;
    try {
      const done = await api.exportFile(file.input.value, region?.value || null, forScope.value || null);
      panel.close();
      toast(`${t("sx_exported")}: ${formatNumber(done.projects)} ${counted(done.projects, "sx_projects_n")} → ${done.path}`);
    } catch (e) {
      showError(e);
    } finally {
      run.disabled = false;
    }
  };
  run.addEventListener("click", () => void go());
  panel.overlay.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.target as Element).tagName === "INPUT") void go();
  });
  file.input.focus();
}

/** The scope a file of changes was for, as its receipt names it (`ministry`, `region:35`). */
function scopeName(scope: string, regions: { kato: string; label: { kk: string; ru: string; en: string } }[]): string {
  if (scope === "ministry") return t("sx_export_for_ministry");
  const region = regions.find((r) => `region:${r.kato}` === scope);
  return region ? pick(region.label) : scope;
}

/** The latest receipts: when, which file, for whom, how many projects, which periods' reports. */
function sentList(list: ExportReceipt[], scope: (s: string) => string): HTMLElement[] {
  const title = h("h3", {}, t("sx_sent_title"));
  if (list.length === 0) return [title, h("p", { class: "muted" }, t("sx_sent_none"))];
  const rows = list.slice(0, 8).map((e) =>
    h(
      "tr",
      {},
      h("td", { class: "time" }, formatTime(e.exported_at, lang())),
      h("td", { title: e.file_name }, baseName(e.file_name)),
      h("td", {}, e.for_scope ? `${t("sx_sent_changes")} ${scope(e.for_scope)}` : t("sx_sent_whole")),
      h("td", { class: "num" }, `${formatNumber(e.projects)} ${counted(e.projects, "sx_projects_n")}`),
      h("td", {}, e.periods.length ? `${t("sx_sent_periods")}: ${e.periods.join(", ")}` : ""),
    ),
  );
  return [title, h("table", { class: "sx-history" }, h("tbody", {}, rows))];
}
