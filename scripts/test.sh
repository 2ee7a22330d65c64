#!/usr/bin/env bash
# The README's test command: sets up a fresh machine and runs every check and test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pnpm typecheck
pnpm lint
mkdir -p .cache
rm -f .cache/vitest.json .cache/vitest-e2e.json
if [ ! -d ../shared/bench/curtois ]; then
  echo "test.sh: ../shared/bench/curtois is not beside the repository; the Curtois reader, evaluator and engine tests on it are skipped" >&2
fi

# PostgreSQL for the API tests, which run against both PGlite and PostgreSQL: Debian's package,
# and a throwaway cluster on a free local port, stopped and deleted on exit.
start_postgres() {
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q postgresql >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null; }
  fi
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$bin" ]; then
    echo "test.sh: no PostgreSQL found (run as root to install it); its API tests will not run" >&2
    return 0
  fi
  PG_DIR=$(mktemp -d /tmp/paiban-pg.XXXXXX)
  trap 'stop_postgres' EXIT
  local port
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  # The server refuses to run as root: as root, the cluster belongs to the package's postgres user.
  local as=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PG_DIR"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -A trust -U paiban -E UTF8 --locale=C --no-sync >/dev/null
  "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -s start \
    -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" ||
    { cat "$PG_DIR/log" >&2; exit 1; }
  PG_CTL=("${as[@]}" "$bin/pg_ctl")
  export PAIBAN_TEST_DATABASE_URL="postgres://paiban@127.0.0.1:$port/postgres"
  echo "test.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $port for the API tests"
}
stop_postgres() {
  "${PG_CTL[@]}" -D "$PG_DIR/data" -m immediate -s stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
start_postgres

status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.cache/vitest.json || status=$?

# The web app's end-to-end tests in Debian's Chromium against the real API server.
bash apps/web/scripts/e2e-setup.sh
PAIBAN_E2E_SKIP_BUILD=1 pnpm exec vitest run -c apps/web/vitest.e2e.config.ts \
  --reporter=default --reporter=json --outputFile.json="$PWD/.cache/vitest-e2e.json" || status=$?

# One plain closing line that any CI reads: "tests: N passed, N failed".
node -e '
  const fs = require("fs")
  const runs = [".cache/vitest.json", ".cache/vitest-e2e.json"].filter(f => fs.existsSync(f)).map(f => JSON.parse(fs.readFileSync(f, "utf8")))
  const sum = key => runs.reduce((n, r) => n + r[key], 0)
  console.log(`tests: ${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed` + (sum("numPendingTests") ? `, ${sum("numPendingTests")} skipped` : ""))
  if (runs.length < 2 || sum("numTotalTests") === 0) process.exit(1)
' || status=1
exit "$status"
