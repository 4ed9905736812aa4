package io.iotsim.cluster.management;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The {@code iot-sim.management} block and the join mode, read once at start (reference.conf
 * documents every key; iot-sim-pekko.conf maps them onto {@code pekko.management.*}).
 *
 * @param enabled whether a serving node starts Pekko Management HTTP
 * @param bootstrap whether the node joins through Cluster Bootstrap ({@code iot-sim.cluster.join =
 *     bootstrap}); management then starts even on a node that serves nothing else
 * @param bootstrapTimeout how long a bootstrapping node may wait to be Up (its peers may start
 *     later than it does)
 */
public record ManagementSettings(boolean enabled, boolean bootstrap, Duration bootstrapTimeout) {

  /** The join mode that hands joining to Pekko Management Cluster Bootstrap. */
  public static final String BOOTSTRAP = "bootstrap";

  /** Reads the block; the join mode itself is checked by the node's join settings. */
  public static ManagementSettings from(Config root) {
    String join = root.getString("iot-sim.cluster.join").strip().toLowerCase(java.util.Locale.ROOT);
    return new ManagementSettings(
        root.getBoolean("iot-sim.management.enabled"),
        join.equals(BOOTSTRAP),
        root.getDuration("iot-sim.management.bootstrap.timeout"));
  }

  /** How long joining may take: {@code otherwise} unless the node bootstraps. */
  public Duration joinTimeout(Duration otherwise) {
    return bootstrap ? bootstrapTimeout : otherwise;
  }

  /** Whether this node starts Pekko Management HTTP. */
  public boolean starts(boolean serve) {
    return bootstrap || (serve && enabled);
  }
}
