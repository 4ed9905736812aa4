package io.iotsim.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "500ms, PT0.5S",
    "5s, PT5S",
    "1m, PT1M",
    "1h, PT1H",
    "1d, PT24H",
    "1h30m, PT1H30M",
    "1.5s, PT1.5S",
    "' 10ms ', PT0.01S",
    "1m30s250ms, PT1M30.25S",
    "0s, PT0S",
    "0.25h, PT15M"
  })
  void parsesWhatUsersWrite(String text, String iso) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"5 parsecs", "-5s", "5", "", "s", "1.s", ".5s", "5sec", "1h 30m", "5S", "PT5S"})
  void rejectsEverythingElse(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("must be a duration like 500ms, 5s, 1m or 1h (got '" + text + "')");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "99999999999999d",
        "999999999999d",
        "3650d1ms",
        "87601h",
        "1e3d",
        "9223372036854775807s"
      })
  void rejectsDurationsPastTheMaximumWithTheRange(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            text.contains("e") ? "must be a duration" : "must be between 0s and 3650d");
  }

  @org.junit.jupiter.api.Test
  void acceptsTheMaximumAndChecksParsedDurations() {
    assertThat(Durations.parse("3650d")).isEqualTo(Durations.MAX);
    assertThat(Durations.checkRange(Duration.ofDays(1))).isEqualTo(Duration.ofDays(1));
    assertThatThrownBy(() -> Durations.checkRange(Duration.ofSeconds(Long.MAX_VALUE)))
        .hasMessageContaining("must be between 0s and 3650d");
    assertThatThrownBy(() -> Durations.checkRange(Duration.ofSeconds(-1)))
        .hasMessageContaining("must be between");
  }

  @ParameterizedTest
  @CsvSource({
    "PT5S, 5s",
    "PT1M30S, 1m30s",
    "PT0.25S, 250ms",
    "PT1.5S, 1.5s",
    "PT26H, 1d2h",
    "PT0S, 0s",
    "PT1H0.5S, 1h500ms",
    "PT0.0000015S, 0.0000015s"
  })
  void formatsTheShortestForm(String iso, String text) {
    Duration d = Duration.parse(iso);
    assertThat(Durations.format(d)).isEqualTo(text);
    assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
  }
}
