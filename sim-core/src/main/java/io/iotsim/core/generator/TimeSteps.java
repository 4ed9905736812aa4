package io.iotsim.core.generator;

/** The simulated time since a device's previous reading, for generators that step by it. */
final class TimeSteps {

  /** Kept in the state before the first reading. */
  static final long NO_PREVIOUS = Long.MIN_VALUE;

  private TimeSteps() {}

  /**
   * Seconds since the reading whose time {@code state[at]} holds, which becomes {@code
   * simTimeMillis}; 0 for the first reading and when time did not advance.
   */
  static double step(long simTimeMillis, long[] state, int at) {
    long previous = state[at];
    state[at] = simTimeMillis;
    if (previous == NO_PREVIOUS || simTimeMillis <= previous) {
      return 0;
    }
    return (simTimeMillis - previous) / 1000.0;
  }
}
