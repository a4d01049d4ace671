#!/usr/bin/env bash
# One event per request against one Vigil build (issue 3): a fresh server, warmed until two successive 5 s rates
# agree within 10 %, then SECONDS of wrk with tools/peer/one_event.lua. Prints the rate and the server's user and
# system CPU per request (from /proc/PID/stat), and about what wrk used. Run builds alternately to compare them.
# usage: tools/bench_single.sh [JAR] [CONNECTIONS] [SECONDS]   (JOPT: extra JVM options for the server)
# Needs: wrk, a built vigil-server/target/vigil.jar (or JAR).
cd "$(dirname "$0")/.."
JAR=${1:-vigil-server/target/vigil.jar}
CONNECTIONS=${2:-64}
S=${3:-20}
source tools/bench_common.sh
# shellcheck disable=SC2086
java ${JOPT:-} -jar "$JAR" serve --port 18100 --data-dir "$data/vigil" >/dev/null 2>&1 & pids+=($!)
vp=${pids[-1]}
wait_for http://127.0.0.1:18100/healthz
warm http://127.0.0.1:18100/api/v1/predictions tools/peer/one_event.lua
u0=$(awk '{print $14}' "/proc/$vp/stat"); s0=$(awk '{print $15}' "/proc/$vp/stat")
wrk -t2 -c"$CONNECTIONS" -d"${S}s" -s tools/peer/one_event.lua http://127.0.0.1:18100/api/v1/predictions \
  > "$data/wrk.out" & wp=$!
sleep 1; wpid=$(pgrep -n wrk)
sleep $((S - 3)); wu=$(awk '{print $14 + $15}' "/proc/$wpid/stat")   # wrk's CPU over S - 2 seconds
wait $wp
u1=$(awk '{print $14}' "/proc/$vp/stat"); s1=$(awk '{print $15}' "/proc/$vp/stat")
n=$(requests < "$data/wrk.out"); r=$(rate < "$data/wrk.out")
awk -v r="$r" -v n="$n" -v u=$((u1 - u0)) -v s=$((s1 - s0)) -v w="$wu" -v S="$S" 'BEGIN {
  printf "requests/s %s, server CPU per request: user %.1f µs, system %.1f µs; wrk about %.1f µs\n",
    r, u * 1e4 / n, s * 1e4 / n, w * 1e4 / (r * (S - 2)) }'
