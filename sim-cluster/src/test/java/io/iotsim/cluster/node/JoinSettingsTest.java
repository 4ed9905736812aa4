package io.iotsim.cluster.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.util.Map;
import org.apache.pekko.actor.Address;
import org.junit.jupiter.api.Test;

class JoinSettingsTest {

  private static JoinSettings of(Map<String, Object> flags) {
    return JoinSettings.from(NodeConfig.load(ConfigFactory.parseMap(flags)));
  }

  @Test
  void withoutSeedsANodeFormsItsOwnCluster() {
    assertThat(of(Map.of()).mode()).isEqualTo(JoinSettings.Mode.SELF);
  }

  @Test
  void seedNodesAreJoinedInTheirOrder() {
    JoinSettings j = of(Map.of("iot-sim.cluster.seed-nodes", "10.0.0.1:25520, node-b:2552"));
    assertThat(j.mode()).isEqualTo(JoinSettings.Mode.SEEDS);
    assertThat(j.seeds())
        .containsExactly(
            new Address("pekko", "iot-sim", "10.0.0.1", 25520),
            new Address("pekko", "iot-sim", "node-b", 2552));
  }

  @Test
  void selfWinsOverSeedsWhenAskedFor() {
    JoinSettings j =
        of(Map.of("iot-sim.cluster.seed-nodes", "a:1", "iot-sim.cluster.join", "self"));
    assertThat(j.mode()).isEqualTo(JoinSettings.Mode.SELF);
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> of(Map.of("iot-sim.cluster.seed-nodes", "a:1,b")))
        .hasMessageContaining("seed-nodes")
        .hasMessageContaining("'b'");
    assertThatThrownBy(() -> of(Map.of("iot-sim.cluster.seed-nodes", "a:70000")))
        .hasMessageContaining("'a:70000'");
    assertThatThrownBy(() -> of(Map.of("iot-sim.cluster.join", "dns")))
        .hasMessageContaining("cluster.join: must be auto, self, seeds or bootstrap (got 'dns')");
    assertThatThrownBy(() -> of(Map.of("iot-sim.cluster.join", "seeds")))
        .hasMessageContaining("cluster.join: seeds needs seed nodes");
  }
}
