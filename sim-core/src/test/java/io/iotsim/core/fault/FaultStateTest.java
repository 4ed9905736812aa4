package io.iotsim.core.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.iotsim.core.generator.GeneratorSpec;
import io.iotsim.core.generator.Reading;
import io.iotsim.core.profile.FieldSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each fault does to a reading, its window in simulated time, stacking and clearing. */
class FaultStateTest {

  static final List<FieldSpec> FIELDS =
      List.of(
          new FieldSpec("temperature", new GeneratorSpec.Gaussian(20, 0), 3),
          new FieldSpec("state", new GeneratorSpec.Static("ok"), 3),
          new FieldSpec("battery", new GeneratorSpec.Brownian(100, -0.01, 0, 0, 0, 0, 100), 3));

  static Reading reading(double temperature, double battery) {
    Reading r = new Reading();
    r.reset(3);
    r.setNumber(0, temperature);
    r.setText(1, "ok");
    r.setNumber(2, battery);
    return r;
  }

  static FaultSpec fault(FaultType type, long start, long seconds, Map<String, ?> params) {
    return FaultSpec.of(type, start, Duration.ofSeconds(seconds), params);
  }

  static FaultState with(FaultSpec... faults) {
    FaultState s = new FaultState(7);
    for (FaultSpec f : faults) {
      s.add(f, FIELDS);
    }
    return s;
  }

  @Test
  void disconnectSkipsPublishingOnlyInsideItsWindow() {
    FaultState s = with(fault(FaultType.DISCONNECT, 10_000, 60, Map.of()));
    assertThat(s.apply(9_999, reading(20, 100))).isTrue();
    assertThat(s.apply(10_000, reading(20, 100))).isFalse();
    assertThat(s.apply(69_999, reading(20, 100))).isFalse();
    assertThat(s.apply(70_000, reading(20, 100))).isTrue();
  }

  @Test
  void latencySpikeAsksForADelayAndStacks() {
    FaultState s =
        with(
            fault(FaultType.LATENCY_SPIKE, 0, 10, Map.of("latency_ms", 200)),
            fault(FaultType.LATENCY_SPIKE, 5_000, 10, Map.of("latency_ms", "50")));
    s.apply(1_000, reading(20, 100));
    assertThat(s.latencyMillis()).isEqualTo(200);
    s.apply(6_000, reading(20, 100));
    assertThat(s.latencyMillis()).isEqualTo(250);
    s.apply(12_000, reading(20, 100));
    assertThat(s.latencyMillis()).isEqualTo(50);
  }

  @Test
  void corruptionAtRateOneTurnsEveryNumberIntoNanZeroOrSpike() {
    FaultState s = with(fault(FaultType.DATA_CORRUPTION, 0, 3600, Map.of("corruption_rate", 1.0)));
    int nan = 0, zero = 0, spike = 0;
    for (int k = 0; k < 300; k++) {
      Reading r = reading(20, 100);
      s.apply(k * 1000L, r);
      assertThat(r.text(1)).isEqualTo("ok");
      double v = r.number(0);
      if (Double.isNaN(v)) nan++;
      else if (v == 0) zero++;
      else if (v == 200) spike++;
    }
    assertThat(nan + zero + spike).isEqualTo(300);
    // each outcome ~100 of 300: binomial sd ~8, so 60 is > 4 sd away
    assertThat(nan).isGreaterThan(60);
    assertThat(zero).isGreaterThan(60);
    assertThat(spike).isGreaterThan(60);
  }

  @Test
  void corruptionReplaysFromTheDeviceSeedAndRespectsItsRate() {
    List<Double> a = new ArrayList<>();
    List<Double> b = new ArrayList<>();
    FaultState s1 =
        with(fault(FaultType.DATA_CORRUPTION, 0, 3600, Map.of("corruption_rate", 0.25)));
    FaultState s2 =
        with(fault(FaultType.DATA_CORRUPTION, 0, 3600, Map.of("corruption_rate", 0.25)));
    int corrupted = 0;
    for (int k = 0; k < 2000; k++) {
      Reading r1 = reading(20, 100);
      Reading r2 = reading(20, 100);
      s1.apply(k * 1000L, r1);
      s2.apply(k * 1000L, r2);
      a.add(r1.number(0));
      b.add(r2.number(0));
      if (r1.number(0) != 20) corrupted++;
    }
    assertThat(a).isEqualTo(b);
    // 2 numeric fields x 2000 readings; field 0 corrupted with p = 0.25: mean 500, sd ~19
    assertThat(corrupted).isBetween(500 - 80, 500 + 80);
  }

  @Test
  void corruptionOutsideItsWindowLeavesReadingsAlone() {
    FaultState s =
        with(fault(FaultType.DATA_CORRUPTION, 10_000, 10, Map.of("corruption_rate", 1.0)));
    Reading r = reading(20, 100);
    s.apply(20_000, r);
    assertThat(r.number(0)).isEqualTo(20);
  }

  @Test
  void batteryDrainsFasterDuringTheWindowAndStaysLowerAfter() {
    // generator drift -0.01 %/s; x5 drains an extra 0.04 %/s: 60 s -> 2.4 % extra
    FaultState s = with(fault(FaultType.BATTERY_DRAIN, 0, 60, Map.of("drain_multiplier", 5)));
    Reading r = reading(20, 90);
    s.apply(30_000, r);
    assertThat(r.number(2)).isCloseTo(90 - 1.2, within(1e-9));
    r = reading(20, 90);
    s.apply(59_000, r);
    assertThat(r.number(2)).isCloseTo(90 - 0.04 * 59, within(1e-9));
    r = reading(20, 90);
    s.apply(120_000, r);
    assertThat(r.number(2)).isCloseTo(90 - 0.04 * 59, within(1e-9));
    assertThat(r.number(0)).isEqualTo(20);
  }

  @Test
  void batteryNeverGoesBelowZero() {
    FaultState s =
        with(
            fault(
                FaultType.BATTERY_DRAIN,
                0,
                3600,
                Map.of("drain_multiplier", 100, "drain_per_second", 1)));
    Reading r = reading(20, 10);
    s.apply(60_000, r);
    assertThat(r.number(2)).isZero();
  }

  @Test
  void drainOfAFieldTheDeviceDoesNotHaveDoesNotApply() {
    FaultState s = new FaultState(7);
    assertThat(
            s.add(
                fault(
                    FaultType.BATTERY_DRAIN,
                    0,
                    60,
                    Map.of("drain_multiplier", 2, "field", "charge")),
                FIELDS))
        .isFalse();
    assertThat(s.active()).isFalse();
  }

  @Test
  void clockDriftOffsetsTheTimestampByADeltaGrowingWithTime() {
    FaultState s =
        with(fault(FaultType.CLOCK_DRIFT, 10_000, 600, Map.of("drift_rate_ms_per_sec", 50)));
    s.apply(10_000, reading(20, 100));
    assertThat(s.timestamp()).isEqualTo(10_000);
    s.apply(70_000, reading(20, 100));
    assertThat(s.timestamp()).isEqualTo(70_000 + 3_000);
    s.apply(610_000, reading(20, 100));
    assertThat(s.timestamp()).isEqualTo(610_000);
  }

  @Test
  void disconnectWinsOverTheOthersWhateverTheOrder() {
    FaultState s =
        with(
            fault(FaultType.LATENCY_SPIKE, 0, 60, Map.of("latency_ms", 100)),
            fault(FaultType.DISCONNECT, 0, 60, Map.of()),
            fault(FaultType.CLOCK_DRIFT, 0, 60, Map.of("drift_rate_ms_per_sec", 10)));
    assertThat(s.apply(5_000, reading(20, 100))).isFalse();
  }

  @Test
  void faultsClearInInjectionOrderWhenTheirWindowHasPassed() {
    FaultState s =
        with(
            fault(FaultType.DISCONNECT, 0, 60, Map.of()),
            fault(FaultType.CLOCK_DRIFT, 0, 30, Map.of("drift_rate_ms_per_sec", 10)),
            fault(FaultType.LATENCY_SPIKE, 0, 10, Map.of("latency_ms", 10)));
    List<FaultType> cleared = new ArrayList<>();
    s.expire(29_999, f -> cleared.add(f.type()));
    assertThat(cleared).containsExactly(FaultType.LATENCY_SPIKE);
    s.expire(60_000, f -> cleared.add(f.type()));
    assertThat(cleared)
        .containsExactly(FaultType.LATENCY_SPIKE, FaultType.DISCONNECT, FaultType.CLOCK_DRIFT);
    assertThat(s.hasDisconnect()).isFalse();
    assertThat(s.active()).isFalse();
  }
}
