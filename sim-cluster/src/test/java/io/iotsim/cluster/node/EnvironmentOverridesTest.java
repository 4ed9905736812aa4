package io.iotsim.cluster.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** The environment's settings are found as the difference of two resolutions. */
class EnvironmentOverridesTest {

  @Test
  void onlyThePathsTheEnvironmentSetFormTheLayer() {
    var withEnvironment =
        ConfigFactory.parseString("iot-sim.node { grpc.port = 6000, output = protocol }");
    var without =
        ConfigFactory.parseString("iot-sim.node { grpc.port = 50051, output = protocol }");
    var layer = EnvironmentOverrides.difference(withEnvironment, without);
    assertThat(layer.getInt("iot-sim.node.grpc.port")).isEqualTo(6000);
    assertThat(layer.hasPath("iot-sim.node.output")).isFalse();
  }

  @Test
  void theRealReferenceConfResolvesBothWays() {
    var layer = EnvironmentOverrides.layer();
    if (System.getenv().keySet().stream().noneMatch(k -> k.startsWith("IOT_SIM_"))) {
      assertThat(layer.isEmpty()).isTrue();
    }
  }

  @Test
  void theEnvironmentWinsOverAConfigFileAndFlagsWinOverBoth() {
    var file =
        ConfigFactory.parseString("iot-sim.node.max-devices = 7\niot-sim.node.output = console");
    var flags = ConfigFactory.parseString("iot-sim.node.output = \"null\"");
    var config = NodeConfig.load(flags, file);
    assertThat(config.getInt("iot-sim.node.max-devices")).isEqualTo(7);
    assertThat(config.getString("iot-sim.node.output")).isEqualTo("null");
  }
}
