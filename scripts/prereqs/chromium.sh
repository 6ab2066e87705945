#!/usr/bin/env bash
# Prerequisite of the browser tests (service: ConsoleBrowserIT): Debian's chromium and
# chromium-driver, which Selenium drives at /usr/bin/chromium and /usr/bin/chromedriver without
# downloading anything. Installs them when missing; fails loudly otherwise.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo unknown version)"
  exit 0
fi

fail() {
  echo "chromium.sh: $*" >&2
  echo "chromium.sh: install by hand: apt-get update && apt-get install -y chromium chromium-driver" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] || fail "chromium or chromium-driver is missing and this script is not root"
command -v apt-get >/dev/null 2>&1 || fail "chromium is missing and apt-get is not available"
echo "installing chromium and chromium-driver with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q || fail "apt-get update failed"
apt-get install -y -q chromium chromium-driver || fail "apt-get install chromium chromium-driver failed"
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || fail "installed, but /usr/bin/chromium or /usr/bin/chromedriver is missing"
echo "chromium installed: $(/usr/bin/chromium --version 2>/dev/null)"
