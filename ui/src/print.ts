// The print dialog: what to print, on which paper, in which language; a live preview drawn by
// the same renderer as the file; saving, and the atlas with a progress bar and Cancel.

import "./print.css";
import { api, type AtlasProgress, type FileFilter, type OpenInfo, type PrintRequest, type RegionInfo, type ViewFilter } from "./api";
import { clear, h, option } from "./dom";
import { FILTERS, fileField } from "./files";
import { CHARTS } from "./generated/allCharts";
import type { ChartKind } from "./generated/ChartKind";
import type { PrintPaper } from "./generated/PrintPaper";
import { LANGS, DICTS, formatDate, lang, pick, t, type Key, type Lang } from "./i18n";
import type { ColorBy, State } from "./state";
import { showError, toast } from "./ui";

/** What is printed: the request's kind. */
export type PrintKind = PrintRequest["kind"];

/** The file formats each printout can be written as; the first is the default. */
export const FORMATS: Record<PrintKind, string[]> = {
  map: ["pdf", "png", "svg"],
  atlas: ["pdf"],
  passport: ["pdf", "png", "svg"],
  alerts: ["pdf", "png", "svg"],
  gantt: ["pdf", "png", "svg"],
  dashboard: ["xlsx", "pdf", "png", "svg"],
  effectiveness: ["pdf", "xlsx", "png", "svg"],
  support_register: ["pdf", "xlsx", "png", "svg"],
  monitoring_report: ["pdf", "xlsx", "png", "svg"],
  chart: ["png", "svg", "pdf"],
  table: ["xlsx", "csv"],
};

/** What the user chose in the dialog. */
export interface PrintChoices {
  kind: PrintKind;
  /** A region's KATO prefix, or "" for what the window's filter shows (all of Kazakhstan). */
  region: string;
  chart: ChartKind;
  paper: PrintPaper;
  landscape: boolean;
  lang: Lang;
  by: ColorBy;
  format: string;
  /** The id of the approved edition to print the map as, or "" for the map as it stands. */
  edition: string;
  /** The year of the support a form counts, or null for every year. */
  supportYear: number | null;
  /** The period of the monitoring report, or "" for the last one due. */
  period: string;
}

/** What the window knows when the dialog opens. */
export interface PrintContext {
  open: OpenInfo;
  filter: ViewFilter;
  lang: Lang;
  colorBy: ColorBy;
  regions: RegionInfo[];
  /** The selected project, if any: its passport can be printed. */
  selected: { id: string; code: string | null } | null;
  /** What the dialog offers first (the map unless said). */
  kind?: PrintKind;
  /** The effectiveness of the support of this year only (the panel's choice). */
  supportYear?: number | null;
}

/** The dialog's first choices: the window's region, language and colours. */
export function defaultChoices(ctx: PrintContext): PrintChoices {
  const region = ctx.filter.regions.length === 1 ? ctx.filter.regions[0] : ctx.open.region ?? "";
  return { kind: ctx.kind ?? "map", region, chart: CHARTS[0], paper: "A4", landscape: false, lang: ctx.lang, by: ctx.colorBy, format: "pdf", edition: "", supportYear: ctx.supportYear ?? null, period: "" };
}

/**
 * The request the commands take: the window's filter narrowed to the chosen region; a passport
 * names the selected project, a chart its kind.
 */
export function toRequest(c: PrintChoices, ctx: PrintContext): PrintRequest {
  const regions = c.region ? [c.region] : ctx.filter.regions.length > 1 ? ctx.filter.regions : [];
  const options = { filter: { ...ctx.filter, regions }, paper: c.paper, landscape: c.landscape, lang: c.lang, by: c.by, edition: asItStands(c.kind) ? null : c.edition || null };
  switch (c.kind) {
    case "passport":
      return { ...options, kind: "passport", project: ctx.selected?.id ?? "" };
    case "chart":
      return { ...options, kind: "chart", chart: c.chart };
    case "gantt":
      return { ...options, kind: "gantt", project: null };
    case "effectiveness":
      return { ...options, kind: "effectiveness", year: c.supportYear };
    case "support_register":
      return { ...options, kind: "support_register", year: c.supportYear };
    case "monitoring_report":
      return { ...options, kind: "monitoring_report", period: c.period.trim() || null };
    default:
      return { ...options, kind: c.kind };
  }
}

/** The printouts that are spreadsheets: no page to preview, no paper. */
function isWorkbook(kind: PrintKind): boolean {
  return kind === "table";
}

/** The printouts only of the map as it stands: no edition is offered for them. */
function asItStands(kind: PrintKind): boolean {
  return ["alerts", "gantt", "dashboard", "effectiveness", "support_register", "monitoring_report"].includes(kind);
}

/** The dashboard and the signed report forms: always across the sheet. */
function acrossTheSheet(kind: PrintKind): boolean {
  return ["dashboard", "effectiveness", "support_register", "monitoring_report"].includes(kind);
}

const NAME_STEM: Record<PrintKind, string> = { map: "karta", atlas: "atlas", passport: "pasport", chart: "diagramma", table: "tablitsa", alerts: "signaly", gantt: "grafik", dashboard: "plan-fakt", effectiveness: "effektivnost", support_register: "mery-podderzhki", monitoring_report: "monitoring" };

/** A file name that says what it holds and when it was made: `karta-35-2026-11-25.pdf`. */
export function defaultFileName(c: PrintChoices, ctx: PrintContext, today: Date = new Date()): string {
  const date = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
  const what =
    c.kind === "passport" ? (ctx.selected?.code ?? "") : c.kind === "chart" ? c.chart : c.region || (ctx.open.region ?? "kz");
  return [NAME_STEM[c.kind], what, date].filter(Boolean).join("-") + "." + c.format;
}

/** The format a path's extension names, if this printout can be written so. */
export function formatOfPath(path: string, kind: PrintKind): string | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path.trim())?.[1]?.toLowerCase() ?? "";
  return FORMATS[kind].includes(ext) ? ext : null;
}

/** The path with its file name replaced (the folder kept). */
export function withFileName(path: string, name: string): string {
  const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return cut >= 0 ? path.slice(0, cut + 1) + name : name;
}

/** The folder of a path, with its trailing separator ("" when it has none). */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return cut >= 0 ? path.slice(0, cut + 1) : "";
}

/**
 * Runs `run` `ms` after the last `request`, and hands `apply` only the answer of the latest
 * request: an older, slower answer never overwrites a newer one. `busy` says whether an answer
 * is awaited.
 */
export function latestWins<A, R>(
  run: (a: A) => Promise<R>,
  apply: (r: R, a: A) => void,
  fail: (e: unknown) => void,
  busy: (b: boolean) => void,
  ms: number,
): { request(a: A): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  return {
    request(a: A) {
      clearTimeout(timer);
      const mine = ++seq;
      busy(true);
      timer = setTimeout(() => {
        run(a).then(
          (r) => {
            if (mine !== seq) return;
            busy(false);
            apply(r, a);
          },
          (e) => {
            if (mine !== seq) return;
            busy(false);
            fail(e);
          },
        );
      }, ms);
    },
    cancel() {
      clearTimeout(timer);
      seq++;
      busy(false);
    },
  };
}

const FOLDER_KEY = "indmap.print.folder";

function lastFolder(open: OpenInfo): string {
  try {
    return globalThis.localStorage?.getItem(FOLDER_KEY) || folderOf(open.path);
  } catch {
    return folderOf(open.path);
  }
}

function rememberFolder(path: string): void {
  try {
    globalThis.localStorage?.setItem(FOLDER_KEY, folderOf(path));
  } catch {
    // Only the default folder is lost.
  }
}

/** The preview's long side in pixels: sharp enough for the dialog, quick to draw. */
const PREVIEW_PX = 1000;

let openDialog: HTMLElement | null = null;
/** Names each atlas run, so Cancel stops that one. */
let nextAtlasJob = 1;

/** Opens the print dialog over the window (one at a time). */
export function openPrintDialog(ctx: PrintContext): void {
  if (openDialog?.isConnected) return;
  const choices = defaultChoices(ctx);
  let pathTouched = false;
  let page = 0;
  let pages = 1;
  let previewUrl: string | null = null;
  let atlasRunning = false;
  let atlasJob = 0;

  const sel = (role: string, opts: HTMLOptionElement[], value: string, onChange: (v: string) => void) => {
    const s = h("select", { "data-role": role }, opts);
    s.value = value;
    s.addEventListener("change", () => onChange(s.value));
    return s;
  };
  const field = (label: string, control: HTMLElement, role?: string) => h("label", { class: "print-field", "data-field": role ?? null }, label, control);

  const kindSel = sel(
    "print-kind",
    (["map", "atlas", "passport", "chart", "table", "dashboard", "alerts", "gantt", "monitoring_report", "support_register", "effectiveness"] as const).map((k) => {
      const o = option(k, t(`pr_kind_${k}` as Key));
      if (k === "passport" && !ctx.selected) o.disabled = true;
      return o;
    }),
    choices.kind,
    (v) => {
      choices.kind = v as PrintKind;
      choices.format = FORMATS[choices.kind][0];
      page = 0;
      changed();
    },
  );
  const chartSel = sel("print-chart", CHARTS.map((c) => option(c, t(`pr_chart_${c.replace(/-/g, "_")}` as Key))), choices.chart, (v) => {
    choices.chart = v as ChartKind;
    changed();
  });
  const regionList = ctx.open.region ? ctx.regions.filter((r) => r.kato === ctx.open.region) : ctx.regions;
  const regionOpts = [...regionList].sort((a, b) => pick(a.label).localeCompare(pick(b.label), lang())).map((r) => option(r.kato, pick(r.label)));
  const regionSel = sel("print-region", [ctx.open.region ? null : option("", t("pr_whole_country")), ...regionOpts].filter((o): o is HTMLOptionElement => o !== null), choices.region, (v) => {
    choices.region = v;
    page = 0;
    changed();
  });
  // The map as it stands, or as approved in one of this map's editions (filled once they are read).
  const editionSel = sel("print-edition", [option("", t("pr_edition_now"))], "", (v) => {
    choices.edition = v;
    page = 0;
    changed();
  });
  void api
    .editions()
    .then((editions) => {
      for (const e of editions.filter((e) => e.map === ctx.open.scope)) {
        editionSel.append(option(e.id, `${t("pr_edition_as_approved")} ${e.number}: ${e.act}, ${formatDate(e.date)}`));
      }
    })
    .catch(() => {
      // Without the list the map prints as it stands, as it always could.
    });
  // The year of the support a form counts, and the period of the monitoring report.
  const yearBox = h("input", { type: "number", min: 1990, max: 2100, "data-role": "print-support-year", placeholder: t("pr_all_years") });
  yearBox.value = choices.supportYear === null ? "" : String(choices.supportYear);
  yearBox.addEventListener("change", () => {
    const y = Number(yearBox.value);
    choices.supportYear = yearBox.value.trim() && Number.isInteger(y) ? y : null;
    page = 0;
    changed();
  });
  const periodBox = h("input", { type: "text", "data-role": "print-period", placeholder: t("pr_period_due") });
  periodBox.addEventListener("change", () => {
    choices.period = periodBox.value;
    page = 0;
    changed();
  });
  const paperSel = sel("print-paper", [option("A4", "A4"), option("A3", "A3")], choices.paper, (v) => {
    choices.paper = v as PrintPaper;
    changed();
  });
  const orientSel = sel("print-orientation", [option("portrait", t("pr_portrait")), option("landscape", t("pr_landscape"))], "portrait", (v) => {
    choices.landscape = v === "landscape";
    changed();
  });
  const langSel = sel("print-lang", LANGS.map((l) => option(l, DICTS[l].lang_name)), choices.lang, (v) => {
    choices.lang = v as Lang;
    changed();
  });
  const bySel = sel("print-by", [option("status", t("color_status")), option("sector", t("color_sector"))], choices.by, (v) => {
    choices.by = v as ColorBy;
    changed();
  });
  const formatSel = h("select", { "data-role": "print-format" });
  formatSel.addEventListener("change", () => {
    choices.format = formatSel.value;
    file.input.value = withFileName(file.input.value, replaceExt(baseName(file.input.value), choices.format));
  });
  // Refilled when the kind changes; the native dialog reads it when it opens.
  const fileFilters: FileFilter[] = [];
  const file = fileField({
    role: "print-path",
    label: t("pr_file"),
    mode: "save",
    filters: fileFilters,
    value: lastFolder(ctx.open) + defaultFileName(choices, ctx),
    onPick: () => followPath(),
  });
  file.input.addEventListener("input", () => {
    pathTouched = true;
    followPath();
  });

  const img = h("img", { class: "print-img", "data-role": "print-preview", alt: t("pr_preview"), hidden: true });
  const spinner = h("div", { class: "print-spinner", "data-role": "print-spinner", hidden: true }, h("span", { class: "spin" }), t("pr_rendering"));
  const note = h("p", { class: "print-note", "data-role": "print-note", hidden: true });
  const pageLabel = h("span", { "data-role": "print-page" });
  const prevBtn = h("button", { type: "button", "data-role": "print-prev", title: t("pr_prev"), "aria-label": t("pr_prev"), onclick: () => step(-1) }, "‹");
  const nextBtn = h("button", { type: "button", "data-role": "print-next", title: t("pr_next"), "aria-label": t("pr_next"), onclick: () => step(1) }, "›");
  const pager = h("div", { class: "print-pager" }, prevBtn, pageLabel, nextBtn);
  const progress = h("progress", { "data-role": "print-progress", max: 1, value: 0 });
  const progressText = h("span", { "data-role": "print-progress-text" });
  const cancelAtlas = h("button", { type: "button", "data-role": "print-cancel", onclick: () => cancelTheAtlas() }, t("pr_cancel_atlas"));
  const progressBox = h("div", { class: "print-progress", hidden: true }, progress, progressText, cancelAtlas);
  const saveBtn = h("button", { type: "button", class: "primary", "data-role": "print-save", onclick: () => void save() }, t("pr_save"));
  const closeBtn = h("button", { type: "button", "data-role": "print-close", onclick: () => close() }, t("pr_close"));

  const dialog = h(
    "div",
    { class: "print-dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": "print-title", "data-role": "print-dialog" },
    h("h2", { id: "print-title" }, t("pr_title")),
    h(
      "div",
      { class: "print-body" },
      h(
        "div",
        { class: "print-options" },
        field(t("pr_what"), kindSel),
        field(t("pr_chart"), chartSel, "chart"),
        field(t("pr_region"), regionSel, "region"),
        field(t("pr_edition"), editionSel, "edition"),
        field(t("pr_support_year"), yearBox, "support-year"),
        field(t("pr_period"), periodBox, "period"),
        h("div", { class: "print-row" }, field(t("pr_paper"), paperSel, "paper"), field(t("pr_orientation"), orientSel, "orientation")),
        field(t("pr_lang"), langSel),
        field(t("pr_by"), bySel, "by"),
        field(t("pr_format"), formatSel),
        file.el,
        progressBox,
      ),
      h("div", { class: "print-preview" }, h("div", { class: "print-sheet" }, img, note, spinner), pager),
    ),
    h("div", { class: "dialog-buttons" }, closeBtn, saveBtn),
  );
  const overlay = h("div", { class: "overlay print-overlay" }, dialog);

  const preview = latestWins(
    async (req: PrintRequest) => {
      // The preview shows the last page when asked past the end; the count comes after it (the
      // app keeps it from the preview, so an atlas is laid out once).
      const bytes = await api.printPreview(req, page, PREVIEW_PX);
      const count = req.kind === "atlas" || req.kind === "passport" || req.kind === "alerts" || req.kind === "gantt" ? await api.printPageCount(req) : 1;
      return { count, shown: Math.min(page, count - 1), bytes };
    },
    ({ count, shown, bytes }, req) => {
      pages = count;
      page = shown;
      if (previewUrl) URL.revokeObjectURL(previewUrl);
      previewUrl = URL.createObjectURL(new Blob([bytes], { type: "image/png" }));
      img.dataset.request = JSON.stringify(req);
      img.src = previewUrl;
      img.hidden = false;
      renderPager();
    },
    (e) => {
      img.hidden = true;
      showError(e);
    },
    (busy) => {
      spinner.hidden = !busy;
      dialog.dataset.busy = busy ? "true" : "false";
    },
    250,
  );

  function renderPager(): void {
    pager.hidden = pages <= 1 || isWorkbook(choices.kind);
    pageLabel.textContent = `${t("pr_page")} ${page + 1} ${t("pr_of")} ${pages}`;
    prevBtn.disabled = page <= 0;
    nextBtn.disabled = page >= pages - 1;
  }

  function step(by: number): void {
    const next = Math.max(0, Math.min(pages - 1, page + by));
    if (next === page) return;
    page = next;
    renderPager();
    preview.request(toRequest(choices, ctx));
  }

  /** The format select follows a typed or picked path's extension. */
  function followPath(): void {
    const f = formatOfPath(file.input.value, choices.kind);
    if (f) {
      choices.format = f;
      formatSel.value = f;
    }
  }

  function changed(): void {
    const kind = choices.kind;
    const show = (name: string, on: boolean) =>
      dialog.querySelectorAll<HTMLElement>(`[data-field=${name}]`).forEach((el) => (el.hidden = !on));
    show("chart", kind === "chart");
    show("region", kind !== "passport");
    show("paper", !isWorkbook(kind) && kind !== "chart");
    // The effectiveness report is always across the sheet: fifteen columns of figures.
    show("orientation", !isWorkbook(kind) && kind !== "chart" && !acrossTheSheet(kind));
    show("support-year", kind === "effectiveness" || kind === "support_register");
    show("period", kind === "monitoring_report");
    show("by", kind === "map" || kind === "atlas");
    // The alert list and the schedule are of the map as it stands.
    show("edition", !asItStands(kind));
    clear(formatSel);
    FORMATS[kind].forEach((f) => formatSel.appendChild(option(f, f.toUpperCase(), f === choices.format)));
    fileFilters.splice(0, fileFilters.length, ...FORMATS[kind].map((f) => FILTERS[f as keyof typeof FILTERS]));
    if (!pathTouched) file.input.value = withFileName(file.input.value, defaultFileName(choices, ctx));
    else file.input.value = withFileName(file.input.value, replaceExt(baseName(file.input.value), choices.format));
    saveBtn.textContent = kind === "atlas" ? t("pr_make_atlas") : t("pr_save");
    const noPreview = isWorkbook(kind) || (kind === "passport" && !ctx.selected);
    note.hidden = !noPreview;
    note.textContent = kind === "table" ? t("pr_table_note") : t("pr_passport_none");
    if (noPreview) {
      preview.cancel();
      img.hidden = true;
      pages = 1;
      renderPager();
      return;
    }
    preview.request(toRequest(choices, ctx));
  }

  async function save(): Promise<void> {
    if (atlasRunning || saveBtn.disabled) return;
    const path = file.input.value.trim();
    const req = toRequest(choices, ctx);
    saveBtn.disabled = true;
    try {
      if (choices.kind === "atlas") {
        atlasRunning = true;
        progressBox.hidden = false;
        progress.value = 0;
        progressText.textContent = "";
        cancelAtlas.disabled = false;
        atlasJob = nextAtlasJob++;
        const written = await api.printAtlas(req, path, atlasJob, (p: AtlasProgress) => showProgress(p));
        if (!written) {
          toast(t("pr_atlas_cancelled"), "warning");
          return;
        }
      } else {
        await api.printSave(req, path);
      }
      rememberFolder(path);
      toast(`${t("pr_saved")}: ${baseName(path)}`);
      close();
    } catch (e) {
      showError(e);
    } finally {
      atlasRunning = false;
      saveBtn.disabled = false;
      progressBox.hidden = true;
    }
  }

  /** The atlas stops at its next page; the PDF is not written. */
  function cancelTheAtlas(): void {
    if (!atlasRunning || cancelAtlas.disabled) return;
    cancelAtlas.disabled = true;
    progressText.textContent = t("pr_atlas_cancelling");
    void api.printAtlasCancel(atlasJob).catch(showError);
  }

  function showProgress(p: AtlasProgress): void {
    if (cancelAtlas.disabled) return;
    progress.max = Math.max(1, p.total);
    progress.value = p.done;
    progress.dataset.done = String(p.done);
    progress.dataset.total = String(p.total);
    progressText.textContent = p.done >= p.total ? t("pr_atlas_writing") : `${t("pr_atlas_progress")} ${p.done} ${t("pr_of")} ${p.total}`;
  }

  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      e.preventDefault();
      if (atlasRunning) cancelTheAtlas();
      else close();
    } else if (e.key === "Enter" && !(e.target instanceof Element && e.target.closest("button"))) {
      e.preventDefault();
      void save();
    }
  };

  function close(): void {
    preview.cancel();
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    document.removeEventListener("keydown", onKey, true);
    overlay.remove();
    openDialog = null;
  }

  document.addEventListener("keydown", onKey, true);
  document.body.appendChild(overlay);
  openDialog = overlay;
  renderPager();
  changed();
  kindSel.focus();
}

/** Opens the print dialog for what the window shows now. */
export function openPrint(s: State, kind?: PrintKind, supportYear: number | null = null): void {
  if (!s.open) return;
  const row = s.selected ? s.view?.rows.find((r) => r.id === s.selected) : undefined;
  openPrintDialog({
    open: s.open,
    filter: s.filter,
    lang: s.lang,
    colorBy: s.colorBy,
    regions: s.regions,
    selected: row ? { id: row.id, code: row.code } : null,
    kind,
    supportYear,
  });
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

function replaceExt(name: string, ext: string): string {
  return /\.[A-Za-z0-9]+$/.test(name) ? name.replace(/\.[A-Za-z0-9]+$/, "." + ext) : `${name}.${ext}`;
}
