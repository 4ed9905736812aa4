package io.iotsim.core.generator;

/** {@code mean + stddev * Z}: independent measurement noise. */
final class GaussianGenerator extends NumberSource {

  private final double mean;
  private final double stddev;

  GaussianGenerator(double mean, double stddev, long seed) {
    super(seed);
    this.mean = mean;
    this.stddev = stddev;
  }

  @Override
  double nextNumber(long simTimeMillis) {
    return mean + stddev * nextGaussian();
  }
}
