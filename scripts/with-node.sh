#!/usr/bin/env bash
# Runs a command on the Node.js of .nvmrc (scripts/ensure-node.sh). `npm run dev`, `build`, `start` and the single test
# suites go through it, as demo, test and bench do, so that no entry point runs Archway on another Node than the one
# its native module (better-sqlite3) was built for.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh
exec "$@"
