package io.iotsim.cluster.node;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Locale;

/**
 * How a node keeps the fleet's registry and restarts devices whose node died ({@code
 * iot-sim.registry} and {@code iot-sim.failover} in reference.conf).
 *
 * @param skipMissed resume = skip (true): a recreated device publishes nothing for the gap; replay
 *     (false): it publishes every missed reading at once
 * @param registryTimeout of the registry's majority reads and writes
 * @param wakeChunk devices woken per {@code wakeEvery} after a member is removed
 */
public record FailoverSettings(
    boolean skipMissed, Duration registryTimeout, int wakeChunk, Duration wakeEvery) {

  /**
   * @throws IllegalArgumentException naming the key
   */
  public static FailoverSettings from(Config root) {
    Config c = root.getConfig("iot-sim");
    String resume = c.getString("failover.resume").strip().toLowerCase(Locale.ROOT);
    boolean skip =
        switch (resume) {
          case "skip" -> true;
          case "replay" -> false;
          default ->
              throw new IllegalArgumentException(
                  "failover.resume: must be skip or replay (got '" + resume + "')");
        };
    int chunk = c.getInt("failover.wake-chunk");
    if (chunk < 1) {
      throw new IllegalArgumentException("failover.wake-chunk: must be > 0 (got " + chunk + ")");
    }
    return new FailoverSettings(
        skip, c.getDuration("registry.timeout"), chunk, c.getDuration("failover.wake-interval"));
  }
}
