package io.iotsim.core.generator;

import io.iotsim.core.seed.SeededRandom;

/**
 * A cumulative counter (energy in kWh, packets, litres): grows by {@code rate*dt} plus jitter
 * {@code jitterStddev*sqrt(dt)*Z}, and never decreases. State: its random stream, the count and the
 * time of the previous reading.
 */
final class CounterGenerator extends RandomSource {

  private static final int VALUE = SeededRandom.SIZE;
  private static final int PREVIOUS = VALUE + 1;

  private final GeneratorSpec.Counter spec;

  CounterGenerator(GeneratorSpec.Counter spec) {
    this.spec = spec;
  }

  @Override
  public int stateSize() {
    return PREVIOUS + 1;
  }

  @Override
  public void seed(long fieldSeed, long[] state, int at) {
    super.seed(fieldSeed, state, at);
    state[at + VALUE] = Double.doubleToRawLongBits(spec.start());
    state[at + PREVIOUS] = TimeSteps.NO_PREVIOUS;
  }

  @Override
  double nextNumber(long simTimeMillis, long[] state, int at) {
    double value = Double.longBitsToDouble(state[at + VALUE]);
    double dt = TimeSteps.step(simTimeMillis, state, at + PREVIOUS);
    if (dt == 0) {
      return value;
    }
    double jitter =
        spec.jitterStddev() == 0
            ? 0
            : spec.jitterStddev() * Math.sqrt(dt) * SeededRandom.nextGaussian(state, at);
    value += Math.max(0, spec.ratePerSecond() * dt + jitter);
    state[at + VALUE] = Double.doubleToRawLongBits(value);
    return value;
  }
}
