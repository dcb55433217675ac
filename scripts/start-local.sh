#!/usr/bin/env bash
# Starts the whole suite on this machine, no Docker needed:
#   workers-ai-emulator :8089, translation-service :8081, image-service :8082, gateway-service :8080.
#
# Without CF_ACCOUNT_LIST the services talk to the emulator with two demo accounts. With CF_ACCOUNT_LIST set
# (the seed's JSON: [{"account_id":"…","token":"…"}]) they talk to Cloudflare and the emulator is not started.
# API_KEY is the gateway's client key; a random one is made and printed when it is not set.
#
#   scripts/start-local.sh            build what is missing, start, wait until ready; Ctrl-C stops everything
#   scripts/start-local.sh --rebuild  build everything first
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
. scripts/aot-cache.sh

REBUILD=0
for arg in "$@"; do
  case "$arg" in
    --rebuild) REBUILD=1 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "start-local.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

SERVICES=(workers-ai-emulator:8089 translation-service:8081 image-service:8082 gateway-service:8080)
DEMO_ACCOUNTS='[{"account_id":"demo-account-1","token":"demo-token-1"},{"account_id":"demo-account-2","token":"demo-token-2"}]'

if [ -z "${CF_ACCOUNT_LIST:-}" ]; then
  export CF_ACCOUNT_LIST="$DEMO_ACCOUNTS"
  export EMULATOR_ACCOUNTS="${EMULATOR_ACCOUNTS:-$DEMO_ACCOUNTS}"
  export CF_API_BASE_URL="${CF_API_BASE_URL:-http://localhost:8089/client/v4}"
  UPSTREAM="the Workers AI emulator (demo accounts)"
else
  SERVICES=("${SERVICES[@]:1}")
  UPSTREAM="Cloudflare Workers AI at ${CF_API_BASE_URL:-https://api.cloudflare.com/client/v4}"
fi
if [ -z "${API_KEY:-}" ]; then
  API_KEY="local-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  export API_KEY
  KEY_NOTE="(made for this run; set API_KEY to choose one)"
else
  KEY_NOTE="(from API_KEY)"
fi
export TRANSLATION_SERVICE_URL="${TRANSLATION_SERVICE_URL:-http://localhost:8081}"
export IMAGE_SERVICE_URL="${IMAGE_SERVICE_URL:-http://localhost:8082}"

missing=0
for entry in "${SERVICES[@]}"; do
  [ -f "${entry%%:*}/target/quarkus-app/quarkus-run.jar" ] || missing=1
done
if [ "$REBUILD" = 1 ] || [ "$missing" = 1 ]; then
  echo "Building the suite (once; --rebuild to build again)…"
  ./mvnw -B -q -ntp -DskipTests package
fi

for entry in "${SERVICES[@]}"; do
  port="${entry#*:}"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port (${entry%%:*}) is already in use: stop what runs there first." >&2
    exit 1
  fi
done

LOGS=target/local
mkdir -p "$LOGS"
PIDS=()
NO_CACHE=()
stop_all() {
  trap - INT TERM EXIT
  if [ ${#PIDS[@]} -gt 0 ]; then
    echo
    echo "Stopping the suite…"
    kill "${PIDS[@]}" 2>/dev/null || true
    wait "${PIDS[@]}" 2>/dev/null || true
  fi
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for entry in "${SERVICES[@]}"; do
  name="${entry%%:*}"
  # The trained AOT cache of scripts/build.sh, when this build has one: ready in a fraction of the time.
  aot=$(aot_cache_opts "$name")
  [ -n "$aot" ] || NO_CACHE+=("$name")
  # shellcheck disable=SC2086 # options, split on purpose
  java $aot ${JAVA_OPTS:-} \
    -jar "$name/target/quarkus-app/quarkus-run.jar" > "$LOGS/$name.log" 2>&1 &
  PIDS+=($!)
done

echo "Waiting for the services to be ready…"
deadline=$((SECONDS + 90))
for entry in "${SERVICES[@]}"; do
  name="${entry%%:*}" port="${entry#*:}"
  until curl -fs -o /dev/null "http://localhost:$port/q/health/ready" 2>/dev/null; do
    for pid in "${PIDS[@]}"; do
      if ! kill -0 "$pid" 2>/dev/null; then
        echo "A service stopped while starting. Last lines of its log:" >&2
        for e in "${SERVICES[@]}"; do tail -n 5 "$LOGS/${e%%:*}.log" >&2; done
        exit 1
      fi
    done
    if [ $SECONDS -ge $deadline ]; then
      echo "$name is not ready after 90 s; its log: $LOGS/$name.log" >&2
      curl -sS "http://localhost:$port/q/health/ready" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
  echo "  $name ready on http://localhost:$port"
done

cat <<MSG

flux-suite is running against $UPSTREAM.
  Web page and public API   http://localhost:8080/
  API key                   $API_KEY $KEY_NOTE
  Swagger UI                http://localhost:8080/q/swagger-ui
  Logs                      $LOGS/

Press Ctrl-C to stop everything.
MSG
if [ ${#NO_CACHE[@]} -gt 0 ]; then
  echo "(${NO_CACHE[*]}: no trained AOT cache of this build; scripts/build.sh makes them, for starts in a fraction of the time.)"
fi
set +e
wait -n "${PIDS[@]}"
echo "A service stopped; see $LOGS/. Stopping the others." >&2
exit 1
