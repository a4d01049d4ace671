#!/usr/bin/env bash
# Two Vigil instances sharing a Kafka topic and a PostgreSQL database (README, "Scaling out"), on a throwaway
# PostgreSQL (Debian's postgresql package) and a throwaway single-node Kafka broker (KRaft, from Maven Central),
# all on loopback. Produces EVENTS events, waits until the instances have counted them, prints the rate and asks
# both instances for the same totals; stops and deletes everything on exit.
#
#   examples/scale-out/run.sh                 # 2 instances, 200,000 events
#   INSTANCES=1 EVENTS=100000 examples/scale-out/run.sh
#   KEEP=1 examples/scale-out/run.sh          # keep the logs and data under /tmp/vigil-scale-out.*
set -euo pipefail
cd "$(dirname "$0")/../.."
INSTANCES="${INSTANCES:-2}"
EVENTS="${EVENTS:-200000}"
PG_PORT="${PG_PORT:-25432}"
KAFKA_PORT="${KAFKA_PORT:-29092}"
FIRST_PORT="${FIRST_PORT:-8181}"

work="$(mktemp -d /tmp/vigil-scale-out.XXXXXX)"
chmod 755 "$work"
pids=()
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$pg_bin/initdb" ] || { echo "needs PostgreSQL: apt-get install postgresql" >&2; exit 2; }
as_postgres=()
if [ "$(id -u)" = 0 ]; then chown postgres "$work"; as_postgres=(runuser -u postgres --); fi

cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

echo "== build (vigil.jar, the load generator, the Kafka broker's classpath)"
./mvnw -q -B -pl vigil-server -am -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/broker.classpath"
./mvnw -q -B -pl vigil-bench -am -DskipTests package

echo "== PostgreSQL on 127.0.0.1:$PG_PORT"
"${as_postgres[@]}" "$pg_bin/initdb" -D "$work/pg" -A trust -U postgres >/dev/null
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg/postgres.log" -w \
  -o "-p $PG_PORT -k $work -c listen_addresses=127.0.0.1" start >/dev/null
"${as_postgres[@]}" "$pg_bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres vigil
store="postgresql://postgres@127.0.0.1:$PG_PORT/vigil"

echo "== Kafka on 127.0.0.1:$KAFKA_PORT"
cat > "$work/kafka.properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$((KAFKA_PORT + 1))
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$((KAFKA_PORT + 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$work/kafka
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES
cp="$(cat "$work/broker.classpath")"
java -cp "$cp" kafka.tools.StorageTool format -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid)" \
  -c "$work/kafka.properties" >/dev/null
java -Xmx512m -cp "$cp" kafka.Kafka "$work/kafka.properties" >"$work/kafka.log" 2>&1 &
pids+=($!)
until (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null; do sleep 0.5; done

echo "== $EVENTS events into the topic (8 models, 20 features, key = model)"
java -cp vigil-bench/target/vigil-bench.jar io.vigil.bench.KafkaLoad "127.0.0.1:$KAFKA_PORT" predictions "$EVENTS" 8 20

echo "== $INSTANCES Vigil instance(s) consume them"
# The models, declared for every instance (instances also learn each other's models from the store, every 10 s).
{ echo "models:"; for m in 0 1 2 3 4 5 6 7; do echo "  m$m: {features: [{name: f0, type: numeric}]}"; done; } \
  >"$work/vigil.yaml"
urls=()
vigil_pids=()
for i in $(seq 1 "$INSTANCES"); do
  port=$((FIRST_PORT + i - 1))
  ./vigil serve --port "$port" --data-dir "$work/vigil-$i" --instance "vigil-$i" --store "$store" \
    --kafka-bootstrap "127.0.0.1:$KAFKA_PORT" --kafka-topic predictions --kafka-group vigil --config "$work/vigil.yaml" \
    >"$work/vigil-$i.out" 2>"$work/vigil-$i.log" &
  pids+=($!)
  vigil_pids+=($!)
  urls+=("http://127.0.0.1:$port")
done
for u in "${urls[@]}"; do until curl -sf "$u/readyz" >/dev/null; do sleep 0.5; done; done

java -cp vigil-bench/target/vigil-bench.jar io.vigil.bench.KafkaLoad --wait "$EVENTS" "$(IFS=,; echo "${urls[*]}")"

echo "== the same totals from every instance, once each has checkpointed (every 10 s)"
sleep 11
for u in "${urls[@]}"; do
  printf '%s  m0 count: ' "$u"
  curl -s "$u/api/v1/models/m0/stats?from=-1h&to=now" | sed -n 's/.*"total":{"count":\([0-9]*\).*/\1/p'
  echo
done
echo "== where each instance's consumer spent its time"
for p in "${vigil_pids[@]}"; do kill "$p"; wait "$p" 2>/dev/null || true; done
grep -h "Kafka ingest from" "$work"/vigil-*.log || true
