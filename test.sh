#!/usr/bin/env bash
# Runs every test: unit tests, in-framework tests and end-to-end tests against the built
# distribution with real clients. Installs what the tests need from Debian's packages first.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"

# Debian packages the tests drive (e.g. runc, conmon, busybox-static once containers run).
DEBIAN_PACKAGES=(busybox-static docker-registry apache2-utils conmon runc)

install_missing_packages() {
  local missing=() p
  for p in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if (( ${#missing[@]} > 0 )); then
    echo "test.sh: installing ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
}

for tool in java mvn docker; do
  command -v "$tool" >/dev/null || { echo "test.sh: $tool is not on PATH" >&2; exit 1; }
done
install_missing_packages
exec mvn -B install "$@"
