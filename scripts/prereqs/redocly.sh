#!/usr/bin/env bash
# Installs @redocly/cli (pinned in tools/redocly/package-lock.json) for the OpenAPI lint
# (service: OpenApiLintIT). Idempotent: runs `npm ci` only when node_modules is missing or was
# installed from another lock.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools="$root/tools/redocly"
stamp="$tools/node_modules/.files-lock-sha256"

if ! command -v npm >/dev/null 2>&1; then
  echo "redocly.sh: npm is missing: install Node 20 and npm (apt-get install -y nodejs npm)" >&2
  exit 1
fi

want="$(sha256sum "$tools/package-lock.json" | cut -d' ' -f1)"
have="$(cat "$stamp" 2>/dev/null || true)"
if [ -x "$tools/node_modules/.bin/redocly" ] && [ "$want" = "$have" ]; then
  echo "redocly is installed ($tools/node_modules/.bin/redocly)"
  exit 0
fi

echo "installing @redocly/cli with npm ci in $tools"
if ! (cd "$tools" && npm ci --no-audit --no-fund --ignore-scripts); then
  echo "redocly.sh: npm ci failed in $tools: the OpenAPI lint cannot run" >&2
  exit 1
fi
if [ ! -x "$tools/node_modules/.bin/redocly" ]; then
  echo "redocly.sh: npm ci finished but $tools/node_modules/.bin/redocly is missing" >&2
  exit 1
fi
echo "$want" > "$stamp"
echo "redocly installed"
