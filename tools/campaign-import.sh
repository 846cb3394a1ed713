#!/usr/bin/env bash
# Uploads a CSV dial list to a campaign and prints the import's progress until it ends (the same figures the
# campaigns page shows). Usage:
#   CTI_TOKEN=<bearer token> tools/campaign-import.sh <server url> <campaign id> <file.csv>
#   CTI_TOKEN=<bearer token> tools/campaign-import.sh <server url> <campaign id> --status <import id>
# Get a token with: curl -s -X POST <url>/api/auth/token -H 'Content-Type: application/json' \
#   -d '{"login":"…","password":"…"}'   (the accessToken field). The token is read from the environment, so it
# never shows in the process list.
set -euo pipefail

die() { echo "campaign-import: $*" >&2; exit 2; }
[ $# -ge 3 ] || die "usage: $0 <server url> <campaign id> <file.csv | --status import-id>"
[ -n "${CTI_TOKEN:-}" ] || die "set CTI_TOKEN to a bearer token"
command -v curl >/dev/null || die "curl is needed"
command -v jq >/dev/null || die "jq is needed"

url="${1%/}"
campaign="$2"
[[ "$campaign" =~ ^[0-9]+$ ]] || die "campaign id must be a number"
headers=$(mktemp)
trap 'rm -f "$headers"' EXIT
chmod 600 "$headers"
printf 'Authorization: Bearer %s\n' "$CTI_TOKEN" >"$headers"
auth=(-H @"$headers")

if [ "$3" = "--status" ]; then
  [ $# -eq 4 ] || die "--status needs the import id"
  import="$4"
else
  [ -r "$3" ] || die "cannot read $3"
  answer=$(curl -sS --fail-with-body "${auth[@]}" -H 'Content-Type: text/csv' --data-binary @"$3" \
    "$url/api/campaigns/$campaign/imports") || die "upload refused: $answer"
  import=$(jq -r .importId <<<"$answer")
fi
[[ "$import" =~ ^[0-9a-f]{32}$ ]] || die "not an import id: $import"

while :; do
  status=$(curl -sS --fail-with-body "${auth[@]}" "$url/api/campaigns/$campaign/imports/$import") || die "status: $status"
  state=$(jq -r .state <<<"$status")
  jq -r '"\(.state): \(.rowsRead) rows read, \(.accepted) accepted, \(.rejected) rejected, \(.duplicates) duplicates"' <<<"$status"
  [ "$state" = "running" ] || break
  sleep 1
done

if [ "$state" = "completed" ]; then
  echo "error report: $url/api/campaigns/$campaign/imports/$import/errors"
  exit 0
fi
jq -r '.error // empty' <<<"$status" >&2
exit 1
