#!/usr/bin/env bash
# Installs the peers `./workbench bench pointcloud` compares our readers with (root, Debian 12):
#   PCL 1.13 (libpcl-dev, C++: tools/bench/pointcloud/pcl_read.cpp built into $PEERS/pcl_read)
#   Open3D 0.16 (python3-open3d, Debian's python3 at /usr/bin/python3)
#   laspy 2.5 for LAS: only in Debian 13, so in a minimal trixie chroot at $PEERS/trixie (debootstrap).
# PDAL, the LAS peer the issue names, is in no Debian release (checked: 12, 12-backports, 13, sid) and
# PyPI/conda are not reachable from these machines, so laspy stands in for it.
set -euo pipefail
PEERS=${PEERS:-/opt/peers}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ "$(id -u)" = 0 ] || { echo "run as root (apt-get, debootstrap, chroot)" >&2; exit 1; }
mkdir -p "$PEERS"
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends libpcl-dev python3-open3d g++ pkg-config debootstrap >/dev/null
g++ -O2 -std=c++17 "$here/pcl_read.cpp" -o "$PEERS/pcl_read" $(pkg-config --cflags --libs pcl_io)
if [ ! -x "$PEERS/trixie/usr/bin/python3" ] || ! chroot "$PEERS/trixie" python3 -c 'import laspy' 2>/dev/null; then
  [ -d "$PEERS/trixie/usr" ] || debootstrap --variant=minbase trixie "$PEERS/trixie" http://deb.debian.org/debian >/dev/null
  cp /etc/resolv.conf "$PEERS/trixie/etc/"
  echo "deb http://deb.debian.org/debian trixie main" > "$PEERS/trixie/etc/apt/sources.list"
  chroot "$PEERS/trixie" apt-get update -q >/dev/null
  chroot "$PEERS/trixie" apt-get install -y -q --no-install-recommends python3-laspy python3-numpy >/dev/null
fi
echo "peers ready in $PEERS: pcl_read, /usr/bin/python3 + open3d, $PEERS/trixie (laspy)"
