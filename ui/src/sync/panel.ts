// A modal panel of the exchange screens: a title, a scrolling body, a row of buttons; Escape
// closes it. Each screen fills the body and the buttons itself.

import { h } from "../dom";
import { t } from "../i18n";

export interface Panel {
  overlay: HTMLElement;
  body: HTMLElement;
  buttons: HTMLElement;
  close(): void;
}

export function openPanel(role: string, title: string, onClose?: () => void, wide = true): Panel {
  const body = h("div", { class: "sx-body" });
  const buttons = h("div", { class: "sx-buttons" });
  const onKey = (e: KeyboardEvent) => {
    // A question asked over the panel answers Escape itself.
    if (e.key === "Escape" && !document.querySelector(".dialog-overlay")) {
      e.stopPropagation();
      close();
    }
  };
  const close = () => {
    overlay.remove();
    document.removeEventListener("keydown", onKey, true);
    onClose?.();
  };
  const overlay = h(
    "div",
    { class: "overlay sx-overlay", "data-role": role },
    h(
      "div",
      { class: `sx-panel${wide ? " wide" : ""}`, role: "dialog", "aria-modal": "true", "aria-label": title },
      h(
        "div",
        { class: "sx-head" },
        h("h2", {}, title),
        h("button", { class: "icon", "data-role": "sx-close", "aria-label": t("sx_close"), title: t("sx_close"), onclick: () => close() }, "×"),
      ),
      body,
      buttons,
    ),
  );
  document.addEventListener("keydown", onKey, true);
  document.body.appendChild(overlay);
  return { overlay, body, buttons, close };
}
