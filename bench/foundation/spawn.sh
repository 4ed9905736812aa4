#!/usr/bin/env bash
# The spawn of a million, two builds back to back (A B A B ...), RUNS times each (default 5).
# Each run spawns 1,000,000 devices at a 5 s interval in a 2 GB heap through the launcher, prints
# the bench's spawn line (wall time, CPU seconds, bytes allocated per device) and the time from the
# launcher's start, then kills the JVM: the rest of the bench is not waited for.
#
#   bench/foundation/spawn.sh BASELINE.jar CANDIDATE.jar
#   BASE_ROOT=/tmp/base RUNS=3 bench/foundation/spawn.sh /tmp/base/sim-cli/target/iot-sim.jar sim-cli/target/iot-sim.jar
#
# BASE_ROOT is the checkout whose launcher (and its JVM flags) runs the baseline; this checkout's
# runs the candidate. JAVA_OPTS adds flags to both (-Xms2g -Xmx2g are always set).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/jdk.sh  # a JDK 25 or newer
[ $# -eq 2 ] || { echo "usage: $0 BASELINE.jar CANDIDATE.jar" >&2; exit 2; }
base=$(realpath "$1")
cand=$(realpath "$2")
here=$(pwd)
base_root=$(realpath "${BASE_ROOT:-$here}")
runs=${RUNS:-5}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

spawn_once() { # root jar
  local start pid line
  start=$(date +%s.%N)
  (cd "$1" && IOT_SIM_JAR="$2" JAVA_OPTS="-Xms2g -Xmx2g ${JAVA_OPTS:-}" exec setsid ./iot-sim bench \
    --devices 1000000 --interval 5s --duration 5s --warmup 5s) >"$out" 2>&1 &
  pid=$!
  until grep -q '^spawned\|rror' "$out"; do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  line=$(grep '^spawned' "$out" || grep -m1 'rror' "$out" || echo "no spawn line")
  printf '%s; %.1f s from launch, load %s\n' "$line" "$(echo "$(date +%s.%N) - $start" | bc)" \
    "$(cut -d' ' -f1 /proc/loadavg)"
  kill -9 -- -"$pid" 2>/dev/null || kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), $(date -u +%FT%TZ)"
for i in $(seq "$runs"); do
  echo "== baseline $base, run $i"
  spawn_once "$base_root" "$base"
  echo "== candidate $cand, run $i"
  spawn_once "$here" "$cand"
done
