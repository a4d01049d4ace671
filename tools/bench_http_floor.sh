#!/usr/bin/env bash
# What one event per request costs in the HTTP core alone (issue 3): the same wrk load of single-event POSTs
# against gunicorn's Flask peer, Vigil's ingest, Vigil's GET /healthz (Javalin and Jetty doing nothing), and two
# servers that only read the body and answer (io.vigil.bench.HttpFloor: a Jetty 12 core Handler, and Netty).
# Each server is warmed until two successive 5 s rates agree within 10 %, then measured for $DURATION.
# Needs: wrk, gunicorn and python3-flask (Debian packages), built vigil-server/target/vigil.jar and
# vigil-bench/target/vigil-bench.jar. Prints a Markdown table.
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
source tools/bench_common.sh

measure() {   # NAME URL LUA PID...
  local name=$1 url=$2 lua=$3
  shift 3
  warm "$url" "$lua"
  local c0 out n
  c0=$(cpu "$@")
  out=$(load "$url" "$lua" "$DURATION")
  n=$(echo "$out" | requests)
  echo "| $name | $(echo "$out" | rate) | $(awk -v t="$(( $(cpu "$@") - c0 ))" -v n="$n" 'BEGIN {printf "%.0f", t * 10000 / n}') µs |"
}

echo "| server | requests/s | server CPU per request |"
echo "|---|---|---|"
gunicorn -w 2 -b 127.0.0.1:18300 --chdir tools/peer flask_peer:app >/dev/null 2>&1 & pids+=($!)
wait_for http://127.0.0.1:18300/metrics
measure "gunicorn, 2 workers: Flask peer" http://127.0.0.1:18300/predict tools/peer/one_event.lua \
  "${pids[-1]}" $(pgrep -P "${pids[-1]}" | tr '\n' ' ')
kill "${pids[-1]}"

java -jar vigil-server/target/vigil.jar serve --port 18100 --data-dir "$data/vigil" >/dev/null 2>&1 & pids+=($!)
wait_for http://127.0.0.1:18100/healthz
measure "Vigil: POST /api/v1/predictions" http://127.0.0.1:18100/api/v1/predictions tools/peer/one_event.lua "${pids[-1]}"
measure "Vigil: GET /healthz (Javalin on Jetty, nothing else)" http://127.0.0.1:18100/healthz "" "${pids[-1]}"
kill "${pids[-1]}"

for core in jetty netty; do
  java -cp vigil-bench/target/vigil-bench.jar io.vigil.bench.HttpFloor "$core" 18400 >/dev/null 2>&1 & pids+=($!)
  wait_for http://127.0.0.1:18400/
  measure "HttpFloor $core: read the body, answer" http://127.0.0.1:18400/api/v1/predictions tools/peer/one_event.lua \
    "${pids[-1]}"
  kill "${pids[-1]}"
  sleep 1
done
