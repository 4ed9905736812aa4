package io.iotsim.core.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad fault parameters are refused with the parameter's name and the reason. */
class FaultSpecTest {

  static FaultSpec of(FaultType t, Map<String, ?> params) {
    return FaultSpec.of(t, 0, Duration.ofSeconds(30), params);
  }

  @Test
  void typesParseInEverySpelling() {
    assertThat(FaultType.parse("disconnect", "type")).isEqualTo(FaultType.DISCONNECT);
    assertThat(FaultType.parse("LATENCY_SPIKE", "type")).isEqualTo(FaultType.LATENCY_SPIKE);
    assertThat(FaultType.parse("FAULT_TYPE_CLOCK_DRIFT", "type")).isEqualTo(FaultType.CLOCK_DRIFT);
    assertThatThrownBy(() -> FaultType.parse("meltdown", "--type"))
        .hasMessageStartingWith("--type: unknown fault type 'meltdown'")
        .hasMessageContaining("battery_drain");
  }

  @Test
  void requiredParameterMissing() {
    assertThatThrownBy(() -> of(FaultType.LATENCY_SPIKE, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("params.latency_ms: required");
  }

  @Test
  void rateOutOfRange() {
    assertThatThrownBy(() -> of(FaultType.DATA_CORRUPTION, Map.of("corruption_rate", "1.5")))
        .hasMessage("params.corruption_rate: must be from 0.0 to 1.0 (got 1.5)");
  }

  @Test
  void notANumber() {
    assertThatThrownBy(() -> of(FaultType.CLOCK_DRIFT, Map.of("drift_rate_ms_per_sec", "fast")))
        .hasMessage("params.drift_rate_ms_per_sec: must be a number (got 'fast')");
  }

  @Test
  void unknownParameterNamesWhatIsExpected() {
    assertThatThrownBy(() -> of(FaultType.DISCONNECT, Map.of("latency_ms", 5)))
        .hasMessage("params.latency_ms: unknown parameter for disconnect (expected reason)");
  }

  @Test
  void durationMustBePositive() {
    assertThatThrownBy(() -> FaultSpec.of(FaultType.DISCONNECT, 0, Duration.ZERO, Map.of()))
        .hasMessageStartingWith("duration: must be > 0");
  }

  @Test
  void parametersAreKeptAsTextForEvents() {
    FaultSpec f = of(FaultType.BATTERY_DRAIN, Map.of("drain_multiplier", 3.0, "reason", "cold"));
    assertThat(f.params()).containsEntry("drain_multiplier", "3").containsEntry("reason", "cold");
    assertThat(f.field()).isEqualTo("battery");
    assertThat(f.endSimMillis()).isEqualTo(30_000);
  }
}
