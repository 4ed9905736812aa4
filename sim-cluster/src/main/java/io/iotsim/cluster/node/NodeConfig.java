package io.iotsim.cluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * How a node's configuration layers: the given overrides (flags, a --config file) over the node's
 * Pekko settings (iot-sim-pekko.conf) over every module's reference.conf, with its IOT_SIM_*
 * environment overrides.
 */
public final class NodeConfig {

  private NodeConfig() {}

  public static Config load(Config overrides) {
    return overrides
        .withFallback(ConfigFactory.parseResources("iot-sim-pekko.conf"))
        .withFallback(ConfigFactory.load())
        .resolve();
  }
}
