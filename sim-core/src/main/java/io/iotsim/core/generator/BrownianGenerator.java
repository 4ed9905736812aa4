package io.iotsim.core.generator;

import io.iotsim.core.seed.SeededRandom;

/**
 * Ornstein-Uhlenbeck walk, stepped by the simulated time since the previous reading: {@code next =
 * cur + drift*dt + volatility*sqrt(dt)*Z + meanReversion*(mean - cur)*dt}, clamped to [min, max].
 * Without volatility it keeps no random stream.
 */
final class BrownianGenerator extends SteppedSource {

  private final GeneratorSpec.Brownian spec;

  BrownianGenerator(GeneratorSpec.Brownian spec) {
    super(spec.volatility() != 0, spec.start());
    this.spec = spec;
  }

  @Override
  double step(double current, double dt, long[] state, int at) {
    // a noiseless walk (a draining battery) skips the draw: the polar method's log is not free
    double noise =
        spec.volatility() == 0
            ? 0
            : spec.volatility() * Math.sqrt(dt) * SeededRandom.nextGaussian(state, at);
    double next =
        current + spec.drift() * dt + noise + spec.meanReversion() * (spec.mean() - current) * dt;
    return Math.min(spec.max(), Math.max(spec.min(), next));
  }
}
