#!/usr/bin/env bash
# Sets up and runs every test of indmap: the core crates, the command line against real
# database files, and the desktop app's build.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo build --workspace --all-targets
cargo test --workspace --no-fail-fast
