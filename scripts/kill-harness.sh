#!/usr/bin/env bash
# Kills the real `indmap` binary with SIGKILL at random moments of an import, an export, a
# project update, a restore, a sample and a setting, many times each, in release mode, and checks
# after every kill that the database is sound and holds the state before or after the operation
# (crates/indmap-cli/tests/kills.rs). Prints a line per operation: kills survived, and where they
# left the map.
#
#   scripts/kill-harness.sh            200 kills per operation
#   scripts/kill-harness.sh 1000       as many as asked
#   INDMAP_KILL_SEED=123 scripts/kill-harness.sh 50     draws the delays of an earlier run again
#   INDMAP_STRICT_BACKUPS=1 scripts/kill-harness.sh     truncated or orphaned backups fail too
#
# The operations run one after another (--test-threads=1), so the measured durations the delays
# are drawn over hold for the kills too.
set -euo pipefail
cd "$(dirname "$0")/.."
export INDMAP_KILLS="${1:-${INDMAP_KILLS:-200}}"
shift || true
exec nice -n 10 cargo test -p indmap-cli --test kills --release -- --test-threads=1 "$@"
