# Sourced by the launcher (./iot-sim) and the container image's entrypoint (deploy/docker/iot-sim),
# so that a node runs with the same JVM flags wherever it is started. The flags were chosen by
# measurement (BENCHMARKS.md, "Which JVM"); JAVA_OPTS, which follows them on the command line, adds
# to them or overrides them.
#
#   iot_sim_jvm_flags ARGS...   sets IOT_SIM_JVM to the flags for `iot-sim ARGS...`

# Compact object headers (8-byte headers: ~200 B less per device). Pekko and Netty still use
# sun.misc.Unsafe; allowed so JDK 25 does not warn on every command's stderr (the jar's manifest
# enables their native access). Small thread stacks: a node's threads never recurse deeply.
IOT_SIM_JVM_BASE=(-XX:+UseCompactObjectHeaders --sun-misc-unsafe-memory-access=allow -Xss512k
  -XX:+ExitOnOutOfMemoryError)

# Generational ZGC (pauses under a millisecond), tuned for a node that spawns a large fleet: what
# survives a young collection is promoted at once (devices live for the run; copying them through
# survivor ages again and again slowed a million-device spawn from 19 s to 29 s), and up to 8 cores
# each generation gets two GC threads instead of ergonomics' one.
IOT_SIM_ZGC=(-XX:+UseZGC -XX:+UnlockDiagnosticVMOptions -XX:ZTenuringThreshold=0)
if [ "$(nproc 2>/dev/null || sysctl -n hw.ncpu 2>/dev/null || echo 1)" -le 8 ]; then
  IOT_SIM_ZGC+=(-XX:ZYoungGCThreads=2 -XX:ZOldGCThreads=2)
fi

iot_sim_jvm_flags() {
  IOT_SIM_JVM=("${IOT_SIM_JVM_BASE[@]}")
  # ZGC unless JAVA_OPTS picks a collector. A fast-forward (--speed max) has no wall-clock deadline
  # to miss, so it takes G1 for throughput instead.
  local collector=("${IOT_SIM_ZGC[@]}") previous="" arg
  for arg in "$@"; do
    if [ "$arg" = --speed=max ] || { [ "$previous" = --speed ] && [ "$arg" = max ]; }; then
      collector=(-XX:+UseG1GC)
    fi
    previous="$arg"
  done
  case "${JAVA_OPTS:-}" in *-XX:+Use*GC*) ;; *) IOT_SIM_JVM+=("${collector[@]}") ;; esac
  # A node's heap sized up front (-Xms in JAVA_OPTS) is touched as the JVM starts. ZGC keeps its
  # heap in shared memory, and faulting those pages in while a million devices spawned took about
  # 6 s of the spawn; touching 2 GB at start takes about 5 s, once, before the node serves anything
  # (BENCHMARKS.md, "The spawn of a million"). Commands that only talk to a node never pre-touch.
  case "${1:-}" in
    run | node | bench) case " ${JAVA_OPTS:-} " in *" -Xms"*) IOT_SIM_JVM+=(-XX:+AlwaysPreTouch) ;; esac ;;
  esac
}
