#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks for Archway: npm dependencies, and the Debian packages behind the
# real components (docker-registry for the demo; skopeo, chromium and postgresql too for the tests).
#   bash scripts/ensure-system-packages.sh demo   # docker-registry
#   bash scripts/ensure-system-packages.sh test   # docker-registry skopeo chromium postgresql
#   bash scripts/ensure-system-packages.sh bench  # docker-registry postgresql
# As root it runs apt-get itself; otherwise it prints the exact command and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."

purpose="${1:-demo}"
case "$purpose" in
  demo) wanted=("docker-registry:/usr/bin/docker-registry") ;;
  # PostgreSQL's binaries live in a versioned folder (/usr/lib/postgresql/15/bin): checked by pattern.
  test) wanted=("docker-registry:/usr/bin/docker-registry" "skopeo:/usr/bin/skopeo" "chromium:/usr/bin/chromium" "postgresql:/usr/lib/postgresql/*/bin/initdb") ;;
  bench) wanted=("docker-registry:/usr/bin/docker-registry" "postgresql:/usr/lib/postgresql/*/bin/initdb") ;;
  *) echo "usage: $0 demo|test|bench" >&2; exit 2 ;;
esac

# The Node.js of .nvmrc (scripts/ensure-node.sh), so that the npm dependencies below are built for it.
source scripts/ensure-node.sh

# Binaries are checked by path: these are where Debian puts them and where the scripts look for them.
missing=()
for entry in "${wanted[@]}"; do
  package="${entry%%:*}" pattern="${entry#*:}"
  found=false
  for binary in $pattern; do [ -x "$binary" ] && found=true; done
  $found || missing+=("$package")
done

if [ "${#missing[@]}" -gt 0 ]; then
  command="apt-get update && apt-get install -y ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${missing[*]}. Install them as root, then run this again:" >&2
    echo "  sudo sh -c '$command'" >&2
    exit 1
  fi
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi

# npm 11 runs only the install scripts approved in package.json `allowScripts` (better-sqlite3, esbuild, sharp).
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ]; then
  echo "Installing npm dependencies"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi
