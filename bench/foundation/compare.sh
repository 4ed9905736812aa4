#!/usr/bin/env bash
# Two builds back to back: runs the foundation benchmarks alternately with a baseline jar and a
# candidate jar (A B A B ...), RUNS times each (default 3), so both see the same machine load.
# Take medians per jar and compare them as ratios.
#
#   bench/foundation/compare.sh BASELINE.jar CANDIDATE.jar          # real speed and max speed
#   RUNS=5 bench/foundation/compare.sh A.jar B.jar real              # only 100k devices @ 1s
#
# A baseline jar of an earlier commit: git worktree add /tmp/base COMMIT && (cd /tmp/base &&
# mvn -B -q -DskipTests -Dbuf.skip -Dui.skip package), then use the jar it builds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/jdk.sh  # a JDK 25 or newer
[ $# -ge 2 ] || { echo "usage: $0 BASELINE.jar CANDIDATE.jar [real|max|all]" >&2; exit 2; }
base=$1
cand=$2
what=${3:-all}
runs=${RUNS:-3}
jvm=(-XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Xss512k -XX:+ExitOnOutOfMemoryError -Xmx2g)

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), $(date -u +%FT%TZ)"
for i in $(seq "$runs"); do
  for jar in "$base" "$cand"; do
    if [ "$what" = all ] || [ "$what" = real ]; then
      echo "== $jar: real speed, 100,000 devices @ 1s, run $i, load $(cut -d' ' -f1 /proc/loadavg)"
      java "${jvm[@]}" -jar "$jar" bench --devices 100000 --interval 1s --duration 30s --warmup 10s 2>&1 | grep -v WARN
    fi
    if [ "$what" = all ] || [ "$what" = max ]; then
      echo "== $jar: max speed, 100,000 devices @ 5s for 1h simulated, run $i, load $(cut -d' ' -f1 /proc/loadavg)"
      /usr/bin/time -f "wall %e s" java "${jvm[@]}" -jar "$jar" run --count 100000 --duration 1h \
        --speed max --output null --quiet 2>&1 | grep -v WARN
    fi
  done
done
