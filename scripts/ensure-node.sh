# Sourced (not run) from the repository's root by every script that runs Archway or its tests (.ci/run, demo, test,
# bench, ensure-system-packages, and with-node for the other npm scripts): makes the Node.js major named in .nvmrc the
# one on PATH, the one the container image runs
# (Dockerfile's NODE_VERSION is .nvmrc's major; test/integration/deploy-manifests.test.ts keeps them equal).
#
# Why not the machine's Node: Node 20 reached its end of life in April 2026, and on Node 24 Next's per-request
# AsyncLocalStorage runs on AsyncContextFrame instead of promise hooks, which measured 3.6 → 2.2 ms of the server's
# thread per inspect API request (issue 8's load target). When the machine's Node is another major, the exact
# version is installed once from the npm registry (the official binary, packaged as node-<os>-<arch>, with its
# headers) into .tools/, and native modules are built against those headers (npm_config_nodedir).
# shellcheck shell=bash

archway_node_version="$(tr -d ' v\r\n' < .nvmrc)"
archway_node_major="${archway_node_version%%.*}"
archway_current_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"

if [ "$archway_current_major" != "$archway_node_major" ]; then
  case "$(uname -s)" in
    Linux) archway_os=linux ;;
    Darwin) archway_os=darwin ;;
    *) echo "No Node.js $archway_node_major package for $(uname -s): install Node.js $archway_node_version yourself." >&2; return 1 ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) archway_arch=x64 ;;
    aarch64 | arm64) archway_arch=arm64 ;;
    *) echo "No Node.js $archway_node_major package for $(uname -m): install Node.js $archway_node_version yourself." >&2; return 1 ;;
  esac
  archway_node_prefix="$PWD/.tools/node-v$archway_node_version"
  archway_node_home="$archway_node_prefix/node_modules/node-$archway_os-$archway_arch"
  if [ ! -x "$archway_node_home/bin/node" ]; then
    echo "Installing Node.js $archway_node_version into .tools/ (this machine has $(node --version 2>/dev/null || echo none))"
    if ! npm install --prefix "$archway_node_prefix" --no-audit --no-fund --no-package-lock --no-save \
      "node-$archway_os-$archway_arch@$archway_node_version" >/dev/null; then
      echo "Could not install Node.js $archway_node_version from the npm registry (above: npm's error). Install Node.js $archway_node_major yourself (nvm install reads .nvmrc), then run this again." >&2
      return 1
    fi
  fi
  export PATH="$archway_node_home/bin:$PATH"
  export npm_config_nodedir="$archway_node_home"
fi

# node_modules installed under another Node holds native modules built for it (better-sqlite3): rebuild them once.
if [ -d node_modules/better-sqlite3 ] && ! node -e 'new (require("better-sqlite3"))(":memory:").close()' 2>/dev/null; then
  echo "Rebuilding better-sqlite3 for Node.js $(node --version)"
  if ! npm rebuild better-sqlite3 >/dev/null; then
    echo "Could not build better-sqlite3 for Node.js $(node --version) (above: npm's error): run npm ci, then this again." >&2
    return 1
  fi
fi
unset archway_node_version archway_node_major archway_current_major archway_os archway_arch archway_node_prefix archway_node_home
