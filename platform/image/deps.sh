#!/bin/bash
# Installs, by name from Debian 12, what building and testing the VM image
# needs on the build machine.  Asks apt only when something is missing.
set -euo pipefail
PKGS="mmdebstrap qemu-utils qemu-system-x86 syslinux syslinux-common mtools
dosfstools e2fsprogs fdisk genisoimage libxml2-utils python3 kmod cpio
openssh-client"
missing=()
for p in $PKGS; do
	dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null |
	    grep -q '^install ok installed$' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "image: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
