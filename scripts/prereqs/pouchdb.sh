#!/usr/bin/env bash
# Installs pouchdb-server (pinned in tools/pouchdb/package-lock.json) for the CouchDB store tests.
# Idempotent: runs `npm ci` only when node_modules is missing or was installed from another lock.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools="$root/tools/pouchdb"
stamp="$tools/node_modules/.files-lock-sha256"

if ! command -v npm >/dev/null 2>&1; then
  echo "pouchdb.sh: npm is missing: install Node 20 and npm (apt-get install -y nodejs npm)" >&2
  exit 1
fi

want="$(sha256sum "$tools/package-lock.json" | cut -d' ' -f1)"
have="$(cat "$stamp" 2>/dev/null || true)"
if [ -x "$tools/node_modules/.bin/pouchdb-server" ] && [ "$want" = "$have" ]; then
  echo "pouchdb-server is installed ($tools/node_modules/.bin/pouchdb-server)"
  exit 0
fi

echo "installing pouchdb-server with npm ci in $tools (about 60 MB, 1-2 minutes)"
# --ignore-scripts: the tests run pouchdb-server --in-memory, which needs none of the native
# modules (leveldown, sqlite3) whose install scripts would otherwise build or download binaries.
if ! (cd "$tools" && npm ci --no-audit --no-fund --ignore-scripts); then
  echo "pouchdb.sh: npm ci failed in $tools: the CouchDB store tests cannot run" >&2
  exit 1
fi
if [ ! -x "$tools/node_modules/.bin/pouchdb-server" ]; then
  echo "pouchdb.sh: npm ci finished but $tools/node_modules/.bin/pouchdb-server is missing" >&2
  exit 1
fi
echo "$want" > "$stamp"
echo "pouchdb-server installed"
