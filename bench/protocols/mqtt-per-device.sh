#!/usr/bin/env bash
# CPU and RSS of 10,000 per-device MQTT connections (each device its own client), connected
# idle and publishing every 10 s at QoS 1, against a Mosquitto of our own started with a raised
# file limit. Baseline in the same session: the same fleet and rate over the 10 pooled
# connections. Usage: bench/protocols/mqtt-per-device.sh [runs=3] [devices=10000]
# The launcher's JVM settings with a heap sized for the fleet: 10,000 connections hold ~80 MiB.
JAVA_OPTS="${JAVA_OPTS:--XX:+UseCompactObjectHeaders -XX:+UseG1GC -Xmx256m}"
source "$(dirname "$0")/common.sh"
RUNS="${1:-3}"; DEVICES="${2:-10000}"

build_classpath
machine
for run in $(seq "$RUNS"); do
  for connection in per_device pooled; do
    start_broker
    run_bench PerDeviceConnectionsBench --url "$BENCH_URL" --devices "$DEVICES" --interval 10 \
      --seconds 30 --broker-pid "$BROKER_PID" --connection "$connection"
    stop_broker
  done
done
