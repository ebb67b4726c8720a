// A path field with a "Browse…" button that opens the native dialog. The field stays editable, so
// a path can also be typed or pasted (and tests can fill it in: WebDriver cannot drive a native
// dialog).

import { api, type FileFilter, type PickMode } from "./api";
import { h } from "./dom";
import { t } from "./i18n";
import { showError } from "./ui";

export const FILTERS = {
  map: { name: "indmap (SQLite)", extensions: ["indmap", "sqlite", "db"] },
  exchange: { name: "GeoPackage", extensions: ["gpkg"] },
  geojson: { name: "GeoJSON", extensions: ["geojson", "json"] },
  pdf: { name: "PDF", extensions: ["pdf"] },
  png: { name: "PNG", extensions: ["png"] },
  svg: { name: "SVG", extensions: ["svg"] },
  xlsx: { name: "Excel (XLSX)", extensions: ["xlsx"] },
  csv: { name: "CSV", extensions: ["csv"] },
} satisfies Record<string, FileFilter>;

export interface FileFieldOptions {
  /** `data-role` of the text input. */
  role: string;
  label: string;
  mode: PickMode;
  filters: FileFilter[];
  value?: string;
  /** Called when the user picked a file in the dialog (not while typing). */
  onPick?: (paths: string[]) => void;
}

export interface FileField {
  el: HTMLElement;
  input: HTMLInputElement;
  /** The paths in the field (several are separated by semicolons). */
  paths(): string[];
}

export function fileField(o: FileFieldOptions): FileField {
  const input = h("input", { type: "text", "data-role": o.role, value: o.value ?? "", spellcheck: "false" });
  const browse = async () => {
    try {
      const chosen = await api.pickFile({ mode: o.mode, title: o.label, filters: o.filters, start: input.value.split(";")[0] || null });
      if (chosen.length === 0) return;
      input.value = chosen.join("; ");
      o.onPick?.(chosen);
    } catch (e) {
      showError(e);
    }
  };
  const button = h("button", { type: "button", "data-role": `${o.role}-browse`, title: t("browse"), onclick: () => void browse() }, t("browse"));
  return {
    el: h("label", { class: "file-field" }, o.label, h("span", { class: "file-row" }, input, button)),
    input,
    paths: () => input.value.split(";").map((p) => p.trim()).filter(Boolean),
  };
}
