#!/usr/bin/env bash
# Imports the RFC 4475 torture-test messages (the 49 .dat files of the RFC's Appendix A archive) into
# tests/TestData/sip/rfc4475/. Run once; the files are committed as test vectors.
#
# Source: the RFC's own base64 tarball could not be fetched from this workplace (no web access; the reference
# search returns page excerpts only). The npm package `sip@0.0.6` (kirm/sip.js) ships the same .dat files
# extracted from that archive under test/messages/, byte for byte (CRLF line ends, the 0x80+ octets of
# intmeth/unreason kept). We take only the 49 names listed in RFC 4475's table of contents and leave out the
# package's own additions (test.dat, baddn_sep.dat, badcseq.dat). SHA256SUMS records what was imported so a
# later session holding the RFC archive can verify the bytes with `sha256sum -c`.
set -euo pipefail
cd "$(dirname "$0")/../.."
dest=tests/TestData/sip/rfc4475
names=(wsinv intmeth esc01 escnull esc02 lwsdisp longreq dblreq semiuri transports mpart01 unreason noreason
       badinv01 clerr ncl scalar02 scalarlg quotbal ltgtruri lwsruri lwsstart trws escruri baddate regbadct
       badaspec baddn badvers mismatch01 mismatch02 bigcode badbranch insuf unkscm novelsc unksm2 bext01 invut
       regaut01 multi01 mcl01 bcast zeromf cparam01 cparam02 regescrt sdp01 inv2543)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack sip@0.0.6 --silent >/dev/null && tar xzf sip-0.0.6.tgz)
mkdir -p "$dest"
for n in "${names[@]}"; do
  cp "$work/package/test/messages/$n.dat" "$dest/$n.dat"
done
(cd "$dest" && sha256sum ./*.dat > SHA256SUMS)
echo "imported ${#names[@]} files into $dest"
