#!/usr/bin/env bash
# Shutdown drain: a node with N devices (default 100,000) at a 1 s interval publishes to our own
# Mosquitto (more than it takes, so the publisher queues are full), then gets SIGTERM. Measures
# the time from SIGTERM to the process's exit (target < 30 s) and prints the node's own delivery
# accounting written on the way out (generated = published + dropped by reason + in flight).
# Usage: bench/delivery/sigterm.sh [runs=3] [devices=100000]
# Env: JAR (default sim-cli/target/iot-sim.jar), HEAP (default 2g), RUN_FOR (s before SIGTERM, 30).
source "$(dirname "$0")/../protocols/common.sh"
RUNS="${1:-3}"
DEVICES="${2:-100000}"
JAR="${JAR:-$ROOT/sim-cli/target/iot-sim.jar}"
HEAP="${HEAP:-2g}"
RUN_FOR="${RUN_FOR:-30}"
[[ -f "$JAR" ]] || { echo "no $JAR: mvn -B -q -Dui.skip -DskipTests package" >&2; exit 1; }
NODE=""
cleanup() { [[ -n "$NODE" ]] && kill -9 "$NODE" 2>/dev/null; stop_broker; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

machine
for run in $(seq "$RUNS"); do
  start_broker
  grpc=$(free_port); http=$(free_port); log="$BENCH_DIR/node-$run.log"
  java -Xms"$HEAP" -Xmx"$HEAP" -jar "$JAR" node --grpc-port "$grpc" --http-port "$http" --remote-port 0 \
    --management-port 0 --mqtt-url "$BENCH_URL" --master-seed 5 > "$log" 2>&1 &
  NODE=$!
  for _ in $(seq 300); do grep -q 'cluster member' "$log" && break; sleep 0.2; done
  java -cp "$JAR" io.iotsim.cli.IotSimCli spawn --runtime "127.0.0.1:$grpc" \
    --profile "$ROOT/profiles/temperature_sensor.yaml" --count "$DEVICES" > "$BENCH_DIR/spawn-$run.txt"
  sleep "$RUN_FOR"
  t0=$(date +%s.%N)
  kill -TERM "$NODE"
  wait "$NODE" || true
  t1=$(date +%s.%N)
  NODE=""
  awk -v n="$DEVICES" -v t0="$t0" -v t1="$t1" \
    'BEGIN { printf "RESULT case=sigterm devices=%d exit_after_s=%.2f\n", n, t1 - t0 }'
  { grep -E '^(mqtt|null|amqp|http|coap):' "$log" || echo "no accounting line in $log"; } | sed 's/^/# /'
  stop_broker
done
