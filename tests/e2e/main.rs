//! End-to-end tests of the desktop app: the real binary, driven under Xvfb through tauri-driver
//! and WebKitWebDriver, each test on its own temporary database and data folders.
//! Needs: Xvfb, webkit2gtk-driver, tauri-driver (scripts/setup.sh installs them) and the UI
//! built into ui/dist (scripts/test-all.sh builds it first).
//!
//! One binary, one module per part of the app; a module's name selects its tests
//! (`cargo test -p indmap-desktop --test e2e -- --test-threads=1 sync`).

#[macro_use]
mod harness;
mod page;

mod alerts;
mod geo;
mod print;
mod rules;
mod sync;
mod window;
