#!/usr/bin/env python3
"""Writes N zone sources into DIR, made from the samples with their
names varied: the zone's name, its council and its municipalities are
made unique per zone, so that a batch of them is a batch of different
zones (no warnings across zones). Used by make bench-batch and by
tests/build.test.

usage: zones.py N DIR [FIRST]
"""
import os
import re
import sys

PLACES = ["Aalst", "Ékeren", "Brugge", "eeklo", "Zottegem", "Gent",
          "Ieper", "Oostende", "Lier", "Mol", "Tielt", "Dendermonde"]


def vary(text, i):
    tag = "%s %03d" % (PLACES[i % len(PLACES)], i)
    text = re.sub(r'^(  zone +)"[^"]*"', r'\1"ELZ %s"' % tag, text,
                  count=1, flags=re.M)
    text = re.sub(r'^(council \S+ )"([^"]*)"', r'\1"\2 %03d"' % i, text,
                  flags=re.M)
    text = re.sub(r'^(municipality \S+ )"([^"]*)"', r'\1"\2 %03d"' % i,
                  text, flags=re.M)
    return text


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    first = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "..", "..", "samples")
    samples = [open(os.path.join(here, s), encoding="utf-8").read()
               for s in ("amalo.afs", "midden-west-vlaanderen.afs")]
    os.makedirs(out, exist_ok=True)
    for i in range(first, first + n):
        name = "zone-%03d-%s.afs" % (i, PLACES[i % len(PLACES)].lower()
                                     .replace("é", "e"))
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(vary(samples[i % 2], i))


main()
