#!/usr/bin/env bash
# Failover time: three nodes on loopback, N devices spawned through node 1, kill -9 of the node
# holding most devices, then the time until the survivors hold all N again (each node's local
# count, summed, as a survivor's GET /api/v1/cluster says, polled every 0.25 s). Usage: bench/cluster/failover.sh [N] [JAR] [HEAP]
#   N     devices (default 100000)
#   JAR   the iot-sim jar (default sim-cli/target/iot-sim.jar)
#   HEAP  -Xmx of each node (default 1g)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/jdk.sh"  # a JDK 25 or newer
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
cluster() { # http address [member address] -> devices running in the cluster, or on that member,
  # as that node's /api/v1/cluster says (0 when it does not answer)
  curl -s --max-time 10 "http://$1/api/v1/cluster" | python3 -c '
import json, sys
try:
    c = json.load(sys.stdin)
except ValueError:
    print(0); sys.exit()
who = sys.argv[1] if len(sys.argv) > 1 else None
print(c["devices_total"] if who is None else
      sum(max(0, m["devices"]) for m in c["members"] if m["node"].endswith(who)))' ${2:-} 2>/dev/null || echo 0
}

node 1
SEED=$(banner 1 "cluster member" | sed 's|pekko://iot-sim@||')
node 2 --seed-nodes "$SEED"
node 3 --seed-nodes "$SEED"
RT=(); HTTP=(); ADDR=("$SEED")
for i in 1 2 3; do
  RT+=("127.0.0.1:$(banner $i "gRPC on" | sed 's/.*://')")
  HTTP+=("$(banner $i "HTTP on")")
  [ "$i" -gt 1 ] && ADDR+=("$(banner $i "cluster member" | sed 's|pekko://iot-sim@||')")
done
echo "nodes up: ${RT[*]} (logs in $DIR)"

java -cp "$JAR" io.iotsim.cli.IotSimCli spawn --profile "$PROFILE" --count "$N" --runtime "${RT[0]}"
while [ "$(cluster "${HTTP[0]}")" -lt "$N" ]; do sleep 1; done
# the victim: the node holding the most devices
most=0; victim=0
for i in 0 1 2; do c=$(cluster "${HTTP[0]}" "${ADDR[$i]}")
  if [ "${c:-0}" -gt "$most" ]; then most=$c; victim=$i; fi; done
echo "spread: $N devices; node $((victim + 1)) holds $most"
survivor=$(( victim == 0 ? 1 : 0 ))

start=$(date +%s%N)
kill -9 "${PIDS[$victim]}"
while :; do
  total=$(cluster "${HTTP[$survivor]}" | awk '{print $1}')
  [ "${total:-0}" -ge "$N" ] && break
  sleep 0.25
done
end=$(date +%s%N)
echo "failover: $most devices of node $((victim + 1)) running on the survivors after $(( (end - start) / 1000000 )) ms"
echo "kill at $(date -u -d @$((start / 1000000000)) +%T).$(printf %03d $(( start / 1000000 % 1000 ))); the survivors' logs:"
grep -h "unreachable\|Leader is removing\|SBR took decision\|ShardCoordinator.*started\|Singleton manager starting singleton\|removed: waking\|failover pass" \
  "$DIR"/node-*.log | cut -c1-200 || true
