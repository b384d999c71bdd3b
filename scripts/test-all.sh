#!/usr/bin/env bash
# Every check CI runs, in the order that fails fastest: lint and format, types, unit and integration
# tests on real PostgreSQL, slapd and a Samba AD DC, the core again on embedded PGlite, then Playwright
# in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1

bash scripts/ensure-system-deps.sh

echo "== lint and format (biome)"
pnpm exec turbo run lint

echo "== build and typecheck"
pnpm exec turbo run build typecheck

echo "== tests on PostgreSQL, OpenLDAP and Samba AD"
pnpm exec turbo run test --concurrency=1

echo "== core tests on embedded PGlite"
TEST_DRIVER=pglite pnpm --filter @clientele/server exec vitest run test/customers.test.ts test/customer-users.test.ts

echo "== end-to-end in Chromium"
pnpm exec turbo run e2e

echo "All checks passed."
