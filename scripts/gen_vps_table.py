#!/usr/bin/env python3
"""Write src/text/legacy/vps_table.rs: the byte -> character table of VPS as GNU recode on this
machine decodes each single byte (iconv has no VPS).

Usage: python3 scripts/gen_vps_table.py > src/text/legacy/vps_table.rs
A byte recode does not decode on its own keeps its own code point."""
import subprocess

def table():
    out = []
    for b in range(256):
        r = subprocess.run(["recode", "VPS..UTF-8"], input=bytes([b]), capture_output=True)
        s = r.stdout.decode("utf-8") if r.returncode == 0 else ""
        out.append(ord(s) if len(s) == 1 else b)
    return out

t = table()
print("//! The byte table of VPS, generated from GNU recode by scripts/gen_vps_table.py so that")
print("//! vnreport reads VPS files exactly as recode does.")
print()
print("/// VPS: Latin-1 with 97 of its upper positions and 14 C0 positions given to Vietnamese letters.")
print("#[rustfmt::skip]")
print("pub(crate) const VPS: [char; 256] = [")
for row in range(0, 256, 8):
    cells = ", ".join(f"'\\u{{{c:04X}}}'" for c in t[row:row + 8])
    print(f"    {cells},")
print("];")
