// The backups list (one is taken before every import) and restoring one, which replaces the open
// map; the window then reloads it.

import { api, type Backup } from "../api";
import { h } from "../dom";
import { formatNumber, lang, t } from "../i18n";
import { ask, showError, toast } from "../ui";
import { afterChange } from "./hooks";
import { openPanel } from "./panel";
import { formatTime } from "./present";

/** "25.11.2026 09:00 — before importing Қарағанды.gpkg": when, and before what, in words. */
export function backupText(b: Backup): string {
  const what = b.before === "import" ? `${t("sx_backup_before_import")} ${b.about ?? ""}`.trim() : b.before === "restore" ? t("sx_backup_before_restore") : (b.about ?? b.name);
  return b.taken_at ? `${formatTime(b.taken_at, lang())} — ${what}` : what;
}

export async function openBackups(): Promise<void> {
  let list: Backup[];
  try {
    list = await api.backups();
  } catch (e) {
    return showError(e);
  }
  const panel = openPanel("sx-backups-panel", t("sx_backups_title"), undefined, false);
  const restore = async (b: Backup) => {
    const ok = await ask({ title: t("sx_restore_btn"), text: `${t("sx_restore_q")} ${backupText(b)}`, ok: t("sx_restore_btn"), cancel: t("cancel"), danger: true });
    if (ok === null) return;
    try {
      await api.restore(b.name);
      panel.close();
      toast(`${t("sx_restored")}: ${backupText(b)}`);
      await afterChange();
    } catch (e) {
      showError(e);
    }
  };
  panel.body.append(
    list.length === 0
      ? h("p", { class: "muted" }, t("sx_no_backups"))
      : h(
          "table",
          { class: "sx-history", "data-role": "sx-backups" },
          h("tbody", {}, [...list].reverse().map((b) =>
            h("tr", {}, h("td", { title: b.path, "data-role": "sx-backup-text" }, backupText(b)), h("td", { class: "time" }, `${formatNumber(Math.round(b.bytes / 1024))} KB`), h("td", {}, h("button", { "data-role": "sx-restore", onclick: () => void restore(b) }, t("sx_restore_btn"))))),
          ),
        ),
  );
  panel.buttons.append(h("button", { class: "primary", onclick: () => panel.close() }, t("sx_close")));
}
