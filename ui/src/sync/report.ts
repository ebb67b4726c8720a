// One file's import report as the wizard shows it: who sent it, totals before and after, counts,
// and expandable sections (added, changed field by field, deleted, conflicts, refused).

import type { ImportReport } from "../api";
import { h } from "../dom";
import { counted, formatDate, formatMoney, formatNumber, lang, pick, tenge, t, type Key } from "../i18n";
import { fieldLabel, scopeText, theirsText, valueText } from "./words";
import { formatTime, reportCounts } from "./present";
import { stageText } from "./reporting";

type Totals = ImportReport["before"];

function delta(before: number, after: number, show: (n: number) => string): HTMLElement {
  const cls = after > before ? "up" : after < before ? "down" : "";
  return h("td", { class: `num ${cls}` }, show(after));
}

/** Investment, jobs and projects before → after. */
export function totalsTable(before: Totals, after: Totals): HTMLElement {
  const row = (role: string, label: Key, b: number, a: number, show: (n: number) => string) =>
    h("tr", { "data-role": role }, h("th", {}, t(label)), h("td", { class: "num" }, show(b)), h("td", { class: "sx-arrow" }, "→"), delta(b, a, show));
  return h(
    "table",
    { class: "sx-totals", "data-role": "sx-totals" },
    h("caption", { class: "muted" }, t("sx_totals")),
    row("sx-t-projects", "sx_t_projects", before.projects, after.projects, (n) => formatNumber(n)),
    row("sx-t-cost", "sx_t_cost", tenge(before.cost_kzt), tenge(after.cost_kzt), (n) => formatMoney(n)),
    row("sx-t-jobs", "sx_t_jobs", before.jobs_permanent, after.jobs_permanent, (n) => formatNumber(n)),
  );
}

function change(field: string, old: unknown, now: unknown): HTMLElement {
  return h(
    "li",
    { "data-field": field },
    h("span", { class: "sx-field-name" }, fieldLabel(field)),
    ": ",
    h("span", { class: "sx-old" }, valueText(field, old)),
    h("span", { class: "sx-arrow" }, "→"),
    h("span", { class: "sx-new" }, valueText(field, now)),
  );
}

function section(role: string, title: Key, count: number, items: HTMLElement[]): HTMLElement | null {
  if (count === 0) return null;
  return h(
    "details",
    { class: "sx-section", "data-role": role },
    h("summary", {}, `${t(title)} (${count})`),
    h("ul", { class: "sx-items" }, items),
  );
}

function projectHead(code: string | null, name: string): HTMLElement[] {
  return [h("span", { class: "sx-code" }, code ?? ""), h("span", {}, name)];
}

/** Who signed the file: the fingerprint to confirm by phone the first time, or a warning. A
 * new database that says it is the ministry waits for the person to confirm it (`trust`). */
function signatureLine(r: ImportReport, trust?: () => void): HTMLElement {
  const { fingerprint, first_sight, confirm } = r.signature;
  const key = fingerprint === null ? "sx_unsigned" : confirm ? "sx_signed_confirm" : first_sight ? "sx_signed_first" : "sx_signed";
  return h(
    "div",
    { class: fingerprint === null || first_sight ? "sx-note hot" : "meta", "data-role": "sx-signature", "data-state": key },
    fingerprint === null ? t(key) : `${t(key)}: `,
    fingerprint === null ? null : h("code", { "data-role": "sx-fingerprint" }, fingerprint),
    confirm && trust ? h("div", { class: "sx-actions" }, h("button", { class: "primary", "data-role": "sx-trust", onclick: trust }, t("sx_trust_btn"))) : null,
  );
}

/** The whole preview (or result) of one file. */
export function reportView(r: ImportReport, trust?: () => void): HTMLElement {
  const n = reportCounts(r);
  const m = r.manifest;
  const counts = (["added", "changed", "deleted", "conflicts", "refused"] as const).map((k) =>
    h(
      "span",
      { "data-role": `sx-count-${k}`, "data-count": n[k], class: (k === "conflicts" || k === "refused") && n[k] > 0 ? "hot" : "" },
      `${t(({ added: "sx_added", changed: "sx_changed", deleted: "sx_deleted", conflicts: "sx_conflicts_sec", refused: "sx_refused" } as const)[k])}: ${n[k]}`,
    ),
  );
  return h(
    "div",
    { class: "sx-file", "data-role": "sx-report", "data-file": r.file },
    h("h3", {}, r.file),
    h(
      "div",
      { class: "meta" },
      `${t("sx_from")}: ${scopeText(m.scope)} · ${t("sx_exported_at")} ${formatTime(m.exported_at, lang())} · ${t("sx_by")} ${m.user} · ${formatNumber(m.projects)} ${counted(m.projects, "sx_projects_n")}`,
      m.changes_for.length ? ` · ${t("sx_changes_file")}` : "",
    ),
    signatureLine(r, trust),
    r.already_imported
      ? h("div", { class: "sx-note", "data-role": "sx-already" }, `${t("sx_already")} ${formatTime(r.already_imported, lang())}: ${t("sx_already_tail")}`)
      : null,
    totalsTable(r.before, r.after),
    h("div", { class: "sx-counts" }, counts, r.proposals ? h("span", { "data-role": "sx-count-proposals" }, `${t("sx_proposals_sec")}: ${r.proposals}`) : null),
    !n.any && !r.already_imported ? h("p", { class: "muted" }, t("sx_nothing")) : null,
    section("sx-sec-added", "sx_added", n.added, r.added.map((p) => h("li", {}, projectHead(p.code, p.name)))),
    section(
      "sx-sec-changed",
      "sx_changed",
      n.changed,
      r.changed.map((p) => h("li", {}, projectHead(p.code, p.name), h("ul", { class: "fields" }, p.fields.map((f) => change(f.field, f.old, f.new))))),
    ),
    section("sx-sec-deleted", "sx_deleted", n.deleted, r.deleted.map((p) => h("li", {}, projectHead(p.code, p.name)))),
    section(
      "sx-sec-conflicts",
      "sx_conflicts_sec",
      n.conflicts,
      r.conflicts.map((c) =>
        h(
          "li",
          {},
          projectHead(c.code, c.name),
          h("ul", { class: "fields" }, h("li", {}, h("span", { class: "sx-field-name" }, fieldLabel(c.field)), ": ", `${t("sx_legend_mine")} ${valueText(c.field, c.mine)} · ${t("sx_legend_theirs")} ${c.theirs.map(([v]) => theirsText(c.field, v)).join(" | ")}`)),
        ),
      ),
    ),
    section("sx-sec-refused", "sx_refused", n.refused, r.refused.map((x) => h("li", { "data-role": "sx-refused-item" }, h("span", { class: "sx-code" }, x.code ?? x.id.slice(0, 8)), x.reason))),
    r.other_maps ? h("p", { class: "muted", "data-role": "other-maps" }, `${t("sx_other_maps")}: ${r.other_maps}`) : null,
    r.editions.length
      ? h("p", { "data-role": "sx-report-editions" }, `${t("sx_editions")}: ${r.editions.map((e) => `${e.act} (${formatDate(e.date)}, ${e.body})`).join("; ")}`)
      : null,
    r.periods.length
      ? h("p", { "data-role": "sx-report-periods" }, `${t("sx_reporting")}: ${r.periods.map((p) => `${pick(p.label)} ${p.period} — ${stageText(p.stage)}`).join("; ")}`)
      : null,
  );
}
