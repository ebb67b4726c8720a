// The conflict review: every open conflict with, per field, the common version (when known),
// ours and theirs, and the decision: keep mine, take theirs or enter a value. Locations are
// drawn side by side; a deletion against an edit offers keep deleted or restore; a project whose
// code another holds takes a new code.

import { api, type ConflictView, type Take } from "../api";
import { clear, h } from "../dom";
import { t } from "../i18n";
import { ask, showError, toast } from "../ui";
import { changesScale, kindOfField, parseValue, type Parsed } from "../values";
import { afterChange } from "./hooks";
import { groupByProject } from "./present";
import { openPanel } from "./panel";
import { geometrySketch } from "./sketch";
import { fieldLabel, theirsText, valueText } from "./words";

function versions(c: ConflictView): HTMLElement {
  // The common version, when this database's history knows it; otherwise the row is left out.
  const b = c.base;
  return h(
    "div",
    { class: "sx-versions" },
    b === undefined || b === null ? null : [h("span", { class: "lbl" }, t("sx_base")), h("span", { "data-role": "sx-base" }, valueText(c.field, b))],
    h("span", { class: "lbl" }, t("sx_mine")),
    h("span", { class: "mine", "data-role": "sx-mine" }, valueText(c.field, c.mine), h("span", { class: "who" }, c.mine_by)),
    c.theirs.map(([v, by]) => [h("span", { class: "lbl" }, t("sx_theirs")), h("span", { class: "theirs", "data-role": "sx-theirs" }, theirsText(c.field, v), h("span", { class: "who" }, by))]).flat(),
  );
}

/** The box for a value of one's own: it reads what is typed in the unit it shows (millions of
 * tenge for money, as the editor does) and asks before a change of more than tenfold. */
function valueBox(c: ConflictView, settle: (take: Take) => void): HTMLElement[] {
  const kind = kindOfField(c.field, c.mine ?? c.theirs[0]?.[0]);
  const prompt = kind === "mln" ? t("sx_value_mln") : kind === "date" ? t("sx_value_date") : kind === null ? t("sx_value_json") : t("sx_value_prompt");
  const input = h("input", { type: "text", "data-role": "sx-value", "aria-label": prompt, placeholder: prompt, inputmode: kind === "mln" || kind === "decimal" || kind === "int" ? "decimal" : null });
  const problem = h("span", { class: "error", "data-role": "sx-value-problem", hidden: true });
  const read = (): Parsed => {
    if (kind !== null) return parseValue(kind, input.value);
    try {
      return { ok: true, value: JSON.parse(input.value) };
    } catch {
      return { ok: false, error: t("sx_value_not_json") };
    }
  };
  const submit = async () => {
    if (!input.value.trim()) return;
    const r = read();
    problem.hidden = r.ok;
    if (!r.ok) {
      problem.textContent = r.error;
      return input.focus();
    }
    const before = [c.mine, ...c.theirs.map(([v]) => v)];
    if (changesScale(r.value, before)) {
      const old = before.filter((v) => typeof v === "number").map((v) => valueText(c.field, v)).join(", ");
      const sure = await ask({
        title: t("sx_scale_title"),
        text: t("sx_scale_text").replace("{new}", valueText(c.field, r.value)).replace("{old}", old),
        ok: t("sx_scale_ok"),
        cancel: t("sx_scale_cancel"),
      });
      if (sure === null) return input.focus();
    }
    settle({ kind: "value", value: r.value });
  };
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") void submit();
  });
  return [
    h("label", { class: "sx-value" }, input, kind === "mln" ? h("span", { class: "unit", "data-role": "sx-value-unit" }, t("sx_unit_mln")) : null),
    h("button", { "data-role": "sx-set-value", onclick: () => void submit() }, t("sx_set")),
    problem,
  ];
}

/** A project whose code a project registered earlier holds: it takes the next free code, or
 * one typed (checked by the database, which names a code already used). */
function codeClashCard(c: ConflictView, settle: (take: Take) => void): HTMLElement {
  const holder = String(c.theirs[0]?.[0] ?? "");
  const input = h("input", { type: "text", "data-role": "sx-value", "aria-label": t("sx_value_code"), placeholder: t("sx_value_code") });
  const submit = () => {
    if (input.value.trim()) settle({ kind: "value", value: input.value.trim() });
  };
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") submit();
  });
  return h(
    "div",
    { class: "sx-field", "data-role": "sx-conflict", "data-id": c.id, "data-field": c.field, "data-kind": c.kind },
    h("div", { class: "sx-field-name" }, t("sx_code_clash")),
    h("p", { "data-role": "sx-code-clash" }, t("sx_code_clash_text").replace("{code}", c.code ?? "").replace("{holder}", holder)),
    h(
      "div",
      { class: "sx-actions" },
      h("button", { class: "primary", "data-role": "sx-new-code", onclick: () => settle({ kind: "theirs" }) }, t("sx_new_code")),
      h("label", { class: "sx-value" }, input),
      h("button", { "data-role": "sx-set-value", onclick: submit }, t("sx_set")),
    ),
  );
}

function conflictCard(c: ConflictView, settle: (take: Take) => void): HTMLElement {
  if (c.kind === "code") return codeClashCard(c, settle);
  const deletion = c.field === "deleted";
  const actions = deletion
    ? [
        h("button", { "data-role": "sx-keep-deleted", onclick: () => settle({ kind: "mine" }) }, t("sx_keep_deleted")),
        h("button", { class: "primary", "data-role": "sx-undelete", onclick: () => settle({ kind: "theirs" }) }, t("sx_restore")),
      ]
    : [
        h("button", { "data-role": "sx-keep-mine", onclick: () => settle({ kind: "mine" }) }, t("sx_keep_mine")),
        h("button", { class: "primary", "data-role": "sx-take-theirs", onclick: () => settle({ kind: "theirs" }) }, t("sx_take_theirs")),
        ...(c.field === "geometry" ? [] : valueBox(c, settle)),
      ];
  return h(
    "div",
    { class: "sx-field", "data-role": "sx-conflict", "data-id": c.id, "data-field": c.field },
    h("div", { class: "sx-field-name" }, deletion ? t("sx_deletion") : fieldLabel(c.field)),
    versions(c),
    c.field === "geometry" ? geometrySketch(c.mine, c.theirs.map(([v]) => v)) : null,
    h("div", { class: "sx-actions" }, actions),
  );
}

export async function openConflicts(): Promise<void> {
  const panel = openPanel("sx-conflicts-panel", t("sx_conflicts_title"));
  panel.buttons.append(h("button", { class: "primary", onclick: () => panel.close() }, t("sx_close")));
  const render = async () => {
    let list: ConflictView[];
    try {
      list = await api.conflicts();
    } catch (e) {
      return showError(e);
    }
    clear(panel.body);
    if (list.length === 0) {
      panel.body.append(h("p", { class: "muted", "data-role": "sx-no-conflicts" }, t("sx_no_conflicts")));
      return;
    }
    const settle = (c: ConflictView) => async (take: Take) => {
      panel.body.querySelectorAll("button").forEach((b) => ((b as HTMLButtonElement).disabled = true));
      try {
        await api.resolve(c.id, take);
        toast(`${t("sx_resolved")}: ${c.code ?? c.name} · ${fieldLabel(c.field)}`);
        await afterChange();
      } catch (e) {
        showError(e);
      }
      await render();
    };
    panel.body.append(
      h(
        "div",
        { class: "sx-list" },
        groupByProject(list).map((g) =>
          h(
            "section",
            { class: "sx-card", "data-role": "sx-conflict-project", "data-project": g.project_id },
            h("h3", {}, h("span", { class: "sx-code" }, g.items[0].code ?? ""), g.items[0].name),
            g.items.map((c) => conflictCard(c, settle(c))),
          ),
        ),
      ),
    );
  };
  await render();
}
