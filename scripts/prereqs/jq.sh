#!/usr/bin/env bash
# Prerequisite of the README walk-through test (service: ReadmeWalkthroughIT): curl and jq, which
# the walk-through itself uses. Installs them when missing; fails loudly otherwise.
set -euo pipefail

missing=()
for tool in curl jq; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "curl and jq present: $(jq --version)"
  exit 0
fi

fail() {
  echo "jq.sh: $*" >&2
  echo "jq.sh: install by hand: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] || fail "${missing[*]} missing and this script is not root"
command -v apt-get >/dev/null 2>&1 || fail "${missing[*]} missing and apt-get is not available"
echo "installing ${missing[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q || fail "apt-get update failed"
apt-get install -y -q "${missing[@]}" || fail "apt-get install ${missing[*]} failed"
for tool in curl jq; do
  command -v "$tool" >/dev/null 2>&1 || fail "installed, but $tool is still not on the PATH"
done
echo "installed: ${missing[*]}"
