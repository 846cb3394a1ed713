#!/usr/bin/env bash
# Installs the real peers the test suites drive: PostgreSQL, debootstrap + Asterisk 22 in a chroot, sipp, baresip; each suite
# adds what it needs. Idempotent: a package already present is not fetched again, and the Asterisk chroot is only
# built once (tools/asterisk/sandbox.sh install skips an existing one). Without root it only reports what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(postgresql-15 docker-compose debootstrap sip-tester baresip libopus0 libopusenc0 opus-tools chromium)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "$(id -u)" -ne 0 ]; then
  [ "${#missing[@]}" -eq 0 ] || echo "install-deps: not root, cannot install: ${missing[*]} (tests that need them will be reported as skipped)" >&2
  exit 0
fi
if [ "${#missing[@]}" -ne 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Asterisk 22 from Debian sid in a debootstrap chroot (bookworm has no asterisk package): about 90 s and 500 MB once.
# A failed download must not stop the whole test run: the Asterisk fixture retries and reports the reason as its skip.
bash tools/asterisk/sandbox.sh install || echo "install-deps: the Asterisk sandbox could not be installed; its integration tests will say why" >&2
