package io.iotsim.core.publish;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What every protocol adapter does with its settings: profile overrides, secrets, bounds. */
public final class ProtocolSettings {

  private ProtocolSettings() {}

  /**
   * A profile's {@code protocol_options} (snake_case or kebab-case keys) over the node's {@code
   * protocol} block.
   *
   * @throws IllegalArgumentException when a profile sets one of {@code secrets}: credentials come
   *     from the node's environment, never from profiles
   */
  public static Config merged(PublisherContext context, String protocol, Set<String> secrets) {
    Map<String, Object> options = new HashMap<>();
    context
        .profileOptions()
        .forEach(
            (key, value) -> {
              String name = key.replace('_', '-');
              if (secrets.contains(name)) {
                throw new IllegalArgumentException(
                    protocol
                        + "."
                        + name
                        + " cannot be set in a profile: set IOT_SIM_"
                        + (protocol + "_" + name).toUpperCase(Locale.ROOT).replace('-', '_')
                        + " on the node");
              }
              options.put(name, value);
            });
    return ConfigFactory.parseMap(options).withFallback(context.settings().getConfig(protocol));
  }

  /** {@code key} of the block, which must be at least 1. */
  public static int positive(Config c, String protocol, String key) {
    int value = c.getInt(key);
    if (value < 1) {
      throw new IllegalArgumentException(protocol + "." + key + " must be at least 1: " + value);
    }
    return value;
  }
}
