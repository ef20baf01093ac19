#!/usr/bin/env bash
# Side-by-side figures for Wharf and dockerd on this machine, measured in the same run:
#   1. GET /_ping and GET /version requests per second over the unix socket, keep-alive,
#      1 and 16 concurrent connections (median of 3 runs after a warm-up);
#   2. time from process start to the first answered /_ping (median of 3 starts);
#   3. idle RSS after start-up and the warm-up (dockerd + its containerd vs the Wharf JVM).
# Each figure is also given as the ratio Wharf/dockerd.
#
# Usage: bench/run.sh        (from anywhere; needs root for dockerd, loopback and unix sockets only)
#   BENCH_WHARF_ARGS="--log-level warn"   extra Wharf flags
#   BENCH_BUDGET_SECONDS=420              the bound on the measurement, start-ups included
# It installs Debian's docker.io when dockerd is missing, expects the Wharf distribution built at
# launcher/target/wharf (it builds nothing; it runs a copy, so a rebuild meanwhile cannot pull jars
# from under the running JVM), keeps every daemon's state under one temporary
# directory, and stops both daemons and removes that directory when it ends, however it ends.
# If dockerd cannot start here it says why and reports Wharf's figures alone.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# the whole measurement, start-ups included, stays inside this bound
budget_seconds=${BENCH_BUDGET_SECONDS:-420}

bench_require_wharf_and_python
bench_ensure_dockerd
bench_make_tmp
bench_copy_wharf

timeout --signal=TERM --kill-after=60 "$budget_seconds" "$python" "$here/bench.py" \
  --tmp "$T" --wharf "$wharf" --dockerd-missing "$dockerd_missing_reason" --wharf-args "${BENCH_WHARF_ARGS:-}"
