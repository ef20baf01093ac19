#!/usr/bin/env bash
# Image operations, Wharf and dockerd side by side on this machine in the same run, through the
# docker CLI: docker import, load -i, save -o, images, image inspect, push to and pull from a local
# registry, rmi (medians of 3 runs; images and inspect averaged over 20 calls a run). Each figure
# is also given as the ratio Wharf/dockerd, and the transfers as MB/s.
#
# Usage: bench/images.sh     (from anywhere; needs root for dockerd, loopback and unix sockets only)
#   BENCH_WHARF_ARGS="--log-level warn"   extra Wharf flags
#   BENCH_BUDGET_SECONDS=360              the bound on the measurement, start-ups included
#   BENCH_IMAGE_MIB=50                    the big image's random layer, MiB (issue 3 asks 200 MB)
#   BENCH_LIST_IMAGES=300                 images present while `docker images` is timed
# The test images are written here from Debian's busybox-static: a rootfs tar to import, and a
# docker-archive of a 4-layer image (busybox, the random layer, 4 MiB more random data, a text
# file) to load; every run gets images of its own. The registry is Debian's docker-registry on
# 127.0.0.1 at a free port, which both daemons reach over plain HTTP (127.0.0.0/8 is insecure by
# default). dockerd runs with overlay2, its default where the kernel allows it (else vfs, and the
# report says so). Missing Debian packages (docker.io, docker-registry, busybox-static) are installed.
# Like run.sh it builds nothing (it runs a copy of launcher/target/wharf), keeps all state under
# one temporary directory, and stops the
# daemons and the registry and removes that directory when it ends, however it ends.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# the whole measurement, start-ups and the test images included, stays inside this bound
budget_seconds=${BENCH_BUDGET_SECONDS:-360}
registry=/usr/bin/docker-registry
busybox=/bin/busybox

bench_require_wharf_and_python
bench_ensure_dockerd
for package in docker-registry busybox-static; do
  if ! bench_has_package "$package"; then
    echo "bench: installing Debian's $package" >&2
    if ! bench_apt_install "$package"; then
      echo "bench: $package is needed and could not be installed (apt-get install -y $package, as root)" >&2
      exit 2
    fi
  fi
done
bench_make_tmp
bench_copy_wharf

timeout --signal=TERM --kill-after=60 "$budget_seconds" "$python" "$here/images.py" \
  --tmp "$T" --wharf "$wharf" --dockerd-missing "$dockerd_missing_reason" --wharf-args "${BENCH_WHARF_ARGS:-}" \
  --registry "$registry" --busybox "$busybox" --big-mib "${BENCH_IMAGE_MIB:-50}" \
  --list-images "${BENCH_LIST_IMAGES:-300}"
