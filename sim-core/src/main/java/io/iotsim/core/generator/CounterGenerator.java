package io.iotsim.core.generator;

import io.iotsim.core.seed.SeededRandom;

/**
 * A cumulative counter (energy in kWh, packets, litres): grows by {@code rate*dt} plus jitter
 * {@code jitterStddev*sqrt(dt)*Z}, and never decreases. Without jitter it keeps no random stream.
 */
final class CounterGenerator extends SteppedSource {

  private final GeneratorSpec.Counter spec;

  CounterGenerator(GeneratorSpec.Counter spec) {
    super(spec.jitterStddev() != 0, spec.start());
    this.spec = spec;
  }

  @Override
  double step(double value, double dt, long[] state, int at) {
    double jitter =
        spec.jitterStddev() == 0
            ? 0
            : spec.jitterStddev() * Math.sqrt(dt) * SeededRandom.nextGaussian(state, at);
    return value + Math.max(0, spec.ratePerSecond() * dt + jitter);
  }
}
