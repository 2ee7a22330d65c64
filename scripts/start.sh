#!/usr/bin/env bash
# The README's start command: sets up a fresh machine and runs the product.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec pnpm start
