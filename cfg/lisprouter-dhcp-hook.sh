#!/bin/sh
# udhcpc's script for cfgd (ip address dhcp): cfgd runs `udhcpc -f -s` with
# this script and the write end of a pipe as fd 9 (udhcpc keeps fd 3 for
# itself); each event goes to cfgd as one line (shorter than PIPE_BUF, so
# written at once).  cfgd, not this script, changes the kernel.
case "$1" in
bound|renew)
	set -- $router
	printf 'lease ip=%s subnet=%s router=%s lease=%s\n' "${ip:-0.0.0.0}" \
	    "${subnet:-255.255.255.255}" "${1:-0.0.0.0}" "${lease:-0}" >&9
	;;
deconfig|leasefail|nak)
	printf '%s\n' "$1" >&9
	;;
esac
exit 0
