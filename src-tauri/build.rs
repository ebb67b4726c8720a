fn main() {
    // The app crate's manifest is the workspace root, but its capabilities live with its sources.
    let attributes = tauri_build::Attributes::new().capabilities_path_pattern("src-tauri/capabilities/**/*");
    tauri_build::try_build(attributes).expect("tauri build step");
}
