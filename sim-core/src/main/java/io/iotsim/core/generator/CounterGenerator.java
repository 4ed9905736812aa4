package io.iotsim.core.generator;

import io.iotsim.core.seed.SeededRandom;

/**
 * A cumulative counter (energy in kWh, packets, litres): grows by {@code rate*dt} plus jitter
 * {@code jitterStddev*sqrt(dt)*Z}, and never decreases. State: its random stream (unless it has no
 * jitter), the count and the time of the previous reading.
 */
final class CounterGenerator extends RandomSource {

  private final GeneratorSpec.Counter spec;

  CounterGenerator(GeneratorSpec.Counter spec) {
    super(spec.jitterStddev() != 0);
    this.spec = spec;
  }

  @Override
  public int stateSize() {
    return own + 2;
  }

  @Override
  public void seed(long fieldSeed, long[] state, int at) {
    super.seed(fieldSeed, state, at);
    state[at + own] = Double.doubleToRawLongBits(spec.start());
    state[at + own + 1] = TimeSteps.NO_PREVIOUS;
  }

  @Override
  double nextNumber(long simTimeMillis, long[] state, int at) {
    double value = Double.longBitsToDouble(state[at + own]);
    double dt = TimeSteps.step(simTimeMillis, state, at + own + 1);
    if (dt == 0) {
      return value;
    }
    double jitter =
        spec.jitterStddev() == 0
            ? 0
            : spec.jitterStddev() * Math.sqrt(dt) * SeededRandom.nextGaussian(state, at);
    value += Math.max(0, spec.ratePerSecond() * dt + jitter);
    state[at + own] = Double.doubleToRawLongBits(value);
    return value;
  }
}
