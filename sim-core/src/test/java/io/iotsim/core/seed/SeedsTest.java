package io.iotsim.core.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeedsTest {

  @Test
  void chainsMasterDeviceAndFieldSeedsByXorWithFnv() {
    long device = Seeds.deviceSeed(42L, "temperature_sensor-000001");
    assertThat(device).isEqualTo(42L ^ Fnv1a64.hash("temperature_sensor-000001"));
    assertThat(Seeds.fieldSeed(device, "humidity")).isEqualTo(device ^ Fnv1a64.hash("humidity"));
  }

  @Test
  void sameInputsGiveSameSeeds() {
    assertThat(Seeds.deviceSeed(7, "a-000001")).isEqualTo(Seeds.deviceSeed(7, "a-000001"));
    assertThat(Seeds.deviceSeed(7, "a-000001")).isNotEqualTo(Seeds.deviceSeed(7, "a-000002"));
    assertThat(Seeds.deviceSeed(7, "a-000001")).isNotEqualTo(Seeds.deviceSeed(8, "a-000001"));
  }

  @Test
  void mixIsTheSplitMix64Finalizer() {
    // first output of SplitMix64 seeded with 0 (state 0x9e3779b97f4a7c15), the published value
    assertThat(Seeds.mix(0x9e3779b97f4a7c15L)).isEqualTo(0xe220a8397b1dcdafL);
  }

  @Test
  void phaseIsInsideTheIntervalAndSpreadsNeighbouringIds() {
    long interval = 5000;
    int devices = 10_000;
    int buckets = 10;
    int[] counts = new int[buckets];
    for (int n = 1; n <= devices; n++) {
      long phase = Seeds.phaseMillis(Seeds.deviceSeed(1, String.format("t-%06d", n)), interval);
      assertThat(phase).isBetween(0L, interval - 1);
      counts[(int) (phase * buckets / interval)]++;
    }
    // each bucket is binomial(n, 1/10): allow 5 standard errors
    double expected = devices / (double) buckets;
    double sd = Math.sqrt(devices * 0.1 * 0.9);
    for (int c : counts) {
      assertThat((double) c).isBetween(expected - 5 * sd, expected + 5 * sd);
    }
  }

  @Test
  void phaseRejectsANonPositiveInterval() {
    assertThatThrownBy(() -> Seeds.phaseMillis(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
