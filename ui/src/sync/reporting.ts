// Who has reported a period: per region, how many of the projects that report have, which have
// not, and who is late; below, the last periods side by side (region × period). The period is
// the last one that ended unless another is asked for.

import { api, type PeriodStage, type Reporting, type ReportingTable, type Stage, type Standing, type Step } from "../api";
import { clear, h } from "../dom";
import { formatDate, formatNumber, lang, pick, t, type Key } from "../i18n";
import { ask, showError, toast } from "../ui";
import { syncHooks } from "./hooks";
import { formatTime } from "./present";
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
          h("td", { "data-role": "sx-rep-state" }, t(g.stage === "open" ? STANDING[g.standing] : STAGE[g.stage]), g.late ? lateBadge() : ""),
          h("td", { "data-role": "sx-rep-codes" }, g.missing.join(", ")),
        ),
      ),
    ),
    h("tfoot", {}, h("tr", {}, h("th", {}, t("sx_rep_total")), h("th", { "data-role": "sx-rep-total" }, `${formatNumber(reported)} / ${formatNumber(due)}`), h("th", {}), h("th", {}))),
  );
}

const STANDING: Record<Standing, Key> = { not_started: "sx_rep_not_started", in_progress: "sx_rep_in_progress", reported: "sx_rep_done" };
/** A period's stage in the window's language. */
export function stageText(stage: Stage): string {
  return t(STAGE[stage]);
}

const STAGE: Record<Stage, Key> = { open: "sx_stage_open", submitted: "sx_stage_submitted", approved: "sx_stage_approved", accepted: "sx_stage_accepted" };
const ACT: Record<Step, Key> = { submit: "sx_act_submit", approve: "sx_act_approve", unapprove: "sx_act_unapprove", accept: "sx_act_accept" };

const STEP_LABEL: Record<Step, Key> = { submit: "sx_step_submit", approve: "sx_step_approve", unapprove: "sx_step_unapprove", accept: "sx_step_accept" };
const STEP_Q: Record<Step, Key> = { submit: "sx_submit_q", approve: "sx_approve_q", unapprove: "sx_unapprove_q", accept: "sx_period_accept_q" };

/** A region's own period: where it stands, its acts, and the steps it may take next. */
function cycleBox(c: PeriodStage, step: (s: Step) => void): HTMLElement {
  const l = lang();
  return h(
    "section",
    { class: "sx-cycle", "data-role": "sx-cycle", "data-stage": c.stage },
    h("p", {}, `${t("sx_cycle")}: `, h("strong", { "data-role": "sx-cycle-stage" }, t(STAGE[c.stage])), " ", c.next.map((s) =>
      h("button", { "data-role": `sx-cycle-${s}`, class: s === "unapprove" ? "" : "primary", onclick: () => step(s) }, t(STEP_LABEL[s])),
    )),
    c.acts.length
      ? h("ul", { class: "sx-cycle-acts", "data-role": "sx-cycle-acts" }, c.acts.map((a) =>
          h("li", {}, `${formatTime(a.at, l)} — ${t(ACT[a.step])} — ${a.user}`, a.reason ? `: «${a.reason}»` : ""),
        ))
      : "",
  );
}

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
              { class: c.late ? "num late sx-late-cell" : "num", "data-period": r.periods[i]?.period ?? "", title: t(c.stage === "open" ? STANDING[c.standing] : STAGE[c.stage]) + (c.late ? `, ${t("sx_rep_late")}` : ""), "data-stage": c.stage },
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
  // A region's database takes the steps of its own period; the ministry sees them in the tables.
  const own = syncHooks().open()?.region ?? null;
  const step = async (s: Step) => {
    const p = period.value.trim();
    const answer = await ask({ title: t(STEP_LABEL[s]), text: `${p}: ${t(STEP_Q[s])}`, ok: t(STEP_LABEL[s]).replace("…", ""), cancel: t("cancel"), danger: s === "unapprove", input: s === "unapprove" ? t("sx_reason") : undefined });
    if (answer === null) return;
    try {
      const c = await api.periodStep(null, p, s, answer || null);
      toast(`${p}: ${t(STAGE[c.stage])}`);
    } catch (e) {
      showError(e);
    }
    await show();
  };
  const show = async () => {
    try {
      const [r, last] = await Promise.all([api.reporting(period.value.trim() || null), api.reportingTable(4)]);
      period.value = r.period;
      const cycle = own ? await api.periodCycle(null, r.period) : null;
      clear(result);
      clear(periods);
      result.append(h("p", { class: "muted", "data-role": "sx-rep-deadline" }, `${t("sx_rep_due")}: ${formatDate(r.deadline)}`));
      if (cycle) result.append(cycleBox(cycle, (s) => void step(s)));
      result.append(table(r));
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
