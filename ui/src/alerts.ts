// The alert list: what is late or does not add up in the filtered projects, as the core computes
// it. Counts by kind (each a toggle of the list), by region and by who is to act; a click on an
// alert opens its project at the field.

import { api, type AlertList, type AlertRow } from "./api";
import { ALERT_KINDS } from "./generated/allAlertKinds";
import type { AlertKind } from "./generated/AlertKind";
import type { ViewFilter } from "./generated/ViewFilter";
import { clear, h } from "./dom";
import { formatDate, formatMoney, formatNumber, lang, pick, t, tenge } from "./i18n";
import { openPanel } from "./sync/panel";
import { showError } from "./ui";

export interface AlertContext {
  filter: ViewFilter;
  regionName(kato: string): string;
  /** Opens a project in the editor at a field (a problem path: `actions[2].due`), saying why. */
  open(projectId: string, field: string, note: string): void;
  /** Opens the print dialog on the alert list. */
  print(): void;
}

/** The kind's name in the window's language. */
export function kindText(kind: AlertKind): string {
  const k = ALERT_KINDS.find((x) => x.kind === kind);
  return k ? pick(k, lang()) : kind;
}

/** What the alert is about: the row or period, with the figures that disagree. */
export function aboutText(a: AlertRow): string {
  const subject = a.subject ?? "";
  if (!a.figures) return subject;
  const [expected, found] =
    a.figures.unit === "money"
      ? [formatMoney(tenge(a.figures.expected)), formatMoney(tenge(a.figures.found))]
      : [`${formatNumber(a.figures.expected, 1)} %`, `${formatNumber(a.figures.found, 1)} %`];
  return `${subject ? subject + ": " : ""}${expected} → ${found}`;
}

export async function openAlerts(ctx: AlertContext): Promise<void> {
  let list: AlertList;
  try {
    list = await api.alerts(ctx.filter);
  } catch (e) {
    showError(e);
    return;
  }
  const panel = openPanel("alerts", t("al_title"));
  let only: AlertKind | null = null;
  const rows = h("tbody", {});
  const chips = h("div", { class: "al-kinds", "data-role": "al-kinds" });
  const draw = () => {
    clear(chips);
    const chip = (kind: AlertKind | null, count: number, label: string) =>
      h(
        "button",
        { class: `chip${only === kind ? " on" : ""}`, "data-role": "al-kind", "data-kind": kind ?? "all", "aria-pressed": String(only === kind), onclick: () => { only = kind; draw(); } },
        `${label} `,
        h("strong", {}, formatNumber(count)),
      );
    chips.appendChild(chip(null, list.alerts.length, t("al_all")));
    for (const k of list.by_kind) if (k.count > 0) chips.appendChild(chip(k.key as AlertKind, k.count, kindText(k.key as AlertKind)));
    clear(rows);
    for (const a of list.alerts.filter((x) => only === null || x.kind === only)) rows.appendChild(alertRow(a, ctx, panel.close));
  };
  const head = ["al_project", "al_region", "al_alert", "al_about", "al_days", "al_responsible"] as const;
  panel.body.append(
    h("p", { class: "al-as-of", "data-role": "al-as-of" }, t("al_as_of").replace("{date}", formatDate(list.today)).replace("{period}", list.due_period), " ", t("al_hint")),
  );
  if (list.alerts.length === 0) {
    panel.body.append(h("p", { "data-role": "al-empty" }, t("al_empty")));
  } else {
    panel.body.append(
      chips,
      h(
        "div",
        { class: "al-tallies" },
        tally("al-by-region", t("al_by_region"), list.by_region.map((r) => [ctx.regionName(r.key), r.count])),
        tally("al-by-responsible", t("al_by_responsible"), list.by_responsible.map((r) => [r.key || t("al_none_named"), r.count])),
      ),
      h("table", { class: "sx-history al-table", "data-role": "al-table" }, h("thead", {}, h("tr", {}, head.map((k) => h("th", {}, t(k))))), rows),
    );
    draw();
  }
  panel.buttons.append(
    h("button", { "data-role": "al-print", onclick: () => { panel.close(); ctx.print(); } }, t("pr_button")),
    h("button", { "data-role": "al-close", onclick: () => panel.close() }, t("al_close")),
  );
}

/** The alert in one line: its kind, what it is about, how many days. */
export function alertLine(a: AlertRow): string {
  const about = aboutText(a);
  const days = a.days === null ? "" : ` (${t("al_days").toLowerCase()}: ${formatNumber(a.days)})`;
  return `${kindText(a.kind)}${about ? ": " + about : ""}${days}`;
}

function tally(role: string, title: string, items: [string, number][]): HTMLElement {
  return h(
    "section",
    { class: "al-tally", "data-role": role },
    h("h3", {}, title),
    h("ul", {}, items.slice(0, 12).map(([name, n]) => h("li", {}, h("span", {}, name), h("strong", {}, formatNumber(n))))),
  );
}

function alertRow(a: AlertRow, ctx: AlertContext, close: () => void): HTMLElement {
  const name = lang() === "kk" ? a.name_kk : a.name_ru;
  const open = () => {
    close();
    ctx.open(a.project_id, a.field, alertLine(a));
  };
  return h(
    "tr",
    { class: "al-row", "data-role": "al-row", "data-kind": a.kind, "data-field": a.field, "data-project": a.project_id, tabindex: "0", onclick: open, onkeydown: ((e: KeyboardEvent) => { if (e.key === "Enter") open(); }) as EventListener },
    h("td", {}, h("strong", {}, a.code ?? ""), " ", name),
    h("td", { class: "al-region" }, ctx.regionName(a.region)),
    h("td", { class: "al-kind" }, kindText(a.kind)),
    h("td", {}, aboutText(a)),
    h("td", { class: "num" }, a.days === null ? "" : formatNumber(a.days)),
    h("td", {}, a.responsible ?? ""),
  );
}
