package io.iotsim.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.ProfileLoader;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Which publisher a profile gets on a node. */
class PublisherRegistryTest {

  static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static DeviceProfile profile(String extra) {
    return ProfileLoader.parse(
        "type: t\nprotocol: mqtt\n"
            + extra
            + "telemetry_fields: {v: {type: gaussian, mean: 0, stddev: 1}}\n",
        "test");
  }

  private static PublisherRegistry registry(OutputOverride output) {
    return new PublisherRegistry(
        testKit.system(), ConfigFactory.load().getConfig("iot-sim"), output);
  }

  @Test
  void aProfilesConnectionModeReachesTheMqttAdapter() {
    try (PublisherRegistry registry = registry(OutputOverride.PROTOCOL)) {
      Publisher pooled = registry.forProfile(profile(""));
      Publisher perDevice = registry.forProfile(profile("connection: per_device\n"));
      assertThat(pooled.getClass().getSimpleName()).isEqualTo("PooledMqttPublisher");
      assertThat(perDevice.getClass().getSimpleName()).isEqualTo("PerDeviceMqttPublisher");
      // One publisher per protocol and options, shared by the devices that use them.
      assertThat(registry.forProfile(profile("connection: per_device\n"))).isSameAs(perDevice);
    }
  }

  @Test
  void theNodesOutputReplacesEveryProtocol() {
    try (PublisherRegistry registry = registry(OutputOverride.parse("null"))) {
      assertThat(registry.forProfile(profile(""))).isInstanceOf(NullPublisher.class);
    }
  }

  @Test
  void aProtocolWithoutAnAdapterIsABadProfile() {
    try (PublisherRegistry registry = registry(OutputOverride.PROTOCOL)) {
      DeviceProfile p = profile("");
      DeviceProfile unknown =
          new DeviceProfile(
              p.type(),
              "zigbee",
              p.topicTemplate(),
              p.telemetryInterval(),
              p.fields(),
              p.labels(),
              p.qos(),
              p.backpressure(),
              p.connection(),
              p.protocolOptions());
      assertThatThrownBy(() -> registry.forProfile(unknown))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("protocol: no adapter for 'zigbee'");
    }
  }
}
