#!/usr/bin/env python3
"""Decode the bit-exact message archive of an RFC's plain text into a directory of files.

RFC 4475 and RFC 5118 each end with "Appendix A. Bit-Exact Archive of Each Test Message": a base64-encoded,
gzip-compressed tar archive of their test messages, between "-- BEGIN MESSAGE ARCHIVE --" and
"-- END MESSAGE ARCHIVE --". The RFCs give the recovery rule themselves (a short Perl script): inside each
BEGIN..END range, keep the lines made of one whitespace-free token and base64-decode their concatenation. Page
furniture (footers, running headers) has spaces in it and is dropped by the same rule. The Perl listing itself
names both markers on one line; that line is no single token, so it contributes nothing, as with the RFC's script.

Usage: decode_rfc_archive.py RFC_TEXT DEST_DIR
Writes every regular file of the archive into DEST_DIR (names as the archive holds them, without the leading
"./"), then DEST_DIR/SHA256SUMS for those files, and prints the SHA-256 of the RFC text and of the decoded
archive for the provenance record.
"""
import base64
import hashlib
import io
import os
import re
import sys
import tarfile

BEGIN = "-- BEGIN MESSAGE ARCHIVE --"
END = "-- END MESSAGE ARCHIVE --"
SINGLE_TOKEN = re.compile(r"^\s*\S+\s*$")


def archive_base64(rfc_text: str) -> str:
    """The RFC's rule: lines inside BEGIN..END (markers included, as Perl's '..' does) that are one token."""
    kept = []
    inside = False
    for line in rfc_text.splitlines():
        if not inside and BEGIN in line:
            inside = True
        if inside:
            if SINGLE_TOKEN.match(line):
                kept.append(line.strip())
            if END in line:
                inside = False
    return "".join(kept)


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    rfc_path, dest = sys.argv[1], sys.argv[2]
    raw = open(rfc_path, "rb").read()
    archive = base64.b64decode(archive_base64(raw.decode("ascii")), validate=True)
    os.makedirs(dest, exist_ok=True)
    names = []
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        for member in tar.getmembers():
            if not member.isfile():
                continue
            name = member.name[2:] if member.name.startswith("./") else member.name
            # The messages are flat files; anything with a path in it is not what the RFC published.
            if "/" in name or name in ("", ".", ".."):
                raise SystemExit(f"unexpected archive member: {member.name!r}")
            data = tar.extractfile(member).read()
            with open(os.path.join(dest, name), "wb") as out:
                out.write(data)
            names.append((name, hashlib.sha256(data).hexdigest()))
    names.sort()
    with open(os.path.join(dest, "SHA256SUMS"), "w", encoding="ascii", newline="\n") as sums:
        for name, digest in names:
            sums.write(f"{digest}  {name}\n")
    print(f"rfc text sha256 {hashlib.sha256(raw).hexdigest()}  {os.path.basename(rfc_path)}")
    print(f"archive  sha256 {hashlib.sha256(archive).hexdigest()}  ({len(archive)} octets, {len(names)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
