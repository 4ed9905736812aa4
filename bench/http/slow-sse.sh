#!/usr/bin/env bash
# Slow SSE client benchmark: one client reads one event a second from a node whose 20,000 devices
# produce 20,000 readings a second (1 s interval, null output), for SECONDS (default 60). Prints
# readings/s (devices must not slow down), readings dropped for the client (counted, not
# buffered) and the node's heap after GC every 3 s (must stay flat); also in
# sim-http/target/slow-sse.txt.
#
#   bench/http/slow-sse.sh [SECONDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/jdk.sh  # a JDK 25 or newer
seconds="${1:-60}"
mvn -B -q -pl sim-http -am test -Dbuf.skip \
  -Dtest=SlowSseClientTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dslow.sse.seconds="$seconds" >&2
cat sim-http/target/slow-sse.txt
