package io.iotsim.core.generator;

/**
 * Ornstein-Uhlenbeck walk, stepped by the simulated time since the previous reading (so a device
 * slowed down by backpressure still drifts at the same rate per simulated second): {@code next =
 * cur + drift*dt + volatility*sqrt(dt)*Z + meanReversion*(mean - cur)*dt}, clamped to [min, max].
 */
final class BrownianGenerator extends NumberSource {

  private static final long NO_PREVIOUS = Long.MIN_VALUE;

  private final GeneratorSpec.Brownian spec;
  private double current;
  private long previousMillis = NO_PREVIOUS;

  BrownianGenerator(GeneratorSpec.Brownian spec, long seed) {
    super(seed);
    this.spec = spec;
    this.current = spec.start();
  }

  @Override
  double nextNumber(long simTimeMillis) {
    long previous = previousMillis;
    previousMillis = simTimeMillis;
    if (previous == NO_PREVIOUS || simTimeMillis <= previous) {
      // first reading, or time did not advance: dt = 0 leaves the value where it is
      return current;
    }
    double dt = (simTimeMillis - previous) / 1000.0;
    // a noiseless walk (a draining battery) skips the draw: the polar method's log is not free
    double noise = spec.volatility() == 0 ? 0 : spec.volatility() * Math.sqrt(dt) * nextGaussian();
    double next =
        current + spec.drift() * dt + noise + spec.meanReversion() * (spec.mean() - current) * dt;
    current = Math.min(spec.max(), Math.max(spec.min(), next));
    return current;
  }
}
