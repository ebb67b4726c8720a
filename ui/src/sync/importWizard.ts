// The import wizard: 1. choose one or several exchange files; 2. the dry run's preview of each
// (totals before → after, counts, changes field by field, conflicts, refusals) with its merge
// bill; 3. the import itself, after which the map reloads.

import { api, type ImportOutcome, type ImportReport } from "../api";
import { clear, h } from "../dom";
import { fileField, FILTERS } from "../files";
import { lang, t, type Key } from "../i18n";
import { errorsText } from "../rules";
import { ask, errorText, showError, toast } from "../ui";
import { openConflicts } from "./conflicts";
import { afterChange } from "./hooks";
import { baseName, batchTotals, besides, reportCounts } from "./present";
import { openPanel, type Panel } from "./panel";
import { openProposals } from "./proposals";
import { reportView, totalsTable } from "./report";

type Step = 1 | 2 | 3;

function steps(on: Step): HTMLElement {
  const names: Key[] = ["sx_step_choose", "sx_step_preview", "sx_step_apply"];
  return h("div", { class: "sx-steps", "data-role": "sx-steps", "data-step": on }, names.map((k, i) => h("span", { class: i + 1 === on ? "on" : "" }, t(k))));
}

/** A file the API refused, with its sentence. */
function refusal(o: ImportOutcome): HTMLElement {
  return h(
    "div",
    { class: "sx-file", "data-role": "sx-refused-file", "data-file": baseName(o.path) },
    h("h3", {}, baseName(o.path)),
    h("div", { class: "sx-refusal", "data-role": "sx-refusal" }, `${t("sx_refused_file")} ${o.error ? errorsText(o.error.problems) || o.error.message || errorText(o.error) : ""}`),
  );
}

function reports(outcomes: ImportOutcome[]): ImportReport[] {
  return outcomes.flatMap((o) => (o.report ? [o.report] : []));
}

/** Asks where to save a file's merge bill and saves it. */
function saveBill(o: ImportOutcome): void {
  const out = fileField({
    role: "sx-bill-path",
    label: t("sx_bill_file"),
    mode: "save",
    filters: [FILTERS.pdf, FILTERS.xlsx],
    value: besides(o.path, baseName(o.path).replace(/\.gpkg$/i, "") + "-bill.pdf"),
  });
  const panel = openPanel("sx-bill", t("sx_save_bill"), undefined, false);
  const save = h("button", { class: "primary", "data-role": "sx-bill-save" }, t("sx_save_bill").replace("…", ""));
  save.addEventListener("click", async () => {
    save.disabled = true;
    try {
      const written = await api.saveBill(o.path, out.input.value, lang());
      panel.close();
      toast(`${t("sx_bill_saved")}: ${written}`);
    } catch (e) {
      showError(e);
      save.disabled = false;
    }
  });
  panel.body.append(out.el);
  panel.buttons.append(h("button", { onclick: () => panel.close() }, t("cancel")), save);
  out.input.focus();
}

class Wizard {
  private panel: Panel;
  private files = fileField({ role: "sx-import-files", label: t("sx_import_files"), mode: "open_many", filters: [FILTERS.exchange] });

  constructor(paths: string[]) {
    this.panel = openPanel("sx-import", t("sx_import_title"));
    this.files.input.value = paths.join("; ");
    this.choose();
  }

  private page(step: Step, ...content: (HTMLElement | null)[]): void {
    clear(this.panel.body);
    clear(this.panel.buttons);
    this.panel.body.append(steps(step), ...content.filter((c): c is HTMLElement => c !== null));
  }

  private choose(): void {
    const next = h("button", { class: "primary", "data-role": "sx-preview" }, t("sx_preview_btn"));
    next.addEventListener("click", () => void this.preview(next));
    this.files.input.onkeydown = (e) => {
      if (e.key === "Enter") void this.preview(next);
    };
    this.page(1, this.files.el);
    this.panel.buttons.append(h("button", { onclick: () => this.panel.close() }, t("cancel")), next);
    this.files.input.focus();
  }

  private async preview(button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      this.showPreview(await api.importPreview(this.files.paths()));
    } catch (e) {
      showError(e);
      button.disabled = false;
    }
  }

  private showPreview(outcomes: ImportOutcome[]): void {
    const ok = reports(outcomes);
    const changes = ok.some((r) => !r.already_imported && reportCounts(r).any);
    this.page(
      2,
      h("div", { class: "sx-note" }, t("sx_dry_run_note")),
      ...outcomes.map((o) =>
        o.report
          ? h("div", {}, reportView(o.report, () => void this.trust(o)), h("div", { class: "sx-actions" }, h("button", { "data-role": "sx-save-bill", onclick: () => saveBill(o) }, t("sx_save_bill"))))
          : refusal(o),
      ),
    );
    const apply = h("button", { class: "primary", "data-role": "sx-apply", disabled: !changes }, t("sx_apply_btn"));
    apply.addEventListener("click", () => void this.apply(apply));
    this.panel.buttons.append(h("button", { "data-role": "sx-back", onclick: () => this.choose() }, t("sx_back")), h("span", { class: "grow" }), apply);
  }

  /** Trusts the key of a file from a new ministry database, once the person says the
   * fingerprints match, and previews again. */
  private async trust(o: ImportOutcome): Promise<void> {
    const fingerprint = o.report?.signature.fingerprint;
    if (!fingerprint) return;
    const sure = await ask({ title: t("sx_trust_title"), text: t("sx_trust_text").replace("{fp}", fingerprint), ok: t("sx_trust_btn"), cancel: t("cancel") });
    if (sure === null) return;
    try {
      await api.trustSender(o.path, fingerprint);
      toast(`${t("sx_trusted")}: ${fingerprint}`);
      this.showPreview(await api.importPreview(this.files.paths()));
    } catch (e) {
      showError(e);
    }
  }

  private async apply(button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    button.textContent = t("sx_applying");
    this.panel.buttons.querySelectorAll("button").forEach((b) => ((b as HTMLButtonElement).disabled = true));
    try {
      const outcomes = await api.importApply(this.files.paths());
      await afterChange();
      this.showResult(outcomes);
    } catch (e) {
      showError(e);
      button.disabled = false;
      button.textContent = t("sx_apply_btn");
    }
  }

  private showResult(outcomes: ImportOutcome[]): void {
    const ok = reports(outcomes);
    const backup = ok.find((r) => r.backup)?.backup ?? null;
    const conflicts = ok.reduce((n, r) => n + r.conflicts.length, 0);
    const proposals = ok.reduce((n, r) => n + r.proposals, 0);
    const batch = ok.length > 1 ? batchTotals(ok) : null;
    this.page(
      3,
      backup ? h("div", { class: "sx-note", "data-role": "sx-backup" }, `${t("sx_backup_taken")}: ${backup}`) : null,
      batch ? totalsTable(batch.before, batch.after) : null,
      ...outcomes.map((o) => (o.report ? reportView(o.report) : refusal(o))),
    );
    const close = h("button", { class: "primary", "data-role": "sx-done", onclick: () => this.panel.close() }, t("sx_close"));
    this.panel.buttons.append(
      conflicts ? h("button", { "data-role": "sx-goto-conflicts", onclick: () => { this.panel.close(); void openConflicts(); } }, t("sx_see_conflicts")) : "",
      proposals ? h("button", { "data-role": "sx-goto-proposals", onclick: () => { this.panel.close(); void openProposals(); } }, t("sx_see_proposals")) : "",
      h("span", { class: "grow" }),
      close,
    );
    toast(`${t("sx_imported")}: ${ok.length}/${outcomes.length}`);
    close.focus();
  }
}

export function openImportWizard(paths: string[] = []): void {
  new Wizard(paths);
}
