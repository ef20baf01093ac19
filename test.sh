#!/usr/bin/env bash
# Runs every test: unit tests, in-framework tests and end-to-end tests against the built
# distribution with real clients. Installs what the tests need from Debian's packages first.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"

. ./debian-packages.sh

for tool in java mvn docker; do
  command -v "$tool" >/dev/null || { echo "test.sh: $tool is not on PATH" >&2; exit 1; }
done
install_missing_packages "${DAEMON_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
exec mvn -B install "$@"
