#!/usr/bin/env bash
# Runs every test of the suite: unit and @QuarkusTest tests (*Test), the integration tests against the built
# artifacts (*IT), then scripts/smoke-local.sh: the run command end to end and the web page in headless Chromium
# (installed from Debian's packages when missing).
# Extra arguments go to Maven alone, e.g. scripts/test.sh -pl image-service -am (and the smoke run is skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
./mvnw -B -ntp verify "$@"
if [ $# -eq 0 ]; then
  scripts/smoke-local.sh
fi
