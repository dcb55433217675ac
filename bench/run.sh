#!/usr/bin/env bash
# The suite under load, side by side with its upstream alone.
#
#   bench/run.sh [-d SECONDS] [-c "200 1000"] [-w WARMUP_SECONDS] [-r [-k]]
#
# Builds what is missing, starts ../shared/bench/upstream.mjs (a Workers AI stand-in answering after 1000 ms with
# ~300 KiB images), then translation-service, image-service and the gateway (JVM) against it, and drives them with
# ../shared/bench/measure.sh and load.sh: the stand-in directly (the ceiling), the full chain with an English prompt
# (POST /api/image, FLUX.1-Schnell-CF, no translation call), and with a Chinese prompt made unique per request (a
# translation call to the stand-in first, so the ideal is c/2 per second). It prints, and writes to
# bench/results/latest.md, one row per run: requests/s, efficiency (achieved / ideal), p50, p99, errors,
# unanswered requests, and per service peak RSS, CPU ms per request and peak threads; and each service's start-to-ready
# time. First a cold row: the English load at the highest concurrency, sent the moment the three services, just
# started with their containers' options and trained AOT caches, are ready (what a pod the autoscaler adds meets),
# and the same from a start without the caches (NO_AOT=1 starts every run so).
# Then the JVMs are warmed up (-w, 120 s by default) before the warm rows. With -r the chain is then started
# again, sharing its state through a Redis (Debian's redis-server, as the deployments run it), warmed up as long, and
# measured with the same prompts: rows "english+redis" and "chinese+redis", side by side with the rows without it.
# With -k as well, the Redis chain's gateway also has a consumer of API_CONSUMERS whose limits never refuse: rows
# "english+consumer" send the English load with its key (its limits checked and counted in Redis), each between
# rows "english+redis" with API_KEY's, so that what the limits cost shows beside the noise of the machine.
# Everything talks to 127.0.0.1 only; every run stops by itself. Needs node, wrk (apt-get install wrk), redis-server
# for -r, root for the RSS counters.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh

DURATION=20
CONCURRENCY="200 1000"
WARMUP=120
WITH_REDIS=0
WITH_CONSUMER=0
while getopts "d:c:w:rk" opt; do
  case "$opt" in
    d) DURATION="$OPTARG" ;;
    c) CONCURRENCY="$OPTARG" ;;
    w) WARMUP="$OPTARG" ;;
    r) WITH_REDIS=1 ;;
    k) WITH_CONSUMER=1 ;;
    *) sed -n '2,21p' "$0"; exit 2 ;;
  esac
done

RIG="$(cd ../shared/bench 2>/dev/null && pwd)" || { echo "bench/run.sh: ../shared/bench is missing" >&2; exit 2; }
command -v wrk >/dev/null || { echo "bench/run.sh: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
command -v node >/dev/null || { echo "bench/run.sh: node is missing" >&2; exit 2; }
[ "$WITH_REDIS" = 0 ] || command -v redis-server >/dev/null \
  || { echo "bench/run.sh: redis-server is missing (apt-get install -y redis-server)" >&2; exit 2; }
. scripts/aot-cache.sh
# The services as the images have them: built with their trained AOT caches on JDK 25 (scripts/build.sh).
for m in translation-service image-service gateway-service; do
  if [ ! -f "$m/target/quarkus-app/quarkus-run.jar" ] || { [ "${java_major%%.*}" -ge 25 ] && [ -z "$(aot_cache_opts "$m")" ]; }; then
    scripts/build.sh -q -DskipUTs
    break
  fi
done

OUT=bench/results
mkdir -p "$OUT" target/bench
ACCOUNTS='[{"account_id":"bench-1","token":"t1"},{"account_id":"bench-2","token":"t2"},{"account_id":"bench-3","token":"t3"}]'
# The collector the container images use, and each service's heap as its container gets it: half of its memory limit
# in k8s/base (768Mi for the gateway and image-service, 512Mi for translation-service), laid out whole from the
# start as in the containers, with its survivor spaces as there (SURVIVORS), and glibc's arenas bounded as there
# (MALLOC_ARENA_MAX). BENCH_JVM_OPTS replaces the other options; an -Xms/-Xmx or survivor setting in it overrides these.
# Each collection's generations go to target/bench/<module>.gc: a peak RSS out of line is most often an old generation
# that the survivors overflowed into.
read -r -a JVM <<< "${BENCH_JVM_OPTS:--XX:+UseParallelGC -XX:-UseAdaptiveSizePolicy -XX:NewRatio=1 -XX:TrimNativeHeapInterval=1000 -XX:+ExitOnOutOfMemoryError}"
declare -A HEAP=([translation-service]=256m [image-service]=384m [gateway-service]=384m)
declare -A SURVIVORS=([translation-service]="-XX:SurvivorRatio=2" [gateway-service]="-XX:SurvivorRatio=2"
  [image-service]="-XX:SurvivorRatio=1 -XX:TargetSurvivorRatio=90")
ARENAS="${MALLOC_ARENA_MAX:-2}"
PIDS=()
cleanup() { kill "${PIDS[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT

LATENCY_MS=1000 node "$RIG/upstream.mjs" > target/bench/upstream.log 2>&1 &
UPSTREAM=$!
PIDS+=($UPSTREAM)

declare -A PID READY_MS
launch() { # module port env...
  local module=$1 port=$2 aot=() survivors; shift 2
  [ -n "${NO_AOT:-}" ] || read -r -a aot <<< "$(aot_cache_opts "$module")"
  read -r -a survivors <<< "${SURVIVORS[$module]}"
  env MALLOC_ARENA_MAX="$ARENAS" "$@" java -Xms"${HEAP[$module]}" -Xmx"${HEAP[$module]}" "${survivors[@]}" "${JVM[@]}" \
    "${aot[@]}" -Xlog:gc,gc+heap=info:file="target/bench/$module.gc":uptime \
    -jar "$module/target/quarkus-app/quarkus-run.jar" \
    >> "target/bench/$module.log" 2>&1 &
  PID[$module]=$!
  PIDS+=($!)
  until curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
    kill -0 "${PID[$module]}" 2>/dev/null || { echo "$module died; see target/bench/$module.log" >&2; exit 1; }
    sleep 0.05
  done
}
start() { # module port env...
  local module=$1 port=$2 t0
  shift 2
  : > "target/bench/$module.log"
  t0=$(date +%s%N)
  launch "$module" "$port" "$@"
  READY_MS[$module]=$(( ($(date +%s%N) - t0) / 1000000 ))
}
UPSTREAM_ENV=(CF_ACCOUNT_LIST="$ACCOUNTS" CF_API_BASE_URL=http://127.0.0.1:18089/client/v4)
SERVICES=(translation-service image-service gateway-service)
start_chain() { # label env-for-all-three...
  local label=$1
  shift
  start translation-service 8081 "${UPSTREAM_ENV[@]}" "$@"
  start image-service 8082 "${UPSTREAM_ENV[@]}" "$@"
  start gateway-service 8080 API_KEY=bench-key TRANSLATION_SERVICE_URL=http://127.0.0.1:8081 \
    IMAGE_SERVICE_URL=http://127.0.0.1:8082 "$@"
  READY+=("Start to ready (JVM$label): translation-service ${READY_MS[translation-service]} ms, image-service ${READY_MS[image-service]} ms, gateway-service ${READY_MS[gateway-service]} ms.")
}
stop_chain() {
  for s in "${SERVICES[@]}"; do kill "${PID[$s]}" 2>/dev/null || true; done
  for s in "${SERVICES[@]}"; do wait "${PID[$s]}" 2>/dev/null || true; done
}
READY=()
start_chain ""

# A service that died under load reads as 0; its log says why, and the row shows its errors.
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
threads() { awk '/^Threads:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

ROWS=()
# The key each run sends; a consumer's with -k.
KEY=bench-key
CONSUMERS='[{"name":"bench-consumer","key":"bench-consumer-key","requestsPerMinute":100000000,"imagesPerDay":2000000000}]'
run() { # label ideal_factor url body [with_services]
  local label=$1 factor=$2 url=$3 template=$4 services=${5:-yes} c result body
  for c in $CONCURRENCY; do
    # {{c}} makes the prompts of each run differ from the runs before, so no cache answers for another run.
    body=${template//\{\{c\}\}/$c}
    local before=() sampler measure_args=(-U "$UPSTREAM")
    [ -n "${NO_QUIET:-}" ] || measure_args+=(-w 60)
    if [ "$services" = yes ]; then
      measure_args+=(-p "$(IFS=,; echo "${PID[*]}")")
      for s in "${SERVICES[@]}"; do before+=("$(ticks "${PID[$s]}")"); echo 0 > "target/bench/threads.$s"; done
      ( while :; do for s in "${SERVICES[@]}"; do
          t=$(threads "${PID[$s]}"); [ "$t" -gt "$(cat "target/bench/threads.$s")" ] && echo "$t" > "target/bench/threads.$s"
        done; sleep 0.2; done ) &
      sampler=$!
    fi
    result=$("$RIG/measure.sh" "${measure_args[@]}" -- -q -c "$c" -d "$DURATION" -T 30 -l "$label-c$c" \
      -H "Authorization: Bearer $KEY" -b "$body" "$url")
    [ -n "${sampler:-}" ] && kill "$sampler" 2>/dev/null && wait "$sampler" 2>/dev/null || true
    echo "$result" | sed 's/^/  /'
    local line requests rps p50 p99 non2xx errors unanswered efficiency per_service=""
    line=$(echo "$result" | grep '^RESULT')
    requests=$(echo "$line" | sed -E 's/.* requests=([0-9]+).*/\1/')
    rps=$(echo "$line" | sed -E 's/.* rps=([0-9.]+).*/\1/')
    p50=$(echo "$line" | sed -E 's/.* p50_ms=([0-9.]+).*/\1/')
    p99=$(echo "$line" | sed -E 's/.* p99_ms=([0-9.]+).*/\1/')
    non2xx=$(echo "$line" | sed -E 's/.* non2xx=([0-9]+).*/\1/')
    errors=$(echo "$line" | sed -E 's/.* err_connect=([0-9]+) err_read=([0-9]+) err_write=([0-9]+).*/\1+\2+\3/' | bc)
    unanswered=$(echo "$line" | sed -E 's/.* err_timeout=([0-9]+).*/\1/')
    efficiency=$(awk -v r="$rps" -v c="$c" -v f="$factor" 'BEGIN { printf "%.3f", r / (c / f) }')
    if [ "$services" = yes ]; then
      local i=0 hz mem
      hz=$(getconf CLK_TCK)
      mem=$(echo "$result" | grep '^MEM' | sed -E 's/.* hwm=//')
      for s in "${SERVICES[@]}"; do
        local after cpu_ms rss
        after=$(ticks "${PID[$s]}")
        cpu_ms=$(awk -v a="$after" -v b="${before[$i]}" -v hz="$hz" -v n="$requests" 'BEGIN { printf "%.2f", (a - b) * 1000 / hz / (n > 0 ? n : 1) }')
        rss=$(echo "$mem" | tr ',' '\n' | awk -F: -v p="${PID[$s]}" '$1 == p { print $3 }')
        per_service+=" | ${rss:-?} MiB, ${cpu_ms} ms, $(cat "target/bench/threads.$s")"
        i=$((i + 1))
      done
    else
      per_service=" | — | — | —"
    fi
    ROWS+=("| $label | $c | $rps | $efficiency | $p50 | $p99 | $((non2xx + errors)) | $unanswered$per_service |")
  done
}

FLUX=/client/v4/accounts/bench-1/ai/run/@cf/black-forest-labs/flux-1-schnell
# Warm-up, not recorded: the first minutes of a JVM go to the JIT compiler (C2 still takes ~1 ms per request
# after a minute of load, ~0.2 ms after two), which is not what a service does for days. WARMUP seconds in all,
# English and Chinese prompts at both concurrencies.
warm_up() {
  local warm_run=$(( WARMUP / 4 > 30 ? 30 : (WARMUP / 4 < 1 ? 1 : WARMUP / 4) )) c body
  for c in 200 1000; do
    for body in '{"messages":[{"role":"user","content":"a cute cat"}],"model":"FLUX.1-Schnell-CF"}' \
                '{"messages":[{"role":"user","content":"一只小狗 {{n}}"}],"model":"FLUX.1-Schnell-CF"}'; do
      "$RIG/load.sh" -q -c "$c" -d "$warm_run" -T 30 -H "Authorization: Bearer $KEY" -b "$body" \
        http://127.0.0.1:8080/api/image > /dev/null || true
    done
  done
}
chain_rows() { # label suffix
  run "english$1" 1 http://127.0.0.1:8080/api/image '{"messages":[{"role":"user","content":"a cute cat"}],"model":"FLUX.1-Schnell-CF"}'
  run "chinese$1" 2 http://127.0.0.1:8080/api/image '{"messages":[{"role":"user","content":"一只可爱的猫咪 {{c}}-{{n}}"}],"model":"FLUX.1-Schnell-CF"}'
}
ENGLISH='{"messages":[{"role":"user","content":"a cute cat"}],"model":"FLUX.1-Schnell-CF"}'
# Cold: the load the moment the chain is ready, before anything warmed it up; then the same from a start without the
# AOT caches, for what they bring; then a fresh start with them again, for the warm rows.
cold() { CONCURRENCY="${CONCURRENCY##* }" NO_QUIET=1 run "$1" 1 http://127.0.0.1:8080/api/image "$ENGLISH"; }
cold "english cold"
stop_chain
NO_AOT=1 start_chain ", without the AOT caches"
cold "english cold, no AOT cache"
stop_chain
start_chain ", again for the warm rows"
warm_up
run direct 1 "http://127.0.0.1:18089$FLUX" '{"prompt":"a cute cat"}' no
chain_rows ""
if [ "$WITH_REDIS" = 1 ]; then
  # The same chain sharing its state through Redis, as docker-compose.yml and k8s/base run it.
  stop_chain
  redis-server --port 16379 --bind 127.0.0.1 --save "" --appendonly no --maxmemory 256mb \
    --maxmemory-policy volatile-ttl > target/bench/redis.log 2>&1 &
  PIDS+=($!)
  until redis-cli -p 16379 ping > /dev/null 2>&1; do sleep 0.1; done
  if [ "$WITH_CONSUMER" = 1 ]; then
    start_chain ", with Redis" QUARKUS_REDIS_HOSTS=redis://127.0.0.1:16379 API_CONSUMERS="$CONSUMERS"
    warm_up
    KEY=bench-consumer-key warm_up
  else
    start_chain ", with Redis" QUARKUS_REDIS_HOSTS=redis://127.0.0.1:16379
    warm_up
  fi
  chain_rows "+redis"
  if [ "$WITH_CONSUMER" = 1 ]; then
    for _ in 1 2; do
      KEY=bench-consumer-key run "english+consumer" 1 http://127.0.0.1:8080/api/image "$ENGLISH"
      run "english+redis" 1 http://127.0.0.1:8080/api/image "$ENGLISH"
    done
  fi
fi

{
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores; upstream latency 1000 ms, ${DURATION} s runs, wrk on the same cores."
  echo
  echo "| run | c | req/s | efficiency | p50 ms | p99 ms | errors | unanswered | translation: RSS, CPU/req, threads | image: RSS, CPU/req, threads | gateway: RSS, CPU/req, threads |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  printf '%s\n' "${READY[@]}"
} | tee "$OUT/latest.md"
