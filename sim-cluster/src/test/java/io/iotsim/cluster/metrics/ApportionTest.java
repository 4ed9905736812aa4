package io.iotsim.cluster.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ApportionTest {

  @Test
  void oneTypeTakesEverything() {
    assertThat(Apportion.split(17, new long[] {5})).containsExactly(17);
  }

  @Test
  void splitsInProportionAndKeepsTheTotal() {
    long[] parts = Apportion.split(100, new long[] {1, 1, 2});
    assertThat(parts).containsExactly(25, 25, 50);
    long[] odd = Apportion.split(10, new long[] {1, 1, 1});
    assertThat(Arrays.stream(odd).sum()).isEqualTo(10);
    assertThat(odd).containsExactly(4, 3, 3);
  }

  @Test
  void zeroWeightsSplitEvenly() {
    assertThat(Apportion.split(9, new long[] {0, 0, 0})).containsExactly(3, 3, 3);
  }

  @Test
  void aTypeWithoutTrafficGetsNothing() {
    assertThat(Apportion.split(1000, new long[] {0, 7})).containsExactly(0, 1000);
  }

  @Test
  void nothingToSplit() {
    assertThat(Apportion.split(0, new long[] {3, 4})).containsExactly(0, 0);
    assertThat(Apportion.split(5, new long[] {})).isEmpty();
  }
}
