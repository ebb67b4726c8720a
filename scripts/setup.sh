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
