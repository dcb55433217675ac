#!/usr/bin/env bash
# Builds what the container images copy (each service's target/quarkus-app), tested, and on JDK 25 with the AOT
# cache its integration tests train (target/quarkus-app/app.aot): the classes loaded and linked at start and the
# methods' profiles, so that a new pod starts and serves fast from its first second.
#
#   scripts/build.sh [maven arguments…]   e.g. scripts/build.sh -DskipUTs (the integration tests alone)
#
# The images run the cache only on the Java runtime that trained it: Dockerfile.jvm's JAVA_IMAGE must be this JDK.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
. scripts/aot-cache.sh

SERVICES=(workers-ai-emulator translation-service image-service gateway-service)
./mvnw -B -ntp verify -pl "$(IFS=,; echo "${SERVICES[*]}")" -am "$@"

if [ "${java_major%%.*}" -lt 25 ]; then
  echo "Built on Java $java_major: no AOT cache (it needs JDK 25); the services start without one."
  exit 0
fi
runtime=$(sed -n 's/^IMPLEMENTOR_VERSION="\(.*\)"/\1/p' "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/release")
for s in "${SERVICES[@]}"; do
  cache="$s/target/quarkus-app/app.aot"
  if [ -z "$(aot_cache_opts "$s")" ]; then
    echo "$s: no AOT cache of this build; its integration tests make it (do not skip them)." >&2
    exit 1
  fi
  echo "$s: $cache ($(( $(stat -c %s "$cache") / 1048576 )) MiB), for ${runtime:-this JDK}"
done
