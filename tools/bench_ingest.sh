#!/usr/bin/env bash
# Ingest speed against the peer (issue 3): one event per request with wrk against the Flask peer (Flask's own
# server, then gunicorn with 2 workers) and against Vigil, then Vigil with batches of 500 from IngestLoad.
# Needs: wrk, python3-flask, gunicorn (Debian packages), a built vigil-server/target/vigil.jar and
# vigil-bench/target/vigil-bench.jar (./mvnw -q -DskipTests package). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
data=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$data"; }
trap cleanup EXIT

wait_for() { for _ in $(seq 1 100); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done; echo "no answer from $1" >&2; exit 1; }
rate() { awk '/Requests\/sec/ {print $2}'; }
requests() { awk '/requests in/ {print $1}'; }

python3 tools/peer/flask_peer.py >/dev/null 2>&1 & pids+=($!)
wait_for http://127.0.0.1:18301/metrics
flask_out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s tools/peer/one_event.lua http://127.0.0.1:18301/predict)
kill "${pids[-1]}"

gunicorn -w 2 -b 127.0.0.1:18300 --chdir tools/peer flask_peer:app >/dev/null 2>&1 & pids+=($!)
wait_for http://127.0.0.1:18300/metrics
guni_out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s tools/peer/one_event.lua http://127.0.0.1:18300/predict)
guni_sum=0
for _ in 1 2 3 4; do   # each worker counts alone: successive scrapes disagree
  n=$(curl -s http://127.0.0.1:18300/metrics | awk '/^predictions_total/ {s += $2} END {print s + 0}')
  guni_seen+="$n "
done
kill "${pids[-1]}"

java -jar vigil-server/target/vigil.jar serve --port 18100 --data-dir "$data/vigil" >/dev/null 2>&1 & pids+=($!)
wait_for http://127.0.0.1:18100/healthz
vigil_out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s tools/peer/one_event.lua http://127.0.0.1:18100/api/v1/predictions)
vigil_count=$(curl -s http://127.0.0.1:18100/metrics | awk '/^vigil_predictions_total/ {s += $2} END {printf "%d", s}')
batch_out=$(java -cp vigil-bench/target/vigil-bench.jar io.vigil.bench.IngestLoad http://127.0.0.1:18100 2 500 20 20 2>&1 | tail -1)

echo "| server | requests/s (one event each) | requests wrk completed | counted by /metrics |"
echo "|---|---|---|---|"
echo "| Flask's server | $(echo "$flask_out" | rate) | $(echo "$flask_out" | requests) | (one process) |"
echo "| gunicorn, 2 workers | $(echo "$guni_out" | rate) | $(echo "$guni_out" | requests) | ${guni_seen}(four scrapes) |"
echo "| Vigil | $(echo "$vigil_out" | rate) | $(echo "$vigil_out" | requests) | $vigil_count |"
echo
echo "Vigil, batches of 500 events with 20 features, 2 client threads: $batch_out"
