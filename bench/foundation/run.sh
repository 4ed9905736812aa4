#!/usr/bin/env bash
# Foundation benchmarks (issue 2 and the max-speed target of issue 4), each run RUNS times
# (default 3), reporting every run; take medians. Baselines in the same session: the same
# benchmark with bench/foundation/bare.yaml (one static field).
#
#   bench/foundation/run.sh               # all
#   RUNS=5 bench/foundation/run.sh real   # only the real-speed 100k @ 1s benchmark
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/jdk.sh  # a JDK 25 or newer
runs=${RUNS:-3}
what=${1:-all}
./iot-sim --help >/dev/null   # build once

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), $(date -u +%FT%TZ)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$what" = all ] || [ "$what" = real ]; then
  for profile in profiles/temperature_sensor.yaml bench/foundation/bare.yaml; do
    for i in $(seq "$runs"); do
      echo "== real speed, 100,000 devices @ 1s, $profile, -Xmx2g, run $i"
      JAVA_OPTS="-Xmx2g" ./iot-sim bench --devices 100000 --interval 1s --duration 30s --warmup 10s \
        --profile "$profile" 2>&1 | grep -v WARN
    done
  done
fi

if [ "$what" = all ] || [ "$what" = max ]; then
  for profile in profiles/temperature_sensor.yaml; do
    for i in $(seq "$runs"); do
      echo "== max speed, 100,000 devices @ 5s for 1h simulated (72M readings), $profile, run $i"
      JAVA_OPTS="-Xmx2g" ./iot-sim run --profile "$profile" --count 100000 --duration 1h \
        --speed max --output null --quiet 2>&1 | grep -v WARN
    done
  done
fi

if [ "$what" = all ] || [ "$what" = capacity ]; then
  for n in 500000 750000 1000000; do
    echo "== capacity, $n devices @ 5s in a 2 GB heap"
    JAVA_OPTS="-Xmx2g" ./iot-sim bench --devices "$n" --interval 5s --duration 30s --warmup 15s 2>&1 | grep -v WARN || true
  done
fi
