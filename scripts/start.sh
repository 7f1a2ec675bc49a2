#!/usr/bin/env bash
# `npm start`: build once if there is no production build yet (or the sources changed), then serve.
# The server owns the embedded database directory; it migrates and seeds it on first start.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

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

exec node_modules/.bin/next start --port "${PORT:-3000}" --hostname "${HOSTNAME_BIND:-0.0.0.0}"
