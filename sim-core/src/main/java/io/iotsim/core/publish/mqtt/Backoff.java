package io.iotsim.core.publish.mqtt;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt n waits {@code initial * 2^n}, capped at {@code max},
 * then scaled by a random factor in {@code [1 - jitter, 1 + jitter]} so that many connections lost
 * at the same moment (a broker restart) do not all come back in the same millisecond.
 */
record Backoff(Duration initial, Duration max, double jitter) {

  Backoff {
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("reconnect.initial-delay must be positive: " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "reconnect.max-delay " + max + " is shorter than reconnect.initial-delay " + initial);
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("reconnect.jitter must be in [0, 1]: " + jitter);
    }
  }

  /** Delay before attempt {@code attempt} (0 = first retry), in milliseconds. */
  long delayMillis(int attempt) {
    return delayMillis(attempt, ThreadLocalRandom.current().nextDouble());
  }

  /** As {@link #delayMillis(int)} with the random draw {@code unit} in [0, 1) given (tests). */
  long delayMillis(int attempt, double unit) {
    long maxMs = max.toMillis();
    long base = initial.toMillis();
    for (int i = 0; i < attempt && base < maxMs; i++) {
      base <<= 1;
    }
    base = Math.min(base, maxMs);
    double factor = 1 + jitter * (2 * unit - 1);
    return Math.max(1, Math.round(base * factor));
  }
}
