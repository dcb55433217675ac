#!/usr/bin/env bash
# Checks the README's run command end to end: starts scripts/start-local.sh, asks the emulator, the services and
# the gateway for images through it, runs the web page's tests in headless Chromium (web-tests/) and the official
# openai npm package's (client-tests/) against it, then stops the suite with SIGTERM (what Ctrl-C's trap does too; a
# script started in the background cannot trap SIGINT) and checks that every port is free again. Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh

LOG=target/local/smoke-start.log
mkdir -p target/local
passed=0 failed=0
check() { # name, command...
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}

# The browser and its driver library: Debian's chromium (with CJK fonts, so that screenshots show Chinese), and
# playwright-core from the lock file.
if [ -z "${CHROMIUM:-}" ] && { [ ! -x /usr/bin/chromium ] || ! fc-list :lang=zh 2>/dev/null | grep -q .; }; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium and CJK fonts for the web page's tests…"
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk >/dev/null
  else
    echo "The web page's tests need Chromium: apt-get install chromium (or set CHROMIUM to its path)" >&2
    exit 1
  fi
fi
[ -d web-tests/node_modules/playwright-core ] || (cd web-tests && npm ci --no-audit --no-fund --loglevel=error)
[ -d client-tests/node_modules/openai ] || (cd client-tests && npm ci --no-audit --no-fund --loglevel=error)

unset CF_ACCOUNT_LIST CF_API_BASE_URL
# Beside API_KEY, two consumers with limits, for the web page's and the SDK's tests of them.
CONSUMERS='[{"name":"smoke-budget","key":"smoke-budget-key","imagesPerDay":5},
  {"name":"smoke-paced","key":"smoke-paced-key","requestsPerMinute":2}]'
API_KEY=smoke-key API_CONSUMERS="$CONSUMERS" setsid scripts/start-local.sh > "$LOG" 2>&1 &
STARTER=$!
for _ in $(seq 1 240); do
  grep -q "flux-suite is running" "$LOG" && break
  kill -0 $STARTER 2>/dev/null || break
  sleep 0.5
done
if ! grep -q "flux-suite is running" "$LOG"; then
  echo "start-local.sh did not come up:"; cat "$LOG"
  kill -TERM $STARTER 2>/dev/null
  echo "0 passed, 1 failed"
  exit 1
fi

EMU=http://localhost:8089/client/v4/accounts/demo-account-1/ai/run
AUTH='Authorization: Bearer demo-token-1'
curl -fsS -H "$AUTH" -H 'Content-Type: application/json' -d '{"prompt":"a cute cat","width":768,"height":512}' \
  -o target/local/smoke-sdxl.png "$EMU/@cf/stabilityai/stable-diffusion-xl-base-1.0"
curl -fsS -H "$AUTH" -H 'Content-Type: application/json' -d '{"prompt":"a cute cat","steps":4}' \
  -o target/local/smoke-flux.json "$EMU/@cf/black-forest-labs/flux-1-schnell"

curl -fsS -H 'Content-Type: application/json' -d '{"prompt":"a cute cat","model":"SD-XL-Lightning-CF","width":640,"height":384}' \
  -o target/local/smoke-image-service.png http://localhost:8082/v1/images

curl -fsS -H 'Content-Type: application/json' -d '{"text":"一只可爱的猫咪"}' -o target/local/smoke-translation.json \
  http://localhost:8081/v1/translations
curl -fsS -H 'Authorization: Bearer smoke-key' -H 'Content-Type: application/json' -o target/local/smoke-gateway.json \
  -d '{"messages":[{"role":"user","content":"一只可爱的猫咪"}],"model":"FLUX.1-Schnell-CF","stream":false}' \
  http://localhost:8080/api/image

dimensions() { # file -> "format WxH"
  python3 - "$1" <<'PY'
import base64, json, struct, sys
data = open(sys.argv[1], 'rb').read()
if data[:1] == b'{':
    doc = json.loads(data)
    data = base64.b64decode(doc['result']['image'] if 'result' in doc else doc['image'])
if data[:8] == b'\x89PNG\r\n\x1a\n':
    w, h = struct.unpack('>II', data[16:24]); print(f'png {w}x{h}')
elif data[:3] == b'\xff\xd8\xff':
    i = 2
    while i < len(data):
        marker, length = data[i + 1], struct.unpack('>H', data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            h, w = struct.unpack('>HH', data[i + 5:i + 9]); print(f'jpeg {w}x{h}'); break
        i += 2 + length
else:
    print('unknown')
PY
}
check "SDXL answers a PNG of the requested 768x512" test "$(dimensions target/local/smoke-sdxl.png)" = "png 768x512"
check "Flux answers JSON with a base64 1024x1024 JPEG" test "$(dimensions target/local/smoke-flux.json)" = "jpeg 1024x1024"
check "image-service makes a 640x384 SDXL-Lightning PNG through the emulator" \
  test "$(dimensions target/local/smoke-image-service.png)" = "png 640x384"
check "translation-service translates Chinese with the Workers AI chat model of the emulator" \
  grep -q '"provider":"workers-ai"' target/local/smoke-translation.json
check "the gateway answers the seed's curl example with a 1024x1024 JPEG" \
  test "$(dimensions target/local/smoke-gateway.json)" = "jpeg 1024x1024"
for port in 8089 8081 8082 8080; do
  check "service on :$port is ready" curl -fsS -o /dev/null "http://localhost:$port/q/health/ready"
done
check "the start output names the API key" grep -q "smoke-key" "$LOG"
if java -XX:+PrintFlagsFinal -version 2>/dev/null | grep -qw AOTCache; then
  # After scripts/test.sh's build on JDK 25, each service starts on the AOT cache its integration tests trained.
  check "every service starts on its trained AOT cache" \
    sh -c '! grep -q "no trained AOT cache" "$1" && ! grep -l "\[aot\]" target/local/*-service.log target/local/workers-ai-emulator.log' _ "$LOG"
fi

check "the web page works in headless Chromium (web-tests/page.test.mjs)" \
  env -C web-tests GATEWAY_URL=http://localhost:8080 EMULATOR_URL=http://localhost:8089 API_KEY=smoke-key \
  BUDGET_KEY=smoke-budget-key \
  node --test --test-concurrency=1 page.test.mjs
# Last: its final test leaves every account out of its daily allocation until 00:00 UTC.
check "the official openai npm package works unchanged (client-tests/openai.test.mjs)" \
  env -C client-tests GATEWAY_URL=http://localhost:8080 EMULATOR_URL=http://localhost:8089 API_KEY=smoke-key \
  BUDGET_KEY=smoke-budget-key PACED_KEY=smoke-paced-key \
  node --test --test-concurrency=1 --test-timeout=60000 openai.test.mjs

kill -TERM $STARTER 2>/dev/null
for _ in $(seq 1 60); do kill -0 $STARTER 2>/dev/null || break; sleep 0.5; done
ports_free() {
  for port in 8089 8081 8082 8080; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 1; fi
  done
}
check "stopping start-local.sh stops every service" ports_free

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
