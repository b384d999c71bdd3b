#!/usr/bin/env bash
# Every check CI runs, in the order that fails fastest: lint and format, types, unit and integration
# tests on real PostgreSQL, slapd and a Samba AD DC (on Node.js 20, then again on Node.js 24), the
# core again on embedded PGlite and attached to an OTOBO database, then Playwright in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1

bash scripts/ensure-system-deps.sh

echo "== lint and format (biome)"
pnpm exec turbo run lint

echo "== dependency rules (dependency-cruiser: no folder cycles in the domain, no apps in packages)"
pnpm depcheck

echo "== build and typecheck"
pnpm exec turbo run build typecheck

echo "== tests on PostgreSQL, OpenLDAP and Samba AD"
pnpm exec turbo run test --concurrency=1

echo "== tests again on Node.js 24"
node24_bin="$(bash scripts/node24.sh)"
PATH="$node24_bin:$PATH" node --version
PATH="$node24_bin:$PATH" pnpm exec turbo run test --concurrency=1 --filter=@clientele/domain --filter=@clientele/server --filter=@clientele/web

echo "== core tests on embedded PGlite"
TEST_DRIVER=pglite pnpm --filter @clientele/server exec vitest run test/customers.test.ts test/customer-users.test.ts test/tickets.test.ts \
  test/gdpr.test.ts test/csv.test.ts

# Groups and services are covered attached by packages/domain/test/attach: their API suites edit the
# settings, which an attached Clientele reads from OTOBO's System Configuration and does not change.
echo "== core API suite attached to an OTOBO 11 database"
TEST_DRIVER=otobo pnpm --filter @clientele/server exec vitest run test/customers.test.ts test/customer-users.test.ts \
  test/auth.test.ts test/gdpr.test.ts

echo "== end-to-end in Chromium"
pnpm exec turbo run e2e

echo "All checks passed."
