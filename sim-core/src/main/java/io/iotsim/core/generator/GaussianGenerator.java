package io.iotsim.core.generator;

import io.iotsim.core.seed.SeededRandom;

/** {@code mean + stddev * Z}: independent measurement noise. State: its random stream. */
final class GaussianGenerator extends RandomSource {

  private final double mean;
  private final double stddev;

  GaussianGenerator(double mean, double stddev) {
    // draws even with stddev 0, as it always has: for a mean of -0.0 the sign follows Z's
    super(true);
    this.mean = mean;
    this.stddev = stddev;
  }

  @Override
  double nextNumber(long simTimeMillis, long[] state, int at) {
    return mean + stddev * SeededRandom.nextGaussian(state, at);
  }
}
