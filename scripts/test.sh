#!/usr/bin/env bash
# npm test: the lint, then every test, against real registries and a real browser, ending with the line
# `N passed, N failed`. Installs what is missing first (Debian docker-registry, skopeo, chromium; npm dependencies).
# A failing lint is one failed check in the totals; the tests still run, so one run shows everything that is wrong.
# Each runner writes a JSON report; scripts/summarize-tests.ts reads them all, so a crashed runner counts as a
# failure instead of vanishing from the totals. Extra arguments go to Playwright (e.g. `npm test -- e2e/smoke.spec.ts`).
set -uo pipefail
cd "$(dirname "$0")/.."

source scripts/ensure-node.sh || exit 1
bash scripts/ensure-system-packages.sh test || exit 1

export NEXT_TELEMETRY_DISABLED=1
out=.test-output
mkdir -p "$out"
rm -f "$out"/vitest-*.json "$out"/playwright.json

run_vitest() { # suite
  npx vitest run --project "$1" \
    --reporter=default --reporter=json --outputFile.json="$out/vitest-$1.json"
}

# The walls between layers (eslint.config.mjs) and Next's rules, with zero warnings allowed. ESLint is one process
# on one core for ~40 s: it runs beside the unit tests (which need nothing it writes), and its report follows theirs.
echo "== lint: npm run lint (beside the unit tests; its report follows them)"
npm run --silent lint > "$out/lint.log" 2>&1 &
lint_pid=$!

run_vitest unit
unit_exit=$?

wait "$lint_pid"
lint_exit=$?
echo "== lint: npm run lint"
cat "$out/lint.log"
if [ "$lint_exit" -ne 0 ]; then
  echo "== lint FAILED (exit code $lint_exit): fix the problems above (npm run lint); the tests run anyway" >&2
fi
run_vitest integration
integration_exit=$?
# playwright.config.ts writes its JSON report to .test-output/playwright.json (and builds/starts Archway itself).
npx playwright test "$@"
e2e_exit=$?

npx tsx scripts/summarize-tests.ts \
  "check:lint:$lint_exit" \
  "vitest:unit:$unit_exit:$out/vitest-unit.json" \
  "vitest:integration:$integration_exit:$out/vitest-integration.json" \
  "playwright:e2e:$e2e_exit:$out/playwright.json"
