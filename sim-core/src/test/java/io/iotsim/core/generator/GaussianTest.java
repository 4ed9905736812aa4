package io.iotsim.core.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GaussianTest {

  private static final int N = 100_000;

  @Test
  void hasTheConfiguredMeanAndStddev() {
    double mean = 22;
    double stddev = 1.5;
    double[] xs = Samples.numbers(new GeneratorSpec.Gaussian(mean, stddev), 11, 0, 5000, N);
    // standard errors: of the mean sigma/sqrt(N); of the sample stddev about sigma/sqrt(2N)
    assertThat(Samples.mean(xs, 0)).isCloseTo(mean, within(5 * stddev / Math.sqrt(N)));
    assertThat(Samples.stddev(xs)).isCloseTo(stddev, within(5 * stddev / Math.sqrt(2.0 * N)));
  }

  @Test
  void zeroStddevIsConstant() {
    double[] xs = Samples.numbers(new GeneratorSpec.Gaussian(3, 0), 1, 0, 1000, 100);
    assertThat(xs).containsOnly(3.0);
  }
}
