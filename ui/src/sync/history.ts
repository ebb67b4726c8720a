// The history panel of a project: every change with its time (in the user's locale), user,
// database of origin, the file it came with, the field and old → new.

import { api, type LogEntry } from "../api";
import { h } from "../dom";
import { lang, t } from "../i18n";
import { showError } from "../ui";
import { BIRTH, entryChanges, formatTime, originFile } from "./present";
import { openPanel } from "./panel";
import { fieldLabel, valueText } from "./words";

function rows(e: LogEntry): HTMLElement[] {
  const file = originFile(e);
  return entryChanges(e).map((c, i) =>
    h(
      "tr",
      { "data-role": "sx-history-row", "data-field": c.field, "data-origin": e.origin },
      h("td", { class: "time" }, i === 0 ? formatTime(e.at, lang()) : ""),
      h("td", {}, i === 0 ? e.user : ""),
      h("td", { class: "db", title: e.db_id }, i === 0 ? e.db_id.slice(0, 8) : ""),
      h("td", { "data-role": "sx-history-file" }, i === 0 ? file ?? h("span", { class: "muted" }, t("sx_local")) : ""),
      h("td", {}, (e.field === BIRTH ? `${t("sx_created")}: ` : "") + fieldLabel(c.field)),
      h("td", {}, e.field === BIRTH ? "" : h("span", { class: "sx-old" }, valueText(c.field, c.old)), e.field === BIRTH ? "" : h("span", { class: "sx-arrow" }, "→"), h("span", { class: "sx-new" }, valueText(c.field, c.new))),
    ),
  );
}

/** Opens the history of project `id` (an id or a code); newest change first. */
export async function openHistory(id: string, title: string): Promise<void> {
  let entries: LogEntry[];
  try {
    entries = await api.history(id);
  } catch (e) {
    return showError(e);
  }
  const panel = openPanel("sx-history-panel", `${t("sx_history_title")} — ${title}`);
  const head = ["sx_h_time", "sx_h_user", "sx_h_db", "sx_h_file", "sx_h_field", "sx_h_change"] as const;
  panel.body.append(
    h(
      "table",
      { class: "sx-history", "data-role": "sx-history" },
      h("thead", {}, h("tr", {}, head.map((k) => h("th", {}, t(k))))),
      h("tbody", {}, [...entries].reverse().flatMap(rows)),
    ),
  );
  panel.buttons.append(h("button", { class: "primary", onclick: () => panel.close() }, t("sx_close")));
}

/** The History button of the project card. */
export function historyButton(id: string, title: string): HTMLElement {
  return h("button", { "data-role": "card-history", onclick: () => void openHistory(id, title) }, t("sx_history"));
}
