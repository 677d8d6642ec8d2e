#!/bin/sh
# mkman.sh TEMPLATE PROGRAM VERSION RUNDIR: a manual page from its template.
# A line "@HELP@" becomes PROGRAM's --help output verbatim, "@HELP:ARGS@"
# that of `PROGRAM ARGS --help` (routerctl lab), so that the page's usage
# sections are the program's own and cannot drift from it; @VERSION@ and
# @RUNDIR@ are substituted.
set -eu
template=$1 program=$2 version=$3 rundir=$4
awk -v program="$program" -v version="$version" -v rundir="$rundir" '
	/^@HELP(:[a-z -]*)?@$/ {
		args = $0
		sub(/^@HELP:?/, "", args)
		sub(/@$/, "", args)
		cmd = program " " args " --help"
		print ".PP\n.RS 4\n.nf"
		n = 0
		while ((cmd | getline l) > 0) {
			gsub(/\\/, "\\e", l)
			gsub(/-/, "\\-", l)
			print "\\&" l
			n++
		}
		if (close(cmd) != 0 || n == 0) {
			print "mkman.sh: " cmd " failed" > "/dev/stderr"
			exit 1
		}
		print ".fi\n.RE"
		next
	}
	{
		gsub(/@VERSION@/, version)
		gsub(/@RUNDIR@/, rundir)
		print
	}' "$template"
