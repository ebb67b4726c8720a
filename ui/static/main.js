// The placeholder window: shows which map is open. The full interface replaces it.
const { invoke } = window.__TAURI__.core;

function show(id, text) {
  const el = document.getElementById(id);
  el.textContent = text;
  el.hidden = false;
}

invoke("app_info")
  .then((info) => {
    show("scope", info.scope_name + (info.opened === "sample" ? " — sample map" : ""));
    show("projects", String(info.projects));
    show("path", info.path);
  })
  .catch((err) => show("error", err.message));
