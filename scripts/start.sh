#!/usr/bin/env bash
# `npm start`: build once if there is no production build yet (or the sources changed), then serve.
# Without DATABASE_URL the server starts its embedded PostgreSQL (and creates, migrates and seeds it on first start).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
# `npm start` is the demo: the sign-in page lists the demo accounts. A deployment sets THROUGHLINE_DEMO=0.
export THROUGHLINE_DEMO="${THROUGHLINE_DEMO:-1}"

stamp=.next/BUILD_ID
needs_build=0
if [ ! -f "$stamp" ]; then
  needs_build=1
elif [ -n "$(find app server db components lib next.config.mjs package.json -newer "$stamp" -type f -print -quit 2>/dev/null)" ]; then
  needs_build=1
fi
if [ "$needs_build" = 1 ]; then
  echo "[throughline] building the app (once, about a minute) ..."
  node_modules/.bin/next build
fi

if [ -z "${DATABASE_URL:-}" ]; then
  # Refuse at once when another app serves this data directory, before Next.js says "Ready".
  node --import tsx scripts/check-data-dir.ts
  # The app's own handler stops PostgreSQL on Ctrl-C / SIGTERM, then exits; Next.js's would race it.
  export NEXT_MANUAL_SIG_HANDLE=true
fi

exec node_modules/.bin/next start --port "${PORT:-3000}" --hostname "${HOSTNAME_BIND:-0.0.0.0}"
