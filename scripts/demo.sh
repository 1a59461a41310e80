#!/usr/bin/env bash
# npm run demo: installs what is missing, starts a registry on 127.0.0.1:5000 (data in .demo/), seeds it with the
# demo images, builds Archway if the build is missing or older than the sources, and serves it on
# http://localhost:3000. Ctrl-C stops everything this script started (by PID), and nothing else.
# Ports: ARCHWAY_DEMO_REGISTRY_PORT (default 5000), PORT (default 3000).
set -euo pipefail
cd "$(dirname "$0")/.."

registry_port="${ARCHWAY_DEMO_REGISTRY_PORT:-5000}"
app_port="${PORT:-3000}"
registry="127.0.0.1:$registry_port"
tsx=node_modules/.bin/tsx

source scripts/ensure-node.sh
bash scripts/ensure-system-packages.sh demo
export NEXT_TELEMETRY_DISABLED=1

port_is_free() { # port
  node -e 'require("net").createServer().once("error", () => process.exit(1)).listen(+process.argv[1], function () { this.close(); })' "$1"
}
for port in "$registry_port" "$app_port"; do
  if ! port_is_free "$port"; then
    echo "Port $port is in use (an earlier demo still running?). Stop it, or choose others:" >&2
    echo "  ARCHWAY_DEMO_REGISTRY_PORT=5001 PORT=3001 npm run demo" >&2
    exit 1
  fi
done

pids=()
stop_all() {
  trap - EXIT INT TERM
  if [ "${#pids[@]}" -gt 0 ]; then
    echo
    echo "Stopping the demo (PIDs ${pids[*]})"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

wait_for_http() { # url what
  for _ in $(seq 1 300); do
    if node -e 'fetch(process.argv[1]).then(() => process.exit(0), () => process.exit(1))' "$1" 2>/dev/null; then return 0; fi
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "$2 exited before it was ready" >&2; return 1; }; done
    sleep 0.2
  done
  echo "$2 did not answer $1 within 60 s" >&2
  return 1
}

mkdir -p .demo
# tsx is run directly (not through npx) so the PID we keep is the process that handles SIGTERM.
"$tsx" scripts/lib/registry-process.ts --port "$registry_port" --data .demo/registry &
pids+=($!)
wait_for_http "http://$registry/v2/" "The registry"

echo "Seeding $registry with the demo images"
demo_references="$("$tsx" --conditions=react-server scripts/seed.ts "$registry" --demo-list)"

# Rebuilding only when a source is newer than .next: the first run builds, later runs start at once.
"$tsx" scripts/lib/next-app.ts build-if-stale

ARCHWAY_DEMO_REFERENCES="$demo_references" ARCHWAY_DATA_DIR=.demo/data \
  node_modules/.bin/next start -p "$app_port" &
pids+=($!)
wait_for_http "http://127.0.0.1:$app_port/" "Archway"

echo
echo "Archway is running at http://localhost:$app_port"
echo "Demo images (registry $registry, data in .demo/):"
while IFS= read -r reference; do echo "  http://localhost:$app_port/inspect/$reference"; done < <(tr , "\n" <<<"$demo_references" | cut -d= -f1)
echo "Press Ctrl-C to stop the registry and Archway."

# Returns when either process exits (then everything is stopped) or on Ctrl-C (the INT trap exits).
set +e
wait -n "${pids[@]}"
status=$?
# 130/143: the children got Ctrl-C (or TERM) with this script; anything else means one of them died on its own.
case "$status" in 130 | 143) ;; *) echo "A demo process exited (status $status); stopping the rest." >&2 ;; esac
exit "$status"
