package io.iotsim.cluster.node;

import com.typesafe.config.Config;
import io.iotsim.core.publish.OutputOverride;
import io.iotsim.core.schedule.TickScheduler;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The {@code iot-sim} block, read once at start (reference.conf documents every key). */
public record NodeSettings(
    String grpcHost,
    int grpcPort,
    String httpHost,
    int httpPort,
    int maxDevices,
    long masterSeed,
    OutputOverride output,
    Instant simStart,
    double speed,
    Duration askTimeout,
    Duration spawnTimeout,
    int telemetryBuffer,
    int telemetryBatchSize,
    Duration telemetryFlushInterval,
    int eventBuffer,
    boolean logLifecycle,
    TickScheduler.Settings scheduler) {

  /**
   * @throws IllegalArgumentException naming the key when a value is invalid
   */
  public static NodeSettings from(Config root) {
    Config c = root.getConfig("iot-sim");
    Config node = c.getConfig("node");
    long seed = node.getLong("master-seed");
    if (seed == 0) {
      seed = new SecureRandom().nextLong();
    }
    return new NodeSettings(
        node.getString("grpc.host"),
        port(node, "grpc.port"),
        node.getString("http.host"),
        port(node, "http.port"),
        positive(node, "max-devices"),
        seed,
        OutputOverride.parse(node.getString("output")),
        simStart(node.getString("sim-start")),
        speed(node.getString("speed")),
        node.getDuration("ask-timeout"),
        node.getDuration("spawn-timeout"),
        positive(c, "telemetry.subscriber-buffer"),
        positive(c, "telemetry.batch-size"),
        c.getDuration("telemetry.flush-interval"),
        positive(c, "events.subscriber-buffer"),
        c.getBoolean("events.log-lifecycle"),
        new TickScheduler.Settings(
            c.getDuration("scheduler.slot").toMillis(),
            positive(c, "scheduler.wheel-slots"),
            positive(c, "scheduler.max-window-readings"),
            positive(c, "scheduler.max-windows-in-flight")));
  }

  /** "max" or a positive multiplier; {@link io.iotsim.core.clock.SimClock#MAX_SPEED} for max. */
  public static double speed(String text) {
    if (text.equalsIgnoreCase("max")) {
      return 0.0;
    }
    try {
      double v = Double.parseDouble(text);
      if (v > 0 && !Double.isInfinite(v)) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(
        "speed: must be a positive number or max (got '" + text + "')");
  }

  public static Instant simStart(String text) {
    if (text.equalsIgnoreCase("now")) {
      return Instant.ofEpochMilli(System.currentTimeMillis());
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "sim-start: must be now or an ISO-8601 instant like 2026-01-01T00:00:00Z (got '"
              + text
              + "')");
    }
  }

  private static int port(Config c, String key) {
    int p = c.getInt(key);
    if (p < 0 || p > 65535) {
      throw new IllegalArgumentException(key + ": must be a port 0..65535 (got " + p + ")");
    }
    return p;
  }

  private static int positive(Config c, String key) {
    int v = c.getInt(key);
    if (v <= 0) {
      throw new IllegalArgumentException(key + ": must be > 0 (got " + v + ")");
    }
    return v;
  }
}
