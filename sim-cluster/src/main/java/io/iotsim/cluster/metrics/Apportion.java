package io.iotsim.cluster.metrics;

/**
 * Splits a count that is only known per publisher (messages confirmed, failed; latency samples)
 * across the device types that share the publisher, in proportion to the readings each type handed
 * to it. Exact when one type uses the publisher; otherwise an estimate that keeps the total exact,
 * under the assumption (true for one shared queue and connection pool) that the publisher treats
 * every type alike.
 */
final class Apportion {

  private Apportion() {}

  /**
   * Largest-remainder split of {@code total} by {@code weights}; the parts sum to {@code total}.
   * All-zero weights split evenly.
   */
  static long[] split(long total, long[] weights) {
    int n = weights.length;
    long[] parts = new long[n];
    if (n == 0 || total == 0) {
      return parts;
    }
    long sum = 0;
    for (long w : weights) {
      if (w < 0) {
        throw new IllegalArgumentException("weights must be >= 0");
      }
      sum += w;
    }
    double[] remainder = new double[n];
    long given = 0;
    for (int i = 0; i < n; i++) {
      double exact = sum == 0 ? (double) total / n : (double) total * weights[i] / sum;
      parts[i] = (long) Math.floor(exact);
      remainder[i] = exact - parts[i];
      given += parts[i];
    }
    // Hand out what flooring left over, largest remainder first (ties: lowest index), so the
    // parts always add up to the total.
    for (long left = total - given; left > 0; left--) {
      int best = 0;
      for (int i = 1; i < n; i++) {
        if (remainder[i] > remainder[best]) {
          best = i;
        }
      }
      parts[best]++;
      remainder[best] = -1;
    }
    return parts;
  }
}
