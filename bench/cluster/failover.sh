#!/usr/bin/env bash
# Failover time: three nodes on loopback, N devices spawned through node 1, kill -9 of the node
# holding most devices, then the time until the survivors hold all N again (each node's local
# count, summed). Usage: bench/cluster/failover.sh [N] [JAR] [HEAP]
#   N     devices (default 100000)
#   JAR   the iot-sim jar (default sim-cli/target/iot-sim.jar)
#   HEAP  -Xmx of each node (default 1g)
set -euo pipefail
N=${1:-100000}
JAR=${2:-sim-cli/target/iot-sim.jar}
HEAP=${3:-1g}
PROFILE=${PROFILE:-profiles/temperature_sensor.yaml}
DIR=$(mktemp -d /tmp/iot-sim-failover.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

node() { # index, extra args...
  local i=$1; shift
  java -Xmx"$HEAP" -XX:+UseParallelGC -jar "$JAR" node --remote-port 0 --management-port 0 --grpc-port 0 --http-port 0 \
    --master-seed 7 --output null "$@" >"$DIR/node-$i.log" 2>&1 &
  PIDS+=($!)
}
banner() { # index, what -> value
  local i=$1 what=$2
  for _ in $(seq 1 600); do
    local v
    v=$(sed -n "s/.*$what \([^ ]*\).*/\1/p" "$DIR/node-$i.log" | head -1)
    if [ -n "$v" ]; then echo "$v"; return; fi
    sleep 0.5
  done
  echo "node $i: no '$what' in its log" >&2; exit 1
}
count() { # runtime -> devices running on that node (its own runtime status, not the fleet's)
  java -cp "$JAR" io.iotsim.cli.IotSimCli runtime status --json --runtime "$1" 2>/dev/null \
    | sed -n 's/.*"active_devices": *"\{0,1\}\([0-9]*\).*/\1/p' | head -1
}

node 1
SEED=$(banner 1 "cluster member" | sed 's|pekko://iot-sim@||')
node 2 --seed-nodes "$SEED"
node 3 --seed-nodes "$SEED"
RT=()
for i in 1 2 3; do RT+=("127.0.0.1:$(banner $i "gRPC on" | sed 's/.*://')"); done
echo "nodes up: ${RT[*]} (logs in $DIR)"

java -cp "$JAR" io.iotsim.cli.IotSimCli spawn --profile "$PROFILE" --count "$N" --runtime "${RT[0]}"
while :; do
  total=0; most=0; victim=0
  for i in 0 1 2; do c=$(count "${RT[$i]}"); c=${c:-0}; total=$((total + c))
    if [ "$c" -gt "$most" ]; then most=$c; victim=$i; fi; done
  [ "$total" -ge "$N" ] && break
  sleep 1
done
echo "spread: $N devices; node $((victim + 1)) holds $most"

start=$(date +%s%N)
kill -9 "${PIDS[$victim]}"
while :; do
  total=0
  for i in 0 1 2; do [ "$i" -eq "$victim" ] && continue; c=$(count "${RT[$i]}"); total=$((total + ${c:-0})); done
  [ "$total" -ge "$N" ] && break
  sleep 0.5
done
end=$(date +%s%N)
echo "failover: $most devices of node $((victim + 1)) running on the survivors after $(( (end - start) / 1000000 )) ms"
