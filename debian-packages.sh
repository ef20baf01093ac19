# Sourced by wharfd and test.sh: the Debian packages Wharf needs, installed when missing.
# conmon and runc run containers; tini is --init's process; the tests also drive busybox-static
# (their images), docker-registry (a local registry) and apache2-utils (htpasswd for it).
DAEMON_PACKAGES=(conmon runc tini)
TEST_PACKAGES=(busybox-static docker-registry apache2-utils)

install_missing_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if (( ${#missing[@]} > 0 )); then
    echo "wharf: installing ${missing[*]} from Debian" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
}
