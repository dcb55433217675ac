#!/usr/bin/env bash
# Runs every test of the suite: unit and @QuarkusTest tests (*Test), then the integration tests against
# the built artifacts (*IT). Extra arguments go to Maven, e.g. scripts/test.sh -pl image-service -am.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
exec ./mvnw -B -ntp verify "$@"
