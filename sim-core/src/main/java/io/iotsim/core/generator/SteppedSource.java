package io.iotsim.core.generator;

/**
 * A number that moves by the simulated time since the device's previous reading, so a device slowed
 * down by backpressure still moves at the same rate per simulated second. State, after the random
 * stream (if any): the number, and the time of the previous reading.
 */
abstract class SteppedSource extends RandomSource {

  /** Kept as the previous reading's time before the first reading. */
  private static final long NO_PREVIOUS = Long.MIN_VALUE;

  private final double start;

  SteppedSource(boolean draws, double start) {
    super(draws);
    this.start = start;
  }

  /** The number {@code dt} simulated seconds (> 0) after it was {@code value}. */
  abstract double step(double value, double dt, long[] state, int at);

  @Override
  public final int stateSize() {
    return own + 2;
  }

  @Override
  public final void seed(long fieldSeed, long[] state, int at) {
    super.seed(fieldSeed, state, at);
    state[at + own] = Double.doubleToRawLongBits(start);
    state[at + own + 1] = NO_PREVIOUS;
  }

  @Override
  final double nextNumber(long simTimeMillis, long[] state, int at) {
    double value = Double.longBitsToDouble(state[at + own]);
    long previous = state[at + own + 1];
    state[at + own + 1] = simTimeMillis;
    if (previous == NO_PREVIOUS || simTimeMillis <= previous) {
      // first reading, or time did not advance: the number stays where it is
      return value;
    }
    value = step(value, (simTimeMillis - previous) / 1000.0, state, at);
    state[at + own] = Double.doubleToRawLongBits(value);
    return value;
  }
}
