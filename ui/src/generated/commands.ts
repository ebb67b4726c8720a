// The commands the app registers (src-tauri/lib.rs), the arguments each takes as the window
// sends them, and what each answers; made by tests/generated_types.rs.

import type { AppInfo } from "./AppInfo";
import type { AtlasProgress } from "./AtlasProgress";
import type { Backup } from "./Backup";
import type { Channel } from "@tauri-apps/api/core";
import type { ConflictView } from "./ConflictView";
import type { Exported } from "./Exported";
import type { ImportOutcome } from "./ImportOutcome";
import type { LogEntry } from "./LogEntry";
import type { MapLayer } from "./MapLayer";
import type { MapView } from "./MapView";
import type { OpenInfo } from "./OpenInfo";
import type { PickFile } from "./PickFile";
import type { PrintLang } from "./PrintLang";
import type { PrintRequest } from "./PrintRequest";
import type { ProposalView } from "./ProposalView";
import type { Reference } from "./Reference";
import type { RegionInfo } from "./RegionInfo";
import type { Reporting } from "./Reporting";
import type { Saved } from "./Saved";
import type { SignatureNote } from "./SignatureNote";
import type { Take } from "./Take";
import type { ViewFilter } from "./ViewFilter";

export interface CommandArgs {
  add_project: { feature: string };
  app_info: Record<string, never>;
  boundaries: Record<string, never>;
  create_database: { path: string; scope: string };
  delete_project: { id: string; reason: string | null };
  load_prefs: Record<string, never>;
  monitoring_status: { period: string | null };
  open_database: { path: string };
  open_sample: Record<string, never>;
  pick_file: { request: PickFile };
  print_atlas: { request: PrintRequest; path: string; job: number; onProgress: Channel<AtlasProgress> };
  print_atlas_cancel: { job: number };
  print_page_count: { request: PrintRequest };
  print_preview: { request: PrintRequest; page: number; size: number };
  print_save: { request: PrintRequest; path: string };
  project: { id: string };
  read_layers: { path: string };
  reference: Record<string, never>;
  regions: Record<string, never>;
  save_prefs: { text: string };
  set_title: { title: string };
  sync_accept: { id: string };
  sync_backups: Record<string, never>;
  sync_conflicts: Record<string, never>;
  sync_export: { path: string; region: string | null; forScope: string | null };
  sync_history: { id: string };
  sync_import_apply: { files: Array<string> };
  sync_import_preview: { files: Array<string> };
  sync_proposals: Record<string, never>;
  sync_reject: { id: string; reason: string | null };
  sync_resolve: { id: string; take: Take };
  sync_restore: { name: string };
  sync_save_bill: { file: string; out: string; lang: PrintLang };
  sync_trust_sender: { path: string; fingerprint: string };
  update_project: { id: string; feature: string };
  view: { filter: ViewFilter };
}

export interface CommandAnswers {
  add_project: Saved;
  app_info: AppInfo;
  boundaries: string;
  create_database: OpenInfo;
  delete_project: boolean;
  load_prefs: string | null;
  monitoring_status: Reporting;
  open_database: OpenInfo;
  open_sample: OpenInfo;
  pick_file: Array<string>;
  print_atlas: boolean;
  print_atlas_cancel: void;
  print_page_count: number;
  print_preview: ArrayBuffer;
  print_save: string;
  project: unknown;
  read_layers: Array<MapLayer>;
  reference: Reference;
  regions: Array<RegionInfo>;
  save_prefs: void;
  set_title: void;
  sync_accept: void;
  sync_backups: Array<Backup>;
  sync_conflicts: Array<ConflictView>;
  sync_export: Exported;
  sync_history: Array<LogEntry>;
  sync_import_apply: Array<ImportOutcome>;
  sync_import_preview: Array<ImportOutcome>;
  sync_proposals: Array<ProposalView>;
  sync_reject: void;
  sync_resolve: void;
  sync_restore: string;
  sync_save_bill: string;
  sync_trust_sender: SignatureNote;
  update_project: Saved;
  view: MapView;
}

export type Command = keyof CommandArgs;
