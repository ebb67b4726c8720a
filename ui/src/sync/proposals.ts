// The proposals review: who proposed what for which field (now → proposed), and for those this
// database owns, Accept or Reject with a reason, each after a confirmation.

import { api, type ProposalView } from "../api";
import { clear, h } from "../dom";
import { lang, t, type Key } from "../i18n";
import { ask, showError, toast } from "../ui";
import { afterChange } from "./hooks";
import { formatTime, sortProposals } from "./present";
import { openPanel } from "./panel";
import { fieldLabel, scopeText, valueText } from "./words";

const STATUS: Record<string, Key> = { open: "sx_status_open", accepted: "sx_status_accepted", rejected: "sx_status_rejected" };

/** "Әсел, Министрлік, 25.11.2026 09:00": who proposed it, from which map, when, in words. */
export function proposedBy(p: ProposalView): string {
  const from = p.from ? scopeText(p.from) : t("sx_unknown_database");
  return `${p.user}, ${from}, ${formatTime(p.at, lang())}`;
}

function proposalCard(p: ProposalView, decide: (accept: boolean) => void): HTMLElement {
  const status = STATUS[p.status] ? t(STATUS[p.status]) : p.status;
  const decidable = p.status === "open" && p.ours_to_decide;
  return h(
    "section",
    { class: "sx-card", "data-role": "sx-proposal", "data-id": p.id, "data-field": p.field, "data-status": p.status },
    h("h3", {}, h("span", { class: "sx-code" }, p.code ?? ""), p.name),
    h(
      "div",
      { class: "sx-versions" },
      h("span", { class: "lbl" }, t("sx_h_field")),
      h("span", { class: "sx-field-name", "data-role": "sx-proposal-field" }, fieldLabel(p.field)),
      h("span", { class: "lbl" }, t("sx_now")),
      h("span", { class: "mine", "data-role": "sx-proposal-now" }, valueText(p.field, p.current)),
      h("span", { class: "lbl" }, t("sx_proposed")),
      h("span", { class: "theirs", "data-role": "sx-proposal-value" }, valueText(p.field, p.proposed)),
      h("span", { class: "lbl" }, t("sx_proposed_by")),
      h("span", { "data-role": "sx-proposal-by" }, proposedBy(p)),
    ),
    h(
      "div",
      { class: "sx-actions" },
      h("span", { class: "sx-status", "data-role": "sx-proposal-status" }, status, p.status === "open" && !p.ours_to_decide ? ` · ${t("sx_not_ours")}` : "", p.reason ? ` · ${p.reason}` : ""),
      decidable ? h("button", { class: "danger", "data-role": "sx-reject", onclick: () => decide(false) }, t("sx_reject")) : null,
      decidable ? h("button", { class: "primary", "data-role": "sx-accept", onclick: () => decide(true) }, t("sx_accept")) : null,
    ),
  );
}

export async function openProposals(): Promise<void> {
  const panel = openPanel("sx-proposals-panel", t("sx_proposals_title"));
  panel.buttons.append(h("button", { class: "primary", onclick: () => panel.close() }, t("sx_close")));
  const render = async () => {
    let list: ProposalView[];
    try {
      list = await api.proposals();
    } catch (e) {
      return showError(e);
    }
    clear(panel.body);
    if (list.length === 0) {
      panel.body.append(h("p", { class: "muted", "data-role": "sx-no-proposals" }, t("sx_no_proposals")));
      return;
    }
    const decide = (p: ProposalView) => async (accept: boolean) => {
      const what = `${p.code ?? p.name} · ${fieldLabel(p.field)}: ${valueText(p.field, p.current)} → ${valueText(p.field, p.proposed)}`;
      const answer = await ask({
        title: t(accept ? "sx_accept" : "sx_reject"),
        text: `${t(accept ? "sx_accept_q" : "sx_reject_q")} ${what}`,
        ok: t(accept ? "sx_accept" : "sx_reject"),
        cancel: t("cancel"),
        danger: !accept,
        input: accept ? undefined : t("sx_reason"),
      });
      if (answer === null) return;
      try {
        if (accept) await api.accept(p.id);
        else await api.reject(p.id, answer || null);
        toast(t(accept ? "sx_accepted" : "sx_rejected"));
        await afterChange();
      } catch (e) {
        showError(e);
      }
      await render();
    };
    panel.body.append(h("div", { class: "sx-list" }, sortProposals(list).map((p) => proposalCard(p, decide(p)))));
  };
  await render();
}
