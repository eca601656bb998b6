#!/usr/bin/env bash
# Load on the local server (bash bench/run serve): `serve` from target/function.jar, driven by wrk over kept-alive
# connections, at 1 and at 64 of them; prints requests/s and latency percentiles. Needs wrk (apt-get install wrk).
#   bash bench/serve-load.sh [seconds]        NODELAY=false reproduces the server before TCP_NODELAY was set
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
port=${PORT:-4100}
jar=target/function.jar
[ -f "$jar" ] || { echo "$jar is missing: run  mvn -B -q package -DskipTests  first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
script=$(mktemp --suffix=.lua)
trap 'rm -f "$script"; [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true' EXIT
cat > "$script" <<'LUA'
wrk.method = "POST"
wrk.body   = '{"sessionName":"Cool Cars","role":1,"sessionKey":"session123","userIdentity":"user123"}'
wrk.headers["Content-Type"] = "application/json"
LUA
secret=bench-secret-0123456789-0123456789-0123456789
ZOOM_VIDEO_SDK_KEY=bench ZOOM_VIDEO_SDK_SECRET=$secret ZOOM_MEETING_SDK_KEY=bench ZOOM_MEETING_SDK_SECRET=$secret \
  java -Dsun.net.httpserver.nodelay="${NODELAY:-true}" -jar "$jar" serve --port "$port" 2>/dev/null &
server=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
wrk -t1 -c1 -d3s -s "$script" "http://127.0.0.1:$port/" >/dev/null   # warm-up, not recorded
for connections in 1 64; do
  threads=$(( connections < 2 ? 1 : 2 ))
  echo "== $connections connection(s), ${seconds}s, TCP_NODELAY=${NODELAY:-true}"
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "$script" "http://127.0.0.1:$port/" \
    | grep -E "requests in|Requests/sec|^ +(50|90|99)%|Non-2xx|Socket errors"
done
