// The Exchange menu of the top bar, with badges for open conflicts and proposals to decide, and
// the hooks the exchange screens need from the window (reload the view after an import).

import "./sync.css";
import { api, type OpenInfo, type Reference, type RegionInfo } from "../api";
import { h } from "../dom";
import { t } from "../i18n";
import { openBackups } from "./backups";
import { openConflicts } from "./conflicts";
import { openExport } from "./export";
import { openImportWizard } from "./importWizard";
import { badgeCounts } from "./model";
import { openProposals } from "./proposals";

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

const badges = { conflicts: h("span", { class: "sx-badge conflicts", "data-role": "sx-badge-conflicts", hidden: true }), proposals: h("span", { class: "sx-badge proposals", "data-role": "sx-badge-proposals", hidden: true }) };

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

let menu: HTMLElement | null = null;

function closeMenu(): void {
  menu?.remove();
  menu = null;
  document.removeEventListener("mousedown", outside, true);
}

function outside(e: Event): void {
  if (menu && !menu.parentElement?.contains(e.target as Node)) closeMenu();
}

/** The top bar's Exchange button; opening it shows the menu. */
export function exchangeButton(): HTMLElement {
  const copy = (badge: HTMLElement) => {
    const c = badge.cloneNode(true) as HTMLElement;
    c.removeAttribute("data-role");
    return c;
  };
  const item = (role: string, label: string, run: () => Promise<unknown> | void, badge?: HTMLElement) =>
    h("button", { role: "menuitem", "data-role": role, onclick: () => { closeMenu(); void run(); } }, h("span", {}, label), badge ? copy(badge) : null);
  const button = h(
    "button",
    { class: "sx-menu-btn", "data-role": "sx-menu", title: t("sx_menu_title"), "aria-haspopup": "menu" },
    t("sx_menu"),
    badges.conflicts,
    badges.proposals,
  );
  const wrap = h("span", { class: "sx-menu-wrap" }, button);
  button.addEventListener("click", () => {
    if (menu) return closeMenu();
    menu = h(
      "div",
      { class: "sx-menu", role: "menu", "data-role": "sx-menu-list" },
      item("sx-export", t("sx_export"), () => openExport()),
      item("sx-import", t("sx_import"), () => openImportWizard()),
      item("sx-conflicts", t("sx_conflicts"), () => openConflicts(), badges.conflicts),
      item("sx-proposals", t("sx_proposals"), () => openProposals(), badges.proposals),
      item("sx-backups", t("sx_backups"), () => openBackups()),
    );
    menu.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        closeMenu();
        button.focus();
      }
    });
    wrap.appendChild(menu);
    document.addEventListener("mousedown", outside, true);
    (menu.querySelector("button") as HTMLElement | null)?.focus();
  });
  void refreshBadges();
  return wrap;
}
