// The settings dialog: every setting the map has (how often projects report and when, how late
// is late for an alert, the methodology's weights, backups...), grouped, each with what it
// means, its default, a box for its kind and, once set, a way back to the default. The settings and their
// checks are Rust's (indmap_api::settings); a value refused shows why beside its box.

import { api } from "./api";
import type { SettingGroup } from "./generated/SettingGroup";
import type { SettingView } from "./generated/SettingView";
import { clear, h, option } from "./dom";
import { pick, t, type Key } from "./i18n";
import { problemText } from "./rules";
import { toApiError } from "./api";
import { openPanel } from "./sync/panel";
import { errorText, showError, toast } from "./ui";

export interface SettingsContext {
  /** A setting changed: what the window shows may change with it (the alerts, the periods). */
  changed(): void;
}

const GROUPS: SettingGroup[] = ["map", "monitoring", "alerts", "effectiveness", "backups"];
const PERIODS = ["quarter", "month", "half-year", "year"] as const;

/** What a box shows while a setting is not set: its default, in the window's words. */
export function defaultText(s: SettingView): string {
  if (!s.default) return t("st_none");
  return s.kind === "period" ? periodName(s.default) : s.default;
}

function periodName(code: string): string {
  return t(`st_period_${code.replace("-", "_")}` as Key);
}

/** The box a setting is edited in: a list of periods, a line of text, or a number. */
function box(s: SettingView): HTMLInputElement | HTMLSelectElement {
  const role = `setting-${s.key}`;
  if (s.kind === "period") {
    const sel = h("select", { "data-role": role }, option("", `${t("st_default")}: ${defaultText(s)}`), PERIODS.map((p) => option(p, periodName(p))));
    sel.value = s.value ?? "";
    return sel;
  }
  const numeric = s.kind !== "text" && s.kind !== "amount";
  const input = h("input", {
    "data-role": role,
    type: "text",
    inputmode: numeric ? "decimal" : null,
    placeholder: `${t("st_default")}: ${defaultText(s)}`,
    maxlength: s.kind === "text" ? 500 : null,
  });
  input.value = s.value ?? "";
  return input;
}

export async function openSettings(ctx: SettingsContext): Promise<void> {
  let views: SettingView[];
  try {
    views = await api.settings();
  } catch (e) {
    showError(e);
    return;
  }
  const panel = openPanel("settings", t("st_title"));
  const content = h("div", { class: "st-groups" });
  panel.body.append(h("p", { class: "muted" }, t("st_hint")), content);

  /** Saves what the box holds (empty: back to the default); a refusal is shown beside it. */
  async function save(s: SettingView, value: string, problem: HTMLElement): Promise<void> {
    const given = value.trim() === "" ? null : value;
    if (given === (s.value ?? null)) return;
    problem.textContent = "";
    try {
      views = await api.setSetting(s.key, given);
      render();
      toast(t("st_saved"));
      ctx.changed();
    } catch (e) {
      const err = toApiError(e);
      problem.textContent = err.problems.length ? err.problems.map(problemText).join("; ") : errorText(e);
    }
  }

  function render(): void {
    clear(content);
    for (const group of GROUPS) {
      const rows = views.filter((v) => v.group === group).map((s) => {
        const control = box(s);
        const problem = h("span", { class: "st-problem", role: "alert", "data-role": `setting-problem-${s.key}` });
        control.addEventListener("change", () => void save(s, control.value, problem));
        control.addEventListener("keydown", (e) => {
          if ((e as KeyboardEvent).key === "Enter") void save(s, control.value, problem);
        });
        const reset = h("button", { type: "button", class: "st-reset", title: t("st_reset"), "data-role": `setting-reset-${s.key}`, hidden: s.value === null, onclick: () => void save(s, "", problem) }, t("st_reset"));
        control.id = `setting-${s.key}`;
        return h("div", { class: "st-row", "data-key": s.key }, h("label", { class: "st-about", for: control.id }, pick(s.about)), h("span", { class: "st-control" }, control, reset), problem);
      });
      if (rows.length) content.append(h("section", { class: "st-group", "data-group": group }, h("h3", {}, t(`st_group_${group}` as Key)), rows));
    }
  }
  render();
  panel.buttons.append(h("button", { "data-role": "settings-close", onclick: () => panel.close() }, t("al_close")));
}
