#!/bin/sh
# Front-end figures: parse + check + lower + Markdown throughput on a
# synthetic 1 MB zone, in process; and the whole process per sample.
set -eu
cd "$(dirname "$0")/../.."
mkdir -p build/bench
make -s afc build/libafc.a
cc -std=c11 -O2 -D_XOPEN_SOURCE=700 -Icompiler -Ibuild/gen -o build/bench/front \
    tests/bench.d/front.c build/libafc.a \
    $(pkg-config --libs libcmark yaml-0.1 harfbuzz harfbuzz-subset) -lhpdf -lhyphen -lm
python3 tests/bench.d/synth.py 1048576 > build/bench/synthetic.afs

echo "== front end: parse + check + lower + Markdown, in process"
build/bench/front build/bench/synthetic.afs 30
for s in samples/*.afs; do
	build/bench/front "$s" 200
done

echo "== whole process: afc render --to md (mean of 50 runs)"
for s in samples/*.afs build/bench/synthetic.afs; do
	t0=$(date +%s%N)
	i=0
	while [ $i -lt 50 ]; do
		./afc render --to md "$s" >/dev/null
		i=$((i + 1))
	done
	t1=$(date +%s%N)
	peak=$( { /usr/bin/time -f %M ./afc render --to md "$s" >/dev/null; } 2>&1 || echo "?")
	awk -v s="$s" -v t0="$t0" -v t1="$t1" -v p="$peak" 'BEGIN {
	    printf "%-36s %7.2f ms per run, peak %s KB\n", s, (t1 - t0) / 50 / 1e6, p }'
done
