package io.iotsim.http.sse;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Thins one client's readings to at most {@code maxRate} a second, spread over the second rather
 * than the first {@code maxRate} of it: each reading earns the share the previous second allowed
 * (maxRate / what arrived), and passes when a whole one has accumulated. What it skips is counted
 * and reported to the client, so sampling is never silent. Used from one stream stage only.
 */
final class RateSampler {

  private final int maxRate;
  private final AtomicLong skipped = new AtomicLong();
  private long windowStart = System.nanoTime();
  private long seen;
  private long passed;
  private double share = 1.0;
  private double credit = 1.0;

  RateSampler(int maxRate) {
    this.maxRate = maxRate;
  }

  boolean admit() {
    long now = System.nanoTime();
    if (now - windowStart >= 1_000_000_000L) {
      share = seen <= maxRate ? 1.0 : (double) maxRate / seen;
      windowStart = now;
      seen = 0;
      passed = 0;
    }
    seen++;
    credit += share;
    if (credit >= 1.0 && passed < maxRate) {
      credit -= 1.0;
      passed++;
      return true;
    }
    if (credit > 1.0) {
      credit = 1.0;
    }
    skipped.incrementAndGet();
    return false;
  }

  /** Readings skipped since the previous call. */
  long takeSkipped() {
    return skipped.getAndSet(0);
  }
}
