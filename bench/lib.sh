# Shared by bench/run.sh and bench/images.sh, which source it: where the pieces are, the checks
# before a run, Debian packages installed when missing, the one temporary directory that holds
# every daemon's state, and the clean-up that stops whatever was started there and removes it,
# however the run ends. The daemons themselves are started by the Python drivers (daemons.py).
#
# Sourcing sets: here (bench/), root (the checkout), wharf (the launcher), python.

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
wharf="$root/launcher/target/wharf/bin/wharf"
python=/usr/bin/python3
# the drivers import each other's modules; no __pycache__ is left in the checkout
export PYTHONDONTWRITEBYTECODE=1

# Exits with status 2 unless the Wharf distribution and Debian's python3 are there.
bench_require_wharf_and_python() {
  if [[ ! -x "$wharf" ]]; then
    echo "bench: $wharf is missing; build the distribution first: (cd $root && mvn -B -q install)" >&2
    exit 2
  fi
  if [[ ! -x "$python" ]]; then
    echo "bench: Debian's python3 ($python) is needed for the request loops: apt-get install -y python3" >&2
    exit 2
  fi
}

# Installs Debian packages quietly; fails when not root or when apt-get fails.
bench_apt_install() {
  [[ $(id -u) -eq 0 ]] || return 1
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# True when a Debian package is installed.
bench_has_package() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

# Installs Debian's docker.io when dockerd is missing. Sets dockerd_missing_reason: empty when
# dockerd is there, else why it is not, so the driver reports Wharf's figures alone.
bench_ensure_dockerd() {
  dockerd_missing_reason=""
  if ! command -v dockerd >/dev/null; then
    echo "bench: dockerd not found; installing Debian's docker.io" >&2
    if [[ $(id -u) -ne 0 ]]; then
      dockerd_missing_reason="dockerd is not installed and installing docker.io needs root"
    elif ! bench_apt_install docker.io; then
      dockerd_missing_reason="installing docker.io with apt-get failed"
    fi
  fi
}

# Makes the temporary directory $T and arms the clean-up for every way the script can end.
bench_make_tmp() {
  # a short path: unix socket paths are limited to 108 bytes
  T="$(mktemp -d /tmp/wharf-bench.XXXXXX)"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

# Copies the Wharf distribution into $T and points $wharf at the copy: a rebuild of launcher/target
# while the bench runs would otherwise replace jars under the running JVM.
bench_copy_wharf() {
  local dist
  dist="$(dirname "$(dirname "$wharf")")"
  cp -a "$dist" "$T/wharf-dist"
  wharf="$T/wharf-dist/bin/wharf"
}

# Stops what the driver started, by the process ids it and dockerd recorded under $T (the
# drivers write <name>.pid for every process they spawn), then removes the state.
bench_cleanup() {
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
