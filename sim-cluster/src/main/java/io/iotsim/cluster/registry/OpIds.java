package io.iotsim.cluster.registry;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Ids of log entries: a per-process random prefix and a counter, unique across the cluster. */
final class OpIds {

  private static final String PREFIX = UUID.randomUUID().toString().substring(0, 8);
  private static final AtomicLong NEXT = new AtomicLong();

  private OpIds() {}

  static String next() {
    return PREFIX + "-" + String.format("%012d", NEXT.incrementAndGet());
  }
}
