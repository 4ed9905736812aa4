package io.iotsim.core.publish.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.iotsim.core.publish.testing.Contexts;
import io.iotsim.core.seed.Fnv1a64;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parts of the MQTT adapter: hash, backoff, command topics, settings. */
class MqttUnitsTest {

  @Test
  void bytesAndStringsHashAlike() {
    assertThat(Fnv1a64.hash("é"))
        .isEqualTo(Fnv1a64.hash("é".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void devicesSpreadOverThePoolAlmostEvenly() {
    int[] perConnection = new int[10];
    for (int i = 0; i < 100_000; i++) {
      perConnection[Fnv1a64.bucket(String.format("temperature_sensor-%06d", i), 10)]++;
    }
    // 10,000 expected per connection; 5 standard deviations of a binomial is ~475
    assertThat(java.util.Arrays.stream(perConnection).boxed())
        .allSatisfy(n -> assertThat(n).isBetween(9_500, 10_500));
  }

  @Test
  void backoffDoublesUpToTheMaximumWithinTheJitterBand() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 0.25);
    assertThat(backoff.delayMillis(0, 0.5)).isEqualTo(100);
    assertThat(backoff.delayMillis(3, 0.5)).isEqualTo(800);
    assertThat(backoff.delayMillis(30, 0.5)).isEqualTo(2000);
    assertThat(backoff.delayMillis(1, 0.0)).isEqualTo(150);
    assertThat(backoff.delayMillis(1, 0.999999)).isEqualTo(250);
    assertThat(backoff.delayMillis(Integer.MAX_VALUE)).isBetween(1500L, 2500L);
  }

  @Test
  void commandTopicsMatchOnlyTheirTemplate() {
    CommandTopic topic = new CommandTopic("devices/{device_id}/commands");
    assertThat(topic.wildcardFilter()).isEqualTo("devices/+/commands");
    assertThat(topic.topicOf("d-1")).isEqualTo("devices/d-1/commands");
    assertThat(topic.deviceIdOf("devices/d-1/commands")).isEqualTo("d-1");
    assertThat(topic.deviceIdOf("devices/d-1/commands/ack")).isNull();
    assertThat(topic.deviceIdOf("other/d-1/commands")).isNull();
    assertThatThrownBy(() -> new CommandTopic("devices/x{device_id}/commands"))
        .hasMessageContaining("command-topic");
    assertThatThrownBy(() -> new CommandTopic("devices/commands"))
        .hasMessageContaining("command-topic");
  }

  @Test
  void commandIdsComeFromTheJsonOrFromTheBytes() {
    assertThat(CommandHandler.commandIdOf("{\"command_id\":\"c-7\"}".getBytes())).isEqualTo("c-7");
    assertThat(CommandHandler.commandIdOf("{\"command_id\":12}".getBytes())).isEqualTo("12");
    assertThat(CommandHandler.commandIdOf("reboot".getBytes()))
        .isEqualTo(CommandHandler.commandIdOf("reboot".getBytes()))
        .startsWith("cmd-")
        .isNotEqualTo(CommandHandler.commandIdOf("reset".getBytes()));
  }

  @Test
  void profileOptionsOverrideTheNodeSettingsInEitherKeyStyle() {
    MqttSettings settings =
        MqttSettings.from(
            Contexts.of(
                null,
                "mqtt.url = \"ssl://broker:8884\"",
                Map.of("pool_size", 3, "connection", "per_device", "version", "5")));
    assertThat(settings.poolSize()).isEqualTo(3);
    assertThat(settings.connection()).isEqualTo(MqttSettings.Connection.PER_DEVICE);
    assertThat(settings.version()).isEqualTo(MqttSettings.Version.V5);
    assertThat(settings.ssl()).isTrue();
    assertThat(settings.host()).isEqualTo("broker");
    assertThat(settings.port()).isEqualTo(8884);
  }

  @Test
  void invalidSettingsAreRejectedNamingTheSetting() {
    assertThatThrownBy(() -> MqttSettings.from(Contexts.of(null, "mqtt.url = \"http://x\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mqtt.url");
    assertThatThrownBy(() -> MqttSettings.from(Contexts.of(null, "mqtt.pool-size = 0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mqtt.pool-size");
    assertThatThrownBy(() -> MqttSettings.from(Contexts.of(null, "mqtt.version = 4.5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mqtt.version");
    assertThatThrownBy(() -> MqttSettings.from(Contexts.of(null, "", Map.of("password", "x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IOT_SIM_MQTT_PASSWORD");
  }

  @Test
  void everyKeyOfTheReferenceConfigIsReadable() {
    var reference = ConfigFactory.defaultReference().getConfig("iot-sim");
    assertThat(MqttSettings.from(reference.getConfig("mqtt")).poolSize()).isEqualTo(10);
  }
}
