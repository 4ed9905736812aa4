package io.iotsim.cluster.node;

import com.typesafe.config.ConfigFactory;
import java.util.HashMap;
import java.util.Map;

/** Nodes for tests: ephemeral ports everywhere, so tests never collide with a running node. */
public final class TestNodes {

  private TestNodes() {}

  public static SimNode start(boolean serve, Map<String, Object> overrides) {
    Map<String, Object> all = new HashMap<>();
    all.put("iot-sim.node.grpc.port", 0);
    all.put("iot-sim.node.http.port", 0);
    all.put("iot-sim.node.master-seed", 42);
    all.put("iot-sim.node.output", "null");
    all.put("iot-sim.events.log-lifecycle", false);
    all.put("pekko.remote.artery.canonical.port", 0);
    all.put("iot-sim.management.port", 0);
    all.putAll(overrides);
    return SimNode.start(NodeConfig.load(ConfigFactory.parseMap(all)), serve);
  }
}
