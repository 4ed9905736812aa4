package io.iotsim.core.generator;

/**
 * A cumulative counter (energy in kWh, packets, litres): grows by {@code rate*dt} plus jitter
 * {@code jitterStddev*sqrt(dt)*Z}, and never decreases.
 */
final class CounterGenerator extends NumberSource {

  private static final long NO_PREVIOUS = Long.MIN_VALUE;

  private final GeneratorSpec.Counter spec;
  private double value;
  private long previousMillis = NO_PREVIOUS;

  CounterGenerator(GeneratorSpec.Counter spec, long seed) {
    super(seed);
    this.spec = spec;
    this.value = spec.start();
  }

  @Override
  double nextNumber(long simTimeMillis) {
    long previous = previousMillis;
    previousMillis = simTimeMillis;
    if (previous == NO_PREVIOUS || simTimeMillis <= previous) {
      return value;
    }
    double dt = (simTimeMillis - previous) / 1000.0;
    double jitter =
        spec.jitterStddev() == 0 ? 0 : spec.jitterStddev() * Math.sqrt(dt) * nextGaussian();
    value += Math.max(0, spec.ratePerSecond() * dt + jitter);
    return value;
  }
}
