package io.iotsim.cluster.time;

import io.iotsim.core.CborSerializable;

/**
 * The cluster's one simulated clock, replicated to every node: simulated time was {@code
 * simStartMillis} at the wall-clock instant {@code wallEpochMillis} and runs {@code speed} times
 * the wall clock ({@link io.iotsim.core.clock.SimClock#MAX_SPEED} for max); {@code masterSeed} is
 * the cluster's master seed. {@code generation} counts speed changes: a later generation replaces
 * an earlier one, and among first epochs the oldest wins (see {@link EpochOrder}).
 */
public record ClockEpoch(
    long simStartMillis, long wallEpochMillis, double speed, long masterSeed, long generation)
    implements CborSerializable {

  /** The epoch after a speed change at simulated time {@code simNowMillis}, wall time now. */
  public ClockEpoch withSpeed(long simNowMillis, long wallNowMillis, double newSpeed) {
    return new ClockEpoch(simNowMillis, wallNowMillis, newSpeed, masterSeed, generation + 1);
  }
}
