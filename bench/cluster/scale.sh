#!/usr/bin/env bash
# Three nodes against one on the same machine: N devices at INTERVAL, null output, spawned through
# node 1. After WARMUP s, readings/s over MEASURE s (the sum of each node's readings_total), then a
# full GC on every node: heap per device per node = (heap after GC - the same node's heap after GC
# before the spawn) / the devices it holds. Each node gets HEAP_MB; one node alone gets 3 x HEAP_MB,
# so both topologies have the same total heap.
# Usage: bench/cluster/scale.sh [nodes=3] [N=150000]
# Env: JAR, HEAP_MB (per node in the 3-node case, default 1024), INTERVAL (5s), WARMUP (30), MEASURE (30)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/scripts/jdk.sh"  # a JDK 25 or newer
NODES=${1:-3}
N=${2:-150000}
JAR=${JAR:-$ROOT/sim-cli/target/iot-sim.jar}
HEAP_MB=${HEAP_MB:-1024}
INTERVAL=${INTERVAL:-5s}
WARMUP=${WARMUP:-30}
MEASURE=${MEASURE:-30}
DIR=$(mktemp -d /tmp/iot-sim-scale.XXXXXX)
PIDS=(); HTTP=(); GRPC=()
cleanup() { for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
heap=$(( HEAP_MB * 3 / NODES ))
sed -E "s/^telemetry_interval: .*/telemetry_interval: $INTERVAL/" "$ROOT/profiles/temperature_sensor.yaml" > "$DIR/p.yaml"

node() { # index, extra args
  local i=$1; shift
  HTTP[$i]=$(free_port); GRPC[$i]=$(free_port)
  java -Xms${heap}m -Xmx${heap}m -Xlog:gc:file="$DIR/gc-$i.log":uptime -jar "$JAR" node \
    --remote-port 0 --management-port 0 --grpc-port "${GRPC[$i]}" --http-port "${HTTP[$i]}" \
    --master-seed 7 --output null "$@" > "$DIR/node-$i.log" 2>&1 &
  PIDS[$i]=$!
  for _ in $(seq 600); do grep -q 'cluster member' "$DIR/node-$i.log" && break; sleep 0.2; done
}
st() { curl -fsS "http://127.0.0.1:${HTTP[$1]}/api/v1/status"; }

echo "# $(date -u +%FT%TZ) nproc=$(nproc) $(java -version 2>&1 | head -1) load=$(cut -d' ' -f1-3 /proc/loadavg)"
node 0
seed=$(sed -n 's/.*cluster member pekko:\/\/iot-sim@\([^ ]*\).*/\1/p' "$DIR/node-0.log" | head -1)
for i in $(seq 1 $(( NODES - 1 ))); do node "$i" --seed-nodes "$seed"; done
for _ in $(seq 300); do
  [[ $(st 0 | jq .cluster_members) -ge $NODES ]] && break; sleep 0.5
done
gc_heap() { # index -> MB after a full GC now
  jcmd "${PIDS[$1]}" GC.run > /dev/null; sleep 1
  grep 'Pause Full' "$DIR/gc-$1.log" | tail -1 | sed -E 's/.*->([0-9]+)M\(.*/\1/'
}
BASE=()
for i in $(seq 0 $(( NODES - 1 ))); do BASE[$i]=$(gc_heap "$i"); done
t0=$(date +%s.%N)
java -cp "$JAR" io.iotsim.cli.IotSimCli spawn --runtime "127.0.0.1:${GRPC[0]}" --profile "$DIR/p.yaml" --count "$N" > /dev/null
t1=$(date +%s.%N)
sleep "$WARMUP"
sum() { local s=0; for i in $(seq 0 $(( NODES - 1 ))); do s=$(( s + $(st "$i" | jq .readings_total) )); done; echo $s; }
r0=$(sum); m0=$(date +%s.%N); sleep "$MEASURE"; r1=$(sum); m1=$(date +%s.%N)
per_node=""
for i in $(seq 0 $(( NODES - 1 ))); do
  h=$(gc_heap "$i")
  d=$(st "$i" | jq .active_devices)
  per_node+=" node$i=${d}dev/${BASE[$i]}->${h}MB/$(awk -v h="$h" -v b="${BASE[$i]}" -v d="$d" 'BEGIN { printf "%.0f", (d > 0 ? (h - b) * 1048576 / d : 0) }')B"
done
awk -v n="$NODES" -v N="$N" -v r=$(( r1 - r0 )) -v m0="$m0" -v m1="$m1" -v s0="$t0" -v s1="$t1" -v iv="$INTERVAL" \
  'BEGIN { printf "RESULT nodes=%d devices=%d interval=%s spawn_s=%.1f readings_per_s=%.0f", n, N, iv, s1 - s0, r / (m1 - m0) }'
echo "$per_node"
