package io.iotsim.cluster.node;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pekko.actor.Address;

/**
 * How a node joins its cluster ({@code iot-sim.cluster} in reference.conf), read once at start.
 *
 * @param mode self (a cluster of its own), seeds (the seed nodes), pekko (Pekko's own
 *     pekko.cluster.seed-nodes from a --config file: Pekko joins by itself), or bootstrap
 * @param seeds the seed nodes' addresses, in order (the first one forms the cluster)
 * @param timeout how long joining may take before the node gives up
 */
public record JoinSettings(Mode mode, List<Address> seeds, Duration timeout) {

  /** The actor system's name, the same on every node of a cluster. */
  public static final String SYSTEM = "iot-sim";

  /**
   * Join modes; bootstrap hands joining to Pekko Management Cluster Bootstrap (management package).
   */
  public enum Mode {
    SELF,
    SEEDS,
    PEKKO,
    BOOTSTRAP
  }

  /**
   * @throws IllegalArgumentException naming the key and the reason
   */
  public static JoinSettings from(Config root) {
    Config c = root.getConfig("iot-sim.cluster");
    List<Address> seeds = parseSeeds(c.getString("seed-nodes"), SYSTEM);
    Duration timeout = c.getDuration("join-timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("cluster.join-timeout: must be > 0 (got " + timeout + ")");
    }
    boolean pekkoSeeds = !root.getStringList("pekko.cluster.seed-nodes").isEmpty();
    String join = c.getString("join").strip().toLowerCase(Locale.ROOT);
    Mode mode =
        switch (join) {
          case "auto" -> !seeds.isEmpty() ? Mode.SEEDS : pekkoSeeds ? Mode.PEKKO : Mode.SELF;
          case "self" -> Mode.SELF;
          case "bootstrap" -> Mode.BOOTSTRAP;
          case "seeds" -> {
            if (seeds.isEmpty() && !pekkoSeeds) {
              throw new IllegalArgumentException(
                  "cluster.join: seeds needs seed nodes (--seed-nodes or IOT_SIM_SEED_NODES)");
            }
            yield seeds.isEmpty() ? Mode.PEKKO : Mode.SEEDS;
          }
          default ->
              throw new IllegalArgumentException(
                  "cluster.join: must be auto, self, seeds or bootstrap (got '" + join + "')");
        };
    return new JoinSettings(mode, seeds, timeout);
  }

  /**
   * {@code host:port[,host:port...]} as the addresses of nodes of the actor system {@code system}.
   *
   * @throws IllegalArgumentException naming the entry that is not host:port
   */
  public static List<Address> parseSeeds(String text, String system) {
    List<Address> seeds = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return seeds;
    }
    for (String raw : text.split(",")) {
      String entry = raw.strip();
      int colon = entry.lastIndexOf(':');
      String host = colon > 0 ? entry.substring(0, colon) : "";
      int port = -1;
      if (colon > 0) {
        try {
          port = Integer.parseInt(entry.substring(colon + 1));
        } catch (NumberFormatException ignored) {
          // reported below
        }
      }
      if (host.isEmpty() || host.contains("/") || port < 1 || port > 65535) {
        throw new IllegalArgumentException(
            "seed-nodes: each seed must be host:port with a port 1..65535 (got '" + entry + "')");
      }
      seeds.add(new Address("pekko", system, host, port));
    }
    return seeds;
  }
}
