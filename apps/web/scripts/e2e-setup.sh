#!/usr/bin/env bash
# Prepares a fresh Debian machine (as root) for the web app's end-to-end tests and builds the app:
#   - Debian's Chromium (playwright-core drives /usr/bin/chromium; `npx playwright install` cannot
#     download here) and fonts-wqy-microhei (without a CJK font Chinese renders as boxes);
#   - the web app's build in apps/web/dist, which the API server serves.
# Idempotent: the apt step is skipped when /usr/bin/chromium is already there. Expects the
# workspace's node_modules (scripts/setup.sh). Then run:
#   npx vitest run -c apps/web/vitest.e2e.config.ts
set -euo pipefail
cd "$(dirname "$0")/../../.."

if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi 'wenquanyi'; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "e2e-setup: Chromium or the CJK font is missing and this is not root: install chromium fonts-wqy-microhei" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q chromium fonts-wqy-microhei
fi
/usr/bin/chromium --version 2>/dev/null

(cd apps/web && npx vite build --logLevel warn)
echo "e2e-setup: built apps/web/dist"
