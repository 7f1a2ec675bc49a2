#!/usr/bin/env bash
# Fails when db/schema has changes that no migration in db/migrations covers (drizzle-kit would generate one).
# It touches nothing it did not create: whatever the check generates is removed again, the rest is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
backup=$(mktemp -d)
cp -a db/migrations/. "$backup/"
before=$(find db/migrations -type f | sort)
node_modules/.bin/drizzle-kit generate --name unexpected_schema_drift > "$backup/.log" 2>&1
after=$(find db/migrations -type f | sort)
if [ "$before" != "$after" ]; then
  comm -13 <(echo "$before") <(echo "$after") | xargs -r rm -f
  cp -a "$backup/meta/_journal.json" db/migrations/meta/_journal.json
  rm -rf "$backup"
  echo "db/schema and db/migrations disagree: run 'npm run db:generate' and commit the migration." >&2
  exit 1
fi
rm -rf "$backup"
echo "Migrations match the schema."
