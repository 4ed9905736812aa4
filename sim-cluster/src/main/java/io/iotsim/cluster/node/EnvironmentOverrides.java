package io.iotsim.cluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import java.util.Map;

/**
 * The {@code iot-sim} settings that IOT_SIM_* environment variables override, as a layer of their
 * own, so the environment wins over a --config file (defaults -> file -> environment -> flags).
 * Found by resolving every reference.conf twice, with and without the environment: the paths that
 * differ are the ones the environment set. No list of variables to keep in step.
 */
final class EnvironmentOverrides {

  private EnvironmentOverrides() {}

  static Config layer() {
    // Only our block: other libraries' reference.conf may need the system to resolve at all.
    Config reference = ConfigFactory.parseResources("reference.conf").withOnlyPath("iot-sim");
    return difference(reference.resolve(), reference.resolve(ConfigResolveOptions.noSystem()));
  }

  /**
   * The {@code iot-sim} paths whose value in {@code withEnvironment} differs from {@code without}.
   */
  static Config difference(Config withEnvironment, Config without) {
    Config layer = ConfigFactory.empty();
    if (!withEnvironment.hasPath("iot-sim")) {
      return layer;
    }
    for (Map.Entry<String, ConfigValue> e : withEnvironment.getConfig("iot-sim").entrySet()) {
      String path = "iot-sim." + e.getKey();
      if (!without.hasPath(path)
          || !without.getValue(path).unwrapped().equals(e.getValue().unwrapped())) {
        layer = layer.withValue(path, e.getValue());
      }
    }
    return layer;
  }
}
