#!/usr/bin/env bash
# Records the API bundles as they are built now as the released API that every build is baselined
# against: cnf/baseline/<module>-1.0.0.jar, which the module's build installs into the local Maven
# repository as wharf.baseline:<module>:1.0.0 for bnd-baseline-maven-plugin (see the root pom). Run
# it after `mvn install` of the modules below, when an API version is released; until the first
# release it may be rerun to fold API changes into 1.0.0.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.."

for module in engine.bundle server.bundle; do
  jar="$module/target/$module-0.1.0-SNAPSHOT.jar"
  [ -f "$jar" ] || { echo "capture.sh: build $module first ($jar is missing)" >&2; exit 1; }
  cp "$jar" "cnf/baseline/$module-1.0.0.jar"
  echo "capture.sh: cnf/baseline/$module-1.0.0.jar"
done
