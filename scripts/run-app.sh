#!/usr/bin/env bash
# Sets up and runs the indmap desktop app. It opens the database named by INDMAP_DB (or the
# first argument), else the user's map, else the built-in sample map.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

(cd ui && npm run build)
cargo build --release -p indmap-desktop --features custom-protocol --bin indmap-desktop

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run-app: no display; starting a virtual one (Xvfb :99). Take a look with: DISPLAY=:99 import -window root shot.png"
  Xvfb :99 -screen 0 1366x768x24 >/dev/null 2>&1 &
  export DISPLAY=:99
  sleep 1
fi
# With no map named, open the user's map, or the built-in sample map when there is none yet.
if [ $# -eq 0 ] && [ -z "${INDMAP_DB:-}" ]; then
  set -- --sample-if-none
fi
exec ./target/release/indmap-desktop "$@"
