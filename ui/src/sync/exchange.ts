// The Exchange menu of the top bar, with badges for open conflicts and proposals to decide.

import "./sync.css";
import { h } from "../dom";
import { t } from "../i18n";
import { openBackups } from "./backups";
import { openConflicts } from "./conflicts";
import { openExport } from "./export";
import { openImportWizard } from "./importWizard";
import { badges, refreshBadges } from "./hooks";
import { openProposals } from "./proposals";
import { openEditions } from "./editions";
import { openReporting } from "./reporting";

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
      item("sx-reporting", t("sx_reporting"), () => openReporting()),
      item("sx-editions", t("sx_editions"), () => openEditions()),
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
