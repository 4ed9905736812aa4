package io.iotsim.core.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SeededRandomTest {

  private static final int N = 200_000;

  @Test
  void sameSeedGivesTheSameSequence() {
    SeededRandom a = new SeededRandom(123);
    SeededRandom b = new SeededRandom(123);
    for (int i = 0; i < 1000; i++) {
      assertThat(a.nextLong()).isEqualTo(b.nextLong());
      assertThat(a.nextGaussian()).isEqualTo(b.nextGaussian());
      assertThat(a.nextDouble()).isEqualTo(b.nextDouble());
      assertThat(a.nextInt(7)).isEqualTo(b.nextInt(7));
    }
  }

  @Test
  void isSplitMix64() {
    // SplitMix64 seeded with 0: published first outputs
    SeededRandom r = new SeededRandom(0);
    assertThat(r.nextLong()).isEqualTo(0xe220a8397b1dcdafL);
    assertThat(r.nextLong()).isEqualTo(0x6e789e6aa1b965f4L);
    assertThat(r.nextLong()).isEqualTo(0x06c45d188009454fL);
  }

  @Test
  void nextDoubleIsUniformInTheUnitInterval() {
    SeededRandom r = new SeededRandom(5);
    double sum = 0;
    for (int i = 0; i < N; i++) {
      double d = r.nextDouble();
      assertThat(d).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
      sum += d;
    }
    // uniform(0,1): mean 1/2, variance 1/12
    assertThat(sum / N).isCloseTo(0.5, within(5 * Math.sqrt(1.0 / 12 / N)));
  }

  @Test
  void nextGaussianIsStandardNormal() {
    SeededRandom r = new SeededRandom(99);
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < N; i++) {
      double z = r.nextGaussian();
      sum += z;
      sumSq += z * z;
    }
    double mean = sum / N;
    double variance = sumSq / N - mean * mean;
    // standard errors: mean 1/sqrt(N); variance sqrt(2/N) for a normal sample
    assertThat(mean).isCloseTo(0.0, within(5 / Math.sqrt(N)));
    assertThat(variance).isCloseTo(1.0, within(5 * Math.sqrt(2.0 / N)));
  }

  @Test
  void nextIntStaysBelowItsBoundAndHitsEveryValue() {
    SeededRandom r = new SeededRandom(3);
    int bound = 6;
    int[] counts = new int[bound];
    for (int i = 0; i < N; i++) {
      int v = r.nextInt(bound);
      assertThat(v).isBetween(0, bound - 1);
      counts[v]++;
    }
    double expected = N / (double) bound;
    double sd = Math.sqrt(N * (1.0 / bound) * (1 - 1.0 / bound));
    for (int c : counts) {
      assertThat((double) c).isCloseTo(expected, within(5 * sd));
    }
    assertThat(new SeededRandom(4).nextInt(8)).isBetween(0, 7);
  }
}
