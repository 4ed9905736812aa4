package io.iotsim.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotsim.core.selector.Selector;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelRulesTest {

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      value = {
        "site | north",
        "a | b",
        "example.com/rack | r-1.2_x",
        "iot-sim.io/zone | ''",
        "Fw.Version_2 | 3.4.1",
        "x | 0",
        "a-b.c_d | A-1",
        "sub.do-main.example/n | v"
      },
      delimiter = '|')
  void everyValidLabelCanBeSelected(String key, String value) {
    LabelRules.check("labels", Map.of(key, value));
    // the selector can say exactly this label, bare when it has a value and quoted when empty
    String expr = key + "=" + (value.isEmpty() ? "\"\"" : value);
    Selector s = Selector.parse(expr);
    assertThat(s.matches("d-1", "d", Map.of(key, value))).isTrue();
    assertThat(s.matches("d-1", "d", Map.of(key, value + "x"))).isFalse();
    assertThat(
            Selector.parse(key + " in (" + (value.isEmpty() ? "\"\"" : value) + ")")
                .matches("d-1", "d", Map.of(key, value)))
        .isTrue();
    assertThat(Selector.parse(s.toString())).isEqualTo(s);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a=b,c (d)",
        "",
        "-a",
        "a-",
        "site ",
        "日本語",
        "a/b/c",
        "Upper.Case/x",
        "/x",
        "x/",
        "a..b/c",
        "k\u0000"
      })
  void badKeysAreNamed(String key) {
    assertThatThrownBy(() -> LabelRules.check("labels", Map.of(key, "v")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("labels.")
        .hasMessageNotContaining("\u0000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"日本語🚀", "a/#/+", "a b", "-x", "x.", "has\u0000nul", "tab\t"})
  void badValuesAreNamed(String value) {
    assertThatThrownBy(() -> LabelRules.check("set_labels", Map.of("site", value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("set_labels.site: not a label value");
  }

  @org.junit.jupiter.api.Test
  void lengthsFollowKubernetes() {
    String n63 = "a".repeat(63);
    LabelRules.check("labels", Map.of(n63, n63, "p".repeat(253) + "/" + n63, "v"));
    assertThatThrownBy(() -> LabelRules.check("labels", Map.of(n63 + "a", "v")))
        .hasMessageContaining("not a label key");
    assertThatThrownBy(() -> LabelRules.check("labels", Map.of("k", n63 + "a")))
        .hasMessageContaining("not a label value");
    assertThatThrownBy(() -> LabelRules.check("labels", Map.of("p".repeat(254) + "/n", "v")))
        .hasMessageContaining("prefix");
  }
}
