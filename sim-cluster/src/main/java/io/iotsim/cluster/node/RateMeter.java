package io.iotsim.cluster.node;

import java.util.function.LongSupplier;

/** Per-second rate of a growing counter, sampled on a timer. */
final class RateMeter {

  private final LongSupplier counter;
  private long lastCount;
  private long lastNanos = System.nanoTime();
  private volatile double perSecond;

  RateMeter(LongSupplier counter) {
    this.counter = counter;
    this.lastCount = counter.getAsLong();
  }

  synchronized void sample() {
    long now = System.nanoTime();
    long count = counter.getAsLong();
    if (now > lastNanos) {
      perSecond = (count - lastCount) * 1e9 / (now - lastNanos);
    }
    lastCount = count;
    lastNanos = now;
  }

  double perSecond() {
    return perSecond;
  }
}
