#!/bin/bash
# The Debian packages of the S3 lab (~1 min, 64 MB): a mon, an OSD, radosgw and the ceph tools; curl to wait for
# radosgw. Only what is missing is installed; needs root for that (apt-get), waits for another dpkg's lock.
set -euo pipefail
PACKAGES=(ceph-mon ceph-osd radosgw ceph-common curl)
need=()
for p in "${PACKAGES[@]}"; do [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = 'install ok installed' ] || need+=("$p"); done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then echo "install-ceph: missing ${need[*]}: run as root" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=120 update -qq >&2
apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends "${need[@]}" >&2
