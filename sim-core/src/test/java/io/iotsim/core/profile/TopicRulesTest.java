package io.iotsim.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicRulesTest {

  @Test
  void mqttRefusesWildcardsNulEmptyAndLength() {
    assertThat(TopicRules.problem("mqtt", "plants/a/v")).isEmpty();
    assertThat(TopicRules.problem("mqtt", "plants/a/#")).get().asString().contains("wildcards");
    assertThat(TopicRules.problem("mqtt", "plants/+/x")).get().asString().contains("wildcards");
    assertThat(TopicRules.problem("mqtt", "a\u0000b")).get().asString().contains("NUL");
    assertThat(TopicRules.problem("mqtt", "")).get().asString().contains("empty");
    assertThat(TopicRules.problem("mqtt", "x".repeat(65_536)))
        .get()
        .asString()
        .contains("65535 bytes");
    assertThat(TopicRules.problem("console", "a/#")).isEmpty();
  }

  @Test
  void amqpRoutingKeysAreAtMost255Bytes() {
    assertThat(TopicRules.problem("amqp", "x".repeat(255))).isEmpty();
    assertThat(TopicRules.problem("amqp", "é".repeat(128)))
        .get()
        .asString()
        .contains("255 bytes (got 256)");
  }

  @Test
  void aTemplateWithAWildcardIsAProfileProblem() {
    assertThatThrownBy(
            () ->
                ProfileLoader.parse(
                    "type: t\nprotocol: mqtt\ntopic_template: \"devices/#/{device_id}\"\n"
                        + "telemetry_fields: {x: {type: static, value: 1}}\n",
                    "t.yaml"))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("topic_template")
        .hasMessageContaining("wildcards");
  }

  @Test
  void theLabelThatMakesTheTopicTooLongIsNamed() {
    DeviceProfile p =
        ProfileLoader.parse(
            "type: t\nprotocol: amqp\ntopic_template: \"m.{label.a}.{label.b}.{label.c}.{label.d}.{label.e}\"\n"
                + "telemetry_fields: {x: {type: static, value: 1}}\n",
            "t.yaml");
    String v = "v".repeat(62);
    TopicRules.check(p, Map.of("a", "x", "b", "x", "c", "x", "d", "x", "e", "x"));
    assertThatThrownBy(
            () -> TopicRules.check(p, Map.of("a", "x", "b", v, "c", v, "d", v, "e", v + "e")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("labels.e: makes the amqp topic")
        .hasMessageContaining("255 bytes");
  }
}
