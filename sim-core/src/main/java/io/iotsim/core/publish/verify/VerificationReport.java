package io.iotsim.core.publish.verify;

import org.HdrHistogram.Histogram;

/**
 * What subscribing back found.
 *
 * @param expected readings the publishers took
 * @param delivered distinct readings the subscriber received
 * @param missing taken and not (yet) received
 * @param duplicated readings received more than once (the repeats)
 * @param outOfOrder readings received after a later reading of the same device
 * @param foreign messages on the subscribed topics that this run did not publish
 * @param latencyMicros hand-over to delivery, microseconds
 */
public record VerificationReport(
    long expected,
    long delivered,
    long missing,
    long duplicated,
    long outOfOrder,
    long foreign,
    Histogram latencyMicros) {

  /** The latency at {@code percentile} (0..100), in milliseconds; 0 without deliveries. */
  public double latencyMillis(double percentile) {
    return latencyMicros.getTotalCount() == 0
        ? 0
        : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
  }

  public double maxLatencyMillis() {
    return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getMaxValue() / 1000.0;
  }

  /** One line for summaries and logs. */
  public String summary() {
    return String.format(
        java.util.Locale.ROOT,
        "verify: expected %,d, delivered %,d, missing %,d, duplicated %,d, out of order %,d"
            + " (foreign %,d); e2e latency p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms",
        expected,
        delivered,
        missing,
        duplicated,
        outOfOrder,
        foreign,
        latencyMillis(50),
        latencyMillis(99),
        latencyMillis(99.9),
        maxLatencyMillis());
  }
}
