#!/usr/bin/env bash
# Runs every test project of the solution and prints one totals line: "N passed, N failed, N skipped".
# On a fresh Debian 12 machine (as root) it first installs the real peers the integration tests use.
set -euo pipefail
cd "$(dirname "$0")/.."

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

bash tools/install-deps.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

dotnet build CtiCore.sln -c Release --nologo -v quiet
status=0
dotnet test CtiCore.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" || status=$?

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(attr passed)))
  failed=$((failed + $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted)))
  skipped=$((skipped + $(attr notExecuted)))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The run broke before a test reported (a crash or a build failure): count it, never hide it.
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
