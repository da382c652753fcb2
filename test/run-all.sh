#!/usr/bin/env bash
# `npm test`: installs what is missing (see test/setup/prerequisites.sh), builds, then runs every
# suite even when one fails, and ends with one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."

prereq_out=$(bash test/setup/prerequisites.sh) || { echo "npm test: prerequisites missing (see above)." >&2; exit 1; }
imgproxy_line=$(printf '%s\n' "$prereq_out" | tail -n 1)
case "$imgproxy_line" in IMGPROXY_BIN=*) eval "export $imgproxy_line" ;; esac
weed_line=$(printf '%s\n' "$prereq_out" | tail -n 2 | head -n 1)
case "$weed_line" in WEED_BIN=*) eval "export $weed_line" ;; esac
echo "seaweedfs: ${WEED_BIN:-none: the S3 suites will fail (see test/setup/seaweedfs.sh)}"
if [ -n "${IMGPROXY_BIN:-}" ]; then
  echo "imgproxy: real binary ${IMGPROXY_BIN}"
else
  echo "imgproxy: no real binary could be built here; imgproxy suites use test/support/imgproxy-standin.ts (README: Testing)"
fi

npm run --silent build >/dev/null || { echo "npm test: the build failed" >&2; exit 1; }

passed=0
failed=0
failures=()
suite() {
  local name=$1
  shift
  echo
  echo "=== ${name}: $*"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$name"); fi
}

suite typecheck npx tsc --noEmit
suite browser npx web-test-runner --config test/web-test-runner.config.mjs
suite cropper-package npx playwright test --config test/cropper/package/playwright.config.ts
suite server node --import tsx --test --test-reporter=spec test/server/*.test.ts
suite policy python3 -m pytest -q test/authentik
suite end-to-end npx playwright test --config test/e2e/playwright.config.ts

echo
[ ${#failures[@]} -gt 0 ] && echo "failed suites: ${failures[*]}"
echo "suites: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
