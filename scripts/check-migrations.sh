#!/usr/bin/env bash
# Fails when db/schema has changes that no committed migration covers (drizzle-kit would generate one).
set -euo pipefail
cd "$(dirname "$0")/.."
before=$(ls db/migrations/*.sql | wc -l)
node_modules/.bin/drizzle-kit generate --name unexpected_schema_drift > /tmp/throughline-migration-check.log 2>&1
after=$(ls db/migrations/*.sql | wc -l)
if [ "$before" != "$after" ] || [ -n "$(git status --porcelain db/migrations)" ]; then
  echo "db/schema and db/migrations disagree: run 'npm run db:generate' and commit the migration." >&2
  git status --porcelain db/migrations >&2
  git checkout -q -- db/migrations 2>/dev/null || true
  git clean -qfd db/migrations
  exit 1
fi
echo "Migrations match the schema."
