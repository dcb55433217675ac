#!/usr/bin/env bash
# Runs every test of the suite: unit and @QuarkusTest tests (*Test), the integration tests against the built
# artifacts (*IT, some of them with Redis and nginx), then scripts/smoke-local.sh: the run command end to end and the
# web page in headless Chromium (Chromium, Redis and nginx are installed from Debian's packages when missing).
# Extra arguments go to Maven alone, e.g. scripts/test.sh -pl image-service -am (and the smoke run is skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
# The integration tests start a real Redis and real balancers: Debian's redis-server (with redis-cli) and nginx.
need=()
command -v redis-server >/dev/null && command -v redis-cli >/dev/null || need+=(redis-server)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${need[*]} for the integration tests…"
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
  else
    echo "The integration tests need ${need[*]}: apt-get install ${need[*]}" >&2
    exit 1
  fi
fi
./mvnw -B -ntp verify "$@"
if [ $# -eq 0 ]; then
  scripts/smoke-local.sh
fi
