package io.iotsim.core.generator;

import io.iotsim.core.seed.SeededRandom;

/**
 * A daily sine on the simulated UTC clock, peaking at {@code peakHour}: {@code baseline +
 * amplitude*sin(2π(hour - peakHour + 6)/24) + noiseStddev*Z}. State: its random stream, for the
 * noise (none without noise).
 */
final class DiurnalGenerator extends RandomSource {

  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final double MILLIS_PER_HOUR = 3_600_000.0;

  private final GeneratorSpec.Diurnal spec;

  DiurnalGenerator(GeneratorSpec.Diurnal spec) {
    super(spec.noiseStddev() != 0);
    this.spec = spec;
  }

  @Override
  double nextNumber(long simTimeMillis, long[] state, int at) {
    double hour = Math.floorMod(simTimeMillis, MILLIS_PER_DAY) / MILLIS_PER_HOUR;
    double cycle = StrictMath.sin(2 * Math.PI * (hour - spec.peakHour() + 6) / 24);
    double value = spec.baseline() + spec.amplitude() * cycle;
    // no noise, no draw: keeps the stream of a noiseless field from being consumed for nothing
    return spec.noiseStddev() == 0
        ? value
        : value + spec.noiseStddev() * SeededRandom.nextGaussian(state, at);
  }
}
