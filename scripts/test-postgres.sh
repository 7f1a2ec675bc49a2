#!/usr/bin/env bash
# `npm run test:postgres`: the database suites again on a PostgreSQL server (THROUGHLINE_TEST_DATABASE=postgres).
# Only suites that open a test database (directly or through a tests/support module) run: pure suites and the
# embedded server's own suites would repeat exactly what `npm test` already ran.
set -euo pipefail
cd "$(dirname "$0")/.."
helpers=$(grep -l "createTestDatabase" tests/support/*.ts | grep -v "tests/support/database.ts" | xargs -n1 basename | sed 's/\.ts$//' | paste -sd'|')
pattern="createTestDatabase${helpers:+|support/($helpers)\"}"
mapfile -t suites < <(grep -lE "$pattern" tests/*.test.ts)
echo "database suites on PostgreSQL: ${#suites[@]} of $(ls tests/*.test.ts | wc -l)"
THROUGHLINE_TEST_DATABASE=postgres exec node_modules/.bin/vitest run "${suites[@]}" "$@"
