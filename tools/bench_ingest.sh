#!/usr/bin/env bash
# Ingest speed against the peer (issue 3): one event per request with wrk against the Flask peer (Flask's own
# server at CONNECTIONS, default 16), then gunicorn with 2 workers and Vigil alternately at each number of connections
# in SINGLE_CONNECTIONS (default "CONNECTIONS 64 128"; SERVE_ARGS are extra options for `vigil serve`; past
# --max-in-flight concurrent requests, 1,024 by default, Vigil answers 429), then Vigil with batches of 500 events of 20 features from
# wrk (tools/load/batch_events.lua: 2 connections, then BATCH_CONNECTIONS) and from the Java IngestLoad, and last the
# batch latency with the open-loop PacedLoad (batches on a fixed schedule, latency from each one's scheduled time) at
# half the rate wrk reached with 2 connections, and at 50,000 events/s, half the issue's 100,000.
# Needs: wrk, python3-flask, gunicorn (Debian packages), a built vigil-server/target/vigil.jar and
# vigil-bench/target/vigil-bench.jar (./mvnw -q -DskipTests package). Prints a Markdown table.
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
source tools/bench_common.sh
per_thousand() { awk -v t="$1" -v n="$2" 'BEGIN {printf "%.0f", t * 10 * 1000 / n}'; }   # ticks of 10 ms

python3 tools/peer/flask_peer.py >/dev/null 2>&1 & pids+=($!)
wait_for http://127.0.0.1:18301/metrics
c0=$(cpu "${pids[-1]}")
flask_out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s tools/peer/one_event.lua http://127.0.0.1:18301/predict)
flask_cpu=$(per_thousand $(( $(cpu "${pids[-1]}") - c0 )) "$(echo "$flask_out" | requests)")
kill "${pids[-1]}"

gunicorn -w 2 -b 127.0.0.1:18300 --chdir tools/peer flask_peer:app >/dev/null 2>&1 & pids+=($!)
guni=${pids[-1]}
wait_for http://127.0.0.1:18300/metrics
guni_pids=$(workers "$guni")
# shellcheck disable=SC2086
java -jar vigil-server/target/vigil.jar serve --port 18100 --data-dir "$data/vigil" ${SERVE_ARGS:-} >/dev/null 2>&1 & pids+=($!)
vigil=${pids[-1]}
wait_for http://127.0.0.1:18100/healthz
warm http://127.0.0.1:18100/api/v1/predictions tools/peer/one_event.lua
counted() { curl -s http://127.0.0.1:18100/metrics | awk '/^vigil_predictions_total/ {s += $2} END {printf "%d", s}'; }
one_event() { wrk -t2 -c"$1" -d"$DURATION" -s tools/peer/one_event.lua "$2"; }
# one event per request at each number of connections, gunicorn then Vigil, so both see the same minutes of the
# machine; the peer's rate hardly depends on the connections (2 workers, one request each at a time), Vigil's does
# (concurrent requests share a group commit: one fsync makes all of them durable)
single_rows=()
guni_total=0   # requests gunicorn completed in all the runs, against what its /metrics shows after them
for c in ${SINGLE_CONNECTIONS:-$CONNECTIONS 64 128}; do
  c0=$(cpu $guni_pids)
  guni_out=$(one_event "$c" http://127.0.0.1:18300/predict)
  guni_cpu=$(per_thousand $(( $(cpu $guni_pids) - c0 )) "$(echo "$guni_out" | requests)")
  guni_total=$(( guni_total + $(echo "$guni_out" | requests) ))
  before=$(counted)
  c0=$(cpu "$vigil")
  vigil_out=$(one_event "$c" http://127.0.0.1:18100/api/v1/predictions)
  vigil_cpu=$(per_thousand $(( $(cpu "$vigil") - c0 )) "$(echo "$vigil_out" | requests)")
  vigil_count=$(( $(counted) - before ))   # a few more than wrk completed: it stops counting before the last answers
  ratio=$(awk -v v="$(echo "$vigil_out" | rate)" -v g="$(echo "$guni_out" | rate)" 'BEGIN {printf "%.2f", v / g}')
  refused=$(echo "$vigil_out" | awk '/Non-2xx/ {n = $NF} END {print n + 0}')   # 429s count as completed
  single_rows+=("| $c | $(echo "$guni_out" | rate) | $guni_cpu | $(echo "$vigil_out" | rate) | $vigil_cpu | **${ratio}×** | $(echo "$vigil_out" | requests) | $refused | $vigil_count |")
done
guni_seen=""
for _ in 1 2 3 4; do   # each worker counts alone: successive scrapes disagree
  n=$(curl -s http://127.0.0.1:18300/metrics | awk '/^predictions_total/ {s += $2} END {print s + 0}')
  guni_seen+="$n "
done
kill "$guni"
batches() { wrk -t1 -c"$1" -d"$DURATION" -s tools/load/batch_events.lua http://127.0.0.1:18100/api/v1/predictions \
  | grep 'events/s'; }
batches 2 >/dev/null   # the JIT again, for the large bodies
batch_max=$(batches 2)
batch_wrk=$(batches "${BATCH_CONNECTIONS:-6}")
batch_out=$(java -cp vigil-bench/target/vigil-bench.jar io.vigil.bench.IngestLoad http://127.0.0.1:18100 2 500 20 20 2>&1 | tail -1)
paced() { java -cp vigil-bench/target/vigil-bench.jar io.vigil.bench.PacedLoad http://127.0.0.1:18100 "$1" 500 20 \
  "${PACED_SECONDS:-40}" 8 10 2>&1 | tail -1; }
half_rate=$(echo "$batch_max" | awk '{printf "%d", $2 / 2}')
paced_half=$(paced "$half_rate")
paced_50k=$(paced 50000)

echo "Flask's server, one event per request, $CONNECTIONS connections: $(echo "$flask_out" | rate) requests/s," \
  "$flask_cpu ms of CPU per 1,000 requests"
echo "gunicorn completed $guni_total requests in all; its /metrics after the runs, on four scrapes: ${guni_seen}(each" \
  "worker counts alone)"
echo
echo "| connections | gunicorn requests/s | its CPU ms per 1,000 | Vigil requests/s | its CPU ms per 1,000 | Vigil / gunicorn | requests wrk completed | of them not 2xx | counted by Vigil's /metrics |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${single_rows[@]}"
echo
echo "Vigil, batches of 500 events with 20 features, wrk with 2 connections: $batch_max"
echo "Vigil, batches of 500 events with 20 features, wrk with ${BATCH_CONNECTIONS:-6} connections: $batch_wrk"
echo "Vigil, batches of 500 events with 20 features, IngestLoad with 2 client threads: $batch_out"
echo "Vigil, open loop at $half_rate events/s, half the rate of wrk with 2 connections: $paced_half"
echo "Vigil, open loop at 50,000 events/s: $paced_50k"
