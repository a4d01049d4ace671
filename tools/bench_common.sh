# Shared by the wrk benchmarks (tools/bench_ingest.sh, tools/bench_http_floor.sh); sourced, not run.
# Expects DURATION and CONNECTIONS to be set. Starts each script with a temporary data folder and a list of
# servers to stop on exit.
set -euo pipefail
data=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$data"; }
trap cleanup EXIT

wait_for() { for _ in $(seq 1 100); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done; echo "no answer from $1" >&2; exit 1; }
rate() { awk '/Requests\/sec/ {print $2}'; }
requests() { awk '/requests in/ {print $1}'; }
# CPU ticks of 10 ms (user + system) used so far by these processes: the machine is shared, so the CPU a server
# spends per request is a steadier comparison than requests/s alone
cpu() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
workers() { echo "$1 $(pgrep -P "$1" | tr '\n' ' ')"; }
# wrk's output for URL [LUA] during DURATION
load() {
  if [ -n "${2:-}" ]; then wrk -t2 -c"$CONNECTIONS" -d"$3" -s "$2" "$1"; else wrk -t2 -c"$CONNECTIONS" -d"$3" "$1"; fi
}
# warms a JIT until two successive 5 s rates agree within 10 % (at most 2 minutes): on a slow day C2 took 40 s
# of this load to settle, and a 5 s warm-up measured a third of the steady rate
warm() {
  local previous=0 r
  for _ in $(seq 1 24); do
    r=$(load "$1" "${2:-}" 5s | rate)
    if awk -v a="$previous" -v b="$r" 'BEGIN {exit !(a > 0 && b < a * 1.1 && b > a * 0.9)}'; then return 0; fi
    previous=$r
  done
}
