#!/usr/bin/env bash
# Publish latency p50/p99 of pooled MQTT at QoS 1, paced at 20,000 msg/s, on our own Mosquitto.
# Baseline in the same session: mosquitto_pub -l at QoS 1 for the same number of messages
# (its wall time per message; it reports no per-message latency).
# Usage: bench/protocols/mqtt-latency.sh [runs=3] [rate=20000] [seconds=30]
source "$(dirname "$0")/common.sh"
RUNS="${1:-3}"; RATE="${2:-20000}"; SECONDS_="${3:-30}"

build_classpath
machine
start_broker
trap stop_broker EXIT
for run in $(seq "$RUNS"); do
  run_bench MqttLatencyBench --url "$BENCH_URL" --qos 1 --rate "$RATE" --seconds "$SECONDS_" --warmup 5
done
