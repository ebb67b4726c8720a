// Approved editions of the map: approve the map as it stands (the act, its date, who approved),
// the editions held here, one edition's projects as approved, and what changed between two.

import { api, toApiError, type EditionDiff, type EditionSummary, type EditionView } from "../api";
import { planValue } from "../variance";
import { clear, h } from "../dom";
import { formatDate, formatMoney, formatNumber, lang, parseDate, pick, t, tenge } from "../i18n";
import { problemText } from "../rules";
import { showError, toast } from "../ui";
import { syncHooks } from "./hooks";
import { openPanel } from "./panel";


/** `ministry` → the republican map; `region:35` → the regional map of the region, by its name. */
function mapName(map: string): string {
  if (map === "ministry") return t("sx_ed_republican");
  const kato = map.slice("region:".length);
  const region = syncHooks().regions().find((r) => r.kato === kato);
  return `${t("sx_ed_regional")}: ${region ? pick(region.label) : kato}`;
}

/** "№ 12 от 01.03.2026"; in Kazakh the date comes first: "01.03.2026 ж. № 12". */
function actText(act: string, date: string): string {
  return lang() === "kk" ? `${formatDate(date)} ${t("sx_ed_of")} ${act}` : `${act} ${t("sx_ed_of")} ${formatDate(date)}`;
}

function editionName(e: EditionSummary): string {
  return `${mapName(e.map)} · ${t("sx_ed_no")} ${e.number} · ${actText(e.act, e.date)}`;
}

function list(editions: EditionSummary[], show: (id: string) => void): HTMLElement {
  if (editions.length === 0) return h("p", { class: "muted", "data-role": "sx-ed-none" }, t("sx_ed_none"));
  return h(
    "table",
    { class: "sx-history", "data-role": "sx-ed-table" },
    h("thead", {}, h("tr", {}, ...["sx_ed_map", "sx_ed_act", "sx_ed_body", "sx_ed_projects", "sx_ed_cost", ""].map((k) => h("th", {}, k ? t(k as "sx_ed_map") : "")))),
    h(
      "tbody",
      {},
      editions.map((e) =>
        h(
          "tr",
          { "data-role": "sx-ed-row", "data-id": e.id },
          h("td", {}, `${mapName(e.map)}, ${t("sx_ed_no")} ${e.number}`),
          h("td", {}, actText(e.act, e.date)),
          h("td", {}, e.body),
          h("td", {}, formatNumber(e.totals.projects)),
          h("td", {}, formatMoney(tenge(e.totals.cost))),
          h("td", {}, h("button", { "data-role": "sx-ed-show", onclick: () => show(e.id) }, t("sx_rep_show"))),
        ),
      ),
    ),
  );
}

function shown(v: EditionView): HTMLElement {
  return h(
    "div",
    { "data-role": "sx-ed-view" },
    h("h3", {}, editionName(v.edition)),
    h(
      "table",
      { class: "sx-history" },
      h("thead", {}, h("tr", {}, ...["sx_ed_code", "sx_ed_name", "sx_ed_cost", "sx_ed_commissioning"].map((k) => h("th", {}, t(k as "sx_ed_code"))))),
      h(
        "tbody",
        {},
        v.projects.map((p) =>
          h("tr", { "data-role": "sx-ed-project" }, h("td", {}, p.code ?? ""), h("td", {}, pick(p.name)), h("td", {}, formatMoney(tenge(p.cost))), h("td", {}, formatDate(p.commissioning_planned))),
        ),
      ),
    ),
  );
}

function compared(d: EditionDiff): HTMLElement {
  const rows: HTMLElement[] = [];
  for (const [sign, projects] of [["+", d.added], ["−", d.excluded]] as const) {
    for (const p of projects) {
      rows.push(h("tr", { "data-role": sign === "+" ? "sx-ed-added" : "sx-ed-excluded" }, h("td", {}, sign), h("td", {}, p.code ?? ""), h("td", {}, pick(p.name)), h("td", {}), h("td", {}), h("td", {})));
    }
  }
  for (const c of d.changed) {
    for (const change of c.changes) {
      rows.push(
        h(
          "tr",
          { "data-role": "sx-ed-changed" },
          h("td", {}, "~"),
          h("td", {}, c.project.code ?? ""),
          h("td", {}, pick(c.project.name)),
          h("td", {}, pick(change.label)),
          h("td", {}, planValue(change.kind, change.old)),
          h("td", {}, planValue(change.kind, change.new)),
        ),
      );
    }
  }
  const totals = (e: EditionSummary) =>
    `${formatNumber(e.totals.projects)} ${t("sx_ed_projects").toLowerCase()}, ${formatMoney(tenge(e.totals.cost))}, ${formatNumber(e.totals.jobs_permanent)} ${t("sx_ed_jobs")}`;
  return h(
    "div",
    { "data-role": "sx-ed-diff" },
    h("h3", {}, `${editionName(d.from)} → ${editionName(d.to)}`),
    h("p", { "data-role": "sx-ed-diff-counts" }, `${t("sx_ed_added")}: ${d.added.length} · ${t("sx_ed_excluded")}: ${d.excluded.length} · ${t("sx_ed_changed")}: ${d.changed.length}`),
    rows.length
      ? h(
          "table",
          { class: "sx-history" },
          h("thead", {}, h("tr", {}, h("th", {}), ...["sx_ed_code", "sx_ed_name", "sx_ed_field", "sx_ed_before", "sx_ed_after"].map((k) => h("th", {}, t(k as "sx_ed_code"))))),
          h("tbody", {}, rows),
        )
      : h("p", { class: "muted" }, t("sx_ed_same")),
    h("p", { "data-role": "sx-ed-totals" }, `${t("sx_ed_before")}: ${totals(d.from)}`, h("br", {}), `${t("sx_ed_after")}: ${totals(d.to)}`),
  );
}

export async function openEditions(): Promise<void> {
  const panel = openPanel("sx-editions-panel", t("sx_editions_title"));
  const listBox = h("div", {});
  const detail = h("div", {});
  const from = h("select", { "data-role": "sx-ed-from", "aria-label": t("sx_ed_from") });
  const to = h("select", { "data-role": "sx-ed-to", "aria-label": t("sx_ed_to") });
  const box = (role: string, label: string, placeholder = "") => {
    const input = h("input", { type: "text", "data-role": role, placeholder });
    const problem = h("span", { class: "field-problem", "data-role": `${role}-problem` });
    return { input, problem, row: h("label", { class: "sx-ed-field" }, label, input, problem) };
  };
  const act = box("sx-ed-act", t("sx_ed_act"), "№ 123");
  const date = box("sx-ed-date", t("sx_ed_date"), "15.12.2026");
  const body = box("sx-ed-body", t("sx_ed_body"));
  const signatory = box("sx-ed-signatory", t("sx_ed_signatory"));
  const boxes: Record<string, typeof act> = { act, date, body, signatory };

  const show = async (id: string) => {
    try {
      const v = await api.editionShow(id);
      clear(detail);
      detail.append(shown(v));
    } catch (e) {
      showError(e);
    }
  };
  const refresh = async () => {
    const editions = await api.editions();
    clear(listBox);
    listBox.append(list(editions, (id) => void show(id)));
    for (const select of [from, to]) {
      clear(select);
      select.append(...editions.map((e) => h("option", { value: e.id }, editionName(e))));
    }
    if (editions.length > 1) from.selectedIndex = editions.length - 2;
    to.selectedIndex = editions.length - 1;
  };
  const approve = async () => {
    Object.values(boxes).forEach((b) => (b.problem.textContent = ""));
    const iso = parseDate(date.input.value);
    try {
      const e = await api.editionApprove({
        act: act.input.value,
        // A date the window cannot read goes as typed, for the API to name the rule.
        date: typeof iso === "string" ? iso : date.input.value,
        body: body.input.value,
        signatory: signatory.input.value.trim() || null,
      });
      toast(`${t("sx_ed_approved")}: ${editionName(e)}`);
      await refresh();
      await show(e.id);
    } catch (err) {
      const problems = toApiError(err).problems;
      for (const p of problems) boxes[p.field]?.problem.append(problemText(p));
      if (!problems.some((p) => boxes[p.field])) showError(err);
    }
  };
  panel.body.append(
    h("h3", {}, t("sx_ed_approve_title")),
    h("div", { class: "sx-ed-form" }, act.row, date.row, body.row, signatory.row, h("button", { class: "primary", "data-role": "sx-ed-approve", onclick: () => void approve() }, t("sx_ed_approve"))),
    h("h3", {}, t("sx_ed_list")),
    listBox,
    h(
      "div",
      { class: "sx-rep-bar" },
      h("label", {}, t("sx_ed_from"), from),
      h("label", {}, t("sx_ed_to"), to),
      h(
        "button",
        {
          "data-role": "sx-ed-compare",
          onclick: async () => {
            try {
              const d = await api.editionDiff(from.value, to.value);
              clear(detail);
              detail.append(compared(d));
            } catch (e) {
              showError(e);
            }
          },
        },
        t("sx_ed_compare"),
      ),
    ),
    detail,
  );
  panel.buttons.append(h("button", { onclick: () => panel.close() }, t("sx_close")));
  try {
    await refresh();
  } catch (e) {
    showError(e);
  }
}
