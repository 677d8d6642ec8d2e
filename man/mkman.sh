#!/bin/sh
# mkman.sh TEMPLATE PROGRAM VERSION RUNDIR: a manual page from its template,
# with the line "@HELP@" replaced by PROGRAM's --help output verbatim, so
# that the page's usage section is the program's own and cannot drift from
# it; @VERSION@ and @RUNDIR@ are substituted.
set -eu
template=$1 program=$2 version=$3 rundir=$4
help=$("$program" --help)
printf '%s\n' "$help" |
    sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e 's/^/\\\&/' >"${TMPDIR:-/tmp}/mkman.$$"
trap 'rm -f "${TMPDIR:-/tmp}/mkman.$$"' EXIT
awk -v helpfile="${TMPDIR:-/tmp}/mkman.$$" -v version="$version" \
    -v rundir="$rundir" '
	$0 == "@HELP@" {
		print ".PP\n.RS 4\n.nf"
		while ((getline l < helpfile) > 0)
			print l
		print ".fi\n.RE"
		next
	}
	{
		gsub(/@VERSION@/, version)
		gsub(/@RUNDIR@/, rundir)
		print
	}' "$template"
