#!/usr/bin/env bash
# The 30-day performance query of issue 4, cache cold and cached (BENCHMARKS.md, "The 30-day query").
# Usage: tools/bench_performance_query.sh DATA_DIR
#   DATA_DIR: a folder for the data set; when it holds none yet, the script loads p30 and p30b (200,000 labeled
#   predictions each over the last 30 days, about a minute each) first.
# Prints, for each of 5 restarts: the JIT warmed by 25 queries of p30b, then one query of p30 with the cache cold
# and one cached; then, with the cache off (-Dvigil.profile-cache-mib=0), the median of 30 queries of p30 and the
# server's CPU per query. Needs a built vigil-server/target/vigil.jar and vigil-bench/target/vigil-bench.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:?usage: $0 DATA_DIR}
JAR=vigil-server/target/vigil.jar
BENCH=vigil-bench/target/vigil-bench.jar
PORT=${PORT:-18100}
URL=http://127.0.0.1:$PORT
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null || true' EXIT

serve() {
  java "$@" -jar "$JAR" serve --port "$PORT" --data-dir "$DATA" >"$DATA.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 150); do curl -s -o /dev/null "$URL/healthz" && return 0; sleep 0.2; done
  echo "the server did not start: see $DATA.log" >&2
  exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }
query() { java -cp "$BENCH" io.vigil.bench.PerformanceQuery "$URL" query "$1" "$2" | tail -1 | grep -o "first.*"; }
once() { curl -s -o /dev/null -w '%{time_total}' "$URL/api/v1/models/p30/performance?from=-30d&step=1d"; }

if [ ! -f "$DATA/vigil.db" ]; then
  serve
  java -cp "$BENCH" io.vigil.bench.PerformanceQuery "$URL" load 200000
  java -cp "$BENCH" io.vigil.bench.PerformanceQuery "$URL" load 200000 p30b
  stop
fi
for run in 1 2 3 4 5; do
  serve
  query 25 p30b >/dev/null
  echo "run $run: cache cold $(once) s, cached $(once) s (load average $(cut -d' ' -f1 /proc/loadavg))"
  stop
done
serve -Dvigil.profile-cache-mib=0
query 40 p30b >/dev/null
t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
echo "cache off, 31 queries of p30: $(query 31 p30)"
t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
echo "cache off, server CPU per query: $(( (t1 - t0) * 10 / 31 )) ms"
stop
