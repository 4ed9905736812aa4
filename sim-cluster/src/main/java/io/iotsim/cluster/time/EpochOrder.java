package io.iotsim.cluster.time;

import org.apache.pekko.cluster.ddata.LWWRegister;

/**
 * The order of {@link ClockEpoch}s in their replicated register: a later generation (a speed
 * change) wins; among epochs of one generation the one with the earliest wall epoch wins, so when
 * nodes start at once and each proposes its own clock, every node ends up following the oldest
 * proposal rather than the newest (a node joining late never resets a running cluster's time).
 */
final class EpochOrder implements LWWRegister.Clock<ClockEpoch> {

  static final EpochOrder INSTANCE = new EpochOrder();

  /** 2^42 ms is about 139 years: room for any wall epoch below the generation bits. */
  private static final long WALL_BITS = 42;

  private static final long WALL_MASK = (1L << WALL_BITS) - 1;

  private EpochOrder() {}

  @Override
  public long apply(long currentTimestamp, ClockEpoch epoch) {
    return rank(epoch);
  }

  static long rank(ClockEpoch epoch) {
    long wall = Math.max(0, Math.min(WALL_MASK, epoch.wallEpochMillis()));
    return (epoch.generation() << WALL_BITS) + (WALL_MASK - wall);
  }
}
