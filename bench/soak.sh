#!/usr/bin/env bash
# Soak: a node runs DEVICES devices at an INTERVAL-second interval into a Mosquitto of its own
# for DURATION seconds, with faults, live updates, spawn/stop churn and short SSE subscriptions every
# CYCLE seconds. Every SAMPLE seconds it forces a full GC and records heap after GC, open file
# descriptors, threads, readings sent and everything dropped into a CSV, then judges the run:
#   heap after GC (the full GC's own log line): least-squares slope over the samples after WARMUP
#   taken with the publisher queues nearly empty < 1 MB per 10 min (bench/soak/verdict.py)
#   file descriptors and threads: flat (median of the last third within TOLERANCE of the first third)
#   nothing dropped (publisher drops, send errors, telemetry-hub drops stay 0)
#   the fleet keeps its rate (sent readings/s over the run >= 97 % of DEVICES / INTERVAL)
# Exit 0 when every criterion passes, 1 otherwise. The heap criterion is only judged on runs of
# at least 20 minutes (a slope from a couple of minutes is noise); shorter runs report it.
#
# Usage: bench/soak.sh                      # one hour, 20,000 devices
#        DURATION=120 DEVICES=2000 SAMPLE=10 CYCLE=30 bench/soak.sh   # the CI version
#        DEVICES=100000 INTERVAL=20 HEAP=2g bench/soak.sh  # a big fleet at a rate the broker sustains
# Env: JAR (default sim-cli/target/iot-sim.jar), OUT (output dir), HEAP (default 1g),
#      INTERVAL (each device's telemetry interval in whole seconds, default 1; the message rate
#      is DEVICES / INTERVAL, so a large fleet can run at a rate the broker and machine sustain),
#      BROKER_PORT (default: a free port), WARMUP (s, default: until every group has had its first
#      fault and update, CYCLE/2 + 4 x CYCLE, at least 300 and at most DURATION/2).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/jdk.sh"  # a JDK 25 or newer
JAR="${JAR:-$ROOT/sim-cli/target/iot-sim.jar}"
DURATION="${DURATION:-3600}"
DEVICES="${DEVICES:-20000}"
INTERVAL="${INTERVAL:-1}"
[[ "$INTERVAL" =~ ^[1-9][0-9]*$ ]] || { echo "INTERVAL must be a whole number of seconds >= 1, got '$INTERVAL'" >&2; exit 2; }
SAMPLE="${SAMPLE:-60}"
CYCLE="${CYCLE:-240}"
HEAP="${HEAP:-1g}"
TOLERANCE="${TOLERANCE:-0.05}"
GROUPS_N=4
# Warm-up: until every group has had its first fault (and seen it end) and its first live update,
# because the first of each allocates per-device fault and update state once; at least 5 minutes,
# at most half the run so the slope is judged on enough samples.
FIRST_ROUND=$(( CYCLE / 2 + GROUPS_N * CYCLE ))
WARMUP_DEFAULT=$(( FIRST_ROUND > 300 ? FIRST_ROUND : 300 ))
WARMUP="${WARMUP:-$(( WARMUP_DEFAULT < DURATION / 2 ? WARMUP_DEFAULT : DURATION / 2 ))}"
OUT="${OUT:-$(mktemp -d /tmp/iot-sim-soak-XXXXXX)}"
CHURN=$(( DEVICES / 20 > 0 ? DEVICES / 20 : 1 ))
mkdir -p "$OUT"
CSV="$OUT/soak.csv"
# The soak's profile with the run's interval: a copy in OUT, so the catalog stays as checked in.
mkdir -p "$OUT/profiles"
sed -E "s/^telemetry_interval: .*/telemetry_interval: ${INTERVAL}s/" "$ROOT/bench/soak/soak_sensor.yaml" \
  > "$OUT/profiles/soak_sensor.yaml"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
BROKER_PORT="${BROKER_PORT:-$(free_port)}"
HTTP_PORT="$(free_port)"
GRPC_PORT="$(free_port)"
API="http://127.0.0.1:${HTTP_PORT}/api/v1"
NODE_PID=""; BROKER_PID=""; SSE_PID=""

cleanup() {
  for p in "$SSE_PID" "$NODE_PID" "$BROKER_PID"; do
    if [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null; then kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; fi
  done
}
trap cleanup EXIT

log() { echo "# $(date -u +%FT%TZ) $*" | tee -a "$OUT/soak.log" >&2; }

[[ -f "$JAR" ]] || { echo "no jar at $JAR: build it with mvn -B -q -Dui.skip -DskipTests package" >&2; exit 1; }

# The broker: our own, so the soak neither disturbs nor is disturbed by other users of 1883.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
cat > "$OUT/mosquitto.conf" <<CONF
listener ${BROKER_PORT} 127.0.0.1
allow_anonymous true
max_connections -1
sys_interval 10
persistence false
user $(id -un)
log_dest file ${OUT}/mosquitto.log
CONF
mosquitto -c "$OUT/mosquitto.conf" > "$OUT/mosquitto.out" 2>&1 &
BROKER_PID=$!
for _ in $(seq 100); do (echo > "/dev/tcp/127.0.0.1/${BROKER_PORT}") 2>/dev/null && break; sleep 0.1; done
kill -0 "$BROKER_PID" 2>/dev/null || { echo "mosquitto did not start: $(cat "$OUT/mosquitto.out")" >&2; exit 1; }

log "machine nproc=$(nproc) $(free -g | awk '/Mem:/ {print "mem_total_gb="$2}') $(java -version 2>&1 | head -1) $(mosquitto -h | head -1)"
log "devices=$DEVICES interval=${INTERVAL}s duration=${DURATION}s sample=${SAMPLE}s cycle=${CYCLE}s warmup=${WARMUP}s heap=$HEAP broker=127.0.0.1:$BROKER_PORT out=$OUT"

# The node: G1 like the launcher; a fixed heap so 'heap after GC' is not moved by heap resizing.
java -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Xss512k -XX:+ExitOnOutOfMemoryError -Xms"$HEAP" -Xmx"$HEAP" \
  -Xlog:gc:file="$OUT/gc.log":uptime \
  -Diot-sim.http.profiles-dir="$OUT/profiles" \
  -jar "$JAR" node --bind 127.0.0.1 --grpc-port "$GRPC_PORT" --http-port "$HTTP_PORT" --remote-port 0 --management-port 0 \
  --mqtt-url "tcp://127.0.0.1:${BROKER_PORT}" --master-seed 11 > "$OUT/node.log" 2>&1 &
NODE_PID=$!
for _ in $(seq 600); do
  curl -fsS "$API/health" > /dev/null 2>&1 && break
  kill -0 "$NODE_PID" 2>/dev/null || { echo "node exited: $(tail -20 "$OUT/node.log")" >&2; exit 1; }
  sleep 0.2
done

post() { # path, json body: fails the soak on any non-2xx answer
  local code
  code=$(curl -sS -o "$OUT/last-answer.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --max-time 120 -d "$2" "$API/$1")
  if [[ "$code" != 2* ]]; then log "POST $1 answered $code: $(cat "$OUT/last-answer.json")"; return 1; fi
}

per_group=$(( DEVICES / GROUPS_N ))
for g in $(seq 0 $(( GROUPS_N - 1 ))); do
  post devices/spawn "{\"profile\":\"soak_sensor\",\"count\":$per_group,\"labels\":{\"group\":\"g$g\"}}"
done
first=$(jq -r .first_device_id "$OUT/last-answer.json")
WATCHED=$(python3 -c "import sys; t, n = sys.argv[1].rsplit('-', 1); print(','.join(f'{t}-{int(n) + i:0{len(n)}d}' for i in range(10)))" "$first")
log "spawned $(( per_group * GROUPS_N )) devices in $GROUPS_N groups"

status() { curl -fsS --max-time 30 "$API/status"; }

echo "elapsed_s,heap_after_gc_bytes,fds,threads,active_devices,sent_ok,sent_error,publish_dropped,telemetry_dropped,queue_depth" > "$CSV"
sample() {
  local elapsed=$1 s heap
  jcmd "$NODE_PID" GC.run > /dev/null
  # The live heap: what the full GC left, from its own log line ("Pause Full (...) 223M->41M");
  # reading the pools afterwards (jstat) would count what the fleet allocated since.
  heap=$(grep 'Pause Full' "$OUT/gc.log" | tail -1 | sed -E 's/.*->([0-9]+)M\(.*/\1/' | awk '{ printf "%.0f", $1 * 1048576 }')
  s=$(status)
  echo "$elapsed,$heap,$(ls "/proc/$NODE_PID/fd" | wc -l),$(awk '/^Threads:/ {print $2}' "/proc/$NODE_PID/status"),$(jq -r \
    '[.active_devices, ([.protocols[].sent_ok] | add // 0), ([.protocols[].sent_error] | add // 0),
      .publish_dropped_total, .telemetry_dropped_total, ([.protocols[].queue_depth] | add // 0)] | @csv' <<< "$s")" >> "$CSV"
}

cycle=0; churn_live=""
disturb() { # one round of faults, an update, churn and a short stream subscription
  local g="g$(( cycle % GROUPS_N ))" h="g$(( (cycle + 1) % GROUPS_N ))" f
  case $(( cycle % 4 )) in
    0) f='"fault_type":"latency_spike","params":{"latency_ms":300}' ;;
    1) f='"fault_type":"data_corruption","params":{"corruption_rate":0.2}' ;;
    2) f='"fault_type":"clock_drift","params":{"drift_rate_ms_per_sec":50}' ;;
    3) f='"fault_type":"battery_drain","params":{"drain_multiplier":20}' ;;
  esac
  post faults "{\"selector\":\"group=$g\",$f,\"duration\":\"$(( CYCLE / 2 ))s\"}"
  post devices/update "{\"selector\":\"group=$h\",\"telemetry_interval\":\"${INTERVAL}s\",\"set_labels\":{\"firmware\":\"1.$cycle.0\"},\"telemetry_fields\":{\"temperature\":{\"type\":\"gaussian\",\"mean\":$(( 18 + cycle % 7 )),\"stddev\":1}}}"
  # churn: a new batch comes, the previous one goes (the fleet size stays DEVICES + CHURN)
  post devices/spawn "{\"profile\":\"soak_sensor\",\"count\":$CHURN,\"labels\":{\"churn\":\"c$cycle\"}}"
  if [[ -n "$churn_live" ]]; then post devices/stop "{\"selector\":\"churn=$churn_live\"}"; fi
  churn_live="c$cycle"
  # a live subscriber for a while (a few devices, so curl keeps up and nothing is dropped)
  curl -sS -N --max-time $(( CYCLE / 3 )) "$API/devices/stream?ids=$WATCHED&format=reading" \
    > /dev/null 2>&1 & SSE_PID=$!
  log "cycle $cycle: fault on $g, update on $h, churn c$cycle"
  cycle=$(( cycle + 1 ))
}

start=$(date +%s); next_sample=$start; next_cycle=$(( start + CYCLE / 2 ))
sent_at_warmup=""; warmup_time=""
while :; do
  now=$(date +%s); elapsed=$(( now - start ))
  (( elapsed >= DURATION )) && break
  kill -0 "$NODE_PID" 2>/dev/null || { log "node died: $(tail -20 "$OUT/node.log")"; exit 1; }
  if (( now >= next_sample )); then sample "$elapsed"; next_sample=$(( next_sample + SAMPLE )); fi
  if (( now >= next_cycle )); then disturb; next_cycle=$(( next_cycle + CYCLE )); fi
  sleep 1
done
sample "$(( $(date +%s) - start ))"
wait "$SSE_PID" 2>/dev/null || true; SSE_PID=""

rc=0
python3 "$ROOT/bench/soak/verdict.py" "$CSV" "$WARMUP" "$DURATION" "$TOLERANCE" \
  "$(( per_group * GROUPS_N + CHURN ))" "$INTERVAL" > "$OUT/verdict.txt" || rc=$?

cat "$OUT/verdict.txt"
log "csv $CSV"
exit $rc
