#!/usr/bin/env bash
# Prerequisite of the alert rule tests (service: MonitoringConfigIT): promtool from Debian's
# prometheus package. Installs it when missing, without leaving a Prometheus server running.
set -euo pipefail

if command -v promtool >/dev/null 2>&1; then
  echo "promtool present: $(promtool --version 2>&1 | head -1)"
  exit 0
fi

fail() {
  echo "prometheus.sh: $*" >&2
  echo "prometheus.sh: install by hand: apt-get update && apt-get install -y prometheus" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] || fail "promtool is missing and this script is not root"
command -v apt-get >/dev/null 2>&1 || fail "promtool is missing and apt-get is not available"
echo "installing prometheus (for promtool) with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q || fail "apt-get update failed"
# policy-rc.d 101 keeps the package from starting its server during the install.
policy=/usr/sbin/policy-rc.d
created_policy=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  created_policy=yes
fi
status=0
apt-get install -y -q prometheus || status=$?
[ -n "$created_policy" ] && rm -f "$policy"
[ "$status" -eq 0 ] || fail "apt-get install -y prometheus failed (exit $status)"
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl disable --now prometheus >/dev/null 2>&1 || true
fi
command -v promtool >/dev/null 2>&1 || fail "installed, but promtool is still not on the PATH"
echo "promtool installed: $(promtool --version 2>&1 | head -1)"
