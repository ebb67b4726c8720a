// The reporting grid: a period's reports of every project this map reports on, a row a project and
// a column a field of the report, filled from the keyboard as in a spreadsheet (Tab, Enter and the
// arrow keys move, a block copied from Excel pastes across rows and columns). Each edited row is
// checked by the API as it is left, its problems beside it; Save writes every edited row that
// passes in one transaction. What a cell means (a number typed `1 500 000,50`, a status by its
// label) is read in Rust, the same as a spreadsheet imported from a file.

import { api, type Problem, type ReportSheet, type ReportsTaken, type TableCell, type TableRow } from "../api";
import { clear, h } from "../dom";
import { FILTERS, fileField } from "../files";
import { formatNumber, lang, pick, t } from "../i18n";
import { problemText, ruleKey } from "../rules";
import { ask, showError, toast } from "../ui";
import { openPanel } from "./panel";

/** A block of cells as Excel puts it on the clipboard: rows by line, cells by tab. */
export function pastedBlock(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines.map((line) => line.split("\t"));
}

/** A held value as the cell shows it for typing over: numbers and dates as written, a status by its label. */
export function cellText(value: unknown, label: (code: string) => string | null): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return label(value) ?? value;
  return JSON.stringify(value);
}

/** The grid's rows as a table the API reads: a header of field names, then each row by its line. */
export function tableOf(sheet: ReportSheet, rows: { index: number; code: string; texts: string[] }[]): { rows: TableRow[] } {
  const text = (s: string): TableCell => (s.trim() === "" ? { type: "empty" } : { type: "text", value: s });
  const header: TableRow = { line: 0, cells: [text("code"), ...sheet.columns.map((c) => text(c.name))] };
  return { rows: [header, ...rows.map((r) => ({ line: r.index + 1, cells: [text(r.code), ...r.texts.map(text)] }))] };
}

interface GridRow {
  code: string;
  reported: boolean;
  dirty: boolean;
  tr: HTMLTableRowElement;
  inputs: HTMLInputElement[];
  problems: HTMLElement;
}

export async function openReportGrid(period: string | null, onSaved?: () => void): Promise<void> {
  const statuses = new Map<string, string>();
  try {
    for (const s of (await api.reference()).statuses) statuses.set(s.code, pick(s.label));
  } catch (e) {
    showError(e);
  }
  let sheet: ReportSheet | null = null;
  let rows: GridRow[] = [];
  const unsaved = () => rows.some((r) => r.dirty);
  const panel = openPanel("sx-grid-panel", t("sx_grid_title"), () => onSaved?.());
  const periodInput = h("input", { type: "text", "data-role": "sx-grid-period", "aria-label": t("sx_period"), placeholder: "2026-Q3", size: 10, value: period ?? "" });
  const progress = h("span", { class: "sx-grid-progress", "data-role": "sx-grid-progress", "aria-live": "polite" });
  const body = h("div", { class: "sx-grid-wrap" });
  const saveButton = h("button", { class: "primary", "data-role": "sx-grid-save", onclick: () => void save() }, t("sx_grid_save"));
  const file = fileField({ role: "sx-grid-file", label: t("sx_grid_file"), mode: "open", filters: [FILTERS.xlsx, FILTERS.csv] });
  const report = h("div", { class: "sx-grid-report", "data-role": "sx-grid-report" });

  const showProgress = () => {
    const done = rows.filter((r) => r.reported).length;
    progress.textContent = `${t("sx_grid_reported")}: ${formatNumber(done)} / ${formatNumber(rows.length)}`;
  };

  const showProblems = (row: GridRow, problems: Problem[]) => {
    row.inputs.forEach((input) => {
      input.classList.remove("bad");
      input.removeAttribute("title");
      input.removeAttribute("aria-invalid");
    });
    clear(row.problems);
    const errors = problems.filter((p) => p.severity === "error");
    row.tr.classList.toggle("bad", errors.length > 0);
    for (const p of errors) {
      const col = sheet ? sheet.columns.findIndex((c) => c.name === p.field) : -1;
      const label = col >= 0 && sheet ? pick(sheet.columns[col].label) : t("sx_grid_code");
      if (col >= 0) {
        row.inputs[col].classList.add("bad");
        row.inputs[col].title = problemText(p);
        row.inputs[col].setAttribute("aria-invalid", "true");
      }
      row.problems.append(h("div", { "data-role": "sx-grid-problem", "data-field": p.field }, `${label}: ${problemText(p)}`));
    }
  };

  /** Sends rows to the API, to check or to save; each row's problems are shown beside it. */
  const send = async (which: GridRow[], check: boolean): Promise<ReportsTaken | null> => {
    if (!sheet || which.length === 0) return null;
    const indexed = which.map((r) => ({ index: rows.indexOf(r), code: r.code, texts: r.inputs.map((i) => i.value) }));
    const answer = await api.putReports(sheet.period, tableOf(sheet, indexed), check);
    for (const r of which) showProblems(r, []);
    for (const refused of answer.refused) {
      const row = rows[refused.line - 1];
      if (row) showProblems(row, refused.problems);
    }
    return answer;
  };

  const check = (which: GridRow[]) => void send(which, true).catch(showError);

  const save = async (): Promise<boolean> => {
    const dirty = rows.filter((r) => r.dirty);
    if (dirty.length === 0) {
      toast(t("sx_grid_nothing"));
      return true;
    }
    try {
      const answer = await send(dirty, false);
      if (!answer) return true;
      for (const taken of answer.taken) {
        const row = rows[taken.line - 1];
        if (!row) continue;
        row.dirty = false;
        row.reported = true;
        row.tr.classList.remove("dirty");
        row.tr.classList.add("reported");
      }
      showProgress();
      const saved = `${t("sx_grid_saved")}: ${formatNumber(answer.taken.length)}`;
      if (answer.refused.length > 0) {
        toast(`${saved}. ${t("sx_grid_refused")}: ${formatNumber(answer.refused.length)}`, "warning", 8000);
        rows[answer.refused[0].line - 1]?.inputs[0]?.focus();
        return false;
      }
      toast(saved);
      return true;
    } catch (e) {
      showError(e);
      return false;
    }
  };

  const move = (row: number, col: number) => {
    const target = rows[Math.max(0, Math.min(rows.length - 1, row))]?.inputs[Math.max(0, Math.min(col, rows[0].inputs.length - 1))];
    if (target) {
      target.focus();
      target.select();
    }
  };

  const onKey = (e: KeyboardEvent, r: number, c: number) => {
    const input = e.target as HTMLInputElement;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
    if (e.key === "Enter" || e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      move(e.key === "ArrowUp" || (e.key === "Enter" && e.shiftKey) ? r - 1 : r + 1, c);
    } else if (e.key === "ArrowLeft" && atStart && c > 0) {
      e.preventDefault();
      move(r, c - 1);
    } else if (e.key === "ArrowRight" && atEnd) {
      e.preventDefault();
      move(r, c + 1);
    } else if (e.key === "s" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  };

  const onPaste = (e: ClipboardEvent, r: number, c: number) => {
    const text = e.clipboardData?.getData("text/plain") ?? "";
    if (!/[\t\n]/.test(text) || sheet?.locked) return;
    e.preventDefault();
    const touched: GridRow[] = [];
    pastedBlock(text).forEach((cells, i) => {
      const row = rows[r + i];
      if (!row) return;
      cells.forEach((value, j) => {
        const input = row.inputs[c + j];
        if (input) input.value = value.trim();
      });
      markDirty(row);
      touched.push(row);
    });
    check(touched);
  };

  const markDirty = (row: GridRow) => {
    row.dirty = true;
    row.tr.classList.add("dirty");
  };

  const render = (s: ReportSheet) => {
    sheet = s;
    periodInput.value = s.period;
    clear(body);
    if (s.rows.length === 0) {
      rows = [];
      body.append(h("p", { class: "muted", "data-role": "sx-grid-none" }, t("sx_grid_none")));
      showProgress();
      return;
    }
    const l = lang();
    saveButton.disabled = s.locked;
    if (s.locked) body.append(h("p", { class: "sx-locked", "data-role": "sx-grid-locked" }, t(ruleKey("period.locked"))));
    rows = s.rows.map((p, r) => {
      const inputs = s.columns.map((col, c) => {
        const input = h("input", {
          type: "text",
          "data-role": "sx-grid-cell",
          "data-row": String(r),
          "data-field": col.name,
          "aria-label": `${p.code} ${pick(col.label)}`,
          value: cellText(p.values[c], (code) => (col.kind === "code" ? statuses.get(code) ?? null : null)),
          spellcheck: "false",
          readonly: s.locked,
        });
        input.classList.add(`kind-${col.kind}`);
        input.addEventListener("keydown", (e) => onKey(e, r, c));
        input.addEventListener("paste", (e) => onPaste(e, r, c));
        input.addEventListener("input", () => markDirty(row));
        input.addEventListener("change", () => check([row]));
        return input;
      });
      const problems = h("td", { class: "sx-grid-problems", "data-role": "sx-grid-problems" });
      const tr = h(
        "tr",
        { "data-role": "sx-grid-row", "data-code": p.code, class: p.reported ? "reported" : "" },
        h("th", { scope: "row", class: "code" }, p.code),
        h("td", { class: "name", title: l === "kk" ? p.name_kk : p.name_ru }, l === "kk" ? p.name_kk : p.name_ru),
        inputs.map((input) => h("td", {}, input)),
        problems,
      );
      const row: GridRow = { code: p.code, reported: p.reported, dirty: false, tr, inputs, problems };
      return row;
    });
    body.append(
      h(
        "table",
        { class: "sx-grid", "data-role": "sx-grid" },
        h(
          "thead",
          {},
          h("tr", {}, h("th", {}, t("sx_grid_code")), h("th", {}, t("sx_grid_name")), s.columns.map((c) => h("th", { "data-field": c.name }, pick(c.label))), h("th", {}, t("sx_grid_problems"))),
        ),
        h("tbody", {}, rows.map((r) => r.tr)),
      ),
    );
    showProgress();
  };

  const load = async () => {
    if (unsaved()) {
      const go = await ask({ title: t("sx_grid_title"), text: t("sx_grid_unsaved"), ok: t("sx_grid_discard"), cancel: t("sx_grid_keep"), danger: true });
      if (go === null) return;
    }
    try {
      render(await api.reportSheet(periodInput.value.trim() || null));
    } catch (e) {
      showError(e);
    }
  };

  const importFile = async () => {
    const path = file.paths()[0];
    if (!path || !sheet) return;
    try {
      const answer = await api.importReports(path, sheet.period, false);
      clear(report);
      report.append(
        h("p", { "data-role": "sx-grid-import-summary" }, `${t("sx_grid_saved")}: ${formatNumber(answer.taken.length)}; ${t("sx_grid_refused")}: ${formatNumber(answer.refused.length)}`),
        h(
          "ul",
          {},
          answer.refused.map((r) =>
            h("li", { "data-role": "sx-grid-import-refused" }, `${t("sx_grid_line")} ${r.line} (${r.project}): ${r.problems.filter((p) => p.severity === "error").map((p) => `${p.field}: ${problemText(p)}`).join("; ")}`),
          ),
        ),
      );
      const kept = rows.filter((r) => r.dirty).length === 0;
      if (kept) render(await api.reportSheet(sheet.period));
    } catch (e) {
      showError(e);
    }
  };

  periodInput.addEventListener("keydown", (e) => {
    if (e.key === "Enter") void load();
  });
  panel.body.append(
    h(
      "div",
      { class: "sx-rep-bar" },
      h("label", {}, t("sx_period"), periodInput),
      h("button", { "data-role": "sx-grid-show", onclick: () => void load() }, t("sx_rep_show")),
      progress,
    ),
    h("p", { class: "sx-grid-hint" }, t("sx_grid_hint")),
    body,
    h("div", { class: "sx-rep-bar sx-grid-import" }, file.el, h("button", { "data-role": "sx-grid-import", onclick: () => void importFile() }, t("sx_grid_import"))),
    report,
  );
  const close = async () => {
    if (unsaved()) {
      const go = await ask({ title: t("sx_grid_title"), text: t("sx_grid_unsaved"), ok: t("sx_grid_discard"), cancel: t("sx_grid_keep"), danger: true });
      if (go === null) return;
    }
    panel.close();
  };
  panel.buttons.append(h("button", { "data-role": "sx-grid-close", onclick: () => void close() }, t("sx_close")), saveButton);
  try {
    render(await api.reportSheet(period));
    rows[0]?.inputs[0]?.focus();
  } catch (e) {
    showError(e);
  }
}
