// The window's only door to the data: typed wrappers around our Tauri commands. Errors arrive as
// {kind, message, problems}; the interface branches on `kind` only.

import { invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "./generated/AppInfo";
import type { ErrorKind } from "./generated/ErrorKind";
import type { MapView } from "./generated/MapView";
import type { OpenInfo } from "./generated/OpenInfo";
import type { Problem } from "./generated/Problem";
import type { ProjectProperties } from "./generated/ProjectProperties";
import type { ProjectRow } from "./generated/ProjectRow";
import type { Reference } from "./generated/Reference";
import type { RegionInfo } from "./generated/RegionInfo";
import type { Saved } from "./generated/Saved";
import type { ViewFilter } from "./generated/ViewFilter";

export type { AppInfo, ErrorKind, MapView, OpenInfo, Problem, ProjectProperties, ProjectRow, Reference, RegionInfo, Saved, ViewFilter };

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

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
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
};
