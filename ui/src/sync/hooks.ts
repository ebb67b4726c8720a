// What the exchange screens need from the window (reload the view after an import, the lists
// that name codes) and the Exchange button's badges, which every screen refreshes after a change.

import { api, type OpenInfo, type Reference, type RegionInfo } from "../api";
import { h } from "../dom";
import { t } from "../i18n";
import { badgeCounts } from "./present";

export interface SyncHooks {
  /** Reloads the map, the table and the summary from the database. */
  reload: () => Promise<void>;
  open: () => OpenInfo | null;
  regions: () => RegionInfo[];
  /** The reference lists, for the labels of codes (statuses, sectors, levels, sources). */
  reference: () => Reference | null;
  /** The region outlines (GeoJSON FeatureCollection keyed by `kato`), for geometry sketches. */
  boundaries: () => { features: { properties: { kato: string }; geometry: { type: string; coordinates: unknown } }[] } | null;
}

let hooks: SyncHooks | null = null;

export function initSync(h: SyncHooks): void {
  hooks = h;
}

export function syncHooks(): SyncHooks {
  if (!hooks) throw new Error("initSync was not called");
  return hooks;
}

/** After anything that may change the map: the view and the badges. */
export async function afterChange(): Promise<void> {
  await Promise.all([syncHooks().reload(), refreshBadges()]);
}

export const badges = { conflicts: h("span", { class: "sx-badge conflicts", "data-role": "sx-badge-conflicts", hidden: true }), proposals: h("span", { class: "sx-badge proposals", "data-role": "sx-badge-proposals", hidden: true }) };

export async function refreshBadges(): Promise<void> {
  try {
    const [conflicts, proposals] = await Promise.all([api.conflicts(), api.proposals()]);
    const n = badgeCounts(conflicts, proposals);
    for (const key of ["conflicts", "proposals"] as const) {
      badges[key].textContent = String(n[key]);
      badges[key].hidden = n[key] === 0;
      badges[key].title = `${n[key]} ${t(key === "conflicts" ? "sx_badge_conflicts" : "sx_badge_proposals")}`;
    }
  } catch {
    // No map open yet: no badges.
  }
}

