package io.iotsim.client;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for calls the node answered UNAVAILABLE: attempt n waits {@code
 * min(maxBackoff, initialBackoff * multiplier^(n-1))}, randomised by +-{@code jitter}.
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    double multiplier,
    double jitter) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "retry.max-attempts: must be >= 1 (got " + maxAttempts + ")");
    }
    if (multiplier < 1) {
      throw new IllegalArgumentException("retry.multiplier: must be >= 1 (got " + multiplier + ")");
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("retry.jitter: must be in 0..1 (got " + jitter + ")");
    }
  }

  /** One attempt, no retry. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1, 0);
  }

  static RetryPolicy fromConfig(Config c) {
    return new RetryPolicy(
        c.getInt("max-attempts"),
        c.getDuration("initial-backoff"),
        c.getDuration("max-backoff"),
        c.getDouble("multiplier"),
        c.getDouble("jitter"));
  }

  /** The wait before attempt {@code attempt + 1}, after {@code attempt} (1-based) failed. */
  Duration backoff(int attempt) {
    double base = initialBackoff.toNanos() * Math.pow(multiplier, attempt - 1);
    double capped = Math.min(base, maxBackoff.toNanos());
    double factor = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
    return Duration.ofNanos((long) Math.max(0, capped * factor));
  }
}
