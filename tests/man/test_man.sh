#!/bin/bash
# The manual pages: each renders without a groff warning (groff -ww and
# man -l), every command of the grammar (cli --print-man commands lists
# them from the tables) appears in lisprouter-config(5) or
# lisprouter-exec(7) with its words as typed, and every option of each
# program's --help appears in its page.
#
# Runs from the build directory (make check's cwd) or with
# $abs_top_builddir set; needs groff (skipped without it) and python3.
set -euo pipefail

builddir=${abs_top_builddir:-$PWD}
command -v groff >/dev/null || { echo "SKIP: no groff"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
pages="man/cli.1 man/lisprouter-config.5 man/lisprouter-exec.7 man/cfgd.8
	man/lispd.8 man/vtyd.8 man/routerctl.8"
for p in $pages; do
	[ -f "$builddir/$p" ] || { echo "missing $builddir/$p (make all)" >&2
	    exit 99; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/man-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

for p in $pages; do
	f=$builddir/$p
	name=$(basename "$p")
	if groff -man -ww -z "$f" 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then
		ok "$name renders without groff warnings"
	else
		fail "$name: groff warns: $(head -5 "$tmp/err")"
	fi
	if command -v man >/dev/null; then
		if MANWIDTH=80 man --warnings -l "$f" >"$tmp/out" \
		    2>"$tmp/err" && [ ! -s "$tmp/err" ] && [ -s "$tmp/out" ]
		then
			ok "man -l $name shows the page"
		else
			fail "man -l $name: $(head -5 "$tmp/err")"
		fi
	fi
	# Plain text without line breaks inside a command, for the checks.
	groff -man -Tascii -rLL=4000n -P-cbou "$f" 2>/dev/null |
	    sed -e 's/^ *//' >"$tmp/$name.txt"
done

"$builddir/cli/cli" --print-man commands >"$tmp/commands"
n=$(wc -l <"$tmp/commands")
missing=$(python3 - "$tmp/commands" "$tmp/lisprouter-config.5.txt" \
    "$tmp/lisprouter-exec.7.txt" <<'PY'
import sys
cmds, config, exec_ = sys.argv[1:4]
text = {"config": open(config).read().split("\n"),
        "exec": open(exec_).read().split("\n")}
for line in open(cmds):
    mode, syntax = line.rstrip("\n").split("\t", 1)
    page = text["exec" if mode == "exec" else "config"]
    if mode != "exec":
        # The commands of a mode come after its heading.
        head = mode + " mode"
        try:
            start = page.index(head)
        except ValueError:
            print(mode + ": no section")
            continue
        page = page[start:]
    if not any(l == syntax or l.startswith(syntax + " ") or
               l.startswith("no " + syntax) for l in page):
        print(mode + ": " + syntax)
PY
)
if [ -z "$missing" ]; then
	ok "all $n commands of the grammar are in lisprouter-config(5) or lisprouter-exec(7)"
else
	fail "commands missing from the pages: $(echo "$missing" | head -10)"
fi

# Every --option of each program's --help is in its page.
for pair in cli/cli:cli.1 cfg/cfgd:cfgd.8 lispd/lispd:lispd.8 \
    cli/vtyd:vtyd.8 platform/routerctl:routerctl.8; do
	prog=${pair%%:*} page=${pair#*:}
	opts=$({ "$builddir/$prog" --help
	    [ "$page" != routerctl.8 ] || "$builddir/$prog" lab --help; } |
	    grep -o -- '--[a-z][a-z-]*' | sort -u)
	bad=
	for o in $opts; do
		grep -q -F -- "$o" "$tmp/$page.txt" || bad="$bad $o"
	done
	if [ -z "$bad" ]; then
		ok "$page documents every option of $(basename "$prog") --help"
	else
		fail "$page lacks$bad"
	fi
done

# The pages name the run directory this build uses.
rundir=$(sed -n 's/^#define RUNDIR_DEFAULT "\(.*\)"$/\1/p' \
    "$builddir/config.h")
if grep -q -F -- "$rundir" "$tmp/routerctl.8.txt"; then
	ok "routerctl(8) names the default run directory $rundir"
else
	fail "routerctl(8) does not name $rundir"
fi

[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
