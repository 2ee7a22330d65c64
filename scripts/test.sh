#!/usr/bin/env bash
# The README's test command: sets up a fresh machine and runs every check and test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pnpm typecheck
pnpm lint
mkdir -p .cache
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.cache/vitest.json || status=$?
# One plain closing line that any CI reads: "tests: N passed, N failed".
node -e '
  const r = JSON.parse(require("fs").readFileSync(".cache/vitest.json", "utf8"));
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
  if (r.numTotalTests === 0) process.exit(1);
' || status=1
exit "$status"
