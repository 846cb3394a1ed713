#!/usr/bin/env bash
# Refreshes the vendored SignalR browser client (committed, so `dotnet run` needs no npm).
set -euo pipefail
cd "$(dirname "$0")"
npm install --no-audit --no-fund
cp node_modules/@microsoft/signalr/dist/browser/signalr.min.js ../../src/CtiCore.Server/wwwroot/lib/signalr.min.js
