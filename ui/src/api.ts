// The window's only door to the data: typed wrappers around our Tauri commands. Errors arrive as
// {kind, message, problems}; the interface branches on `kind` only.

import { invoke } from "@tauri-apps/api/core";
import type { AlertList } from "./generated/AlertList";
import type { AlertRow } from "./generated/AlertRow";
import type { AppInfo } from "./generated/AppInfo";
import type { Gantt } from "./generated/Gantt";
import type { Dashboard } from "./generated/Dashboard";
import type { PlanActual } from "./generated/PlanActual";
import type { Bar } from "./generated/Bar";
import type { Lane } from "./generated/Lane";
import type { Command, CommandAnswers, CommandArgs } from "./generated/commands";
import type { ErrorKind } from "./generated/ErrorKind";
import type { FileFilter } from "./generated/FileFilter";
import type { MapView } from "./generated/MapView";
import type { OpenInfo } from "./generated/OpenInfo";
import type { PickFile } from "./generated/PickFile";
import type { PickMode } from "./generated/PickMode";
import type { Take } from "./generated/Take";
import type { Problem } from "./generated/Problem";
import type { ProjectProperties } from "./generated/schema";
import type { ProjectRow } from "./generated/ProjectRow";
import type { Reference } from "./generated/Reference";
import type { RegionInfo } from "./generated/RegionInfo";
import type { Saved } from "./generated/Saved";
import type { ViewFilter } from "./generated/ViewFilter";
// sync
import type { Backup } from "./generated/Backup";
import type { ExportReceipt } from "./generated/ExportReceipt";
import type { ConflictView } from "./generated/ConflictView";
import type { Exported } from "./generated/Exported";
import type { ImportOutcome } from "./generated/ImportOutcome";
import type { ImportReport } from "./generated/ImportReport";
import type { LogEntry } from "./generated/LogEntry";
import type { ProposalView } from "./generated/ProposalView";
import type { Reporting } from "./generated/Reporting";
import type { ReportingTable } from "./generated/ReportingTable";
import type { Standing } from "./generated/Standing";
import type { PeriodStage } from "./generated/PeriodStage";
import type { Stage } from "./generated/Stage";
import type { Step } from "./generated/Step";
export type { AlertList, AlertRow, Bar, Dashboard, Gantt, Lane, PlanActual };
export type { Backup, ConflictView, ExportReceipt, Exported, ImportOutcome, ImportReport, LogEntry, PeriodStage, ProposalView, Reporting, ReportingTable, Stage, Standing, Step };
import type { ReportSheet } from "./generated/ReportSheet";
import type { ReportsTaken } from "./generated/ReportsTaken";
import type { TableCell } from "./generated/TableCell";
import type { TableRow } from "./generated/TableRow";
export type { ReportSheet, ReportsTaken, TableCell, TableRow };
// editions
import type { Approval } from "./generated/Approval";
import type { EditionDiff } from "./generated/EditionDiff";
import type { EditionSummary } from "./generated/EditionSummary";
import type { EditionView } from "./generated/EditionView";
import type { PlanChange } from "./generated/PlanChange";
import type { ProjectVariance } from "./generated/ProjectVariance";
export type { Approval, EditionDiff, EditionSummary, EditionView, PlanChange, ProjectVariance };
// print
import { Channel } from "@tauri-apps/api/core";
import type { AtlasProgress } from "./generated/AtlasProgress";
import type { PrintRequest } from "./generated/PrintRequest";
import type { PrintLang } from "./generated/PrintLang";
export type { AtlasProgress, PrintRequest };
// layers
import type { MapLayer } from "./generated/MapLayer";
export type { MapLayer, Take };

export type { AppInfo, ErrorKind, FileFilter, MapView, OpenInfo, PickFile, PickMode, Problem, ProjectProperties, ProjectRow, Reference, RegionInfo, Saved, ViewFilter };


export interface Geometry {
  type: string;
  coordinates: unknown;
}

/** A project as the API exchanges it: a GeoJSON Feature. */
export interface ProjectFeature {
  type: "Feature";
  id?: string;
  geometry: Geometry | null;
  properties: ProjectProperties;
}

export class ApiError extends Error {
  constructor(
    public kind: ErrorKind,
    message: string,
    public problems: Problem[] = [],
  ) {
    super(message);
  }
}

const KINDS: ErrorKind[] = ["invalid", "not_found", "conflict", "incompatible", "io", "busy", "internal"];

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e && typeof e === "object" && "kind" in e) {
    const o = e as { kind: unknown; message?: unknown; problems?: unknown };
    const kind = KINDS.includes(o.kind as ErrorKind) ? (o.kind as ErrorKind) : "internal";
    return new ApiError(kind, String(o.message ?? ""), Array.isArray(o.problems) ? (o.problems as Problem[]) : []);
  }
  return new ApiError("internal", e instanceof Error ? e.message : String(e));
}

/** Calls a command with the arguments Rust declares for it and answers what Rust says it answers
 * (generated/commands.ts): tsc refuses a misnamed, mistyped or missing argument. */
async function call<C extends Command>(
  cmd: C,
  ...args: Record<string, never> extends CommandArgs[C] ? [args?: CommandArgs[C]] : [args: CommandArgs[C]]
): Promise<CommandAnswers[C]> {
  try {
    return await invoke<CommandAnswers[C]>(cmd, args[0]);
  } catch (e) {
    throw toApiError(e);
  }
}

export const api = {
  appInfo: () => call("app_info"),
  openDatabase: (path: string) => call("open_database", { path }),
  createDatabase: (path: string, scope: string) => call("create_database", { path, scope }),
  openSample: () => call("open_sample"),
  setTitle: (title: string) => call("set_title", { title }),
  regions: () => call("regions"),
  boundaries: () => call("boundaries"),
  reference: () => call("reference"),
  view: (filter: ViewFilter) => call("view", { filter }),
  /** What is late or does not add up in the filtered set, with counts by kind, region and who acts. */
  alerts: (filter: ViewFilter) => call("alerts", { filter }),
  /** The schedule chart of the filtered set, or of one project (its id or code). */
  gantt: (filter: ViewFilter, project: string | null) => call("gantt", { filter, project }),
  /** Plan against actual of the filtered set. */
  dashboard: (filter: ViewFilter) => call("dashboard", { filter }),
  /** Every setting with its value now. */
  settings: () => call("settings"),
  /** Sets a setting (null: back to its default); answers them all as they now are. */
  setSetting: (key: string, value: string | null) => call("set_setting", { key, value }),
  /** The effectiveness of the support the filtered set received (of `year` only, if given). */
  effectiveness: (filter: ViewFilter, year: number | null) => call("effectiveness", { filter, year }),
  project: (id: string) => call("project", { id }) as Promise<ProjectFeature>,
  addProject: (feature: ProjectFeature) => call("add_project", { feature: JSON.stringify(feature) }),
  updateProject: (id: string, feature: ProjectFeature) =>
    call("update_project", { id, feature: JSON.stringify(feature) }),
  /** Every problem saving the form would meet now; nothing is written. */
  checkProject: (id: string | null, feature: ProjectFeature) => call("check_project", { id, feature: JSON.stringify(feature) }),
  /** Resolves to true when the deletion was only proposed to the project's owner. */
  deleteProject: (id: string, reason: string | null) => call("delete_project", { id, reason }),
  loadPrefs: () => call("load_prefs"),
  savePrefs: (text: string) => call("save_prefs", { text }),
  /** Shows the native open or save dialog; resolves to the chosen paths (none on cancel). */
  pickFile: (request: PickFile) => call("pick_file", { request }),
  // sync
  exportFile: (path: string, region: string | null, forScope: string | null) =>
    call("sync_export", { path, region, forScope }),
  /** What importing the files would do (a dry run): one outcome per file, in order. */
  importPreview: (files: string[]) => call("sync_import_preview", { files }),
  importApply: (files: string[]) => call("sync_import_apply", { files }),
  /** Saves the merge bill of a file previewed last; resolves to the path written. */
  saveBill: (file: string, out: string, lang: PrintLang) => call("sync_save_bill", { file, out, lang }),
  conflicts: () => call("sync_conflicts"),
  resolve: (id: string, take: Take) => call("sync_resolve", { id, take }),
  /** Trusts the key that signed a file, once its fingerprint was confirmed with the sender. */
  trustSender: (path: string, fingerprint: string) => call("sync_trust_sender", { path, fingerprint }),
  proposals: () => call("sync_proposals"),
  accept: (id: string) => call("sync_accept", { id }),
  reject: (id: string, reason: string | null) => call("sync_reject", { id, reason }),
  history: (id: string) => call("sync_history", { id }),
  backups: () => call("sync_backups"),
  /** The receipts of the exchange files this map wrote, the latest first. */
  exports: () => call("sync_exports"),
  /** Who has reported a period (by default the last one that ended), region by region. */
  reporting: (period: string | null) => call("monitoring_status", { period }),
  /** Each region's reporting of the last `periods` periods, side by side. */
  reportingTable: (periods: number) => call("monitoring_table", { periods }),
  /** Takes a step of a period's reporting cycle for a region (this map's own when null). */
  periodStep: (region: string | null, period: string, step: Step, reason: string | null) =>
    call("monitoring_step", { region, period, step, reason }),
  /** Where a region's period stands (this map's own region when null), with its acts. */
  periodCycle: (region: string | null, period: string) => call("monitoring_cycle", { region, period }),
  /** The reporting grid of a period: the projects this map reports on, with their reports' values. */
  reportSheet: (period: string | null) => call("report_sheet", { period }),
  /** Puts rows of a table as the period's reports; with `check`, only says what would be taken. */
  putReports: (period: string, table: { rows: TableRow[] }, check: boolean) => call("put_reports", { period, table, check }),
  importReports: (path: string, period: string, check: boolean) => call("import_reports", { path, period, check }),
  editions: () => call("edition_list"),
  /** Records an edition of the map this database keeps, as approved by the act given. */
  editionApprove: (approval: Approval) => call("edition_approve", { approval }),
  /** An edition by its id, its number on this map or `latest`, with its projects as approved. */
  editionShow: (which: string) => call("edition_show", { which }),
  editionDiff: (from: string, to: string) => call("edition_diff", { from, to }),
  /** How far a project's plan has moved from the latest edition that approved it. */
  variance: (id: string) => call("edition_variance", { id }),
  /** Puts a backup in place of the open map; resolves to the safety copy of what it replaced. */
  restore: (name: string) => call("sync_restore", { name }),
  // print
  /** Page `page` (from 0) of the printout as PNG bytes, its long side about `size` pixels. */
  printPreview: (request: PrintRequest, page: number, size: number) =>
    call("print_preview", { request, page, size }),
  printPageCount: (request: PrintRequest) => call("print_page_count", { request }),
  /** Writes the printout (not the atlas); resolves to the path written. */
  printSave: (request: PrintRequest, path: string) => call("print_save", { request, path }),
  /** Writes the atlas PDF as job `job`; resolves to false when cancelled (nothing written). */
  printAtlas: (request: PrintRequest, path: string, job: number, progress: (p: AtlasProgress) => void) => {
    const onProgress = new Channel<AtlasProgress>();
    onProgress.onmessage = progress;
    return call("print_atlas", { request, path, job, onProgress });
  },
  printAtlasCancel: (job: number) => call("print_atlas_cancel", { job }),
  // layers
  /** Every layer of a GeoJSON or GeoPackage file (EPSG:4326), as GeoJSON to draw. */
  readLayers: (path: string) => call("read_layers", { path }),
};
