#!/bin/bash
# Builds the lisprouter VM image from Debian 12 packages and our own
# package (make deb): OUT/lisprouter.qcow2 (QEMU/KVM) and OUT/lisprouter.ova
# (VMware: OVF 1.0, streamOptimized VMDK, SHA256 manifest).
#
#   build.sh --builddir DIR --srcdir DIR --out DIR [--deb-dir DIR]
#
# Runs as root, needs no loop device and no mount: the root file system is
# a directory tree written straight into the disk file by mke2fs -d, the
# boot partition a FAT file filled with mtools and made bootable by
# syslinux.  Packages come from this machine's Debian sources
# (/etc/apt/sources.list.d/debian.sources, or $LISPROUTER_APT_SOURCES).
#
# Layout of the disk (2 GiB, sparse):
#   p1  FAT16, 64 MiB   syslinux, the kernel, our initramfs
#   p2  ext4 "bootflash" Debian's smallest userland, the kernel modules,
#                        our programs; /var/lib/lisprouter is the router's
#                        run directory (startup-config, logs, keys)
set -euo pipefail
umask 022

builddir= srcdir= out= debdir=
while [ $# -gt 0 ]; do
	case "$1" in
	--builddir) builddir=$(cd "$2" && pwd); shift 2 ;;
	--deb-dir) debdir=$(cd "$2" && pwd); shift 2 ;;
	--srcdir) srcdir=$(cd "$2" && pwd); shift 2 ;;
	--out) mkdir -p "$2"; out=$(cd "$2" && pwd); shift 2 ;;
	*) echo "usage: build.sh --builddir DIR --srcdir DIR --out DIR [--deb-dir DIR]" >&2
	   exit 2 ;;
	esac
done
[ -n "$builddir" ] && [ -n "$srcdir" ] && [ -n "$out" ] ||
    { echo "build.sh: --builddir, --srcdir and --out are required" >&2; exit 2; }
# The package from `make deb` (default: the build tree's deb/).
[ -n "$debdir" ] || debdir=$builddir/deb
[ "$(id -u)" = 0 ] || { echo "build.sh: run as root" >&2; exit 1; }

here="$srcdir/platform/image"
DISK_MB=2048
BOOT_MB=64
MEMORY_MB=${LISPROUTER_IMAGE_MEMORY_MB:-1024}
NAME=lisprouter
VMDK=$NAME-disk1.vmdk
work="$out/work"
root="$work/root"
t0=$(date +%s)

step() { printf 'image: [%3ss] %s\n' $(($(date +%s) - t0)) "$*"; }

"$here/deps.sh"

rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

# 1. Our programs: the Debian package (make deb), installed into the root
# by apt with the libraries it depends on, as on any Debian system.
deb=$(ls "$debdir"/lisprouter_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "build.sh: no lisprouter_*.deb in $debdir" >&2; exit 1; }
version=$(dpkg-deb -f "$deb" Version)
dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|' >"$work/deb-files"
init=$(grep '/lisprouter-init$' "$work/deb-files" || true)
[ -n "$init" ] || { echo "build.sh: $deb has no lisprouter-init" >&2; exit 1; }
for p in cli cfgd lispd vtyd routerctl; do
	grep -q -E "^/usr/s?bin/$p\$" "$work/deb-files" ||
	    { echo "build.sh: $deb does not install $p" >&2; exit 1; }
done
cp "$deb" "$work/lisprouter.deb"
step "package $(basename "$deb")"

# 2. The root file system.  The kernel's initramfs generator (and the udev
# and perl it would bring) is replaced by a stub package: we make our own.
mkdir -p "$work/deb/DEBIAN"
cat >"$work/deb/DEBIAN/control" <<EOF
Package: lisprouter-own-initramfs
Version: $version
Architecture: all
Maintainer: lisprouter <lisprouter@localhost>
Provides: linux-initramfs-tool
Description: the lisprouter image builds its own initramfs
EOF
dpkg-deb -b -Zgzip "$work/deb" "$work/own-initramfs.deb" >/dev/null
sources=${LISPROUTER_APT_SOURCES:-/etc/apt/sources.list.d/debian.sources}
[ -r "$sources" ] || sources=/etc/apt/sources.list
grep -q 'bookworm-security' "$sources" ||
    echo "image: warning: $sources lists no bookworm-security suite" >&2
pkgs="linux-image-cloud-amd64,kmod,iproute2,e2fsprogs,busybox-static"
# Downloaded packages are kept for the next build.
cache=${LISPROUTER_IMAGE_CACHE:-/var/cache/lisprouter-image}/debs
mkdir -p "$cache"
step "mmdebstrap bookworm ($pkgs, $(basename "$deb"))"
mmdebstrap --quiet --variant=essential --mode=root \
    --include="$pkgs" --include="$work/own-initramfs.deb" \
    --include="$work/lisprouter.deb" \
    --setup-hook="mkdir -p \"\$1$work\" && cp $work/own-initramfs.deb $work/lisprouter.deb \"\$1$work/\"" \
    --skip=essential/unlink \
    --setup-hook='mkdir -p "$1"/var/cache/apt/archives/' \
    --setup-hook="sync-in $cache /var/cache/apt/archives/" \
    --customize-hook="sync-out /var/cache/apt/archives $cache" \
    --customize-hook="rm -rf \"\$1$work\" \"\$1\"/var/cache/apt/archives/*.deb" \
    --aptopt='APT::Install-Recommends "false"' \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/lintian/*' \
    bookworm "$root" "$sources"

kver=$(ls "$root/lib/modules")
[ "$(echo "$kver" | wc -l)" = 1 ] ||
    { echo "build.sh: expected one kernel, found: $kver" >&2; exit 1; }

# 3. Our initramfs: busybox, the disk drivers, a 50-line /init.
step "initramfs for $kver"
ird="$work/initramfs"
mkdir -p "$ird/bin" "$ird/lib/modules/$kver"
cp "$root/bin/busybox" "$ird/bin/busybox"
install -m 0755 "$here/initramfs-init" "$ird/init"
for m in virtio_pci virtio_blk virtio_scsi vmw_pvscsi ata_piix ata_generic \
    sd_mod nvme; do
	modprobe -d "$root" -S "$kver" --show-depends "$m" 2>/dev/null |
	    awk '$1 == "insmod" { print $2 }'
done | sort -u | while read -r ko; do
	rel=${ko#"$root"}
	mkdir -p "$ird$(dirname "$rel")"
	cp "$root$rel" "$ird$rel"
done
cp "$root/lib/modules/$kver"/modules.{order,builtin,builtin.modinfo} \
    "$ird/lib/modules/$kver/"
depmod -b "$ird" "$kver"
(cd "$ird" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) |
    gzip -6 >"$work/initrd.img"
cp "$root/boot/vmlinuz-$kver" "$work/vmlinuz"

# 4. The appliance: our programs, our init, nothing else listening.
step "the appliance around lisprouter $version"
# busybox-static stays: its udhcpc is cfgd's DHCP client (ip address dhcp).
[ -x "$root$init" ] || { echo "build.sh: $init not installed" >&2; exit 1; }
ln -sf "$init" "$root/sbin/init"
echo Router >"$root/etc/hostname"
# The consoles are routers' consoles: no bracketed-paste escapes from
# readline on a serial line (a paste arrives line by line, as on IOS).
echo 'set enable-bracketed-paste off' >>"$root/etc/inputrc"
: >"$root/etc/machine-id"
mkdir -p "$root/var/lib/lisprouter/log"
rm -rf "$root/boot"/* "$root/var/cache/apt"/* "$root/var/lib/apt/lists"/* \
    "$root/var/log"/* "$root/tmp"/* "$root/etc/apt/sources.list.d"/*
cat >"$root/etc/lisprouter-release" <<EOF
NAME=lisprouter
VERSION=$version
KERNEL=$kver
BUILT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
EOF

# 5. The disk: MBR, FAT boot partition, ext4 root, all without mounts.
step "disk: ${DISK_MB} MiB, boot ${BOOT_MB} MiB FAT + ext4"
disk="$work/disk.raw"
uuid=$(cat /proc/sys/kernel/random/uuid)
rm -f "$disk"
truncate -s ${DISK_MB}M "$disk"
boot_start=2048
boot_sectors=$((BOOT_MB * 2048))
root_start=$((boot_start + boot_sectors))
root_sectors=$((DISK_MB * 2048 - root_start))
sfdisk -q "$disk" <<EOF
label: dos
start=$boot_start, size=$boot_sectors, type=6, bootable
start=$root_start, size=$root_sectors, type=83
EOF
mke2fs -q -F -t ext4 -L bootflash -U "$uuid" -m 0 -d "$root" \
    -E offset=$((root_start * 512)) "$disk" $((root_sectors / 2))k

cat >"$work/syslinux.cfg" <<EOF
SERIAL 0 115200
DEFAULT lisprouter
PROMPT 0
TIMEOUT 0
LABEL lisprouter
  LINUX /vmlinuz
  INITRD /initrd.img
  APPEND root=UUID=$uuid ro console=tty0 console=ttyS0,115200n8 quiet loglevel=3 net.ifnames=0 scsi_mod.scan=sync
EOF
bootimg="$work/boot.img"
rm -f "$bootimg"
mkfs.vfat -C -F 16 -n BOOT "$bootimg" $((boot_sectors / 2)) >/dev/null
mcopy -i "$bootimg" "$work/vmlinuz" "$work/initrd.img" \
    "$work/syslinux.cfg" ::/
syslinux --install "$bootimg"
dd if="$bootimg" of="$disk" bs=512 seek=$boot_start conv=notrunc,sparse \
    status=none
dd if=/usr/lib/syslinux/mbr/mbr.bin of="$disk" bs=440 count=1 \
    conv=notrunc status=none

# 6. qcow2 and OVA.
step "qcow2"
qemu-img convert -c -O qcow2 "$disk" "$work/$NAME.qcow2"
step "OVA"
ova="$work/ova"
mkdir -p "$ova"
qemu-img convert -O vmdk -o subformat=streamOptimized,adapter_type=lsilogic \
    "$disk" "$ova/$VMDK"
vmdk_size=$(stat -c %s "$ova/$VMDK")
capacity=$(stat -c %s "$disk")
populated=$(($(du -B1 "$disk" | cut -f1)))
sed -e "s|@VERSION@|$version|g" -e "s|@VMDK@|$VMDK|g" \
    -e "s|@VMDK_SIZE@|$vmdk_size|g" -e "s|@CAPACITY@|$capacity|g" \
    -e "s|@POPULATED@|$populated|g" -e "s|@MEMORY_MB@|$MEMORY_MB|g" \
    "$here/$NAME.ovf.in" >"$ova/$NAME.ovf"
(
	cd "$ova"
	for f in "$NAME.ovf" "$VMDK"; do
		echo "SHA256($f)= $(sha256sum "$f" | cut -d' ' -f1)"
	done >"$NAME.mf"
	tar --format=ustar --owner=0 --group=0 --numeric-owner \
	    --mode=0644 -cf "$work/$NAME.ova" "$NAME.ovf" "$NAME.mf" "$VMDK"
)

mv -f "$work/$NAME.qcow2" "$work/$NAME.ova" "$out/"
step "done: $out/$NAME.qcow2 ($(du -h --apparent-size "$out/$NAME.qcow2" |
    cut -f1)), $out/$NAME.ova ($(du -h --apparent-size "$out/$NAME.ova" |
    cut -f1))"
