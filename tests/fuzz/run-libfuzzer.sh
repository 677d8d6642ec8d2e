#!/bin/sh
# Builds a fuzz target with libFuzzer and runs it for a bounded time.
#
#	tests/fuzz/run-libfuzzer.sh TARGET SECONDS
#
# TARGET names tests/fuzz/fuzz_TARGET.c (a '-' in TARGET is '_' in the
# file name); its seed corpus is tests/fuzz/corpus/TARGET (read only: new
# inputs go to a working corpus).
# Environment: CC (default clang), FUZZ_OUT (build and work directory,
# default ${TMPDIR:-/tmp}/lisprouter-fuzz), FUZZ_ARGS (more libFuzzer
# flags).  Exits non-zero if the target crashes; the crashing input is
# left in $FUZZ_OUT/TARGET/.
set -eu

if [ $# -ne 2 ]; then
	echo "usage: $0 TARGET SECONDS" >&2
	exit 2
fi
target=$1
seconds=$2
top=$(cd "$(dirname "$0")/../.." && pwd)

# The sources each target links: the code under test, nothing more.
libs=
case $target in
ipc)	srcs="platform/ipc.c" ;;
lisp-ctl)
	srcs="lispd/wire.c lispd/wire-ctl.c lispd/wire-auth.c"
	libs=$(pkg-config --libs libcrypto) ;;
sshkey)	srcs="cfg/sshkey.c"
	libs=$(pkg-config --libs libcrypto) ;;
lisp-data)
	srcs="lispd/wire.c lispd/wire-data.c" ;;
lisp-gso)
	srcs="lispd/wire.c lispd/wire-data.c lispd/wire-gso.c" ;;
labtopo) srcs="platform/lab-topo.c" ;;
ms-state)
	srcs="lispd/msstate.c lispd/wire.c" ;;
*)	echo "$0: unknown target '$target'" >&2; exit 2 ;;
esac

cc=${CC:-clang}
out=${FUZZ_OUT:-${TMPDIR:-/tmp}/lisprouter-fuzz}/$target
mkdir -p "$out/corpus"
bin=$out/fuzz_$target

cd "$top"
# shellcheck disable=SC2086
$cc -g -O1 -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=undefined -fno-omit-frame-pointer \
    -D_GNU_SOURCE -I"$top" -o "$bin" \
    "tests/fuzz/fuzz_$(printf %s "$target" | tr - _).c" $srcs $libs

# shellcheck disable=SC2086
exec "$bin" -max_total_time="$seconds" -timeout=10 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$out/" ${FUZZ_ARGS:-} \
    "$out/corpus" "$top/tests/fuzz/corpus/$target"
