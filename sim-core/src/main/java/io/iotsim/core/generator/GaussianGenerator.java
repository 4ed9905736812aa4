package io.iotsim.core.generator;

import io.iotsim.core.seed.SeededRandom;

/** {@code mean + stddev * Z}: independent measurement noise. */
final class GaussianGenerator extends NumberSource {

  private final double mean;
  private final double stddev;
  private final SeededRandom random;

  GaussianGenerator(double mean, double stddev, long seed) {
    this.mean = mean;
    this.stddev = stddev;
    this.random = new SeededRandom(seed);
  }

  @Override
  double nextNumber(long simTimeMillis) {
    return mean + stddev * random.nextGaussian();
  }
}
