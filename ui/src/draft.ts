// The editor's autosaved draft: while a project has unsaved changes it is written to the
// window's storage every few seconds, keyed by the database file and the project (or "new"), so
// closing the editor, a crash or a restart loses no typing. A draft is dropped on save, on the
// user's "discard", or after a week.

export const DRAFT_INTERVAL_MS = 3000;
export const DRAFT_MAX_AGE_MS = 7 * 24 * 3600 * 1000;
const PREFIX = "indmap.draft.v1:";

export interface Draft<T> {
  /** When it was written, ms since 1970. */
  at: number;
  model: T;
}

export function draftKey(dbPath: string, projectId: string | null): string {
  return `${PREFIX}${dbPath}\n${projectId ?? "new"}`;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The draft under `key`, if there is one younger than a week (an older one is removed). */
export function loadDraft<T>(key: string, now = Date.now(), s: Storage | null = storage()): Draft<T> | null {
  try {
    const raw = s?.getItem(key);
    if (!raw) return null;
    const d = JSON.parse(raw) as Draft<T>;
    if (typeof d.at !== "number" || d.model === undefined || now - d.at > DRAFT_MAX_AGE_MS || d.at > now + 60_000) {
      s?.removeItem(key);
      return null;
    }
    return d;
  } catch {
    s?.removeItem(key);
    return null;
  }
}

export function saveDraft<T>(key: string, model: T, now = Date.now(), s: Storage | null = storage()): void {
  try {
    s?.setItem(key, JSON.stringify({ at: now, model } satisfies Draft<T>));
  } catch {
    // A full or disabled storage loses only the draft; the editor itself still holds the changes.
  }
}

export function discardDraft(key: string, s: Storage | null = storage()): void {
  try {
    s?.removeItem(key);
  } catch {
    // nothing to do
  }
}

/** Removes every draft older than a week, so storage does not fill with forgotten ones. */
export function pruneDrafts(now = Date.now(), s: Storage | null = storage()): void {
  if (!s) return;
  const keys: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (k?.startsWith(PREFIX)) keys.push(k);
  }
  for (const k of keys) loadDraft(k, now, s);
}

/** "14:05", the time a draft was written, for "Restore unsaved draft from 14:05?"; a draft of
 * another day also says the day: "24.11 14:05". */
export function draftTime(at: number, now = Date.now()): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, "0");
  const time = `${two(d.getHours())}:${two(d.getMinutes())}`;
  return new Date(now).toDateString() === d.toDateString() ? time : `${two(d.getDate())}.${two(d.getMonth() + 1)} ${time}`;
}
