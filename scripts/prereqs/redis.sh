#!/usr/bin/env bash
# Prerequisite of the store-redis tests (and of everything that reuses its RedisTestServer):
# Debian's redis-server and redis-cli (from redis-tools, a dependency of redis-server; the Redis
# Cluster tests create their cluster with it) on the PATH. Idempotent: does nothing when both are
# already there.
# The tests start their own redis-server on a free port; a system instance is never used, so the
# one the Debian package starts is stopped and disabled to leave nothing running that could confuse.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
  echo "redis-server present: $(redis-server --version)"
  exit 0
fi

fail() {
  echo "ERROR: $*" >&2
  echo "Install Redis by hand (Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y redis-server)" >&2
  exit 1
}

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    fail "redis-server is missing and this script is not root (and has no password-less sudo)"
  fi
else
  SUDO=""
fi
command -v apt-get >/dev/null 2>&1 || fail "redis-server is missing and apt-get is not available"

echo "installing redis-server with apt-get"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q || fail "apt-get update failed"
# policy-rc.d 101 keeps the package from starting its own service during the install.
policy=/usr/sbin/policy-rc.d
created_policy=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod +x "$policy"
  created_policy=yes
fi
status=0
$SUDO apt-get install -y -q redis-server redis-tools || status=$?
[ -n "$created_policy" ] && $SUDO rm -f "$policy"
[ "$status" -eq 0 ] || fail "apt-get install -y redis-server failed (exit $status)"

# Should a service instance have started anyway (systemd machines), stop it and keep it off.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  $SUDO systemctl disable --now redis-server >/dev/null 2>&1 || true
elif command -v service >/dev/null 2>&1; then
  $SUDO service redis-server stop >/dev/null 2>&1 || true
fi

command -v redis-server >/dev/null 2>&1 || fail "redis-server still not on the PATH after installing"
command -v redis-cli >/dev/null 2>&1 || fail "redis-cli still not on the PATH after installing"
echo "redis-server installed: $(redis-server --version)"
