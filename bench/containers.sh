#!/usr/bin/env bash
# Container operations, Wharf and dockerd side by side on this machine in the same run, through the
# docker CLI: `docker run --rm IMG true` end to end (median of 9 after a warm-up), 20 containers
# run at once (`docker run -d` x20, then `docker wait`, wall time, median of 3), and `docker ps -a`
# with 200 created containers (median of 9). Each figure is also given as the ratio Wharf/dockerd.
#
# Usage: bench/containers.sh     (from anywhere; needs root for dockerd and containers)
#   BENCH_WHARF_ARGS="--log-level warn"   extra Wharf flags
#   BENCH_BUDGET_SECONDS=420              the bound on the measurement, start-ups included
#   BENCH_RUNS=9 BENCH_PARALLEL=20 BENCH_LISTED=200
# The image is a busybox rootfs written here from Debian's busybox-static and imported into both
# daemons. Every container runs with --network none (dockerd has --bridge=none here). dockerd uses
# the vfs storage driver. Missing Debian packages (docker.io, busybox-static) are installed.
# Like run.sh it builds nothing (it runs a copy of launcher/target/wharf), keeps all state under
# one temporary directory, and stops the daemons and removes that directory when it ends, however
# it ends.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# the whole measurement, start-ups included, stays inside this bound
budget_seconds=${BENCH_BUDGET_SECONDS:-420}
busybox=/bin/busybox

bench_require_wharf_and_python
bench_ensure_dockerd
if ! bench_has_package busybox-static; then
  echo "bench: installing Debian's busybox-static" >&2
  if ! bench_apt_install busybox-static; then
    echo "bench: busybox-static is needed and could not be installed (apt-get install -y busybox-static, as root)" >&2
    exit 2
  fi
fi
bench_make_tmp
bench_copy_wharf

timeout --signal=TERM --kill-after=60 "$budget_seconds" "$python" "$here/containers.py" \
  --tmp "$T" --wharf "$wharf" --dockerd-missing "$dockerd_missing_reason" --wharf-args "${BENCH_WHARF_ARGS:-}" \
  --busybox "$busybox" --runs "${BENCH_RUNS:-9}" --parallel "${BENCH_PARALLEL:-20}" --listed "${BENCH_LISTED:-200}"
