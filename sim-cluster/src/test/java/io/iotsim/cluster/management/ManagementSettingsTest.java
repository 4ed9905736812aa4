package io.iotsim.cluster.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.iotsim.cluster.node.NodeConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagementSettingsTest {

  private static ManagementSettings with(Map<String, Object> flags) {
    return ManagementSettings.from(NodeConfig.load(ConfigFactory.parseMap(flags)));
  }

  @Test
  void aServingNodeStartsManagementAnEmbeddedOneDoesNot() {
    ManagementSettings s = with(Map.of());
    assertThat(s.bootstrap()).isFalse();
    assertThat(s.starts(true)).isTrue();
    assertThat(s.starts(false)).isFalse();
    assertThat(s.joinTimeout(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void bootstrapStartsManagementEvenEmbeddedAndWaitsLonger() {
    ManagementSettings s =
        with(Map.of("iot-sim.cluster.join", "bootstrap", "iot-sim.management.enabled", false));
    assertThat(s.bootstrap()).isTrue();
    assertThat(s.starts(false)).isTrue();
    assertThat(s.joinTimeout(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void switchedOffAServingNodeRunsNoManagement() {
    assertThat(with(Map.of("iot-sim.management.enabled", false)).starts(true)).isFalse();
  }

  @Test
  void anUnknownJoinModeNamesTheKeyAndTheChoices() {
    // the node reads the join mode once, in its join settings, which name the choices
    assertThatThrownBy(
            () ->
                io.iotsim.cluster.node.JoinSettings.from(
                    NodeConfig.load(ConfigFactory.parseMap(Map.of("iot-sim.cluster.join", "dns")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cluster.join: must be auto, self, seeds or bootstrap (got 'dns')");
  }

  @Test
  void theManagementKeysReachPekkoManagement() {
    var c =
        NodeConfig.load(
            ConfigFactory.parseMap(
                Map.of(
                    "iot-sim.management.port",
                    18558,
                    "iot-sim.management.host",
                    "10.0.0.7",
                    "iot-sim.management.bootstrap.discovery",
                    "kubernetes-api",
                    "iot-sim.management.bootstrap.required-contact-points",
                    5)));
    assertThat(c.getInt("pekko.management.http.port")).isEqualTo(18558);
    assertThat(c.getString("pekko.management.http.hostname")).isEqualTo("10.0.0.7");
    String discovery = "pekko.management.cluster.bootstrap.contact-point-discovery.";
    assertThat(c.getString(discovery + "discovery-method")).isEqualTo("kubernetes-api");
    assertThat(c.getInt(discovery + "required-contact-point-nr")).isEqualTo(5);
    assertThat(c.getInt("pekko.management.http.port"))
        .isNotEqualTo(NodeConfig.load(ConfigFactory.empty()).getInt("pekko.management.http.port"));
  }
}
