#!/usr/bin/env bash
# Installs the real peers the test suites drive: PostgreSQL today; each suite adds what it needs.
# Idempotent: a package already present is not fetched again. Without root it only reports what is missing.
set -euo pipefail

packages=(postgresql-15 docker-compose libopus0 libopusenc0 opus-tools)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: not root, cannot install: ${missing[*]} (tests that need them will be reported as skipped)" >&2
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
