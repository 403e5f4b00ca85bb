#!/bin/sh
# PDF figures: time per zone PDF (whole process, and in process for a
# batch), peak memory, the same for the floor (libharu alone writing the
# same text with the same fonts, tests/bench.d/floor.c), and the spacing
# of the justified lines, which afc prints when AFC_PDF_STATS is set.
set -eu
cd "$(dirname "$0")/../.."
mkdir -p build/bench
make -s afc build/libafc.a
OBJS=build/libafc.a
LIBS="$(pkg-config --libs libcmark yaml-0.1 harfbuzz harfbuzz-subset) -lhpdf -lhyphen -lm"
cc -std=c11 -O2 -D_XOPEN_SOURCE=700 -Icompiler -Ibuild/gen -o build/bench/pdfbatch \
    tests/bench.d/pdfbatch.c $OBJS $LIBS
cc -std=c11 -O2 -D_XOPEN_SOURCE=700 -Icompiler -Ibuild/gen -o build/bench/floor \
    tests/bench.d/floor.c build/obj/base/util.o $LIBS
RUNS=${RUNS:-30}

# ms TIMES CMD...: mean wall time of CMD over TIMES runs, in ms
ms() {
	n=$1
	shift
	t0=$(date +%s%N)
	i=0
	while [ "$i" -lt "$n" ]; do
		"$@" >/dev/null
		i=$((i + 1))
	done
	t1=$(date +%s%N)
	awk -v a="$t0" -v b="$t1" -v n="$n" 'BEGIN { printf "%.2f", (b - a) / n / 1e6 }'
}

peak() {
	if [ -x /usr/bin/time ]; then
		{ /usr/bin/time -f %M "$@" >/dev/null; } 2>&1 | tail -1
	else
		echo "?"
	fi
}

echo "== PDF: whole process, afc render --to pdf (mean of $RUNS runs)"
for s in samples/*.afs; do
	./afc render --to pdf "$s" >"build/bench/$(basename "$s" .afs).pdf"
	printf '%-36s %7s ms per PDF, peak %s KB, %s bytes\n' "$s" \
	    "$(ms "$RUNS" ./afc render --to pdf "$s")" \
	    "$(peak ./afc render --to pdf "$s")" \
	    "$(wc -c <"build/bench/$(basename "$s" .afs).pdf")"
done

echo "== batch: every sample, compiled and rendered to md, html, pdf in one process"
build/bench/pdfbatch "$RUNS" samples/*.afs

echo "== floor: libharu alone, the same text and fonts, no layout"
for s in samples/*.afs; do
	b=build/bench/$(basename "$s" .afs)
	pdftotext -enc UTF-8 "$b.pdf" "$b.txt" 2>/dev/null
	printf '%-36s whole process %7s ms, peak %s KB; in process %s\n' "$s" \
	    "$(ms "$RUNS" build/bench/floor "$b.txt" fonts 1)" \
	    "$(peak build/bench/floor "$b.txt" fonts 1)" \
	    "$(build/bench/floor "$b.txt" fonts "$RUNS" "$b.floor.pdf")"
done

echo "== justified lines: space width as a multiple of the natural space"
for s in samples/*.afs; do
	AFC_PDF_STATS=1 ./afc render --to pdf "$s" 2>&1 >/dev/null | sed 's/^pdf-stats: /  /'
done
