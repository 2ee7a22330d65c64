#!/usr/bin/env bash
# The README's start command: sets up a fresh machine and runs the product.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The API serves the web app's build on the same port.
(cd apps/web && pnpm exec vite build --logLevel warn)
exec pnpm start
