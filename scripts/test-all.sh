#!/usr/bin/env bash
# Sets up and runs every test of indmap: the core crates, the command line against real
# database files, the desktop app driven end to end, and its Linux installer.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

# The window's interface: type check, unit tests (Vitest, IPC mocked), then the build the app embeds.
(cd ui && npx tsc --noEmit && npx vitest run && npx vite build)

# The crates and tools (the workspace's default members: everything but the desktop app).
cargo build --all-targets
cargo test --no-fail-fast

# The desktop app as it ships (custom-protocol), its TypeScript types checked against the Rust
# ones (--test generated_types), and the end-to-end tests that drive the real binary under Xvfb
# (--test e2e, one module per part of the app: `-- sync` runs the exchange screens' tests; each
# test starts its own display, tauri-driver and WebKitWebDriver; cargo builds the binary they drive).
cargo test -p indmap-desktop --features custom-protocol,ts --no-fail-fast -- --test-threads=1 --nocapture

# The Linux installer as `tauri build` makes it, and what it must hold (scripts/bundle.sh).
bash scripts/bundle.sh
