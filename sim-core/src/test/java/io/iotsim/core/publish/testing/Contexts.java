package io.iotsim.core.publish.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.iotsim.core.publish.PublisherContext;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;

/** Publisher contexts over reference.conf with a test's overrides in HOCON. */
public final class Contexts {

  private Contexts() {}

  /** {@code hocon} is relative to the iot-sim block, e.g. {@code mqtt.pool-size = 2}. */
  public static PublisherContext of(ActorSystem<?> system, String hocon) {
    return of(system, hocon, Map.of());
  }

  public static PublisherContext of(
      ActorSystem<?> system, String hocon, Map<String, Object> profileOptions) {
    Config settings =
        ConfigFactory.parseString(hocon)
            .withFallback(ConfigFactory.defaultReference().getConfig("iot-sim"))
            .resolve();
    return new PublisherContext(system, settings, profileOptions);
  }
}
