package io.iotsim.core.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiurnalTest {

  private static final long MIDNIGHT = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();
  private static final int MINUTES_PER_DAY = 1440;

  @ParameterizedTest
  @ValueSource(doubles = {0, 6, 14, 14.5, 23})
  void peaksAtPeakHourWithTheConfiguredAmplitude(double peakHour) {
    double[] day =
        Samples.numbers(
            new GeneratorSpec.Diurnal(22, 5, peakHour, 0), 1, MIDNIGHT, 60_000, MINUTES_PER_DAY);
    int argmax = 0;
    int argmin = 0;
    for (int m = 1; m < day.length; m++) {
      argmax = day[m] > day[argmax] ? m : argmax;
      argmin = day[m] < day[argmin] ? m : argmin;
    }
    assertThat(argmax).isEqualTo((int) Math.round(peakHour * 60));
    assertThat(argmin).isEqualTo((int) Math.round(peakHour * 60 + 720) % MINUTES_PER_DAY);
    assertThat(day[argmax] - 22).isCloseTo(5, within(1e-9));
    assertThat(22 - day[argmin]).isCloseTo(5, within(1e-9));
  }

  @Test
  void addsNoiseWithTheConfiguredStddev() {
    int n = 50_000;
    double noise = 0.3;
    GeneratorSpec spec = new GeneratorSpec.Diurnal(22, 5, 14, noise);
    double[] noisy = Samples.numbers(spec, 9, MIDNIGHT, 5_000, n);
    double[] clean =
        Samples.numbers(new GeneratorSpec.Diurnal(22, 5, 14, 0), 9, MIDNIGHT, 5_000, n);
    double[] residual = new double[n];
    for (int i = 0; i < n; i++) {
      residual[i] = noisy[i] - clean[i];
    }
    assertThat(Samples.mean(residual, 0)).isCloseTo(0, within(5 * noise / Math.sqrt(n)));
    assertThat(Samples.stddev(residual)).isCloseTo(noise, within(5 * noise / Math.sqrt(2.0 * n)));
  }

  @Test
  void followsTheUtcClockOnAnyDay() {
    GeneratorSpec spec = new GeneratorSpec.Diurnal(10, 2, 14, 0);
    long atPeak = Instant.parse("1999-12-31T14:00:00Z").toEpochMilli();
    assertThat(Samples.numbers(spec, 1, atPeak, 1, 1)[0]).isCloseTo(12, within(1e-12));
  }
}
