#!/usr/bin/env bash
# Delivery benchmark of the built jar against a Mosquitto of its own (never the shared one):
#  1. speed max, QoS 0 and QoS 1: msg/s the broker accepted (its $SYS received counter over the
#     run's wall time, JVM start included), with --fail-on-loss (a run that lost anything fails);
#  2. the highest real-speed rate (devices x 1 s interval) with nothing dropped, from a ladder;
#  3. e2e latency (hand-over to delivery, --verify) at 20,000 msg/s, QoS 1.
# Usage: bench/delivery/delivery.sh [runs=3] [max-speed-readings-per-device=2500]
#        CASES="max" JAR=/path/to/baseline.jar bench/delivery/delivery.sh   (only case 1)
# Env: JAR (default sim-cli/target/iot-sim.jar), JAVA_OPTS, BENCH_PORT, LADDER ("10000 20000 ...").
source "$(dirname "$0")/../protocols/common.sh"
RUNS="${1:-3}"
PER_DEVICE="${2:-2500}"
JAR="${JAR:-$ROOT/sim-cli/target/iot-sim.jar}"
LADDER="${LADDER:-10000 20000 30000 40000 50000}"
[[ -f "$JAR" ]] || { echo "no $JAR: mvn -B -q -Dui.skip -DskipTests package" >&2; exit 1; }
trap stop_broker EXIT

profile() { # qos -> profile file
  cat > "$BENCH_DIR/q$1.yaml" <<YAML
type: temperature_sensor
protocol: mqtt
topic_template: "bench/{device_id}/telemetry"
telemetry_interval: 1s
qos: $1
backpressure: drop_oldest
telemetry_fields:
  temperature: { type: diurnal, baseline: 22.0, amplitude: 5.0, peak_hour: 14, noise_stddev: 0.3 }
  humidity: { type: brownian, start: 55.0, drift: 0, volatility: 0.5, mean_reversion: 0.1, mean: 55.0, min: 20.0, max: 95.0 }
  battery: { type: brownian, start: 100.0, drift: -0.001, volatility: 0.0, mean_reversion: 0.0, mean: 0.0, min: 0.0, max: 100.0 }
YAML
  echo "$BENCH_DIR/q$1.yaml"
}

settled_received() { # the broker's received counter once it stopped moving (it may lag the client)
  local last=-1 now
  now=$(broker_publishes_received)
  while [[ "$now" != "$last" ]]; do last=$now; sleep 2; now=$(broker_publishes_received); done
  echo "$now"
}

# Through the launcher, as a user runs it (its class data sharing archive included).
sim() { JAVA_OPTS="$JAVA_OPTS" IOT_SIM_JAR="$JAR" "$ROOT/iot-sim" run --output protocol --mqtt-url "$BENCH_URL" --quiet "$@"; }
# A baseline jar (JAR=/path/to/main.jar) may not know --fail-on-loss: its losses then show as
# generated - broker_received only.
LOSS_FLAG=""
java -jar "$JAR" run --help 2>&1 | grep -q -- --fail-on-loss && LOSS_FLAG="--fail-on-loss"

CASES="${CASES:-max real latency}"
machine
for qos in 0 1; do
  [[ " $CASES " == *" max "* ]] || break
  p=$(profile "$qos")
  for run in $(seq "$RUNS"); do
    start_broker
    before=$(broker_publishes_received)
    t0=$(date +%s.%N)
    rc=0
    sim --profile "$p" --count 200 --duration "${PER_DEVICE}s" --speed max $LOSS_FLAG \
      > "$BENCH_DIR/max-q$qos-$run.txt" 2>&1 || rc=$?
    t1=$(date +%s.%N)
    after=$(settled_received)
    awk -v q="$qos" -v rc="$rc" -v n=$(( after - before )) -v t0="$t0" -v t1="$t1" -v g=$(( 200 * PER_DEVICE )) \
      'BEGIN { printf "RESULT case=max_speed qos=%d generated=%d broker_received=%d lost=%d exit=%d wall_s=%.2f msg_per_s=%.0f\n", q, g, n, g - n, rc, t1 - t0, n / (t1 - t0) }'
    { grep -E '^mqtt:' "$BENCH_DIR/max-q$qos-$run.txt" || true; } | sed 's/^/# /'
    stop_broker
  done
done

p=$(profile 0)
for devices in $LADDER; do
  [[ " $CASES " == *" real "* ]] || break
  start_broker
  rc=0
  sim --profile "$p" --count "$devices" --duration 30s --speed 1 $LOSS_FLAG \
    > "$BENCH_DIR/real-$devices.txt" 2>&1 || rc=$?
  echo "RESULT case=real_speed qos=0 rate_per_s=$devices lossless=$([[ $rc == 0 ]] && echo yes || echo no)"
  { grep -E '^mqtt:' "$BENCH_DIR/real-$devices.txt" || true; } | sed 's/^/# /'
  stop_broker
  [[ $rc == 0 ]] || break
done

p=$(profile 1)
for run in $(seq "$RUNS"); do
  [[ " $CASES " == *" latency "* ]] || break
  # Mosquitto queues at most 1,000 messages (max_queued_messages) behind what a subscriber has in
  # flight and drops the rest: a pause of the verifier's JVM of 50 ms at 20,000 msg/s is enough.
  # That is the broker dropping for a slow consumer, which --verify reports as missing; to measure
  # latency the case gives the broker room (LATENCY_MAX_QUEUED=1000 shows the default).
  BROKER_MAX_QUEUED="${LATENCY_MAX_QUEUED:-1000000}" start_broker
  sim --profile "$p" --count 20000 --duration 30s --speed 1 --verify \
    > "$BENCH_DIR/latency-$run.txt" 2>&1 || true
  echo "RESULT case=e2e_latency qos=1 rate_per_s=20000 $(grep -E '^verify:' "$BENCH_DIR/latency-$run.txt")"
  { grep -E '^mqtt:' "$BENCH_DIR/latency-$run.txt" || true; } | sed 's/^/# /'
  stop_broker
done
