#!/usr/bin/env bash
# npm run bench: Archway's inspect against a seeded loopback registry, next to a direct parallel fetch (the floor)
# and `docker manifest inspect -v` (where the docker CLI exists), then push and history latency with SQLite and
# with PostgreSQL. Prints medians, ratios and the targets.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh
bash scripts/ensure-system-packages.sh bench
export NEXT_TELEMETRY_DISABLED=1
exec node_modules/.bin/tsx --conditions=react-server scripts/bench.ts "$@"
