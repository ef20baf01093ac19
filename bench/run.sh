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
# launcher/target/wharf (it builds nothing), keeps every daemon's state under one temporary
# directory, and stops both daemons and removes that directory when it ends, however it ends.
# If dockerd cannot start here it says why and reports Wharf's figures alone.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
wharf="$root/launcher/target/wharf/bin/wharf"
python=/usr/bin/python3
# the whole measurement, start-ups included, stays inside this bound
budget_seconds=${BENCH_BUDGET_SECONDS:-420}

if [[ ! -x "$wharf" ]]; then
  echo "bench: $wharf is missing; build the distribution first: (cd $root && mvn -B -q install)" >&2
  exit 2
fi
if [[ ! -x "$python" ]]; then
  echo "bench: Debian's python3 ($python) is needed for the request loops: apt-get install -y python3" >&2
  exit 2
fi

dockerd_missing_reason=""
if ! command -v dockerd >/dev/null; then
  echo "bench: dockerd not found; installing Debian's docker.io" >&2
  if [[ $(id -u) -ne 0 ]]; then
    dockerd_missing_reason="dockerd is not installed and installing docker.io needs root"
  elif ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null; }; then
    dockerd_missing_reason="installing docker.io with apt-get failed"
  fi
fi

# a short path: unix socket paths are limited to 108 bytes
T="$(mktemp -d /tmp/wharf-bench.XXXXXX)"

# Stops what the driver started, by the process ids it and dockerd recorded, then removes the state.
cleanup() {
  set +e   # every step is best effort; none may stop the others
  local f pid
  local pidfiles=("$T"/*.pid "$T"/docker-exec/containerd/containerd.pid)
  for f in "${pidfiles[@]}"; do
    [[ -f "$f" ]] || continue
    pid="$(cat "$f")"
    [[ -n "$pid" ]] && kill -TERM "$pid" 2>/dev/null
  done
  for _ in $(seq 1 100); do
    local alive=0
    for f in "${pidfiles[@]}"; do
      [[ -f "$f" ]] || continue
      pid="$(cat "$f")"
      [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && alive=1
    done
    (( alive )) || break
    sleep 0.1
  done
  # whatever is left of a daemon's process group goes now
  for f in "${pidfiles[@]}"; do
    [[ -f "$f" ]] || continue
    pid="$(cat "$f")"
    [[ -n "$pid" ]] && kill -KILL -- "-$pid" 2>/dev/null
  done
  # dockerd may leave mounts under its roots
  grep -o " $T[^ ]*" /proc/self/mounts | sort -r | while read -r m; do umount -l "$m"; done
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

timeout --signal=TERM --kill-after=60 "$budget_seconds" "$python" "$here/bench.py" \
  --tmp "$T" --wharf "$wharf" --dockerd-missing "$dockerd_missing_reason" --wharf-args "${BENCH_WHARF_ARGS:-}"
