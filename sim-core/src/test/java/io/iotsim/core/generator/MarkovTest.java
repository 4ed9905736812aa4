package io.iotsim.core.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

class MarkovTest {

  private static final List<String> STATES = List.of("locked", "unlocked", "jammed");
  private static final double[][] MATRIX = {
    {0.90, 0.09, 0.01},
    {0.30, 0.70, 0.00},
    {0.50, 0.00, 0.50}
  };

  @Test
  void firstReadingReportsTheInitialState() {
    Reading r = new Samples.Field(new GeneratorSpec.Markov(STATES, MATRIX, 1), 5).next(0);
    assertThat(r.kind(0)).isEqualTo(Reading.Kind.TEXT);
    assertThat(r.text(0)).isEqualTo("unlocked");
  }

  @Test
  void transitionFrequenciesMatchTheMatrix() {
    int n = 300_000;
    long[][] counts = transitions(new GeneratorSpec.Markov(STATES, MATRIX, 0), 17, n);
    ChiSquareTest chi = new ChiSquareTest();
    for (int i = 0; i < MATRIX.length; i++) {
      long rowTotal = 0;
      for (long c : counts[i]) {
        rowTotal += c;
      }
      assertThat(rowTotal).as("visits to %s", STATES.get(i)).isGreaterThan(1_000);
      // impossible transitions never happen; the possible ones pass a chi-square test at 0.1%
      // (per-row test over the cells with p > 0: a fixed seed, so this is not flaky)
      int possible = 0;
      for (double p : MATRIX[i]) {
        possible += p > 0 ? 1 : 0;
      }
      double[] expected = new double[possible];
      long[] observed = new long[possible];
      int k = 0;
      for (int j = 0; j < MATRIX[i].length; j++) {
        if (MATRIX[i][j] == 0) {
          assertThat(counts[i][j]).as("%s -> %s", STATES.get(i), STATES.get(j)).isZero();
        } else {
          expected[k] = MATRIX[i][j] * rowTotal;
          observed[k++] = counts[i][j];
        }
      }
      assertThat(chi.chiSquareTest(expected, observed))
          .as("row %s p-value", i)
          .isGreaterThan(0.001);
    }
  }

  @Test
  void neverPicksAZeroProbabilityLastStateEvenWhenARowSumsJustBelowOne() {
    double[] row = {0.4999996, 0.4999996, 0};
    // u is scaled by the row's sum, so even the largest u lands on the last possible state
    assertThat(MarkovGenerator.pick(row, 0.9999999)).isEqualTo(1);
    assertThat(MarkovGenerator.pick(row, Math.nextDown(1.0))).isEqualTo(1);
    assertThat(MarkovGenerator.pick(row, 0.0)).isZero();
    assertThat(MarkovGenerator.pick(new double[] {0, 1, 0}, 0.0)).isEqualTo(1);
  }

  private static long[][] transitions(GeneratorSpec spec, long seed, int n) {
    Samples.Field f = new Samples.Field(spec, seed);
    long[][] counts = new long[STATES.size()][STATES.size()];
    int previous = -1;
    for (int i = 0; i < n; i++) {
      Reading r = f.next(i * 1000L);
      int current = STATES.indexOf(r.text(0));
      if (previous >= 0) {
        counts[previous][current]++;
      }
      previous = current;
    }
    return counts;
  }
}
