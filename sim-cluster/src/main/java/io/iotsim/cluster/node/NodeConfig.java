package io.iotsim.cluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * How a node's configuration layers: command-line flags over IOT_SIM_* environment variables over
 * a --config file over the node's Pekko settings (iot-sim-pekko.conf) over every module's
 * reference.conf.
 */
public final class NodeConfig {

  private NodeConfig() {}

  public static Config load(Config overrides) {
    return load(overrides, ConfigFactory.empty());
  }

  /**
   * @param flags command-line flags (and tests' settings)
   * @param file a --config file, unresolved; the environment wins over it
   */
  public static Config load(Config flags, Config file) {
    return flags
        .withFallback(EnvironmentOverrides.layer())
        .withFallback(file)
        .withFallback(ConfigFactory.parseResources("iot-sim-pekko.conf"))
        .withFallback(ConfigFactory.load())
        .resolve();
  }
}
