#!/bin/sh
# The map-cache and LISP codec micro-benchmark (tests/bench/bench_mapcache.c)
# and the LISP fuzz targets' execution rates.
#
#	tests/bench/bench_mapcache.sh [BUILD_DIR]
#
# BUILD_DIR is a plain (optimised, no sanitizer) build, default build/.
# Environment: PREFIXES (default 1000000), FUZZ_SECONDS per fuzz target
# (default 60; 0 skips them; needs clang).  Prints tables; the map-cache
# figures come with their references measured in the same run.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
prefixes=${PREFIXES:-1000000}
fuzz_seconds=${FUZZ_SECONDS:-60}

make -C "$build" -s tests/bench/bench_mapcache >/dev/null
echo "== map-cache and codecs ($(nproc) CPUs, $(uname -r))"
"$build/tests/bench/bench_mapcache" "$prefixes"

if [ "$fuzz_seconds" -le 0 ] || ! command -v clang >/dev/null 2>&1; then
	exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
echo
echo "== fuzz targets, libFuzzer + ASan + UBSan, $fuzz_seconds s each"
printf '%-12s %14s %12s %8s\n' "target" "executions" "exec/s" "corpus"
for t in lisp-ctl lisp-data lisp-gso; do
	if ! FUZZ_OUT=$work sh "$top/tests/fuzz/run-libfuzzer.sh" "$t" \
	    "$fuzz_seconds" >"$work/$t.log" 2>&1; then
		echo "$t: the target crashed; see below"
		tail -n 40 "$work/$t.log"
		exit 1
	fi
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/$t.log")
	units=$(find "$work/$t/corpus" -type f | wc -l)
	printf '%-12s %14s %12s %8s\n' "$t" "$runs" "$rate" "$units"
done
