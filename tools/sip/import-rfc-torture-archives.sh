#!/usr/bin/env bash
# Imports the RFC 4475 and RFC 5118 torture-test messages from the RFCs' own Appendix A archives into
# tests/TestData/sip/rfc4475/ and tests/TestData/sip/rfc5118/. Run once; the decoded files are committed.
#
# Where the RFC text comes from: Debian's doc-rfc-informational package (bookworm, non-free, version 20230121-1),
# which ships /usr/share/doc/RFC/informational/rfc4475.txt.gz and rfc5118.txt.gz. The package is downloaded with
# apt-get through a private sources list and lists directory, so the machine's own apt configuration is left
# alone, and it is unpacked with dpkg-deb, not installed. Pass a directory holding rfc4475.txt and rfc5118.txt
# as the first argument to use another copy of the RFCs instead.
#
# The SHA-256 of each RFC text is checked against the value recorded below before anything is decoded, and the
# decoder (decode_rfc_archive.py) applies the recovery rule the RFCs give in Appendix A.
set -euo pipefail
cd "$(dirname "$0")/../.."
declare -A rfc_sha256=(
  [4475]=ab5fbd8c6d266b19988760183c57b4fbacbd0b23be7ac0710a8ddf4be6c3005b
  [5118]=56a76623496c2b834646b39a89c30aa8d1922fdc9e6a9e463e118a636ae1e55e
)
work=$(mktemp -d)
chmod 755 "$work" # apt downloads as _apt
trap 'rm -rf "$work"' EXIT

if [[ $# -ge 1 ]]; then
  cp "$1/rfc4475.txt" "$1/rfc5118.txt" "$work/"
else
  mkdir -p "$work/apt/lists/partial"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm non-free" > "$work/apt/sources.list"
  apt_opts=(-o "Dir::Etc::sourcelist=$work/apt/sources.list" -o "Dir::Etc::sourceparts=-" -o "Dir::State::Lists=$work/apt/lists")
  apt-get "${apt_opts[@]}" -qq update
  (cd "$work" && apt-get "${apt_opts[@]}" -qq download doc-rfc-informational=20230121-1)
  dpkg-deb -x "$work"/doc-rfc-informational_20230121-1_all.deb "$work/deb"
  for n in 4475 5118; do
    gzip -dc "$work/deb/usr/share/doc/RFC/informational/rfc$n.txt.gz" > "$work/rfc$n.txt"
  done
fi

for n in 4475 5118; do
  echo "${rfc_sha256[$n]}  $work/rfc$n.txt" | sha256sum -c --quiet
  dest=tests/TestData/sip/rfc$n
  # Replace the decoded messages; the hand-written manifest and notes stay.
  if [[ -d $dest ]]; then
    find "$dest" -maxdepth 1 -type f ! -name MANIFEST.tsv ! -name README.md -delete
  fi
  python3 tools/sip/decode_rfc_archive.py "$work/rfc$n.txt" "$dest"
done
