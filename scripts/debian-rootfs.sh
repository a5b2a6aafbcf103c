#!/usr/bin/env bash
# Builds a general-purpose Debian 12 (bookworm) minbase root file system once and
# keeps it as a tarball under .tmp/rootfs/, then prints the tarball's path.
#   scripts/debian-rootfs.sh            # build if missing, print the path
#   scripts/debian-rootfs.sh --rebuild  # build again even if cached
# Uses: the platform bootstrap test (a chroot), and Docker base images
# (`docker import "$(scripts/debian-rootfs.sh)" towlion/bookworm`).
# Settings: TOWLION_ROOTFS_DIR (cache folder), DEBIAN_MIRROR, DEBIAN_SECURITY_MIRROR.
# Needs root and debootstrap (Debian package).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${TOWLION_ROOTFS_DIR:-$root/.tmp/rootfs}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
security_mirror=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
suite=bookworm
# Bump when the recipe below changes, so cached tarballs are rebuilt.
recipe=1
tarball=$cache/$suite-minbase-r$recipe.tar

if [ "$(id -u)" != 0 ]; then
  echo "debian-rootfs.sh: debootstrap needs root" >&2
  exit 1
fi
command -v debootstrap >/dev/null || {
  echo "debian-rootfs.sh: debootstrap is missing (apt-get install debootstrap)" >&2
  exit 1
}

mkdir -p "$cache"
# Several test layers may ask at once; only one builds, the others wait for it.
exec 9>"$cache/.lock"
flock 9

if [ "${1:-}" = "--rebuild" ]; then rm -f "$tarball"; fi
if [ -s "$tarball" ]; then
  echo "$tarball"
  exit 0
fi

build=$(mktemp -d "$cache/build.XXXXXX")
cleanup() { rm -rf "$build"; }
trap cleanup EXIT

echo "debian-rootfs.sh: debootstrap $suite (minbase) from $mirror; this takes a few minutes" >&2
debootstrap --variant=minbase --include=ca-certificates "$suite" "$build/root" "$mirror" >"$build/debootstrap.log" 2>&1 || {
  tail -n 30 "$build/debootstrap.log" >&2
  echo "debian-rootfs.sh: debootstrap failed" >&2
  exit 1
}

# apt sources in the deb822 format Debian 12 uses, including security updates.
rm -f "$build/root/etc/apt/sources.list"
cat >"$build/root/etc/apt/sources.list.d/debian.sources" <<SOURCES
Types: deb
URIs: $mirror
Suites: $suite $suite-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $security_mirror
Suites: $suite-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES

# Small and reproducible: no package downloads, no apt lists, no machine identity.
rm -rf "$build/root/var/cache/apt/archives/"*.deb "$build/root/var/lib/apt/lists/"*
: >"$build/root/etc/machine-id"
rm -f "$build/root/etc/hostname"

tar --numeric-owner --xattrs -C "$build/root" -cf "$build/rootfs.tar" .
mv "$build/rootfs.tar" "$tarball"
echo "$tarball"
