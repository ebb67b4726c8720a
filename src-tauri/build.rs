fn main() {
    // The window is built by Vite into ui/dist (scripts/run-app.sh and test-all.sh do it). A
    // checkout where it was never built still compiles: it gets a page that says what to run.
    let dist = std::path::Path::new("ui/dist");
    if !dist.join("index.html").exists() {
        std::fs::create_dir_all(dist).expect("create ui/dist");
        std::fs::write(
            dist.join("index.html"),
            "<!doctype html><meta charset=utf-8><title>indmap</title>\
             <p>The interface is not built. Run <code>npm ci &amp;&amp; npm run build</code> in ui/ \
             (or scripts/run-app.sh), then build the app again.</p>",
        )
        .expect("write the placeholder page");
    }
    println!("cargo:rerun-if-changed=ui/dist");
    // The app crate's manifest is the workspace root, but its capabilities live with its sources.
    let attributes = tauri_build::Attributes::new().capabilities_path_pattern("src-tauri/capabilities/**/*");
    tauri_build::try_build(attributes).expect("tauri build step");
}
