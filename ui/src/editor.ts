// The project editor: every field of the domain, the financing plan with its live sum against
// the cost, milestones, actions, support, criteria, local content and monitoring. Problems the
// API finds appear next to the field they name; undo, an unsaved-changes warning and a delete
// confirmation keep typing safe.

import { api, ApiError, type OpenInfo, type ProjectFeature, type ProjectProperties, type Reference, type RegionInfo } from "./api";
import { clear, h, option } from "./dom";
import { formatMoney, formatNumber, parseNumber, pick, t, lang, type Key } from "./i18n";
import { financingBalance, getPath, History, newProperties, pruneEmptyObjects, setPath } from "./properties";
import { ask, errorText, showError, toast } from "./ui";
import { problemText, type Shown } from "./rules";
import { discardDraft, draftKey, draftTime, DRAFT_INTERVAL_MS, loadDraft, pruneDrafts, saveDraft } from "./draft";
import type { DrawSession } from "./draw";
import { GEOM_KINDS, geometryText, kindOf, parseGeometryText, type GeomKind } from "./geometry";
import { currentGlMap } from "./map";
import { DATE_HINT, displayValue, formatPlain, parseValue, type ValueKind } from "./values";
import { blank, boxKind, entityName, fieldAt, fieldLabel, fieldName } from "./fields";
import type { ActionProperties, FinancingProperties, MilestoneProperties, MonitoringProperties, SupportProperties } from "./generated/schema";

interface FieldOptions {
  required?: boolean;
  wide?: boolean;
  placeholder?: string;
  textarea?: boolean;
  /** For a part of a structured field (the schema describes the whole). */
  label?: string;
  kind?: ValueKind;
}
import "./geo.css";

export interface EditorContext {
  id: string | null;
  open: OpenInfo;
  reference: Reference;
  regions: RegionInfo[];
  pickOnMap: ((cb: ((lngLat: [number, number]) => void) | null) => void) | null;
  onSaved: (id: string) => Promise<void>;
  /** A field to open the form at (a problem path, `actions[2].due`), as an alert names it. */
  focus?: string;
  /** Why the form opens there (the alert), shown above the form. */
  focusNote?: string;
}


let openEditorCount = 0;

export function isEditorOpen(): boolean {
  return openEditorCount > 0;
}

export async function openEditor(ctx: EditorContext): Promise<void> {
  let feature: ProjectFeature;
  try {
    feature = ctx.id
      ? await api.project(ctx.id)
      : { type: "Feature", geometry: null, properties: newProperties(ctx.open.region) };
  } catch (e) {
    showError(e);
    return;
  }
  new Editor(ctx, feature).show();
}

class Editor {
  private model: { geometry: ProjectFeature["geometry"]; p: ProjectProperties };
  private saved: string;
  private history = new History<{ geometry: ProjectFeature["geometry"]; p: ProjectProperties }>();
  private overlay: HTMLElement;
  private body: HTMLElement;
  private banner: HTMLElement;
  private undoBtn: HTMLButtonElement;
  private localErrors = new Map<string, string>();
  private onKey = (e: KeyboardEvent) => this.key(e);
  /** The kind of location the user is entering (the geometry keeps its own type until replaced). */
  private geomKind: GeomKind;
  private draw: DrawSession | null = null;
  private draftKey: string;
  private draftTimer: ReturnType<typeof setInterval> | undefined;
  /** The model as last written to the draft, so an unchanged draft is not rewritten. */
  private draftText: string | null = null;
  /** A draft from before is offered; autosave waits until the user restores or discards it. */
  private draftOffered = false;
  private draftBar: HTMLElement;
  /** The form as last checked by the API on leaving a field (`checkLeft`), and its timer. */
  private checkedText: string | null = null;
  private checkTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private ctx: EditorContext,
    feature: ProjectFeature,
  ) {
    this.model = { geometry: feature.geometry, p: feature.properties };
    this.saved = JSON.stringify(this.model);
    this.geomKind = kindOf(feature.geometry) ?? "Point";
    this.draftKey = draftKey(ctx.open.path, ctx.id);
    this.draftBar = h("div", { class: "draft-offer", "data-role": "draft-offer", hidden: true });
    this.body = h("div", { class: "editor-body" });
    // Every rule is checked as the user leaves a field, not only on Save.
    this.body.addEventListener("focusout", () => {
      clearTimeout(this.checkTimer);
      this.checkTimer = setTimeout(() => void this.checkLeft(), 200);
    });
    this.banner = h("div", { class: "editor-banner", "data-role": "editor-banner" });
    this.undoBtn = h("button", { "data-role": "editor-undo", title: "Ctrl+Z", onclick: () => this.undo() }, "↶ " + t("ed_undo"));
    const sections = this.sectionList();
    const nav = h(
      "nav",
      { class: "editor-nav" },
      sections.map(([id, key]) => h("a", { href: `#ed-${id}`, onclick: (e: Event) => { e.preventDefault(); this.body.querySelector(`#ed-${id}`)?.scrollIntoView({ block: "start" }); } }, t(key))),
    );
    this.overlay = h(
      "div",
      { class: "overlay editor-overlay", "data-role": "editor" },
      h(
        "div",
        { class: "editor", role: "dialog", "aria-modal": "true", "aria-label": ctx.id ? t("ed_edit") : t("ed_new") },
        h(
          "header",
          { class: "editor-head" },
          h("h2", {}, ctx.id ? `${t("ed_edit")} ${this.model.p.code ?? ""}` : t("ed_new")),
          h("span", { class: "spacer" }),
          this.undoBtn,
          ctx.id ? h("button", { class: "danger", "data-role": "editor-delete", onclick: () => this.remove() }, t("card_delete")) : null,
          h("button", { "data-role": "editor-close", onclick: () => this.close() }, t("ed_close")),
          h("button", { class: "primary", "data-role": "editor-save", title: "Ctrl+S", onclick: () => this.save() }, t("ed_save")),
        ),
        h("div", { class: "editor-main" }, nav, h("div", { class: "editor-scroll" }, this.draftBar, this.banner, this.body)),
      ),
    );
  }

  show(): void {
    openEditorCount++;
    document.body.appendChild(this.overlay);
    document.addEventListener("keydown", this.onKey, true);
    this.render();
    const target = this.ctx.focus ? this.findField(this.ctx.focus) : null;
    if (target) {
      target.classList.add("focus-target");
      target.scrollIntoView({ block: "center" });
    }
    if (this.ctx.focusNote) {
      this.banner.className = "editor-banner warning";
      this.banner.appendChild(h("strong", { "data-role": "editor-focus-note" }, this.ctx.focusNote));
    }
    ((target ?? this.body).querySelector("input, select, textarea") as HTMLElement | null)?.focus();
    this.offerDraft();
    this.draftTimer = setInterval(() => this.autosave(), DRAFT_INTERVAL_MS);
  }

  // ---- the autosaved draft (draft.ts) ---------------------------------------------------------

  private offerDraft(): void {
    pruneDrafts();
    const draft = loadDraft<Editor["model"]>(this.draftKey);
    if (!draft || JSON.stringify(draft.model) === this.saved) return;
    this.draftOffered = true;
    const done = () => {
      this.draftOffered = false;
      this.draftBar.hidden = true;
      clear(this.draftBar);
    };
    clear(this.draftBar);
    this.draftBar.append(
      h("span", { "data-role": "draft-text" }, t("geo_draft_offer").replace("{time}", draftTime(draft.at))),
      h("button", { class: "primary", "data-role": "draft-restore", onclick: () => {
        done();
        this.history.before(this.model, null);
        this.model = draft.model;
        this.geomKind = kindOf(this.model.geometry) ?? this.geomKind;
        this.localErrors.clear();
        this.render();
        toast(t("geo_draft_restored"));
      } }, t("geo_draft_restore")),
      h("button", { "data-role": "draft-discard", onclick: () => {
        done();
        discardDraft(this.draftKey);
      } }, t("geo_draft_discard")),
    );
    this.draftBar.hidden = false;
  }

  /** Writes the draft when there are unsaved changes not yet in it. */
  private autosave(): void {
    if (this.draftOffered) return;
    if (!this.dirty) {
      if (this.draftText !== null) discardDraft(this.draftKey);
      this.draftText = null;
      return;
    }
    const text = JSON.stringify(this.model);
    if (text === this.draftText) return;
    saveDraft(this.draftKey, this.model);
    this.draftText = text;
  }

  private get dirty(): boolean {
    return JSON.stringify(this.model) !== this.saved;
  }

  private key(e: KeyboardEvent): void {
    if (document.querySelector(".dialog-overlay") || this.overlay.classList.contains("picking")) return;
    if (e.ctrlKey && (e.key === "z" || e.key === "Z")) {
      e.preventDefault();
      this.undo();
    } else if (e.ctrlKey && (e.key === "s" || e.key === "S")) {
      e.preventDefault();
      void this.save();
    } else if (e.key === "Escape") {
      e.preventDefault();
      void this.close();
    }
  }

  /** Closes the editor; `keepDraft` false after a save or a deletion (nothing left to restore). */
  private finish(keepDraft = true): void {
    // Keeps the newest changes in the draft, or drops this session's draft when all was undone.
    if (keepDraft) this.autosave();
    clearInterval(this.draftTimer);
    this.endDraw(false);
    openEditorCount--;
    document.removeEventListener("keydown", this.onKey, true);
    this.overlay.remove();
  }

  async close(): Promise<boolean> {
    if (this.dirty) {
      const ok = await ask({ title: t("ed_unsaved_title"), text: `${t("ed_unsaved_text")} ${t("geo_draft_kept")}`, ok: t("ed_discard"), cancel: t("ed_keep"), danger: true });
      // Closing keeps the draft (finish() writes it): reopening the project offers it back.
      if (ok === null) return false;
    }
    this.finish();
    return true;
  }

  private undo(): void {
    const prev = this.history.undo();
    if (!prev) return;
    this.model = prev;
    this.localErrors.clear();
    this.render();
  }

  private async remove(): Promise<void> {
    const name = this.model.p.name_ru || this.model.p.name_kk;
    const reason = await ask({ title: t("del_title"), text: `${name} — ${t("del_text")}`, ok: t("del_confirm"), cancel: t("cancel"), danger: true, input: t("del_reason") });
    if (reason === null || !this.ctx.id) return;
    try {
      const proposed = await api.deleteProject(this.ctx.id, reason || null);
      discardDraft(this.draftKey);
      toast(`${t(proposed ? "delete_proposed" : "deleted")}: ${this.model.p.code ?? name}`);
      this.finish(false);
      await this.ctx.onSaved(this.ctx.id);
    } catch (e) {
      showError(e);
    }
  }

  private async save(): Promise<void> {
    this.clearProblems();
    if (this.localErrors.size) {
      this.showProblems([...this.localErrors].map(([field, message]) => ({ severity: "error" as const, field, rule: null, message })));
      return;
    }
    const feature: ProjectFeature = { type: "Feature", geometry: this.model.geometry, properties: pruneEmptyObjects(this.model.p) };
    try {
      const saved = this.ctx.id ? await api.updateProject(this.ctx.id, feature) : await api.addProject(feature);
      if (saved.warnings.length) {
        toast(`${t("ed_warnings")} ${saved.warnings.map((w) => `${fieldLabel(w.field)}: ${problemText(w)}`).join("; ")}`, "warning", 8000);
      } else if (saved.proposed > 0) {
        // What this database does not own was not written: it went to the owner as proposals.
        toast(`${saved.code ?? ""}: ${t("ed_proposed")} (${saved.proposed})`, "info", 8000);
      } else {
        toast(`${t("ed_saved")}: ${saved.code ?? ""}`);
      }
      this.saved = JSON.stringify(this.model);
      discardDraft(this.draftKey);
      this.draftText = null;
      this.finish(false);
      await this.ctx.onSaved(saved.id);
    } catch (e) {
      if (e instanceof ApiError && e.kind === "invalid" && e.problems.length) {
        this.showProblems(e.problems);
      } else {
        this.banner.textContent = errorText(e);
        this.banner.className = "editor-banner error";
      }
    }
  }

  // ---- problems next to fields ----------------------------------------------------------------

  /** Asks the API what saving the form now would meet, and shows it beside the fields: the
   * errors, and warnings such as a point outside the project's region. */
  private async checkLeft(): Promise<void> {
    const feature: ProjectFeature = { type: "Feature", geometry: this.model.geometry, properties: pruneEmptyObjects(this.model.p) };
    const text = JSON.stringify(feature);
    if (text === this.checkedText) return;
    this.checkedText = text;
    let problems: Shown[];
    try {
      problems = await api.checkProject(this.ctx.id, feature);
    } catch {
      return; // Save still checks everything.
    }
    if (!this.overlay.isConnected || this.checkedText !== text) return;
    // What the API says now is the whole truth: it replaces what Save or the last check showed.
    for (const m of this.body.querySelectorAll(".field-problem:not(.local)")) {
      const box = m.parentElement;
      m.remove();
      if (box && !box.querySelector(".field-problem")) box.classList.remove("has-error", "has-warning");
    }
    for (const p of problems) {
      const target = this.findField(p.field);
      if (!target) continue;
      target.classList.add(p.severity === "error" ? "has-error" : "has-warning");
      target.appendChild(h("div", { class: `field-problem ${p.severity} checked`, "data-problem": p.field }, problemText(p)));
    }
  }

  private clearProblems(): void {
    for (const m of this.body.querySelectorAll(".field-problem")) m.remove();
    for (const f of this.body.querySelectorAll(".has-error, .has-warning")) f.classList.remove("has-error", "has-warning");
    clear(this.banner);
    this.banner.className = "editor-banner";
  }

  private showProblems(problems: Shown[]): void {
    const unplaced: Shown[] = [];
    let first: HTMLElement | null = null;
    for (const p of problems) {
      const target = this.findField(p.field);
      if (!target) {
        unplaced.push(p);
        continue;
      }
      target.classList.add(p.severity === "error" ? "has-error" : "has-warning");
      target.appendChild(h("div", { class: `field-problem ${p.severity}`, "data-problem": p.field }, problemText(p)));
      if (!first && p.severity === "error") first = target;
    }
    const errors = problems.filter((p) => p.severity === "error").length;
    this.banner.className = `editor-banner ${errors ? "error" : "warning"}`;
    this.banner.appendChild(h("strong", {}, errors ? t("ed_problems") : t("ed_warnings")));
    this.banner.appendChild(h("ul", {}, unplaced.map((p) => h("li", {}, `${fieldLabel(p.field)}: ${problemText(p)}`))));
    (first ?? this.banner).scrollIntoView({ block: "center" });
    (first?.querySelector("input, select, textarea") as HTMLElement | null)?.focus();
  }

  /** The field's box for a problem path; a path inside a row falls back to the row. */
  private findField(path: string): HTMLElement | null {
    let p = path;
    for (;;) {
      const el = this.body.querySelector(`[data-field="${CSS.escape(p)}"]`) as HTMLElement | null;
      if (el) return el;
      const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
      if (cut <= 0) return null;
      p = p.slice(0, cut);
    }
  }

  // ---- fields ---------------------------------------------------------------------------------

  private change(path: string, value: unknown): void {
    this.history.before(this.model, path);
    setPath(this.model.p, path, value);
    this.updateLive();
  }

  private structural(f: () => void): void {
    this.history.before(this.model, null);
    f();
    this.render();
  }

  /** An input bound to `path`, labelled and boxed as the schema describes the field (a part of
   * a structured field names its own label and kind); `required` values never become null. */
  private field(path: string, opts: FieldOptions = {}): HTMLElement {
    const info = fieldAt(path);
    const label = opts.label ?? (info ? fieldName(info) : path);
    const kind: ValueKind = opts.textarea ? "textarea" : (opts.kind ?? (info && boxKind(info)) ?? "text");
    const value = getPath(this.model.p, path);
    const input =
      kind === "textarea"
        ? h("textarea", { rows: 2, "data-path": path })
        : h("input", { type: "text", "data-path": path, inputmode: kind === "text" ? null : "decimal", placeholder: opts.placeholder ?? (kind === "date" ? DATE_HINT[lang()] : null) });
    input.value = displayValue(kind, value);
    const box = h("div", { class: `field${opts.wide ? " wide" : ""}`, "data-field": path }, h("label", {}, label, input));
    const onEdit = () => {
      const r = parseValue(kind, input.value);
      for (const m of box.querySelectorAll(".field-problem.local")) m.remove();
      box.classList.remove("has-error");
      if (!r.ok) {
        this.localErrors.set(path, r.error);
        return;
      }
      this.localErrors.delete(path);
      this.change(path, opts.required && r.value === null ? "" : r.value);
    };
    input.addEventListener("input", onEdit);
    input.addEventListener("change", onEdit);
    input.addEventListener("blur", () => {
      const err = this.localErrors.get(path);
      if (err) {
        box.classList.add("has-error");
        box.appendChild(h("div", { class: "field-problem error local" }, err));
      }
    });
    return box;
  }

  /** A choice of codes bound to `path`, labelled as the schema describes the field. */
  private select(path: string, items: [string, string][], opts: { empty?: boolean; number?: boolean } = {}): HTMLElement {
    const info = fieldAt(path);
    const label = info ? fieldName(info) : path;
    const value = getPath(this.model.p, path);
    const sel = h("select", { "data-path": path }, opts.empty ? option("", "—") : null, items.map(([code, text]) => option(code, text)));
    sel.value = value === null || value === undefined ? "" : String(value);
    sel.addEventListener("change", () => {
      this.history.cut();
      this.change(path, sel.value === "" ? null : opts.number ? Number(sel.value) : sel.value);
    });
    return h("div", { class: "field", "data-field": path }, h("label", {}, label, sel));
  }

  private ref(list: keyof Reference): [string, string][] {
    return this.ctx.reference[list].map((i) => [i.code, pick(i.label)]);
  }

  private sectionList(): [string, Key][] {
    return [
      ["general", "sec_general"],
      ["location", "sec_location"],
      ["finance", "sec_finance"],
      ["schedule", "sec_schedule"],
      ["actions", "sec_actions"],
      ["support", "sec_support"],
      ["local", "sec_local"],
      ["monitoring", "sec_monitoring"],
      ["acts", "sec_acts"],
    ];
  }

  private section(id: string, key: Key, ...children: (HTMLElement | null)[]): HTMLElement {
    return h("section", { id: `ed-${id}`, class: "editor-section" }, h("h3", {}, t(key)), ...children);
  }

  private grid(...children: (HTMLElement | null)[]): HTMLElement {
    return h("div", { class: "grid" }, ...children);
  }

  /** A list of rows (financing, milestones...) with add and remove. */
  private rows<T>(list: "financing" | "milestones" | "actions" | "support_measures" | "monitoring", blank: () => T, row: (i: number) => HTMLElement[]): HTMLElement {
    const items = this.model.p[list] as unknown[];
    return h(
      "div",
      { class: `rows rows-${list}`, "data-field": list },
      h("h4", {}, entityName(list)),
      items.map((_, i) =>
        h(
          "div",
          { class: "row", "data-field": `${list}[${i}]`, "data-row": `${list}` },
          ...row(i),
          h("button", { class: "icon remove", title: t("p_remove_row"), "aria-label": t("p_remove_row"), "data-role": `remove-${list}`, onclick: () => this.structural(() => items.splice(i, 1)) }, "×"),
        ),
      ),
      h("button", { class: "add", "data-role": `add-${list}`, onclick: () => this.structural(() => items.push(blank())) }, "+ " + t("p_add_row")),
    );
  }

  private render(): void {
    const scroll = this.body.parentElement?.scrollTop ?? 0;
    clear(this.body);
    const p = this.model.p;
    const regions = (this.ctx.open.region ? this.ctx.regions.filter((r) => r.kato === this.ctx.open.region) : this.ctx.regions).map((r) => [r.kato, pick(r.label)] as [string, string]);
    const year = new Date().getFullYear();
    const measures = this.ctx.reference.support_measures.map((i) => [i.code, `${i.code}. ${pick(i.label)}`] as [string, string]);
    this.body.append(
      this.section(
        "general",
        "sec_general",
        this.grid(
          this.field("name_kk", { required: true, wide: true }),
          this.field("name_ru", { required: true, wide: true }),
          this.field("name_en", { wide: true }),
          this.field("initiator"),
          this.field("initiator_bin"),
          this.select("level", this.ref("levels")),
          this.select("status", this.ref("statuses")),
          this.select("sector", this.ref("sectors"), { empty: true }),
          this.field("oked"),
          this.field("responsible_body"),
          this.field("responsible_person"),
        ),
      ),
      this.section(
        "location",
        "sec_location",
        this.grid(
          this.select("region", regions, { empty: !this.ctx.open.region }),
          this.field("district"),
          this.field("settlement"),
          this.field("zone"),
        ),
        this.locationFields(),
      ),
      this.section(
        "finance",
        "sec_finance",
        this.grid(
          this.field("cost_kzt"),
          this.field("cost_original.currency", { label: t("p_cost_currency"), kind: "text", placeholder: "USD" }),
          this.field("cost_original.amount", { label: t("p_cost_amount"), kind: "decimal" }),
          this.field("cost_original.rate", { label: t("p_cost_rate"), kind: "decimal" }),
          this.field("capacity.value", { label: t("p_capacity_value"), kind: "decimal" }),
          this.field("capacity.unit", { label: t("p_capacity_unit"), kind: "text" }),
          this.field("capacity.product", { label: t("p_capacity_product"), kind: "text" }),
          this.field("jobs_construction"),
          this.field("jobs_permanent"),
        ),
        this.rows("financing", () => blank<FinancingProperties>("financing", { source: this.ctx.reference.financing_sources[0]?.code ?? "own_funds", amount_kzt: 0, year, status: "planned" }), (i) => [
          this.select(`financing[${i}].source`, this.ref("financing_sources")),
          this.field(`financing[${i}].amount_kzt`, { required: true }),
          this.field(`financing[${i}].year`, { required: true }),
          this.select(`financing[${i}].status`, this.ref("financing_statuses")),
          this.field(`financing[${i}].note`),
        ]),
        h("div", { class: "balance", "data-role": "financing-balance" }),
      ),
      this.section(
        "schedule",
        "sec_schedule",
        this.grid(
          this.field("start_date"),
          this.field("commissioning_planned"),
          this.field("commissioning_actual"),
          this.field("design_capacity_date"),
        ),
        this.rows("milestones", () => blank<MilestoneProperties>("milestones", { name: "" }), (i) => [
          this.field(`milestones[${i}].name`, { required: true }),
          this.field(`milestones[${i}].planned`),
          this.field(`milestones[${i}].actual`),
        ]),
      ),
      this.section(
        "actions",
        "sec_actions",
        this.rows("actions", () => blank<ActionProperties>("actions", { title: "", status: "planned" }), (i) => [
          this.field(`actions[${i}].title`, { required: true }),
          this.field(`actions[${i}].responsible`),
          this.field(`actions[${i}].due`),
          this.select(`actions[${i}].status`, this.ref("action_statuses")),
          this.field(`actions[${i}].done`),
          this.field(`actions[${i}].note`),
        ]),
      ),
      this.section(
        "support",
        "sec_support",
        this.rows("support_measures", () => blank<SupportProperties>("support_measures", { measure: 1 }), (i) => [
          this.select(`support_measures[${i}].measure`, measures, { number: true }),
          this.field(`support_measures[${i}].year`),
          this.field(`support_measures[${i}].amount_kzt`),
          this.field(`support_measures[${i}].note`),
        ]),
        this.criteria(),
      ),
      this.section(
        "local",
        "sec_local",
        this.grid(
          this.field("local_content_labour_pct"),
          this.field("local_content_goods_pct"),
          this.field("local_content_expertise_date"),
          this.field("local_content_expertise_ref"),
        ),
      ),
      this.section(
        "monitoring",
        "sec_monitoring",
        this.rows(
          "monitoring",
          () => blank<MonitoringProperties>("monitoring", { period: `${year}-Q${Math.floor(new Date().getMonth() / 3) + 1}` }),
          (i) => [
            this.grid(
              this.field(`monitoring[${i}].period`, { required: true }),
              this.field(`monitoring[${i}].investment_kzt`),
              this.field(`monitoring[${i}].progress_pct`),
              this.field(`monitoring[${i}].jobs_created`),
              this.field(`monitoring[${i}].output_kzt`),
              this.field(`monitoring[${i}].exports_usd`),
              this.field(`monitoring[${i}].utilisation_pct`),
              this.field(`monitoring[${i}].taxes_kzt`),
              this.field(`monitoring[${i}].local_content_pct`),
              this.select(`monitoring[${i}].status`, this.ref("statuses"), { empty: true }),
              this.field(`monitoring[${i}].reported_by`),
              this.field(`monitoring[${i}].reported_on`),
              this.field(`monitoring[${i}].comment`, { wide: true }),
            ),
          ],
        ),
      ),
      this.section(
        "acts",
        "sec_acts",
        this.grid(
          this.field("inclusion_act"),
          this.field("inclusion_date"),
          this.field("exclusion_act"),
          this.field("exclusion_date"),
          this.field("exclusion_reason", { wide: true }),
          this.field("problems", { textarea: true, wide: true }),
          this.field("notes", { textarea: true, wide: true }),
        ),
      ),
    );
    void p;
    this.updateLive();
    if (this.body.parentElement) this.body.parentElement.scrollTop = scroll;
  }

  private criteria(): HTMLElement {
    return h(
      "fieldset",
      { class: "criteria", "data-field": "criteria" },
      h("legend", {}, fieldName(fieldAt("criteria")!)),
      this.ctx.reference.criteria.map((c) => {
        const box = h("input", { type: "checkbox", "data-path": `criteria:${c.code}`, checked: this.model.p.criteria.includes(c.code) });
        box.addEventListener("change", () => {
          this.history.before(this.model, null);
          const set = new Set(this.model.p.criteria);
          if (box.checked) set.add(c.code);
          else set.delete(c.code);
          this.model.p.criteria = this.ctx.reference.criteria.map((x) => x.code).filter((x) => set.has(x));
          this.updateLive();
        });
        return h("label", { class: "check" }, box, pick(c.label));
      }),
    );
  }

  /** The location: its kind, longitude/latitude for a point, drawing on the map, and the
   * coordinates as GeoJSON text (the keyboard's and the no-WebGL way to any shape). */
  private locationFields(): HTMLElement {
    const g = this.model.geometry;
    const kindSel = h("select", { "data-role": "geom-kind", "aria-label": t("geo_kind") }, GEOM_KINDS.map((k) => option(k, t(`geo_kind_${k}`), k === this.geomKind)));
    kindSel.addEventListener("change", () => {
      this.geomKind = kindSel.value as GeomKind;
      this.render();
    });
    const box: HTMLElement = h(
      "div",
      { class: "field location", "data-field": "geometry" },
      h("div", { class: "geom-head" }, h("label", {}, t("geo_kind"), kindSel), h("span", { class: "muted", "data-role": "geom-summary" }, geometrySummary(g))),
      this.geomKind === "Point" && (!g || g.type === "Point") ? this.pointInputs(g) : null,
      h(
        "div",
        { class: "geom-buttons" },
        currentGlMap() ? h("button", { "data-role": "draw-on-map", onclick: () => this.startDraw() }, "✎ " + t(g && kindOf(g) === this.geomKind ? "geo_edit_on_map" : "geo_draw_on_map")) : null,
        g ? h("button", { "data-role": "geom-clear", onclick: () => this.setGeometry(null) }, t("geo_clear")) : null,
      ),
      this.geometryTextArea(g),
    );
    return box;
  }

  private pointInputs(g: ProjectFeature["geometry"]): HTMLElement {
    const coords = (g?.coordinates as [number, number] | undefined) ?? null;
    const inputs: HTMLInputElement[] = [];
    const onEdit = () => {
      const [lon, lat] = inputs.map((i) => parseNumber(i.value));
      if (lon === undefined || lat === undefined) {
        this.localErrors.set("geometry", t("r_number"));
        return;
      }
      this.localErrors.delete("geometry");
      this.history.before(this.model, "geometry");
      this.model.geometry = lon === null || lat === null ? null : { type: "Point", coordinates: [lon, lat] };
      this.updateLive();
    };
    const mk = (i: 0 | 1, label: string) => {
      const input = h("input", { type: "text", inputmode: "decimal", "data-path": i === 0 ? "geometry.lon" : "geometry.lat" });
      input.value = coords ? formatPlain(coords[i]) : "";
      input.addEventListener("input", onEdit);
      input.addEventListener("change", onEdit);
      inputs.push(input);
      return h("label", {}, label, input);
    };
    return h("div", { class: "grid" }, mk(0, t("p_lon")), mk(1, t("p_lat")));
  }

  private geometryTextArea(g: ProjectFeature["geometry"]): HTMLElement {
    const area = h("textarea", { rows: 4, "data-role": "geom-text", spellcheck: "false", class: "geom-text", placeholder: '{"type": "Polygon", "coordinates": [[[71.4, 51.1], [71.5, 51.1], [71.5, 51.2], [71.4, 51.1]]]}' });
    area.value = geometryText(g);
    const error = h("div", { class: "field-problem error local", "data-role": "geom-text-error", hidden: true });
    const apply = () => {
      const r = parseGeometryText(area.value);
      if (!r.ok) {
        error.textContent = `${t(`geo_text_${r.error}`)}${r.detail ? ` (${r.detail})` : ""}`;
        error.hidden = false;
        return;
      }
      this.setGeometry(r.geometry);
    };
    // Ctrl+Enter applies from the keyboard; plain Enter makes a new line.
    area.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && e.ctrlKey) {
        e.preventDefault();
        e.stopPropagation();
        apply();
      }
    });
    return h(
      "details",
      { class: "geom-text-box", "data-role": "geom-text-box", open: g && g.type !== "Point" ? true : null },
      h("summary", {}, t("geo_text")),
      h("label", {}, h("span", { class: "muted" }, t("geo_text_hint")), area),
      h("button", { "data-role": "geom-apply", title: "Ctrl+Enter", onclick: apply }, t("geo_apply")),
      error,
    );
  }

  private setGeometry(g: ProjectFeature["geometry"]): void {
    this.history.before(this.model, null);
    this.model.geometry = g;
    this.localErrors.delete("geometry");
    this.geomKind = kindOf(g) ?? this.geomKind;
    this.render();
  }

  /** Hides the editor and lets the user draw (or move) the location on the map. */
  private startDraw(): void {
    const map = currentGlMap();
    if (!map) return;
    const kind = this.geomKind;
    const before = this.model.geometry;
    let drawn = before && before.type === kind ? before : null;
    const status = h("span", { class: "draw-status", "data-role": "draw-status" }, geometrySummary(drawn));
    const bar = h(
      "div",
      { class: "draw-bar", "data-role": "draw-bar" },
      h("span", {}, t(`geo_draw_hint_${kind}`)),
      status,
      h("button", { class: "primary", "data-role": "draw-done", onclick: () => this.endDraw(true) }, t("geo_done")),
      h("button", { "data-role": "draw-cancel", onclick: () => this.endDraw(false) }, t("cancel")),
    );
    this.overlay.classList.add("picking");
    document.body.appendChild(bar);
    this.draw = map.startDrawing(kind, drawn, {
      onChange: (g) => {
        drawn = g;
        status.textContent = geometrySummary(g);
      },
      onDone: () => this.endDraw(true),
      onCancel: () => this.endDraw(false),
    });
    this.endDrawWith = (apply) => {
      bar.remove();
      this.overlay.classList.remove("picking");
      if (apply && drawn && JSON.stringify(drawn) !== JSON.stringify(before)) this.setGeometry(drawn);
      (this.body.querySelector('[data-role="draw-on-map"]') as HTMLElement | null)?.focus();
    };
  }

  private endDrawWith: ((apply: boolean) => void) | null = null;

  private endDraw(apply: boolean): void {
    if (!this.draw) return;
    this.draw = null;
    currentGlMap()?.stopDrawing();
    const end = this.endDrawWith;
    this.endDrawWith = null;
    end?.(apply);
  }

  /** What changes as the user types: the financing balance, undo's state. */
  private updateLive(): void {
    this.undoBtn.disabled = !this.history.canUndo;
    const el = this.body.querySelector('[data-role="financing-balance"]') as HTMLElement | null;
    if (!el) return;
    const b = financingBalance(this.model.p);
    clear(el);
    const ok = b.diff === null || Math.abs(b.diff) < 0.5;
    el.className = `balance ${ok ? "ok" : "warn"}`;
    el.append(`${t("p_fin_sum")}: `, h("strong", { "data-role": "financing-sum" }, formatMoney(b.sum)));
    if (b.cost !== null) {
      el.append(` · ${t("col_cost")}: ${formatMoney(b.cost)}`);
      if (b.pct !== null) el.append(` · ${formatNumber(b.pct, 1)}% ${t("p_fin_vs_cost")}`);
      if (!ok) el.append(` · ${t("p_fin_diff")}: ${formatMoney(b.diff)} — ${t("r_financing_sum")}`);
    }
  }
}

/** "73,1, 49,8" for a point; "Polygon · 5 vertices" for a shape; "no location" for none. */
function geometrySummary(g: ProjectFeature["geometry"]): string {
  if (!g) return t("geo_none");
  if (g.type === "Point") {
    const [lon, lat] = g.coordinates as [number, number];
    return `${formatPlain(lon)}; ${formatPlain(lat)}`;
  }
  let n = 0;
  const walk = (c: unknown, ring: boolean): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === "number") n++;
    else if (Array.isArray(c[0]) && typeof c[0][0] === "number") n += c.length - (ring ? 1 : 0);
    else c.forEach((x) => walk(x, ring));
  };
  walk(g.coordinates, g.type.endsWith("Polygon"));
  const kind = kindOf(g);
  return `${kind ? t(`geo_kind_${kind}`) : g.type} · ${n} ${t("geo_vertices")}`;
}
