# Shared by the protocol benchmarks: build the test classpath once, run a bench main,
# start and stop a Mosquitto of the benchmark's own (never the shared one on 1883).
# BROKER_MAX_QUEUED: its max_queued_messages per client (Mosquitto's default, 1000).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/scripts/jdk.sh"  # a JDK 25 or newer
BENCH_PORT="${BENCH_PORT:-18830}"
BENCH_URL="tcp://127.0.0.1:${BENCH_PORT}"
BENCH_DIR="${BENCH_DIR:-$(mktemp -d /tmp/iot-sim-bench-XXXXXX)}"
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC}"

build_classpath() {
  if [[ ! -f "$ROOT/sim-core/target/bench.cp" || -n "${REBUILD:-}" ]]; then
    (cd "$ROOT" && mvn -B -q -pl sim-core -am test-compile \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
      -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test)
  fi
  CP="$ROOT/sim-core/target/test-classes:$ROOT/sim-core/target/classes:$(cat "$ROOT/sim-core/target/bench.cp")"
}

run_bench() { # main class simple name, then its args
  local main="io.iotsim.core.publish.bench.$1"; shift
  java $JAVA_OPTS -cp "$CP" "$main" "$@" 2>&1 | grep -E '^(RESULT|SAMPLE)' || true
}

start_broker() {
  if (echo > "/dev/tcp/127.0.0.1/${BENCH_PORT}") 2>/dev/null; then
    echo "port ${BENCH_PORT} is taken (a broker left over?); set BENCH_PORT" >&2
    exit 1
  fi
  # 10,000 connections need more descriptors than the usual 1,024; take what the hard limit gives.
  ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
  cat > "$BENCH_DIR/mosquitto.conf" <<CONF
listener ${BENCH_PORT} 127.0.0.1
allow_anonymous true
max_connections -1
sys_interval 1
persistence false
max_queued_messages ${BROKER_MAX_QUEUED:-1000}
user $(id -un)
log_dest file ${BENCH_DIR}/mosquitto.log
CONF
  mosquitto -c "$BENCH_DIR/mosquitto.conf" > "$BENCH_DIR/mosquitto.out" 2>&1 &
  BROKER_PID=$!
  for _ in $(seq 50); do
    (echo > "/dev/tcp/127.0.0.1/${BENCH_PORT}") 2>/dev/null && break
    sleep 0.1
  done
  if ! kill -0 "$BROKER_PID" 2>/dev/null; then
    echo "mosquitto did not start: $(cat "$BENCH_DIR/mosquitto.out")" >&2
    exit 1
  fi
  echo "# mosquitto pid ${BROKER_PID} on ${BENCH_PORT}, nofile $(ulimit -n), dir ${BENCH_DIR}" >&2
}

stop_broker() {
  if [[ -n "${BROKER_PID:-}" ]]; then
    kill "$BROKER_PID" 2>/dev/null || true
    wait "$BROKER_PID" 2>/dev/null || true
    BROKER_PID=""
  fi
}

broker_publishes_received() { # Mosquitto's own count of PUBLISH packets received
  mosquitto_sub -p "$BENCH_PORT" -C 1 -W 5 -t '$SYS/broker/publish/messages/received'
}

broker_cpu_seconds() { # user+system CPU seconds of the broker so far
  awk '{print ($14 + $15) / 100}' "/proc/${BROKER_PID}/stat"
}

machine() {
  echo "# $(date -u +%FT%TZ) nproc=$(nproc) $(free -g | awk '/Mem:/ {print "mem_total_gb="$2" mem_free_gb="$4}') $(java -version 2>&1 | head -1) $(mosquitto -h | head -1)"
}
