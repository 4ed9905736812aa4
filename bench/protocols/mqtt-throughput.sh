#!/usr/bin/env bash
# Sustained msg/s to a local Mosquitto of our own, pooled MQTT at QoS 0 and QoS 1:
# the HiveMQ-based publisher, Pekko Connectors MQTT (Paho), and mosquitto_pub -l as baseline.
# Usage: bench/protocols/mqtt-throughput.sh [runs=3] [messages=1000000] [pool=10]
source "$(dirname "$0")/common.sh"
RUNS="${1:-3}"; MESSAGES="${2:-1000000}"; POOL="${3:-10}"

build_classpath
machine
start_broker
trap stop_broker EXIT

baseline() { # mosquitto_pub -l: one connection per process, a line per message from stdin
  local qos=$1 procs=$2 per=$(( MESSAGES / $2 )) payload
  payload=$(printf '{"device_id":"temperature_sensor-000001","device_type":"temperature_sensor","ts":1764097200000,"seq":42,"fields":{"temperature":21.73,"humidity":54.2,"battery":97.1},"labels":{"site":"plant-1"}}')
  local start end pids=() before after
  before=$(broker_publishes_received)
  # The lines are made before the clock starts, so the baseline measures mosquitto_pub alone.
  yes "$payload" | head -n "$per" > "$BENCH_DIR/lines.txt" || true
  start=$(date +%s.%N)
  for p in $(seq "$procs"); do
    mosquitto_pub -p "$BENCH_PORT" -l -q "$qos" -t "devices/baseline-$p/telemetry" < "$BENCH_DIR/lines.txt" &
    pids+=($!)
  done
  wait "${pids[@]}"   # not a bare wait: the broker is a child of this shell too
  end=$(date +%s.%N)
  sleep 2 # the $SYS counter is refreshed every second
  after=$(broker_publishes_received)
  awk -v s="$start" -v e="$end" -v n=$(( per * procs )) -v q="$qos" -v p="$procs" -v r=$(( after - before )) \
    'BEGIN { printf "RESULT client=mosquitto_pub-l qos=%d pool=%d messages=%d seconds=%.2f msg_per_s=%.0f broker_received=%d\n", q, p, n, e - s, n / (e - s), r }'
}

for qos in 0 1; do
  for run in $(seq "$RUNS"); do
    run_bench MqttThroughputBench --url "$BENCH_URL" --qos "$qos" --messages "$MESSAGES" --pool "$POOL"
    run_bench PekkoConnectorsMqttBench --url "$BENCH_URL" --qos "$qos" --messages "$MESSAGES" --pool "$POOL"
    baseline "$qos" 1
    baseline "$qos" "$POOL"
  done
done
