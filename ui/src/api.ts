// The window's only door to the data: typed wrappers around our Tauri commands. Errors arrive as
// {kind, message, problems}; the interface branches on `kind` only.

import { invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "./generated/AppInfo";
import type { Command } from "./generated/commands";
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
import type { ConflictView } from "./generated/ConflictView";
import type { Exported } from "./generated/Exported";
import type { ImportOutcome } from "./generated/ImportOutcome";
import type { ImportReport } from "./generated/ImportReport";
import type { LogEntry } from "./generated/LogEntry";
import type { ProposalView } from "./generated/ProposalView";
export type { Backup, ConflictView, Exported, ImportOutcome, ImportReport, LogEntry, ProposalView };
// print
import { Channel } from "@tauri-apps/api/core";
import type { AtlasProgress } from "./generated/AtlasProgress";
import type { PrintRequest } from "./generated/PrintRequest";
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

const KINDS: ErrorKind[] = ["invalid", "not_found", "conflict", "incompatible", "io", "internal"];

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e && typeof e === "object" && "kind" in e) {
    const o = e as { kind: unknown; message?: unknown; problems?: unknown };
    const kind = KINDS.includes(o.kind as ErrorKind) ? (o.kind as ErrorKind) : "internal";
    return new ApiError(kind, String(o.message ?? ""), Array.isArray(o.problems) ? (o.problems as Problem[]) : []);
  }
  return new ApiError("internal", e instanceof Error ? e.message : String(e));
}

async function call<T>(cmd: Command, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toApiError(e);
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  openDatabase: (path: string) => call<OpenInfo>("open_database", { path }),
  createDatabase: (path: string, scope: string) => call<OpenInfo>("create_database", { path, scope }),
  openSample: () => call<OpenInfo>("open_sample"),
  setTitle: (title: string) => call<void>("set_title", { title }),
  regions: () => call<RegionInfo[]>("regions"),
  boundaries: () => call<string>("boundaries"),
  reference: () => call<Reference>("reference"),
  view: (filter: ViewFilter) => call<MapView>("view", { filter }),
  project: (id: string) => call<ProjectFeature>("project", { id }),
  addProject: (feature: ProjectFeature) => call<Saved>("add_project", { feature: JSON.stringify(feature) }),
  updateProject: (id: string, feature: ProjectFeature) =>
    call<Saved>("update_project", { id, feature: JSON.stringify(feature) }),
  /** Resolves to true when the deletion was only proposed to the project's owner. */
  deleteProject: (id: string, reason: string | null) => call<boolean>("delete_project", { id, reason }),
  loadPrefs: () => call<string | null>("load_prefs"),
  savePrefs: (text: string) => call<void>("save_prefs", { text }),
  /** Shows the native open or save dialog; resolves to the chosen paths (none on cancel). */
  pickFile: (request: PickFile) => call<string[]>("pick_file", { request }),
  // sync
  exportFile: (path: string, region: string | null, forScope: string | null) =>
    call<Exported>("sync_export", { path, region, forScope }),
  /** What importing the files would do (a dry run): one outcome per file, in order. */
  importPreview: (files: string[]) => call<ImportOutcome[]>("sync_import_preview", { files }),
  importApply: (files: string[]) => call<ImportOutcome[]>("sync_import_apply", { files }),
  /** Saves the merge bill of a file previewed last; resolves to the path written. */
  saveBill: (file: string, out: string, lang: string) => call<string>("sync_save_bill", { file, out, lang }),
  conflicts: () => call<ConflictView[]>("sync_conflicts"),
  resolve: (id: string, take: Take) => call<void>("sync_resolve", { id, take }),
  proposals: () => call<ProposalView[]>("sync_proposals"),
  accept: (id: string) => call<void>("sync_accept", { id }),
  reject: (id: string, reason: string | null) => call<void>("sync_reject", { id, reason }),
  history: (id: string) => call<LogEntry[]>("sync_history", { id }),
  backups: () => call<Backup[]>("sync_backups"),
  /** Puts a backup in place of the open map; resolves to the safety copy of what it replaced. */
  restore: (name: string) => call<string>("sync_restore", { name }),
  // print
  /** Page `page` (from 0) of the printout as PNG bytes, its long side about `size` pixels. */
  printPreview: (request: PrintRequest, page: number, size: number) =>
    call<ArrayBuffer>("print_preview", { request, page, size }),
  printPageCount: (request: PrintRequest) => call<number>("print_page_count", { request }),
  /** Writes the printout (not the atlas); resolves to the path written. */
  printSave: (request: PrintRequest, path: string) => call<string>("print_save", { request, path }),
  /** Writes the atlas PDF as job `job`; resolves to false when cancelled (nothing written). */
  printAtlas: (request: PrintRequest, path: string, job: number, progress: (p: AtlasProgress) => void) => {
    const onProgress = new Channel<AtlasProgress>();
    onProgress.onmessage = progress;
    return call<boolean>("print_atlas", { request, path, job, onProgress });
  },
  printAtlasCancel: (job: number) => call<void>("print_atlas_cancel", { job }),
  // layers
  /** Every layer of a GeoJSON or GeoPackage file (EPSG:4326), as GeoJSON to draw. */
  readLayers: (path: string) => call<MapLayer[]>("read_layers", { path }),
};
