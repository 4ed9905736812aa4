package io.iotsim.cluster.metrics;

import java.util.List;
import kamon.metric.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Copies one publisher's latency samples of an interval into the Kamon histograms of the device
 * types sharing it. Publishers record into an HdrHistogram {@code Recorder} (no lock, no allocation
 * per message); this runs on the sampling timer, once per recorded value bucket.
 */
final class LatencyFeed {

  private LatencyFeed() {}

  /**
   * The samples of {@code now} not already in {@code before}: both are the publisher's cumulative
   * histograms (microseconds), {@code before} may be null.
   */
  static org.HdrHistogram.Histogram interval(
      org.HdrHistogram.Histogram now, org.HdrHistogram.Histogram before) {
    org.HdrHistogram.Histogram delta = now.copy();
    if (before != null && before.getTotalCount() <= now.getTotalCount()) {
      delta.subtract(before);
    }
    return delta;
  }

  /**
   * Records {@code micros} into {@code targets} (nanosecond histograms) split by {@code weights}:
   * every value bucket is shared out with a running carry per target, so a target with a third of
   * the weight gets about a third of each bucket's samples and no bucket is rounded away.
   */
  static void record(org.HdrHistogram.Histogram micros, List<Histogram> targets, long[] weights) {
    if (micros.getTotalCount() == 0 || targets.isEmpty()) {
      return;
    }
    if (targets.size() == 1) {
      for (HistogramIterationValue v : micros.recordedValues()) {
        targets.get(0).record(v.getValueIteratedTo() * 1_000, v.getCountAtValueIteratedTo());
      }
      return;
    }
    long sum = 0;
    for (long w : weights) {
      sum += w;
    }
    double[] share = new double[weights.length];
    for (int i = 0; i < share.length; i++) {
      share[i] = sum == 0 ? 1.0 / share.length : (double) weights[i] / sum;
    }
    double[] carry = new double[weights.length];
    for (HistogramIterationValue v : micros.recordedValues()) {
      long count = v.getCountAtValueIteratedTo();
      long nanos = v.getValueIteratedTo() * 1_000;
      for (int i = 0; i < share.length; i++) {
        carry[i] += count * share[i];
        long whole = (long) carry[i];
        if (whole > 0) {
          targets.get(i).record(nanos, whole);
          carry[i] -= whole;
        }
      }
    }
  }
}
