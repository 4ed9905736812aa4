package io.iotsim.core.generator;

import io.iotsim.core.seed.SeededRandom;

/**
 * Ornstein-Uhlenbeck walk, stepped by the simulated time since the previous reading (so a device
 * slowed down by backpressure still drifts at the same rate per simulated second): {@code next =
 * cur + drift*dt + volatility*sqrt(dt)*Z + meanReversion*(mean - cur)*dt}, clamped to [min, max].
 * State: its random stream (unless it has no volatility), the walk's position and the time of the
 * previous reading.
 */
final class BrownianGenerator extends RandomSource {

  private final GeneratorSpec.Brownian spec;

  BrownianGenerator(GeneratorSpec.Brownian spec) {
    super(spec.volatility() != 0);
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
    double current = Double.longBitsToDouble(state[at + own]);
    double dt = TimeSteps.step(simTimeMillis, state, at + own + 1);
    if (dt == 0) {
      // first reading, or time did not advance: the value stays where it is
      return current;
    }
    // a noiseless walk (a draining battery) skips the draw: the polar method's log is not free
    double noise =
        spec.volatility() == 0
            ? 0
            : spec.volatility() * Math.sqrt(dt) * SeededRandom.nextGaussian(state, at);
    double next =
        current + spec.drift() * dt + noise + spec.meanReversion() * (spec.mean() - current) * dt;
    current = Math.min(spec.max(), Math.max(spec.min(), next));
    state[at + own] = Double.doubleToRawLongBits(current);
    return current;
  }
}
