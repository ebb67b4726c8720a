#!/usr/bin/env bash
# Builds the Linux installer (.deb) with the Tauri CLI and checks what it holds.
#   bash scripts/bundle.sh        -> target/release/bundle/deb/indmap_<version>_amd64.deb
# tauri.conf.json also lists AppImage, MSI/NSIS (Windows) and DMG/app (macOS); those are built
# on their own systems (and the AppImage tool is downloaded from GitHub at build time).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# The Tauri CLI, pinned to the version of the tauri crate and @tauri-apps/api.
# The app is not among the workspace's default members: name its package to the cargo run the CLI makes.
npx --yes @tauri-apps/cli@2.12.5 build --bundles deb --ci -- -p indmap-desktop

deb=$(ls -t target/release/bundle/deb/*.deb | head -1)
echo "bundle: $deb"
dpkg-deb --info "$deb" | sed -n 's/^ *\(Package\|Version\|Architecture\|Depends\):/  &/p'
contents=$(dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's|^\./||')
for expected in usr/bin/indmap-desktop usr/share/applications/indmap.desktop; do
  grep -qx "$expected" <<<"$contents" || { echo "bundle: $expected is missing from $deb" >&2; exit 1; }
done
dpkg-deb --field "$deb" Depends | grep -q libwebkit2gtk-4.1 || {
  echo "bundle: $deb does not depend on libwebkit2gtk-4.1" >&2
  exit 1
}
echo "bundle: ok"
