#!/usr/bin/env python3
"""Prints every message of the catalogue (compiler/base/diag.h) that no
file given on the command line holds, as "missing NAME: format"; exits 1
when there is one. A message is found by its level and its format, each
printf conversion standing for any text."""
import re
import sys

h = open("compiler/base/diag.h").read()
defs = re.findall(r"#define (M_\w+) (DIAG_\w+), ((?:\\\n|[^\n])*)", h)
corpus = "".join(open(f, errors="replace").read() for f in sys.argv[1:])
levels = {"DIAG_NOTE": "note", "DIAG_WARNING": "warning", "DIAG_ERROR": "error"}
missing = 0
if len(defs) < 10:
    print("missing: the catalogue was not found in compiler/base/diag.h")
    sys.exit(1)
for name, level, rest in defs:
    fmt = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', rest))
    fmt = fmt.encode().decode("unicode_escape")
    pat = re.escape(fmt)
    pat = re.sub(r"%(?:\\\.\\\*|\d+|\\-)*(?:z|l)?[sduXx]", ".*", pat)
    if not re.search(levels[level] + ": " + pat, corpus):
        print("missing %s: %s" % (name, fmt))
        missing += 1
print("%d messages, %d not produced by a test" % (len(defs), missing))
sys.exit(1 if missing else 0)
