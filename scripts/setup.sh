#!/usr/bin/env bash
# Sets up a fresh machine for Paiban: pnpm (not preinstalled; corepack fails its signature check
# here, so npm installs the pinned version) and the workspace's dependencies from the lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM_VERSION=10.34.9
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null
fi
pnpm install --frozen-lockfile
