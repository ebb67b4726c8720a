#!/usr/bin/env bash
# Installs what building and testing indmap needs on Debian 12, skipping what is already there.
# Safe to run again; run as root (or with sudo available).
set -euo pipefail

packages=(
  # Tauri 2 on Linux
  libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev
  pkg-config build-essential file
  # a real window without a screen, and the WebDriver that drives it
  xvfb xauth webkit2gtk-driver
  # independent readers of what indmap writes: PDF, GeoPackage/GeoJSON, SQLite, images
  poppler-utils gdal-bin sqlite3 imagemagick
)

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
fi
command -v cargo >/dev/null 2>&1 || {
  echo "setup: cargo is missing; install Rust (https://rustup.rs) and run this again" >&2
  exit 1
}

# The window's interface: Node.js and npm come with the machine (Node 20); its packages are
# pinned in ui/package-lock.json.
if ! command -v npm >/dev/null 2>&1; then
  echo "setup: npm is missing; install Node.js 20 or newer and run this again" >&2
  exit 1
fi
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "setup: installing the interface's packages (npm ci in ui/)"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

# The WebDriver bridge the end-to-end tests drive the app through.
if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --locked
fi
