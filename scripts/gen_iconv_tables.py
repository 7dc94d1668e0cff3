#!/usr/bin/env python3
"""Write src/text/legacy/iconv_tables.rs: the byte -> character tables of VISCII and VN1
(full TCVN 5712, iconv's "TCVN") as iconv on this machine decodes each single byte.

Usage: python3 scripts/gen_iconv_tables.py > src/text/legacy/iconv_tables.rs
A byte iconv does not decode on its own keeps its own code point (VN1's tone marks at
0xB0-0xB4 decode alone as combining marks, which iconv does give)."""
import subprocess

def table(enc):
    out = []
    for b in range(256):
        r = subprocess.run(["iconv", "-f", enc, "-t", "UTF-8"], input=bytes([b]), capture_output=True)
        s = r.stdout.decode("utf-8") if r.returncode == 0 else ""
        out.append(ord(s) if len(s) == 1 else b)
    return out

def emit(name, doc, t):
    print(f"/// {doc}")
    print("#[rustfmt::skip]")
    print(f"pub(crate) const {name}: [char; 256] = [")
    for row in range(0, 256, 8):
        cells = ", ".join(f"'\\u{{{c:04X}}}'" for c in t[row:row + 8])
        print(f"    {cells},")
    print("];")

print("//! Byte tables of VISCII and VN1 (full TCVN 5712), generated from iconv by")
print("//! scripts/gen_iconv_tables.py so that vnreport reads these files exactly as iconv does.")
print()
emit("VISCII", "VISCII (RFC 1456): 134 precomposed letters, six of them at C0 control positions.", table("VISCII"))
print()
emit("VN1", "VN1 (TCVN 5712:1993 full, iconv's \"TCVN\"): VN3 plus the toned capitals at C0 and 0x80-0x9F positions; 0xB0-0xB4 are combining tone marks.", table("TCVN"))
