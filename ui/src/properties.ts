// The editor's model: a project's Feature properties, read and written by field path
// (`financing[1].amount_kzt`, `capacity.value`), the same paths the API names in its problems.

import type { ProjectProperties } from "./api";
import { blank } from "./fields";

export type Path = string;

function tokens(path: Path): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split(".")) {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) throw new Error(`bad path ${path}`);
    out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

export function getPath(obj: unknown, path: Path): unknown {
  let cur: any = obj;
  for (const k of tokens(path)) {
    if (cur === null || cur === undefined) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** Sets a value, making the objects on the way (an empty `capacity` becomes `{}`). */
export function setPath(obj: any, path: Path, value: unknown): void {
  const ks = tokens(path);
  let cur = obj;
  for (let i = 0; i < ks.length - 1; i++) {
    if (cur[ks[i]] === null || cur[ks[i]] === undefined) cur[ks[i]] = typeof ks[i + 1] === "number" ? [] : {};
    cur = cur[ks[i]];
  }
  cur[ks[ks.length - 1]] = value;
}

/** An object whose every value is empty is no object: `{currency: null, ...}` → null. */
export function pruneEmptyObjects(p: ProjectProperties): ProjectProperties {
  const copy = structuredClone(p);
  for (const key of ["cost_original", "capacity"] as const) {
    const o = copy[key] as Record<string, unknown> | null;
    if (o && Object.values(o).every((v) => v === null || v === undefined || v === "")) copy[key] = null;
  }
  return copy;
}

export function newProperties(region: string | null): ProjectProperties {
  return blank<ProjectProperties>("project", { region: region ?? "" });
}

/** Tenge from millions, exact to the tiyn. */
export function mlnToKzt(mln: number): number {
  return Math.round(mln * 1e8) / 100;
}

export function kztToMln(kzt: number): number {
  return Number((kzt / 1e6).toFixed(8));
}

/** The financing plan against the cost: the live line under the financing table. */
export function financingBalance(p: ProjectProperties): { sum: number; cost: number | null; diff: number | null; pct: number | null } {
  const sum = Math.round(p.financing.reduce((s, f) => s + (Number.isFinite(f.amount_kzt) ? f.amount_kzt : 0), 0) * 100) / 100;
  const cost = p.cost_kzt;
  if (cost === null || cost === undefined) return { sum, cost: null, diff: null, pct: null };
  return { sum, cost, diff: Math.round((sum - cost) * 100) / 100, pct: cost > 0 ? (sum / cost) * 100 : null };
}

/** Undo of the last edits: snapshots of the model, one per field edit (a burst of typing in
 * one field is one edit). */
export class History<T> {
  private stack: string[] = [];
  private lastKey: string | null = null;

  /** Call before changing the model; `key` names the field, null for a structural change. */
  before(model: T, key: string | null): void {
    if (key !== null && key === this.lastKey) return;
    this.stack.push(JSON.stringify(model));
    if (this.stack.length > 200) this.stack.shift();
    this.lastKey = key;
  }

  undo(): T | null {
    const s = this.stack.pop();
    this.lastKey = null;
    return s === undefined ? null : (JSON.parse(s) as T);
  }

  get canUndo(): boolean {
    return this.stack.length > 0;
  }

  /** A new burst starts even in the same field (after blur, say). */
  cut(): void {
    this.lastKey = null;
  }
}
