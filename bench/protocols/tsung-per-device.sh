#!/usr/bin/env bash
# Baseline for mqtt-per-device.sh from an independent tool: Tsung (Debian package `tsung`,
# MQTT 3.1) holds 10,000 connections to our own Mosquitto, each publishing every 10 s at QoS 1.
# Prints Tsung's Erlang VM CPU and RSS over a 30 s window once all are connected, and the
# broker's. Usage: bench/protocols/tsung-per-device.sh [runs=3]
source "$(dirname "$0")/common.sh"
RUNS="${1:-3}"
command -v tsung > /dev/null || { echo "apt-get install -y tsung" >&2; exit 1; }

machine
for run in $(seq "$RUNS"); do
  start_broker
  logdir="$BENCH_DIR/tsung-$run"
  mkdir -p "$logdir"
  tsung -f "$(dirname "$0")/tsung-per-device.xml" -l "$logdir" start > "$logdir/out.txt" 2>&1 &
  TSUNG=$!
  sleep 20   # arrivals take 5 s; by 20 s all 10,000 are connected and publishing
  vm=$(pgrep -f "beam.*tsung_controller" | head -1)
  clients=$(mosquitto_sub -p "$BENCH_PORT" -C 1 -W 5 -t '$SYS/broker/clients/connected')
  cpu0=$(awk '{print ($14 + $15) / 100}' "/proc/$vm/stat"); b0=$(broker_cpu_seconds)
  before=$(broker_publishes_received)
  sleep 30
  cpu1=$(awk '{print ($14 + $15) / 100}' "/proc/$vm/stat"); b1=$(broker_cpu_seconds)
  after=$(broker_publishes_received)
  rss=$(awk '/VmRSS/ {print $2 / 1024}' "/proc/$vm/status")
  brss=$(awk '/VmRSS/ {print $2 / 1024}' "/proc/$BROKER_PID/status")
  awk -v c0="$cpu0" -v c1="$cpu1" -v b0="$b0" -v b1="$b1" -v rss="$rss" -v brss="$brss" \
      -v n="$clients" -v r=$(( after - before )) \
    'BEGIN { printf "RESULT client=tsung connections=%d tsung_rss_mib=%.0f tsung_cpu_publishing_pct=%.1f broker_rss_mib=%.1f broker_cpu_publishing_pct=%.1f broker_received_in_30s=%d\n", n, rss, 100 * (c1 - c0) / 30, brss, 100 * (b1 - b0) / 30, r }'
  wait "$TSUNG" || true
  stop_broker
done
