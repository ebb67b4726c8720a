// Small pieces every screen uses: modal dialogs, toasts, error messages in the user's language.

import { ApiError, toApiError } from "./api";
import { h } from "./dom";
import { t, type Key } from "./i18n";
import { errorsText } from "./rules";

export function errorText(e: unknown): string {
  const err = toApiError(e);
  const key = ({
    invalid: "err_invalid",
    not_found: "err_not_found",
    conflict: "err_conflict",
    incompatible: "err_incompatible",
    io: "err_io",
    busy: "err_busy",
    internal: "err_internal",
  } as const)[err.kind] as Key;
  const problems = errorsText(err.problems);
  if (problems) return `${t(key)} ${problems}`;
  return err.message ? `${t(key)} (${err.message})` : t(key);
}

let toastBox: HTMLElement | null = null;

export function toast(text: string, kind: "info" | "error" | "warning" = "info", ms = 4000): void {
  if (!toastBox) {
    toastBox = h("div", { class: "toasts", role: "status", "aria-live": "polite" });
    document.body.appendChild(toastBox);
  }
  const el = h("div", { class: `toast ${kind}` }, text);
  toastBox.appendChild(el);
  setTimeout(() => el.remove(), kind === "error" ? ms * 2 : ms);
}

export function showError(e: unknown): void {
  toast(errorText(e), "error");
  if (!(e instanceof ApiError)) console.error(e);
}

export interface DialogOptions {
  title: string;
  text: string;
  ok: string;
  cancel: string;
  danger?: boolean;
  input?: string;
}

/** A modal question. Resolves to the input's text (or "" without input) on OK, null on cancel. */
export function ask(o: DialogOptions): Promise<string | null> {
  return new Promise((resolve) => {
    const input = o.input !== undefined ? h("input", { type: "text", class: "dialog-input", "aria-label": o.input }) : null;
    const done = (v: string | null) => {
      overlay.remove();
      document.removeEventListener("keydown", onKey, true);
      resolve(v);
    };
    const okBtn = h("button", { class: o.danger ? "danger" : "primary", "data-role": "dialog-ok", onclick: () => done(input ? input.value : "") }, o.ok);
    const cancelBtn = h("button", { "data-role": "dialog-cancel", onclick: () => done(null) }, o.cancel);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        done(null);
      }
    };
    const overlay = h(
      "div",
      { class: "overlay dialog-overlay" },
      h(
        "div",
        { class: "dialog", role: "alertdialog", "aria-modal": "true", "aria-labelledby": "dialog-title" },
        h("h2", { id: "dialog-title" }, o.title),
        h("p", {}, o.text),
        input ? h("label", {}, o.input!, input) : null,
        h("div", { class: "dialog-buttons" }, cancelBtn, okBtn),
      ),
    );
    document.addEventListener("keydown", onKey, true);
    document.body.appendChild(overlay);
    (input ?? cancelBtn).focus();
  });
}
