#!/usr/bin/env bash
# The drift benchmark of BENCHMARKS.md, in one run so the ratios compare like with like on a noisy machine:
#   1. data: 1,000,000 x 20 reference and 100,000 x 20 current (tools/bench_data.py), made once
#   2. peer: SciPy's ks_2samp and wasserstein_distance per feature (tools/scipy_drift_bench.py)
#   3. Vigil's statistics phase on the same arrays (JMH, vigil-bench)
#   4. the whole command, CSV parsing included, from the raw reference and from a saved profile
# Usage: tools/bench_drift.sh [folder]      (default /tmp/vigil-bench; needs python3 with NumPy and SciPy)
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-/tmp/vigil-bench}"
[ -f "$dir/ref_1m.csv" ] || python3 tools/bench_data.py "$dir"

./mvnw -q -B -DskipTests package
./vigil --version >/dev/null

echo "== SciPy"
python3 tools/scipy_drift_bench.py "$dir" --repeat 3 | tee "$dir/scipy.json"

echo "== JMH (statistics phase)"
java -jar vigil-bench/target/vigil-bench.jar DriftStatistics -p folder="$dir" -rf json -rff "$dir/jmh.json" \
  | grep -E "^(Benchmark|DriftStatistics)"

echo "== whole command (best of 3)"
best() { local b=999; for _ in 1 2 3; do s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N);
  b=$(python3 -c "print(min($b, $e - $s))"); done; printf '%.2f s  %s\n' "$b" "$*"; }
./vigil profile "$dir/ref_1m.csv" --output "$dir/ref_1m.vigil" 2>/dev/null
best ./vigil drift --reference "$dir/ref_1m.csv" --current "$dir/cur_100k.csv" --method ks
best ./vigil drift --reference "$dir/ref_1m.csv" --current "$dir/cur_100k.csv"
best ./vigil drift --reference "$dir/ref_1m.vigil" --current "$dir/cur_100k.csv" --method ks
best ./vigil profile "$dir/ref_1m.csv" --output "$dir/ref_1m.vigil"
