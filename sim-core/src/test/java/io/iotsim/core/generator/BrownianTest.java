package io.iotsim.core.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BrownianTest {

  @Test
  void firstReadingIsTheStart() {
    double[] xs = Samples.numbers(brownian(55, 0, 0.5, 0.1, 55, 20, 95), 1, 1_000, 1_000, 2);
    assertThat(xs[0]).isEqualTo(55.0);
    assertThat(xs[1]).isNotEqualTo(55.0);
  }

  @Test
  void driftsPerSimulatedSecond() {
    // a shipped profile's battery: -0.001 per second, no noise
    double[] xs = Samples.numbers(brownian(100, -0.001, 0, 0, 0, 0, 100), 1, 0, 5_000, 3);
    assertThat(xs).containsExactly(new double[] {100, 99.995, 99.99}, within(1e-12));
  }

  @Test
  void staysWithinItsBoundsOverALongRun() {
    // volatile enough to hit both bounds many times
    double[] xs = Samples.numbers(brownian(50, 0, 20, 0, 50, 40, 60), 7, 0, 1_000, 200_000);
    assertThat(java.util.Arrays.stream(xs).min().orElseThrow()).isEqualTo(40.0);
    assertThat(java.util.Arrays.stream(xs).max().orElseThrow()).isEqualTo(60.0);
  }

  @Test
  void revertsToItsMean() {
    double theta = 0.1;
    double sigma = 1;
    double mean = 50;
    int n = 100_000;
    int burnIn = 1_000;
    double[] xs = Samples.numbers(brownian(0, 0, sigma, theta, mean, -1e6, 1e6), 3, 0, 1_000, n);
    // with dt = 1 s the walk is AR(1): x' = (1-θ)x + θμ + σZ, so phi = 1-θ,
    // stationary variance σ²/(1-phi²) and effective sample size n(1-phi)/(1+phi)
    double phi = 1 - theta;
    double variance = sigma * sigma / (1 - phi * phi);
    double effectiveN = (n - burnIn) * (1 - phi) / (1 + phi);
    assertThat(Samples.mean(xs, burnIn))
        .isCloseTo(mean, within(5 * Math.sqrt(variance / effectiveN)));
  }

  @Test
  void doesNotMoveWhenTimeDoesNot() {
    Samples.Field f = new Samples.Field(brownian(10, 1, 1, 0, 10, 0, 100), 1);
    f.next(5_000);
    assertThat(f.next(5_000).number(0)).isEqualTo(10.0);
  }

  private static GeneratorSpec brownian(
      double start,
      double drift,
      double vol,
      double reversion,
      double mean,
      double min,
      double max) {
    return new GeneratorSpec.Brownian(start, drift, vol, reversion, mean, min, max);
  }
}
