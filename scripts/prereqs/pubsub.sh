#!/usr/bin/env bash
# Prerequisite of the storage-gcs tests: Google's Pub/Sub emulator and a Java runtime to run it.
# Installs the Debian package google-cloud-cli-pubsub-emulator when missing; fails loudly otherwise.
set -euo pipefail

launcher=/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator

fail() {
  echo "pubsub.sh: $*" >&2
  echo "pubsub.sh: install it with: apt-get update && apt-get install -y google-cloud-cli-pubsub-emulator" >&2
  echo "pubsub.sh: (the package comes from Google's apt repository, https://packages.cloud.google.com/apt cloud-sdk main)" >&2
  exit 1
}

if ! command -v java >/dev/null 2>&1; then
  echo "pubsub.sh: no java on PATH: the Pub/Sub emulator is a Java program (JDK 17 builds this project)" >&2
  exit 1
fi

if [ ! -x "$launcher" ]; then
  echo "pubsub.sh: Pub/Sub emulator not found at $launcher; installing google-cloud-cli-pubsub-emulator"
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    fail "cannot install it here (needs root and apt-get)"
  fi
  apt-get update || fail "apt-get update failed"
  apt-get install -y google-cloud-cli-pubsub-emulator || fail "apt-get install failed"
fi

[ -x "$launcher" ] || fail "the package is installed but $launcher is missing"
echo "pubsub.sh: Pub/Sub emulator present: $launcher"
